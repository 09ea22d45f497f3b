"""A killed ingest leaves a consistent database, and re-running it gives what one uninterrupted run gives."""
import random
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from test_store import dump

STORYLINE = str(Path(sys.executable).parent / "storyline")
CORPUS = Path(__file__).resolve().parents[2] / "examples" / "corpus"


def ingest_command(inputs, db) -> list[str]:
    return [STORYLINE, "ingest", str(inputs), "--db", str(db), "--no-progress"]


def stored_count(db) -> int:
    try:
        conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=1)
        try:
            return conn.execute("SELECT count(*) FROM articles").fetchone()[0]
        finally:
            conn.close()
    except sqlite3.Error:  # not created yet, or the schema is being written
        return 0


def kill_after(command, db, reports: int, extra_seconds: float, timeout: float = 120) -> int:
    """Start an ingest, SIGKILL it once `reports` are committed plus a little more; return the count at the kill."""
    proc = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + timeout
    while proc.poll() is None and stored_count(db) < reports and time.monotonic() < deadline:
        time.sleep(0.002)
    time.sleep(extra_seconds)
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    return stored_count(db)


def assert_consistent(db) -> None:
    """The database opens, passes SQLite's and FTS5's checks, and no report is half written."""
    conn = sqlite3.connect(db)
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    conn.execute("INSERT INTO articles_fts(articles_fts) VALUES ('integrity-check')")
    orphans = conn.execute("SELECT count(*) FROM articles a LEFT JOIN stories s ON s.id = a.story_id"
                           " WHERE a.digest IS NOT NULL AND s.id IS NULL").fetchone()[0]
    assert orphans == 0, "a report whose story was not written"
    unlisted = conn.execute("SELECT count(*) FROM article_entities e LEFT JOIN articles a ON a.id = e.article_id"
                            " WHERE a.id IS NULL").fetchone()[0]
    assert unlisted == 0
    conn.close()


@pytest.fixture(scope="module")
def reference(tmp_path_factory, example_analyses_jsonl):
    db = tmp_path_factory.mktemp("reference") / "whole.db"
    subprocess.run(ingest_command(example_analyses_jsonl, db), check=True, capture_output=True)
    return dump(db)


@pytest.mark.parametrize("seed", range(6))
def test_ingest_killed_at_a_random_point_resumes_to_the_uninterrupted_database(
        seed, tmp_path, example_analyses_jsonl, reference):
    rng = random.Random(seed)
    db = tmp_path / "killed.db"
    at = kill_after(ingest_command(example_analyses_jsonl, db), db, rng.randrange(0, 16), rng.uniform(0, 0.05))
    if db.exists():
        assert_consistent(db)
    rerun = subprocess.run(ingest_command(example_analyses_jsonl, db), capture_output=True, text=True)
    assert rerun.returncode == 0, rerun.stderr
    assert f"{at:,} already stored" in rerun.stderr
    assert dump(db) == reference


def test_ingest_of_raw_reports_killed_mid_run_resumes_to_the_same_database(tmp_path, reference):
    """Raw texts: the reports parsed after the restart are batched differently, and must come out the same."""
    db = tmp_path / "raw.db"
    kill_after(ingest_command(CORPUS, db), db, 7, 0.01)
    assert_consistent(db)
    subprocess.run(ingest_command(CORPUS, db), check=True, capture_output=True)
    assert dump(db) == reference
