"""The Analysis data model: the output contract (v1) every stage writes into.

Key names here are fixed by DESIGN.md; fields may be added, never renamed.
Every item that points into the document carries character offsets into
`Document.text`; `Analysis.untraceable()` lists any that do not match.
"""
from __future__ import annotations

from typing import Literal, Optional

from pydantic import BaseModel, ConfigDict, Field

ANALYSIS_SCHEMA = "storyline.analysis/1"

SectionKind = Literal["headline", "body", "caption", "byline", "furniture", "other"]
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


class PublishedSource(Item):
    """Where a document's publication date was found."""

    kind: Literal["input", "url", "text"]
    span: Optional[Span] = Field(None, description="the words in the text that give the date (kind 'text')")


class Document(Item):
    id: str
    title: Optional[str] = None
    url: Optional[str] = None
    outlet: Optional[str] = None
    published: Optional[str] = Field(None, description="ISO date (YYYY-MM-DD) or null")
    published_source: Optional[PublishedSource] = Field(
        None, description="where `published` came from: the input's metadata, the URL, or the text (with its span)")
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

        source = self.document.published_source
        if source is not None and source.span is not None:
            check("published_source", source.span.start, source.span.end, source.span.text)
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


STORY_SCHEMA = "storyline.story/1"
STORIES_SCHEMA = "storyline.stories/1"
FactStatus = Literal["agreed", "conflicting", "updated", "single_source"]


class StoryDocument(Item):
    """One report in a story: its metadata, and the report it copies when it is a syndicated or near-duplicate copy."""

    id: str
    url: Optional[str] = None
    title: Optional[str] = None
    outlet: Optional[str] = None
    published: Optional[str] = None
    published_source: Optional[str] = Field(None, description="input, url or text")
    duplicate_of: Optional[str] = Field(None, description="id of the earlier document this one copies")


class EntityRef(Item):
    """A story entity as it appears in one document: that document's entity id and the name it uses."""

    document: str
    entity: str
    name: str


class StoryEntity(Item):
    """One real-world entity across the story's reports, with the evidence for each merge."""

    id: str
    name: str
    kind: EntityKind
    aliases: list[str] = []
    descriptors: list[str] = []
    refs: list[EntityRef] = []
    evidence: list[str] = Field([], description="why the names were joined: 'romanisation variant of ...'")
    geo: Optional[Geo] = None


class Support(Item):
    """One report's backing for a value or an event: where it is written and who it comes from."""

    document: str
    published: Optional[str] = None
    attribution: Optional[str] = Field(None, description="the document's attribution id, when a source is quoted")
    event: Optional[str] = Field(None, description="the document's event id (timeline support)")
    source: Optional[str] = Field(None, description="story entity id of who says so; null: the outlet itself")
    source_text: Optional[str] = None
    root_source: str = Field(..., description="the origin after following relays and syndication")
    quote_span: Span
    earlier_report: bool = Field(False, description="the report cites this value as what was said earlier")
    correction: Optional[str] = Field(None, description="a correction or update cue in the same sentence")


class FactValue(Item):
    value: str
    low: Optional[float] = None
    high: Optional[float] = None
    approx: Optional[Approx] = None
    first_reported: Optional[str] = None
    last_reported: Optional[str] = None
    independent_sources: int = 0
    support: list[Support] = []


class Fact(Item):
    """One thing the reports state a value for, lined up across reports."""

    id: str
    subject: str
    property: str
    kind: Literal["count", "place", "agent", "time", "condition", "identity"] = "count"
    status: FactStatus
    reason: Optional[str] = Field(None, description="why the status: the cue or the values that decided it")
    values: list[FactValue] = []


class TimelineEntry(Item):
    time: str = Field(..., description="TIMEX3 value of when it happened")
    precision: Literal["year", "month", "week", "day", "part_of_day", "minute"] = "day"
    event: str = Field(..., description="a short description: the trigger and its participants")
    type: str
    support: list[Support] = []


class Story(Item):
    """Several reports about one incident: what they agree on, where they differ, and the order of events."""

    model_config = ConfigDict(extra="forbid", populate_by_name=True)

    schema_: str = Field(STORY_SCHEMA, alias="schema")
    id: str
    title: Optional[str] = None
    first_published: Optional[str] = None
    last_published: Optional[str] = None
    event_types: list[str] = []
    independent_sources: int = 0
    documents: list[StoryDocument] = []
    entities: list[StoryEntity] = []
    facts: list[Fact] = []
    timeline: list[TimelineEntry] = []

    def to_dict(self) -> dict:
        return self.model_dump(by_alias=True, mode="json")


class Stories(Item):
    """The output of `storyline stories`: every story built from the input."""

    model_config = ConfigDict(extra="forbid", populate_by_name=True)

    schema_: str = Field(STORIES_SCHEMA, alias="schema")
    stories: list[Story] = []

    def to_json(self, indent: int | None = None) -> str:
        return self.model_dump_json(by_alias=True, indent=indent)


def stories_json_schema() -> dict:
    """The JSON Schema of the Stories contract."""
    return Stories.model_json_schema(by_alias=True)


def analysis_json_schema() -> dict:
    """The JSON Schema of the Analysis contract, as published in docs/."""
    return Analysis.model_json_schema(by_alias=True)
