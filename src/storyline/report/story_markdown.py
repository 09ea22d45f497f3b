"""A readable Markdown report of stories: the reports, where sources conflict, what changed, what they agree on, when.

The first half reads a Story into plain facts both reports need (who backs a value,
the order of an update); the second half writes Markdown. Article text is untrusted:
everything taken from it goes through `md_escape`, so a quote cannot break a table.
"""
from __future__ import annotations

from dataclasses import dataclass

from storyline.model import Fact, FactValue, Stories, Story, StoryDocument, Support
from storyline.report.markdown import md_escape

PEOPLE_KINDS = ("person", "organization", "media", "group", "document", "other")
DATE_FROM = {"url": "date from the URL", "text": "date from the text"}


# --- what both reports show ----------------------------------------------------------------------

def story_list(stories: Stories | list[Story]) -> list[Story]:
    return list(stories.stories if isinstance(stories, Stories) else stories)


def plural(count: int, word: str, words: str | None = None) -> str:
    return f"{count} {word if count == 1 else words or word + 's'}"


def fact_label(fact: Fact) -> str:
    """'people killed': the subject and what is said of it."""
    if not fact.subject or fact.subject == fact.property:
        return fact.property
    return f"{fact.subject} {fact.property}"


def independent_sources(supports: list[Support]) -> int:
    """Distinct root sources, not counting values cited as what was said earlier."""
    return len({s.root_source.casefold() for s in supports if not s.earlier_report})


def fact_supports(fact: Fact) -> list[Support]:
    return [s for v in fact.values for s in v.support]


@dataclass
class Backing:
    """Who stands behind one Support, and in which report: plain text, not yet escaped."""

    who: str | None  # None: the outlet itself
    root: str | None  # the root source, when it is not the same as `who`
    outlet: str
    date: str
    quote: str
    earlier_report: bool
    correction: str | None


def backing(s: Support, docs: dict[str, StoryDocument]) -> Backing:
    doc = docs.get(s.document)
    outlet = (doc.outlet if doc else None) or s.document
    who = s.source_text or s.root_source
    if who.casefold() == outlet.casefold():
        who = None
    root = s.root_source if s.source_text and s.root_source.casefold() != s.source_text.casefold() else None
    date = s.published or (doc.published if doc else None) or "undated"
    return Backing(who, root, outlet, date, s.quote_span.text, s.earlier_report, s.correction)


def update_chain(fact: Fact) -> list[tuple[FactValue, Support | None, bool]]:
    """The values of an updated fact from before to after: (value, the report that first gives it, cited-earlier only).

    A value only ever cited as an earlier report comes first: it is by definition what
    was said before, whatever the date of the report that recalls it."""
    steps = []
    for index, v in enumerate(fact.values):
        stated = [s for s in v.support if not s.earlier_report]
        first = min(stated or v.support, key=lambda s: s.published or "9999", default=None)
        earlier_only = not stated
        steps.append(((0 if earlier_only else 1, v.first_reported or "9999", index), (v, first, earlier_only)))
    return [step for _, step in sorted(steps, key=lambda pair: pair[0])]


def document_note(doc: StoryDocument, docs: dict[str, StoryDocument]) -> list[str]:
    """Plain-text remarks on a report: where its date came from, which report it copies."""
    notes = []
    if doc.published_source in DATE_FROM:
        notes.append(DATE_FROM[doc.published_source])
    if doc.duplicate_of:
        original = docs.get(doc.duplicate_of)
        if original:
            notes.append(f"copy of {original.outlet or original.id}, {original.published or 'undated'}")
        else:
            notes.append(f"copy of {doc.duplicate_of}")
    return notes


def other_names(entity) -> list[str]:
    """Every name a story entity goes by besides its canonical one, in order of first use."""
    variants = dict.fromkeys([*entity.aliases, *(r.name for r in entity.refs)])
    variants.pop(entity.name, None)
    return list(variants)


def by_status(story: Story, status: str) -> list[Fact]:
    return [f for f in story.facts if f.status == status]


# --- Markdown ------------------------------------------------------------------------------------

def _backing_md(b: Backing) -> str:
    root = f", root {md_escape(b.root, 80)}" if b.root else ""
    earlier = " — cited as an earlier report" if b.earlier_report else ""
    if b.who is None:
        return f"{md_escape(b.outlet, 80)} ({md_escape(b.date, 20)}){earlier}"
    return f"{md_escape(b.who, 80)}{root} ({md_escape(b.outlet, 80)}, {md_escape(b.date, 20)}){earlier}"


def _support_table(fact: Fact, docs: dict[str, StoryDocument]) -> list[str]:
    lines = ["| value | sources | quote |", "|---|---|---|"]
    for v in fact.values:
        for s in v.support:
            b = backing(s, docs)
            lines.append(f"| **{md_escape(v.value, 60)}** | {_backing_md(b)} | “{md_escape(b.quote, 300)}” |")
    return lines


def _chain_md(fact: Fact, docs: dict[str, StoryDocument]) -> str:
    parts = []
    for value, first, earlier_only in update_chain(fact):
        if first is None:
            parts.append(md_escape(value.value, 60))
            continue
        b = backing(first, docs)
        cited = "cited as earlier by " if earlier_only else ""
        parts.append(f"{md_escape(value.value, 60)} ({cited}{md_escape(b.outlet, 80)}, {md_escape(b.date, 20)})")
    return " -> ".join(parts)


def render_story_markdown(story: Story, heading: str = "##") -> str:
    """One story: its reports, conflicts, updates, agreed and single-source facts, timeline and entities."""
    docs = {d.id: d for d in story.documents}
    sub = heading + "#"
    dates = " to ".join(dict.fromkeys(x for x in (story.first_published, story.last_published) if x)) or "undated"
    lines = [f"{heading} {md_escape(story.title or story.id, 200)}", "",
             f"{md_escape(dates)} · {plural(len(story.documents), 'report')} · "
             f"{plural(story.independent_sources, 'independent source')} · story {md_escape(story.id)}"]
    if story.event_types:
        lines[-1] += " · " + ", ".join(md_escape(t) for t in story.event_types)
    lines += ["", f"{sub} Reports", ""]
    for d in sorted(story.documents, key=lambda d: (d.published or "9999", d.id)):
        notes = "; ".join(md_escape(n, 120) for n in document_note(d, docs))
        lines.append(f"- {md_escape(d.outlet or d.id, 80)}, {md_escape(d.published or 'undated')}: "
                     f"“{md_escape(d.title or '(untitled)', 200)}”" + (f" — {notes}" if notes else ""))
    lines.append("")

    conflicts = by_status(story, "conflicting")
    lines += [f"{sub} Conflicts", ""]
    if not conflicts:
        lines += ["The reports do not contradict each other on any count.", ""]
    for f in conflicts:
        lines += [f"**{md_escape(fact_label(f), 120)}**: " + " vs ".join(
            f"{md_escape(v.value, 60)} ({plural(v.independent_sources, 'source')})" for v in f.values), ""]
        lines += _support_table(f, docs) + [""]

    updates = by_status(story, "updated")
    lines += [f"{sub} Updates", ""]
    if not updates:
        lines += ["No count changed between reports.", ""]
    for f in updates:
        lines += [f"**{md_escape(fact_label(f), 120)}**: {_chain_md(f, docs)}", ""]
        for b in (backing(s, docs) for s in fact_supports(f) if s.correction):
            lines.append(f"- correction cue “{md_escape(b.correction, 120)}” "
                         f"({md_escape(b.outlet, 80)}, {md_escape(b.date)})")
        if f.reason:
            lines.append(f"- why: {md_escape(f.reason, 200)}")
        lines += [""] + _support_table(f, docs) + [""]

    agreed = by_status(story, "agreed")
    lines += [f"{sub} Agreed", ""]
    for f in agreed:
        outlets = ", ".join(dict.fromkeys(md_escape(backing(s, docs).outlet, 80) for s in fact_supports(f)))
        values = " / ".join(md_escape(v.value, 60) for v in f.values)
        lines.append(f"- **{md_escape(fact_label(f), 120)}**: {values} — "
                     f"{plural(independent_sources(fact_supports(f)), 'independent source')} ({outlets})")
    if not agreed:
        lines.append("No count is confirmed by two independent sources.")
    lines.append("")

    single = by_status(story, "single_source")
    if single:
        lines += [f"{sub} Single source", ""]
        for f in single:
            backers = "; ".join(dict.fromkeys(_backing_md(backing(s, docs)) for s in fact_supports(f)))
            values = " / ".join(md_escape(v.value, 60) for v in f.values)
            lines.append(f"- {md_escape(fact_label(f), 120)}: {values} — {backers}")
        lines.append("")

    lines += [f"{sub} Timeline", ""]
    if story.timeline:
        lines += ["| time | event | type | reports |", "|---|---|---|---|"]
        for t in story.timeline:  # already in time order: the builder sorts it
            reports = len({s.document for s in t.support})
            lines.append(f"| {md_escape(t.time, 40)} | {md_escape(t.event, 120)} | {md_escape(t.type, 40)} | "
                         f"{plural(reports, 'report')} ({independent_sources(t.support)} independent) |")
    else:
        lines.append("No dated events.")
    lines.append("")

    people = [e for e in story.entities if e.kind in PEOPLE_KINDS]
    lines += [f"{sub} People and organisations", ""]
    if people:
        lines += ["| name | kind | also called | described as | why joined |", "|---|---|---|---|---|"]
        for e in people:
            names = "; ".join(md_escape(a, 80) for a in other_names(e))
            lines.append(f"| {md_escape(e.name, 80)} | {e.kind} | {names} | "
                         f"{'; '.join(md_escape(d, 80) for d in e.descriptors)} | "
                         f"{'; '.join(md_escape(x, 160) for x in e.evidence)} |")
    lines.append("")
    return "\n".join(lines)


def render_stories_markdown(stories: Stories | list[Story]) -> str:
    """All stories: a numbered list of them, then one section each."""
    items = story_list(stories)
    reports = sum(len(s.documents) for s in items)
    lines = ["# Stories", "", f"{plural(len(items), 'story', 'stories')} from {plural(reports, 'report')}.", ""]
    for n, s in enumerate(items, 1):
        lines.append(f"{n}. {md_escape(s.title or s.id, 200)} — {md_escape(s.first_published or 'undated')}, "
                     f"{plural(len(s.documents), 'report')}, {plural(s.independent_sources, 'independent source')}")
    lines.append("")
    return "\n".join(lines) + "\n" + "\n".join(render_story_markdown(s) for s in items)
