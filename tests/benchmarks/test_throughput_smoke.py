"""Smoke test of benchmarks/throughput.py: a 5-article run completes and reports the speed ratio."""
import re

import pytest
from benchmark_scripts import SHARED_BENCHMARKS, load_benchmark

POLNEAR_DIR = SHARED_BENCHMARKS / "polnear"


@pytest.mark.skipif(not POLNEAR_DIR.is_dir(), reason=f"benchmark data absent: {POLNEAR_DIR}")
def test_five_article_run_prints_ratio_and_verdict(capsys):
    benchmark = load_benchmark("throughput.py")

    exit_code = benchmark.main(["--limit", "5", "--rounds", "1"])

    captured = capsys.readouterr()
    output = captured.out
    assert exit_code == 0, captured.err + output
    assert "articles: 5," in output
    ratio = re.search(r"^ratio \(full/bare\): (\d+\.\d+)", output, re.MULTILINE)
    assert ratio, output
    assert float(ratio.group(1)) > 0
    assert re.search(r"^result: (PASS|FAIL)", output, re.MULTILINE), output
