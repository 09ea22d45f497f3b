"""Stories over a batch's output, equal byte for byte to those of `storyline stories` on the same input.

Local engine: the digests (the part of each analysis the story layer reads) are grouped by
the very `iter_stories` that `storyline stories` runs. Spark engine: executors make the
digests, then the batch is cut into the blocks of storyline.stories.blocking (connected
components of the blocking buckets, found on Spark), each block is grouped by the same
story code in the partition that holds it, and the stories come back to the driver in
`iter_stories`'s order (by their oldest report), one partition at a time.
"""
from __future__ import annotations

import os
from typing import Iterator

from storyline.model import Analysis

RANGE_BYTES = 32 << 20  # analyses.jsonl is read in byte ranges of at most this size, one task each


def digest_line(line: str) -> str | None:
    """The digest (as JSON) of one Analysis JSON line; None for a report that is not English."""
    from storyline.stories.digest import digest_report
    from storyline.stories.digest_codec import digest_to_json

    analysis = Analysis.model_validate_json(line)
    return digest_to_json(digest_report(analysis)) if analysis.document.language == "en" else None


def write_stories(outdir: str, engine: str = "local") -> int:
    """OUTDIR/stories.jsonl from OUTDIR/analyses.jsonl (written atomically); returns the number of stories."""
    source = os.path.join(outdir, "analyses.jsonl")
    lines = _spark_story_lines(os.path.abspath(source)) if engine == "spark" else _local_story_lines(source)
    tmp = os.path.join(outdir, f".stories.jsonl.{os.getpid()}.tmp")
    count = 0
    with open(tmp, "w", encoding="utf-8") as out:
        for line in lines:
            out.write(line + "\n")
            count += 1
    os.replace(tmp, os.path.join(outdir, "stories.jsonl"))
    return count


def _local_story_lines(path: str) -> Iterator[str]:
    from storyline.stories import iter_stories
    from storyline.stories.digest_codec import digest_from_json

    with open(path, encoding="utf-8") as stream:
        digests = (digest_line(line) for line in stream)
        for story in iter_stories(digest_from_json(d) for d in digests if d is not None):
            yield story.model_dump_json(by_alias=True)


def _spark_story_lines(path: str) -> Iterator[str]:
    from pyspark import StorageLevel
    from pyspark.sql import SparkSession

    sc = SparkSession.getActiveSession().sparkContext
    held: list = []  # RDDs cached along the way, released at the end
    reports = spark_reports(sc, path).persist(StorageLevel.MEMORY_AND_DISK)  # made once: digests are costly
    stories = spark_stories(spark_blocks(reports, held)).persist(StorageLevel.MEMORY_AND_DISK)  # read twice
    try:
        yield from stories.sortByKey(numPartitions=partitions(reports)).values().toLocalIterator()
    finally:
        for rdd in [stories, reports, *held]:
            rdd.unpersist()


# The Spark steps. A report is a tuple (ref, order, keys, digest JSON): ref the byte offset of its
# line in analyses.jsonl, order its report_order (day or inf, id), keys its blocking keys.

def report_record(line: str, ref: int) -> tuple | None:
    """(ref, order, keys, digest JSON) of one Analysis line; None for a report that is not English."""
    from storyline.stories.cluster import report_order
    from storyline.stories.digest import digest_report
    from storyline.stories.digest_codec import digest_to_json

    analysis = Analysis.model_validate_json(line)
    if analysis.document.language != "en":
        return None
    d = digest_report(analysis)
    return ref, report_order(d), d.keys, digest_to_json(d)


def spark_reports(sc, path: str):
    """The batch's reports as an RDD of report records, read and made on the executors.

    Python opens the file in each task (by the path the driver and executors share, as for the
    inputs), so no Hadoop path parsing reads a comma, brace or bracket in OUTDIR as a pattern."""
    ranges = byte_ranges(os.path.getsize(path), sc.defaultParallelism)
    lines = sc.parallelize(ranges, len(ranges)).flatMap(lambda r: read_lines(path, *r))
    return lines.map(lambda pair: report_record(pair[1], pair[0])).filter(lambda r: r is not None)


def byte_ranges(size: int, parallelism: int) -> list[tuple[int, int]]:
    """[start, end) ranges covering `size` bytes: at least `parallelism` of them, none over RANGE_BYTES."""
    count = max(1, parallelism, -(-size // RANGE_BYTES))
    bounds = [size * n // count for n in range(count + 1)]
    return [(a, b) for a, b in zip(bounds, bounds[1:])]


def read_lines(path: str, start: int, end: int) -> Iterator[tuple[int, str]]:
    """(byte offset, line) of each non-empty line that begins in [start, end) of a UTF-8 file."""
    with open(path, "rb") as stream:
        if start > 0:
            stream.seek(start - 1)
            stream.readline()  # the rest of a line begun before start (just its newline if one ends at start - 1)
        offset = stream.tell()
        while offset < end:
            line = stream.readline()
            if not line:
                break
            if line.strip():
                yield offset, line.decode("utf-8").rstrip("\r\n")
            offset += len(line)


def spark_blocks(reports, held: list | None = None):
    """((block, order), (digest JSON, notes)) sorted by block and order within partitions; caches go into `held`.

    A block is the smallest ref of a connected component of the blocking graph, and lies in one partition;
    a report's notes are what its block must know of the whole batch (see report_notes)."""
    from pyspark.rdd import portable_hash

    held = [] if held is None else held
    n = partitions(reports)
    kept = _held(first_of_each_id(reports.map(lambda r: r[:3]), n), held)
    cells = _held(spark_cells(kept, n), held)
    weeks = _held(undated_key_weeks(kept, cells, n), held)
    outcomes = _held(spark_touches(kept, weeks).join(cells, n).map(touch_outcome), held)
    edges = outcomes.filter(lambda o: o[2] and o[0] != o[3]).map(lambda o: (o[0], o[3]))
    labels = kept.map(lambda r: (r[0], r[0])).union(spark_components(edges, n, held)).reduceByKey(min, n)
    blocks_and_notes = labels.leftOuterJoin(report_notes(outcomes, weeks, n), n)
    records = reports.map(lambda r: (r[0], (r[1], r[3]))).join(blocks_and_notes, n).map(_block_record)
    return records.repartitionAndSortWithinPartitions(n, lambda key: portable_hash(key[0]))


def _held(rdd, held: list):
    held.append(rdd.cache())
    return rdd


def report_notes(outcomes, weeks, n: int):
    """(ref, (buckets closed when it read them, [(key, weeks an undated report reads)])) of the reports with any."""
    closed = outcomes.filter(lambda o: not o[2]).map(lambda o: (o[0], ([o[1]], [])))
    return closed.union(weeks.map(lambda w: (w[0], ([], [(w[2], w[3])])))).reduceByKey(_join_notes, n)


def partitions(reports) -> int:
    """Partitions of every shuffle of the stories step: the cluster's parallelism, or the input's if more."""
    return max(reports.context.defaultParallelism, reports.getNumPartitions())


def _join_notes(a: tuple, b: tuple) -> tuple:
    return a[0] + b[0], a[1] + b[1]


def _block_record(joined: tuple) -> tuple:
    """((block, order), (digest JSON, notes)) from the joins of spark_blocks."""
    _, ((order, digest), (block, notes)) = joined
    return (block, order), (digest, notes or ([], []))


def first_of_each_id(kept, n: int):
    """(ref, order, keys) of each document id once: the first in index order, as StoryIndex keeps it."""
    first = kept.map(lambda r: (r[1][1], r)).reduceByKey(lambda a, b: min(a, b, key=lambda r: (r[1], r[0])), n)
    return first.values()


def spark_cells(kept, n: int):
    """(bucket, Cell) of every bucket, from a bounded head of its oldest members."""
    from storyline.stories.blocking import cell_info, head_add, head_merge, head_start, own_cells

    members = kept.flatMap(lambda r: [(c, (r[1], r[0])) for c in own_cells(r[1], r[2])])
    return members.combineByKey(head_start, head_add, head_merge, n).mapValues(lambda head: cell_info(*head))


def undated_key_weeks(kept, cells, n: int):
    """(ref, order, key, weeks) for each key of each undated report: the buckets of the key it reads."""
    from storyline.stories.blocking import latest_weeks, top_weeks

    dated = cells.keys().filter(lambda c: c[1] is not None).map(lambda c: (c[0], [c[1]])).reduceByKey(top_weeks, n)
    undated = kept.filter(lambda r: r[1][0] == float("inf")).flatMap(lambda r: [(k, (r[0], r[1])) for k in r[2]])
    return undated.leftOuterJoin(dated, n).map(
        lambda kv: (kv[1][0][0], kv[1][0][1], kv[0], latest_weeks(kv[1][1] or ())))


def spark_touches(kept, weeks):
    """(bucket, (ref, order, own)) for every bucket a report is in (own) or reads."""
    from storyline.stories.blocking import touches

    mine = kept.flatMap(lambda r: [(c, (r[0], r[1], own)) for c, own in touches(r[1], r[2], {})])
    undated = weeks.flatMap(lambda w: [(c, (w[0], w[1], False)) for c in _undated_reads(w[2], w[3])])
    return mine.union(undated)


def _undated_reads(key: str, weeks: tuple) -> list[tuple]:
    return [(key, w) for w in weeks if w is not None]


def touch_outcome(pair: tuple) -> tuple:
    """(ref, bucket, linked, the bucket's anchor): whether a report reads the bucket while it is open."""
    from storyline.stories.blocking import is_linked

    bucket, ((ref, order, own), cell) = pair
    return ref, bucket, is_linked(own, order, cell), cell.anchor


def spark_components(edges, n: int, held: list):
    """(node, its component's smallest node) for every node of the edges: large-star/small-star rounds on Spark."""
    from storyline.stories.blocking import MAX_ROUNDS, both_ways, large_star, small_star

    edges, previous = _held(edges.map(lambda e: (max(e), min(e))).distinct(n), held), None
    for _ in range(MAX_ROUNDS):
        done = _are_stars(edges, n)  # computes (and caches) this round's edges
        if previous is not None:
            previous.unpersist()
        if done:
            return edges.union(edges.values().map(lambda c: (c, c)))
        larger = edges.flatMap(both_ways).groupByKey(n).flatMap(lambda kv: large_star(*kv))
        previous, edges = edges, _held(larger.groupByKey(n).flatMap(lambda kv: small_star(*kv)), held)
    raise RuntimeError(f"connected components did not converge in {MAX_ROUNDS} rounds")


def _are_stars(edges, n: int) -> bool:
    from storyline.stories.blocking import is_star_node, star_tags

    return edges.flatMap(star_tags).groupByKey(n).filter(lambda kv: not is_star_node(kv[1])).isEmpty()


def spark_stories(blocks):
    """(order key, story JSON) of every story, each block grouped in the partition that holds it."""
    return blocks.mapPartitions(partition_stories)


def partition_stories(records) -> Iterator[tuple]:
    """The stories of one partition's blocks (records sorted by block, then order), block by block."""
    from itertools import groupby

    from storyline.stories.blocking import GlobalBuckets, block_stories
    from storyline.stories.digest_codec import digest_from_json

    for _, block in groupby(records, key=lambda r: r[0][0]):
        digests, whole = [], GlobalBuckets()
        for _, (digest, (closed, weeks)) in block:
            d = digest_from_json(digest)
            digests.append(d)
            if closed:
                whole.closed[d.id] = frozenset(closed)
            whole.weeks.update(weeks)
        for order, story in block_stories(digests, whole):
            yield order, story.model_dump_json(by_alias=True)
