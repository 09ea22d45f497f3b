"""How story building scales: seconds and peak memory to build stories from 1k, 10k and 100k analyses.

Story building must keep up with a growing archive, so its time should grow
close to linearly and its memory stay within a laptop's. The inputs are real
analyses (BASIL, PolNeAR dev and train, analysed once and cached by
_story_data) and, beyond those, synthetic copies of them: a new document id,
the publication date moved 30 days later per copy generation (so copies of one
incident never share a time window) and the three most mentioned names
letter-shifted (so copies are not verbatim duplicates and bring new names).
Copies are generated lazily and handed to iter_stories as an iterator; the
stories are consumed as they come, as `storyline stories` writes them. Each
size runs in a fresh subprocess so its peak RSS is its own.

    .venv/bin/python benchmarks/stories_scale.py [--sizes 1000,10000,100000] [--json FILE]
    .venv/bin/python benchmarks/stories_scale.py --size 200 --child [--real-limit 20]   # one size, this process
"""
from __future__ import annotations

import argparse
import datetime as dt
import itertools
import json
import resource
import subprocess
import sys
import time
from pathlib import Path
from typing import Iterable, Iterator

sys.path.insert(0, str(Path(__file__).resolve().parent))  # benchmarks/ is not a package
from _story_data import (  # noqa: E402
    BASIL_DIR, CACHE_DIR, POLNEAR_DIR, MissingData, cache_path, cached_analyses, load_basil, load_polnear, read_cache,
)

DEFAULT_SIZES = (1_000, 10_000, 100_000)
SHIFT_DAYS = 30  # per copy generation; well beyond the clustering's time window
NAMES_PERTURBED = 3  # most mentioned names letter-shifted in each copy
PERTURBED_KINDS = {"person", "organization", "group", "place"}
MAX_PEAK_RSS_MB = 4096.0  # at 100k analyses
MAX_GROWTH_10K_TO_100K = 15.0  # time(100k) / time(10k); 10 would be linear
CHILD_RESULT = "child result: "
EXIT_FAIL = 1
EXIT_SETUP_ERROR = 2


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default=",".join(map(str, DEFAULT_SIZES)),
                        help="comma-separated numbers of analyses (default: 1000,10000,100000)")
    parser.add_argument("--size", type=int, help="with --child: the one size to measure")
    parser.add_argument("--child", action="store_true", help="measure one size in this process and print its record")
    parser.add_argument("--real-limit", type=int, default=None,
                        help="use only the first N real analyses as the base of the copies (default: all)")
    parser.add_argument("--real-files", default=None, help=argparse.SUPPRESS)  # parent -> child: FILE:N,...
    parser.add_argument("--cache-dir", type=Path, default=CACHE_DIR, help=f"analysis cache (default: {CACHE_DIR})")
    parser.add_argument("--json", type=Path, default=None, help="write the per-size records to this file")
    return parser.parse_args(argv)


def setup_error(message: str) -> int:
    print(f"stories_scale benchmark cannot run: {message}", file=sys.stderr)
    return EXIT_SETUP_ERROR


def current_rss_mb() -> float:
    """Resident memory now (Linux /proc), else the peak so far."""
    try:
        with open("/proc/self/statm") as handle:
            pages = int(handle.read().split()[1])
        return pages * resource.getpagesize() / (1024 * 1024)
    except OSError:
        return peak_rss_mb()


def peak_rss_mb() -> float:
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / (1024 * 1024) if sys.platform == "darwin" else peak / 1024


def real_sets() -> list[tuple[str, callable]]:
    """The real report sets in the order they are used, by the cache names stories_basil.py also uses."""
    return [
        ("basil", lambda: load_basil()),
        ("polnear-dev", lambda: load_polnear("dev")),
        ("polnear-train", lambda: load_polnear("train")),
    ]


def cache_real_analyses(limit: int | None, cache_dir: Path) -> list[tuple[Path, int]]:
    """Analyse and cache any real set not cached yet; returns the cache files and how many analyses to take from each.

    The parent hands these files to the children, which only read them: a child
    must neither parse text while measured nor re-derive cache keys from source
    files that someone may be editing meanwhile."""
    files: list[tuple[Path, int]] = []
    taken = 0
    for name, load in real_sets():
        if limit is not None and taken >= limit:
            break
        articles = [r.article for r in load()]
        wanted = len(articles) if limit is None else min(len(articles), limit - taken)
        if wanted < len(articles) and not cache_path(name, articles, cache_dir).is_file():
            # Analyse only the part needed rather than the whole set (the smoke test uses a few reports).
            name, articles = f"{name}-first{wanted}", articles[:wanted]
        path = cache_path(name, articles, cache_dir)
        cached_analyses(name, articles, cache_dir=cache_dir, path=path)
        files.append((path, wanted))
        taken += wanted
    return files


def read_real_analyses(files: list[tuple[Path, int]]) -> list:
    """The analyses of the given cache files, the first N of each (reports whose analysis failed are left out)."""
    analyses = []
    for path, wanted in files:
        for result in itertools.islice(read_cache(path), wanted):
            if not isinstance(result, tuple):
                analyses.append(result)
    return analyses


def files_option(files: list[tuple[Path, int]]) -> str:
    return ",".join(f"{path}:{count}" for path, count in files)


def parse_files_option(value: str) -> list[tuple[Path, int]]:
    files = []
    for item in value.split(","):
        path, count = item.rsplit(":", 1)
        files.append((Path(path), int(count)))
    return files


def shift_letters(text: str, shift: int) -> str:
    """Each ASCII letter moved `shift` places along the alphabet, case kept: same length, so offsets stay valid."""
    out = []
    for ch in text:
        if "a" <= ch <= "z":
            out.append(chr((ord(ch) - 97 + shift) % 26 + 97))
        elif "A" <= ch <= "Z":
            out.append(chr((ord(ch) - 65 + shift) % 26 + 65))
        else:
            out.append(ch)
    return "".join(out)


def synthetic_copy(analysis, generation: int):
    """A copy standing for a different incident: new id, date moved on, main names changed in entities and text."""
    shift = generation % 25 + 1  # never 0 or 26: the name must change
    document = analysis.document
    named = [e for e in analysis.entities if e.kind in PERTURBED_KINDS and e.mentions]
    perturbed = {e.id for e in sorted(named, key=lambda e: (-len(e.mentions), e.id))[:NAMES_PERTURBED]}
    replacements: list[tuple[int, int, str]] = []
    entities = []
    for entity in analysis.entities:
        if entity.id not in perturbed:
            entities.append(entity)
            continue
        mentions = [m.model_copy(update={"text": shift_letters(m.text, shift)}) for m in entity.mentions]
        replacements.extend((m.start, m.end, m.text) for m in mentions)
        entities.append(entity.model_copy(update={
            "name": shift_letters(entity.name, shift), "aliases": [shift_letters(a, shift) for a in entity.aliases],
            "mentions": mentions,
        }))
    pieces, position = [], 0
    for start, end, replacement in sorted(replacements):
        if start >= position:  # overlapping mentions: the first one wins
            pieces += [document.text[position:start], replacement]
            position = end
    pieces.append(document.text[position:])
    # Always a new string object, so copies do not share their text in memory the way real reports could not.
    text = "".join(pieces) if len(pieces) > 1 else (document.text + " ")[:-1]
    title = document.title
    if title:
        for entity in analysis.entities:
            if entity.id in perturbed:
                title = title.replace(entity.name, shift_letters(entity.name, shift))
    published = document.published
    if published:
        published = (dt.date.fromisoformat(published[:10]) + dt.timedelta(days=SHIFT_DAYS * generation)).isoformat()
    return analysis.model_copy(update={
        "document": document.model_copy(update={
            "id": f"{document.id}#copy{generation}", "text": text, "title": title, "published": published,
        }),
        "entities": entities,
    })


def synthetic_analyses(real: list, size: int) -> Iterator:
    """`size` analyses: the real ones first, then generation after generation of copies, made one at a time."""
    for i in range(size):
        generation, k = divmod(i, len(real))
        yield real[k] if generation == 0 else synthetic_copy(real[k], generation)


class TimedIterator:
    """Wraps an iterator and adds up the seconds spent producing its items, so they can be left out of a timing."""

    def __init__(self, items: Iterable):
        self._items = iter(items)
        self.seconds = 0.0

    def __iter__(self):
        return self

    def __next__(self):
        started = time.perf_counter()
        try:
            return next(self._items)
        finally:
            self.seconds += time.perf_counter() - started


def measure_one_size(size: int, files: list[tuple[Path, int]]) -> dict:
    """Load the real base, build stories from `size` lazily generated analyses, and report time and memory."""
    from storyline.stories import iter_stories

    started = time.perf_counter()
    real = read_real_analyses(files)
    load_seconds = time.perf_counter() - started
    if not real:
        raise MissingData("no real analyses to build from")
    baseline_rss = current_rss_mb()
    inputs = TimedIterator(synthetic_analyses(real, size))
    started = time.perf_counter()
    # Stories are consumed as they are built, as `storyline stories` writes them: none is kept.
    stories = documents = 0
    for story in iter_stories(inputs):
        stories += 1
        documents += len(story.documents)
    total_seconds = time.perf_counter() - started
    return {
        "size": size, "real_analyses": len(real), "load_seconds": round(load_seconds, 3),
        "generate_seconds": round(inputs.seconds, 3), "build_seconds": round(total_seconds - inputs.seconds, 3),
        # The kernel's high-water mark can lag a /proc reading taken just before it: the peak is at least both.
        "baseline_rss_mb": round(baseline_rss, 1),
        "peak_rss_mb": round(max(peak_rss_mb(), current_rss_mb(), baseline_rss), 1),
        "stories": stories, "documents_in_stories": documents,
    }


def run_child(args: argparse.Namespace) -> int:
    try:
        # Run directly (the smoke test does), the child caches its own inputs before measuring.
        files = parse_files_option(args.real_files) if args.real_files else cache_real_analyses(args.real_limit,
                                                                                                   args.cache_dir)
        record = measure_one_size(args.size, files)
    except MissingData as exc:
        return setup_error(str(exc))
    print(CHILD_RESULT + json.dumps(record), flush=True)
    return 0


def run_size_in_subprocess(size: int, files: list[tuple[Path, int]]) -> dict:
    command = [sys.executable, str(Path(__file__).resolve()), "--child", "--size", str(size),
               "--real-files", files_option(files)]
    completed = subprocess.run(command, capture_output=True, text=True)
    for line in completed.stdout.splitlines():
        if line.startswith(CHILD_RESULT):
            return json.loads(line[len(CHILD_RESULT):])
    raise RuntimeError(f"size {size} failed (exit {completed.returncode}): {completed.stderr.strip()[-2000:]}")


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    if not BASIL_DIR.is_dir() or not POLNEAR_DIR.is_dir():
        return setup_error(f"benchmark data absent: {BASIL_DIR} or {POLNEAR_DIR}")
    try:
        import storyline.stories  # noqa: F401
    except ImportError as exc:
        return setup_error(f"storyline.stories not importable: {exc}")
    if args.child:
        if not args.size:
            return setup_error("--child needs --size N")
        return run_child(args)

    sizes = sorted(int(s) for s in args.sizes.split(",") if s.strip())
    try:
        # Analyse (or check the cache) here once, so that no child parses text while it is being measured.
        files = cache_real_analyses(args.real_limit, args.cache_dir)
    except MissingData as exc:
        return setup_error(str(exc))
    print(f"real analyses: {sum(count for _, count in files)} (BASIL, PolNeAR dev, PolNeAR train); beyond them, "
          f"copies shifted {SHIFT_DAYS} days per generation with {NAMES_PERTURBED} names changed")
    records = []
    print(f"{'size':>8} {'load s':>7} {'generate s':>10} {'build s':>8} {'per 1k s':>8} "
          f"{'baseline MB':>11} {'peak MB':>8} {'stories':>8}")
    for size in sizes:
        record = run_size_in_subprocess(size, files)
        records.append(record)
        print(f"{record['size']:>8,} {record['load_seconds']:7.1f} {record['generate_seconds']:10.1f} "
              f"{record['build_seconds']:8.2f} {1000 * record['build_seconds'] / size:8.3f} "
              f"{record['baseline_rss_mb']:11.0f} {record['peak_rss_mb']:8.0f} {record['stories']:8,}", flush=True)

    by_size = {r["size"]: r for r in records}
    for small, large in zip(sizes, sizes[1:]):
        ratio = by_size[large]["build_seconds"] / max(by_size[small]["build_seconds"], 1e-9)
        print(f"growth time({large:,})/time({small:,}): {ratio:.2f} (size ratio {large / small:.0f})")
    verdicts = []
    if 100_000 in by_size:
        peak = by_size[100_000]["peak_rss_mb"]
        verdicts.append((f"peak RSS at 100,000 < {MAX_PEAK_RSS_MB:.0f} MB", f"{peak:.0f} MB", peak < MAX_PEAK_RSS_MB))
        if 10_000 in by_size:
            growth = by_size[100_000]["build_seconds"] / max(by_size[10_000]["build_seconds"], 1e-9)
            verdicts.append((f"time(100,000)/time(10,000) <= {MAX_GROWTH_10K_TO_100K:.0f}", f"{growth:.2f}",
                             growth <= MAX_GROWTH_10K_TO_100K))
    for label, value, passed in verdicts:
        print(f"target {label}: {value} {'PASS' if passed else 'FAIL'}")
    if args.json:
        args.json.write_text(json.dumps({"sizes": records}, indent=2) + "\n", encoding="utf-8")
    failed = [label for label, _, passed in verdicts if not passed]
    if not verdicts:
        print("result: PASS (no target applies to these sizes)")
    else:
        print("result: PASS" if not failed else f"result: FAIL ({'; '.join(failed)})")
    return EXIT_FAIL if failed else 0


if __name__ == "__main__":
    sys.exit(main())
