"""An article's text cut into pieces at every highlighted span, for the article page.

Spans overlap freely (a place inside a quote inside a claim), so the text is cut at
every span boundary and each piece carries the kinds of all spans covering it; one
pass over the sorted boundaries keeps this O(n log n) in the number of spans.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from storyline.web.urls import entity_key, entity_url, span_anchor, story_url

KIND_ORDER = ("focus", "quote", "source", "cue", "place", "entity", "time", "number", "claim")


@dataclass
class Mark:
    start: int
    end: int
    kind: str  # one of KIND_ORDER
    label: str = ""  # shown as the piece's tooltip
    href: str | None = None  # where the piece links (an entity page)


@dataclass
class Piece:
    text: str
    start: int
    end: int
    kinds: list[str] = field(default_factory=list)
    label: str = ""
    href: str | None = None
    anchors: list[str] = field(default_factory=list)  # element ids of spans starting here


def article_marks(analysis: dict, story: dict | None = None) -> list[Mark]:
    """Every span worth highlighting in an analysis; entity mentions link to their cross-story entity page."""
    doc_id = analysis["document"]["id"]
    names = _story_entity_names(story, doc_id) if story else {}
    marks = []
    for e in analysis.get("entities", []):
        name, kind = names.get(e["id"], (e["name"], e["kind"]))
        href = entity_url(entity_key(name, kind))
        mark_kind = "place" if e["kind"] == "place" else "entity"
        marks += [Mark(m["start"], m["end"], mark_kind, f"{e['kind']}: {name}", href) for m in e.get("mentions", [])]
    for a in analysis.get("attributions", []):
        who = a.get("source_text") or "unnamed source"
        marks.append(Mark(a["content"]["start"], a["content"]["end"], "quote", f"said by {who} ({a['type']})"))
        marks.append(Mark(a["cue"]["start"], a["cue"]["end"], "cue", "attribution cue"))
        if a.get("source_span"):
            marks.append(Mark(a["source_span"]["start"], a["source_span"]["end"], "source", "source"))
    for t in analysis.get("times", []):
        marks.append(Mark(t["start"], t["end"], "time", f"time: {t.get('value') or 'unresolved'}"))
    for q in analysis.get("quantities", []):
        marks.append(Mark(q["start"], q["end"], "number", f"number: {q.get('value')} {q.get('unit') or ''}".strip()))
    return marks


def claim_marks(story: dict | None, doc_id: str) -> list[Mark]:
    """The story facts this article supports, as marks on the words that state them."""
    marks = []
    for fact in (story or {}).get("facts", []):
        for value in fact.get("values", []):
            for s in value.get("support", []):
                if s["document"] == doc_id:
                    span = s["quote_span"]
                    marks.append(Mark(span["start"], span["end"], "claim",
                                      f"{fact['property']}: {value['value']} ({fact['status'].replace('_', ' ')})",
                                      f"{story_url(story['id'])}#fact-{fact['id']}"))
    return marks


def _story_entity_names(story: dict, doc_id: str) -> dict[str, tuple[str, str]]:
    """The article's entity ids mapped to the name and kind the story gives them."""
    out = {}
    for e in story.get("entities", []):
        for ref in e.get("refs", []):
            if ref["document"] == doc_id:
                out[ref["entity"]] = (e["name"], e["kind"])
    return out


def cut(text: str, marks: list[Mark]) -> list[Piece]:
    """The text as consecutive pieces; each knows the marks covering it and the span anchors starting in it."""
    marks = [m for m in marks if 0 <= m.start < m.end <= len(text)]
    bounds = sorted({0, len(text), *(m.start for m in marks), *(m.end for m in marks)})
    starts: dict[int, list[Mark]] = {}
    for m in marks:
        starts.setdefault(m.start, []).append(m)
    open_marks: list[Mark] = []
    pieces = []
    for a, b in zip(bounds, bounds[1:]):
        open_marks = [m for m in open_marks if m.end > a] + starts.get(a, [])
        kinds = sorted({m.kind for m in open_marks}, key=KIND_ORDER.index)
        # A name links to its entity page; other words of a claim link to the story fact they support.
        link = next((m for m in open_marks if m.href and m.kind != "claim"), None) or \
            next((m for m in open_marks if m.href), None)
        labels = list(dict.fromkeys(m.label for m in open_marks if m.label))
        anchors = list(dict.fromkeys(span_anchor(m.start, m.end) for m in starts.get(a, [])))
        pieces.append(Piece(text[a:b], a, b, kinds, "; ".join(labels), link.href if link else None, anchors))
    return pieces
