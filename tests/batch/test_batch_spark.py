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
    outdir = tmp_path / "run, [1] {a,b} *?"  # Hadoop would read these as a list and a pattern
    batch(inputs, "-o", outdir, "--engine", "spark", "--workers", "2", "--stories")
    expected = subprocess.run([STORYLINE, "stories", str(inputs), "--format", "jsonl", "--no-progress"],
                              capture_output=True, text=True).stdout
    assert (outdir / "stories.jsonl").read_text() == expected and expected.count("\n") >= 4


@pytest.fixture(scope="module")
def spark():
    import os
    import sys

    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    from pyspark.sql import SparkSession

    session = (SparkSession.builder.master("local[2]").appName("storyline tests")
               .config("spark.ui.enabled", "false").config("spark.ui.showConsoleProgress", "false").getOrCreate())
    session.sparkContext.setLogLevel("ERROR")
    yield session
    session.stop()


def test_spark_stories_are_grouped_block_by_block_in_several_partitions(spark, reference_output):
    from storyline.batch.stories import spark_blocks, spark_reports

    blocks = spark_blocks(spark_reports(spark.sparkContext, str(reference_output / "analyses.jsonl")))
    per_partition = blocks.mapPartitions(lambda records: [sorted({key[0] for key, _ in records})]).collect()
    found = [block for part in per_partition for block in part]
    assert len(found) == len(set(found)) >= 4  # the corpus's unrelated incidents, each block in one partition
    assert sum(1 for part in per_partition if part) >= 2
    assert blocks.count() == len((reference_output / "analyses.jsonl").read_text().splitlines())


def hand_made_batch(seed: int = 7) -> list:
    """600 digests: 450 sharing key "k" in one week (a bucket over MAX_BUCKET), 120 weeks of key "j"
    (more than UNDATED_WEEKS), 30 undated reports on k and j, terms drawn from a few so that stories form."""
    import random
    from array import array

    from storyline.stories.digest import ReportDigest

    rng = random.Random(seed)
    base = 740_000 // 7 * 7

    def digest(n, day, keys):
        terms = tuple(sorted(rng.sample([f"t{i}" for i in range(8)], 2)))
        return ReportDigest(id=f"r{n:03d}", url=None, title=None, outlet=None, published=None,
                            published_source=None, day=day, terms=terms, weights=array("f", [0.5 ** 0.5] * 2),
                            keys=tuple(sorted(keys)), names={}, places=(), event_types=frozenset())

    return ([digest(n, base + rng.randrange(7), {"k", f"x{rng.randrange(30)}"}) for n in range(450)]
            + [digest(450 + n, base + 7 * n, {"j", rng.choice(["k", "y"])}) for n in range(120)]
            + [digest(570 + n, None, {rng.choice(["j", "k"]), f"x{rng.randrange(30)}"}) for n in range(30)])


def test_spark_blocks_equal_the_whole_batch_with_a_full_bucket_and_undated_reports(spark):
    from storyline.batch.stories import spark_blocks, spark_stories
    from storyline.stories import iter_stories
    from storyline.stories.cluster import report_order
    from storyline.stories.digest_codec import digest_to_json

    digests = hand_made_batch()
    reports = spark.sparkContext.parallelize(
        [(ref, report_order(d), d.keys, digest_to_json(d)) for ref, d in enumerate(digests)], 4)
    blocks = spark_blocks(reports)
    notes = blocks.values().map(lambda record: record[1]).collect()
    assert any(closed for closed, _ in notes) and any(weeks for _, weeks in notes)
    found = spark_stories(blocks).sortByKey().values().collect()
    assert found == [s.model_dump_json(by_alias=True) for s in iter_stories(digests)]
