"""Attribution benchmark: storyline's source, cue and content spans against PolNeAR, with textacy as baseline.

Every text of a PolNeAR split is parsed once; storyline (`analyze_doc`) and textacy's
`direct_quotations` both run on that parse, and both are scored against the same
brat annotation files, span by span and attribution by attribution. How spans are
compared is written out in benchmarks/README.md, section "attribution_polnear.py".

    .venv/bin/python benchmarks/attribution_polnear.py --split dev [--limit N] [--show-errors K] [--json FILE]
"""
from __future__ import annotations

import argparse
import json
import random
import re
import sys
import time
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable

REPO_ROOT = Path(__file__).resolve().parents[1]
POLNEAR_DIR = REPO_ROOT.parent / "shared" / "benchmarks" / "polnear"
EXIT_SETUP_ERROR = 2

KINDS = ("source", "cue", "content")
ROWS = KINDS + ("attribution",)
CRITERIA = ("exact", "overlap")
MIN_OVERLAP_F1 = 0.5  # token-set F1 at which two spans count as the same under the overlap criterion
THRESHOLDS = {"exact": 1.0, "overlap": MIN_OVERLAP_F1}
# the targets: (criterion, row, minimum F1); each must also beat textacy's figure
TARGETS = (("exact", "source", 0.65), ("exact", "cue", 0.70), ("exact", "content", 0.50),
           ("overlap", "content", 0.75))
# brat entity kinds scored as units, and E-line roles that make up one attribution ("Content2" = more content)
UNIT_KINDS = {"Source": "source", "Cue": "cue", "Content": "content"}
ROLE_KINDS = {"Source": "source", "Cue": "cue", "Content": "content", "Content2": "content"}
WORD = re.compile(r"\w+")  # a token: a maximal run of Unicode word characters; the rest separates tokens
LONG_EDGE_WORDS = 3  # boundary differences longer than this are summarised by their word count


# ---------------------------------------------------------------- spans and their comparison

@dataclass(frozen=True)
class Stretch:
    """A possibly discontinuous stretch of one document, with what each criterion compares."""

    fragments: tuple[tuple[int, int], ...]
    key: tuple[int, int] = field(compare=False)  # outer extent without surrounding whitespace: exact match
    tokens: frozenset[tuple[int, int]] = field(compare=False)  # word runs inside the fragments: overlap
    text: str = field(compare=False, repr=False)


def make_stretch(text: str, fragments: Iterable[tuple[int, int]]) -> Stretch:
    """The Stretch of `text` covered by `fragments` (character offsets, end exclusive)."""
    fragments = tuple(fragments)
    start = min(s for s, _ in fragments)
    end = max(e for _, e in fragments)
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    tokens = frozenset((m.start(), m.end()) for s, e in fragments for m in WORD.finditer(text, s, e))
    shown = " … ".join(text[s:e].strip() for s, e in fragments)
    return Stretch(fragments, (start, end), tokens, " ".join(shown.split()))


def token_f1(a: Stretch, b: Stretch) -> float:
    """F1 of the two token sets; spans without word characters score 1 only when their extents are equal."""
    if not a.tokens or not b.tokens:
        return 1.0 if a.key == b.key else 0.0
    common = len(a.tokens & b.tokens)
    return 2 * common / (len(a.tokens) + len(b.tokens))


def span_score(criterion: str, a: Stretch, b: Stretch) -> float:
    """How well two spans agree: 1/0 under exact match, token-set F1 under overlap."""
    if criterion == "exact":
        return 1.0 if a.key == b.key else 0.0
    if a.key[1] <= b.key[0] or b.key[1] <= a.key[0]:
        return 0.0  # disjoint extents share no token
    return token_f1(a, b)


@dataclass(frozen=True)
class Claim:
    """One attribution as scored: who (None when unnamed), the cue, and what was said."""

    source: Stretch | None
    cue: Stretch
    content: Stretch


def claim_score(criterion: str, gold: Claim, pred: Claim) -> float:
    """Mean agreement of cue, content and source, or 0 when any of the three falls below the threshold."""
    if gold.source is None or pred.source is None:
        source = 1.0 if gold.source is None and pred.source is None else 0.0
    else:
        source = span_score(criterion, gold.source, pred.source)
    parts = (source, span_score(criterion, gold.cue, pred.cue), span_score(criterion, gold.content, pred.content))
    return sum(parts) / 3 if min(parts) >= THRESHOLDS[criterion] else 0.0


def match_one_to_one(gold: list, pred: list, score: Callable[[object, object], float],
                     threshold: float) -> list[tuple[int, int, float]]:
    """Greedy one-to-one matching: pairs scoring >= threshold, best score first, each item used once."""
    pairs = [(s, g, p) for g, gold_item in enumerate(gold) for p, pred_item in enumerate(pred)
             if (s := score(gold_item, pred_item)) >= threshold]
    pairs.sort(key=lambda pair: (-pair[0], pair[1], pair[2]))  # ties: earlier gold, then earlier prediction
    used_gold, used_pred, matched = set(), set(), []
    for s, g, p in pairs:
        if g not in used_gold and p not in used_pred:
            used_gold.add(g)
            used_pred.add(p)
            matched.append((g, p, s))
    return matched


# ---------------------------------------------------------------- gold and predictions

@dataclass
class Annotation:
    """What one annotator marked in one text: deduplicated spans per kind and attributions."""

    spans: dict[str, list[Stretch]]
    claims: list[Claim]


def _unique(items: Iterable) -> list:
    """Items without repeats, in first-seen order."""
    return list(dict.fromkeys(items))


def parse_brat(lines: Iterable[str], text: str) -> Annotation:
    """Source/Cue/Content spans and E-line attributions of a PolNeAR .ann file; other kinds are ignored."""
    stretches: dict[str, Stretch] = {}
    spans: dict[str, list[Stretch]] = {kind: [] for kind in KINDS}
    claims = []
    for line in lines:
        parts = line.rstrip("\n").split("\t")
        if len(parts) < 2:
            continue
        if parts[0].startswith("T"):
            kind, _, offsets = parts[1].partition(" ")
            fragments = [tuple(int(n) for n in piece.split()) for piece in offsets.split(";")]
            stretches[parts[0]] = make_stretch(text, fragments)
            if kind in UNIT_KINDS:
                spans[UNIT_KINDS[kind]].append(stretches[parts[0]])
        elif parts[0].startswith("E"):
            roles: dict[str, list[tuple[int, int]]] = defaultdict(list)
            for argument in parts[1].split()[1:]:  # the first is the Attribution trigger
                role, _, tid = argument.partition(":")
                if role in ROLE_KINDS and tid in stretches:
                    roles[ROLE_KINDS[role]].extend(stretches[tid].fragments)
            if roles["cue"] and roles["content"]:  # an E line without both is unfinished annotation
                source = make_stretch(text, roles["source"]) if roles["source"] else None
                claims.append(Claim(source, make_stretch(text, roles["cue"]), make_stretch(text, roles["content"])))
    return Annotation({kind: _unique(v) for kind, v in spans.items()}, _unique(claims))


def units_of(claims: list[Claim]) -> dict[str, list[Stretch]]:
    """The deduplicated source, cue and content spans of predicted claims (missing sources are no unit)."""
    return {
        "source": _unique(c.source for c in claims if c.source is not None),
        "cue": _unique(c.cue for c in claims),
        "content": _unique(c.content for c in claims),
    }


def storyline_claims(analysis) -> list[Claim]:
    """storyline's attributions as claims."""
    text = analysis.document.text
    claims = []
    for a in analysis.attributions:
        source = make_stretch(text, [(a.source_span.start, a.source_span.end)]) if a.source_span else None
        claims.append(Claim(source, make_stretch(text, [(a.cue.start, a.cue.end)]),
                            make_stretch(text, [(a.content.start, a.content.end)])))
    return _unique(claims)


def textacy_claims(doc, direct_quotations) -> list[Claim]:
    """textacy's direct quotations as claims; token lists become their outer character extent."""
    text = doc.text

    def extent(tokens):  # speaker and cue token lists may skip tokens; take their outer extent
        return make_stretch(text, [(min(t.idx for t in tokens), max(t.idx + len(t.text) for t in tokens))])

    return _unique(Claim(extent(q.speaker), extent(q.cue),
                         make_stretch(text, [(q.content.start_char, q.content.end_char)]))
                   for q in direct_quotations(doc))


# ---------------------------------------------------------------- tallies

@dataclass
class Counts:
    """Matched, predicted and gold units; fractional when averaged over annotators."""

    tp: float = 0.0
    pred: float = 0.0
    gold: float = 0.0

    def add(self, other: "Counts", weight: float = 1.0) -> None:
        """Accumulate another tally, scaled by `weight` (1/annotators for a multiply annotated text)."""
        self.tp += weight * other.tp
        self.pred += weight * other.pred
        self.gold += weight * other.gold

    def figures(self) -> dict[str, float]:
        """Precision, recall and F1 (0 when undefined), with the counts they come from."""
        p = self.tp / self.pred if self.pred else 0.0
        r = self.tp / self.gold if self.gold else 0.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        return {"precision": p, "recall": r, "f1": f, "tp": self.tp, "pred": self.pred, "gold": self.gold}


def score_annotation(gold: Annotation, claims: list[Claim]) -> dict[tuple[str, str], Counts]:
    """Counts per (row, criterion) of one system's claims against one annotation file."""
    units = units_of(claims)
    counts = {}
    for criterion in CRITERIA:
        threshold = THRESHOLDS[criterion]
        for kind in KINDS:
            matched = match_one_to_one(gold.spans[kind], units[kind],
                                       lambda g, p: span_score(criterion, g, p), threshold)
            counts[kind, criterion] = Counts(len(matched), len(units[kind]), len(gold.spans[kind]))
        matched = match_one_to_one(gold.claims, claims, lambda g, p: claim_score(criterion, g, p), threshold)
        counts["attribution", criterion] = Counts(len(matched), len(claims), len(gold.claims))
    return counts


def score_text(golds: list[Annotation], claims: list[Claim]) -> dict[tuple[str, str], Counts]:
    """Counts of one text: the mean over its annotation files, so each text weighs the same."""
    total: dict[tuple[str, str], Counts] = defaultdict(Counts)
    for gold in golds:
        for key, counts in score_annotation(gold, claims).items():
            total[key].add(counts, 1 / len(golds))
    return total


# ---------------------------------------------------------------- error listing

def _nearest(item: Stretch, others: list[Stretch]) -> tuple[Stretch | None, float]:
    """The other span with the highest token F1 (ties: the closest start), and that F1."""
    if not others:
        return None, 0.0
    best = max(others, key=lambda o: (token_f1(item, o), -abs(o.key[0] - item.key[0])))
    return best, token_f1(item, best)


def _edge_label(text: str, side: str, sign: str, start: int, end: int) -> str:
    """'start +that' / 'end -.': what a prediction adds or lacks at one edge of a gold span."""
    piece = " ".join(text[start:end].lower().split())
    words = len(WORD.findall(piece))
    if words > LONG_EDGE_WORDS:
        piece = f"<{words} words>"
    return f"{side} {sign}{piece!r}"


def edge_differences(text: str, gold: Stretch, pred: Stretch) -> list[str]:
    """What the prediction adds (+) or lacks (-) at the start and at the end, relative to the gold extent."""
    (gs, ge), (ps, pe) = gold.key, pred.key
    labels = []
    if ps != gs:
        labels.append(_edge_label(text, "start", "+" if ps < gs else "-", min(ps, gs), max(ps, gs)))
    if pe != ge:
        labels.append(_edge_label(text, "end", "+" if pe > ge else "-", min(pe, ge), max(pe, ge)))
    return labels


# (text name, the unmatched span, its nearest counterpart on the other side, their token F1)
SpanError = tuple[str, Stretch, "Stretch | None", float]


@dataclass
class ErrorLog:
    """storyline's exact-match errors against the first annotation file of each text, for --show-errors."""

    misses: dict[str, list[SpanError]] = field(default_factory=lambda: defaultdict(list))
    spurious: dict[str, list[SpanError]] = field(default_factory=lambda: defaultdict(list))
    edges: dict[str, Counter] = field(default_factory=lambda: defaultdict(Counter))
    missed_cues: Counter = field(default_factory=Counter)
    spurious_cues: Counter = field(default_factory=Counter)

    def record(self, name: str, text: str, gold: Annotation, claims: list[Claim]) -> None:
        """Add one text's errors: span misses and extras per kind, and the cues of unmatched attributions."""
        units = units_of(claims)
        for kind in KINDS:
            golds, preds = gold.spans[kind], units[kind]
            matched = match_one_to_one(golds, preds, lambda g, p: span_score("exact", g, p), 1.0)
            hit_gold = {g for g, _, _ in matched}
            hit_pred = {p for _, p, _ in matched}
            for i, g in enumerate(golds):
                if i not in hit_gold:
                    near, f1 = _nearest(g, preds)
                    self.misses[kind].append((name, g, near, f1))
                    if near is not None and f1 >= MIN_OVERLAP_F1:
                        self.edges[kind].update(edge_differences(text, g, near))
            for i, p in enumerate(preds):
                if i not in hit_pred:
                    self.spurious[kind].append((name, p, *_nearest(p, golds)))
        matched = match_one_to_one(gold.claims, claims, lambda g, p: claim_score("overlap", g, p), MIN_OVERLAP_F1)
        hit_gold = {g for g, _, _ in matched}
        hit_pred = {p for _, p, _ in matched}
        self.missed_cues.update(c.cue.text.lower() for i, c in enumerate(gold.claims) if i not in hit_gold)
        self.spurious_cues.update(c.cue.text.lower() for i, c in enumerate(claims) if i not in hit_pred)

    def report(self, k: int) -> None:
        """Print k examples of each error per kind, the error classes and the commonest boundary differences."""
        rng = random.Random(0)  # the same examples on every run
        for kind in KINDS:
            for label, errors, near_name in (("false negatives", self.misses[kind], "nearest predicted"),
                                             ("false positives", self.spurious[kind], "nearest gold")):
                kinds_of_error = Counter(_error_class(f1) for _, _, _, f1 in errors)
                print(f"\n{kind} {label} (exact): {len(errors)} = "
                      + ", ".join(f"{n} {c}" for c, n in kinds_of_error.most_common()))
                for name, item, near, f1 in sorted(rng.sample(errors, min(k, len(errors))),
                                                   key=lambda e: (e[0], e[1].key)):
                    print(f"  [{name} {item.key[0]}] {_clip(item.text)!r}")
                    print(f"      {near_name} (token F1 {f1:.2f}): {_clip(near.text) if near else None!r}")
            print(f"\n{kind} boundary differences of near misses (prediction vs gold, token F1 >= "
                  f"{MIN_OVERLAP_F1}), most common:")
            for edge, n in self.edges[kind].most_common(k):
                print(f"  {n:5d}  {edge}")
        for label, cues in (("cues of missed gold attributions", self.missed_cues),
                            ("cues of spurious predicted attributions", self.spurious_cues)):
            print(f"\n{label} (overlap criterion), most common:")
            print("  " + ", ".join(f"{cue!r} {n}" for cue, n in cues.most_common(max(k, 10))))


def _error_class(f1: float) -> str:
    """How far an unmatched span is from its nearest counterpart."""
    if f1 >= MIN_OVERLAP_F1:
        return "boundary (overlap match)"
    return "partial overlap" if f1 > 0 else "no overlap"


def _clip(s: str, width: int = 160) -> str:
    """Long span texts shortened for display, keeping both ends."""
    return s if len(s) <= width else s[:width - 25] + " ... " + s[-20:]


# ---------------------------------------------------------------- the run

def parse_args(argv: list[str] | None) -> argparse.Namespace:
    """Command-line options."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--split", choices=("dev", "train"), default="dev", help="PolNeAR split (default: dev)")
    parser.add_argument("--limit", type=int, default=None, help="first N texts in sorted name order")
    parser.add_argument("--show-errors", type=int, default=0, metavar="K",
                        help="print K false negatives and K false positives per kind, and boundary statistics")
    parser.add_argument("--json", type=Path, default=None, metavar="FILE", help="write all figures to FILE")
    parser.add_argument("--batch-size", type=int, default=32, help="nlp.pipe batch size (default: 32)")
    parser.add_argument("--check", action="store_true", help="exit 1 when the result is FAIL")
    return parser.parse_args(argv)


def find_texts(split_dir: Path, limit: int | None) -> list[tuple[str, Path, list[Path]]]:
    """(name, text path, annotation paths) of every annotated text, in sorted name order."""
    annotations: dict[str, list[Path]] = defaultdict(list)
    for path in sorted((split_dir / "attributions").glob("*.ann")):
        annotations[path.stem.rsplit("_", 1)[0]].append(path)  # NAME_ANNOTATOR.ann
    found = [(p.stem, p, annotations[p.stem]) for p in sorted((split_dir / "text").glob("*.txt"))
             if annotations.get(p.stem)]
    return found[:limit] if limit is not None else found


def setup_error(message: str) -> int:
    """Report why the benchmark cannot run at all."""
    print(f"attribution benchmark cannot run: {message}", file=sys.stderr)
    return EXIT_SETUP_ERROR


def _fmt_count(n: float) -> str:
    """A count, with one decimal only when averaging over annotators made it fractional."""
    return f"{n:.0f}" if abs(n - round(n)) < 1e-9 else f"{n:.1f}"


def print_table(figures: dict, systems: list[str]) -> None:
    """One line per system and row: P R F1 under exact and overlap match, and the gold and predicted counts."""
    print(f"\n{'system':<10} {'row':<12} {'exact P':>8} {'R':>6} {'F1':>6}   {'overlap P':>9} {'R':>6} {'F1':>6}"
          f"   {'gold':>6} {'pred':>6}")
    for system in systems:
        for row in ROWS:
            cells = []
            for criterion in CRITERIA:
                f = figures[system][row][criterion]
                cells.append(f"{f['precision']:>{8 if criterion == 'exact' else 9}.3f} {f['recall']:>6.3f} "
                             f"{f['f1']:>6.3f}")
            f = figures[system][row]["exact"]
            print(f"{system:<10} {row:<12} {cells[0]}   {cells[1]}   {_fmt_count(f['gold']):>6} "
                  f"{_fmt_count(f['pred']):>6}")


def check_targets(figures: dict) -> list[str]:
    """Print one PASS/FAIL line per target; return the failed ones."""
    failures = []
    for criterion, row, minimum in TARGETS:
        value = figures["storyline"][row][criterion]["f1"]
        name = f"{criterion} {row} F1 {value:.3f}"
        checks = [(value >= minimum, f"{name} >= {minimum:.2f}", f"{name} < {minimum:.2f}")]
        if "textacy" in figures:
            baseline = figures["textacy"][row][criterion]["f1"]
            checks.append((value > baseline, f"{name} > textacy {baseline:.3f}", f"{name} <= textacy {baseline:.3f}"))
        else:
            print(f"SKIP {name} above textacy (baseline not run)")
        for passed, pass_label, fail_label in checks:
            print(f"PASS {pass_label}" if passed else f"FAIL {pass_label}")
            if not passed:
                failures.append(fail_label)
    return failures


def main(argv: list[str] | None = None) -> int:
    """Run both systems over the split, print the table and targets, return the exit code."""
    args = parse_args(argv)
    split_dir = POLNEAR_DIR / args.split
    if not split_dir.is_dir():
        return setup_error(f"PolNeAR data absent: {split_dir} does not exist "
                           "(expected ../shared/benchmarks/polnear/{train,dev} beside the repository)")
    texts = find_texts(split_dir, args.limit)
    if not texts:
        return setup_error(f"no annotated texts in {split_dir}")
    try:
        from storyline.ingest.article import Article
        from storyline.invariants import check_analysis
        from storyline.nlp import load_nlp
        from storyline.pipeline import analyze_doc
    except ImportError as error:
        return setup_error(f"storyline is not importable ({error})")
    try:
        from textacy.extract.triples import direct_quotations
    except Exception as error:  # noqa: BLE001 - any import failure just drops the baseline
        print(f"textacy baseline skipped: cannot import textacy ({type(error).__name__}: {error})")
        direct_quotations = None
    systems = ["storyline"] + (["textacy"] if direct_quotations else [])

    started = time.perf_counter()
    nlp = load_nlp()
    contents = [path.read_text(encoding="utf-8") for _, path, _ in texts]
    seconds = Counter()
    totals = {s: defaultdict(Counts) for s in systems}
    gold_counts: dict[str, Counts] = defaultdict(Counts)
    errors = ErrorLog()
    failed = {"storyline": 0, "textacy": 0}
    parsed = iter(nlp.pipe(contents, batch_size=args.batch_size))
    for (name, _, ann_paths), text in zip(texts, contents):
        t0 = time.perf_counter()
        doc = next(parsed)
        t1 = time.perf_counter()
        analysis = None
        try:
            analysis = analyze_doc(doc, Article(text=text, headline_in_text=False))
            predicted = {"storyline": storyline_claims(analysis)}
        except Exception as error:  # noqa: BLE001 - one failing text scores as no predictions
            print(f"storyline failed on {name}: {type(error).__name__}: {error}")
            failed["storyline"] += 1
            predicted = {"storyline": []}
        t2 = time.perf_counter()
        if direct_quotations:
            try:
                predicted["textacy"] = textacy_claims(doc, direct_quotations)
            except Exception:  # noqa: BLE001 - it raises ValueError on an odd number of quote marks
                failed["textacy"] += 1
                predicted["textacy"] = []
        t3 = time.perf_counter()
        golds = [parse_brat(p.read_text(encoding="utf-8").splitlines(), text) for p in ann_paths]
        for system in systems:
            for key, counts in score_text(golds, predicted[system]).items():
                totals[system][key].add(counts)
        for kind in KINDS:
            gold_counts[kind].gold += sum(len(g.spans[kind]) for g in golds) / len(golds)
        gold_counts["attribution"].gold += sum(len(g.claims) for g in golds) / len(golds)
        if args.show_errors:
            errors.record(name, text, golds[0], predicted["storyline"])
        t4 = time.perf_counter()
        seconds.update({"spaCy parse": t1 - t0, "storyline": t2 - t1, "textacy": t3 - t2, "scoring": t4 - t3})
        if analysis is not None:
            check_analysis(analysis)  # output invariants (issue 11), outside the timings; raises when broken
    wall = time.perf_counter() - started

    figures = {s: {row: {c: totals[s][row, c].figures() for c in CRITERIA} for row in ROWS} for s in systems}
    n_ann = sum(len(a) for _, _, a in texts)
    print(f"storyline attribution benchmark: PolNeAR {args.split}")
    print(f"texts: {len(texts)}, annotation files: {n_ann} (texts with several are scored against each, "
          "counts averaged)")
    print("gold spans: " + ", ".join(f"{row} {_fmt_count(gold_counts[row].gold)}" for row in ROWS))
    print(f"wall time: {wall:.1f} s (" + ", ".join(f"{k} {v:.1f} s" for k, v in seconds.items()) + ")")
    if failed["storyline"]:
        print(f"storyline failed on {failed['storyline']} texts (scored as no predictions)")
    if direct_quotations:
        print(f"textacy refused {failed['textacy']} texts (an odd number of quote marks; scored as no "
              "predictions)")
    print_table(figures, systems)
    print()
    failures = check_targets(figures)
    if args.show_errors:
        errors.report(args.show_errors)
    if args.json:
        args.json.write_text(json.dumps({
            "split": args.split, "texts": len(texts), "annotation_files": n_ann,
            "gold": {row: gold_counts[row].gold for row in ROWS}, "wall_seconds": wall,
            "seconds": dict(seconds), "failed_texts": failed, "figures": figures,
            "targets": [{"criterion": c, "row": r, "min_f1": m} for c, r, m in TARGETS],
            "failures": failures,
        }, indent=2) + "\n", encoding="utf-8")
    print("\nresult: PASS" if not failures else f"\nresult: FAIL ({'; '.join(failures)})")
    return 1 if args.check and failures else 0


if __name__ == "__main__":
    sys.exit(main())
