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
