"""The Analysis data model: the output contract (v1) every stage writes into.

Key names here are fixed by DESIGN.md; fields may be added, never renamed.
Every item that points into the document carries character offsets into
`Document.text`; `Analysis.untraceable()` lists any that do not match.
"""
from __future__ import annotations

from typing import Literal, Optional

from pydantic import BaseModel, ConfigDict, Field

ANALYSIS_SCHEMA = "storyline.analysis/1"

SectionKind = Literal["headline", "body", "caption", "byline", "other"]
EntityKind = Literal["person", "organization", "media", "place", "group", "document", "other"]
AttributionType = Literal["direct", "indirect", "mixed", "according_to", "reported"]
CertaintyValue = Literal["certain", "probable", "possible", "unknown", "negated"]
Role = Literal["agent", "target", "instrument", "location", "destination", "beneficiary", "other"]
TimeType = Literal["date", "time", "duration", "set"]
TimeAnchor = Literal["absolute", "publication", "speech", "unresolved"]
Approx = Literal["exact", "about", "at_least", "at_most", "more_than", "less_than", "range"]


class Item(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Span(Item):
    """A stretch of the document text: `text == document.text[start:end]`."""

    text: str
    start: int
    end: int


class Document(Item):
    id: str
    title: Optional[str] = None
    url: Optional[str] = None
    outlet: Optional[str] = None
    published: Optional[str] = Field(None, description="ISO date (YYYY-MM-DD) or null")
    language: str = "en"
    text: str


class Section(Item):
    kind: SectionKind
    start: int
    end: int


class Mention(Item):
    start: int
    end: int
    text: str


class Geo(Item):
    lat: float
    lon: float
    country: Optional[str] = Field(None, description="ISO 3166-1 alpha-2 code")
    feature: Optional[str] = Field(None, description="GeoNames feature class.code, e.g. P.PPLA")
    gazetteer_id: Optional[str] = None


class Entity(Item):
    id: str
    name: str
    kind: EntityKind
    aliases: list[str] = []
    descriptors: list[str] = []
    mentions: list[Mention] = []
    geo: Optional[Geo] = None


class Certainty(Item):
    """FactBank-style factuality: how sure the source is, and the words that say so."""

    value: CertaintyValue = "certain"
    conditional: bool = False
    hedges: list[str] = []


class Attribution(Item):
    id: str
    type: AttributionType
    source: Optional[str] = Field(None, description="entity id of the source")
    source_text: Optional[str] = None
    source_span: Optional[Span] = None
    via: list[str] = Field([], description="entity ids of relays, innermost first")
    cue: Span
    content: Span
    time: Optional[str] = Field(None, description="time id: when it was said")
    certainty: Certainty = Certainty()


class Participant(Item):
    entity: str
    role: Role


class Event(Item):
    id: str
    type: str
    trigger: Span
    participants: list[Participant] = []
    place: Optional[str] = None
    time: Optional[str] = None
    quantities: list[str] = []
    attribution: Optional[str] = None
    certainty: Certainty = Certainty()
    plover: Optional[str] = None
    acled: Optional[str] = None


class Time(Item):
    id: str
    text: str
    start: int
    end: int
    type: TimeType
    value: Optional[str] = None
    anchor: TimeAnchor


class Quantity(Item):
    id: str
    text: str
    start: int
    end: int
    value: Optional[float] = None
    unit: Optional[str] = None
    approx: Approx = "exact"
    counts: Optional[str] = None
    high: Optional[float] = Field(None, description="upper bound when approx is 'range'")
    metric_value: Optional[float] = Field(None, description="value in the metric unit (150 yd -> 137.16 m)")
    metric_unit: Optional[str] = Field(None, description="the metric unit of metric_value")


class Note(Item):
    type: str
    text: str
    start: int
    end: int
    target: Optional[str] = Field(None, description="id of the item the note is about")


class Analysis(Item):
    """What one article says: the whole per-article output."""

    model_config = ConfigDict(extra="forbid", populate_by_name=True)

    schema_: str = Field(ANALYSIS_SCHEMA, alias="schema")
    document: Document
    sections: list[Section] = []
    entities: list[Entity] = []
    attributions: list[Attribution] = []
    events: list[Event] = []
    times: list[Time] = []
    quantities: list[Quantity] = []
    notes: list[Note] = []

    def to_json(self, indent: int | None = None) -> str:
        return self.model_dump_json(by_alias=True, indent=indent)

    def to_dict(self) -> dict:
        return self.model_dump(by_alias=True, mode="json")

    def untraceable(self) -> list[str]:
        """Describe every span whose offsets do not reproduce its text (should be empty)."""
        text = self.document.text
        bad = []

        def check(where: str, start: int, end: int, quoted: str | None) -> None:
            if not (0 <= start <= end <= len(text)) or (quoted is not None and text[start:end] != quoted):
                bad.append(f"{where}: [{start}:{end}] {quoted!r}")

        for s in self.sections:
            check("section", s.start, s.end, None)
        for e in self.entities:
            for m in e.mentions:
                check(f"entity {e.id}", m.start, m.end, m.text)
        for a in self.attributions:
            for name, sp in (("cue", a.cue), ("content", a.content), ("source_span", a.source_span)):
                if sp is not None:
                    check(f"attribution {a.id} {name}", sp.start, sp.end, sp.text)
        for v in self.events:
            check(f"event {v.id}", v.trigger.start, v.trigger.end, v.trigger.text)
        for t in self.times:
            check(f"time {t.id}", t.start, t.end, t.text)
        for q in self.quantities:
            check(f"quantity {q.id}", q.start, q.end, q.text)
        for n in self.notes:
            check(f"note {n.type}", n.start, n.end, n.text)
        return bad


def analysis_json_schema() -> dict:
    """The JSON Schema of the Analysis contract, as published in docs/."""
    return Analysis.model_json_schema(by_alias=True)
