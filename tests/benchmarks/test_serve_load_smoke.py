"""Smoke test of benchmarks/serve_load.py: the generated corpus has the intended shape, and --smoke runs end to end.

The generator (fiction_incidents.py) and the load generator (load_generator.py) are its siblings in benchmarks/,
imported by name once the script has put that folder on sys.path."""
import re
import subprocess
import sys
from collections import defaultdict

from benchmark_scripts import REPO_ROOT, load_benchmark

SCRIPT = REPO_ROOT / "benchmarks" / "serve_load.py"


def test_generated_articles_are_incidents_reported_by_several_outlets_with_differing_counts():
    load_benchmark("serve_load.py")
    from fiction_incidents import generate_articles  # put on sys.path by the script

    records = generate_articles(300)

    assert len(records) == 300
    assert len({r["id"] for r in records}) == 300
    assert [r["published"] for r in records] == sorted(r["published"] for r in records)
    assert all(set(r) == {"id", "url", "title", "outlet", "published", "text"} for r in records)
    by_incident = defaultdict(list)
    for record in records:
        by_incident[record["id"].rsplit("-", 1)[0]].append(record)
    complete = list(by_incident.values())[:-1]  # the last incident may be cut short by the count
    assert all(2 <= len(reports) <= 5 for reports in complete)
    assert all(len({r["outlet"] for r in reports}) == len(reports) for reports in by_incident.values())
    assert all(" said" in r["text"] for r in records)
    # Reports of one incident do not all say the same thing: titles carry their own counts.
    assert sum(len({r["title"] for r in reports}) > 1 for reports in complete) > len(complete) / 2
    assert generate_articles(300) == records  # same seed, same corpus (the cache relies on it)


def test_percentile_is_nearest_rank():
    load_benchmark("serve_load.py")
    from load_generator import percentile  # put on sys.path by the script

    values = list(range(1, 101))

    assert percentile(values, 50) == 50
    assert percentile(values, 95) == 95
    assert percentile(values, 100) == 100
    assert percentile([7.0], 99) == 7.0


def test_a_missing_database_is_a_setup_error(tmp_path, capsys):
    benchmark = load_benchmark("serve_load.py")

    exit_code = benchmark.main(["--db", str(tmp_path / "absent.db"), "--check"])

    assert exit_code == 2
    assert "cannot run" in capsys.readouterr().err


def test_smoke_run_builds_serves_and_prints_the_figures(tmp_path):
    completed = subprocess.run([sys.executable, str(SCRIPT), "--smoke", "--check",
                                "--cache-dir", str(tmp_path / "cache")],
                               capture_output=True, text=True, timeout=180, cwd=REPO_ROOT)

    output = completed.stdout
    assert completed.returncode == 0, completed.stderr + output
    assert re.search(r"^database: .*built by this run.*ingest [\d.]+ s", output, re.MULTILINE), output
    assert re.search(r"^  40 articles in \d+ stories", output, re.MULTILINE), output
    for label in ("requests sent", "completed (200)", "errors", "achieved rate (req/s)", "latency p50 (ms)",
                  "latency p95 (ms)", "latency p99 (ms)", "latency max (ms)", "server CPU %", "server RSS"):
        assert re.search(rf"^{re.escape(label)}.*\S+\s+\S+$", output, re.MULTILINE), (label, output)
    sent = re.search(r"^requests sent\s+(\d+)\s+(\d+)$", output, re.MULTILINE)
    assert sent and sent.groups() == ("40", "60"), output  # 20 req/s: 2 s of baseline, 3 s of story pages
    assert re.search(r"^errors\s+0\s+0$", output, re.MULTILINE), output
    assert output.strip().splitlines()[-1] == "result: PASS", output
    assert list((tmp_path / "cache").glob("gen*-n40-*.db")), "the database is cached under --cache-dir"
