"""The per-article path: Article -> spaCy Doc -> extractors -> Analysis.

`analyze_doc` is a pure function of the parsed document and the article: no
I/O, no global state besides the per-process model and gazetteer caches and
the optional stage timings. The batch forms parse through `nlp.pipe` and turn a
failure on one article into an ArticleError for that article alone.
"""
from __future__ import annotations

import datetime as dt
import time
from collections import defaultdict
from contextlib import contextmanager
from typing import Iterable, Iterator

from spacy.tokens import Doc

from storyline.budget import TIME_BUDGET, TimeBudgetExceeded, time_limit
from storyline.extract.attribution import extract_attributions
from storyline.extract.entities import extract_entities
from storyline.extract.events import background_notes, extract_events
from storyline.extract.furniture import without_furniture
from storyline.extract.notes import extract_notes
from storyline.extract.place import resolve_places
from storyline.extract.published import infer_published
from storyline.extract.quantity import extract_quantities
from storyline.extract.sections import find_sections, ranges_of
from storyline.extract.time import extract_times, reanchor_time, time_to_date
from storyline.extract.time.calendar import iso_date
from storyline.gazetteer import default_gazetteer
from storyline.ingest.article import Article, ArticleError
from storyline.ingest.text import SURROGATE as _SURROGATE
from storyline.model import Analysis, Document, Entity, PublishedSource
from storyline.nlp import load_nlp

MAX_CHARS = 1_000_000  # spaCy's own default limit; longer texts need more memory than a laptop spares
MAX_TOKENS = 30_000  # about 100 KB of prose, three times a long feature; counted before the (uninterruptible) parse

# Seconds spent per stage in this process; read by benchmarks/throughput.py.
STAGE_TIMES: dict[str, float] = defaultdict(float)


@contextmanager
def _timed(stage: str):
    t0 = time.perf_counter()
    try:
        yield
    finally:
        STAGE_TIMES[stage] += time.perf_counter() - t0


def _publication(article: Article, text: str) -> tuple[dt.date | None, PublishedSource | None]:
    """The article's own date when it has one, else one inferred from its URL and text."""
    given = iso_date(article.published)
    if given:
        return given, PublishedSource(kind="input")
    return infer_published(article.url, text)


def _renumber(entities: list[Entity]) -> list[Entity]:
    """Entity ids e1..eN in order of first mention, before anything refers to them."""
    entities = sorted(entities, key=lambda e: min((m.start for m in e.mentions), default=0))
    for i, e in enumerate(entities, 1):
        e.id = f"e{i}"
    return entities


def _title(article: Article, text: str, sections) -> str | None:
    """The article's title; when the first line taken as title is page furniture, the headline found below it."""
    if not (article.headline_in_text and article.title):
        return article.title
    first = text.find(article.title.strip())
    if not any(s.kind == "furniture" and s.start <= first < s.end for s in sections):
        return article.title
    headline = next((s for s in sections if s.kind == "headline"), None)
    return text[headline.start:headline.end] if headline else None


def analyze_doc(doc: Doc, article: Article) -> Analysis:
    """Run every extractor over one parsed article and assemble its Analysis."""
    text = doc.text
    with _timed("published"):  # before the times: relative ones resolve against this date
        published, published_source = _publication(article, text)
    with _timed("sections"):
        sections = find_sections(text, article.headline_in_text)
        furniture = ranges_of(sections, "furniture")
        # captions, credits and page furniture: read for names, but nothing is reported or done there
        captions = ranges_of(sections, "caption") + ranges_of(sections, "byline") + furniture
    with _timed("entities"):
        entities = without_furniture(extract_entities(doc, sections), furniture)
    with _timed("places"):
        entities = _renumber(resolve_places(doc, entities, default_gazetteer()))
    with _timed("times"):
        times = extract_times(doc, published)
    with _timed("quantities"):
        quantities = extract_quantities(doc)
    with _timed("attribution"):
        attributions = extract_attributions(doc, entities, times, skip=captions)
    with _timed("times"):
        times = _reanchor_quoted_times(text, times, attributions)
    with _timed("events"):
        events = extract_events(doc, entities, times, quantities, attributions, skip_ranges=captions)
    with _timed("notes"):
        notes = extract_notes(doc, attributions, skip=captions, events=events) + background_notes(doc, events, times)
        notes.sort(key=lambda n: n.start)
    document = Document(
        id=article.content_id(), title=_title(article, text, sections), url=article.url, outlet=article.outlet,
        published=published.isoformat() if published else None, published_source=published_source,
        language=article.extra.get("language", "en"), text=text,
    )
    analysis = Analysis(
        document=document, sections=sections, entities=entities, attributions=attributions,
        events=events, times=times, quantities=quantities, notes=notes,
    )
    bad = analysis.untraceable()
    if bad:  # an extractor bug must not put untraceable items in the output
        raise RuntimeError(f"untraceable spans: {bad[:3]}")
    return analysis


def _reanchor_quoted_times(text, times, attributions):
    """Relative times inside a quote are relative to when it was said, not to publication."""
    by_id = {t.id: t for t in times}
    out = list(times)
    for a in attributions:
        spoken = by_id.get(a.time) if a.time else None
        day = time_to_date(spoken) if spoken else None
        if day is None:
            continue
        for i, t in enumerate(out):
            if a.content.start <= t.start < a.content.end and t.anchor in ("publication", "unresolved"):
                out[i] = reanchor_time(t, text, day)
    return out


def layout_only(article: Article) -> Analysis:
    """The language-independent part of an Analysis (sections) for a text we cannot parse."""
    published, published_source = _publication(article, article.text)
    sections = find_sections(article.text, article.headline_in_text)
    document = Document(
        id=article.content_id(), title=_title(article, article.text, sections), url=article.url,
        outlet=article.outlet, published=published.isoformat() if published else None,
        published_source=published_source, language=article.extra.get("language", "und"), text=article.text,
    )
    return Analysis(document=document, sections=sections)


def analyze_articles(
    articles: Iterable[Article | ArticleError], batch_size: int = 32, english_only: bool = True,
    time_budget: float | None = TIME_BUDGET,
) -> Iterator[Analysis | ArticleError]:
    """Analyse a stream of articles in input order; a bad item yields an ArticleError and the rest go on.

    Non-English articles get `layout_only` (flagged by `document.language`). Items that are not
    articles (errors, analyses read back) pass through in order; the model loads only when needed.
    Each document is bounded: at most MAX_CHARS characters and MAX_TOKENS tokens, and at most
    `time_budget` seconds of parsing and extraction (None or 0: no time limit)."""
    pending: list[Article] = []
    order: list[Article | ArticleError | Analysis] = []

    def flush() -> Iterator[Analysis | ArticleError]:
        results = _analyze_batch(pending, batch_size, time_budget) if pending else {}
        for item in order:
            yield results.get(id(item), item)
        pending.clear()
        order.clear()

    for item in articles:
        if isinstance(item, Article):
            if not item.text.strip():
                item = ArticleError(item.origin, "empty")
            elif len(item.text) > MAX_CHARS:
                item = ArticleError(item.origin, f"too long to analyse ({len(item.text):,} characters > {MAX_CHARS:,})")
            elif (bad := _not_unicode(item)) is not None:
                item = ArticleError(item.origin, bad)
            elif english_only and item.extra.get("language", "en") != "en":
                item = _guarded(layout_only, item)
            else:
                pending.append(item)
        order.append(item)
        if len(pending) >= batch_size:
            yield from flush()
    yield from flush()


def _not_unicode(article: Article) -> str | None:
    """Why the article cannot be analysed or stored as text (a surrogate code point, which no encoder takes), or None.

    The readers never give such an Article (ingest.text.normalise_text replaces lone surrogates); one built
    in code may hold one, and it is refused alone instead of failing its whole batch."""
    for name in ("text", "title", "id", "url", "outlet", "published"):
        value = getattr(article, name)
        found = _SURROGATE.search(value) if isinstance(value, str) else None
        if found:
            return f"{name} is not valid Unicode (surrogate code point U+{ord(found.group()):04X} at offset " \
                   f"{found.start()})"
    return None


def _guarded(analyse, article: Article) -> Analysis | ArticleError:
    """analyse(article), or the ArticleError of that one article when it fails."""
    try:
        return analyse(article)
    except Exception as exc:  # one article's failure must not stop the batch
        return _failed(article, exc)


def _failed(article: Article, exc: Exception) -> ArticleError:
    """The one-line ArticleError of an article whose analysis raised `exc`."""
    message = str(exc).strip().splitlines()
    return ArticleError(article.origin,
                        f"analysis failed: {type(exc).__name__}" + (f": {message[0][:300]}" if message else ""))


def _analyze_batch(articles: list[Article], batch_size: int, budget: float | None) -> dict[int, Analysis | ArticleError]:
    """Each article's Analysis or ArticleError, by id(article); parsed together, failing one by one."""
    nlp = load_nlp()
    results: dict[int, Analysis | ArticleError] = {}
    docs = {}
    for a in articles:
        try:
            doc = nlp.make_doc(a.text)  # the bounded tokenizer: linear time whatever the text
        except Exception as exc:  # one article's failure must not stop the batch
            results[id(a)] = _failed(a, exc)
            continue
        if len(doc) > MAX_TOKENS:
            results[id(a)] = ArticleError(a.origin, f"too long to analyse ({len(doc):,} tokens > {MAX_TOKENS:,})")
        else:
            docs[id(a)] = doc
    todo = [a for a in articles if id(a) in docs]
    try:
        with time_limit(budget * len(todo) if budget else None):
            parsed = dict(zip((id(a) for a in todo), nlp.pipe((docs[id(a)] for a in todo), batch_size=batch_size)))
    except Exception:  # one of them is slow (TimeBudgetExceeded) or fails: parse each alone, so only that one fails
        parsed = {}
    for a in todo:
        try:
            with time_limit(budget):
                doc = parsed[id(a)] if id(a) in parsed else nlp(nlp.make_doc(a.text))
                results[id(a)] = analyze_doc(doc, a)
        except TimeBudgetExceeded:
            results[id(a)] = ArticleError(a.origin, f"analysis took longer than the {budget:g} s time budget "
                                                    "per document (see docs/limits.md)")
        except Exception as exc:  # one article's failure must not stop the batch
            results[id(a)] = _failed(a, exc)
    return results


def analyze_texts(texts: Iterable[str], batch_size: int = 32, published: str | None = None) -> Iterator[Analysis]:
    """Analyse plain texts (no headline line) in order, raising on the first failure."""
    articles = (Article(text=t, published=published, origin=f"text {i}") for i, t in enumerate(texts, 1))
    for result in analyze_articles(articles, batch_size=batch_size, english_only=False):
        if isinstance(result, ArticleError):
            raise result
        yield result


def analyze(
    text: str, published: str | None = None, title: str | None = None, url: str | None = None,
    outlet: str | None = None, id: str | None = None,
) -> Analysis:
    """Analyse one report. When `text` starts with `title`, that line is marked as the headline."""
    headline_in_text = bool(title) and text.lstrip().startswith(title.strip())
    article = Article(text=text, id=id, title=title, url=url, outlet=outlet, published=published,
                      headline_in_text=headline_in_text)
    result = next(analyze_articles([article], english_only=False))
    if isinstance(result, ArticleError):
        raise result
    return result
