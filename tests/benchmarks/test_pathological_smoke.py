"""Smoke test of benchmarks/pathological.py: a tiny run completes, prints its table and verdict; the slope fit."""
import json
import re
import subprocess
import sys

import pytest
from benchmark_scripts import REPO_ROOT, load_benchmark


def test_slope_fit_reads_linear_and_quadratic_growth():
    benchmark = load_benchmark("pathological.py")

    assert benchmark.fit_slope([1000, 2000, 4000], [0.1, 0.2, 0.4]) == pytest.approx(1.0)
    assert benchmark.fit_slope([1000, 2000, 4000], [0.1, 0.4, 1.6]) == pytest.approx(2.0)
    assert benchmark.text_of("ab", 15) == "Headline\n\nabab"  # at most the size, whole units


def test_tiny_run_prints_every_class_and_a_verdict(tmp_path):
    figures = tmp_path / "figures.json"
    command = [sys.executable, str(REPO_ROOT / "benchmarks" / "pathological.py"), "--sizes", "1000,2000",
               "--classes", "quotes-straight,said-quotes,newlines,html-table", "--quote-marks", "2000",
               "--json", str(figures)]

    completed = subprocess.run(command, capture_output=True, text=True, cwd=REPO_ROOT, timeout=300)

    output = completed.stdout
    assert completed.returncode == 0, completed.stderr[-2000:] + output
    for name in ("quotes-straight", "said-quotes", "newlines"):
        assert re.search(rf"^{name}\s+(\d+\.\d\d\s+){{2}}-?\d+\.\d\d", output, re.MULTILINE), output
    assert re.search(r"^html-table\s+2,500 cells: \d+\.\d{3}", output, re.MULTILINE), output
    assert "2,000 straight quote marks: full analysis" in output
    assert re.search(r"^result: (PASS|FAIL)", output.splitlines()[-1]), output
    record = json.loads(figures.read_text())
    assert [r["name"] for r in record["texts"]] == ["quotes-straight", "said-quotes", "newlines"]
    assert all(len(r["full"]) == len(r["spacy"]) == 2 for r in record["texts"])
    assert record["result"] in ("PASS", "FAIL")
