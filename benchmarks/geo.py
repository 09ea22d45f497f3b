"""Geoparsing benchmark: toponym recognition and resolution on GeoWebNews, TR-News and GeoVirus.

Runs storyline's own path (spaCy doc -> sections -> extract_entities -> resolve_places) on
each article, scores the place mentions against the gold toponyms, and measures geocoding
twice: on the toponyms storyline recognised and on the gold toponyms themselves, each with
and without article context, next to a most-populous-candidate baseline.

    .venv/bin/python benchmarks/geo.py [--corpus gwn|trnews|geovirus|all] [--limit N]
                                       [--show-errors K] [--json FILE] [--check]
"""
from __future__ import annotations

import argparse
import json
import math
import re
import statistics
import sys
import xml.etree.ElementTree as ET
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[1]
DATA_DIR = REPO_ROOT.parent / "shared" / "benchmarks" / "geoparsing"
CORPORA = {"gwn": ("GeoWebNews", "GWN.xml"), "trnews": ("TR-News", "TR-News.xml"),
           "geovirus": ("GeoVirus", "GeoVirus.xml")}

ACCURACY_KM = 161.0  # 100 miles, the usual "correct" radius
MAX_ERROR_KM = 20039.0  # half the Earth's circumference: the largest possible error
EARTH_RADIUS_KM = 6371.0088
MIN_ACCURACY = 0.85  # issue 9: end to end, with context, on GWN and TR-News (was 0.80)
MIN_RECOGNITION_F1 = 0.75
TARGET_CORPORA = ("gwn", "trnews")
ALIGN_WINDOW = 12  # characters a gold offset may be off by before the toponym is dropped
EXIT_SETUP_ERROR = 2

# GWN annotation types that are not toponyms (Gritta et al. 2019); their spans never count as gold.
GWN_NON_TOPONYM_TYPES = frozenset(
    {"Demonym", "Homonym", "Language", "Non_Toponym", "Literal_Expression", "Non_Lit_Expression"})
# Last words marking a street, building or site: names a city-level gazetteer cannot hold.
FACILITY_WORDS = frozenset(
    "street st road rd avenue ave boulevard blvd lane highway hwy way drive square bridge close crescent "
    "place church cathedral mosque temple synagogue hospital school college university station airport "
    "park stadium arena center centre hall building tower museum library court hotel mall market castle "
    "palace theatre theater prison jail base plaza corner circle terrace".split())
SETTINGS = ("with context", "without context", "most populous")


# ---------------------------------------------------------------- gold data

@dataclass
class GoldToponym:
    start: int
    end: int
    lat: float
    lon: float
    type: str = "toponym"


@dataclass
class BenchArticle:
    id: str
    text: str
    gold: list[GoldToponym]  # toponyms with coordinates: what is scored
    unscored: list[tuple[int, int]] = field(default_factory=list)  # toponyms without coordinates
    other: list[tuple[int, int, str]] = field(default_factory=list)  # non-toponym annotations, by type


@dataclass
class Corpus:
    key: str
    name: str
    articles: list[BenchArticle]
    realigned: int = 0  # gold offsets moved onto the nearby occurrence of the toponym
    dropped: int = 0  # gold toponyms whose name is not near their offsets


def align(text: str, name: str, start: int) -> int | None:
    """Start of `name` in `text` at or nearest to `start` (within ALIGN_WINDOW), else None."""
    if text[start:start + len(name)] == name:
        return start
    lo = max(0, start - ALIGN_WINDOW)
    found = [m.start() for m in re.finditer(re.escape(name), text[lo:start + len(name) + ALIGN_WINDOW])]
    return min((lo + f for f in found), key=lambda s: abs(s - start), default=None)


def _text(element, tag: str) -> str:
    child = element.find(tag)
    return (child.text or "").strip() if child is not None else ""


def _raw(element, tag: str) -> str:
    child = element.find(tag)
    return (child.text or "") if child is not None else ""


def _children(element, tag: str) -> list:
    child = element.find(tag)
    return list(child) if child is not None else []


def read_corpus(key: str, limit: int | None) -> Corpus:
    """Parse one corpus file; each format's toponym record becomes (name, start, lat, lon, type)."""
    name, filename = CORPORA[key]
    root = ET.parse(DATA_DIR / filename).getroot()
    corpus = Corpus(key, name, [])
    for number, element in enumerate(root.findall("article")[:limit]):
        text = _raw(element, "text")
        article = BenchArticle(element.get("docid") or element.get("file") or str(number), text, [])
        for surface, start, lat, lon, kind in _records(key, element):
            at = align(text, surface, start) if surface else None
            if at is None:
                corpus.dropped += 1
                continue
            corpus.realigned += at != start
            end = at + len(surface)
            if lat is not None:
                article.gold.append(GoldToponym(at, end, lat, lon, kind))
            elif kind.split("/")[0] in GWN_NON_TOPONYM_TYPES:
                article.other.append((at, end, kind))
            else:
                article.unscored.append((at, end))
        corpus.articles.append(article)
    return corpus


def _float(value: str) -> float | None:
    try:
        return float(value)
    except ValueError:
        return None


def _records(key: str, article):
    """(surface, start, lat, lon, type) of each annotated toponym; lat/lon None when absent."""
    if key == "gwn":
        for t in _children(article, "toponyms"):
            lat, lon = _float(_text(t, "latitude")), _float(_text(t, "longitude"))
            kind = "/".join(filter(None, (_text(t, "type"), _text(t, "modifierType")))) or "toponym"
            yield _raw(t, "extractedName"), int(_text(t, "start")), lat, lon if lat is not None else None, kind
    elif key == "trnews":
        for t in _children(article, "toponyms"):
            gaz = t.find("gaztag")
            lat = _float(_text(gaz, "lat")) if gaz is not None else None
            lon = _float(_text(gaz, "lon")) if gaz is not None else None
            yield _raw(t, "phrase"), int(_text(t, "start")), lat, lon, "toponym"
    else:  # GeoVirus offsets count from 1
        for t in _children(article, "locations"):
            yield (_raw(t, "name"), int(_text(t, "start")) - 1, _float(_text(t, "lat")),
                   _float(_text(t, "lon")), "toponym")


# ---------------------------------------------------------------- scoring helpers

def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in kilometres."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    a = math.sin((p2 - p1) / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(math.radians(lon2 - lon1) / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(a)))


def error_auc(errors_km: list[float]) -> float:
    """Gritta et al. (2018) AUC: area under ln(e + 1) / ln(MAX_ERROR_KM) over errors sorted ascending.

    The n scaled errors sit at x = 0, 1/(n-1), ..., 1 and the area is taken by the trapezoid
    rule, so 0 means every toponym is exact and 1 means every error is maximal (lower is better).
    """
    scaled = sorted(min(1.0, math.log(e + 1) / math.log(MAX_ERROR_KM)) for e in errors_km)
    if len(scaled) < 2:
        return scaled[0] if scaled else 0.0
    return sum((a + b) / 2 for a, b in zip(scaled, scaled[1:])) / (len(scaled) - 1)


def match_spans(predicted: list[tuple[int, int]], gold: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """One-to-one (predicted index, gold index) pairs of overlapping spans, largest overlap first."""
    overlapping = []
    for j, (gs, ge) in enumerate(gold):
        for i, (ps, pe) in enumerate(predicted):
            overlap = min(pe, ge) - max(ps, gs)
            if overlap > 0:
                overlapping.append((-overlap, gs, ps, i, j))
    overlapping.sort()
    used_p, used_g, pairs = set(), set(), []
    for _, _, _, i, j in overlapping:
        if i not in used_p and j not in used_g:
            used_p.add(i)
            used_g.add(j)
            pairs.append((i, j))
    return sorted(pairs, key=lambda p: p[1])


def precision_recall_f1(matched: int, predicted: int, gold: int) -> tuple[float, float, float]:
    p = matched / predicted if predicted else 0.0
    r = matched / gold if gold else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def resolution_figures(errors_km: list[float | None]) -> dict:
    """Accuracy within 161 km, mean and median km, AUC; an unresolved toponym (None) counts as MAX_ERROR_KM."""
    errors = [MAX_ERROR_KM if e is None else min(e, MAX_ERROR_KM) for e in errors_km]
    if not errors:
        return {"n": 0, "unresolved": 0, "accuracy_161km": None, "mean_km": None, "median_km": None, "auc": None}
    return {
        "n": len(errors), "unresolved": sum(e is None for e in errors_km),
        "accuracy_161km": sum(e <= ACCURACY_KM for e in errors) / len(errors),
        "mean_km": statistics.fmean(errors), "median_km": statistics.median(errors), "auc": error_auc(errors),
    }


# ---------------------------------------------------------------- running storyline

@dataclass
class Tally:
    """Everything counted over a corpus (or over all of them)."""

    matched: int = 0
    predicted: int = 0
    gold: int = 0
    unscored: int = 0  # predictions overlapping a gold toponym that has no coordinates
    gold_by_type: Counter = field(default_factory=Counter)
    matched_by_type: Counter = field(default_factory=Counter)
    errors: dict = field(default_factory=lambda: defaultdict(list))  # (pairs, setting) -> [km | None]
    categories: dict = field(default_factory=lambda: defaultdict(Counter))  # table -> category -> count
    examples: dict = field(default_factory=lambda: defaultdict(list))  # (table, category) -> [str]

    def add(self, other: "Tally") -> None:
        self.matched += other.matched
        self.predicted += other.predicted
        self.gold += other.gold
        self.unscored += other.unscored
        self.gold_by_type.update(other.gold_by_type)
        self.matched_by_type.update(other.matched_by_type)
        for k, v in other.errors.items():
            self.errors[k] += v
        for k, v in other.categories.items():
            self.categories[k].update(v)


class Runner:
    """Holds the model and gazetteer and scores one article at a time."""

    def __init__(self, show_errors: int):
        from storyline.extract import entities, place, sections
        from storyline.gazetteer import default_gazetteer, demonyms
        from storyline.model import Entity, Mention
        from storyline.nlp import load_nlp

        self.nlp, self.gazetteer, self.demonyms = load_nlp(), default_gazetteer(), demonyms()
        self.find_sections, self.extract_entities = sections.find_sections, entities.extract_entities
        self.resolve_places, self.Entity, self.Mention = place.resolve_places, Entity, Mention
        self.show_errors = show_errors

    def run(self, corpus: Corpus) -> Tally:
        tally = Tally()
        docs = self.nlp.pipe((a.text for a in corpus.articles), batch_size=16)
        for article, doc in zip(corpus.articles, docs):
            self.score_article(article, doc, tally)
        return tally

    def score_article(self, article: BenchArticle, doc, tally: Tally) -> None:
        # the benchmark texts carry no headline line: titles are separate fields, offsets index the body
        entities = self.extract_entities(doc, self.find_sections(doc.text, headline_in_text=False))
        runs = {s: self.resolve_places(doc, entities, self.gazetteer, use_context=s == "with context")
                for s in SETTINGS[:2]}
        predicted = {s: _place_mentions(out) for s, out in runs.items()}
        spans = list(predicted["with context"])
        gold = article.gold
        pairs = match_spans(spans, [(g.start, g.end) for g in gold])
        matched_p = {i for i, _ in pairs}
        unscored = [i for i, s in enumerate(spans) if i not in matched_p
                    and any(_overlap(s, u) for u in article.unscored)]
        tally.matched += len(pairs)
        tally.predicted += len(spans) - len(unscored)
        tally.unscored += len(unscored)
        tally.gold += len(gold)
        tally.gold_by_type.update(g.type for g in gold)
        tally.matched_by_type.update(gold[j].type for _, j in pairs)
        self.recognition_errors(article, doc, runs["with context"], spans, pairs, set(unscored), tally)

        for i, j in pairs:
            span, g = spans[i], gold[j]
            for setting in SETTINGS:
                geo = (self.most_populous(doc.text[span[0]:span[1]]) if setting == "most populous"
                       else predicted[setting].get(span))
                tally.errors["recognised", setting].append(_error(geo, g))
            self.resolution_error(article, "end to end, with context", doc.text[span[0]:span[1]],
                                  predicted["with context"].get(span), g, tally)

        gold_entities, entity_of = self.gold_entities(doc, gold, entities)
        for setting in SETTINGS[:2]:
            out = {e.id: e.geo for e in self.resolve_places(doc, gold_entities, self.gazetteer,
                                                            use_context=setting == "with context")}
            for j, g in enumerate(gold):
                geo = out.get(entity_of[j])
                tally.errors["gold", setting].append(_error(geo, g))
                if setting == "with context":
                    self.resolution_error(article, "gold toponyms, with context", doc.text[g.start:g.end], geo, g,
                                          tally)
        for g in gold:
            tally.errors["gold", "most populous"].append(_error(self.most_populous(doc.text[g.start:g.end]), g))

    def gold_entities(self, doc, gold: list[GoldToponym], entities) -> tuple[list, list[str]]:
        """Place entities made from the gold spans, one per distinct surface (as storyline merges mentions),
        plus the article's groups for demonym context; and the entity id of each gold toponym."""
        by_surface: dict[str, object] = {}
        for g in sorted(gold, key=lambda g: g.start):
            surface = doc.text[g.start:g.end]
            entity = by_surface.get(surface)
            if entity is None:
                entity = by_surface[surface] = self.Entity(id=f"g{len(by_surface)}", name=surface, kind="place")
            entity.mentions.append(self.Mention(start=g.start, end=g.end, text=surface))
        entity_of = [by_surface[doc.text[g.start:g.end]].id for g in gold]
        return list(by_surface.values()) + [e for e in entities if e.kind == "group"], entity_of

    def most_populous(self, name: str):
        found = self.gazetteer.candidates(_clean(name), limit=1)
        return found[0] if found else None

    # ------------------------------------------------------------ error categories

    def note(self, tally: Tally, table: str, category: str, example: str) -> None:
        tally.categories[table][category] += 1
        if len(tally.examples[table, category]) < self.show_errors:
            tally.examples[table, category].append(example)

    def recognition_errors(self, article, doc, entities, spans, pairs, unscored, tally) -> None:
        """Misses by spaCy label and storyline kind; false positives by spaCy label and gold annotation."""
        kind_at = {(m.start, m.end): e.kind for e in entities for m in e.mentions}
        matched_g = {j for _, j in pairs}
        matched_p = {i for i, _ in pairs}
        for j, g in enumerate(article.gold):
            if j in matched_g:
                continue
            surface = doc.text[g.start:g.end]
            label = _label_over(doc, (g.start, g.end))
            kind = next((k for s, k in kind_at.items() if _overlap(s, (g.start, g.end))), "none")
            self.note(tally, "recognition misses (spaCy label -> storyline kind)", f"{label} -> {kind}",
                      _snippet(article, doc.text, g.start, g.end))
            self.note(tally, "recognition misses (by shape)", self.shape(surface), surface)
        for i, span in enumerate(spans):
            if i in matched_p or i in unscored:
                continue
            annotation = next((t for s, e, t in article.other if _overlap(span, (s, e))), "not annotated")
            self.note(tally, "false positives (spaCy label; gold annotation)",
                      f"{_label_over(doc, span)}; {annotation}", _snippet(article, doc.text, *span))

    def shape(self, surface: str) -> str:
        if _clean(surface) in self.demonyms or surface in self.demonyms:
            return "demonym/adjective"
        if _clean(surface).split()[-1:] and _clean(surface).split()[-1].lower().strip(".") in FACILITY_WORDS:
            return "street/building/site"
        if not self.gazetteer.candidates(_clean(surface), limit=1):
            return "name not in gazetteer"
        return "other name"

    def resolution_error(self, article, table: str, surface: str, geo, g: GoldToponym, tally: Tally) -> None:
        """Why a toponym ended more than 161 km from its gold point."""
        error = _error(geo, g)
        if error is not None and error <= ACCURACY_KM:
            return
        shape = self.shape(surface)
        candidates = self.gazetteer.candidates(_clean(surface), limit=60)
        near = min(candidates, key=lambda c: haversine_km(c.lat, c.lon, g.lat, g.lon), default=None)
        near_km = haversine_km(near.lat, near.lon, g.lat, g.lon) if near else None
        if shape == "demonym/adjective":
            category = "demonym/adjective " + ("unresolved" if geo is None else "resolved far from gold")
        elif not candidates:
            category = f"unresolved, no gazetteer entry ({shape})" if geo is None else "resolved via a variant, far"
        elif geo is None:
            category = "unresolved, candidates below confidence"
        elif geo.gazetteer_id == near.geonameid and _is_area(geo.feature):
            category = "picked the nearest candidate, an area whose reference point is > 161 km from gold's"
        elif near_km > ACCURACY_KM:
            category = f"no candidate within 161 km of gold ({shape})"
        elif geo.country != near.country:
            category = "wrong country"
        else:
            category = "right country, wrong place"
        picked = "-" if geo is None else f"{geo.country} {geo.feature} ({geo.lat:.2f},{geo.lon:.2f})"
        km = "-" if error is None else f"{error:.0f} km"
        example = f"{surface!r} [{article.id}] gold ({g.lat:.2f},{g.lon:.2f}) -> {picked} {km}"
        self.note(tally, f"resolution errors, {table}", category, example)
        self.note(tally, f"error classes, {table}", error_class(surface, geo, near, near_km), example)


ABBREVIATION = re.compile(r"^(?:[A-Z][a-z]{0,4}\.\s?){1,3}$|^[A-Z]{2,3}$")
DIVISION_WORDS = frozenset(
    "county parish borough township province state region district oblast governorate prefecture "
    "department municipality canton".split())


def error_class(surface: str, geo, nearest, nearest_km: float | None) -> str:
    """Issue 9's classes of a toponym placed more than 161 km off (or not at all).

    unresolved: no point given; abbreviation: "W. Va.", "N.Y.", "UK"; division: a county,
    township, state or province (by its name or by the candidate nearest the gold point);
    homonym: the gazetteer holds a namesake within 161 km of the gold point, another was
    picked; coverage: no candidate near the gold point.
    """
    words = _clean(surface).lower().replace(".", "").split()
    if geo is None:
        return "unresolved"
    if ABBREVIATION.match(surface.strip()):
        return "abbreviation"
    if (words and words[-1] in DIVISION_WORDS) or (nearest is not None and nearest.feature
                                                   and nearest.feature.startswith("A.ADM")):
        return "division"
    if nearest_km is not None and nearest_km <= ACCURACY_KM:
        return "homonym"
    return "coverage (no namesake near gold)"


def _place_mentions(entities) -> dict[tuple[int, int], object]:
    """(start, end) -> geo (or None) of every mention of a place entity or of an entity with geo."""
    out = {}
    for e in entities:
        if e.kind == "place" or e.geo is not None:
            for m in e.mentions:
                out.setdefault((m.start, m.end), e.geo)
    return dict(sorted(out.items()))


def _is_area(feature: str | None) -> bool:
    """Countries, first-level divisions, regions, waters and terrain: one point cannot stand for them."""
    return bool(feature) and (feature[0] in "HLT" or feature.startswith(("A.PCL", "A.TERR", "A.ADM1")))


def _error(geo, g: GoldToponym) -> float | None:
    return None if geo is None else haversine_km(geo.lat, geo.lon, g.lat, g.lon)


def _overlap(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return min(a[1], b[1]) > max(a[0], b[0])


def _label_over(doc, span: tuple[int, int]) -> str:
    return next((f"spaCy {ent.label_}" for ent in doc.ents if _overlap(span, (ent.start_char, ent.end_char))),
                "no spaCy entity")


def _clean(surface: str) -> str:
    """A surface without leading "the" or possessive, as looked up."""
    surface = re.sub(r"^(?:the|The|THE)\s+", "", surface.strip())
    return re.sub(r"(?:'s|’s|'|’)$", "", surface)


def _snippet(article: BenchArticle, text: str, start: int, end: int) -> str:
    left = " ".join(text[max(0, start - 40):start].split())
    right = " ".join(text[end:end + 40].split())
    return f"[{article.id}] ...{left} [[{text[start:end]}]] {right}..."


# ---------------------------------------------------------------- report

def summary(tally: Tally) -> dict:
    p, r, f1 = precision_recall_f1(tally.matched, tally.predicted, tally.gold)
    return {
        "recognition": {"gold": tally.gold, "predicted": tally.predicted, "matched": tally.matched,
                        "unscored_predictions": tally.unscored, "precision": p, "recall": r, "f1": f1},
        "resolution": {f"{pairs}, {setting}": resolution_figures(tally.errors[pairs, setting])
                       for pairs in ("recognised", "gold") for setting in SETTINGS},
        "recall_by_gold_type": {t: {"gold": n, "matched": tally.matched_by_type[t]}
                                for t, n in tally.gold_by_type.most_common()},
        "error_categories": {table: dict(c.most_common()) for table, c in tally.categories.items()},
    }


def _fmt(value, spec: str) -> str:
    return "-" if value is None else format(value, spec)


def print_summary(title: str, figures: dict, tally: Tally | None, show_errors: int) -> None:
    rec = figures["recognition"]
    print(f"\n== {title}")
    print(f"recognition: gold {rec['gold']}, predicted {rec['predicted']}, matched {rec['matched']}: "
          f"P {rec['precision']:.3f} R {rec['recall']:.3f} F1 {rec['f1']:.3f}"
          f" ({rec['unscored_predictions']} predictions on gold toponyms without coordinates not scored)")
    by_type = figures["recall_by_gold_type"]
    if len(by_type) > 1:
        print("recognition recall by gold type: " + ", ".join(
            f"{t} {c['matched']}/{c['gold']}" for t, c in by_type.items()))
    print(f"{'resolution':<46}{'n':>6}{'acc@161':>9}{'mean km':>9}{'median km':>11}{'AUC':>7}{'unresolved':>12}")
    for row, r in figures["resolution"].items():
        label = row.replace("recognised, ", "end to end (recognised), ").replace("gold, ", "given gold toponyms, ")
        print(f"  {label:<44}{r['n']:>6}{_fmt(r['accuracy_161km'], '.3f'):>9}{_fmt(r['mean_km'], '.0f'):>9}"
              f"{_fmt(r['median_km'], '.1f'):>11}{_fmt(r['auc'], '.3f'):>7}{r['unresolved']:>12}")
    for table, counts in figures["error_categories"].items():
        print(f"{table}: {sum(counts.values())}")
        for category, count in list(counts.items())[:12]:
            print(f"  {count:6d}  {category}")
            for example in (tally.examples.get((table, category), ()) if tally and show_errors else ()):
                print(f"            {example}")


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", choices=[*CORPORA, "all"], default="all", help="corpus to run (default: all)")
    parser.add_argument("--limit", type=int, default=None, help="first N articles of each corpus (default: all)")
    parser.add_argument("--show-errors", type=int, default=0, metavar="K",
                        help="print up to K examples per error category")
    parser.add_argument("--json", type=Path, default=None, metavar="FILE", help="also write every figure as JSON")
    parser.add_argument("--check", action="store_true", help="exit 1 when the result is FAIL")
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark, print the report, return the exit code."""
    args = parse_args(argv)
    if not DATA_DIR.is_dir():
        print(f"geo benchmark cannot run: {DATA_DIR} is absent", file=sys.stderr)
        return EXIT_SETUP_ERROR
    keys = list(CORPORA) if args.corpus == "all" else [args.corpus]
    try:
        runner = Runner(args.show_errors)
    except ImportError as error:
        print(f"geo benchmark cannot run: storyline is not importable ({error})", file=sys.stderr)
        return EXIT_SETUP_ERROR

    print("storyline geoparsing benchmark")
    print(f"data: {DATA_DIR}")
    print("gold: every annotated toponym that has coordinates (Gritta et al. 2019); GWN demonyms, languages,\n"
          "homonyms, non-toponyms and expressions are not gold, and predictions on them count as false positives")
    print(f"resolution: errors capped at {MAX_ERROR_KM:.0f} km; an unresolved toponym counts as {MAX_ERROR_KM:.0f} km;"
          " AUC = trapezoid area of sorted ln(km+1)/ln(20039), lower is better")
    report, total = {}, Tally()
    for key in keys:
        corpus = read_corpus(key, args.limit)
        tally = runner.run(corpus)
        total.add(tally)
        report[key] = summary(tally)
        report[key]["articles"] = len(corpus.articles)
        report[key]["gold_realigned"], report[key]["gold_dropped"] = corpus.realigned, corpus.dropped
        print_summary(f"{corpus.name} ({CORPORA[key][1]}): {len(corpus.articles)} articles, {tally.gold} gold "
                      f"toponyms ({corpus.realigned} offsets realigned, {corpus.dropped} dropped)",
                      report[key], tally, args.show_errors)
    if len(keys) > 1:
        report["all"] = summary(total)
        print_summary("all corpora (micro-averaged)", report["all"], None, 0)

    print("\ntargets")
    failures = []
    for key in keys:
        if key not in TARGET_CORPORA:
            continue
        accuracy = report[key]["resolution"]["recognised, with context"]["accuracy_161km"] or 0.0
        f1 = report[key]["recognition"]["f1"]
        for what, value, threshold in (("accuracy within 161 km, end to end, with context", accuracy, MIN_ACCURACY),
                                       ("toponym recognition F1", f1, MIN_RECOGNITION_F1)):
            verdict = "PASS" if value >= threshold else "FAIL"
            print(f"{verdict} {CORPORA[key][0]}: {what} {value:.3f} (target >= {threshold:.2f})")
            if verdict == "FAIL":
                failures.append(f"{CORPORA[key][0]} {what.split(',')[0]} {value:.3f} < {threshold:.2f}")
    if not any(key in TARGET_CORPORA for key in keys):
        print("no target applies to this corpus (targets are set on GeoWebNews and TR-News)")
    if args.json:
        args.json.write_text(json.dumps(report, indent=2), encoding="utf-8")
    print("result: PASS" if not failures else f"result: FAIL ({'; '.join(failures)})")
    return 1 if args.check and failures else 0


if __name__ == "__main__":
    sys.exit(main())
