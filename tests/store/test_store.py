"""The store: schema versions, idempotent and incremental ingest, consistency, full-text search."""
import sqlite3

import pytest

from storyline.ingest.analyses import read_analyses
from storyline.ingest.article import Article
from storyline.store import Store, StoreError, connect, ingest
from storyline.store.database import content_hash
from storyline.store.queries import StoryFilter, get_article, get_story, list_stories
from storyline.store.schema import SCHEMA_VERSION
from storyline.stories import build_stories


def dump(path) -> dict:
    """Everything a database holds, table by table, in a comparable form."""
    conn = sqlite3.connect(path)
    tables = ["articles", "article_entities", "stories", "story_keys", "story_entities"]
    out = {t: sorted(conn.execute(f"SELECT * FROM {t}").fetchall(), key=repr) for t in tables}
    out["fts"] = conn.execute("SELECT rowid FROM articles_fts WHERE articles_fts MATCH 'fire' ORDER BY rowid").fetchall()
    conn.close()
    return out


def test_a_new_database_is_at_the_current_schema_version_in_wal_mode(tmp_path):
    with Store(tmp_path / "new.db") as store:
        assert store.conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
        assert store.conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def test_a_database_from_a_newer_storyline_is_refused(tmp_path):
    path = tmp_path / "future.db"
    sqlite3.connect(path).execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    with pytest.raises(StoreError, match="upgrade storyline"):
        Store(path)


def test_a_file_that_is_not_a_store_is_refused_with_its_name(tmp_path):
    other = tmp_path / "other.db"
    sqlite3.connect(other).execute("CREATE TABLE customers (name TEXT)")
    with pytest.raises(StoreError, match="not a storyline store"):
        Store(other)
    text = tmp_path / "notes.db"
    text.write_text("just some notes, not a database at all " * 50)
    with pytest.raises(StoreError, match="notes.db"):
        Store(text)
    with pytest.raises(StoreError, match="no such database"):
        connect(tmp_path / "missing.db", readonly=True)


def test_ingesting_the_same_reports_again_changes_nothing(tmp_path, example_analyses_jsonl):
    path = tmp_path / "twice.db"
    with Store(path) as store:
        first = ingest(store, read_analyses(str(example_analyses_jsonl)))
    before = dump(path)
    with Store(path) as store:
        second = ingest(store, read_analyses(str(example_analyses_jsonl)))
    assert first.added == 16 and second.added == 0 and second.skipped == 16
    assert dump(path) == before


def test_stories_built_report_by_report_match_a_batch_build_of_the_same_reports(example_db, example_analyses_jsonl):
    analyses = list(read_analyses(str(example_analyses_jsonl)))
    batch = {tuple(sorted(d.id for d in s.documents)) for s in build_stories(analyses)}
    conn = connect(example_db, readonly=True)
    stored = {tuple(sorted(d["id"] for d in get_story(conn, sid)["documents"]))
              for (sid,) in conn.execute("SELECT id FROM stories")}
    assert stored == batch
    # Every English report points at a story that exists and lists it.
    for article_id, story_id in conn.execute("SELECT id, story_id FROM articles"):
        assert article_id in {d["id"] for d in get_story(conn, story_id)["documents"]}


def test_an_id_already_stored_with_another_text_is_one_failed_item(tmp_path, example_analyses_jsonl):
    analysis = next(read_analyses(str(example_analyses_jsonl)))
    changed = analysis.model_copy(deep=True)
    changed.document.text = analysis.document.text + " "
    errors = []
    with Store(tmp_path / "ids.db") as store:
        report = ingest(store, [analysis, changed], on_error=errors.append)
    assert (report.added, report.failed) == (1, 1)
    assert "different text" in errors[0].reason


def test_articles_are_skipped_before_analysis_when_their_text_is_stored(tmp_path, example_db):
    conn = connect(example_db, readonly=True)
    text = conn.execute("SELECT text FROM articles LIMIT 1").fetchone()[0]
    copy = tmp_path / "copy.db"
    copy.write_bytes(example_db.read_bytes())
    with Store(copy) as store:
        assert store.has_content(content_hash(text))
        report = ingest(store, [Article(text=text, origin="again.txt")])
    assert (report.added, report.skipped) == (0, 1)


def test_full_text_search_filters_and_pages(example_db):
    conn = connect(example_db, readonly=True)
    everything, total = list_stories(conn, StoryFilter(per_page=100))
    assert total == len(everything) == 4
    fire, n = list_stories(conn, StoryFilter(q="factory blaze"))
    assert n >= 1 and all(s["id"] in {e["id"] for e in everything} for s in fire)
    assert list_stories(conn, StoryFilter(q='zqxv" OR NEAR( *'))[1] == 0  # search syntax cannot break the query
    disputed, n = list_stories(conn, StoryFilter(conflicts=True))
    assert n == sum(1 for s in everything if s["conflicts"]) and all(s["conflicts"] for s in disputed)
    one_page, n = list_stories(conn, StoryFilter(per_page=1, page=2))
    assert len(one_page) == 1 and n == 4
    in_france, _ = list_stories(conn, StoryFilter(place="FR"))
    assert in_france and all("FR" in s["countries"] for s in in_france)
    late, _ = list_stories(conn, StoryFilter(date_from="2025-01-01"))
    assert late and all(s["last_published"] >= "2025-01-01" for s in late)


def test_an_article_comes_back_with_its_story(example_db):
    conn = connect(example_db, readonly=True)
    article_id, story_id = conn.execute("SELECT id, story_id FROM articles LIMIT 1").fetchone()
    found = get_article(conn, article_id)
    assert found["story_id"] == story_id and found["analysis"]["document"]["id"] == article_id
    assert get_article(conn, "no-such-article") is None
