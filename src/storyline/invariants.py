"""Output invariants of the two contracts: what must hold of every Analysis and every Story produced.

    >>> from storyline.invariants import analysis_problems, check_analysis, check_story
    >>> analysis_problems(analysis)            # [] when all hold, else one line per problem
    >>> check_analysis(analysis)               # raises InvariantError listing every problem
    >>> check_story(story, {a.document.id: a for a in analyses})

An Analysis (docs/contract.md, `storyline.analysis/1`):
- every span-bearing item (sections, entity mentions, attribution cue, content and
  source_span, event triggers, times, quantities, notes, the published_source span)
  has 0 <= start <= end <= len(document.text), and its `text` (where it has one)
  equals `document.text[start:end]`;
- ids are unique per kind (entities, attributions, events, times, quantities);
- every referenced id exists: attribution.source and via (entities), attribution.time
  (times), event participants (entities), event.place (entity), event.time (time),
  event.quantities (quantities), event.attribution (attribution), note.target (any item);
- its JSON validates against the published JSON Schema (docs/analysis.schema.json,
  as `storyline schema` prints it).

A Story (`storyline.story/1`):
- document ids are unique; every Support.document, EntityRef.document and
  StoryDocument.duplicate_of is one of the story's documents (a copy is not its own original);
- fact ids and story entity ids are unique; a document's entity id belongs to one
  story entity at most; Support.source, when set, is a story entity id;
- with `documents` (id -> text, or id -> Analysis): every Support.quote_span reproduces
  that document's text slice; with analyses, also EntityRef.entity, Support.attribution
  and Support.event exist in that document's analysis;
- its JSON, wrapped as a `storyline.stories/1` output, validates against the published schema
  (docs/stories.schema.json, `storyline schema --stories`).

The JSON Schema check uses `jsonschema` (a compiled validator cached per process) when it
is installed, else a pydantic round trip of the JSON through the model the schema is
generated from.
"""
from __future__ import annotations

import functools
import json
from pathlib import Path
from typing import Any, Iterable, Mapping

from storyline.model import ANALYSIS_SCHEMA, STORIES_SCHEMA, STORY_SCHEMA

__all__ = ["InvariantError", "analysis_problems", "story_problems", "check_analysis", "check_story"]

_DOCS = Path(__file__).resolve().parents[2] / "docs"  # the published schemas, in a source checkout
MAX_SCHEMA_ERRORS = 10  # schema errors listed per object (one broken list can produce hundreds)
_MESSAGE_CHARS = 240


class InvariantError(ValueError):
    """An Analysis or Story that breaks the output contract; `problems` lists every broken invariant."""

    def __init__(self, subject: str, problems: list[str]):
        self.subject = subject
        self.problems = list(problems)
        lines = "\n".join(f"  - {p}" for p in self.problems)
        super().__init__(f"{subject}: {len(self.problems)} output invariant problem(s):\n{lines}")


def check_analysis(analysis) -> None:
    """Raise InvariantError listing every problem of `analysis`; return None when it keeps the contract."""
    problems = analysis_problems(analysis)
    if problems:
        raise InvariantError(f"analysis of document {_doc_id(analysis)!r}", problems)


def check_story(story, documents: Mapping[str, Any] | None = None) -> None:
    """Raise InvariantError listing every problem of `story`; see `story_problems` for `documents`."""
    problems = story_problems(story, documents)
    if problems:
        raise InvariantError(f"story {getattr(story, 'id', None)!r}", problems)


# ---------------------------------------------------------------- Analysis

def analysis_problems(analysis) -> list[str]:
    """Every broken invariant of one Analysis, one line each (empty when it keeps the contract)."""
    problems: list[str] = []
    text = analysis.document.text
    length = len(text)

    def span(where: str, start, end, quoted) -> None:
        if type(start) is not int or type(end) is not int:  # noqa: E721 - bool is an int but no offset
            problems.append(f"{where}: offsets {start!r}:{end!r} are not integers")
        elif not 0 <= start <= end <= length:
            problems.append(f"{where}: offsets [{start}:{end}] out of range (text length {length})")
        elif quoted is not None and text[start:end] != quoted:
            problems.append(f"{where}: text {_clip(quoted)!r} != document.text[{start}:{end}] "
                            f"{_clip(text[start:end])!r}")

    if analysis.schema_ != ANALYSIS_SCHEMA:
        problems.append(f"schema: {analysis.schema_!r}, expected {ANALYSIS_SCHEMA!r}")
    source = analysis.document.published_source
    if source is not None and source.span is not None:
        span("document.published_source.span", source.span.start, source.span.end, source.span.text)
    for i, s in enumerate(analysis.sections):
        span(f"section {i} ({s.kind})", s.start, s.end, None)
    for e in analysis.entities:
        for i, m in enumerate(e.mentions):
            span(f"entity {e.id} mention {i}", m.start, m.end, m.text)
    for a in analysis.attributions:
        for name, sp in (("cue", a.cue), ("content", a.content), ("source_span", a.source_span)):
            if sp is not None:
                span(f"attribution {a.id} {name}", sp.start, sp.end, sp.text)
    for v in analysis.events:
        span(f"event {v.id} trigger", v.trigger.start, v.trigger.end, v.trigger.text)
    for t in analysis.times:
        span(f"time {t.id}", t.start, t.end, t.text)
    for q in analysis.quantities:
        span(f"quantity {q.id}", q.start, q.end, q.text)
    for i, n in enumerate(analysis.notes):
        span(f"note {i} ({n.type})", n.start, n.end, n.text)

    entities = _ids("entity", analysis.entities, problems)
    attributions = _ids("attribution", analysis.attributions, problems)
    events = _ids("event", analysis.events, problems)
    times = _ids("time", analysis.times, problems)
    quantities = _ids("quantity", analysis.quantities, problems)

    def ref(where: str, value, known: set, kind: str) -> None:
        if value is not None and value not in known:
            problems.append(f"{where}: {value!r} is no {kind} id")

    for a in analysis.attributions:
        ref(f"attribution {a.id} source", a.source, entities, "entity")
        for relay in a.via:
            ref(f"attribution {a.id} via", relay, entities, "entity")
        ref(f"attribution {a.id} time", a.time, times, "time")
    for v in analysis.events:
        for p in v.participants:
            ref(f"event {v.id} participant ({p.role})", p.entity, entities, "entity")
        ref(f"event {v.id} place", v.place, entities, "entity")
        ref(f"event {v.id} time", v.time, times, "time")
        for q in v.quantities:
            ref(f"event {v.id} quantity", q, quantities, "quantity")
        ref(f"event {v.id} attribution", v.attribution, attributions, "attribution")
    if analysis.notes:
        items = entities | attributions | events | times | quantities
        for i, n in enumerate(analysis.notes):
            ref(f"note {i} ({n.type}) target", n.target, items, "item")

    problems.extend(_schema_problems("analysis", analysis))
    return problems


def _ids(kind: str, items: Iterable, problems: list[str]) -> set:
    """The ids of one kind of item, noting any used twice."""
    seen: set = set()
    for item in items:
        if item.id in seen:
            problems.append(f"{kind} id {item.id!r} used more than once")
        seen.add(item.id)
    return seen


# ---------------------------------------------------------------- Story

def story_problems(story, documents: Mapping[str, Any] | None = None) -> list[str]:
    """Every broken invariant of one Story, one line each (empty when it keeps the contract).

    `documents` maps document ids to their text (str), or to their Analysis (or Document):
    given a document's text, each Support.quote_span in it is checked against that text;
    given its Analysis, the document's entity, attribution and event ids cited are checked too.
    Documents of the story absent from the mapping are checked for what needs no text."""
    problems: list[str] = []
    if story.schema_ != STORY_SCHEMA:
        problems.append(f"schema: {story.schema_!r}, expected {STORY_SCHEMA!r}")
    ids: set[str] = set()
    for d in story.documents:
        if d.id in ids:
            problems.append(f"document {d.id!r} listed more than once")
        ids.add(d.id)
    for d in story.documents:
        if d.duplicate_of is not None:
            if d.duplicate_of == d.id:
                problems.append(f"document {d.id!r} duplicate_of itself")
            elif d.duplicate_of not in ids:
                problems.append(f"document {d.id!r} duplicate_of {d.duplicate_of!r}, not a document of the story")

    texts: dict[str, str] = {}
    analyses: dict[str, Any] = {}
    if documents:
        for doc_id in ids:
            given = documents.get(doc_id)
            if given is None:
                continue
            if isinstance(given, str):
                texts[doc_id] = given
            elif hasattr(given, "document"):  # an Analysis
                texts[doc_id] = given.document.text
                analyses[doc_id] = given
            elif hasattr(given, "text"):  # a Document
                texts[doc_id] = given.text
    known: dict[str, dict[str, set]] = {}

    def doc_ids(doc_id: str, kind: str) -> set | None:
        """The ids of one kind in a document's analysis, when its analysis was given."""
        analysis = analyses.get(doc_id)
        if analysis is None:
            return None
        per_doc = known.setdefault(doc_id, {})
        if kind not in per_doc:
            per_doc[kind] = {item.id for item in getattr(analysis, kind)}
        return per_doc[kind]

    entity_ids = set()
    referenced: dict[tuple[str, str], str] = {}
    for e in story.entities:
        if e.id in entity_ids:
            problems.append(f"story entity id {e.id!r} used more than once")
        entity_ids.add(e.id)
        for r in e.refs:
            if r.document not in ids:
                problems.append(f"entity {e.id} ref: document {r.document!r} is not a document of the story")
                continue
            owner = referenced.get((r.document, r.entity))
            if owner is not None:
                problems.append(f"entity {e.id} ref: entity {r.entity!r} of document {r.document!r} "
                                f"already belongs to story entity {owner}")
            else:
                referenced[(r.document, r.entity)] = e.id
            in_doc = doc_ids(r.document, "entities")
            if in_doc is not None and r.entity not in in_doc:
                problems.append(f"entity {e.id} ref: {r.entity!r} is no entity id of document {r.document!r}")

    fact_ids = set()
    for f in story.facts:
        if f.id in fact_ids:
            problems.append(f"fact id {f.id!r} used more than once")
        fact_ids.add(f.id)

    def support(where: str, s) -> None:
        if s.document not in ids:
            problems.append(f"{where}: document {s.document!r} is not a document of the story")
            return
        if s.source is not None and s.source not in entity_ids:
            problems.append(f"{where}: source {s.source!r} is no story entity id")
        q = s.quote_span
        text = texts.get(s.document)
        if type(q.start) is not int or type(q.end) is not int:  # noqa: E721
            problems.append(f"{where}: quote_span offsets {q.start!r}:{q.end!r} are not integers")
        elif not 0 <= q.start <= q.end:
            problems.append(f"{where}: quote_span offsets [{q.start}:{q.end}] out of range")
        elif text is not None:
            if q.end > len(text):
                problems.append(f"{where}: quote_span offsets [{q.start}:{q.end}] out of range "
                                f"(document {s.document!r} text length {len(text)})")
            elif text[q.start:q.end] != q.text:
                problems.append(f"{where}: quote_span {_clip(q.text)!r} != text of document {s.document!r}"
                                f"[{q.start}:{q.end}] {_clip(text[q.start:q.end])!r}")
        for field, kind in (("attribution", "attributions"), ("event", "events")):
            value = getattr(s, field)
            in_doc = doc_ids(s.document, kind) if value is not None else None
            if in_doc is not None and value not in in_doc:
                problems.append(f"{where}: {field} {value!r} is no {field} id of document {s.document!r}")

    for f in story.facts:
        for i, v in enumerate(f.values):
            for j, s in enumerate(v.support):
                support(f"fact {f.id} value {i} support {j}", s)
    for i, entry in enumerate(story.timeline):
        for j, s in enumerate(entry.support):
            support(f"timeline {i} support {j}", s)

    problems.extend(_schema_problems("story", story))
    return problems


# ---------------------------------------------------------------- JSON Schema

def _schema_problems(kind: str, obj) -> list[str]:
    """How the object's JSON breaks the published JSON Schema (at most MAX_SCHEMA_ERRORS lines)."""
    if kind == "analysis":
        instance = obj.to_dict()
    else:  # a Story is published inside a `storyline.stories/1` document
        instance = {"schema": STORIES_SCHEMA, "stories": [obj.model_dump(by_alias=True, mode="json")]}
    validator = _validator(kind)
    if validator is None:
        return _round_trip_problems(kind, instance)
    problems = []
    for error in validator.iter_errors(instance):
        if len(problems) == MAX_SCHEMA_ERRORS:
            problems.append("schema: more errors not shown")
            break
        path = list(error.absolute_path)
        if kind == "story":
            path = path[2:] if path[:2] == ["stories", 0] else path
        where = "/".join(str(p) for p in path) or "(root)"
        problems.append(f"schema: {where}: {_clip(error.message)}")
    return problems


@functools.lru_cache(maxsize=None)
def _validator(kind: str):
    """A compiled validator of the published schema, made once per process; None without jsonschema."""
    try:
        from jsonschema.validators import validator_for
    except ImportError:
        return None
    schema = published_schema(kind)
    return validator_for(schema)(schema)  # pydantic writes Draft 2020-12, jsonschema's default


def published_schema(kind: str) -> dict:
    """The published JSON Schema: docs/analysis.schema.json or docs/stories.schema.json in a source checkout
    (tests/test_contract.py keeps them equal to the model's), else generated from the model as `storyline schema`."""
    from storyline.model import analysis_json_schema, stories_json_schema

    path = _DOCS / ("analysis.schema.json" if kind == "analysis" else "stories.schema.json")
    if path.is_file():
        return json.loads(path.read_text(encoding="utf-8"))
    return analysis_json_schema() if kind == "analysis" else stories_json_schema()


def _round_trip_problems(kind: str, instance: dict) -> list[str]:
    """Without jsonschema: the JSON read back through the model the schema is generated from."""
    from pydantic import ValidationError

    from storyline.model import Analysis, Stories

    model = Analysis if kind == "analysis" else Stories
    try:
        model.model_validate_json(json.dumps(instance))
    except ValidationError as exc:
        return [f"schema: {'/'.join(str(p) for p in e['loc']) or '(root)'}: {_clip(e['msg'])}"
                for e in exc.errors()[:MAX_SCHEMA_ERRORS]]
    required = ("schema", "document") if kind == "analysis" else ("schema", "stories")
    return [f"schema: (root): {key!r} is a required property" for key in required if key not in instance]


def _clip(value: str, width: int = _MESSAGE_CHARS) -> str:
    return value if len(value) <= width else value[:width - 3] + "..."


def _doc_id(analysis) -> str | None:
    document = getattr(analysis, "document", None)
    return getattr(document, "id", None)
