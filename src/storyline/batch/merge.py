"""Finished shards into one output: analyses in shard order, each document once; errors alongside."""
from __future__ import annotations

import hashlib
import json
import os
from dataclasses import dataclass
from typing import Iterator, TextIO

from storyline.batch.partition import shard_dir


@dataclass
class Merged:
    analyses: int = 0
    duplicates: int = 0
    errors: int = 0
    words: int = 0


def merge_outputs(shards, outdir: str, fmt: str = "jsonl") -> Merged:
    """Write OUTDIR/analyses.jsonl (or .parquet) and OUTDIR/errors.jsonl from the shards done so far.

    A document whose id or text was already seen in an earlier shard is dropped, so an input
    read twice (or a syndicated copy carried in two files) yields one analysis."""
    merged = Merged()
    name = "analyses.parquet" if fmt == "parquet" else "analyses.jsonl"
    tmp = os.path.join(outdir, f".{name}.{os.getpid()}.tmp")
    errors_tmp = os.path.join(outdir, f".errors.jsonl.{os.getpid()}.tmp")
    with open(errors_tmp, "w", encoding="utf-8") as errors:
        lines = _unique_lines(shards, outdir, merged, errors)
        if fmt == "parquet":
            from storyline.batch.parquet import write_parquet

            write_parquet(lines, tmp)
        else:
            with open(tmp, "w", encoding="utf-8") as out:
                out.writelines(lines)
    os.replace(errors_tmp, os.path.join(outdir, "errors.jsonl"))
    os.replace(tmp, os.path.join(outdir, name))
    return merged


def _unique_lines(shards, outdir: str, merged: Merged, errors: TextIO) -> Iterator[str]:
    seen_ids, seen_texts = set(), set()
    for shard in shards:
        base = os.path.join(shard_dir(outdir), shard.id)
        if not os.path.exists(base + ".done"):
            continue
        with open(base + ".jsonl", encoding="utf-8") as stream:
            for line in stream:
                doc = json.loads(line)["document"]
                text_key = hashlib.sha256(doc["text"].encode("utf-8")).digest()
                if doc["id"] in seen_ids or text_key in seen_texts:
                    merged.duplicates += 1
                    continue
                seen_ids.add(doc["id"])
                seen_texts.add(text_key)
                merged.analyses += 1
                merged.words += len(doc["text"].split())
                yield line
        with open(base + ".errors.jsonl", encoding="utf-8") as stream:
            for line in stream:
                merged.errors += 1
                errors.write(line)
