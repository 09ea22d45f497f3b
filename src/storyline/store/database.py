"""The SQLite file that holds analyses and stories: opening, transactions and the write side.

WAL mode lets the web server read while an ingest writes. Every write of a report
(its analysis, its digest and the stories it changes) is one transaction, so a run
killed at any point leaves the database as it was after the last whole report.
"""
from __future__ import annotations

import hashlib
import json
import sqlite3
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

from storyline.store.schema import SCHEMA_VERSION, SchemaError, migrate
from storyline.web.urls import entity_key

CHUNK = 500  # ids per IN (...) list: well under SQLite's bound on parameters


class StoreError(Exception):
    """The database cannot be opened or written (clear message for the command line)."""


def content_hash(text: str) -> str:
    """What makes two reports the same report: the text offsets index into."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def connect(path: str | Path, readonly: bool = False) -> sqlite3.Connection:
    """A connection in autocommit mode (transactions are explicit), WAL journal, schema checked."""
    path = Path(path)
    try:
        if readonly:
            if not path.exists():
                raise StoreError(f"{path}: no such database (build one with `storyline ingest PATH --db {path}`)")
            conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True, isolation_level=None,
                                   check_same_thread=False, timeout=30)
            version = conn.execute("PRAGMA user_version").fetchone()[0]
            if version != SCHEMA_VERSION:
                conn.close()
                raise StoreError(f"{path}: schema version {version}, expected {SCHEMA_VERSION} "
                                 f"(run `storyline ingest --db {path}` once to migrate it)")
        else:
            # Any thread may write (the server's write lock serialises them), never two at once.
            conn = sqlite3.connect(path, isolation_level=None, timeout=30, check_same_thread=False)
            conn.execute("PRAGMA journal_mode = WAL")
            conn.execute("PRAGMA synchronous = NORMAL")  # WAL + NORMAL: a killed process loses nothing committed
            migrate(conn)
    except SchemaError as exc:
        raise StoreError(f"{path}: {exc}") from None
    except sqlite3.DatabaseError as exc:
        raise StoreError(f"{path}: not a usable database ({exc})") from None
    conn.execute("PRAGMA foreign_keys = ON")
    return conn


class Store:
    """The write side of a storyline database."""

    def __init__(self, path: str | Path):
        self.path = Path(path)
        self.conn = connect(self.path)

    def close(self) -> None:
        self.conn.close()

    def __enter__(self) -> "Store":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        self.conn.execute("BEGIN IMMEDIATE")
        try:
            yield self.conn
        except BaseException:
            self.conn.execute("ROLLBACK")
            raise
        self.conn.execute("COMMIT")

    def has_content(self, digest: str) -> bool:
        return self.conn.execute("SELECT 1 FROM articles WHERE content_hash = ?", (digest,)).fetchone() is not None

    def stored_hash(self, article_id: str) -> str | None:
        row = self.conn.execute("SELECT content_hash FROM articles WHERE id = ?", (article_id,)).fetchone()
        return row[0] if row else None

    def iter_digests(self) -> Iterator[str]:
        """Every stored digest (JSON) in ingest order."""
        for (digest,) in self.conn.execute("SELECT digest FROM articles WHERE digest IS NOT NULL ORDER BY seq"):
            yield digest

    def counts(self) -> dict[str, int]:
        one = lambda sql: self.conn.execute(sql).fetchone()[0]  # noqa: E731
        return {"articles": one("SELECT count(*) FROM articles"), "stories": one("SELECT count(*) FROM stories")}

    def insert_article(self, analysis, digest_json: str | None) -> None:
        """Store one analysis (inside a transaction)."""
        doc = analysis.document
        self.conn.execute(
            "INSERT INTO articles (id, content_hash, url, title, outlet, published, language, text, analysis, digest)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (doc.id, content_hash(doc.text), doc.url, doc.title, doc.outlet, doc.published, doc.language, doc.text,
             analysis.to_json(), digest_json))
        self.conn.executemany(
            "INSERT INTO article_entities (article_id, entity_id, name, kind, mentions) VALUES (?, ?, ?, ?, ?)",
            [(doc.id, e.id, e.name, e.kind, json.dumps([[m.start, m.end] for m in e.mentions]))
             for e in analysis.entities])

    def replace_story(self, story, members: list[str]) -> set[str]:
        """Write a story that now holds `members`, replacing the stories they belonged to (inside a transaction).

        Returns the ids of the stories it replaced (merged into it, or renamed when an older report joined)."""
        old = set()
        for i in range(0, len(members), CHUNK):
            part = members[i:i + CHUNK]
            marks = ",".join("?" * len(part))
            old.update(r[0] for r in self.conn.execute(
                f"SELECT DISTINCT story_id FROM articles WHERE id IN ({marks}) AND story_id IS NOT NULL", part))
            self.conn.execute(f"UPDATE articles SET story_id = ? WHERE id IN ({marks})", [story.id, *part])
        for story_id in old | {story.id}:
            self._delete_story(story_id)
        self._insert_story(story)
        return old - {story.id}

    def _delete_story(self, story_id: str) -> None:
        for table, column in (("stories", "id"), ("story_keys", "story_id"), ("story_entities", "story_id")):
            self.conn.execute(f"DELETE FROM {table} WHERE {column} = ?", (story_id,))

    def _insert_story(self, story) -> None:
        statuses = [f.status for f in story.facts]
        self.conn.execute(
            "INSERT INTO stories (id, title, first_published, last_published, documents, independent_sources,"
            " conflicts, updates, story) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (story.id, story.title, story.first_published, story.last_published, len(story.documents),
             story.independent_sources, statuses.count("conflicting"), statuses.count("updated"),
             story.model_dump_json(by_alias=True)))
        self.conn.executemany("INSERT OR IGNORE INTO story_keys (story_id, kind, value) VALUES (?, ?, ?)",
                              [(story.id, kind, value) for kind, value in story_keys(story)])
        rows = {}
        for e in story.entities:
            key = entity_key(e.name, e.kind)
            rows[(key, e.id)] = (key, story.id, e.id, e.name, e.kind,
                                 json.dumps([[r.document, r.entity] for r in e.refs]))
        self.conn.executemany(
            "INSERT INTO story_entities (entity_key, story_id, story_entity, name, kind, refs) VALUES (?, ?, ?, ?, ?, ?)",
            list(rows.values()))


def story_keys(story) -> set[tuple[str, str]]:
    """What a story can be filtered by: its outlets, event types, countries and place names."""
    keys = {("outlet", d.outlet) for d in story.documents if d.outlet}
    keys |= {("event_type", t) for t in story.event_types}
    for e in story.entities:
        if e.geo is not None:
            if e.geo.country:
                keys.add(("country", e.geo.country))
            keys.add(("place", e.name))
    return keys
