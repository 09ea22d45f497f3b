"""The pattern of the founding example, in our own fictional incident: an unnamed actor in early
reports is named a few days later, his condition changes, and the reports disagree on a count."""
import pytest

from storyline.stories import build_stories


@pytest.fixture(scope="module")
def story():
    import storyline

    first = storyline.analyze(
        "Guard shot crossing frontier\n\nA border guard ran across the frontier at Velden on Monday. "
        "The guard was shot five times by his own unit. The guard has yet to regain consciousness, doctors said.",
        published="2031-03-03", title="Guard shot crossing frontier", id="first", outlet="Velden Post")
    later = storyline.analyze(
        "Frontier runner awake\n\nThe border guard who ran across the frontier at Velden on Monday, identified only "
        "by his surname, Vann, is awake and talking, his surgeon said on Friday. Vann was shot four times, the "
        "surgeon said.", published="2031-03-07", title="Frontier runner awake", id="later", outlet="Harrow Gazette")
    stories = build_stories([first, later])
    assert len(stories) == 1
    return stories[0]


def test_the_unnamed_actor_is_the_person_named_later(story):
    vann = next(e for e in story.entities if e.name == "Vann")
    assert {r.document for r in vann.refs} == {"first", "later"}
    assert any("named as Vann" in reason for reason in vann.evidence)


def test_his_condition_is_an_update(story):
    condition = next(f for f in story.facts if f.kind == "condition")
    assert (condition.subject, condition.status) == ("Vann", "updated")
    assert [v.value for v in condition.values] == ["unconscious", "conscious"]


def test_the_counts_conflict(story):
    hits = next(f for f in story.facts if f.property == "shots fired")
    assert hits.status == "conflicting"
    assert {v.value for v in hits.values} == {"4", "5"}
