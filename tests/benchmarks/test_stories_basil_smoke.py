"""Smoke test of benchmarks/stories_basil.py: five BASIL events plus five distractors score and give a verdict."""
import json
import re

import pytest
from benchmark_scripts import SHARED_BENCHMARKS, load_benchmark

BASIL_DIR = SHARED_BENCHMARKS / "basil"
POLNEAR_DEV_DIR = SHARED_BENCHMARKS / "polnear" / "dev"


def test_basil_body_joins_sentences_into_paragraphs():
    benchmark = load_benchmark("stories_basil.py")
    from _story_data import _basil_body  # put on sys.path by the script

    paragraphs = [["First sentence.", "Second one."], ["Next paragraph."]]
    assert _basil_body(paragraphs) == "First sentence. Second one.\n\nNext paragraph."
    assert _basil_body(json.dumps(paragraphs)) == _basil_body(paragraphs)  # older dumps: a JSON string
    assert benchmark.MIN_F1_ALONE == 0.95


@pytest.mark.skipif(not (BASIL_DIR.is_dir() and POLNEAR_DEV_DIR.is_dir()),
                    reason=f"benchmark data absent: {BASIL_DIR} or {POLNEAR_DEV_DIR}")
def test_five_event_run_prints_scores_for_both_settings(capsys, tmp_path):
    benchmark = load_benchmark("stories_basil.py")
    figures = tmp_path / "figures.json"

    exit_code = benchmark.main(["--limit", "5", "--distractors", "5", "--cache-dir", str(tmp_path / "cache"),
                                "--json", str(figures), "--show-errors", "2"])

    captured = capsys.readouterr()
    output = captured.out
    assert exit_code in (0, 1), captured.err + output
    assert "BASIL: 15 reports of 5 events; PolNeAR dev distractors: 5" in output
    rows = re.findall(r"^  storyline build_stories\s+(.*)$", output, re.MULTILINE)
    assert len(rows) == 2, output
    baseline_rows = re.findall(r"^  TF-IDF average-link, best t=\d\.\d\d\s+(.*)$", output, re.MULTILINE)
    assert len(baseline_rows) == 2, output
    for row in rows + baseline_rows:
        *scores, clusters = row.split()
        assert all(0.0 <= float(s) <= 1.0 for s in scores), row
        assert int(clusters) >= 1
    assert len(re.findall(r"^target .*: \d\.\d{3} (PASS|FAIL)$", output, re.MULTILINE)) == 4, output
    assert re.search(r"^result: (PASS|FAIL)", output.splitlines()[-1]), output
    saved = json.loads(figures.read_text())
    assert [s["reports"] for s in saved["settings"]] == [15, 20]
    assert [s["gold_incidents"] for s in saved["settings"]] == [5, 10]
