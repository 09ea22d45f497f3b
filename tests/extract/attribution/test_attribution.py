from storyline.extract.attribution import extract_attributions
from storyline.extract.entities import extract_entities


def only(found):
    assert len(found) == 1, [(a.type, a.content.text) for a in found]
    return found[0]


def test_direct_quote_with_speaker_after(attribute):
    found, names = attribute('"The bridge will stay closed until Friday," Mayor Ines Duarte said.')
    a = only(found)
    assert a.type == "direct"
    assert names[a.source] == "Ines Duarte"
    assert a.content.text == '"The bridge will stay closed until Friday,"'
    assert a.cue.text == "said"
    assert a.source_span.text == "Mayor Ines Duarte"


def test_direct_quote_with_speaker_before_and_colon(attribute):
    found, names = attribute('Dr Jonas Kask told reporters: "The next two days are decisive."')
    a = only(found)
    assert a.type == "direct" and names[a.source] == "Jonas Kask"
    assert a.content.text.startswith('"The next two days')


def test_indirect_speech_with_and_without_that(attribute):
    for text in ("Police said that the driver had fled.", "Police said the driver had fled."):
        a = only(attribute(text)[0])
        assert a.type == "indirect"
        assert a.content.text in ("that the driver had fled", "the driver had fled")
        assert a.source_text == "Police"


def test_according_to_a_document(attribute):
    found, names = attribute("Three guards fired at the car, according to a police report.")
    a = only(found)
    assert a.type == "according_to"
    assert a.content.text == "Three guards fired at the car"
    assert a.source_text == "a police report"


def test_anonymous_group_source_becomes_a_group_entity(nlp):
    doc = nlp("The fire started in the kitchen, officials said.")
    entities = extract_entities(doc)
    a = only(extract_attributions(doc, entities))
    source = next(e for e in entities if e.id == a.source)
    assert source.kind == "group" and source.name == "officials"
    assert a.content.text == "The fire started in the kitchen"


def test_relays_quoted_in_and_outlet_reported(attribute):
    found, names = attribute(
        '"We lost contact at noon," Captain Arvo Tamm said, quoted in the Harbour Herald.')
    a = only(found)
    assert [names[v] for v in a.via] == ["Harbour Herald"]
    found, names = attribute(
        "Minister Ola Berg said the talks had failed, news agency Baltica reported.")
    a = only(found)
    assert names[a.source] == "Ola Berg"
    assert [names[v] for v in a.via] == ["Baltica"]
    assert a.content.text == "the talks had failed"


def test_reportedly_is_a_hedged_report(attribute):
    a = only(attribute("The gunman reportedly fled across the river.")[0])
    assert a.type == "reported"
    assert a.source is None
    assert a.certainty.value == "possible" and "reportedly" in a.certainty.hedges


def test_impersonal_passive_report_has_no_source(attribute):
    a = only(attribute("It was reported that the dam had cracked.")[0])
    assert a.type == "reported" and a.source is None
    assert a.content.text == "that the dam had cracked"


def test_denial_is_negated(attribute):
    a = only(attribute("The ministry denied that troops had crossed the border.")[0])
    assert a.certainty.value == "negated"
    assert a.source_text == "The ministry"


def test_pronoun_speaker_resolves_to_the_person(attribute):
    found, names = attribute('Anna Berg runs the shelter. "We are full," she said.')
    a = only(found)
    assert names[a.source] == "Anna Berg"


def test_relative_clause_verbs_are_not_reports(attribute):
    found, _ = attribute("The medics, who found him lying in the snow, carried him to the van.")
    assert found == []


def test_scare_quotes_are_not_direct_quotes(attribute):
    found, _ = attribute('The so-called "peace village" was empty.')
    assert found == []


def test_reportedly_inside_reported_words_is_a_hedge_not_another_report(attribute):
    found, _ = attribute("A nurse said the patient was reportedly awake.")
    a = only(found)
    assert a.type == "indirect" and "reportedly" in a.certainty.hedges


def test_per_and_as_cited_by_name_a_source(attribute):
    a = only(attribute("The plan was doomed, per the ministry.")[0])
    assert (a.type, a.cue.text, a.source_text, a.content.text) == (
        "according_to", "per", "the ministry", "The plan was doomed")
    a = only(attribute("The toll rose to 12, as cited by the Harbour Herald.")[0])
    assert a.cue.text == "as cited by" and a.source_text == "the Harbour Herald"


def test_rates_with_per_are_not_sources(attribute):
    assert attribute("Prices rose 5 per cent per year.")[0] == []


def test_quote_split_by_its_speaker_is_one_direct_quote(attribute):
    a = only(attribute('Mayor Eva Lund spoke first. "The plan," she said, "was doomed from the start."')[0])
    assert a.type == "direct"
    assert a.content.text == '"The plan," she said, "was doomed from the start."'


def test_quote_of_several_sentences_after_a_colon(attribute):
    a = only(attribute('Mayor Eva Lund said: "We tried everything. Nothing worked."')[0])
    assert a.content.text == '"We tried everything. Nothing worked."'


def test_quote_continuing_in_the_next_paragraph_keeps_its_speaker(attribute):
    found, names = attribute('Mayor Eva Lund said: "We tried everything."\n\n"We will rebuild," she added.')
    assert [names[a.source] for a in found] == ["Eva Lund", "Eva Lund"]


def test_denying_reports_that_is_a_negated_claim(attribute):
    a = only(attribute("Police dismissed speculation that the fire was arson.")[0])
    assert a.content.text == "that the fire was arson" and a.certainty.value == "negated"


def test_footage_shows(attribute):
    a = only(attribute("Video footage shows the guards firing at the car.")[0])
    assert a.source_text == "Video footage" and a.content.text == "the guards firing at the car"


def test_citing_makes_the_outlet_a_relay(attribute):
    found, names = attribute("Ships stayed in port, Meridian Wire reported, citing harbour officials.")
    a = only(found)
    assert a.source_text == "harbour officials"
    assert [names[v] for v in a.via] == ["Meridian Wire"]


def test_report_nested_in_a_paraphrase_folds_into_it(attribute):
    found, _ = attribute("Officials said they believed the driver had fled.")
    a = only(found)
    assert (a.source_text, a.cue.text, a.content.text) == ("Officials", "said", "they believed the driver had fled")
    assert a.certainty.value == "probable" and a.certainty.hedges == ["believed"]


def test_told_outlet_is_a_relay(attribute):
    found, names = attribute('"The talks failed," Anna Berg told Reuters.')
    a = only(found)
    assert names[a.source] == "Anna Berg" and [names[v] for v in a.via] == ["Reuters"]


def test_descriptor_speaker_resolves_to_the_named_person(attribute):
    found, names = attribute("Minister Ola Berg spoke on Monday. The minister added that the deal was off.")
    assert names[only(found).source] == "Ola Berg"


def test_the_company_resolves_to_the_named_company(attribute):
    found, names = attribute("The plant is run by Van Keulen Coatings. The company said it would not comment.")
    assert names[only(found).source] == "Van Keulen Coatings"


def test_source_phrase_stops_before_a_relative_clause(attribute):
    a = only(attribute("A source close to the talks, who spoke on condition of anonymity, said they failed.")[0])
    assert a.source_text == "A source close to the talks"


def test_stance_verbs_attribute_their_object(attribute):
    a = only(attribute("Governor Ann Holt endorsed Mayor Eva Lund on Monday.")[0])
    assert (a.cue.text, a.content.text) == ("endorsed", "Mayor Eva Lund")
    a = only(attribute('Senator Ola Berg called the plan "a disaster."')[0])
    assert a.content.text == 'the plan "a disaster."'
    a = only(attribute("The union called for an independent inquiry.")[0])
    assert (a.cue.text, a.content.text) == ("called for", "an independent inquiry")


def test_intentions_attribute_their_infinitive(attribute):
    a = only(attribute("The company agreed to pay a fine.")[0])
    assert a.content.text == "to pay a fine"


def test_coordinated_speakers_share_one_source_phrase(attribute):
    a = only(attribute("Mayor Eva Lund and Governor Ann Holt said the bridge would reopen.")[0])
    assert a.source_text == "Mayor Eva Lund and Governor Ann Holt"


def test_speaker_colon_lines(attribute):
    found, _ = attribute("HOLT: We will rebuild the wall.\n\nUpdate: the road is open.")
    a = only(found)
    assert (a.source_text, a.cue.text, a.content.text) == ("HOLT", ":", "We will rebuild the wall")


def test_quote_resumes_after_speaker_and_listener(attribute):
    found, names = attribute('"We were targeted," the police chief, Laurent Girard, told a news conference, '
                             '"and we responded."')
    a = only(found)
    assert a.content.text.endswith('"and we responded."') and names[a.source] == "Laurent Girard"


def test_report_whose_clause_the_parser_inverted(attribute):
    found, names = attribute("Meridian Wire had earlier reported, citing officials, that ten shots were fired.")
    a = only(found)
    assert a.content.text == "that ten shots were fired"
    assert a.source_text == "officials" and [names[v] for v in a.via] == ["Meridian Wire"]


def test_speech_time_comes_from_the_cue_sentence_only(nlp):
    import datetime as dt

    from storyline.extract.time import extract_times

    doc = nlp("The union will march on Saturday. Organisers said they expected 5,000 people.")
    times = extract_times(doc, dt.date(2024, 9, 23))
    found = extract_attributions(doc, extract_entities(doc), times)
    assert found and all(a.time is None for a in found)


def test_single_opening_quote_mark_stays_in_the_content(attribute):
    found, _ = attribute("Mayor Holt: ‘We Will Rebuild The Pier.’")
    a = only(found)
    assert a.content.text == "‘We Will Rebuild The Pier.’"


def test_quote_that_is_only_part_of_the_clause_keeps_the_rest(attribute):
    found, _ = attribute('Mara Lind says "the tide is turning for us" despite the loss in Leeds.')
    a = only(found)
    assert a.content.text == '"the tide is turning for us" despite the loss in Leeds'
    found, _ = attribute('Mara Lind added that "the town has waited long enough."')
    assert only(found).content.text == 'that "the town has waited long enough."'


def test_content_that_opens_a_quote_runs_to_its_close(attribute):
    found, _ = attribute('Mara Lind argued that "the ferry must stay. The town needs it."')
    a = only(found)
    assert a.content.text == 'that "the ferry must stay. The town needs it."'


def test_bare_asked_has_an_unnamed_asker_and_the_question_as_content(attribute):
    found, _ = attribute("Asked whether the ferry would run, Mara Lind said she hoped so.")
    asked = next(a for a in found if a.cue.text == "Asked")
    assert asked.source is None and asked.source_text is None
    assert asked.content.text == "whether the ferry would run"


def test_asked_if_is_a_reported_question(attribute):
    found, _ = attribute("Tomas Berg asked if the council had read the report.")
    a = next(a for a in found if a.cue.text == "asked")
    assert a.source_text == "Tomas Berg"
    assert a.content.text == "if the council had read the report"


def test_reporting_verb_with_a_noun_object(attribute):
    found, _ = attribute("Last year most residents said the same about the bridge.")
    a = only(found)
    assert a.cue.text == "said" and a.content.text == "the same about the bridge"


def test_reporting_verb_object_that_is_not_something_said(attribute):
    found, _ = attribute("Mara Lind maintained a narrow lead in the second round.")
    assert found == []


def test_stance_preposition_pointed_to(attribute):
    found, _ = attribute("Mara Lind pointed to the falling number of passengers.")
    a = only(found)
    assert a.cue.text == "pointed to" and a.content.text == "the falling number of passengers"


def test_reporting_clause_inside_the_content_spans_both_parts(attribute):
    found, names = attribute("The new bridge, Mayor Ines Duarte said, would cost far more than planned.")
    a = only(found)
    assert names[a.source] == "Ines Duarte"
    assert a.content.text == "The new bridge, Mayor Ines Duarte said, would cost far more than planned"


def test_quote_resumed_in_the_next_sentence_with_doubled_marks(attribute):
    found, _ = attribute("The council met. ''The bridge is old,'' Ines Duarte said. ''We cannot wait for the money.''")
    a = only(found)
    assert a.content.text.startswith("''The bridge is old,''")
    assert a.content.text.endswith("''We cannot wait for the money.''")


def test_next_quote_with_its_own_speaker_is_not_resumed(attribute):
    found, names = attribute('"The bridge is old," Ines Duarte said.\n\n"It will stand for years," Tomas Berg said.')
    assert [(names[a.source], a.content.text) for a in found] == [
        ("Ines Duarte", '"The bridge is old,"'), ("Tomas Berg", '"It will stand for years,"')]


def test_verb_takes_the_quote_after_it_over_a_finished_quote_before(attribute):
    found, _ = attribute('Duarte backed the plan because "the bridge is old." Duarte says, "That is a fair plan."')
    assert any(a.cue.text == "says" and a.content.text == '"That is a fair plan."' for a in found)


def test_quote_after_a_colon_in_the_next_sentence_is_not_the_earlier_verbs(attribute):
    found, _ = attribute("He asked how the mayor felt on the day. He replied: “The bigger the crowd, the better.”")
    replied = next(a for a in found if a.cue.text.startswith("replied"))
    assert replied.content.text == "“The bigger the crowd, the better.”"


def test_transcript_turn_opening_with_a_quote_mark(attribute):
    found, names = attribute('Part of the interview follows.\n"HALVORSEN: We never planned to close the port.')
    a = only(found)
    assert a.source_span.text == "HALVORSEN" and a.cue.text == ":"
    assert a.content.text == "We never planned to close the port"


def test_speaker_colon_after_a_dash_takes_the_quote(attribute):
    found, names = attribute('Turnout fell sharply - Senator Marta Lindqvist: “Nobody saw the rain coming.”')
    a = only(found)
    assert a.cue.text == ":" and names[a.source] == "Marta Lindqvist"
    assert a.content.text == "“Nobody saw the rain coming.”"


def test_quote_signed_with_a_dash_and_a_name(attribute):
    found, names = attribute('“The ferry should run every hour.” ― Tomas Reyes\nThe next letter came from Oslo.')
    a = only(found)
    assert a.cue.text == "―" and a.source_span.text == "Tomas Reyes"
    assert a.content.text == "“The ferry should run every hour.”"


def test_embedded_tweet_is_its_authors_words(attribute):
    text = ('<tweet id="1" author="@kvale">The harbour vote is a disgrace. pic.twitter.com/abc123'
            ' — Ingrid Kvale (@kvale) May 2, 2016</tweet>')
    found, names = attribute(text)
    a = next(a for a in found if a.cue.text == "—")
    assert a.source_span.text == "Ingrid Kvale"
    assert a.content.text == "The harbour vote is a disgrace."
