"""The embedded store: analyses and stories in one SQLite file (WAL, versioned schema, FTS5).

    >>> from storyline.store import Store, ingest
    >>> with Store("news.db") as store:
    ...     report = ingest(store, iter_articles(["reports/"]))

Modules: schema (migrations), database (connection and writes), ingest (reports
in, stories updated incrementally), queries (the read side for the web UI, the API
and exports).
"""
from storyline.store.database import Store, StoreError, connect, content_hash
from storyline.store.ingest import IngestReport, ingest, load_story_index

__all__ = ["Store", "StoreError", "connect", "content_hash", "IngestReport", "ingest", "load_story_index"]
