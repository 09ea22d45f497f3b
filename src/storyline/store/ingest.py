"""Ingest: reports into the store, their stories updated through the incremental StoryIndex.

Resuming after a crash needs no journal of its own: the story index is rebuilt by
replaying the stored digests in ingest order, and reports already stored (same
content hash) are skipped, so a re-run continues where the last commit left off.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable, Iterable, Iterator

from storyline.ingest.article import Article, ArticleError
from storyline.model import Analysis
from storyline.store.database import Store, StoreError, content_hash
from storyline.stories import StoryIndex
from storyline.stories.digest import digest_report
from storyline.stories.digest_codec import digest_from_json, digest_to_json


@dataclass
class IngestReport:
    """What one ingest run did."""

    added: int = 0
    skipped: int = 0  # already stored: same content
    failed: int = 0
    stories: set[str] = field(default_factory=set)  # ids of the stories written (and not replaced since)


def load_story_index(store: Store) -> StoryIndex:
    """The story index as the stored reports left it, by replaying their digests in ingest order."""
    index = StoryIndex()
    for digest_json in store.iter_digests():
        index.add(digest_from_json(digest_json))
    return index


class Ingester:
    """Adds analyses to a store one transaction each; holds the story index between calls."""

    def __init__(self, store: Store, on_error: Callable[[ArticleError], None] | None = None):
        self.store = store
        self.index = load_story_index(store)
        self.on_error = on_error or (lambda error: None)
        self.report = IngestReport()

    def is_stored(self, article: Article) -> bool:
        """True when this text is already stored (so analysing it again would be wasted)."""
        return self.store.has_content(content_hash(article.text))

    def add(self, result: Analysis | ArticleError) -> str | None:
        """Store one analysis and update its story; returns the story id (None: not English, skipped or failed)."""
        if isinstance(result, ArticleError):
            return self._fail(result)
        doc = result.document
        if self.store.has_content(content_hash(doc.text)):
            self.report.skipped += 1
            return None
        if self.store.stored_hash(doc.id) is not None:
            return self._fail(ArticleError(doc.id, "another article with this id and a different text is stored"))
        digest = None
        if doc.language == "en":
            try:
                digest = digest_report(result)
            except Exception as exc:  # one report's failure must not stop the run
                return self._fail(ArticleError(doc.id, f"story digest failed: {type(exc).__name__}: {exc}"))
        with self.store.transaction():
            self.store.insert_article(result, digest_to_json(digest) if digest else None)
            story_id, replaced = None, set()
            if digest is not None:
                try:
                    story_id = self.index.add(digest)
                    replaced = self.store.replace_story(self.index.story(doc.id), self.index.members(doc.id))
                except Exception as exc:
                    # The in-memory index may be half updated: stop; the database rolls back to the last report.
                    raise StoreError(f"{doc.id}: updating its story failed ({type(exc).__name__}: {exc}); "
                                     "the database is unchanged for this report, re-run to continue") from exc
        self.report.added += 1
        if story_id:
            self.report.stories -= replaced
            self.report.stories.add(story_id)
        return story_id

    def _fail(self, error: ArticleError) -> None:
        self.report.failed += 1
        self.on_error(error)
        return None


def ingest(store: Store, items: Iterable[Article | Analysis | ArticleError], batch_size: int = 32,
           on_error: Callable[[ArticleError], None] | None = None,
           progress: Callable[[Iterator], Iterator] | None = None, time_budget: float | None = None) -> IngestReport:
    """Analyse (where needed) and store a stream of articles or analyses, in input order.

    `time_budget`: seconds of analysis per article (None: the pipeline's default)."""
    ingester = Ingester(store, on_error)
    for result in (progress or iter)(_analysed(ingester, items, batch_size, time_budget)):
        ingester.add(result)
    return ingester.report


def _analysed(ingester: Ingester, items, batch_size: int, time_budget: float | None) -> Iterator[Analysis | ArticleError]:
    """Analyses of the items, in order; articles already stored are counted as skipped, not parsed."""
    from storyline.budget import TIME_BUDGET
    from storyline.pipeline import analyze_articles

    def to_parse():
        for item in items:
            if isinstance(item, Article) and ingester.is_stored(item):
                ingester.report.skipped += 1
                continue
            yield item

    budget = TIME_BUDGET if time_budget is None else time_budget
    return analyze_articles(to_parse(), batch_size=batch_size, time_budget=budget)  # analyses, errors pass through
