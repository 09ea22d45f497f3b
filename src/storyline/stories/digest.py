"""What the story layer keeps of one Analysis: a compact, text-free digest.

A story index may hold hundreds of thousands of reports, so it keeps per report
only what clustering, entity linking, fact alignment and the timeline read:
names, counts, events and short quoted spans, never the whole text or the
pydantic objects.
"""
from __future__ import annotations

import sys
from array import array
from dataclasses import dataclass, field
from typing import Optional


@dataclass(slots=True)
class GeoPoint:
    lat: float
    lon: float
    country: Optional[str] = None
    feature: Optional[str] = None
    gazetteer_id: Optional[str] = None


@dataclass(slots=True)
class EntityDigest:
    """One entity of one document: its names, kind, descriptors and how often it is mentioned."""

    id: str  # the document's own entity id (e1, e2, ...)
    name: str
    kind: str  # person, organization, media, place, group, document, other
    aliases: tuple[str, ...] = ()
    descriptors: tuple[str, ...] = ()
    mentions: int = 1  # how many mentions the document has of it
    mention_texts: tuple[str, ...] = ()  # the distinct surface forms used ("the soldier", "Oh")
    geo: Optional[GeoPoint] = None


@dataclass(slots=True)
class ClaimDigest:
    """One stated count ("at least five people were killed"), with who says so and the sentence."""

    property: str  # what is counted: killed, injured, arrested, shots fired, ...
    subject: str  # whose count: people, officers, ...
    value: float
    high: Optional[float]
    approx: str
    display: str  # "at least 5", "10-15"
    quote: tuple[int, int, str]  # the sentence that states it
    attribution: Optional[str] = None
    source: Optional[str] = None  # the document's entity id of the source
    source_text: Optional[str] = None
    via: tuple[str, ...] = ()
    earlier_report: bool = False  # the report cites it as what was said before
    correction: Optional[str] = None  # an update or correction cue in the sentence


@dataclass(slots=True)
class ConditionDigest:
    """A person's state as one report states it ("has yet to regain consciousness")."""

    person: str  # the document's entity id
    condition: str  # conscious, unconscious, critical, stable, in intensive care, ...
    quote: tuple[int, int, str]
    attribution: Optional[str] = None
    source: Optional[str] = None
    source_text: Optional[str] = None
    via: tuple[str, ...] = ()


@dataclass(slots=True)
class EventDigest:
    """One event of one document, reduced to what the timeline needs."""

    id: str
    type: str
    trigger: tuple[int, int, str]
    time: Optional[str]  # TIMEX3 value, resolved
    participants: tuple[tuple[str, str], ...] = ()  # (document entity id, role)
    place: Optional[str] = None
    attribution: Optional[str] = None
    source: Optional[str] = None
    source_text: Optional[str] = None
    via: tuple[str, ...] = ()
    certainty: str = "certain"
    sentence: Optional[tuple[int, int, str]] = None  # kept only for events with a place, a time or an agent


@dataclass(slots=True)
class ReportDigest:
    """Everything the story layer reads of one analysed report."""

    id: str
    url: Optional[str]
    title: Optional[str]
    outlet: Optional[str]
    published: Optional[str]
    published_source: Optional[str]
    day: Optional[int]  # published date as a proleptic ordinal, for time windows
    terms: tuple[str, ...]  # the strongest content terms (interned: shared by all reports) ...
    weights: array  # ... and their weights, L2-normalised (float32: 4 bytes a term)
    keys: tuple[str, ...]  # blocking keys: the strongest terms and entity names
    names: dict[str, float]  # entity name key -> weight, for entity overlap
    places: tuple[tuple[float, float], ...]  # coordinates of the main places
    event_types: frozenset[str]
    signature: object = None  # MinHash of the body's shingles, None when too short to compare
    credit: Optional[str] = None  # the agency a dateline or credit line names
    entities: list[EntityDigest] = field(default_factory=list)
    claims: list[ClaimDigest] = field(default_factory=list)
    events: list[EventDigest] = field(default_factory=list)
    conditions: list[ConditionDigest] = field(default_factory=list)

    def term_weights(self) -> dict[str, float]:
        return dict(zip(self.terms, self.weights))


def digest_report(analysis) -> ReportDigest:
    """The digest of one Analysis (the only place the story layer reads a full Analysis)."""
    from storyline.extract.time.calendar import iso_date
    from storyline.stories.claims import extract_claims, find_credit
    from storyline.stories.conditions import extract_conditions
    from storyline.stories.duplicates import body_signature
    from storyline.stories.terms import content_terms, entity_names

    doc = analysis.document
    text = doc.text
    published = iso_date(doc.published)
    headline = next(((s.start, s.end) for s in analysis.sections if s.kind == "headline"), None)
    terms = content_terms(text, headline)
    entities = [_entity_digest(e) for e in analysis.entities]
    names = entity_names(entities)
    strongest = sorted(terms, key=lambda t: (-terms[t], t))[:8]
    keys = tuple(sorted(set(strongest) | {"@" + n for n in sorted(names, key=lambda n: (-names[n], n))[:8]}))
    places = tuple((e.geo.lat, e.geo.lon) for e in sorted(entities, key=lambda e: (-e.mentions, e.id))
                   if e.geo is not None and e.geo.feature and not e.geo.feature.startswith("A.PCL"))[:3]
    body_start = headline[1] if headline else 0
    times = {t.id: t.value for t in analysis.times}
    attributions = {a.id: a for a in analysis.attributions}
    return ReportDigest(
        id=doc.id, url=doc.url, title=doc.title or _headline_text(text, headline), outlet=doc.outlet or _host(doc.url),
        published=doc.published,
        published_source=doc.published_source.kind if doc.published_source else ("input" if doc.published else None),
        day=published.toordinal() if published else None,
        terms=tuple(sys.intern(t) for t in terms), weights=array("f", terms.values()),
        keys=tuple(sys.intern(k) for k in keys), names={sys.intern(k): w for k, w in names.items()}, places=places,
        event_types=frozenset(sys.intern(v.type) for v in analysis.events),
        signature=body_signature(text[body_start:]),
        credit=find_credit(text, analysis.entities),
        entities=entities,
        claims=extract_claims(analysis),
        events=[_event_digest(v, times, attributions, text) for v in analysis.events if v.type in KEPT_EVENT_TYPES],
        conditions=[ConditionDigest(person, label, quote, a.id if a else None, a.source if a else None,
                                    a.source_text if a else None, tuple(a.via) if a else ())
                    for person, label, quote, a in extract_conditions(analysis)],
    )


# Events the timeline and the date and place facts read; statements, demands and meetings are left out.
KEPT_EVENT_TYPES = frozenset("""ATTACK KILL INJURE ABDUCT ARREST COERCE DESTROY SEIZE MOVE DEFECT RESCUE EVACUATE
MEDICAL CRASH PROTEST RIOT RETREAT MOBILIZE INVESTIGATE""".split())
MENTION_FORMS = 6  # distinct surface forms kept per entity


def _host(url: Optional[str]) -> Optional[str]:
    """A page's site as its outlet when the input names none ("www.ledger.example" -> "ledger.example")."""
    from urllib.parse import urlsplit

    if not url:
        return None
    host = (urlsplit(url if "//" in url else "//" + url).hostname or "").lower()
    return host.removeprefix("www.") or None


def _headline_text(text: str, headline) -> Optional[str]:
    return text[headline[0]:headline[1]].strip() if headline else None


def _entity_digest(e) -> EntityDigest:
    forms = tuple(sys.intern(f) for f in sorted({m.text for m in e.mentions})[:MENTION_FORMS])
    geo = GeoPoint(e.geo.lat, e.geo.lon, e.geo.country, e.geo.feature, e.geo.gazetteer_id) if e.geo else None
    return EntityDigest(
        id=sys.intern(e.id), name=sys.intern(e.name), kind=sys.intern(e.kind),
        aliases=tuple(sys.intern(a) for a in e.aliases), descriptors=tuple(e.descriptors),
        mentions=len(e.mentions), mention_texts=forms, geo=geo,
    )


def _event_digest(v, times: dict, attributions: dict, text: str) -> EventDigest:
    from storyline.stories.claims import sentence_around

    a = attributions.get(v.attribution) if v.attribution else None
    sentence = None
    if v.place or v.time or any(p.role == "agent" for p in v.participants):
        start, end = sentence_around(text, v.trigger.start, v.trigger.end)
        sentence = (start, end, text[start:end])
    return EventDigest(
        id=v.id, type=v.type, trigger=(v.trigger.start, v.trigger.end, v.trigger.text),
        time=times.get(v.time) if v.time else None,
        participants=tuple((p.entity, p.role) for p in v.participants), place=v.place,
        attribution=v.attribution, source=a.source if a else None, source_text=a.source_text if a else None,
        via=tuple(a.via) if a else (), certainty=v.certainty.value, sentence=sentence,
    )
