"""Conditions: a person's state as each report states it, and its change over time."""
import pytest

from storyline.stories import build_stories
from storyline.stories.conditions import extract_conditions


def analyse(rid, title, body, published):
    import storyline

    return storyline.analyze(f"{title}\n\n{body}", published=published, title=title, id=rid,
                             outlet=f"Outlet {rid}")


@pytest.fixture(scope="module")
def reports():
    return [
        analyse("day1", "Cyclist hurt in Harrowby crash",
                "Cyclist Tomas Berg was hit by a delivery van in Harrowby on Monday. "
                "Berg has yet to regain consciousness, police said.", "2031-05-05"),
        analyse("day3", "Harrowby cyclist wakes up",
                "Tomas Berg, the cyclist hit by a delivery van in Harrowby on Monday, has regained consciousness, "
                "his family said on Wednesday.", "2031-05-07"),
    ]


def conditions(analysis):
    names = {e.id: e.name for e in analysis.entities}
    return [(names[person], label) for person, label, _, _ in extract_conditions(analysis)]


def test_yet_to_regain_consciousness_is_unconscious(reports):
    assert conditions(reports[0]) == [("Tomas Berg", "unconscious")]


def test_regained_consciousness_is_conscious(reports):
    assert conditions(reports[1]) == [("Tomas Berg", "conscious")]


def test_a_speaker_is_not_the_patient():
    report = analyse("x", "Surgeon speaks", "Maria Lund was flown to Harrowby General. Dr. Ana Vidal, a surgeon there, "
                     "said on Tuesday that Lund remained in intensive care.", "2031-05-06")
    assert conditions(report) == [("Maria Lund", "in intensive care")]


def test_a_condition_that_changes_between_reports_is_an_update(reports):
    story = next(s for s in build_stories(reports) if len(s.documents) == 2)
    fact = next(f for f in story.facts if f.kind == "condition")
    assert fact.subject == "Tomas Berg"
    assert fact.status == "updated"
    assert [v.value for v in fact.values] == ["unconscious", "conscious"]


def test_conscious_and_in_intensive_care_do_not_conflict():
    reports = [
        analyse("a", "Cyclist awake", "Tomas Berg, hit by a van in Harrowby on Monday, is awake, his family said.",
                "2031-05-07"),
        analyse("b", "Cyclist in intensive care", "Tomas Berg, hit by a van in Harrowby on Monday, remains in "
                "intensive care, the hospital said.", "2031-05-07"),
    ]
    facts = [f for s in build_stories(reports) for f in s.facts if f.kind == "condition"]
    assert {(f.property, f.status) for f in facts} == {("consciousness", "single_source"), ("care", "single_source")}
