"""Story clustering against BASIL's gold events: do reports of one incident end up in one story, and only those?

BASIL has 100 events, each reported by the New York Times, Fox News and the
Huffington Post (300 reports). storyline's `build_stories` groups the analysed
reports; BCubed and pairwise scores compare its stories with the events, alone
and with the 84 PolNeAR dev reports mixed in as distractors (each its own gold
singleton). In the same run a TF-IDF + average-linkage baseline is swept over
its distance threshold and its best threshold reported (it is shown the answer
key), and the stories are rebuilt from shuffled input to check order independence.

    .venv/bin/python benchmarks/stories_basil.py [--limit N] [--distractors N] [--no-cache]
        [--json FILE] [--show-errors K] [--cache-dir DIR]
"""
from __future__ import annotations

import argparse
import json
import random
import sys
import time
from collections import defaultdict
from dataclasses import asdict, dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))  # benchmarks/ is not a package
from _story_data import BASIL_DIR, CACHE_DIR, POLNEAR_DIR, MissingData, cached_analyses, load_basil, load_polnear  # noqa: E402

MIN_F1_ALONE = 0.95  # BCubed F1 of storyline's stories on BASIL alone
MIN_F1_WITH_DISTRACTORS = 0.92  # ... with the PolNeAR dev reports mixed in
MAX_SHUFFLE_DIFFERENCE = 0.01  # largest |BCubed F1 change| when the input order is shuffled
SHUFFLE_SEEDS = (1, 2, 3)
BASELINE_THRESHOLDS = [round(0.05 * k, 2) for k in range(1, 20)]  # cosine distance 0.05 .. 0.95
EXIT_FAIL = 1
EXIT_SETUP_ERROR = 2


@dataclass
class Scores:
    bcubed_p: float
    bcubed_r: float
    bcubed_f1: float
    pairwise_p: float
    pairwise_r: float
    pairwise_f1: float
    clusters: int


@dataclass
class SettingResult:
    name: str
    reports: int
    gold_incidents: int
    analysis_failures: int
    storyline: Scores
    build_seconds: float
    shuffled_f1: list[float] = field(default_factory=list)
    shuffle_max_difference: float = 0.0
    streamed_f1: list[float] = field(default_factory=list)  # StoryIndex fed in random orders, unsorted
    baseline: Scores | None = None
    baseline_threshold: float | None = None
    baseline_seconds: float | None = None


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--limit", type=int, default=None, help="only the first N BASIL events (default: all 100)")
    parser.add_argument("--distractors", type=int, default=None,
                        help="only the first N PolNeAR dev texts as distractors (default: all 84)")
    parser.add_argument("--no-cache", action="store_true", help="analyse again and do not read or write the cache")
    parser.add_argument("--cache-dir", type=Path, default=CACHE_DIR, help=f"analysis cache (default: {CACHE_DIR})")
    parser.add_argument("--json", type=Path, default=None, help="write all figures to this file")
    parser.add_argument("--show-errors", type=int, default=0, metavar="K",
                        help="print K wrongly split and K wrongly merged gold incidents per setting")
    return parser.parse_args(argv)


def setup_error(message: str) -> int:
    print(f"stories_basil benchmark cannot run: {message}", file=sys.stderr)
    return EXIT_SETUP_ERROR


def story_of_each_report(stories) -> dict[str, str]:
    """Document id -> id of the story it was put in (the first one, should a report appear in two)."""
    assignment: dict[str, str] = {}
    for story in stories:
        for document in story.documents:
            assignment.setdefault(document.id, story.id)
    return assignment


def score(predicted: dict, gold: dict) -> Scores:
    from storyline.stories.scoring import bcubed, pairwise

    return Scores(*bcubed(predicted, gold), *pairwise(predicted, gold),
                  clusters=len({predicted[i] for i in gold if i in predicted}))


def baseline_sweep(analyses: list, gold: dict) -> tuple[Scores, float, float] | None:
    """TF-IDF over title+body, average-linkage on cosine distance: the best threshold's scores, it, and the seconds."""
    try:
        import numpy as np
        from scipy.cluster.hierarchy import fcluster, linkage
        from scipy.spatial.distance import squareform
        from sklearn.feature_extraction.text import TfidfVectorizer
    except ImportError as exc:
        print(f"baseline skipped: {exc}", file=sys.stderr)
        return None
    started = time.perf_counter()
    ids = [a.document.id for a in analyses]
    # document.text is the title, a blank line, then the body.
    vectors = TfidfVectorizer(stop_words="english", sublinear_tf=True).fit_transform(a.document.text for a in analyses)
    distances = 1.0 - (vectors @ vectors.T).toarray()  # rows are L2-normalised: the product is the cosine
    np.clip(distances, 0.0, 1.0, out=distances)
    np.fill_diagonal(distances, 0.0)
    tree = linkage(squareform(distances, checks=False), method="average")
    best: tuple[Scores, float] | None = None
    for threshold in BASELINE_THRESHOLDS:
        labels = fcluster(tree, t=threshold, criterion="distance")
        scores = score(dict(zip(ids, labels.tolist())), gold)
        if best is None or scores.bcubed_f1 > best[0].bcubed_f1:
            best = (scores, threshold)
    return best[0], best[1], time.perf_counter() - started


def streamed_f1(analyses: list, gold: dict, seed: int) -> float:
    """BCubed F1 when the reports stream into a StoryIndex in a random order (no sorting by date first)."""
    from storyline.stories import StoryIndex

    shuffled = list(analyses)
    random.Random(seed).shuffle(shuffled)
    index = StoryIndex()
    for analysis in shuffled:
        index.add(analysis)
    return score({rid: group[0] for group in index.groups() for rid in group}, gold).bcubed_f1


def check_stories(stories: list, analyses: list) -> None:
    """Output invariants (issue 11) of every story, quote spans against the analysed texts; raises when broken."""
    from storyline.invariants import check_story

    documents = {a.document.id: a for a in analyses}
    for story in stories:
        check_story(story, documents)


def evaluate(name: str, analyses: list, gold: dict, failures: int, build_stories, with_baseline: bool = True):
    """Score build_stories (and the baseline) on one setting; returns the result and the predicted assignment."""
    started = time.perf_counter()
    stories = build_stories(analyses)
    build_seconds = time.perf_counter() - started
    check_stories(stories, analyses)
    predicted = story_of_each_report(stories)
    result = SettingResult(name, len(gold), len(set(gold.values())), failures, score(predicted, gold), build_seconds)
    for seed in SHUFFLE_SEEDS:
        shuffled = list(analyses)
        random.Random(seed).shuffle(shuffled)
        reshuffled = build_stories(shuffled)
        check_stories(reshuffled, analyses)
        result.shuffled_f1.append(score(story_of_each_report(reshuffled), gold).bcubed_f1)
    result.shuffle_max_difference = max(abs(f1 - result.storyline.bcubed_f1) for f1 in result.shuffled_f1)
    result.streamed_f1 = [streamed_f1(analyses, gold, seed) for seed in SHUFFLE_SEEDS]
    if with_baseline and len(analyses) >= 2:
        swept = baseline_sweep(analyses, gold)
        if swept is not None:
            result.baseline, result.baseline_threshold, result.baseline_seconds = swept
    return result, predicted


def print_setting(result: SettingResult) -> None:
    print(f"\nsetting: {result.name}: {result.reports} reports, {result.gold_incidents} gold incidents, "
          f"{result.analysis_failures} analysis failures")
    print(f"  {'system':<42} {'BCubed P':>8} {'R':>6} {'F1':>6}   {'pairs P':>7} {'R':>6} {'F1':>6}   clusters")
    rows = [("storyline build_stories", result.storyline)]
    if result.baseline is not None:
        rows.append((f"TF-IDF average-link, best t={result.baseline_threshold:.2f}", result.baseline))
    for label, s in rows:
        print(f"  {label:<42} {s.bcubed_p:8.3f} {s.bcubed_r:6.3f} {s.bcubed_f1:6.3f}   "
              f"{s.pairwise_p:7.3f} {s.pairwise_r:6.3f} {s.pairwise_f1:6.3f}   {s.clusters:8d}")
    print(f"  build_stories: {result.build_seconds:.2f} s ({result.reports / max(result.build_seconds, 1e-9):,.0f} "
          f"reports/s); shuffled orders BCubed F1 {', '.join(f'{f:.3f}' for f in result.shuffled_f1)}, "
          f"max |difference| {result.shuffle_max_difference:.3f}")
    if result.streamed_f1:
        print(f"  StoryIndex streamed in random orders (not sorted by date): BCubed F1 "
              f"{', '.join(f'{f:.3f}' for f in result.streamed_f1)}")
    if result.baseline_seconds is not None:
        print(f"  baseline: TF-IDF + linkage + {len(BASELINE_THRESHOLDS)}-threshold sweep "
              f"{result.baseline_seconds:.2f} s; its threshold was chosen on these gold labels")


def show_errors(result: SettingResult, predicted: dict, gold: dict, documents: dict, limit: int) -> None:
    """The gold incidents split over several stories and the stories joining several incidents, largest first."""
    by_story: dict[str, list[str]] = defaultdict(list)
    by_incident: dict[str, list[str]] = defaultdict(list)
    for report, incident in gold.items():
        by_incident[incident].append(report)
        by_story[predicted.get(report, f"(not in any story) {report}")].append(report)
    story_number = {story: n for n, story in enumerate(sorted(by_story), 1)}

    def line(report: str, label: str) -> str:
        d = documents.get(report)
        title = (d.title or "")[:90] if d else "(analysis failed)"
        when = d.published if d else "?"
        outlet = d.outlet if d else "?"
        return f"    {label:<14} {when or '----------'} {outlet or '?':<10} {title}"

    split = [(i, rs) for i, rs in by_incident.items() if len({predicted.get(r, r) for r in rs}) > 1]
    split.sort(key=lambda item: (-len({predicted.get(r, r) for r in item[1]}), item[0]))
    print(f"\n  wrongly split ({len(split)} gold incidents over several stories; showing {min(limit, len(split))}):")
    for incident, reports in split[:limit]:
        print(f"   incident {incident[:12]}")
        for r in sorted(reports, key=lambda r: story_number[predicted.get(r, f'(not in any story) {r}')]):
            print(line(r, f"story {story_number[predicted.get(r, f'(not in any story) {r}')]}"))
    merged = [(s, rs) for s, rs in by_story.items() if len({gold[r] for r in rs}) > 1]
    merged.sort(key=lambda item: (-len({gold[r] for r in item[1]}), story_number[item[0]]))
    print(f"\n  wrongly merged ({len(merged)} stories joining several gold incidents; showing {min(limit, len(merged))}):")
    for story, reports in merged[:limit]:
        print(f"   story {story_number[story]}")
        for r in sorted(reports, key=lambda r: (gold[r], r)):
            print(line(r, f"incident {gold[r][:8]}" if gold[r] != r else "distractor"))


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    if not BASIL_DIR.is_dir():
        return setup_error(f"BASIL data absent: {BASIL_DIR}")
    if not (POLNEAR_DIR / "dev" / "text").is_dir():
        return setup_error(f"PolNeAR dev data absent: {POLNEAR_DIR / 'dev' / 'text'}")
    try:
        from storyline.stories import build_stories
    except ImportError as exc:
        return setup_error(f"storyline.stories.build_stories not importable: {exc}")
    try:
        basil = load_basil(args.limit)
        distractors = load_polnear("dev", args.distractors)
    except MissingData as exc:
        return setup_error(str(exc))

    use_cache = not args.no_cache
    basil_name = "basil" if args.limit is None else f"basil-{args.limit}events"
    dev_name = "polnear-dev" if args.distractors is None else f"polnear-dev-{args.distractors}texts"
    basil_analyses, basil_failures = cached_analyses(basil_name, [r.article for r in basil], use_cache, args.cache_dir)
    dev_analyses, dev_failures = cached_analyses(dev_name, [r.article for r in distractors], use_cache, args.cache_dir)
    for report_id, reason in basil_failures + dev_failures:
        print(f"analysis failed: {report_id}: {reason}", file=sys.stderr)

    basil_gold = {r.article.content_id(): r.incident for r in basil}
    mixed_gold = basil_gold | {r.article.content_id(): r.incident for r in distractors}
    if len(mixed_gold) != len(basil) + len(distractors):
        return setup_error("two reports share a document id: the scores would be wrong")
    documents = {a.document.id: a.document for a in basil_analyses + dev_analyses}
    print(f"BASIL: {len(basil)} reports of {len(set(basil_gold.values()))} events; "
          f"PolNeAR dev distractors: {len(distractors)}")
    print("storyline: storyline.stories.build_stories; baseline: TF-IDF (English stop words, sublinear tf, "
          "title+body) + average linkage on cosine distance, best of thresholds "
          f"{BASELINE_THRESHOLDS[0]:.2f}..{BASELINE_THRESHOLDS[-1]:.2f}")

    settings = [
        ("BASIL alone", basil_analyses, basil_gold, len(basil_failures), MIN_F1_ALONE),
        (f"BASIL + {len(distractors)} PolNeAR dev distractors", basil_analyses + dev_analyses, mixed_gold,
         len(basil_failures) + len(dev_failures), MIN_F1_WITH_DISTRACTORS),
    ]
    results, verdicts = [], []
    for name, analyses, gold, failures, min_f1 in settings:
        result, predicted = evaluate(name, analyses, gold, failures, build_stories)
        results.append(result)
        print_setting(result)
        if args.show_errors:
            show_errors(result, predicted, gold, documents, args.show_errors)
        verdicts.append((f"BCubed F1 >= {min_f1:.2f}, {name}", result.storyline.bcubed_f1,
                         result.storyline.bcubed_f1 >= min_f1))
        verdicts.append((f"shuffle max |BCubed F1 difference| <= {MAX_SHUFFLE_DIFFERENCE:.2f}, {name}",
                         result.shuffle_max_difference, result.shuffle_max_difference <= MAX_SHUFFLE_DIFFERENCE))

    print()
    for label, value, passed in verdicts:
        print(f"target {label}: {value:.3f} {'PASS' if passed else 'FAIL'}")
    failed = [label for label, _, passed in verdicts if not passed]
    if args.json:
        args.json.write_text(json.dumps({
            "settings": [asdict(r) for r in results],
            "targets": [{"target": label, "value": value, "pass": passed} for label, value, passed in verdicts],
        }, indent=2) + "\n", encoding="utf-8")
    print("result: PASS" if not failed else f"result: FAIL ({'; '.join(failed)})")
    return EXIT_FAIL if failed else 0


if __name__ == "__main__":
    sys.exit(main())
