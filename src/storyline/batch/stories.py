"""Stories over a batch's output: digests made where the analyses are, grouping done by the stories code.

The digests (the part of each analysis the story layer reads) are made in parallel (on
Spark's executors with the spark engine); grouping then runs the very `iter_stories` that
`storyline stories` runs, so the stories equal those of `storyline stories` on the same input.
"""
from __future__ import annotations

import json
import os
from typing import Iterator

from storyline.model import Analysis


def digest_line(line: str) -> str | None:
    """The digest (as JSON) of one Analysis JSON line; None for a report that is not English."""
    from storyline.stories.digest import digest_report
    from storyline.stories.digest_codec import digest_to_json

    analysis = Analysis.model_validate_json(line)
    return digest_to_json(digest_report(analysis)) if analysis.document.language == "en" else None


def _local_digests(path: str) -> Iterator[str]:
    with open(path, encoding="utf-8") as stream:
        for line in stream:
            digest = digest_line(line)
            if digest is not None:
                yield digest


def _spark_digests(path: str) -> Iterator[str]:
    from pyspark.sql import SparkSession

    spark = SparkSession.getActiveSession()
    digests = spark.sparkContext.textFile(path).map(digest_line).filter(lambda d: d is not None).collect()
    yield from digests


def write_stories(outdir: str, engine: str = "local") -> int:
    """OUTDIR/stories.jsonl from OUTDIR/analyses.jsonl; returns the number of stories."""
    from storyline.stories import iter_stories
    from storyline.stories.digest_codec import digest_from_json

    source = os.path.join(outdir, "analyses.jsonl")
    digests = _spark_digests(os.path.abspath(source)) if engine == "spark" else _local_digests(source)
    tmp = os.path.join(outdir, f".stories.jsonl.{os.getpid()}.tmp")
    count = 0
    with open(tmp, "w", encoding="utf-8") as out:
        for story in iter_stories(digest_from_json(d) for d in digests):
            out.write(story.model_dump_json(by_alias=True) + "\n")
            count += 1
    os.replace(tmp, os.path.join(outdir, "stories.jsonl"))
    return count
