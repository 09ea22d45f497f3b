"""Publication-date inference on real scraped pages: storyline's URL + text inference against the dates the pages state.

Reads ../shared/benchmarks/realpages/pages.jsonl (real page excerpts with the date their URL
or first lines state, or null), runs `storyline.extract.published.infer_published(url, text)`
on every English page with no input date, and compares with `date_in_page`: a full gold date
must match exactly; a year-month gold date is matched by any date in that month. Figures are
split by where the gold date came from (url, text, null); on null pages (no stated date) only
how often a date is still output is reported (the "latest date in the text" fallback). A
baseline runs in the same pass: the first ISO-looking date (yyyy-mm-dd or yyyy/mm/dd) in the
URL, else in the text.

    .venv/bin/python benchmarks/published_realpages.py [--limit N] [--without-date-field] [--show-misses K]
                                                       [--json FILE] [--check]
"""
from __future__ import annotations

import argparse
import datetime as dt
import json
import re
import sys
import time
from dataclasses import dataclass
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[1]
DATA_FILE = REPO_ROOT.parent / "shared" / "benchmarks" / "realpages" / "pages.jsonl"
GOLD_SOURCES = ("url", "text", None)
ACCURACY_TARGET = 0.80  # on pages that state a date (gold from url or text)
EXIT_SETUP_ERROR = 2

# the stored copies' own date field that opens some excerpts (see the data's README): an easy case
DATE_FIELD = re.compile(r"\A date (?:19|20)\d\d-\d\d(?:-\d\d)?\b ?")
BASELINE_DATE = re.compile(r"(?<!\d)((?:19|20)\d\d)([-/])(0[1-9]|1[0-2])\2(0[1-9]|[12]\d|3[01])(?!\d)")


@dataclass
class Page:
    id: str
    url: str | None
    text: str
    gold: str | None  # yyyy-mm-dd or yyyy-mm
    gold_from: str | None  # url, text or None


@dataclass
class Outcome:
    page: Page
    predicted: dt.date | None
    kind: str | None  # url or text
    evidence: str | None  # the words of the text that gave the date
    baseline: dt.date | None
    period: str | None  # the year-month or year a URL states without a day


def read_pages(path: Path, limit: int | None = None, without_date_field: bool = False) -> list[Page]:
    """The English pages of pages.jsonl, in file order (the first `limit` of them); optionally
    without the leading " date yyyy-mm-dd" field, to see how the rest of the text does alone."""
    pages = []
    with path.open(encoding="utf-8") as lines:
        for line in lines:
            row = json.loads(line)
            if row.get("language") != "en":
                continue
            text = DATE_FIELD.sub("", row["text"]) if without_date_field else row["text"]
            pages.append(Page(row["id"], row.get("url"), text, row.get("date_in_page"), row.get("date_from")))
            if limit and len(pages) >= limit:
                break
    return pages


def baseline_date(url: str | None, text: str) -> dt.date | None:
    """The first ISO-looking date in the URL, else in the text."""
    for where in (url or "", text):
        for m in BASELINE_DATE.finditer(where):
            try:
                return dt.date(int(m[1]), int(m[3]), int(m[4]))
            except ValueError:
                continue
    return None


def matches(predicted: dt.date | None, gold: str | None) -> bool:
    """A full gold date needs the same day; a year-month gold date any day of that month."""
    if predicted is None or gold is None:
        return False
    return predicted.isoformat()[:len(gold)] == gold


def figures(outcomes: list[Outcome], system: str) -> dict:
    """Pages, dates output, dates right, and the rates, for one system over some pages."""
    predicted = [o.predicted if system == "storyline" else o.baseline for o in outcomes]
    n = len(outcomes)
    output = sum(p is not None for p in predicted)
    right = sum(matches(p, o.page.gold) for p, o in zip(predicted, outcomes))
    return {"pages": n, "output": output, "right": right, "coverage": output / n if n else 0.0,
            "accuracy": right / n if n else 0.0, "precision": right / output if output else 0.0}


def run(pages: list[Page]) -> tuple[list[Outcome], float]:
    """storyline's inference and the baseline on every page, and storyline's seconds in all."""
    from storyline.extract.published import date_from_url, infer_published

    outcomes = []
    seconds = 0.0
    for page in pages:
        started = time.perf_counter()
        day, source = infer_published(page.url, page.text)
        seconds += time.perf_counter() - started
        evidence = source.span.text if source and source.span else None
        outcomes.append(Outcome(page, day, source.kind if source else None, evidence,
                                baseline_date(page.url, page.text), date_from_url(page.url).period))
    return outcomes, seconds


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    """Command-line options."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--limit", type=int, default=None, help="first N English pages (default: all)")
    parser.add_argument("--without-date-field", action="store_true",
                        help="drop the ' date yyyy-mm-dd' field that opens some excerpts (a harder run)")
    parser.add_argument("--show-misses", type=int, default=8, metavar="K", help="print up to K wrong or missing dates")
    parser.add_argument("--json", type=Path, default=None, metavar="FILE", help="also write the figures to FILE")
    parser.add_argument("--data", type=Path, default=DATA_FILE, metavar="FILE",
                        help="pages.jsonl (default: ../shared/benchmarks/realpages/pages.jsonl)")
    parser.add_argument("--check", action="store_true", help="exit 1 when the result is FAIL")
    return parser.parse_args(argv)


def setup_error(message: str) -> int:
    """Report why the benchmark cannot run at all."""
    print(f"published_realpages benchmark cannot run: {message}", file=sys.stderr)
    return EXIT_SETUP_ERROR


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark, print the report, return the exit code."""
    args = parse_args(argv)
    if not args.data.is_file():
        return setup_error(f"{args.data} is absent")
    pages = read_pages(args.data, args.limit, args.without_date_field)
    if not pages:
        return setup_error(f"no English pages in {args.data}")
    try:
        outcomes, seconds = run(pages)
    except ImportError as error:
        return setup_error(f"storyline is not importable ({error})")

    groups = {"url": [o for o in outcomes if o.page.gold_from == "url"],
              "text": [o for o in outcomes if o.page.gold_from == "text"],
              "null": [o for o in outcomes if o.page.gold_from is None]}
    groups["dated (url+text)"] = groups["url"] + groups["text"]
    results = {system: {name: figures(group, system) for name, group in groups.items()}
               for system in ("storyline", "baseline")}

    print("realpages: publication dates inferred from URL + text (no input date), English pages"
          + (", without the leading date field" if args.without_date_field else ""))
    print(f"pages: {len(pages)} (gold from url {len(groups['url'])}, text {len(groups['text'])}, "
          f"none {len(groups['null'])}); storyline inference {seconds * 1000:.1f} ms in all")
    print("baseline = first yyyy-mm-dd or yyyy/mm/dd in the URL, else in the text\n")
    print(f"{'system':<10} {'gold from':<17} {'pages':>5} {'output':>6} {'right':>5} | "
          f"{'coverage':>8} {'accuracy':>8} {'precision':>9}")
    for system in ("storyline", "baseline"):
        for name in ("url", "text", "dated (url+text)", "null"):
            f = results[system][name]
            if name == "null":  # no gold date: only how often a date is output at all
                print(f"{system:<10} {name:<17} {f['pages']:>5} {f['output']:>6} {'-':>5} | "
                      f"{f['coverage']:>8.3f} {'-':>8} {'-':>9}")
            else:
                print(f"{system:<10} {name:<17} {f['pages']:>5} {f['output']:>6} {f['right']:>5} | "
                      f"{f['coverage']:>8.3f} {f['accuracy']:>8.3f} {f['precision']:>9.3f}")
    kinds = {k: sum(o.kind == k for o in outcomes) for k in ("url", "text")}
    print(f"\nstoryline's dates by source: url {kinds['url']}, text {kinds['text']}, "
          f"none {len(outcomes) - kinds['url'] - kinds['text']}")

    # `published` is a full date, so a URL giving only a year-month sets none: it only narrows the
    # dates read from the text. Counted apart: pages whose gold is a month that the URL states.
    month_gold = [o for o in groups["dated (url+text)"] if o.page.gold and len(o.page.gold) == 7]
    month_seen = [o for o in month_gold if o.period == o.page.gold]
    lenient = dated_right = results["storyline"]["dated (url+text)"]["right"]
    lenient += sum(not matches(o.predicted, o.page.gold) for o in month_seen)
    print(f"year-month gold dates: {len(month_gold)}; storyline date in that month "
          f"{sum(matches(o.predicted, o.page.gold) for o in month_gold)}; month recognised in the URL "
          f"{len(month_seen)}; accuracy on dated pages counting a recognised month as right "
          f"{lenient / max(1, len(groups['dated (url+text)'])):.3f} ({lenient} vs {dated_right})")

    misses = [o for o in groups["dated (url+text)"] if not matches(o.predicted, o.page.gold)]
    if args.show_misses and misses:
        print(f"\nmisses ({len(misses)}; showing {min(len(misses), args.show_misses)}): id, gold (from), "
              f"storyline (source: evidence), baseline")
        for o in misses[:args.show_misses]:
            evidence = f": {o.evidence!r}" if o.evidence else ""
            print(f"  {o.page.id:<5} {o.page.gold} ({o.page.gold_from})  -> {o.predicted} ({o.kind}{evidence})  "
                  f"baseline {o.baseline}")

    dated = results["storyline"]["dated (url+text)"]
    base = results["baseline"]["dated (url+text)"]
    checks = [(f"accuracy on dated pages >= {ACCURACY_TARGET:.2f}", dated["accuracy"] >= ACCURACY_TARGET),
              ("accuracy on dated pages >= baseline", dated["accuracy"] >= base["accuracy"])]
    print()
    for name, ok in checks:
        print(f"target {name}: {dated['accuracy']:.3f} (baseline {base['accuracy']:.3f}) {'PASS' if ok else 'FAIL'}")
    failures = [name for name, ok in checks if not ok]
    if args.json:
        args.json.write_text(json.dumps({"pages": len(pages), "results": results, "passed": not failures},
                                        indent=2), encoding="utf-8")
    print("result: PASS" if not failures else f"result: FAIL ({'; '.join(failures)})")
    return 1 if args.check and failures else 0


if __name__ == "__main__":
    sys.exit(main())
