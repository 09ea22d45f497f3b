"""`storyline ingest`, `export` and `serve` on the command line: messages, exit codes, outputs."""
import csv
import io
import json
import sqlite3

from click.testing import CliRunner

from storyline.cli import main


def run(*args):
    return CliRunner().invoke(main, [str(a) for a in args], catch_exceptions=False)


def test_ingest_reports_what_it_did_and_a_second_run_adds_nothing(tmp_path, example_analyses_jsonl):
    db = tmp_path / "cli.db"
    first = run("ingest", example_analyses_jsonl, "--db", db, "--no-progress")
    assert first.exit_code == 0
    assert "16 added, 0 already stored, 0 failed; 4 stories updated; 16 articles in 4 stories" in first.stderr
    second = run("ingest", example_analyses_jsonl, "--db", db, "--no-progress")
    assert second.exit_code == 0 and "0 added, 16 already stored" in second.stderr


def test_ingest_names_a_bad_item_and_stores_the_rest(tmp_path):
    reports = tmp_path / "reports"
    reports.mkdir()
    (reports / "good.txt").write_text("Bridge closed in Port Velmar\n\nThe old bridge in Port Velmar was closed "
                                      "on Monday after cracks were found, the city engineer said.\n")
    (reports / "empty.txt").write_text("\n\n")
    result = run("ingest", reports, "--db", tmp_path / "some.db", "--no-progress")
    assert result.exit_code == 1
    assert "empty.txt" in result.stderr and "1 added" in result.stderr


def test_ingest_refuses_a_file_that_is_not_a_store(tmp_path):
    other = tmp_path / "other.db"
    sqlite3.connect(other).execute("CREATE TABLE t (x)")
    result = run("ingest", tmp_path, "--db", other)
    assert result.exit_code == 2 and "not a storyline store" in result.stderr


def test_export_writes_each_format_and_names_unknown_stories(example_db, tmp_path):
    rows = list(csv.DictReader(io.StringIO(run("export", "--db", example_db, "--format", "csv").stdout)))
    assert len(rows) == 4 and all(r["event_date"] for r in rows)
    disputed = json.loads(run("export", "--db", example_db, "--conflicts").stdout)["stories"]
    assert 0 < len(disputed) < 4
    out = tmp_path / "places.geojson"
    assert run("export", "--db", example_db, "--format", "geojson", "-o", out).exit_code == 0
    assert json.loads(out.read_text())["type"] == "FeatureCollection"
    missing = run("export", "--db", example_db, "--story", "s000000000000")
    assert missing.exit_code == 1 and "no story 's000000000000'" in missing.stderr


def test_serve_refuses_writes_with_several_workers(example_db):
    result = run("serve", "--db", example_db, "--workers", "2", "--write-token", "t")
    assert result.exit_code == 2 and "--workers 1" in result.stderr
