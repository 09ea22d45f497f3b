"""Phrase-marked reports: 'according to', a speaker's colon in a headline, a transcript or after a dash."""


def test_according_to_takes_the_whole_coordination(attribute_one):
    _, cue, content = attribute_one(
        "Ort received 37 percent, Holt had 36 percent and Lee got 13 percent, according to the results.")
    assert cue == "according to"
    assert content == "Ort received 37 percent, Holt had 36 percent and Lee got 13 percent"


def test_according_to_after_a_copula_leaves_the_copula_out(attribute_one):
    _, _, content = attribute_one("That’s according to the harbour board.")
    assert content == "That"


def test_according_to_drops_a_leading_connective(attribute_one):
    _, _, content = attribute_one("Still, most voters now view Ort favorably, according to a poll.")
    assert content == "most voters now view Ort favorably"


def test_according_to_a_long_source_phrase(attribute_one):
    source, _, content = attribute_one("According to early counts of ballots cast for the harbour board "
                                       "by Lee Research, majorities of voters in Oslo want a new dam.")
    assert source == "early counts of ballots cast for the harbour board by Lee Research"
    assert content == "majorities of voters in Oslo want a new dam"


def test_headline_speaker_with_lower_case_words(attribute):
    found, _ = attribute("Harbour board chief: Dam will hold.\n\nThe board met on Monday.")
    assert [(a.source_text, a.cue.text, a.content.text) for a in found] == [
        ("Harbour board chief", ":", "Dam will hold")]


def test_headline_speaker_addressing_someone(attribute):
    found, _ = attribute("Ort to Harbour Voters: It Will Be Fine.\n\nThe board met on Monday.")
    assert [(a.source_text, a.content.text) for a in found] == [("Ort", "It Will Be Fine")]


def test_headline_column_name_is_not_a_speaker(attribute):
    found, _ = attribute("The Latest: Harbour board meets on the dam.\n\nThe board met on Monday.")
    assert found == []


def test_transcript_speaker_named_again_by_surname(attribute):
    found, _ = attribute("Lena Ort: The dam will hold.\n\nPer Holt: Why?\n\nOrt: Because it was built well.")
    assert ("Ort", "Because it was built well.") in [(a.source_text, a.content.text) for a in found] or \
        ("Ort", "Because it was built well") in [(a.source_text, a.content.text) for a in found]


def test_capitalised_name_after_a_dash_speaks_the_quote(attribute):
    found, _ = attribute("Polls agree - Carl Bo: “The late shift was real.”")
    assert [(a.source_text, a.cue.text) for a in found] == [("Carl Bo", ":")]


def test_in_a_poll_opening_a_clause_is_its_source(attribute_one):
    source, cue, content = attribute_one("In a harbour survey released Monday, most residents chose Ort.")
    assert (source, cue, content) == ("a harbour survey released Monday", "In", "most residents chose Ort")


def test_in_the_polls_after_the_verb_is_no_source(attribute):
    found, _ = attribute("Ort slid in the polls.")
    assert found == []


def test_person_named_before_a_colon_speaks_the_quote(attribute_one):
    text = 'The surge does not surprise pollster Ann Lee: "Outsiders often win early." Then she left.'
    assert attribute_one(text) == ("Ann Lee", ":", '"Outsiders often win early."')


def test_colon_quote_after_a_reporting_verb_is_not_doubled(attribute):
    found, _ = attribute('Mayor Lena Ort told the harbour board: "We must build the dam."')
    assert len(found) == 1, [(a.cue.text, a.content.text) for a in found]
