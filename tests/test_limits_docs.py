"""docs/limits.md states the bounds the code enforces."""
import sys
from pathlib import Path

from storyline import budget, pipeline, tokenize
from storyline.ingest import analyses, html, text
from storyline.store import queries
from storyline.web import pages, security

DOC = " ".join((Path(__file__).resolve().parents[1] / "docs" / "limits.md").read_text(encoding="utf-8").split())


def test_every_documented_bound_is_the_code_s():
    assert f"{text.MAX_BYTES // 1_000_000} MB per file" in DOC
    assert f"{html.MAX_TAGS:,} tags (full extraction up to {html.FULL_EXTRACTION_MAX_TAGS:,})" in DOC
    assert f"| {analyses.MAX_LINE_BYTES // 1_000_000} MB |" in DOC
    assert f"integers of at most {sys.get_int_max_str_digits():,} digits" in DOC
    assert f"| {pipeline.MAX_CHARS:,} characters |" in DOC
    assert f"| {pipeline.MAX_TOKENS:,} (about" in DOC
    assert f"| {budget.TIME_BUDGET:g} s of parsing and extraction |" in DOC
    assert f"| {security.MAX_BODY_BYTES // 1_000_000} MB |" in DOC
    assert f"| {queries.MAX_PER_PAGE} / {pages.EXPORT_LIMIT:,} |" in DOC
    assert f"longer than {tokenize.LONG_CHUNK} characters" in DOC and f"tokens of {tokenize.PUNCT_PIECE} characters" in DOC
