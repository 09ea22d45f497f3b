"""The two engines over the same per-partition function: local worker processes, or Apache Spark."""
from __future__ import annotations

import fcntl
import glob
import os
import sys
from contextlib import contextmanager
from concurrent.futures import ProcessPoolExecutor, as_completed
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from multiprocessing import get_context
from typing import Callable

from storyline.batch.merge import merge_outputs
from storyline.batch.partition import ShardResult, analyze_partition, analyze_shard, done_record, is_done
from storyline.batch.shards import Shard, plan_shards
from storyline.ingest.warc import WarcStats


class BatchError(Exception):
    """The run stopped before every shard was done; running it again finishes it."""


@dataclass
class BatchReport:
    shards: int = 0
    done_before: int = 0  # shards an earlier run finished
    analyses: int = 0  # in the merged output
    duplicates: int = 0  # dropped when merging
    errors: int = 0
    words: int = 0
    stories: int | None = None  # written to stories.jsonl (with --stories)
    archives: int = 0  # WARC files read, by every run into OUTDIR
    warc: WarcStats = field(default_factory=WarcStats)  # what they held: responses, articles, duplicates, skipped
    missing: list[str] = field(default_factory=list)
    results: list[ShardResult] = field(default_factory=list)


def run_batch(inputs: list[str], outdir: str, engine: str = "local", workers: int = 1, fmt: str = "jsonl",
              batch_size: int = 32, time_budget: float | None = None,
              on_shard: Callable[[ShardResult], None] | None = None, stories: bool = False,
              on_plan: Callable[[int], None] | None = None) -> BatchReport:
    """Analyse every input into OUTDIR; shards done by an earlier run are kept, the rest (re)done.

    With `stories`, also OUTDIR/stories.jsonl: the stories `storyline stories` builds from the same input.
    `on_plan` is told how many shards are left to do before the first starts; `on_shard` gets each one done."""
    if stories and fmt != "jsonl":
        raise BatchError("--stories reads the analyses as JSON Lines: use --format jsonl")
    shards, missing = plan_shards(inputs, outdir)
    os.makedirs(outdir, exist_ok=True)
    with _only_run(outdir):
        report = _run(shards, missing, outdir, engine, workers, fmt, batch_size, time_budget, on_shard, on_plan)
        if stories:
            from storyline.batch.stories import write_stories

            report.stories = write_stories(outdir, engine)
        return report


@contextmanager
def _only_run(outdir: str):
    """One run per OUTDIR at a time; what a killed run left half written is removed first."""
    with open(os.path.join(outdir, ".lock"), "w") as lock:
        try:
            fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise BatchError(f"another storyline batch is writing to {outdir}") from None
        for tmp in glob.glob(os.path.join(outdir, "shards", "*.tmp")) + glob.glob(os.path.join(outdir, ".*.tmp")):
            os.remove(tmp)
        yield


def _run(shards, missing, outdir, engine, workers, fmt, batch_size, time_budget, on_shard, on_plan) -> BatchReport:
    report = BatchReport(shards=len(shards), missing=missing)
    todo = [s for s in shards if not is_done(outdir, s.id)]
    report.done_before = len(shards) - len(todo)
    if on_plan:
        on_plan(len(todo))
    run = {"local": _run_local, "spark": _run_spark}[engine]
    for result in run(todo, outdir, workers, batch_size, time_budget):
        report.results.append(result)
        if on_shard:
            on_shard(result)
    merged = merge_outputs(shards, outdir, fmt)
    report.archives, report.warc = warc_totals(shards, outdir)
    report.analyses, report.duplicates, report.errors, report.words = (
        merged.analyses, merged.duplicates, merged.errors, merged.words)
    return report


def warc_totals(shards: list[Shard], outdir: str) -> tuple[int, WarcStats]:
    """The number of WARC files the finished shards read, and their WarcStats summed."""
    archives, total = 0, WarcStats()
    for shard in shards:
        if is_done(outdir, shard.id):
            for stats in done_record(outdir, shard.id).get("warc", {}).values():  # absent before this was kept
                archives += 1
                total.add(WarcStats(**stats))
    return archives, total


def _load_model() -> None:
    from storyline.nlp import load_nlp

    load_nlp()


def _run_local(shards: list[Shard], outdir: str, workers: int, batch_size: int, time_budget):
    """Shards over N worker processes, each loading the model once; one worker: in this process."""
    if workers <= 1 or len(shards) <= 1:
        for shard in shards:
            yield analyze_shard(shard, outdir, batch_size, time_budget)
        return
    context = get_context("spawn")  # a clean interpreter per worker: no inherited threads or model state
    with ProcessPoolExecutor(max_workers=workers, mp_context=context, initializer=_load_model) as pool:
        futures = {pool.submit(analyze_shard, s, outdir, batch_size, time_budget): s for s in shards}
        try:
            for future in as_completed(futures):
                yield future.result()
        except BrokenProcessPool:
            left = sum(not is_done(outdir, s.id) for s in shards)
            raise BatchError(f"a worker process died; {left} shard(s) unfinished: run the same command "
                             "again to finish them (finished shards are kept)") from None


def _run_spark(shards: list[Shard], outdir: str, workers: int, batch_size: int, time_budget):
    """The same per-partition function under Spark's mapPartitions, one shard per partition.

    Uses the active SparkSession (spark-submit's) or starts local[workers]. Executors write
    their shards' output under OUTDIR themselves, so on a cluster OUTDIR must be storage
    every executor can write (a shared file system)."""
    if not shards:
        return
    try:
        from pyspark.sql import SparkSession
    except ImportError:
        raise BatchError("the spark engine needs pyspark: pip install 'storyline[spark]'") from None
    # Local Spark's Python workers must be this interpreter (the one storyline is installed in).
    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    spark = SparkSession.getActiveSession() or (
        SparkSession.builder.master(f"local[{max(1, workers)}]").appName("storyline batch")
        # A short-lived local driver: the JVM's quick compiler and serial GC halve its start-up.
        .config("spark.driver.extraJavaOptions", "-XX:TieredStopAtLevel=1 -XX:+UseSerialGC")
        .config("spark.ui.enabled", "false").config("spark.ui.showConsoleProgress", "false")
        .config("spark.task.maxFailures", "4").getOrCreate())
    spark.sparkContext.setLogLevel("ERROR")
    out = os.path.abspath(outdir)
    rdd = spark.sparkContext.parallelize(shards, len(shards))
    yield from rdd.mapPartitions(lambda part: analyze_partition(part, out, batch_size, time_budget)).collect()
