"""The store's schema as numbered migrations: a database is brought up to date when opened.

Each migration runs in one transaction together with the `user_version` bump, so a
database is always at one version or the next, never half way. Add a migration at
the end; never edit one that has shipped.
"""
from __future__ import annotations

import sqlite3

MIGRATIONS: list[tuple[int, str]] = [
    (1, """
    -- One row per stored report. `seq` is the ingest order: replaying the digests in
    -- this order rebuilds the story index exactly as it was.
    CREATE TABLE articles (
        seq INTEGER PRIMARY KEY,
        id TEXT NOT NULL UNIQUE,
        content_hash TEXT NOT NULL UNIQUE,
        url TEXT,
        title TEXT,
        outlet TEXT,
        published TEXT,
        language TEXT NOT NULL,
        text TEXT NOT NULL,
        analysis TEXT NOT NULL,         -- the Analysis JSON
        digest TEXT,                    -- the ReportDigest JSON (English reports only)
        story_id TEXT
    );
    CREATE INDEX articles_story ON articles(story_id);
    CREATE INDEX articles_outlet ON articles(outlet);

    CREATE VIRTUAL TABLE articles_fts USING fts5(
        title, text, content='articles', content_rowid='seq', tokenize='unicode61 remove_diacritics 2');
    CREATE TRIGGER articles_fts_insert AFTER INSERT ON articles BEGIN
        INSERT INTO articles_fts(rowid, title, text) VALUES (new.seq, new.title, new.text);
    END;
    CREATE TRIGGER articles_fts_delete AFTER DELETE ON articles BEGIN
        INSERT INTO articles_fts(articles_fts, rowid, title, text) VALUES ('delete', old.seq, old.title, old.text);
    END;

    -- Who is named in a report, with the offsets of every mention (for entity pages).
    CREATE TABLE article_entities (
        article_id TEXT NOT NULL,
        entity_id TEXT NOT NULL,
        name TEXT NOT NULL,
        kind TEXT NOT NULL,
        mentions TEXT NOT NULL,         -- JSON [[start, end], ...]
        PRIMARY KEY (article_id, entity_id)
    ) WITHOUT ROWID;

    CREATE TABLE stories (
        id TEXT PRIMARY KEY,
        title TEXT,
        first_published TEXT,
        last_published TEXT,
        documents INTEGER NOT NULL,
        independent_sources INTEGER NOT NULL,
        conflicts INTEGER NOT NULL,
        updates INTEGER NOT NULL,
        story TEXT NOT NULL             -- the Story JSON
    );
    CREATE INDEX stories_last ON stories(last_published);
    CREATE INDEX stories_first ON stories(first_published);

    -- What a story can be filtered by: kind is outlet, country, place or event_type.
    CREATE TABLE story_keys (
        story_id TEXT NOT NULL,
        kind TEXT NOT NULL,
        value TEXT NOT NULL,
        PRIMARY KEY (story_id, kind, value)
    ) WITHOUT ROWID;
    CREATE INDEX story_keys_value ON story_keys(kind, value);

    -- A story's entities under their cross-story key (storyline.web.urls.entity_key).
    CREATE TABLE story_entities (
        entity_key TEXT NOT NULL,
        story_id TEXT NOT NULL,
        story_entity TEXT NOT NULL,
        name TEXT NOT NULL,
        kind TEXT NOT NULL,
        refs TEXT NOT NULL,             -- JSON [[article_id, entity_id], ...]
        PRIMARY KEY (entity_key, story_id, story_entity)
    ) WITHOUT ROWID;
    CREATE INDEX story_entities_story ON story_entities(story_id);
    """),
]

SCHEMA_VERSION = MIGRATIONS[-1][0]


class SchemaError(Exception):
    """The database was written by a newer storyline, or is not a storyline store."""


def migrate(conn: sqlite3.Connection) -> int:
    """Apply the migrations the database lacks; return the version it is now at."""
    version = conn.execute("PRAGMA user_version").fetchone()[0]
    if version > SCHEMA_VERSION:
        raise SchemaError(f"the database has schema version {version}; this storyline knows up to "
                          f"{SCHEMA_VERSION}: upgrade storyline")
    if version == 0 and conn.execute("SELECT count(*) FROM sqlite_master WHERE name NOT LIKE 'sqlite_%'").fetchone()[0]:
        raise SchemaError("the file is an SQLite database but not a storyline store")
    for number, script in MIGRATIONS:
        if number > version:
            try:
                conn.executescript(f"BEGIN IMMEDIATE;\n{script}\nPRAGMA user_version = {number};\nCOMMIT;")
            except sqlite3.Error:
                if conn.in_transaction:
                    conn.execute("ROLLBACK")
                raise
            version = number
    return version
