"""Stories as one self-contained HTML page: conflicts side by side, updates before -> after, a timeline.

The page needs no network, fonts or script: CSS is inline and a Content-Security-Policy
forbids anything else. Article text is untrusted: every piece of it goes through
`html.escape(quote=True)`, and only http(s) article URLs become links.
"""
from __future__ import annotations

import html
from urllib.parse import urlsplit

from storyline.model import Fact, Stories, Story, StoryDocument, Support
from storyline.report.story_markdown import (
    PEOPLE_KINDS, Backing, backing, by_status, document_note, fact_label, fact_supports, independent_sources,
    other_names, plural, story_list, update_chain,
)

STYLE = """
body { font: 15px/1.45 system-ui, sans-serif; margin: 0 auto; max-width: 72rem; padding: 1rem 1.5rem; color: #222; }
h1 { margin-bottom: .2rem; } h2 { border-top: 3px solid #345; padding-top: .8rem; margin-top: 2.5rem; }
h3 { margin-top: 1.6rem; color: #345; } .meta, .why, small { color: #666; }
table { border-collapse: collapse; width: 100%; margin: .4rem 0; }
th, td { border: 1px solid #ccc; padding: .3rem .5rem; text-align: left; vertical-align: top; }
th { background: #eef2f5; }
.fact { border: 1px solid #ccd; border-radius: 6px; padding: .6rem .8rem; margin: .8rem 0; }
.sides { display: flex; gap: .8rem; flex-wrap: wrap; }
.side { flex: 1 1 14rem; background: #fbf6ee; border-left: 4px solid #c83; padding: .4rem .6rem; }
.side .value { font-size: 1.5rem; font-weight: bold; }
.side ul, .support { padding-left: 1.1rem; margin: .3rem 0; }
blockquote { margin: .2rem 0 .5rem; padding-left: .6rem; border-left: 3px solid #bbb; font-style: italic; }
.chain { font-size: 1.15rem; } .chain .before { text-decoration: line-through; color: #955; }
.chain .after { font-weight: bold; color: #264; } .earlier { color: #955; font-size: .85em; }
.timeline { list-style: none; padding: 0; }
.timeline li { display: grid; grid-template-columns: 11rem 1fr 12rem; gap: .6rem; align-items: center;
  padding: .25rem 0; border-bottom: 1px dotted #ccc; }
.bar { display: inline-block; height: .7rem; background: #58a; vertical-align: middle; margin-right: .3rem; }
.count { font-weight: bold; }
"""
# No script, no remote anything; inline styles only. Links to articles are navigation, which this allows.
CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src 'none'; form-action 'none'; base-uri 'none'"


def esc(text: object) -> str:
    return html.escape("" if text is None else str(text), quote=True)


def safe_url(url: str | None) -> str | None:
    """The URL when it is a plain http(s) address, else None: never javascript:, data: or relative tricks."""
    if not url or any(c.isspace() or ord(c) < 32 for c in url):
        return None
    try:
        parts = urlsplit(url)
    except ValueError:
        return None
    return url if parts.scheme.lower() in ("http", "https") and parts.netloc else None


def _backing_html(b: Backing) -> str:
    root = f" <small>root: {esc(b.root)}</small>" if b.root else ""
    earlier = ' <span class="earlier">cited as an earlier report</span>' if b.earlier_report else ""
    return f"{_who(b)}{root}{earlier}<blockquote>“{esc(b.quote)}”</blockquote>"


def _who(b: Backing) -> str:
    """'the coastguard (Coastline Wire, 2023-08-14)', or the outlet and date when it speaks for itself."""
    if b.who is None:
        return f"<strong>{esc(b.outlet)}</strong> <small>({esc(b.date)})</small>"
    return f"<strong>{esc(b.who)}</strong> <small>({esc(b.outlet)}, {esc(b.date)})</small>"


def _side_by_side(fact: Fact, docs: dict[str, StoryDocument]) -> str:
    columns = []
    for v in fact.values:
        items = "".join(f"<li>{_backing_html(backing(s, docs))}</li>" for s in v.support)
        columns.append(f'<div class="side"><div class="value">{esc(v.value)}</div>'
                       f"<small>{plural(v.independent_sources, 'independent source')}</small><ul>{items}</ul></div>")
    return f'<div class="sides">{"".join(columns)}</div>'


def _chain(fact: Fact, docs: dict[str, StoryDocument]) -> str:
    steps = update_chain(fact)
    parts = []
    for n, (value, first, earlier_only) in enumerate(steps):
        cls = "after" if n == len(steps) - 1 else "before"
        where = ""
        if first is not None:
            b = backing(first, docs)
            cited = "cited as earlier by " if earlier_only else ""
            where = f" <small>({cited}{esc(b.outlet)}, {esc(b.date)})</small>"
        parts.append(f'<span class="{cls}">{esc(value.value)}</span>{where}')
    return '<p class="chain">' + " → ".join(parts) + "</p>"


def _reports(story: Story, docs: dict[str, StoryDocument]) -> str:
    rows = []
    for d in sorted(story.documents, key=lambda d: (d.published or "9999", d.id)):
        url = safe_url(d.url)
        title = esc(d.title or "(untitled)")
        if url:
            title = f'<a href="{esc(url)}" rel="noopener noreferrer nofollow">{title}</a>'
        notes = "; ".join(esc(n) for n in document_note(d, docs))
        rows.append(f"<tr><td>{esc(d.outlet or d.id)}</td><td>{esc(d.published or 'undated')}</td>"
                    f"<td>{title}</td><td>{notes}</td></tr>")
    return ("<table><tr><th>outlet</th><th>date</th><th>title</th><th>note</th></tr>"
            + "".join(rows) + "</table>")


def _timeline(story: Story) -> str:
    if not story.timeline:
        return "<p>No dated events.</p>"
    most = max(len({s.document for s in t.support}) for t in story.timeline) or 1
    items = []
    for t in story.timeline:  # already in time order: the builder sorts it
        reports = len({s.document for s in t.support})
        width = round(8 * reports / most, 2)  # a number we computed, never article text
        items.append(f'<li><time>{esc(t.time)}</time><span>{esc(t.event)} <small>{esc(t.type)}</small></span>'
                     f'<span><span class="bar" style="width: {width}rem"></span>{plural(reports, "report")}, '
                     f"{independent_sources(t.support)} independent</span></li>")
    return f'<ol class="timeline">{"".join(items)}</ol>'


def _entities(story: Story) -> str:
    people = [e for e in story.entities if e.kind in PEOPLE_KINDS]
    if not people:
        return "<p>None named.</p>"
    rows = []
    for e in people:
        names = "; ".join(esc(a) for a in other_names(e))
        rows.append(f"<tr><td>{esc(e.name)}</td><td>{esc(e.kind)}</td><td>{names}</td>"
                    f"<td>{'; '.join(esc(d) for d in e.descriptors)}</td>"
                    f"<td>{'<br>'.join(esc(x) for x in e.evidence)}</td></tr>")
    return ("<table><tr><th>name</th><th>kind</th><th>also called</th><th>described as</th><th>why joined</th></tr>"
            + "".join(rows) + "</table>")


def _outlets(supports: list[Support], docs: dict[str, StoryDocument]) -> str:
    return ", ".join(dict.fromkeys(esc(backing(s, docs).outlet) for s in supports))


def render_story_html(story: Story, anchor: str) -> str:
    """One story's section; `anchor` is its id in the page (ours, not the story's, so it is always safe)."""
    docs = {d.id: d for d in story.documents}
    dates = " to ".join(dict.fromkeys(x for x in (story.first_published, story.last_published) if x)) or "undated"
    out = [f'<section id="{anchor}"><h2>{esc(story.title or story.id)}</h2>',
           f'<p class="meta">{esc(dates)} · <span class="count">{plural(len(story.documents), "report")}</span> · '
           f'<span class="count">{plural(story.independent_sources, "independent source")}</span>'
           + "".join(f" · {esc(t)}" for t in story.event_types) + "</p>",
           "<h3>Reports</h3>", _reports(story, docs), "<h3>Conflicts</h3>"]
    conflicts = by_status(story, "conflicting")
    if not conflicts:
        out.append("<p>The reports do not contradict each other on any count.</p>")
    for f in conflicts:
        out.append(f'<div class="fact"><h4>{esc(fact_label(f))}</h4><p class="why">{esc(f.reason)}</p>'
                   f"{_side_by_side(f, docs)}</div>")

    out.append("<h3>Updates</h3>")
    updates = by_status(story, "updated")
    if not updates:
        out.append("<p>No count changed between reports.</p>")
    for f in updates:
        cues = "".join(f"<li>correction cue “{esc(b.correction)}” ({esc(b.outlet)}, {esc(b.date)})</li>"
                       for b in (backing(s, docs) for s in fact_supports(f) if s.correction))
        why = f"<li>why: {esc(f.reason)}</li>" if f.reason else ""
        out.append(f'<div class="fact"><h4>{esc(fact_label(f))}</h4>{_chain(f, docs)}<ul>{cues}{why}</ul>'
                   f"<details><summary>all reports</summary>{_side_by_side(f, docs)}</details></div>")

    out.append("<h3>Agreed</h3>")
    agreed = by_status(story, "agreed")
    if agreed:
        rows = "".join(f"<tr><td>{esc(fact_label(f))}</td><td>{' / '.join(esc(v.value) for v in f.values)}</td>"
                       f'<td class="count">{independent_sources(fact_supports(f))}</td>'
                       f"<td>{_outlets(fact_supports(f), docs)}</td></tr>" for f in agreed)
        out.append("<table><tr><th>fact</th><th>value</th><th>independent sources</th><th>reports</th></tr>"
                   f"{rows}</table>")
    else:
        out.append("<p>No count is confirmed by two independent sources.</p>")

    single = by_status(story, "single_source")
    if single:
        items = "".join(
            f"<li>{esc(fact_label(f))}: <strong>{' / '.join(esc(v.value) for v in f.values)}</strong> — "
            + "; ".join(dict.fromkeys(_who(backing(s, docs)) for s in fact_supports(f))) + "</li>"
            for f in single)
        out.append(f"<h3>Single source</h3><ul>{items}</ul>")

    out += ["<h3>Timeline</h3>", _timeline(story), "<h3>People and organisations</h3>", _entities(story), "</section>"]
    return "\n".join(out)


def render_stories_html(stories: Stories | list[Story]) -> str:
    """The whole page: a list of the stories, then one section each."""
    items = story_list(stories)
    toc = "".join(
        f'<li><a href="#story-{n}">{esc(s.title or s.id)}</a> <small>{esc(s.first_published or "undated")} · '
        f"{plural(len(s.documents), 'report')} · {plural(s.independent_sources, 'independent source')}</small></li>"
        for n, s in enumerate(items, 1))
    sections = "\n".join(render_story_html(s, f"story-{n}") for n, s in enumerate(items, 1))
    reports = sum(len(s.documents) for s in items)
    return f"""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="{CSP}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<title>Stories</title>
<style>{STYLE}</style>
</head>
<body>
<h1>Stories</h1>
<p class="meta">{plural(len(items), "story", "stories")} from {plural(reports, "report")}</p>
<nav><ol>{toc}</ol></nav>
{sections}
</body>
</html>
"""
