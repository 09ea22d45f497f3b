"""Batch analysis of large inputs: shards analysed by worker processes or on Apache Spark.

    >>> from storyline.batch import run_batch
    >>> report = run_batch(["crawl/"], "out/", engine="local", workers=2)

Modules: shards (inputs planned into shards with stable ids), partition (the one
per-partition function both engines run: read a shard, analyse it, write its output
atomically), engines (local worker processes, Spark mapPartitions), merge (finished
shards into one output, duplicates dropped; JSON Lines or Parquet).
"""
from storyline.batch.engines import BatchReport, run_batch

__all__ = ["BatchReport", "run_batch"]
