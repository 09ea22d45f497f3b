"""Clustering: reports of one incident group together; similar incidents a year apart and copies are handled."""
import random

import pytest

from storyline.stories import StoryIndex, build_stories
from storyline.stories.scoring import bcubed

from hand_digests import day, digest

BODY_FIRE = ("A fire tore through the Ostmark grain silo in Kellerby on {day}, the county fire brigade said. "
             "Firefighter Dana Ruiz said the blaze began in the drying tower and spread to two storage bins. "
             "{count} workers were injured and taken to Kellerby General Hospital. "
             "The silo's owner, Ostmark Grain, said it was cooperating with the brigade's inquiry.")
BODY_FERRY = ("A passenger ferry ran aground off Port Tessel on {day}, the coast guard said. "
              "All 212 passengers were taken ashore by lifeboat crews and no one was hurt, said Captain Ilse Brandt. "
              "The ferry operator, Tessel Lines, said the vessel had lost steering in heavy seas.")


def article(rid, title, body, published, outlet="Kellerby Courier"):
    import storyline

    return storyline.analyze(f"{title}\n\n{body}", published=published, title=title, outlet=outlet, id=rid)


@pytest.fixture(scope="module")
def reports():
    return [
        article("fire-1", "Fire at Kellerby grain silo injures workers",
                BODY_FIRE.format(day="Tuesday", count="Four"), "2031-06-10"),
        article("fire-2", "Silo blaze in Kellerby: brigade opens inquiry",
                "Investigators began work on Thursday at the Ostmark grain silo in Kellerby, where a fire injured "
                "five workers on Tuesday. Firefighter Dana Ruiz said the drying tower had collapsed. "
                "Ostmark Grain said the silo would stay closed.", "2031-06-12", outlet="Valley Post"),
        article("fire-3", "Another fire at Kellerby grain silo",
                BODY_FIRE.format(day="Monday", count="Two"), "2032-06-14"),
        article("ferry-1", "Ferry runs aground off Port Tessel", BODY_FERRY.format(day="Wednesday"),
                "2031-06-11", outlet="Valley Post"),
    ]


def story_of(stories):
    return {d.id: s.id for s in stories for d in s.documents}


def test_reports_of_one_incident_form_one_story(reports):
    of = story_of(build_stories(reports))
    assert of["fire-1"] == of["fire-2"]
    assert of["ferry-1"] != of["fire-1"]


def test_the_same_kind_of_incident_a_year_later_is_a_new_story(reports):
    of = story_of(build_stories(reports))
    assert of["fire-3"] != of["fire-1"]


def test_input_order_does_not_matter(reports):
    expected = story_of(build_stories(reports))
    for seed in range(3):
        shuffled = reports[:]
        random.Random(seed).shuffle(shuffled)
        assert bcubed(story_of(build_stories(shuffled)), expected)[2] == pytest.approx(1.0)


def test_an_index_grows_as_reports_arrive_and_ignores_a_report_seen_before(reports):
    index = StoryIndex()
    first = index.add(reports[0])
    assert index.add(reports[1]) == first
    assert index.add(reports[0]) == first
    assert len(index) == 2
    assert index.add(reports[3]) != first


def test_a_copy_points_at_its_original(reports):
    original = reports[0]
    copy = article("fire-1-copy", "Workers hurt in Kellerby silo fire",
                   original.document.text.split("\n\n", 1)[1], "2031-06-10", outlet="Harrow Gazette")
    story = next(s for s in build_stories([original, copy]) if len(s.documents) == 2)
    assert {d.id: d.duplicate_of for d in story.documents} == {"fire-1": None, "fire-1-copy": "fire-1"}


def test_one_story_can_be_built_without_the_others(reports):
    index = StoryIndex()
    for r in reports:
        index.add(r)
    story = index.story("fire-2")
    assert {d.id for d in story.documents} == {"fire-1", "fire-2"}
    assert story.id == index.story_id("fire-1")


def test_the_timeline_is_in_time_order(reports):
    story = next(s for s in build_stories(reports) if len(s.documents) == 2)
    from storyline.stories.timeline import day_of

    days = [day_of(entry.time) for entry in story.timeline]
    assert days == sorted(days)
    assert day_of("2031-W24") == "2031-06-09"


def test_an_undated_report_linking_equally_to_two_stories_joins_the_latest():
    older = digest("b-older", day(0), {"silo"}, {"silo", "fire"})
    later = digest("a-later", day(30), {"silo"}, {"silo", "blaze"})  # 30 days on: never linked to the older one
    undated = digest("undated", None, {"silo"}, {"silo"})  # as alike to both
    for order in ([older, later, undated], [later, older, undated]):
        groups = sorted(sorted(d.id for d in s.documents) for s in build_stories(order))
        assert groups == [["a-later", "undated"], ["b-older"]]
