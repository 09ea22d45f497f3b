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
