"""benchmarks/batch_engines.py on a handful of articles: both engines run and their outputs compare equal."""
import subprocess
import sys
from pathlib import Path

import pytest

SCRIPT = Path(__file__).resolve().parents[2] / "benchmarks" / "batch_engines.py"


def test_smoke_run_compares_the_engines_on_a_mixed_input():
    pytest.importorskip("pyspark")
    done = subprocess.run([sys.executable, str(SCRIPT), "--articles", "12", "--check"], capture_output=True,
                          text=True, timeout=600)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "stories.jsonl   local == spark: yes" in done.stdout
    assert done.stdout.strip().endswith("result: PASS")


EXAMPLES = Path(__file__).resolve().parents[2] / "examples" / "corpus"


def test_a_corpus_of_ones_own_is_compared_as_given():
    pytest.importorskip("pyspark")
    done = subprocess.run([sys.executable, str(SCRIPT), str(EXAMPLES), "--check"], capture_output=True, text=True,
                          timeout=600)
    assert done.returncode == 0, done.stdout + done.stderr
    assert f"input: {EXAMPLES}" in done.stdout
    assert "analyses 16 (16 distinct ids); errors 0; stories 4" in done.stdout
    assert done.stdout.strip().endswith("result: PASS")


def test_a_missing_input_is_refused_before_any_run(tmp_path):
    pytest.importorskip("pyspark")
    done = subprocess.run([sys.executable, str(SCRIPT), str(tmp_path / "nowhere.jsonl")], capture_output=True,
                          text=True, timeout=60)
    assert done.returncode == 2
    assert "no such input:" in done.stderr and "local" not in done.stdout


def test_keep_never_empties_a_directory_holding_an_input(tmp_path):
    pytest.importorskip("pyspark")
    feed = tmp_path / "feed.jsonl"
    feed.write_text('{"text": "The Kesto ferry docked late on Tuesday, its captain said."}\n', encoding="utf-8")
    done = subprocess.run([sys.executable, str(SCRIPT), str(feed), "--keep", str(tmp_path)], capture_output=True,
                          text=True, timeout=60)
    assert done.returncode == 2 and "holds an INPUT" in done.stderr
    assert feed.exists()
