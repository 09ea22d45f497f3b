"""When and where: each report's date and place for the incident, lined up like the counts.

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
from storyline.stories.facts import fact_status, finish_value
from storyline.stories.sources import SourceResolver

INCIDENT_TYPES = frozenset("ATTACK KILL INJURE ABDUCT ARREST DESTROY SEIZE CRASH PROTEST RIOT RESCUE".split())
NEAR_KM = 50.0
_CALENDAR = re.compile(r"^\d{4}(?:-\d{2}(?:-\d{2})?)?$")


def align_event_facts(reports: list[ReportDigest], resolver: SourceResolver,
                      entities: list[StoryEntity]) -> list[Fact]:
    """The incident's date and place as facts, one value per distinct date or place stated."""
    by_id = {e.id: e for e in entities}
    dates: dict[str, FactValue] = {}
    places: dict[str, FactValue] = {}
    for r in reports:
        event = next((v for v in sorted(r.events, key=lambda v: v.trigger[0])
                      if v.type in INCIDENT_TYPES and v.sentence and v.certainty != "negated"), None)
        if event is None:
            continue
        support = resolver.support(r, event.sentence, event.attribution, event.source, event.source_text,
                                   event.via, event=event.id)
        day = (event.time or "")[:10]
        if _CALENDAR.match(day):
            dates.setdefault(day, FactValue(value=day)).support.append(support)
        place = by_id.get(resolver.story_entity(r.id, event.place) or "")
        if place is not None:
            places.setdefault(place.id, FactValue(value=place.name)).support.append(support.model_copy())
    facts = []
    for prop, values, same in (("date", dates, _same_date), ("place", places, _same_place(by_id, places))):
        if not values:
            continue
        ordered = sorted((finish_value(v) for v in values.values()),
                         key=lambda v: (v.first_reported or "9999", v.value))
        status, reason = fact_status(ordered, compatible=same, narrowed=lambda values: None)
        facts.append(Fact(id="", subject="incident", property=prop, kind="time" if prop == "date" else "place",
                          status=status, reason=reason, values=ordered))
    return facts


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
