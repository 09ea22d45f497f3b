"""Inputs planned into shards: the unit of work, of restart and of output."""
from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass

from storyline.ingest.read import READERS
from storyline.ingest.text import SNIFF_BYTES, looks_binary

FILES_PER_SHARD = 200  # small files (one report each) are grouped; a JSONL or WARC file is a shard of its own
MULTI_RECORD = (".jsonl", ".warc", ".gz")
PART_BYTES = 16 << 20  # a larger JSONL file is cut at line starts into shards of about this size
SCAN_BYTES = 8 << 20  # read at a time when counting a JSONL file's lines


@dataclass(frozen=True)
class Shard:
    """Some input files, or a part of one JSONL file; its id changes when the file changes, so a re-run redoes it.

    `part` is (start byte, end byte, number of the line at start): the lines that begin in [start, end)."""

    id: str
    paths: tuple[str, ...]
    part: tuple[int, int, int] | None = None


def plan_shards(inputs: list[str], outdir: str | None = None) -> tuple[list[Shard], list[str]]:
    """The shards of the inputs (files, directories) in input order, and the inputs that do not exist.

    A directory walk never enters `outdir`: a run's own output, written inside an input
    directory, would otherwise be read as input by the next run."""
    shards, group, missing = [], [], []

    def flush_group():
        if group:
            shards.append(_shard(tuple(group)))
            group.clear()

    for file in _files(inputs, missing, os.path.realpath(outdir) if outdir else None):
        if file.lower().endswith(".jsonl"):
            flush_group()
            shards.extend(_shard((file,), part) for part in jsonl_parts(file))
        elif file.lower().endswith(MULTI_RECORD):
            flush_group()
            shards.append(_shard((file,)))
        else:
            group.append(file)
            if len(group) == FILES_PER_SHARD:
                flush_group()
    flush_group()
    return shards, missing


def _files(inputs: list[str], missing: list[str], outdir: str | None):
    for path in inputs:
        if os.path.isdir(path):
            for root, dirs, files in os.walk(path):
                dirs[:] = sorted(d for d in dirs if os.path.realpath(os.path.join(root, d)) != outdir)
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


def jsonl_parts(path: str) -> list[tuple[int, int, int] | None]:
    """The parts a JSONL file is read in: [None] (the whole file) up to PART_BYTES, else (start, end, first line)s.

    Cuts fall at line starts, found in one pass that also counts lines, so that errors name the
    line numbers the whole file's reader would. A file with nothing but blank lines is not cut:
    its one shard reports it empty, and a binary one is not cut either."""
    try:
        size = os.path.getsize(path)
        if size <= PART_BYTES:
            return [None]
        with open(path, "rb") as stream:
            if looks_binary(stream.readline(SNIFF_BYTES)):
                return [None]  # its one shard reports the file binary, as the whole file's reader does
            stream.seek(0)
            cuts, content = _line_cuts(stream, size)
    except OSError:
        return [None]  # its shard's reader names the error
    if not content or len(cuts) < 2:
        return [None]
    bounds = cuts + [(size, 0)]
    return [(start, end, first) for (start, first), (end, _) in zip(bounds, bounds[1:])]


def _line_cuts(stream, size: int) -> tuple[list[tuple[int, int]], bool]:
    """(byte, line number) of the first line start at or after each multiple of PART_BYTES; whether any content."""
    cuts, lines, offset, content, target = [(0, 1)], 0, 0, False, PART_BYTES
    while chunk := stream.read(SCAN_BYTES):
        content = content or bool(chunk.strip())
        start = 0
        while target < size:
            newline = chunk.find(b"\n", max(start, target - 1 - offset))
            if newline < 0:
                break
            lines += chunk.count(b"\n", start, newline + 1)
            start = newline + 1
            cut = offset + start
            if cut < size:
                cuts.append((cut, lines + 1))
            target = (cut // PART_BYTES + 1) * PART_BYTES  # a line longer than PART_BYTES spans targets
        lines += chunk.count(b"\n", start)
        offset += len(chunk)
    return cuts, content


def _shard(paths: tuple[str, ...], part: tuple[int, int, int] | None = None) -> Shard:
    key = hashlib.sha1()
    for p in paths:
        stat = os.stat(p)
        key.update(f"{os.path.abspath(p)}\0{stat.st_size}\0{stat.st_mtime_ns}\n".encode())
    if part is not None:
        key.update(f"part {part[0]}-{part[1]}".encode())
    return Shard(id=key.hexdigest()[:16], paths=paths, part=part)
