"""Reading Analysis JSON Lines back (the output of `storyline analyze --format jsonl`), so a corpus is parsed once."""
from __future__ import annotations

import json
from typing import Iterator

from pydantic import ValidationError

from storyline.ingest.article import ArticleError
from storyline.model import ANALYSIS_SCHEMA, Analysis

MAX_LINE_BYTES = 20_000_000  # one analysis holds its text plus every item: far more than an article


def is_analysis_jsonl(path: str) -> bool:
    """True when a .jsonl file's first record is a storyline Analysis (not an article to analyse)."""
    if not path.lower().endswith(".jsonl"):
        return False
    try:
        with open(path, "rb") as stream:
            for line in stream:
                if line.strip():
                    head = json.loads(line)
                    return isinstance(head, dict) and head.get("schema") == ANALYSIS_SCHEMA
    except (OSError, ValueError):
        return False
    return False


def read_analyses(path: str) -> Iterator[Analysis | ArticleError]:
    """Every Analysis of an Analysis JSONL file; a bad line is an ArticleError and the rest go on."""
    with open(path, "rb") as stream:
        for number, line in enumerate(stream, 1):
            if not line.strip():
                continue
            origin = f"{path}:{number}"
            if len(line) > MAX_LINE_BYTES:
                yield ArticleError(origin, f"line longer than {MAX_LINE_BYTES:,} bytes")
                continue
            try:
                analysis = Analysis.model_validate_json(line)
            except ValidationError as exc:
                first = exc.errors()[0]
                where = ".".join(str(p) for p in first["loc"])
                yield ArticleError(origin, f"not a valid analysis ({where}: {first['msg']})")
                continue
            bad = analysis.untraceable()
            if bad:
                yield ArticleError(origin, f"analysis with spans that do not match its text: {bad[0]}")
                continue
            yield analysis
