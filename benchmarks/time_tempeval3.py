"""TempEval-3 benchmark: extents, types and values of storyline's time expressions against TimeML gold.

Reads the TBAQ-cleaned TimeBank and AQUAINT .tml files, strips the markup to plain
text while keeping each gold TIMEX3's character offsets, runs spaCy plus
`storyline.extract.time.extract_times` with the document creation time as the
publication date, and scores as TempEval-3 does: strict and relaxed extent
P/R/F1, type accuracy over relaxed matches, and value P/R/F1. spaCy's own
DATE/TIME entities are scored in the same run as an extent baseline.

    .venv/bin/python benchmarks/time_tempeval3.py [--corpus timebank|aquaint|all] [--limit N]
                                                  [--show-errors K] [--json FILE] [--check]
"""
from __future__ import annotations

import argparse
import datetime as dt
import html
import json
import re
import sys
import time
from collections import Counter
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Sequence

REPO_ROOT = Path(__file__).resolve().parents[1]
DATA_DIR = REPO_ROOT.parent / "shared" / "benchmarks" / "tempeval3"
CORPORA = {"timebank": "TimeBank", "aquaint": "AQUAINT"}  # option value -> folder name

VALUE_F1_TARGET = 0.78  # HeidelTime, the best TempEval-3 system, reached 0.776 (platinum test set)
RELAXED_F1_TARGET = 0.88
SPACY_TIME_LABELS = {"DATE": "DATE", "TIME": "TIME"}  # spaCy entity label -> TIMEX3 type it stands for
EXIT_SETUP_ERROR = 2

TAG = re.compile(r"<(/?)([A-Za-z][\w:.-]*)([^>]*)>")
ATTRIBUTE = re.compile(r'([\w:]+)="([^"]*)"')
TEXT_ELEMENT = re.compile(r"<TEXT>(.*?)</TEXT>", re.S)
DCT_VALUE = re.compile(r"<DCT>.*?\bvalue=\"(\d{4}-\d{2}-\d{2})", re.S)


@dataclass(frozen=True)
class Timex:
    """One time expression: character offsets into the plain text, TIMEX3 type and value."""

    start: int
    end: int
    type: str
    value: str | None
    text: str


@dataclass
class TimemlDocument:
    """One .tml file reduced to what the benchmark needs."""

    name: str
    corpus: str
    created: dt.date
    text: str
    gold: list[Timex]


# ---------------------------------------------------------------- reading TimeML

def strip_timeml(markup: str) -> tuple[str, list[Timex]]:
    """Plain text of a TimeML fragment and its TIMEX3 elements as offsets into that text.

    Character entities are unescaped segment by segment, so offsets count the characters
    the reader sees. The document creation time (functionInDocument CREATION_TIME, tid t0)
    is not a mention in the text and is left out.
    """
    pieces: list[str] = []
    length = 0
    position = 0
    open_timexes: list[tuple[int, dict[str, str]]] = []
    found: list[tuple[int, int, dict[str, str]]] = []
    for tag in TAG.finditer(markup):
        segment = html.unescape(markup[position:tag.start()])
        pieces.append(segment)
        length += len(segment)
        position = tag.end()
        closing, name, rest = tag.group(1), tag.group(2), tag.group(3)
        if name != "TIMEX3" or rest.rstrip().endswith("/"):
            continue
        if not closing:
            open_timexes.append((length, dict(ATTRIBUTE.findall(rest))))
        elif open_timexes:
            start, attributes = open_timexes.pop()
            found.append((start, length, attributes))
    pieces.append(html.unescape(markup[position:]))
    text = "".join(pieces)
    gold = [
        Timex(start, end, attributes.get("type", ""), attributes.get("value"), text[start:end])
        for start, end, attributes in sorted(found, key=lambda item: (item[0], item[1]))
        if attributes.get("functionInDocument") != "CREATION_TIME" and attributes.get("tid") != "t0"
    ]
    return text, gold


def read_document(path: Path, corpus: str) -> TimemlDocument:
    """A .tml file: creation date from <DCT>, plain text and gold timexes from <TEXT>."""
    raw = path.read_text(encoding="utf-8")
    created = DCT_VALUE.search(raw)
    body = TEXT_ELEMENT.search(raw)
    if not created or not body:
        raise ValueError(f"{path}: no <DCT> date or no <TEXT> element")
    text, gold = strip_timeml(body.group(1))
    return TimemlDocument(path.stem, corpus, dt.date.fromisoformat(created.group(1)), text, gold)


def read_corpora(data_dir: Path, corpora: Sequence[str], limit: int | None) -> list[TimemlDocument]:
    """The first `limit` .tml files (sorted by name) of each corpus folder."""
    documents = []
    for corpus in corpora:
        paths = sorted((data_dir / corpus).glob("*.tml"))[:limit]
        documents += [read_document(path, corpus) for path in paths]
    return documents


# ---------------------------------------------------------------- scoring

def match_one_to_one(gold: Sequence[tuple[int, int]], predicted: Sequence[tuple[int, int]]) -> list[tuple[int, int]]:
    """(gold index, predicted index) pairs of overlapping spans, each span used at most once.

    Left to right, each gold span takes the earliest unused predicted span that overlaps it;
    for spans that do not overlap within each side this gives the largest possible matching.
    """
    predicted_order = sorted(range(len(predicted)), key=lambda j: predicted[j])
    used: set[int] = set()
    pairs = []
    first = 0
    for i in sorted(range(len(gold)), key=lambda i: gold[i]):
        gold_start, gold_end = gold[i]
        # predicted spans ending before this gold span cannot overlap it or any later one
        while first < len(predicted_order) and predicted[predicted_order[first]][1] <= gold_start:
            first += 1
        for j in predicted_order[first:]:
            start, end = predicted[j]
            if start >= gold_end:
                break
            if j not in used and end > gold_start:
                pairs.append((i, j))
                used.add(j)
                break
    return pairs


@dataclass
class Tally:
    """Counts behind the TempEval-3 figures, summed over documents."""

    gold: int = 0
    predicted: int = 0
    strict: int = 0  # predicted spans with exactly a gold span's offsets
    relaxed: int = 0  # one-to-one overlapping pairs
    type_correct: int = 0  # relaxed pairs with the same TIMEX3 type
    value_correct: int = 0  # relaxed pairs with the same TIMEX3 value

    def add(self, other: "Tally") -> None:
        for name in self.__dataclass_fields__:
            setattr(self, name, getattr(self, name) + getattr(other, name))


@dataclass
class Errors:
    """What went wrong, by expression text, for --show-errors."""

    missed: Counter = field(default_factory=Counter)  # (gold text, gold value)
    spurious: Counter = field(default_factory=Counter)  # (predicted text, predicted value)
    wrong_value: Counter = field(default_factory=Counter)  # (gold text, gold value, predicted text, predicted value)


def score_document(gold: Sequence[Timex], predicted: Sequence[Timex], errors: Errors | None = None) -> Tally:
    """TempEval-3 counts for one document."""
    gold_spans = [(t.start, t.end) for t in gold]
    predicted_spans = [(t.start, t.end) for t in predicted]
    pairs = match_one_to_one(gold_spans, predicted_spans)
    tally = Tally(gold=len(gold), predicted=len(predicted), relaxed=len(pairs),
                  strict=len(set(gold_spans) & set(predicted_spans)))
    for i, j in pairs:
        g, p = gold[i], predicted[j]
        tally.type_correct += g.type.upper() == p.type.upper()
        if p.value is not None and p.value == g.value:
            tally.value_correct += 1
        elif errors is not None and p.value is not None:
            errors.wrong_value[(g.text, g.value, p.text, p.value)] += 1
    if errors is not None:
        matched_gold = {i for i, _ in pairs}
        matched_predicted = {j for _, j in pairs}
        errors.missed.update((g.text.lower(), g.value) for i, g in enumerate(gold) if i not in matched_gold)
        errors.spurious.update((p.text.lower(), p.value) for j, p in enumerate(predicted) if j not in matched_predicted)
    return tally


def precision_recall_f1(correct: int, predicted: int, gold: int) -> tuple[float, float, float]:
    """P = correct/predicted, R = correct/gold, F1 their harmonic mean (0 when undefined)."""
    precision = correct / predicted if predicted else 0.0
    recall = correct / gold if gold else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1


def figures(tally: Tally, has_values: bool = True) -> dict:
    """The reported figures of one tally (value figures None for a system that gives no values)."""
    strict = precision_recall_f1(tally.strict, tally.predicted, tally.gold)
    relaxed = precision_recall_f1(tally.relaxed, tally.predicted, tally.gold)
    value = precision_recall_f1(tally.value_correct, tally.predicted, tally.gold) if has_values else None
    return {
        "gold": tally.gold, "predicted": tally.predicted,
        "strict": dict(zip(("precision", "recall", "f1"), strict)),
        "relaxed": dict(zip(("precision", "recall", "f1"), relaxed)),
        "type_accuracy": tally.type_correct / tally.relaxed if tally.relaxed else 0.0,
        "value": dict(zip(("precision", "recall", "f1"), value)) if value else None,
        "counts": asdict(tally),
    }


# ---------------------------------------------------------------- systems

def storyline_timexes(doc, created: dt.date) -> list[Timex]:
    """storyline's time expressions, normalised against the document creation date."""
    from storyline.extract.time import extract_times

    return [Timex(t.start, t.end, t.type, t.value, t.text) for t in extract_times(doc, created)]


def spacy_timexes(doc) -> list[Timex]:
    """spaCy's DATE and TIME entities as extents, without values: the extent baseline."""
    return [Timex(e.start_char, e.end_char, SPACY_TIME_LABELS[e.label_], None, e.text)
            for e in doc.ents if e.label_ in SPACY_TIME_LABELS]


# ---------------------------------------------------------------- report

def parse_args(argv: list[str] | None) -> argparse.Namespace:
    """Command-line options."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", choices=("timebank", "aquaint", "all"), default="all")
    parser.add_argument("--limit", type=int, default=None, help="first N documents of each corpus (default: all)")
    parser.add_argument("--show-errors", type=int, default=0, metavar="K",
                        help="print the K most frequent misses, spurious expressions and wrong values")
    parser.add_argument("--json", type=Path, default=None, metavar="FILE", help="also write the figures to FILE")
    parser.add_argument("--data", type=Path, default=DATA_DIR, metavar="DIR",
                        help="folder holding TimeBank/ and AQUAINT/ (default: ../shared/benchmarks/tempeval3)")
    parser.add_argument("--check", action="store_true", help="exit 1 when the result is FAIL")
    return parser.parse_args(argv)


def table_row(system: str, corpus: str, result: dict) -> str:
    """One line of the results table."""
    s, r, v = result["strict"], result["relaxed"], result["value"]
    value = f"{v['precision']:.3f} {v['recall']:.3f} {v['f1']:.3f}" if v else "    -     -     -"
    return (f"{system:<10} {corpus:<9} {result['gold']:>5} {result['predicted']:>5} | "
            f"{s['precision']:.3f} {s['recall']:.3f} {s['f1']:.3f} | "
            f"{r['precision']:.3f} {r['recall']:.3f} {r['f1']:.3f} | {result['type_accuracy']:.3f} | {value}")


def print_errors(errors: Errors, k: int) -> None:
    """The most frequent error kinds of storyline, for looking at what to fix."""
    print(f"\nmissed (gold text, gold value), top {k}:")
    for (text, value), n in errors.missed.most_common(k):
        print(f"  {n:4d}  {text!r} {value}")
    print(f"spurious (predicted text, predicted value), top {k}:")
    for (text, value), n in errors.spurious.most_common(k):
        print(f"  {n:4d}  {text!r} {value}")
    print(f"wrong value (gold text, gold value -> predicted text, predicted value), top {k}:")
    for (gold_text, gold_value, text, value), n in errors.wrong_value.most_common(k):
        print(f"  {n:4d}  {gold_text!r} {gold_value} -> {text!r} {value}")


def setup_error(message: str) -> int:
    """Report why the benchmark cannot run at all."""
    print(f"tempeval3 benchmark cannot run: {message}", file=sys.stderr)
    return EXIT_SETUP_ERROR


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark, print the report, return the exit code."""
    args = parse_args(argv)
    if not args.data.is_dir():
        return setup_error(f"{args.data} is absent (TempEval-3 TimeBank/AQUAINT .tml folders expected there)")
    corpora = list(CORPORA.values()) if args.corpus == "all" else [CORPORA[args.corpus]]
    documents = read_corpora(args.data, corpora, args.limit)
    if not documents:
        return setup_error(f"no .tml files under {args.data} for {', '.join(corpora)}")
    try:
        from storyline.nlp import load_nlp
    except ImportError as error:
        return setup_error(f"storyline is not importable ({error})")

    nlp = load_nlp()
    started = time.perf_counter()
    docs = list(nlp.pipe((d.text for d in documents), batch_size=16))
    parse_seconds = time.perf_counter() - started

    systems = ("storyline", "spaCy")
    tallies = {(system, corpus): Tally() for system in systems for corpus in corpora + ["overall"]}
    errors = Errors()
    extract_seconds = 0.0
    for document, doc in zip(documents, docs):
        started = time.perf_counter()
        predicted = storyline_timexes(doc, document.created)
        extract_seconds += time.perf_counter() - started
        for system, found, kept_errors in (("storyline", predicted, errors), ("spaCy", spacy_timexes(doc), None)):
            tally = score_document(document.gold, found, kept_errors)
            tallies[(system, document.corpus)].add(tally)
            tallies[(system, "overall")].add(tally)

    results = {system: {corpus: figures(tallies[(system, corpus)], has_values=system == "storyline")
                        for corpus in corpora + ["overall"]} for system in systems}
    counts = Counter(d.corpus for d in documents)
    print("TempEval-3 time expressions (TBAQ-cleaned), document creation time as publication date")
    print("documents: " + ", ".join(f"{c} {counts[c]}" for c in corpora)
          + f"; gold timexes: {sum(len(d.gold) for d in documents)} (creation time excluded)")
    print(f"spaCy parse {parse_seconds:.1f} s, storyline time extraction {extract_seconds:.2f} s")
    print("spaCy = its DATE/TIME entities as extents, no values (extent baseline)\n")
    print(f"{'system':<10} {'corpus':<9} {'gold':>5} {'pred':>5} | {'strict P/R/F1':<17} | "
          f"{'relaxed P/R/F1':<17} | type  | value P/R/F1")
    for system in systems:
        for corpus in corpora + ["overall"]:
            print(table_row(system, corpus, results[system][corpus]))

    overall = results["storyline"]["overall"]
    value_f1, relaxed_f1 = overall["value"]["f1"], overall["relaxed"]["f1"]
    checks = [(f"value F1 >= {VALUE_F1_TARGET:.2f}", value_f1, VALUE_F1_TARGET),
              (f"relaxed extent F1 >= {RELAXED_F1_TARGET:.2f}", relaxed_f1, RELAXED_F1_TARGET)]
    print()
    for name, figure, target in checks:
        print(f"target {name}: {figure:.3f} {'PASS' if figure >= target else 'FAIL'}")
    if args.show_errors:
        print_errors(errors, args.show_errors)
    failures = [f"{name.split(' >=')[0]} {figure:.3f} < {target:.2f}" for name, figure, target in checks
                if figure < target]
    if args.json:
        args.json.write_text(json.dumps({
            "documents": dict(counts), "results": results,
            "targets": {"value_f1": VALUE_F1_TARGET, "relaxed_f1": RELAXED_F1_TARGET},
            "passed": not failures,
        }, indent=2), encoding="utf-8")
    print("result: PASS" if not failures else f"result: FAIL ({'; '.join(failures)})")
    return 1 if args.check and failures else 0


if __name__ == "__main__":
    sys.exit(main())
