"""Stories for other tools: the Stories JSON, an ACLED-style CSV (one row per incident) and GeoJSON points.

Every export reads stories as dicts (`Story.model_dump(by_alias=True)`); Story objects are
dumped first. Article text is untrusted: CSV cells that a spreadsheet would run as a
formula get a leading apostrophe.
"""
from __future__ import annotations

import csv
import io
import json
import math
import re

from storyline.extract.event_ontology import TYPES
from storyline.model import STORIES_SCHEMA

ACLED_COLUMNS = ["event_date", "event_type", "sub_event_type", "actor1", "actor2", "location", "latitude",
                 "longitude", "geo_precision", "source", "notes", "fatalities"]
NUMERIC_COLUMNS = frozenset({"latitude", "longitude", "geo_precision", "fatalities"})
FATALITY_PROPERTIES = frozenset({"killed", "dead", "deaths", "death", "died", "fatalities"})
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}")


def story_dicts(stories) -> list[dict]:
    """Stories as dicts, from a list of dicts or Story objects, a Stories object or a Stories dict."""
    if isinstance(stories, dict):
        stories = stories.get("stories", [])
    elif hasattr(stories, "stories"):
        stories = stories.stories
    return [s if isinstance(s, dict) else s.model_dump(by_alias=True, mode="json") for s in stories]


def stories_json(stories) -> str:
    """The Stories contract as JSON: `{"schema": ..., "stories": [...]}`."""
    return json.dumps({"schema": STORIES_SCHEMA, "stories": story_dicts(stories)}, ensure_ascii=False)


# --- reading a story dict -------------------------------------------------------------------------

def _fact(story: dict, prop: str, kind: str) -> dict | None:
    facts = [f for f in story.get("facts") or [] if f.get("property") == prop and f.get("kind") == kind
             and f.get("values")]
    return next((f for f in facts if f.get("subject") == "incident"), facts[0] if facts else None)


def _sources(v: dict) -> int:
    return v.get("independent_sources") or 0


def _best(values: list[dict]) -> dict:
    """The value with the most independent sources; ties: the first reported."""
    return min(values, key=lambda v: (-_sources(v), v.get("first_reported") or "9999"))


def _chain(values: list[dict]) -> list[dict]:
    """An updated fact's values from before to after (values only cited as earlier ones come first)."""
    def key(pair):
        index, v = pair
        earlier_only = all(s.get("earlier_report") for s in v.get("support") or [{}])
        return (0 if earlier_only and v.get("support") else 1, v.get("first_reported") or "9999", index)
    return [v for _, v in sorted(enumerate(values), key=key)]


def _label(fact: dict) -> str:
    subject, prop = fact.get("subject") or "", fact.get("property") or ""
    return prop if subject in ("", "incident", prop) else f"{subject} {prop}"


def precision(geo: dict | None) -> int | None:
    """ACLED geo-precision of a GeoNames feature: 1 the town or point, 2 a region, 3 a country."""
    if not geo:
        return None
    feature = geo.get("feature") or ""
    if feature.startswith("P."):
        return 1
    if feature.startswith("A.PCL"):
        return 3
    return 2


def _named(entity: dict, name: str) -> bool:
    folded = name.casefold()
    return any(n.casefold() == folded for n in [entity.get("name") or "", *(entity.get("aliases") or [])])


def _valid_geo(geo: dict | None) -> bool:
    lat, lon = (geo or {}).get("lat"), (geo or {}).get("lon")
    return all(isinstance(x, (int, float)) and not isinstance(x, bool) and math.isfinite(x) for x in (lat, lon)) \
        and -90 <= lat <= 90 and -180 <= lon <= 180


def incident_place(story: dict) -> tuple[str | None, dict | None, bool]:
    """(the place fact's best value, the place entity with geo to map, whether that entity is the value).

    Compatible ('agreed') values prefer the most precise place; otherwise the best-supported wins."""
    places = [e for e in story.get("entities") or [] if e.get("kind") == "place" and _valid_geo(e.get("geo"))]
    fact = _fact(story, "place", "place")
    if fact is None:
        return None, (places[0] if places else None), False

    def match(name: str) -> dict | None:
        return next((e for e in places if e.get("name") == name), None) or next(
            (e for e in places if _named(e, name)), None)

    def key(v: dict):
        entity = match(v.get("value") or "")
        sharp = precision(entity["geo"]) if entity else 4
        order = (sharp, -_sources(v)) if fact.get("status") == "agreed" else (-_sources(v), sharp)
        return (*order, v.get("first_reported") or "9999")
    value = min(fact["values"], key=key).get("value")
    matched = match(value or "")
    if matched:
        return value, matched, True
    return value, (places[0] if places else None), False


def incident_date(story: dict) -> str:
    """The date fact's best value, else the earliest day on the timeline, else the first publication."""
    fact = _fact(story, "date", "time")
    if fact:
        return _best(fact["values"]).get("value") or ""
    days = sorted(t["time"][:10] for t in story.get("timeline") or [] if _DAY.match(t.get("time") or ""))
    return days[0] if days else story.get("first_published") or ""


def _count(v: dict) -> int | None:
    if isinstance(v.get("low"), (int, float)) and math.isfinite(v["low"]):
        return int(v["low"])
    digits = re.search(r"\d[\d,]*", v.get("value") or "")
    return int(digits.group().replace(",", "")) if digits else None


def fatalities(story: dict) -> int:
    """The death toll: an update's latest value, else the best-supported (ties: the lower); the largest toll fact."""
    tolls = []
    for f in story.get("facts") or []:
        if f.get("kind", "count") != "count" or f.get("property") not in FATALITY_PROPERTIES or not f.get("values"):
            continue
        if f.get("status") == "updated":
            value = _count(_chain(f["values"])[-1])
        else:
            counted = [(-_sources(v), c, v.get("first_reported") or "9999") for v in f["values"]
                       if (c := _count(v)) is not None]
            value = min(counted)[1] if counted else None
        if value is not None:
            tolls.append(value)
    return max(tolls, default=0)


def acled_event(story: dict) -> tuple[str, str, str]:
    """(our event type, ACLED event type, sub-event type) of the story's first event type with an ACLED code."""
    for name in story.get("event_types") or []:
        code = getattr(TYPES.get(name), "acled", None)
        if code:
            kind, _, sub = code.partition(": ")
            return name, kind, sub
    return "", "", ""


def actors(story: dict, event_type: str = "") -> tuple[str, str]:
    """Two distinct agents: the agent of the coded event type first, then the other events' agents."""
    facts = [f for f in story.get("facts") or [] if f.get("kind") == "agent" and f.get("values")]
    facts.sort(key=lambda f: f.get("subject") != event_type.lower())
    names: list[str] = []
    for f in facts:
        name = _best(f["values"]).get("value") or ""
        if name and name.casefold() not in {n.casefold() for n in names}:
            names.append(name)
    return (names + ["", ""])[0], (names + ["", ""])[1]


def _notes(story: dict) -> str:
    parts = []
    for f in story.get("facts") or []:
        values = f.get("values") or []
        if f.get("status") == "conflicting" and len(values) > 1:
            parts.append(f"{_label(f)}: " + " vs ".join(v.get("value") or "" for v in values))
        elif f.get("status") == "updated" and len(values) > 1:
            parts.append(f"{_label(f)}: " + " -> ".join(v.get("value") or "" for v in _chain(values)))
    title = (story.get("title") or "").strip()
    if title and parts and not title.endswith((".", "!", "?")):
        title += "."
    return " ".join(p for p in (title, "; ".join(parts)) if p)


def acled_rows(story) -> list[dict]:
    """One ACLED-style row for a story (a story is one incident); unknown cells are empty strings."""
    story = story_dicts([story])[0]
    coded, event_type, sub_event_type = acled_event(story)
    actor1, actor2 = actors(story, coded)
    value, entity, _ = incident_place(story)
    geo = entity["geo"] if entity else {}
    outlets = dict.fromkeys(d["outlet"] for d in story.get("documents") or [] if d.get("outlet"))
    return [{
        "event_date": incident_date(story), "event_type": event_type, "sub_event_type": sub_event_type,
        "actor1": actor1, "actor2": actor2, "location": entity.get("name") if entity else value or "",
        "latitude": geo.get("lat", ""), "longitude": geo.get("lon", ""), "geo_precision": precision(geo) or "",
        "source": "; ".join(outlets), "notes": _notes(story), "fatalities": fatalities(story),
    }]


def csv_cell(value, numeric: bool = False) -> str:
    """A CSV cell as text; a text cell a spreadsheet would run as a formula starts with an apostrophe."""
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(FORMULA_STARTS) and not numeric else text


def stories_acled_csv(stories) -> str:
    """Every story as an ACLED-style CSV row, under a header row."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(ACLED_COLUMNS)
    for story in story_dicts(stories):
        for row in acled_rows(story):
            writer.writerow([csv_cell(row[c], c in NUMERIC_COLUMNS) for c in ACLED_COLUMNS])
    return out.getvalue()


def geojson(stories) -> dict:
    """A FeatureCollection: a Point (lon, lat) for every place entity with coordinates, per story."""
    features = []
    for story in story_dicts(stories):
        _, main, is_main = incident_place(story)
        for e in story.get("entities") or []:
            geo = e.get("geo")
            if e.get("kind") != "place" or not _valid_geo(geo):
                continue
            features.append({
                "type": "Feature", "id": f"{story.get('id')}/{e.get('id')}",
                "geometry": {"type": "Point", "coordinates": [geo["lon"], geo["lat"]]},
                "properties": {
                    "story_id": story.get("id"), "story_title": story.get("title"), "name": e.get("name"),
                    "country": geo.get("country"), "main": bool(is_main and main is e),
                    "documents": list(dict.fromkeys(r["document"] for r in e.get("refs") or [] if r.get("document"))),
                },
            })
    return {"type": "FeatureCollection", "features": features}


def stories_geojson(stories) -> str:
    """`geojson(stories)` as a JSON string."""
    return json.dumps(geojson(stories), ensure_ascii=False, allow_nan=False)


EXPORTERS = {"json": stories_json, "csv": stories_acled_csv, "geojson": stories_geojson}


def export_stories(stories, fmt: str) -> str:
    """Stories in one of the export formats: json, csv (ACLED-style) or geojson."""
    try:
        return EXPORTERS[fmt](stories)
    except KeyError:
        raise ValueError(f"unknown export format '{fmt}' (json, csv or geojson)") from None
