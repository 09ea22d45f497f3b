"""Reporting and stance verbs: which words make the cue, and what content each one takes."""
import pytest


@pytest.mark.parametrize("text, cue", [
    ("Mayor Lena Ort has repeatedly said the ferry will run.", "has repeatedly said"),
    ("Mayor Lena Ort publicly criticized the harbour board.", "publicly criticized"),
    ("Mayor Lena Ort now says the ferry will run.", "now says"),
])
def test_adverbs_before_the_verb_belong_to_the_cue(attribute_one, text, cue):
    assert attribute_one(text)[1] == cue


def test_a_comparison_adverb_stays_out_of_the_cue(attribute):
    found, _ = attribute("The port is busy, so the mayor said the ferry would wait.")
    assert [a.cue.text for a in found] == ["said"]


@pytest.mark.parametrize("text, cue", [
    ("The harbour master continued to insist that the crane was safe.", "continued to insist"),
    ("The harbour master went on to say that the crane was safe.", "went on to say"),
    ("The harbour master seemed to suggest that the crane was safe.", "seemed to suggest"),
])
def test_a_catenative_verb_joins_the_cue(attribute_one, text, cue):
    assert attribute_one(text)[1] == cue


@pytest.mark.parametrize("text, content", [
    ("As the engineer noted, the bridge is older than the town.", "the bridge is older than the town"),
    ("The bridge is older than the town, as the engineer noted.", "The bridge is older than the town"),
])
def test_as_clause_vouches_for_the_clause_it_hangs_on(attribute_one, text, content):
    source, cue, found = attribute_one(text)
    assert (source, cue, found) == ("the engineer", "noted", content)


def test_documents_report_without_that(attribute_one):
    assert attribute_one("New polls show Ruiz was ahead in the north.") == (
        "New polls", "show", "Ruiz was ahead in the north")


def test_a_person_needs_that_to_find(attribute):
    found, _ = attribute("The ranger found the hikers were asleep in the hut.")
    assert found == []


@pytest.mark.parametrize("text, content", [
    ("The councillor criticized the harbour board for its silence.", "the harbour board for its silence"),
    ("The councillor likened the new tower to a lighthouse.", "the new tower to a lighthouse"),
    ("The councillor called on the board to resign.", "the board to resign"),
])
def test_a_stance_object_keeps_its_complement(attribute_one, text, content):
    assert attribute_one(text)[2] == content


def test_a_place_or_occasion_is_not_part_of_the_stance(attribute_one):
    assert attribute_one("The councillor praised the firefighters at a rally in Lyon.")[2] == "the firefighters"


@pytest.mark.parametrize("text, cue", [
    ("The minister reaffirmed that the border would stay open.", "reaffirmed"),
    ("The minister portrayed the strike as a plot.", "portrayed"),
    ("Protesters chanted that the mayor must go.", "chanted"),
    ("The minister is hoping that the talks resume.", "is hoping"),
])
def test_lexicon_covers_less_common_reporting_verbs(attribute_one, text, cue):
    assert attribute_one(text)[1] == cue


def test_a_pronoun_object_with_its_complement_is_the_content(attribute_one):
    assert attribute_one("Critics accused him of staging a “freak show.”")[2] == "him of staging a “freak show.”"


def test_a_quote_inside_the_object_does_not_replace_it(attribute_one):
    text = "The paper named her the “iron voice” of the harbour strike."
    assert attribute_one(text)[2] == "her the “iron voice” of the harbour strike"


def test_a_bare_pronoun_object_is_no_content(attribute):
    assert attribute("Ort thanked them.")[0] == []


def test_a_gerund_subject_clause_is_reported(attribute_one):
    assert attribute_one("Ort said widening the road could cost millions.")[2] == "widening the road could cost millions"


def test_passive_stance_with_its_agent(attribute_one):
    assert attribute_one("The plan was criticized by the harbour board.") == (
        "the harbour board", "was criticized", "The plan")


@pytest.mark.parametrize("text, expected", [
    ("The harbour plan appears to have failed.", (None, "appears", "The harbour plan appears to have failed")),
    ("Mayor Lena Ort has not seemed worried.", (None, "has not seemed", "Mayor Lena Ort has not seemed worried")),
    ("It seems likely that the dam will hold.", (None, "seems", "likely that the dam will hold")),
])
def test_raising_verbs_report_an_impression_without_a_source(attribute_one, text, expected):
    assert attribute_one(text) == expected


@pytest.mark.parametrize("text", [
    "The harbour board appeared on television.",  # no complement: 'appear' is 'show up'
    "The rally made the mayor seem kinder.",
    "It was what appeared to be a flare.",
])
def test_raising_verbs_without_a_stated_impression(attribute, text):
    assert attribute(text)[0] == []


def test_a_raising_verb_over_a_report_leaves_it_to_the_report(attribute_one):
    assert attribute_one("Ort seemed to blame the harbour board.") == ("Ort", "seemed to blame", "the harbour board")


@pytest.mark.parametrize("text, cue", [
    ("Mayor Lena Ort downplayed the flooding.", "downplayed"),
    ("The harbour board trashed the plan.", "trashed"),
    ("“This is wonderful!” beamed Ort.", "beamed"),
])
def test_lexicon_covers_judgment_and_manner_of_speaking_verbs(attribute_one, text, cue):
    assert attribute_one(text)[1] == cue


def test_an_evaluative_verb_takes_a_bare_pronoun_object(attribute_one):
    assert attribute_one("Most voters in Narva supported her.") == ("Most voters in Narva", "supported", "her")


def test_call_for_parsed_as_a_for_clause(attribute_one):
    assert attribute_one("Ort is calling for the harbour board to step up its efforts.") == (
        "Ort", "is calling for", "the harbour board to step up its efforts")


def test_a_question_hung_as_an_adverbial_clause(attribute):
    found, _ = attribute("Asked if he was ever bullied, the mayor said no.")
    assert [(a.source_text, a.cue.text, a.content.text) for a in found] == [
        (None, "Asked", "if he was ever bullied"), ("the mayor", "said", "no")]


def test_passive_asked_about_has_an_unnamed_asker(attribute_one):
    assert attribute_one("Holt was asked about the harbour loan.") == (None, "was asked about", "the harbour loan")


def test_the_medium_after_the_verb(attribute_one):
    assert attribute_one("Ort wrote on Facebook that the dam would hold.") == (
        "Ort", "wrote on Facebook", "that the dam would hold")
    assert attribute_one("The harbour board said in a statement that the dam would hold.") == (
        "The harbour board", "said", "that the dam would hold")


def test_reports_on_either_side_of_a_semicolon(attribute):
    found, _ = attribute("Ort said the dam would hold; Holt said it would fail.")
    assert [(a.source_text, a.content.text) for a in found] == [
        ("Ort", "the dam would hold"), ("Holt", "it would fail")]


@pytest.mark.parametrize("text, expected", [
    ("Few voters consider Ort honest.", ("Few voters", "consider", "Ort honest")),
    ("Ort cast her rival as a puppet of the board.", ("Ort", "cast", "her rival as a puppet of the board")),
    ("One sign read: “Ort out now.”", ("One sign", "read:", "“Ort out now.”")),
])
def test_judgments_with_a_small_clause_and_inscriptions(attribute_one, text, expected):
    assert attribute_one(text) == expected


@pytest.mark.parametrize("text", ["Ort is considering a run for mayor.", "Ort would consider moving to Narva.",
                                  "The fishermen cast their nets at dawn."])
def test_consider_and_cast_without_a_judgment(attribute, text):
    assert attribute(text)[0] == []


@pytest.mark.parametrize("text, expected", [
    ("Mayor Ort hopes the levy will pass.", ("Mayor Ort", "hopes", "the levy will pass")),
    ("Ort fears the dam will break.", ("Ort", "fears", "the dam will break")),
])
def test_verbs_of_hoping_and_fearing_take_a_clause_without_that(attribute_one, text, expected):
    assert attribute_one(text) == expected


def test_a_gerund_after_a_preposition_takes_the_subject_of_its_verb(attribute_one):
    assert attribute_one("Ort won the race by talking about the harbour wall.") == (
        "Ort", "talking about", "the harbour wall")


def test_a_self_description_is_said_by_self(attribute_one):
    assert attribute_one("Ort, a self-described democratic socialist, won.") == (
        "self", "described", "democratic socialist")


def test_claiming_a_victory_is_a_claim(attribute_one):
    """PolNeAR marks a claimed victory or success as the claimant's stance."""
    assert attribute_one("The Ort campaign is already claiming a clear victory.") == (
        "The Ort campaign", "is already claiming", "a clear victory")


def test_a_perfect_participle_clause_takes_its_heads_subject(attribute_one):
    assert attribute_one("Having warned that the dam would fail, the engineer resigned.") == (
        "the engineer", "Having warned", "that the dam would fail")


def test_an_active_it_subject_is_the_source(attribute):
    """'It' as the subject of an active report points back to a text ('the report ... It shows ...')."""
    attributions, _ = attribute("The harbour report came out on Monday. It shows that the dam leaked.")
    assert [(a.source_text, a.cue.text) for a in attributions] == [("It", "shows")]


def test_it_was_reported_names_no_one(attribute):
    attributions, _ = attribute("It was reported that the dam leaked.")
    assert [a.source_text for a in attributions] == [None]


def test_by_name_stays_with_the_criticized(attribute_one):
    assert attribute_one("The mayor criticized Ort by name.") == ("The mayor", "criticized", "Ort by name")


@pytest.mark.parametrize("text", [
    "Ort used her speech to call for a new harbour wall.",
    "Holt waited to see if the board would approve the levy.",
    "Ort went on the radio to applaud the harbour board.",
])
def test_a_purpose_clause_is_no_report(attribute, text):
    assert [a.cue.text for a in attribute(text)[0]] == []


def test_an_object_made_to_speak_still_reports(attribute):
    attributions, _ = attribute("The board forced Holt to admit that the dam leaked.")
    assert [(a.cue.text, a.content.text) for a in attributions] == [("to admit", "that the dam leaked")]


@pytest.mark.parametrize("text", [
    "The board criticized Ort for saying that the levy was unfair.",
    "Holt left the hall without saying a word.",
    "Ort refrained from attacking her rivals.",
])
def test_a_gerund_of_reason_or_omission_is_no_report(attribute, text):
    cues = [a.cue.text for a in attribute(text)[0]]
    assert "saying" not in cues and "attacking" not in cues


@pytest.mark.parametrize("text", [
    "Do you think the levy will pass?",
    "You can see the problem with the harbour wall.",
    "We have seen this kind of flooding before.",
])
def test_the_reader_or_anyone_is_no_source(attribute, text):
    assert attribute(text)[0] == []


@pytest.mark.parametrize("text", [
    "The rule allows voters to vote for anyone.",
    "The board made residents feel that the dam was safe.",
])
def test_a_permitted_or_caused_act_is_no_report(attribute, text):
    assert attribute(text)[0] == []


def test_let_me_say_is_the_writers_report(attribute):
    assert [a.cue.text for a in attribute("Let me just say that the levy was fair.")[0]] == ["just say"]


def test_a_trailing_relative_clause_is_the_writers_aside(attribute_one):
    assert attribute_one("Ort said the levy would be voted on by Mayor Lena Holt, who took office in May.") == (
        "Ort", "said", "the levy would be voted on by Mayor Lena Holt")


def test_the_one_told_is_no_content_when_a_quote_follows(attribute):
    found, _ = attribute("Holt rallied the dockers, telling the crowd, “The harbour stays open.”")
    assert [(a.source_text, a.cue.text, a.content.text) for a in found] == [
        ("Holt", "telling", "“The harbour stays open.”")]
