"""A readable Markdown report of one Analysis: who said what, who is who, where, when, how many, what happened.

All article text is escaped: it is untrusted and the report may be rendered as HTML.
"""
from __future__ import annotations

import html
import re

from storyline.model import Analysis, Certainty, Entity

_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]|#])")


def md_escape(text: str | None, limit: int = 300) -> str:
    """Text made safe for Markdown and for the HTML it may become: one line, bounded, escaped."""
    if not text:
        return ""
    text = " ".join(text.split())
    if len(text) > limit:
        text = text[: limit - 1] + "…"
    return _MD_SPECIAL.sub(r"\\\1", html.escape(text, quote=False))


def _certainty(c: Certainty) -> str:
    parts = [c.value]
    if c.conditional:
        parts.append("conditional")
    if c.hedges:
        parts.append("hedges: " + ", ".join(md_escape(h) for h in c.hedges))
    return "; ".join(parts)


def _entity_label(e: Entity | None, fallback: str | None = None) -> str:
    if e is None:
        return md_escape(fallback) if fallback else "_unnamed_"
    return f"**{md_escape(e.name)}**"


def render_markdown(a: Analysis) -> str:
    """The whole report for one article."""
    ents = {e.id: e for e in a.entities}
    times = {t.id: t for t in a.times}
    doc = a.document
    lines = [f"# {md_escape(doc.title or doc.text.strip().splitlines()[0] if doc.text.strip() else doc.id)}", ""]
    meta = [md_escape(x) for x in (doc.outlet, doc.published, doc.url) if x]
    lines += [" · ".join(meta + [f"id {md_escape(doc.id)}", f"language {md_escape(doc.language)}"]), ""]
    captions = [s for s in a.sections if s.kind == "caption"]
    if captions:
        lines += [f"{len(captions)} photo caption(s) set apart from the story.", ""]

    lines += ["## Who said what", ""]
    if not a.attributions:
        lines += ["No attributed statements found.", ""]
    for at in a.attributions:
        src = ents.get(at.source) if at.source else None
        who = _entity_label(src, at.source_text)
        if src and src.descriptors:
            who += f" ({md_escape(src.descriptors[0], 80)})"
        relay = ""
        if at.via:
            relay = " via " + " → ".join(md_escape(ents[v].name) if v in ents else md_escape(v) for v in at.via)
        when = f", {md_escape(times[at.time].text)} ({times[at.time].value})" if at.time in times else ""
        lines.append(f"- {who}{relay} — {at.type}, “{md_escape(at.cue.text, 40)}”{when}; certainty {_certainty(at.certainty)}")
        lines.append(f"  > {md_escape(at.content.text, 400)}")
    lines.append("")

    people = [e for e in a.entities if e.kind in ("person", "organization", "media", "group", "document")]
    lines += ["## People and organisations", ""]
    if people:
        lines += ["| name | kind | roles | mentions |", "|---|---|---|---|"]
        for e in people:
            roles = "; ".join(md_escape(d, 120) for d in e.descriptors)
            lines.append(f"| {md_escape(e.name, 80)} | {e.kind} | {roles} | {len(e.mentions)} |")
    lines.append("")

    places = [e for e in a.entities if e.kind == "place"]
    lines += ["## Places", ""]
    if places:
        lines += ["| place | coordinates | country | feature |", "|---|---|---|---|"]
        for e in places:
            g = e.geo
            coords = f"{g.lat:.3f}, {g.lon:.3f}" if g else "not resolved"
            lines.append(f"| {md_escape(e.name, 80)} | {coords} | {g.country or '' if g else ''} | {g.feature or '' if g else ''} |")
    lines.append("")

    lines += ["## When", ""]
    if a.times:
        lines += ["| expression | value | type | relative to |", "|---|---|---|---|"]
        for t in a.times:
            lines.append(f"| {md_escape(t.text, 60)} | {md_escape(t.value or '?')} | {t.type} | {t.anchor} |")
    lines.append("")

    lines += ["## How many", ""]
    if a.quantities:
        lines += ["| expression | value | approx | unit | counts |", "|---|---|---|---|---|"]
        for q in a.quantities:
            value = "" if q.value is None else f"{q.value:g}" + (f"–{q.high:g}" if q.high is not None else "")
            lines.append(f"| {md_escape(q.text, 60)} | {value} | {q.approx} | {md_escape(q.unit)} | {md_escape(q.counts)} |")
    lines.append("")

    lines += ["## What happened", ""]
    for v in a.events:
        roles = ", ".join(f"{p.role}: {md_escape(ents[p.entity].name, 60)}" for p in v.participants if p.entity in ents)
        where = f" at {md_escape(ents[v.place].name)}" if v.place in ents else ""
        when = f" on {md_escape(times[v.time].value)}" if v.time in times else ""
        lines.append(f"- **{v.type}** “{md_escape(v.trigger.text, 40)}”{where}{when}"
                     + (f" ({roles})" if roles else "") + f"; certainty {_certainty(v.certainty)}")
    if not a.events:
        lines.append("No events found.")
    lines.append("")

    if a.notes:
        lines += ["## Notes", ""]
        for n in a.notes:
            lines.append(f"- {n.type}: {md_escape(n.text, 200)}")
        lines.append("")
    return "\n".join(lines)
