"""Smoke test of benchmarks/invariants.py: a tiny run over every collection, and a FAIL on a broken analysis."""
import re
import subprocess
import sys

from benchmark_scripts import REPO_ROOT, load_benchmark

SCRIPT = REPO_ROOT / "benchmarks" / "invariants.py"


def test_a_two_input_run_over_every_collection_passes():
    done = subprocess.run([sys.executable, str(SCRIPT), "--limit", "2", "--check"], capture_output=True, text=True,
                          cwd=REPO_ROOT, timeout=300)
    output = done.stdout
    assert done.returncode == 0, done.stderr[-3000:] + output
    # examples/ ships with the repository; the shared collections print a line each, or "skipped" when absent
    assert re.search(r"^examples \(examples/corpus\): 2 inputs, 2 analysed, 0 failed, \d+ stories, 0 problems;",
                     output, re.MULTILINE), output
    for name in ("seed", "realpages", "article-extraction", "geoparsing", "basil", "polnear", "tempeval3", "plover"):
        assert re.search(rf"^{name} \(.*\): (\d+ inputs, \d+ analysed, \d+ failed, \d+ stories, 0 problems;|skipped)",
                         output, re.MULTILINE), output
    assert re.search(r"^total: \d+ analyses, \d+ stories, \d+ analysis failures, 0 problems;", output, re.MULTILINE)
    assert output.rstrip().splitlines()[-1] == "result: PASS"


def test_a_broken_analysis_fails_the_run(monkeypatch, capsys):
    from storyline.ingest.article import Article
    from storyline.model import Analysis

    benchmark = load_benchmark("invariants.py")
    text = "Ferry services to Osterholm resumed on Friday."
    broken = Analysis.model_validate({
        "document": {"id": "fiction-1", "text": text},
        "entities": [{"id": "e1", "name": "Osterholm", "kind": "place",
                      "mentions": [{"text": "Osterholn", "start": 18, "end": 27}]}],
    })
    monkeypatch.setitem(benchmark.COLLECTIONS, "fiction", (lambda limit: [Article(text=text)], "a made-up report"))
    monkeypatch.setattr(benchmark, "analyse", lambda articles, outcome, batch_size: [broken])

    exit_code = benchmark.main(["--collections", "fiction", "--check"])

    output = capsys.readouterr().out
    assert exit_code == 1
    assert "fiction (a made-up report): 1 inputs, 1 analysed, 0 failed, 1 stories, 1 problems;" in output
    assert ("  problem: analysis fiction-1: entity e1 mention 0: text 'Osterholn' != document.text[18:27] "
            "'Osterholm'") in output
    assert output.rstrip().splitlines()[-1] == "result: FAIL (1 problems: fiction 1)"
