"""The per-partition function both engines run: read a shard, analyse it, write its output atomically.

A shard's output is two files under OUTDIR/shards/: `ID.jsonl` (one Analysis per line)
and `ID.errors.jsonl` (one bad record per line with its reason), then `ID.done`
(counts) written last. A shard without `.done` was not finished and is redone whole;
files are written under temporary names and renamed, so a killed worker leaves no
half-written output behind.
"""
from __future__ import annotations

import json
import os
import socket
import time
import uuid
from dataclasses import asdict, dataclass, field

from storyline.batch.shards import Shard


@dataclass
class ShardResult:
    shard: str
    analyses: int = 0
    errors: int = 0
    words: int = 0
    seconds: float = 0.0
    skipped: bool = False  # already done by an earlier run
    warc: dict[str, dict] = field(default_factory=dict)  # each archive's WarcStats (as a dict) by path


def shard_dir(outdir: str) -> str:
    return os.path.join(outdir, "shards")


def is_done(outdir: str, shard_id: str) -> bool:
    return os.path.exists(os.path.join(shard_dir(outdir), f"{shard_id}.done"))


def analyze_shard(shard: Shard, outdir: str, batch_size: int = 32, time_budget: float | None = None) -> ShardResult:
    """Analyse one shard and write its output; a shard already done is not redone."""
    from storyline.budget import TIME_BUDGET
    from storyline.ingest.article import ArticleError
    from storyline.ingest.read import iter_articles, iter_jsonl_part
    from storyline.pipeline import analyze_articles

    if is_done(outdir, shard.id):
        return ShardResult(shard.id, skipped=True)
    started = time.perf_counter()
    result = ShardResult(shard.id)
    base = os.path.join(shard_dir(outdir), shard.id)
    os.makedirs(shard_dir(outdir), exist_ok=True)
    # Unique per attempt: on a cluster a retried or speculative attempt may run on another host with the same pid.
    tmp = f".{socket.gethostname()}.{os.getpid()}.{uuid.uuid4().hex[:8]}.tmp"
    budget = TIME_BUDGET if time_budget is None else time_budget
    warc: dict = {}  # each archive's WarcStats, filled in as the shard is read
    if shard.part:
        items = iter_jsonl_part(shard.paths[0], *shard.part)
    else:
        items = iter_articles(list(shard.paths), warc_stats=warc)
    with open(base + ".jsonl" + tmp, "w", encoding="utf-8") as out, \
            open(base + ".errors.jsonl" + tmp, "w", encoding="utf-8") as errors:
        for item in analyze_articles(items, batch_size=batch_size, time_budget=budget):
            if isinstance(item, ArticleError):
                result.errors += 1
                errors.write(json.dumps({"origin": item.origin, "reason": item.reason}, ensure_ascii=False) + "\n")
            else:
                result.analyses += 1
                result.words += len(item.document.text.split())
                out.write(item.to_json() + "\n")
    os.replace(base + ".jsonl" + tmp, base + ".jsonl")
    os.replace(base + ".errors.jsonl" + tmp, base + ".errors.jsonl")
    result.warc = {path: asdict(stats) for path, stats in warc.items()}
    result.seconds = time.perf_counter() - started
    with open(base + ".done" + tmp, "w", encoding="utf-8") as done:
        json.dump({**asdict(result), "paths": list(shard.paths), "part": shard.part}, done)
    os.replace(base + ".done" + tmp, base + ".done")
    return result


def done_record(outdir: str, shard_id: str) -> dict:
    """What a finished shard's `.done` marker records (its ShardResult as a dict, with its paths)."""
    with open(os.path.join(shard_dir(outdir), f"{shard_id}.done"), encoding="utf-8") as stream:
        return json.load(stream)


def analyze_partition(shards, outdir: str, batch_size: int = 32, time_budget: float | None = None):
    """The mapPartitions function: every shard of a partition, one result each."""
    for shard in shards:
        yield analyze_shard(shard, outdir, batch_size, time_budget)
