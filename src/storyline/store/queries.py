"""The read side of the store: story lists with filters, one story, article or entity, facets.

Used by the web pages, the JSON API and `storyline export`; every function takes an
open connection and returns plain dicts.
"""
from __future__ import annotations

import json
import re
import sqlite3
from dataclasses import asdict, dataclass

MAX_PER_PAGE = 100
SORTS = {
    "latest": "s.last_published DESC, s.id",
    "earliest": "s.first_published ASC, s.id",
    "sources": "s.independent_sources DESC, s.last_published DESC, s.id",
    "reports": "s.documents DESC, s.last_published DESC, s.id",
    "conflicts": "s.conflicts DESC, s.last_published DESC, s.id",
}
_WORD = re.compile(r"\w+", re.UNICODE)


@dataclass
class StoryFilter:
    """What the story list is narrowed to; every field is optional and kept in the page's URL."""

    q: str | None = None  # words searched in the reports' titles and texts
    date_from: str | None = None  # stories with a report on or after this date
    date_to: str | None = None
    event_type: str | None = None
    place: str | None = None  # a country code (two letters) or a place name
    outlet: str | None = None
    conflicts: bool = False  # only stories where sources disagree
    sort: str = "latest"
    page: int = 1
    per_page: int = 25

    def query_params(self, **changes) -> dict:
        """The filter as URL parameters (defaults left out), with `changes` applied."""
        values = {**asdict(self), **changes}
        defaults = asdict(StoryFilter())
        return {k: ("1" if v is True else v) for k, v in values.items() if v not in (None, "", False) and v != defaults[k]}


def fts_query(text: str) -> str | None:
    """User words as an FTS5 query that cannot be a syntax error: every word quoted, all required."""
    words = _WORD.findall(text or "")[:20]
    return " ".join(f'"{w}"' for w in words) or None


def _where(f: StoryFilter) -> tuple[str, list]:
    clauses, params = [], []
    match = fts_query(f.q) if f.q else None
    if match:
        clauses.append("s.id IN (SELECT a.story_id FROM articles_fts JOIN articles a ON a.seq = articles_fts.rowid"
                       " WHERE articles_fts MATCH ?)")
        params.append(match)
    if f.date_from:
        clauses.append("s.last_published >= ?")
        params.append(f.date_from)
    if f.date_to:
        clauses.append("s.first_published <= ?")
        params.append(f.date_to)
    for kind, value in (("event_type", f.event_type), ("outlet", f.outlet)):
        if value:
            clauses.append("s.id IN (SELECT story_id FROM story_keys WHERE kind = ? AND value = ?)")
            params += [kind, value]
    if f.place:
        kind = "country" if len(f.place) == 2 and f.place.isalpha() else "place"
        value = f.place.upper() if kind == "country" else f.place
        clauses.append("s.id IN (SELECT story_id FROM story_keys WHERE kind = ? AND value = ? COLLATE NOCASE)")
        params += [kind, value]
    if f.conflicts:
        clauses.append("s.conflicts > 0")
    return (" WHERE " + " AND ".join(clauses)) if clauses else "", params


def list_stories(conn: sqlite3.Connection, f: StoryFilter) -> tuple[list[dict], int]:
    """One page of stories matching the filter (summary columns only) and how many match in all."""
    where, params = _where(f)
    total = conn.execute(f"SELECT count(*) FROM stories s{where}", params).fetchone()[0]
    per_page = max(1, min(f.per_page, MAX_PER_PAGE))
    offset = (max(1, f.page) - 1) * per_page
    rows = conn.execute(
        "SELECT s.id, s.title, s.first_published, s.last_published, s.documents, s.independent_sources,"
        f" s.conflicts, s.updates FROM stories s{where} ORDER BY {SORTS.get(f.sort, SORTS['latest'])}"
        " LIMIT ? OFFSET ?", [*params, per_page, offset]).fetchall()
    keys = ("id", "title", "first_published", "last_published", "documents", "independent_sources",
            "conflicts", "updates")
    stories = [dict(zip(keys, row)) for row in rows]
    _add_keys(conn, stories)
    return stories, total


def _add_keys(conn: sqlite3.Connection, stories: list[dict]) -> None:
    """Each story's outlets, event types and countries, for the list."""
    if not stories:
        return
    by_id = {s["id"]: s for s in stories}
    for s in stories:
        s.update(outlets=[], event_types=[], countries=[])
    marks = ",".join("?" * len(by_id))
    for story_id, kind, value in conn.execute(
            f"SELECT story_id, kind, value FROM story_keys WHERE story_id IN ({marks}) AND kind != 'place'"
            " ORDER BY story_id, kind, value", list(by_id)):
        by_id[story_id][{"outlet": "outlets", "event_type": "event_types", "country": "countries"}[kind]].append(value)


def matching_story_ids(conn: sqlite3.Connection, f: StoryFilter, limit: int) -> list[str]:
    """The ids of every story matching a filter (all pages), at most `limit`."""
    where, params = _where(f)
    return [r[0] for r in conn.execute(
        f"SELECT s.id FROM stories s{where} ORDER BY {SORTS.get(f.sort, SORTS['latest'])} LIMIT ?",
        [*params, limit])]


def get_story(conn: sqlite3.Connection, story_id: str) -> dict | None:
    row = conn.execute("SELECT story FROM stories WHERE id = ?", (story_id,)).fetchone()
    return json.loads(row[0]) if row else None


def get_article(conn: sqlite3.Connection, article_id: str) -> dict | None:
    """An article's Analysis (as a dict) and the id of its story."""
    row = conn.execute("SELECT analysis, story_id FROM articles WHERE id = ?", (article_id,)).fetchone()
    if not row:
        return None
    return {"analysis": json.loads(row[0]), "story_id": row[1]}


def get_entity(conn: sqlite3.Connection, key: str, limit: int = 200) -> dict | None:
    """An entity across stories: its names, and per story the reports that mention it and where."""
    rows = conn.execute(
        "SELECT e.story_id, e.story_entity, e.name, e.kind, e.refs, s.title, s.last_published"
        " FROM story_entities e JOIN stories s ON s.id = e.story_id WHERE e.entity_key = ?"
        " ORDER BY s.last_published DESC, s.id LIMIT ?", (key, limit)).fetchall()
    if not rows:
        return None
    stories, names = [], {}
    for story_id, story_entity, name, kind, refs, title, last in rows:
        mentions = []
        for article_id, entity_id in json.loads(refs):
            found = conn.execute(
                "SELECT ae.name, ae.mentions, a.title, a.outlet FROM article_entities ae JOIN articles a"
                " ON a.id = ae.article_id WHERE ae.article_id = ? AND ae.entity_id = ?",
                (article_id, entity_id)).fetchone()
            if found:
                names[found[0]] = names.get(found[0], 0) + 1
                mentions.append({"article_id": article_id, "name": found[0], "spans": json.loads(found[1]),
                                 "title": found[2], "outlet": found[3]})
        stories.append({"story_id": story_id, "story_entity": story_entity, "name": name, "title": title,
                        "last_published": last, "mentions": mentions})
    return {"key": key, "name": rows[0][2], "kind": rows[0][3],
            "names": sorted(names, key=lambda n: (-names[n], n)), "stories": stories}


def facets(conn: sqlite3.Connection, per_kind: int = 200) -> dict[str, list[tuple[str, int]]]:
    """The values the list can be filtered by, most frequent first."""
    out = {}
    for kind in ("event_type", "country", "outlet"):
        out[kind] = conn.execute(
            "SELECT value, count(*) FROM story_keys WHERE kind = ? GROUP BY value ORDER BY count(*) DESC, value"
            " LIMIT ?", (kind, per_kind)).fetchall()
    return out


def totals(conn: sqlite3.Connection) -> dict[str, int]:
    one = lambda sql: conn.execute(sql).fetchone()[0]  # noqa: E731
    return {"articles": one("SELECT count(*) FROM articles"), "stories": one("SELECT count(*) FROM stories")}
