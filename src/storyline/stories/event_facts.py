"""When, where and who: each report's date, place and agent of the incident, lined up like the counts.

A report's account of the incident is its first event of an incident type (an
attack, a killing, a fire's destruction, a protest, ...) that carries a date or
a place. Dates agree when one contains the other ("2024-03" and "2024-03-11");
places agree when they are the same story entity, one lies in the other's
country, or they are within `NEAR_KM` of each other.
"""
from __future__ import annotations

import re
from collections import defaultdict

from storyline.gazetteer import distance_km
from storyline.model import Fact, FactValue, StoryEntity
from storyline.stories.digest import ReportDigest
from storyline.stories.facts import line_up, same_value
from storyline.stories.sources import SourceResolver

INCIDENT_TYPES = frozenset("ATTACK KILL INJURE ABDUCT ARREST DESTROY SEIZE CRASH PROTEST RIOT RESCUE".split())
NEAR_KM = 50.0
ACTOR_KINDS = frozenset({"person", "organization", "group", "media"})  # who can do something: not a place
_CALENDAR = re.compile(r"^\d{4}(?:-\d{2}(?:-\d{2})?)?$")


def align_event_facts(reports: list[ReportDigest], resolver: SourceResolver,
                      entities: list[StoryEntity]) -> list[Fact]:
    """The incident's date and place, and who did each kind of thing (the agent of its attacks, arrests, ...)
    as facts, one value per distinct one stated.

    Each report counts with its first incident event that states the date, the first that states
    the place and, per event type, the first that names an agent."""
    by_id = {e.id: e for e in entities}
    dates: dict[str, FactValue] = {}
    places: dict[str, FactValue] = {}
    agents: dict[str, dict[str, FactValue]] = {}  # event type -> agent -> value: who arrested, who attacked
    for r in reports:
        events = [v for v in sorted(r.events, key=lambda v: v.trigger[0])
                  if v.type in INCIDENT_TYPES and v.sentence and v.certainty != "negated"]
        dated = next((v for v in events if _CALENDAR.match((v.time or "")[:10])), None)
        if dated:
            day = dated.time[:10]
            dates.setdefault(day, FactValue(value=day)).support.append(_support(r, dated, resolver))
        placed = next((v for v in events if by_id.get(resolver.story_entity(r.id, v.place) or "")), None)
        if placed:
            place = by_id[resolver.story_entity(r.id, placed.place)]
            places.setdefault(place.id, FactValue(value=place.name)).support.append(_support(r, placed, resolver))
        seen_types = set()
        for v in events:
            agent = next((by_id.get(resolver.story_entity(r.id, e) or "") for e, role in v.participants
                          if role == "agent"), None)
            if agent is not None and agent.kind in ACTOR_KINDS and v.type not in seen_types:
                seen_types.add(v.type)
                agents.setdefault(v.type, {}).setdefault(agent.id, FactValue(value=agent.name)).support.append(
                    _support(r, v, resolver))
    lined_up = [("incident", "date", "time", dates, _same_date),
                ("incident", "place", "place", places, _same_place(by_id, places))]
    lined_up += [(kind.lower(), "agent", "agent", values, same_value) for kind, values in sorted(agents.items())]
    return [line_up(subject, prop, kind, values.values(), compatible=same, narrowed=lambda values: None)
            for subject, prop, kind, values, same in lined_up if values]


def _support(report: ReportDigest, event, resolver: SourceResolver):
    return resolver.support(report, event.sentence, event.attribution, event.source, event.source_text, event.via,
                            event=event.id)


def _same_date(a: FactValue, b: FactValue) -> bool:
    return a.value.startswith(b.value) or b.value.startswith(a.value)


def _same_place(by_id: dict[str, StoryEntity], places: dict[str, FactValue]):
    """Place compatibility over the story's entities: same entity, containment by country, or nearby."""
    entity_of = defaultdict(lambda: None, {v.value: by_id[k] for k, v in places.items()})

    def same(a: FactValue, b: FactValue) -> bool:
        ea, eb = entity_of[a.value], entity_of[b.value]
        if ea is None or eb is None or ea.id == eb.id:
            return True
        ga, gb = ea.geo, eb.geo
        if ga is None or gb is None:
            return True  # nothing to say they differ
        wide = [g for g in (ga, gb) if (g.feature or "").startswith("A.")]
        if wide and ga.country and ga.country == gb.country:
            return True
        return distance_km(ga.lat, ga.lon, gb.lat, gb.lon) <= NEAR_KM

    return same
