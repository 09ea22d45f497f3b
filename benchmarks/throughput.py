"""Throughput benchmark: words per second of the full storyline analysis against bare spaCy.

storyline must keep up with a news firehose, so the extraction on top of spaCy's
parse has to stay cheap. This script parses the same texts with bare spaCy and
with `storyline.pipeline.analyze_texts`, alternately, keeps the best time of
each, and checks the ratio and the peak memory against fixed thresholds.

    .venv/bin/python benchmarks/throughput.py [--limit 300] [--texts DIR] [--batch-size 32] [--check]
"""
from __future__ import annotations

import argparse
import resource
import sys
import time
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[1]
SHARED_DIR = REPO_ROOT.parent / "shared"
DEFAULT_TEXTS = SHARED_DIR / "benchmarks" / "polnear" / "train" / "text"

MIN_RATIO = 0.6  # full analysis must run at >= 60% of bare spaCy's words/s
MAX_PEAK_RSS_MB = 1500.0
WARMUP_TEXTS = 5  # texts run through both paths before timing (model, gazetteer, lexicons load)
EXIT_SETUP_ERROR = 2


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    """Command-line options; defaults are the documented benchmark setup."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--texts", type=Path, default=DEFAULT_TEXTS,
                        help="directory of .txt articles, read in sorted order (default: polnear train)")
    parser.add_argument("--limit", type=int, default=300, help="number of articles (default: 300)")
    parser.add_argument("--batch-size", type=int, default=32, help="nlp.pipe batch size (default: 32)")
    parser.add_argument("--rounds", type=int, default=2,
                        help="bare/full measurement pairs; the best of each is kept (default: 2)")
    parser.add_argument("--check", action="store_true", help="exit 1 when the result is FAIL")
    return parser.parse_args(argv)


def load_texts(directory: Path, limit: int) -> list[str]:
    """The first `limit` .txt files of `directory` in sorted name order."""
    paths = sorted(directory.glob("*.txt"))[:limit]
    return [path.read_text(encoding="utf-8") for path in paths]


def time_bare_spacy(nlp, texts: list[str], batch_size: int) -> float:
    """Seconds for spaCy alone to parse all texts."""
    started = time.perf_counter()
    list(nlp.pipe(texts, batch_size=batch_size))
    return time.perf_counter() - started


def time_full_analysis(pipeline, texts: list[str], batch_size: int) -> tuple[float, int, dict[str, float]]:
    """Seconds for the full analysis, the number of analyses it returned, and its per-stage seconds."""
    stage_times = getattr(pipeline, "STAGE_TIMES", None)
    if isinstance(stage_times, dict):
        stage_times.clear()  # the pipeline accumulates into it; count this run only
    started = time.perf_counter()
    count = sum(1 for _ in pipeline.analyze_texts(texts, batch_size=batch_size))
    elapsed = time.perf_counter() - started
    stages = dict(stage_times) if isinstance(stage_times, dict) else {}
    return elapsed, count, stages


def peak_rss_mb() -> float:
    """Peak resident memory of this process so far (ru_maxrss is KiB on Linux, bytes on macOS)."""
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / (1024 * 1024) if sys.platform == "darwin" else peak / 1024


def setup_error(message: str) -> int:
    """Report why the benchmark cannot run at all."""
    print(f"throughput benchmark cannot run: {message}", file=sys.stderr)
    return EXIT_SETUP_ERROR


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark, print the report, return the exit code."""
    args = parse_args(argv)
    if args.texts == DEFAULT_TEXTS and not SHARED_DIR.is_dir():
        return setup_error(f"{SHARED_DIR} is absent; the default texts are polnear's train split there "
                           "(or pass --texts DIR with .txt articles)")
    if not args.texts.is_dir():
        return setup_error(f"text directory {args.texts} does not exist")
    texts = load_texts(args.texts, args.limit)
    if not texts:
        return setup_error(f"no .txt files in {args.texts}")
    try:
        from storyline import pipeline
        from storyline.invariants import check_analysis
        from storyline.nlp import load_nlp
    except ImportError as error:
        return setup_error(f"storyline.pipeline is not importable ({error})")

    words = sum(len(text.split()) for text in texts)
    print("storyline throughput benchmark")
    print(f"texts: {args.texts}")
    print(f"articles: {len(texts)}, words: {words:,}, batch size: {args.batch_size}, rounds: {args.rounds}")

    nlp = load_nlp()
    warmup = texts[:WARMUP_TEXTS]
    list(nlp.pipe(warmup, batch_size=args.batch_size))
    for analysis in pipeline.analyze_texts(warmup, batch_size=args.batch_size):
        check_analysis(analysis)  # output invariants (issue 11) on the warm-up; the timed runs stay unchecked

    bare_best = full_best = float("inf")
    best_stages: dict[str, float] = {}
    analyses = 0
    for round_number in range(1, args.rounds + 1):
        bare = time_bare_spacy(nlp, texts, args.batch_size)
        full, analyses, stages = time_full_analysis(pipeline, texts, args.batch_size)
        print(f"round {round_number}: bare spaCy {bare:.2f} s, full analysis {full:.2f} s")
        bare_best = min(bare_best, bare)
        if full < full_best:
            full_best, best_stages = full, stages

    bare_wps = words / bare_best
    full_wps = words / full_best
    ratio = full_wps / bare_wps
    peak = peak_rss_mb()
    print(f"analyses returned: {analyses} of {len(texts)}")
    print(f"bare spaCy: {bare_wps:,.0f} words/s (best {bare_best:.2f} s)")
    print(f"full analysis: {full_wps:,.0f} words/s (best {full_best:.2f} s)")
    print(f"extraction overhead: {full_best - bare_best:.2f} s = "
          f"{100 * (full_best - bare_best) / bare_best:.0f}% of bare spaCy time")
    print(f"ratio (full/bare): {ratio:.2f} (threshold >= {MIN_RATIO:.2f})")
    if best_stages:
        print("stage times in the best full run (% of bare spaCy time):")
        for name, seconds in sorted(best_stages.items(), key=lambda item: -item[1]):
            print(f"  {name:<20} {seconds:8.2f} s {100 * seconds / bare_best:6.1f}%")
    print(f"peak RSS: {peak:.0f} MB (threshold < {MAX_PEAK_RSS_MB:.0f} MB)")

    failures = [reason for reason, failed in (
        (f"ratio {ratio:.2f} < {MIN_RATIO:.2f}", ratio < MIN_RATIO),
        (f"peak RSS {peak:.0f} MB >= {MAX_PEAK_RSS_MB:.0f} MB", peak >= MAX_PEAK_RSS_MB),
        (f"only {analyses} analyses for {len(texts)} texts", analyses != len(texts)),
    ) if failed]
    passed = not failures
    print("result: PASS" if passed else f"result: FAIL ({'; '.join(failures)})")
    return 1 if args.check and not passed else 0


if __name__ == "__main__":
    sys.exit(main())
