"""When and where: each report's date and place of the incident, lined up across reports."""
import datetime as dt
from array import array

from storyline.model import EntityRef, Geo, StoryEntity
from storyline.stories.digest import EventDigest, ReportDigest
from storyline.stories.event_facts import align_event_facts
from storyline.stories.sources import SourceResolver

PLACES = {
    "Harrowby": Geo(lat=54.10, lon=-1.50, country="GB", feature="P.PPL"),
    "Kellerby": Geo(lat=51.50, lon=-0.10, country="GB", feature="P.PPL"),
    "United Kingdom": Geo(lat=54.0, lon=-2.0, country="GB", feature="A.PCLI"),
}


def report(rid, published, day=None, place=None):
    sentence = (0, 30, "The depot burned on that night.")
    event = EventDigest(id="v1", type="DESTROY", trigger=(11, 17, "burned"), time=day,
                        place="e1" if place else None, sentence=sentence)
    return ReportDigest(id=rid, url=None, title=None, outlet=f"Outlet {rid}", published=published,
                        published_source="input", day=dt.date.fromisoformat(published).toordinal(), terms=(),
                        weights=array("f"),
                        keys=(), names={}, places=(), event_types=frozenset({"DESTROY"}), events=[event]), place


def facts_of(*pairs):
    reports = [r for r, _ in pairs]
    entities, mapping = {}, {}
    for r, place in pairs:
        if place:
            e = entities.setdefault(place, StoryEntity(id=f"E{len(entities) + 1}", name=place, kind="place",
                                                       geo=PLACES[place]))
            e.refs.append(EntityRef(document=r.id, entity="e1", name=place))
            mapping[(r.id, "e1")] = e.id
    resolver = SourceResolver(reports, list(entities.values()), mapping, {})
    return {f.property: f for f in align_event_facts(reports, resolver, list(entities.values()))}


def test_a_day_and_its_month_agree():
    date = facts_of(report("a", "2031-04-03", day="2031-04-02"), report("b", "2031-04-05", day="2031-04"))["date"]
    assert date.status == "agreed"


def test_two_different_days_conflict():
    date = facts_of(report("a", "2031-04-03", day="2031-04-02"), report("b", "2031-04-03", day="2031-04-01"))["date"]
    assert date.status == "conflicting"
    assert {v.value for v in date.values} == {"2031-04-01", "2031-04-02"}


def test_a_town_and_its_country_agree_but_two_distant_towns_conflict():
    agree = facts_of(report("a", "2031-04-03", place="Harrowby"), report("b", "2031-04-03", place="United Kingdom"))
    assert agree["place"].status == "agreed"
    differ = facts_of(report("a", "2031-04-03", place="Harrowby"), report("b", "2031-04-03", place="Kellerby"))
    assert differ["place"].status == "conflicting"


def attack_by(rid, group):
    event = EventDigest(id="v1", type="ATTACK", trigger=(10, 18, "attacked"), time=None,
                        participants=(("e2", "agent"),), sentence=(0, 30, f"{group} attacked the depot."))
    report = ReportDigest(id=rid, url=None, title=None, outlet=f"Outlet {rid}", published="2031-04-03",
                          published_source="input", day=dt.date(2031, 4, 3).toordinal(), terms=(),
                          weights=array("f"), keys=(), names={}, places=(), event_types=frozenset({"ATTACK"}),
                          events=[event])
    return report, group


def agent_fact(*pairs):
    reports = [r for r, _ in pairs]
    entities, mapping = {}, {}
    for r, group in pairs:
        e = entities.setdefault(group, StoryEntity(id=f"E{len(entities) + 1}", name=group, kind="group"))
        mapping[(r.id, "e2")] = e.id
    resolver = SourceResolver(reports, list(entities.values()), mapping, {})
    return next(f for f in align_event_facts(reports, resolver, list(entities.values())) if f.property == "agent")


def test_who_attacked_agrees_or_conflicts():
    agreed = agent_fact(attack_by("a", "Northern Brigade"), attack_by("b", "Northern Brigade"))
    assert (agreed.subject, agreed.status) == ("attack", "agreed")
    differ = agent_fact(attack_by("a", "Northern Brigade"), attack_by("b", "River Militia"))
    assert differ.status == "conflicting"
