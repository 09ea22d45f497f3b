"""Inputs planned into shards: the unit of work, of restart and of output."""
from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass

from storyline.ingest.read import READERS

FILES_PER_SHARD = 200  # small files (one report each) are grouped; a JSONL or WARC file is a shard of its own
MULTI_RECORD = (".jsonl", ".warc", ".gz")


@dataclass(frozen=True)
class Shard:
    """Some input files; its id changes when any of them changes, so a re-run redoes it."""

    id: str
    paths: tuple[str, ...]


def plan_shards(inputs: list[str]) -> tuple[list[Shard], list[str]]:
    """The shards of the inputs (files, directories) in input order, and the inputs that do not exist."""
    shards, group, missing = [], [], []

    def flush_group():
        if group:
            shards.append(_shard(tuple(group)))
            group.clear()

    for file in _files(inputs, missing):
        if file.lower().endswith(MULTI_RECORD):
            flush_group()
            shards.append(_shard((file,)))
        else:
            group.append(file)
            if len(group) == FILES_PER_SHARD:
                flush_group()
    flush_group()
    return shards, missing


def _files(inputs: list[str], missing: list[str]):
    for path in inputs:
        if os.path.isdir(path):
            for root, dirs, files in os.walk(path):
                dirs.sort()
                yield from (os.path.join(root, name) for name in sorted(files) if _readable(name))
        elif os.path.isfile(path):
            yield path
        else:
            missing.append(path)


def read_manifest(path: str) -> list[str]:
    """Input paths listed one per line (blank lines and # comments skipped), relative to the manifest."""
    base = os.path.dirname(os.path.abspath(path))
    with open(path, encoding="utf-8") as stream:
        lines = [line.strip() for line in stream]
    return [line if os.path.isabs(line) else os.path.join(base, line) for line in lines
            if line and not line.startswith("#")]


def _readable(path: str) -> bool:
    lower = path.lower()
    return lower.endswith(".warc.gz") or os.path.splitext(lower)[1] in READERS


def _shard(paths: tuple[str, ...]) -> Shard:
    key = hashlib.sha1()
    for p in paths:
        stat = os.stat(p)
        key.update(f"{os.path.abspath(p)}\0{stat.st_size}\0{stat.st_mtime_ns}\n".encode())
    return Shard(id=key.hexdigest()[:16], paths=paths)
