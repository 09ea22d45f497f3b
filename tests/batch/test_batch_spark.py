"""`storyline batch --engine spark` (local[2]): the same per-partition function, the same output as local."""
import shutil

import pytest

from batch_cli import STORYLINE, batch

pytest.importorskip("pyspark", reason="the [spark] extra is not installed")
if shutil.which("java") is None:
    pytest.fail("no Java runtime: run `make java` (scripts/install-java.sh)", pytrace=False)


def test_spark_output_equals_the_local_engine_s(tmp_path, sharded_inputs, reference_output):
    inputs, _ = sharded_inputs
    done = batch(inputs, "-o", tmp_path, "--engine", "spark", "--workers", "2")
    assert done.returncode == 1, done.stderr  # the one bad line
    assert "9 shards (0 done before)" in done.stderr
    assert (tmp_path / "analyses.jsonl").read_text() == (reference_output / "analyses.jsonl").read_text()
    assert (tmp_path / "errors.jsonl").read_text() == (reference_output / "errors.jsonl").read_text()
    again = batch(inputs, "-o", tmp_path, "--engine", "spark", "--workers", "2")
    assert "(9 done before)" in again.stderr


def test_spark_stories_equal_storyline_stories_on_the_same_input(tmp_path, sharded_inputs):
    import subprocess


    inputs, _ = sharded_inputs
    batch(inputs, "-o", tmp_path, "--engine", "spark", "--workers", "2", "--stories")
    expected = subprocess.run([STORYLINE, "stories", str(inputs), "--format", "jsonl", "--no-progress"],
                              capture_output=True, text=True).stdout
    assert (tmp_path / "stories.jsonl").read_text() == expected and expected.count("\n") >= 4
