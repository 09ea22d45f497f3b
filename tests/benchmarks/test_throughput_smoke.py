"""Smoke test of benchmarks/throughput.py: a 5-article run completes and reports the speed ratio."""
import importlib.util
import re
from pathlib import Path

import pytest

REPO_ROOT = Path(__file__).resolve().parents[2]
BENCHMARK_SCRIPT = REPO_ROOT / "benchmarks" / "throughput.py"
POLNEAR_DIR = REPO_ROOT.parent / "shared" / "benchmarks" / "polnear"


def load_benchmark():
    """Import the benchmark script by path (benchmarks/ is not a package)."""
    spec = importlib.util.spec_from_file_location("storyline_throughput_benchmark", BENCHMARK_SCRIPT)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.skipif(not POLNEAR_DIR.is_dir(), reason=f"benchmark data absent: {POLNEAR_DIR}")
def test_five_article_run_prints_ratio_and_verdict(capsys):
    benchmark = load_benchmark()

    exit_code = benchmark.main(["--limit", "5", "--rounds", "1"])

    captured = capsys.readouterr()
    output = captured.out
    assert exit_code == 0, captured.err + output
    assert "articles: 5," in output
    ratio = re.search(r"^ratio \(full/bare\): (\d+\.\d+)", output, re.MULTILINE)
    assert ratio, output
    assert float(ratio.group(1)) > 0
    assert re.search(r"^result: (PASS|FAIL)", output, re.MULTILINE), output
