"""Stories on real scraped pages: clusters, dates inferred, and the facts lined up per incident.

../shared/benchmarks/realpages holds 110 page excerpts about ten incidents, with
no metadata but the URL: page furniture, cut-off endings and off-topic pages
included. Each English page is analysed from its URL and text alone, then
stories are built from all of them. Printed: BCubed and pairwise scores against
the incident labels (off-topic and non-news pages are each their own incident),
next to TF-IDF average-linkage at its best threshold in the same run; how many
pages got a date and from where; and, per incident, its largest story's facts
with status, values and sources, for a person to read.

    .venv/bin/python benchmarks/stories_realpages.py [--limit N] [--no-cache] [--facts K]
"""
from __future__ import annotations

import argparse
import json
import sys
import time
from collections import Counter, defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _story_data import SHARED_BENCHMARKS, cached_analyses  # noqa: E402
from stories_basil import baseline_sweep, check_stories, score, story_of_each_report  # noqa: E402

PAGES = SHARED_BENCHMARKS / "realpages" / "pages.jsonl"


def load_pages(limit: int | None = None) -> list[dict]:
    pages = [json.loads(line) for line in PAGES.read_text(encoding="utf-8").splitlines() if line.strip()]
    return pages[:limit]


def gold_incident(page: dict) -> str:
    """The page's incident; a page about nothing in the set is its own incident."""
    label = page["label"]
    return page["id"] if label.startswith("other:") or label in ("not-news", "non-English") else label


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--limit", type=int, help="first N pages only")
    parser.add_argument("--no-cache", action="store_true")
    parser.add_argument("--facts", type=int, default=6, help="facts shown per incident")
    args = parser.parse_args(argv)
    if not PAGES.is_file():
        print(f"missing data: {PAGES}", file=sys.stderr)
        return 2
    from storyline.ingest.article import Article
    from storyline.stories import build_stories

    pages = [p for p in load_pages(args.limit) if p["language"] == "en"]
    articles = [Article(text=p["text"], url=p["url"], id=p["id"], origin=p["id"]) for p in pages]
    analyses, failures = cached_analyses("realpages", articles, use_cache=not args.no_cache)
    analyses = [a for a in analyses if a.document.language == "en"]
    gold = {p["id"]: gold_incident(p) for p in pages if p["id"] in {a.document.id for a in analyses}}
    print(f"realpages: {len(pages)} English pages, {len(analyses)} analysed as English, {len(failures)} failed")

    started = time.perf_counter()
    stories = build_stories(analyses)
    seconds = time.perf_counter() - started
    check_stories(stories, analyses)
    predicted = story_of_each_report(stories)
    ours = score(predicted, gold)
    print(f"storyline: BCubed P/R/F1 {ours.bcubed_p:.3f} / {ours.bcubed_r:.3f} / {ours.bcubed_f1:.3f}, "
          f"pairwise {ours.pairwise_p:.3f} / {ours.pairwise_r:.3f} / {ours.pairwise_f1:.3f}, "
          f"{ours.clusters} stories, {seconds:.2f} s")
    baseline = baseline_sweep(analyses, gold)
    if baseline:
        b, threshold, _ = baseline
        print(f"baseline (TF-IDF average-linkage, best threshold {threshold:.2f}): BCubed F1 {b.bcubed_f1:.3f}, "
              f"pairwise F1 {b.pairwise_f1:.3f}")

    by_page = {p["id"]: p for p in pages}
    sources = Counter(a.document.published_source.kind if a.document.published_source else "none" for a in analyses)
    stated = [a for a in analyses if by_page[a.document.id]["date_in_page"]]
    right = sum(1 for a in stated if a.document.published
                and a.document.published.startswith(by_page[a.document.id]["date_in_page"][:10]))
    print(f"dates: {dict(sources)}; pages stating a date: {len(stated)}, inferred the same day/month: {right}")

    stories_by_id = {s.id: s for s in stories}
    members = defaultdict(list)
    for page_id, incident in gold.items():
        members[incident].append(page_id)
    for incident, page_ids in sorted(members.items()):
        if len(page_ids) < 2:
            continue
        counts = Counter(predicted[p] for p in page_ids)
        story = stories_by_id[counts.most_common(1)[0][0]]
        print(f"\n## {incident}: {len(page_ids)} pages in {len(counts)} stories; largest: {len(story.documents)} "
              f"reports, {story.independent_sources} independent, {len(story.facts)} facts, "
              f"{len(story.timeline)} timeline entries")
        shown = sorted(story.facts, key=lambda f: (f.status == "single_source", -len(f.values)))[:args.facts]
        for fact in shown:
            values = "; ".join(f"{v.value} ({', '.join(sorted({s.root_source for s in v.support}))[:80]})"
                               for v in fact.values)
            print(f"  - {fact.subject} {fact.property}: {fact.status}: {values}")
        named = [e for e in story.entities if e.evidence][:3]
        for e in named:
            print(f"  - entity {e.name}: {'; '.join(e.evidence)[:160]}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
