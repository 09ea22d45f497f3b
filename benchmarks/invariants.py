"""Output invariants on every analysis and story of the seed, the example corpus and the shared benchmark texts.

Each collection is read with storyline's readers or the reader of the benchmark script
that uses it, analysed with `storyline.pipeline.analyze_articles`, and every Analysis is
checked with `storyline.invariants.analysis_problems`; then `storyline.stories.build_stories`
groups the collection's analyses and every Story is checked with `story_problems` against
the analyses of its documents (quote spans against their texts, cited ids against their items).

    .venv/bin/python benchmarks/invariants.py                       # every collection
    .venv/bin/python benchmarks/invariants.py --limit 20 --collections seed,examples,plover --check

The last line is `result: PASS` when no problem was found, else `result: FAIL (...)`.
"""
from __future__ import annotations

import argparse
import gzip
import json
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

sys.path.insert(0, str(Path(__file__).resolve().parent))  # benchmarks/ is not a package

REPO_ROOT = Path(__file__).resolve().parents[1]
SHARED = REPO_ROOT.parent / "shared"
SHARED_BENCHMARKS = SHARED / "benchmarks"
SEED_DIR = SHARED / "seed"
EXAMPLE_CORPUS = REPO_ROOT / "examples" / "corpus"
ARTICLE_EXTRACTION = SHARED_BENCHMARKS / "article-extraction"
EXIT_SETUP_ERROR = 2
UNTRACEABLE = "untraceable spans"  # the pipeline's own span check refusing an analysis: an invariant broken


class Absent(Exception):
    """The collection's data is not there."""


# ---------------------------------------------------------------- collections: (articles, cache name or None)

def _language_tagged(articles: list) -> list:
    """Tag each article with a guessed language, as `storyline.ingest.read.iter_articles` does."""
    from storyline.ingest.article import Article
    from storyline.ingest.language import guess_language

    for a in articles:
        if isinstance(a, Article):
            a.extra.setdefault("language", guess_language(a.text))
    return articles


def read_seed(limit: int | None) -> list:
    from storyline.ingest.read import iter_articles

    paths = sorted(SEED_DIR.glob("*.txt"))[:limit]
    if not paths:
        raise Absent(f"no .txt files in {SEED_DIR}")
    return list(iter_articles([str(p) for p in paths]))


def read_examples(limit: int | None) -> list:
    from storyline.ingest.read import iter_articles

    if not EXAMPLE_CORPUS.is_dir():
        raise Absent(f"{EXAMPLE_CORPUS} is absent")
    return list(iter_articles([str(EXAMPLE_CORPUS)]))[:limit]


def read_realpages(limit: int | None) -> list:
    from storyline.ingest.article import Article
    from stories_realpages import PAGES, load_pages

    if not PAGES.is_file():
        raise Absent(f"{PAGES} is absent")
    # As stories_realpages.py reads them (URL and text only), every language included.
    return _language_tagged([Article(text=p["text"], url=p["url"], id=p["id"], origin=p["id"])
                             for p in load_pages(limit)])


def read_article_extraction(limit: int | None) -> list:
    """The gzipped pages through storyline's HTML reader, with the URL of ground-truth.json."""
    from storyline.ingest.article import ArticleError
    from storyline.ingest.html import read_html

    truth_path = ARTICLE_EXTRACTION / "ground-truth.json"
    paths = sorted((ARTICLE_EXTRACTION / "html").glob("*.html.gz"))[:limit]
    if not paths or not truth_path.is_file():
        raise Absent(f"no pages or no ground-truth.json under {ARTICLE_EXTRACTION}")
    truth = json.loads(truth_path.read_text(encoding="utf-8"))
    articles = []
    for path in paths:
        page_id = path.name.removesuffix(".html.gz")
        try:
            article = read_html(gzip.decompress(path.read_bytes()), str(path), url=truth.get(page_id, {}).get("url"))
        except ArticleError as error:
            articles.append(error)
            continue
        article.id = f"article-extraction/{page_id[:16]}"
        articles.append(article)
    return _language_tagged(articles)


def read_geoparsing(limit: int | None) -> list:
    import geo
    from storyline.ingest.article import Article

    articles = []
    for key in geo.CORPORA:
        if not (geo.DATA_DIR / geo.CORPORA[key][1]).is_file():
            raise Absent(f"{geo.DATA_DIR / geo.CORPORA[key][1]} is absent")
        for a in geo.read_corpus(key, limit).articles:
            articles.append(Article(text=a.text, id=f"{key}/{a.id}", origin=f"{geo.CORPORA[key][1]} {a.id}"))
    return _language_tagged(articles)


def read_basil(limit: int | None) -> list:
    from _story_data import BASIL_DIR, MissingData, load_basil

    try:
        return [r.article for r in load_basil()][:limit]
    except MissingData as exc:
        raise Absent(f"{exc} ({BASIL_DIR})") from exc


def read_polnear(limit: int | None) -> list:
    from _story_data import MissingData, load_polnear

    try:
        return [r.article for split in ("dev", "train") for r in load_polnear(split, limit)]
    except MissingData as exc:
        raise Absent(str(exc)) from exc


def read_tempeval3(limit: int | None) -> list:
    import time_tempeval3
    from storyline.ingest.article import Article

    if not time_tempeval3.DATA_DIR.is_dir():
        raise Absent(f"{time_tempeval3.DATA_DIR} is absent")
    documents = time_tempeval3.read_corpora(time_tempeval3.DATA_DIR, list(time_tempeval3.CORPORA.values()), limit)
    return [Article(text=d.text, id=f"{d.corpus}/{d.name}", published=d.created.isoformat(),
                    origin=f"{d.corpus}/{d.name}.tml") for d in documents]


def read_plover(limit: int | None) -> list:
    import events_plover
    from storyline.ingest.article import Article

    if not events_plover.DATA_FILE.is_file():
        raise Absent(f"{events_plover.DATA_FILE} is absent")
    return [Article(text=r.text, id=r.id, origin=r.id) for r in events_plover.read_records(events_plover.DATA_FILE)
            ][:limit]


# name -> (reader, description)
COLLECTIONS: dict[str, tuple[Callable[[int | None], list], str]] = {
    "seed": (read_seed, "../shared/seed/*.txt"),
    "examples": (read_examples, "examples/corpus"),
    "realpages": (read_realpages, "realpages/pages.jsonl"),
    "article-extraction": (read_article_extraction, "article-extraction/html/*.html.gz"),
    "geoparsing": (read_geoparsing, "geoparsing GWN, TR-News, GeoVirus"),
    "basil": (read_basil, "basil/articles"),
    "polnear": (read_polnear, "polnear dev + train texts"),
    "tempeval3": (read_tempeval3, "tempeval3 TimeBank + AQUAINT"),
    "plover": (read_plover, "plover/PLOVER_GSR_CAMEO.txt"),
}


# ---------------------------------------------------------------- running

@dataclass
class Outcome:
    name: str
    inputs: int = 0
    analyses: int = 0
    failed: int = 0
    stories: int = 0
    problems: list[str] = field(default_factory=list)
    failures: list[str] = field(default_factory=list)
    analyse_seconds: float = 0.0
    check_seconds: float = 0.0
    stories_seconds: float = 0.0
    skipped: str | None = None


def analyse(articles: list, outcome: Outcome, batch_size: int) -> list:
    """The analyses of the collection, in input order; failures are counted, untraceable spans are problems."""
    from storyline.ingest.article import ArticleError
    from storyline.pipeline import analyze_articles

    started = time.perf_counter()
    analyses = []
    for result in analyze_articles(articles, batch_size=batch_size):
        if isinstance(result, ArticleError):
            outcome.failed += 1
            outcome.failures.append(f"{result.origin}: {result.reason}")
            if UNTRACEABLE in result.reason:
                outcome.problems.append(f"analysis of {result.origin}: refused by the pipeline: {result.reason}")
        else:
            analyses.append(result)
    outcome.analyse_seconds = time.perf_counter() - started
    return analyses


def run_collection(name: str, limit: int | None, batch_size: int) -> Outcome:
    from storyline.invariants import analysis_problems, story_problems
    from storyline.stories import build_stories

    outcome = Outcome(name)
    reader = COLLECTIONS[name][0]
    try:
        articles = reader(limit)
    except Absent as exc:
        outcome.skipped = str(exc)
        return outcome
    outcome.inputs = len(articles)
    analyses = analyse(articles, outcome, batch_size)
    outcome.analyses = len(analyses)

    started = time.perf_counter()
    for a in analyses:
        outcome.problems += [f"analysis {a.document.id}: {p}" for p in analysis_problems(a)]
    outcome.check_seconds = time.perf_counter() - started

    started = time.perf_counter()
    stories = build_stories(analyses)
    outcome.stories_seconds = time.perf_counter() - started
    outcome.stories = len(stories)
    documents = {a.document.id: a for a in analyses}
    started = time.perf_counter()
    for story in stories:
        outcome.problems += [f"story {story.id} ({len(story.documents)} documents): {p}"
                             for p in story_problems(story, documents)]
    outcome.check_seconds += time.perf_counter() - started
    return outcome


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--limit", type=int, help="first N inputs of each collection (of each corpus or split "
                                                   "where a collection has several)")
    parser.add_argument("--collections", default=",".join(COLLECTIONS),
                        help=f"comma-separated, from: {', '.join(COLLECTIONS)} (default all)")
    parser.add_argument("--show", type=int, default=5, metavar="K", help="problems shown per collection (default 5)")
    parser.add_argument("--batch-size", type=int, default=32)
    parser.add_argument("--json", type=Path, metavar="FILE", help="write every figure and problem to FILE")
    parser.add_argument("--check", action="store_true", help="exit 1 when the result is FAIL")
    args = parser.parse_args(argv)
    args.collections = [c.strip() for c in args.collections.split(",") if c.strip()]
    unknown = [c for c in args.collections if c not in COLLECTIONS]
    if unknown:
        parser.error(f"unknown collection(s): {', '.join(unknown)}")
    return args


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    try:
        import storyline.invariants  # noqa: F401
        from storyline.nlp import load_nlp
    except ImportError as exc:
        print(f"invariants benchmark cannot run: storyline is not importable ({exc})", file=sys.stderr)
        return EXIT_SETUP_ERROR
    print("output invariants (storyline.invariants) on every analysis and story of each collection"
          + (f", first {args.limit} inputs each" if args.limit is not None else ""))
    started = time.perf_counter()
    load_nlp()
    outcomes = []
    for name in args.collections:
        outcome = run_collection(name, args.limit, args.batch_size)
        outcomes.append(outcome)
        print_outcome(outcome, COLLECTIONS[name][1], args.show)
    ran = [o for o in outcomes if o.skipped is None]
    if not ran:
        print("invariants benchmark cannot run: no collection's data is present", file=sys.stderr)
        return EXIT_SETUP_ERROR

    total = sum(len(o.problems) for o in ran)
    print(f"\ntotal: {sum(o.analyses for o in ran)} analyses, {sum(o.stories for o in ran)} stories, "
          f"{sum(o.failed for o in ran)} analysis failures, {total} problems; "
          f"{sum(o.analyse_seconds for o in ran):.1f} s analysing, {sum(o.check_seconds for o in ran):.1f} s checking, "
          f"{time.perf_counter() - started:.1f} s in all")
    if args.json:
        args.json.write_text(json.dumps([o.__dict__ for o in outcomes], indent=2) + "\n", encoding="utf-8")
    if total:
        where = "; ".join(f"{o.name} {len(o.problems)}" for o in ran if o.problems)
        print(f"result: FAIL ({total} problems: {where})")
        return 1 if args.check else 0
    print("result: PASS")
    return 0


def print_outcome(o: Outcome, description: str, show: int) -> None:
    if o.skipped is not None:
        print(f"\n{o.name} ({description}): skipped: {o.skipped}")
        return
    print(f"\n{o.name} ({description}): {o.inputs} inputs, {o.analyses} analysed, {o.failed} failed, "
          f"{o.stories} stories, {len(o.problems)} problems; analysis {o.analyse_seconds:.1f} s, "
          f"stories {o.stories_seconds:.1f} s, checks {o.check_seconds:.2f} s")
    for failure in o.failures[:show]:
        print(f"  failed: {failure[:300]}")
    for problem in o.problems[:show]:
        print(f"  problem: {problem[:400]}")
    if len(o.problems) > show:
        print(f"  ... {len(o.problems) - show} more problems")


if __name__ == "__main__":
    sys.exit(main())
