"""Claims: the counts of one report, with what they count, who says so, and cues of earlier values."""
import pytest

from storyline.stories.claims import claim_property, display_value, sentence_around


def test_status_words_decide_the_property():
    assert claim_property("officers injured", None) == ("injured", "officers")
    assert claim_property("people killed", None) == ("killed", "people")
    assert claim_property("shots", "ATTACK") == ("shots fired", "incident")


def test_an_event_gives_the_property_when_the_counted_noun_does_not():
    assert claim_property("workers", "KILL") == ("killed", "people")
    assert claim_property("workers", None) is None


def test_display_values():
    assert display_value(5.0, None, "at_least") == "at least 5"
    assert display_value(10.0, 15.0, "range") == "10-15"
    assert display_value(2100.0, None, "exact") == "2,100"


def test_sentence_around_a_span():
    text = "Rain fell. Nine people were rescued, crews said. Roads stayed shut."
    start = text.index("Nine")
    assert text[slice(*sentence_around(text, start, start + 4))] == "Nine people were rescued, crews said."


@pytest.fixture(scope="module")
def claims():
    import storyline
    from storyline.stories.claims import extract_claims

    text = ("Flood in Harrowby kills six\n\n"
            "Six people were killed when the river burst its banks, the county coroner said on Friday. "
            "The toll was earlier put at four.\n\n"
            "At least 40 residents were rescued from rooftops by boat crews.")
    return extract_claims(storyline.analyze(text, published="2031-04-05", title="Flood in Harrowby kills six"))


def test_counts_of_a_report_become_claims(claims):
    stated = {(c.property, c.display) for c in claims if not c.earlier_report}
    assert ("killed", "6") in stated
    assert ("rescued", "at least 40") in stated


def test_a_value_cited_as_earlier_is_marked(claims):
    earlier = [c for c in claims if c.earlier_report]
    assert [(c.property, c.display) for c in earlier] == [("killed", "4")]


def test_an_attributed_count_keeps_its_source(claims):
    six = next(c for c in claims if c.display == "6" and "coroner" in c.quote[2])
    assert six.source_text and "coroner" in six.source_text


def test_a_count_from_an_earlier_incident_is_background():
    import storyline
    from storyline.stories.claims import extract_claims

    text = ("Blaze at Harrowby mill\n\n"
            "Two workers were killed in a fire at the Harrowby flour mill on Monday, the fire brigade said. "
            "In March 2029, nine people died in a fire at the same mill.")
    claims = extract_claims(storyline.analyze(text, published="2031-04-09", title="Blaze at Harrowby mill"))
    assert [c.display for c in claims if c.property == "killed"] == ["2"]


def test_no_one_hurt_is_a_count_of_zero():
    import storyline
    from storyline.stories.claims import extract_claims

    text = ("Harrowby bridge reopens\n\n"
            "Contrary to earlier reports, no firefighter was seriously injured at the mill, the brigade said.")
    claims = extract_claims(storyline.analyze(text, published="2031-04-09", title="Harrowby bridge reopens"))
    zero = [c for c in claims if c.value == 0]
    assert [(c.property, c.subject, c.display) for c in zero] == [("seriously injured", "firefighters", "0")]
    assert zero[0].correction.lower() == "contrary to earlier reports"
