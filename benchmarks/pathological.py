"""Pathological inputs: does every kind of odd document cost linear time? (issue 11, items 1-2)

A tool that runs unattended over millions of scraped pages meets documents no one wrote for
reading: runs of thousands of quote marks, a line of dashes, a 100 KB URL chain, a sentence
repeated for pages, markup nested thousands deep. None of them may cost more than linear
time. For each class below a text "Headline\\n\\n" + UNIT * n (at most SIZE characters) goes
through `storyline.pipeline.analyze_articles([Article(text=..., origin=...)])` at growing sizes.

Measured per class and size, in one run (best of --rounds):
    spacy     the baseline: spaCy alone, `nlp(text)` with storyline's model and tokenizer;
    full      analyze_articles with the document bounds lifted (no time budget, no token
              limit: `pipeline.MAX_TOKENS` raised for the run), i.e. parse + every extractor.
The log-log slope k of full time against size (least squares over the sizes up to 100 KB;
time ~ size^k, linear is k = 1, quadratic k = 2) is the figure; full/spacy at the largest
of those sizes says what the extraction adds to the parse.
    bounded   at the largest size (--max-size, default 100,000 characters): analyze_articles
              as the command line runs it, with its default bounds (MAX_TOKENS tokens, a
              TIME_BUDGET-second budget per document), and what it returned: an analysis or
              the refusal. This is the time an unattended run spends on such a page.
Also the document of 100,000 straight quote marks, analysed in full (bounds lifted).

Readers, the same way (time against size): `storyline.ingest.html.read_html` on a page with
<div><b> nested 625 .. 5,000 deep (text innermost, and text at every level) and on a <table>
of 2,500 .. 20,000 cells; `storyline.ingest.jsonl.read_jsonl` on one line whose text has
125,000 .. 1,000,000 characters.

PASS needs all of:
    - slope k <= 1.3 for every class (texts and readers);
    - the 100,000-quote-mark document analysed in full within 10 s;
    - every class at the largest size finished, bounded as the command line runs it, within 10 s.
A class whose full analysis at --max-size would take over 10 s though linear (projected from its
slope) is listed: the per-document bounds refuse it, as the bounded column shows.

    .venv/bin/python benchmarks/pathological.py [--sizes 12500,25000,50000,100000] [--max-size N]
        [--classes NAME,...] [--rounds R] [--no-readers] [--json FILE] [--check]
"""
from __future__ import annotations

import argparse
import json
import math
import sys
import time
from dataclasses import dataclass, field

DEFAULT_SIZES = (12_500, 25_000, 50_000, 100_000)
SLOPE_SIZES_UP_TO = 100_000  # full analyses (bounds lifted) run up to this size; beyond it only bounded
MAX_SLOPE = 1.3
MAX_SECONDS = 10.0
QUOTE_MARKS = 100_000
HEADLINE = "Headline\n\n"
EXIT_FAIL = 1
EXIT_SETUP_ERROR = 2

# name -> (unit repeated, what it stands for)
TEXT_CLASSES: dict[str, tuple[str, str]] = {
    "quotes-straight": ('"', "a run of straight quote marks"),
    "quotes-straight-spaced": ('" ', "straight quote marks with spaces"),
    "quotes-curly": ("“”", "a run of curly quote marks"),
    "quotes-curly-spaced": ("“ ” ", "curly quote marks with spaces"),
    "quoted-words": ('"a" ', "one-letter quotes"),
    "brackets": ("([{<>}])", "a run of brackets"),
    "brackets-spaced": ("( ) [ ] ", "brackets with spaces"),
    "commas": (",", "a run of commas"),
    "commas-spaced": (", ", "commas with spaces"),
    "dashes": ("-", "a run of hyphens"),
    "dashes-spaced": ("- ", "hyphens with spaces"),
    "em-dashes": ("— ", "em dashes with spaces"),
    "dots": (".", "a run of full stops"),
    "dots-spaced": (". ", "full stops with spaces"),
    "slashes": ("/", "a run of slashes"),
    "slashes-spaced": ("/ ", "slashes with spaces"),
    "hashes": ("#", "a run of hash signs"),
    "hashes-spaced": ("# ", "hash signs with spaces"),
    "ampersands": ("&", "a run of ampersands"),
    "ampersands-spaced": ("& ", "ampersands with spaces"),
    "ellipses": ("…", "a run of ellipsis characters"),
    "ellipses-spaced": ("... ", "three-dot ellipses with spaces"),
    "said": ("said ", "one word repeated"),
    "said-quotes": ('"Yes," he said. ', "short quotes, each with its speaker"),
    "sentence": ("The mayor said the bridge would reopen on Monday. ", "one sentence repeated"),
    "newlines": ("\n", "line breaks"),
    "word": ("a", "one huge word"),
    "urls": ("http://x.com/", "one URL chain"),
    "urls-spaced": ("http://x.com/a ", "URLs with spaces"),
    "said-that": ("he said that ", "reports nested in reports"),
    "colon-said": ("Ann Ort said: ", "speakers introducing speakers"),
    "title-case": ("Said Ort Says ", "one endless title-case line"),
    "dated-reports": ("On Monday, he said it rained. ", "reports with dates by their cues"),
}
READER_CLASSES = ("html-nested", "html-nested-text", "html-table", "jsonl-line")
READER_SIZES = {"html-nested": (625, 1_250, 2_500, 5_000), "html-nested-text": (625, 1_250, 2_500, 5_000),
                "html-table": (2_500, 5_000, 10_000, 20_000), "jsonl-line": (125_000, 250_000, 500_000, 1_000_000)}
READER_UNITS = {"html-nested": "levels", "html-nested-text": "levels", "html-table": "cells", "jsonl-line": "chars"}
PROSE = "The council met on Monday and agreed to reopen the bridge. "


@dataclass
class Row:
    name: str
    describe: str
    sizes: list[int]
    full: list[float] = field(default_factory=list)
    spacy: list[float] = field(default_factory=list)
    slope: float | None = None
    spacy_slope: float | None = None
    bounded_size: int | None = None
    bounded_s: float | None = None
    bounded_outcome: str = ""
    projected_s: float | None = None


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default=",".join(map(str, DEFAULT_SIZES)),
                        help="comma-separated text sizes in characters (default: 12500,25000,50000,100000)")
    parser.add_argument("--max-size", type=int, default=None,
                        help="the size of the bounded check (default: the largest of --sizes); e.g. 1000000")
    parser.add_argument("--classes", default=None, help="comma-separated class names (default: all)")
    parser.add_argument("--rounds", type=int, default=1, help="timings per measurement, the best kept (default 1)")
    parser.add_argument("--no-readers", action="store_true", help="skip the HTML and JSONL reader classes")
    parser.add_argument("--quote-marks", type=int, default=QUOTE_MARKS, help=argparse.SUPPRESS)
    parser.add_argument("--json", default=None, help="write every figure to this file")
    parser.add_argument("--check", action="store_true", help="exit 1 when the result is FAIL")
    return parser.parse_args(argv)


def text_of(unit: str, size: int) -> str:
    """The headline line and UNIT repeated: at most `size` characters."""
    return HEADLINE + unit * max(1, (size - len(HEADLINE)) // len(unit))


def best_time(run, rounds: int) -> tuple[float, object]:
    best, result = None, None
    for _ in range(max(1, rounds)):
        started = time.perf_counter()
        result = run()
        seconds = time.perf_counter() - started
        best = seconds if best is None else min(best, seconds)
    return best, result


def fit_slope(sizes: list[int], seconds: list[float]) -> float | None:
    """Least-squares slope of log(seconds) against log(size)."""
    points = [(math.log(n), math.log(max(t, 1e-4))) for n, t in zip(sizes, seconds)]
    if len(points) < 2:
        return None
    mx = sum(x for x, _ in points) / len(points)
    my = sum(y for _, y in points) / len(points)
    sxx = sum((x - mx) ** 2 for x, _ in points)
    return sum((x - mx) * (y - my) for x, y in points) / sxx if sxx else None


class Analyser:
    """analyze_articles on one text, with the bounds lifted or as the command line has them."""

    def __init__(self):
        from storyline import pipeline
        from storyline.ingest.article import Article
        from storyline.nlp import load_nlp

        self.pipeline = pipeline
        self.Article = Article
        self.nlp = load_nlp()
        self.full(PROSE * 20)  # lexicons, gazetteer and matchers load here, not in a timing
        self.nlp(PROSE * 20)

    def spacy(self, text: str):
        return self.nlp(text)

    def full(self, text: str):
        saved = self.pipeline.MAX_TOKENS
        self.pipeline.MAX_TOKENS = 10 ** 9
        try:
            result = next(self.pipeline.analyze_articles([self.Article(text=text, origin="pathological")],
                                                         time_budget=None))
        finally:
            self.pipeline.MAX_TOKENS = saved
        if isinstance(result, Exception):
            raise RuntimeError(f"analysis failed: {result}")
        return result

    def bounded(self, text: str) -> str:
        result = next(self.pipeline.analyze_articles([self.Article(text=text, origin="pathological")]))
        if isinstance(result, Exception):
            return "refused: " + str(result).split(": ", 1)[-1]
        return f"analysed ({len(result.attributions)} attributions, {len(result.entities)} entities)"


def measure_text_class(analyser: Analyser, name: str, sizes: list[int], max_size: int, rounds: int) -> Row:
    unit, describe = TEXT_CLASSES[name]
    slope_sizes = [n for n in sizes if n <= SLOPE_SIZES_UP_TO]
    row = Row(name=name, describe=describe, sizes=slope_sizes)
    for size in slope_sizes:
        text = text_of(unit, size)
        row.spacy.append(best_time(lambda: analyser.spacy(text), rounds)[0])
        row.full.append(best_time(lambda: analyser.full(text), rounds)[0])
    row.slope = fit_slope(row.sizes, row.full)
    row.spacy_slope = fit_slope(row.sizes, row.spacy)
    text = text_of(unit, max_size)
    row.bounded_size = max_size
    row.bounded_s, row.bounded_outcome = best_time(lambda: analyser.bounded(text), 1)
    if row.slope is not None and row.full:
        row.projected_s = row.full[-1] * (max_size / row.sizes[-1]) ** max(row.slope, 1.0)
    return row


def nested_html(depth: int, text_every_level: bool = False) -> str:
    opening = "<div><b>Level words here. " if text_every_level else "<div><b>"
    return ("<html><head><title>A deep page</title></head><body>" + opening * depth + PROSE * 20
            + "</b></div>" * depth + "</body></html>")


def table_html(cells: int) -> str:
    row = "<tr>" + "<td>cell 12</td>" * 10 + "</tr>"
    return ("<html><head><title>A big table</title></head><body><p>" + PROSE * 20 + "</p><table>"
            + row * (cells // 10) + "</table></body></html>")


def jsonl_line(chars: int) -> str:
    return json.dumps({"title": "A long record", "text": (PROSE * (chars // len(PROSE) + 1))[:chars]}) + "\n"


def measure_reader_class(name: str, rounds: int) -> Row:
    from storyline.ingest.article import ArticleError
    from storyline.ingest.html import read_html
    from storyline.ingest.jsonl import read_jsonl

    def run(size: int) -> str:
        try:
            if name == "jsonl-line":
                items = list(read_jsonl(jsonl_line(size), "pathological.jsonl"))
                item = items[0]
                if isinstance(item, Exception):
                    return "refused: " + str(item).split(": ", 1)[-1]
                return f"read ({len(item.text):,} characters)"
            page = table_html(size) if name == "html-table" else nested_html(size, name == "html-nested-text")
            return f"read ({len(read_html(page, 'pathological.html').text):,} characters)"
        except ArticleError as error:
            return "refused: " + str(error).split(": ", 1)[-1]

    sizes = list(READER_SIZES[name])
    row = Row(name=name, describe=f"{READER_UNITS[name]}", sizes=sizes)
    run(sizes[0])  # the HTML extractor loads its own resources on first use: not in a timing
    for size in sizes:
        seconds, outcome = best_time(lambda: run(size), rounds)
        row.full.append(seconds)
        row.bounded_size, row.bounded_s, row.bounded_outcome = size, seconds, outcome
    row.slope = fit_slope(sizes, row.full)
    return row


def size_label(n: int) -> str:
    return f"{n / 1_000_000:g}M" if n >= 1_000_000 else f"{n / 1000:g}K"


def print_text_rows(rows: list[Row]) -> None:
    sizes = rows[0].sizes
    print("\ntexts: seconds of the full analysis (bounds lifted) and of spaCy alone, by size in characters")
    print(f"{'class':<24}" + "".join(f"{size_label(n):>8}" for n in sizes) + f"{'slope':>7}"
          + "".join(f"{'sp' + size_label(n):>8}" for n in sizes) + f"{'slope':>7}{'full/sp':>8}"
          + f"{'bounded':>9}  at max size")
    for r in rows:
        ratio = r.full[-1] / r.spacy[-1] if r.spacy and r.spacy[-1] > 0 else float("nan")
        print(f"{r.name:<24}" + "".join(f"{t:8.2f}" for t in r.full) + f"{r.slope:7.2f}"
              + "".join(f"{t:8.2f}" for t in r.spacy) + f"{r.spacy_slope:7.2f}{ratio:8.1f}"
              + f"{r.bounded_s:9.2f}  {size_label(r.bounded_size)}: {r.bounded_outcome}")


def print_reader_rows(rows: list[Row]) -> None:
    print("\nreaders: seconds by size")
    for r in rows:
        cells = "  ".join(f"{n:,} {r.describe}: {t:.3f}" for n, t in zip(r.sizes, r.full))
        print(f"{r.name:<18} {cells}  slope {r.slope:.2f}  (largest: {r.bounded_outcome})")


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    try:
        sizes = sorted({int(s) for s in args.sizes.split(",") if s.strip()})
    except ValueError:
        print(f"pathological benchmark cannot run: bad --sizes {args.sizes!r}", file=sys.stderr)
        return EXIT_SETUP_ERROR
    max_size = args.max_size or sizes[-1]
    names = args.classes.split(",") if args.classes else list(TEXT_CLASSES) + list(READER_CLASSES)
    unknown = [n for n in names if n not in TEXT_CLASSES and n not in READER_CLASSES]
    if unknown or len(sizes) < 2:
        print(f"pathological benchmark cannot run: unknown classes {unknown} or fewer than 2 sizes", file=sys.stderr)
        return EXIT_SETUP_ERROR
    try:
        analyser = Analyser()
    except Exception as error:  # the model missing, most often
        print(f"pathological benchmark cannot run: {error}", file=sys.stderr)
        return EXIT_SETUP_ERROR

    started = time.perf_counter()
    text_rows, reader_rows = [], []
    for name in names:
        if name in TEXT_CLASSES:
            text_rows.append(measure_text_class(analyser, name, sizes, max_size, args.rounds))
            r = text_rows[-1]
            print(f"  {name}: full {r.full[-1]:.2f} s, spaCy {r.spacy[-1]:.2f} s at {size_label(r.sizes[-1])}, "
                  f"slope {r.slope:.2f}", file=sys.stderr, flush=True)
        elif not args.no_readers:
            reader_rows.append(measure_reader_class(name, args.rounds))
    quote_text = HEADLINE + '"' * args.quote_marks
    quote_seconds = best_time(lambda: analyser.full(quote_text), 1)[0]
    quote_bounded, quote_outcome = best_time(lambda: analyser.bounded(quote_text), 1)

    print(f"pathological inputs: {len(text_rows)} text classes at {', '.join(map(size_label, sizes))} characters "
          f"(slope over sizes <= {size_label(SLOPE_SIZES_UP_TO)}), bounded check at {size_label(max_size)}; "
          f"{len(reader_rows)} reader classes; best of {args.rounds} round(s); {time.perf_counter() - started:.0f} s")
    if text_rows:
        print_text_rows(text_rows)
    if reader_rows:
        print_reader_rows(reader_rows)
    print(f"\n{args.quote_marks:,} straight quote marks: full analysis {quote_seconds:.2f} s; "
          f"bounded {quote_bounded:.2f} s ({quote_outcome})")

    reasons = []
    steep = [r for r in text_rows + reader_rows if r.slope is not None and r.slope > MAX_SLOPE]
    if steep:
        reasons.append("slope > %.1f: %s" % (MAX_SLOPE, ", ".join(f"{r.name} {r.slope:.2f}" for r in steep)))
    if quote_seconds > MAX_SECONDS:
        reasons.append(f"{args.quote_marks:,} quote marks took {quote_seconds:.1f} s > {MAX_SECONDS:g} s")
    slow = [r for r in text_rows if r.bounded_s > MAX_SECONDS]
    if slow:
        reasons.append(f"bounded at {size_label(max_size)} over {MAX_SECONDS:g} s: "
                       + ", ".join(f"{r.name} {r.bounded_s:.1f} s" for r in slow))
    linear_but_slow = [r for r in text_rows if r.projected_s and r.projected_s > MAX_SECONDS]
    if linear_but_slow:
        print(f"full analysis (bounds lifted) at {size_label(max_size)} takes over {MAX_SECONDS:g} s, measured or, "
              f"beyond {size_label(SLOPE_SIZES_UP_TO)}, projected from the slope (the per-document bounds refuse these): "
              + ", ".join(f"{r.name} ~{r.projected_s:.0f} s" for r in linear_but_slow))
    if args.json:
        with open(args.json, "w", encoding="utf-8") as out:
            json.dump({"sizes": sizes, "max_size": max_size, "texts": [r.__dict__ for r in text_rows],
                       "readers": [r.__dict__ for r in reader_rows],
                       "quote_marks": {"count": args.quote_marks, "full_s": quote_seconds,
                                       "bounded_s": quote_bounded, "bounded_outcome": quote_outcome},
                       "result": "FAIL" if reasons else "PASS", "reasons": reasons}, out, indent=1)
    print("result: PASS" if not reasons else f"result: FAIL ({'; '.join(reasons)})")
    return EXIT_FAIL if reasons and args.check else 0


if __name__ == "__main__":
    sys.exit(main())
