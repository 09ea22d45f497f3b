"""Place resolution: recognise toponyms the NER missed, then pick each place's coordinates by context.

Scores are additive and deterministic. A prior from the candidate alone (population on a
log scale, feature class, main vs alternate name) and, with context, agreement with the
countries the article mentions (demonyms, other places), "X, Y" qualifiers ("Springfield,
Illinois") and nearness to the article's other places. Work is linear in the number of
mentions; gazetteer lookups are cached per process.
"""
from __future__ import annotations

import bisect
import functools
import math
import re
from dataclasses import dataclass, field
from pathlib import Path

from spacy.attrs import IDX
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from storyline.gazetteer import Candidate, Gazetteer, demonyms, normalize_name
from storyline.model import Entity, Geo, Mention

RECHECKED_KINDS = ("person", "organization", "other")
LOCATIVE_WORDS = frozenset(
    "in at near from to toward towards into across through inside outside around along via within off "
    "over under beyond past".split())
PERSON_TITLES = frozenset(
    "mr mrs ms miss dr gen general president minister sen senator rep representative gov governor mayor "
    "judge justice prof professor king queen prince princess pope sir lord lady sgt sergeant col colonel "
    "lt lieutenant capt captain officer chairman chairwoman ceo spokesman spokeswoman doctor".split())
SPEECH_VERBS = frozenset(
    "said says say told tells added announced stated claimed argued warned wrote noted explained insisted "
    "urged asked denied confirmed reported tweeted".split())
# Bare words NER tags as places but that name no particular place when they stand alone.
NON_TOPONYMS = frozenset(
    "north south east west northeast northwest southeast southwest center centre capital city border state "
    "country nation region province island republic union kingdom home earth world homeland mainland "
    "midwest".split())
STATE_ABBREVIATIONS_PATH = Path(__file__).with_name("state_abbreviations.tsv")
US_POSTAL_CODES = frozenset(
    "AL AK AZ AR CA CO CT DE FL GA HI ID IL IN IA KS KY LA ME MD MA MI MN MS MO MT NE NV NH NJ NM NY NC "
    "ND OH OK OR PA RI SC SD TN TX UT VT VA WA WV WI WY DC".split())
# Landmark kinds whose names usually stand for an institution, so need "in/at/near" to be places.
METONYMIC_FEATURES = frozenset({"S.BLDG", "S.PAL", "L.AREA"})
# Prior by GeoNames feature: a bare "China" is the country, a bare "Texas" the state.
FEATURE_PRIOR = {
    "A.PCLI": 2.5, "L.CONT": 2.5, "A.ADM1": 1.0, "A.ADM2": 1.0, "P.PPLC": 0.8, "P.PPLA": 0.5,
    "P.PPLA2": 0.3, "A.TERR": 1.5, "A.PCLD": 1.5, "A.PCLS": 1.5,
}
LANDMARK_PRIOR = 3.0  # the curated table names what the news means by the name
POPULATION_WEIGHT = 0.35  # per decade of population
MAIN_NAME_BONUS = 0.5
QUALIFIER_COUNTRY = 2.5  # "X, Y": X lies in country Y ...
QUALIFIER_ADMIN1 = 2.5  # ... and in division Y
CONTEXT_COUNTRY = 2.0  # scaled by the country's share of the article's country evidence
CONTEXT_ADMIN1 = 1.0  # in a division some other place of the article lies in
LOCAL_DIVISION = 2.0  # scaled by the stated division's share of the article's division evidence; not capped
COUNTY_MATCH = 2.0  # a town inside a county the article names; not capped
QUALIFIER_EVIDENCE = 2.0
PROMOTING_SHARE = 0.5  # what one "X, Y" qualifier adds to the article's division evidence
NEARBY = 1.5
NEARBY_KM = 400.0
MAX_CONTEXT = 2.5
UNPLACED_SHARE = 0.5
MIN_SCORE = 1.2  # below this the best candidate is a guess (e.g. a hamlet known by an alternate name)
LOOKUP_LIMIT = 60
SHORTLIST = 8  # candidates per place that context may re-rank
BROAD_FEATURES = ("A.PCLI", "L.CONT", "L.RGN", "H.OCN", "H.SEA", "A.TERR")
BIG_CITY = 100_000

_POSSESSIVE = re.compile(r"(?:'s|’s|'|’)$")
_LEADING_ARTICLE = re.compile(r"^(?:the|The|THE)\s+")
_WORD = re.compile(r"\w+")
_COMMA = re.compile(r",[ \t]*")
_SPACES = re.compile(r"\s+")
_MUNICIPALITY_TAIL = re.compile(r"\s+(?:Township|Twp\.?|Borough|Village|Town)$")
_MUNICIPALITY_HEAD = re.compile(r"^(?:Town|Township|Village|Borough|City) of\s+")


@dataclass
class _Place:
    """One place entity being resolved."""

    entity: Entity
    candidates: list[tuple[Candidate, float]]  # with prior scores, best first
    qualifiers: set[tuple[str, str | None]] = field(default_factory=set)  # (country, admin1) from "X, Y"
    contains: list["_Place"] = field(default_factory=list)  # places X this one qualifies in "X, Y"
    pick: Candidate | None = None
    score: float = 0.0


def resolve_places(doc: Doc, entities: list[Entity], gazetteer: Gazetteer,
                   use_context: bool = True) -> list[Entity]:
    """Return copies of `entities` with toponyms marked as places and places given `geo`.

    New place entities (ids "p1", "p2", ...) are appended for landmark names no entity covers.
    With `use_context=False` each place gets its most likely reading in isolation.
    """
    out = [e.model_copy(update={"mentions": list(e.mentions), "aliases": list(e.aliases)}) for e in entities]
    landmarks = gazetteer.landmark_names
    tokens = _TokenIndex(doc)
    for e in out:
        if e.kind in RECHECKED_KINDS and _is_toponym(e, tokens, gazetteer, landmarks):
            e.kind = "place"
    added = _landmark_entities(doc, out, gazetteer)
    places = {e.id: _Place(e, _scored_candidates(e, gazetteer)) for e in out + added if e.kind == "place"}
    if use_context:
        _link_qualifiers(tokens, places, gazetteer)
        countries = _demonym_countries(doc, out)
        stated = _stated_divisions(places.values(), out, gazetteer)
        for (country, _), weight in stated.admin1.items():
            countries[country] = countries.get(country, 0.0) + weight
        for e in out:
            if e.kind in RECHECKED_KINDS and _is_local_toponym(e, tokens, gazetteer, stated.leading()):
                e.kind = "place"
                places[e.id] = _Place(e, _scored_candidates(e, gazetteer))
        for p in places.values():
            others = stated.without(p)
            _pick(p, lambda c, p=p, others=others: _qualifier_score(c, p) + _country_score(c, countries)
                  + _division_score(c, others, sum(others.values()))
                  + _county_score(c, stated.counties), stated.leading())
        context = _ArticleContext(places.values(), countries, stated)
        for p in places.values():
            _pick(p, functools.partial(context.score, place=p), stated.leading())
    else:
        for p in places.values():
            _pick(p, lambda c: 0.0)
    for p in places.values():
        if p.pick is not None and p.score >= MIN_SCORE:
            c = p.pick
            p.entity.geo = Geo(lat=c.lat, lon=c.lon, country=c.country, feature=c.feature,
                               gazetteer_id=c.geonameid)
    merged = out + _merge_added(out, added)
    return merged + _adjectival_places(doc, merged, gazetteer)


def _adjectival_places(doc: Doc, entities: list[Entity], gazetteer: Gazetteer) -> list[Entity]:
    """'Turkish troops', 'the South Korean side': a country adjective is a mention of the country.

    Only adjectives count; nouns such as "the Turks" name people, not places. New country
    entities (ids "c1", ...) are returned for countries the article names only by adjective.
    """
    table = demonyms()
    countries = {e.geo.country: e for e in entities
                 if e.kind == "place" and e.geo and e.geo.feature == "A.PCLI" and e.geo.country}
    taken = {m.start for e in entities for m in e.mentions if e.kind != "group"}
    new: dict[str, Entity] = {}
    for ent in doc.ents:
        if ent.label_ != "NORP" or ent.start_char in taken:
            continue
        head = ent[-1]
        if head.dep_ not in ("amod", "compound") and head.tag_ != "JJ":
            continue
        codes = table.get(ent.text)
        if not codes or len(codes) != 1:
            continue
        mention = Mention(start=ent.start_char, end=ent.end_char, text=ent.text)
        entity = countries.get(codes[0]) or new.get(codes[0])
        if entity is None:
            c = gazetteer.country(codes[0])
            if c is None:
                continue
            entity = Entity(id=f"c{len(new) + 1}", name=c.name, kind="place", mentions=[],
                            geo=Geo(lat=c.lat, lon=c.lon, country=c.country, feature=c.feature,
                                    gazetteer_id=c.geonameid))
            new[codes[0]] = entity
        entity.mentions.append(mention)
        if ent.text not in entity.aliases:
            entity.aliases.append(ent.text)
    return list(new.values())


# ---------------------------------------------------------------- recognition

class _TokenIndex:
    """Token lookup by character offset, in O(log n) (Doc.char_span scans the whole doc)."""

    def __init__(self, doc: Doc):
        self.doc = doc
        self.starts = doc.to_array(IDX).tolist() if len(doc) else []

    def token_at(self, char: int) -> int:
        """Index of the token holding character `char` (or the last token starting before it)."""
        return max(0, bisect.bisect_right(self.starts, char) - 1)

    def span(self, start: int, end: int) -> Span:
        return self.doc[self.token_at(start): self.token_at(max(start, end - 1)) + 1]


def _is_toponym(entity: Entity, tokens: _TokenIndex, gazetteer: Gazetteer, landmarks: dict) -> bool:
    """Whether an entity NER typed as person/org/other is really a place, judged by name and context."""
    if any(not _LEADING_ARTICLE.sub("", text)[:1].isupper() for text in (entity.name, *(m.text for m in entity.mentions))):
        return False  # an unnamed actor ("the defector", "he") is never a place name
    before, person, speech = _mention_context(entity, tokens)
    locative = bool(before & LOCATIVE_WORDS) or "of" in before
    if speech or person or entity.descriptors:
        return False
    for text in _name_variants(entity):
        surfaces = landmarks.get(normalize_name(text))
        if surfaces and any(_case_compatible(text, s) for s in surfaces):
            # "the Kremlin said", "Wall Street rallied": seats of power stand for institutions
            metonymic = any(c.source == "landmark" and c.feature in METONYMIC_FEATURES
                            for c in gazetteer.candidates(text, limit=5))
            return locative or not metonymic
    if not locative:
        # a country's or first-level division's own name ("countries such as Cyprus") is a place
        # even where NER called it an organisation; people named like places keep their kind
        return entity.kind != "person" and any(
            c.main_name and c.feature in ("A.PCLI", "A.ADM1") and normalize_name(c.name) == normalize_name(text)
            for text in _name_variants(entity) for c in gazetteer.candidates(text, limit=5))
    return any(c.main_name and (c.feature in ("A.PCLI", "A.ADM1", "L.CONT") or c.population >= BIG_CITY)
               for text in _name_variants(entity) for c in gazetteer.candidates(text, limit=5))


def _is_local_toponym(entity: Entity, tokens: _TokenIndex, gazetteer: Gazetteer, leading: frozenset) -> bool:
    """Whether a name NER typed otherwise is a town of the division the article is set in ("ended in Coleman").

    Small towns fail `_is_toponym`'s test of prominence; in a local article that states its
    state, a name after "in"/"near" that names a town of that state is one.
    """
    if not leading or entity.descriptors or any(not m.text[:1].isupper() for m in entity.mentions):
        return False
    before, person, speech = _mention_context(entity, tokens)
    return not (person or speech) and bool(before & LOCATIVE_WORDS) and any(
        c.main_name and c.feature and c.feature[0] in "PA" and (c.country, c.admin1) in leading
        for text in _name_variants(entity) for c in gazetteer.candidates(text, limit=LOOKUP_LIMIT))


def _mention_context(entity: Entity, tokens: _TokenIndex) -> tuple[set[str], bool, bool]:
    """The words before an entity's mentions, and whether a person's title precedes one or a speech verb follows."""
    doc = tokens.doc
    before, person, speech = set(), False, False
    for m in entity.mentions:
        span = tokens.span(m.start, m.end)
        word = _word_before(doc, span.start)
        before.add(word)
        person |= word.rstrip(".") in PERSON_TITLES
        speech |= span.end < len(doc) and doc[span.end].lower_ in SPEECH_VERBS
    return before, person, speech


def _word_before(doc: Doc, i: int) -> str:
    """The lowercase word before token i, skipping a determiner ("at the JSA" -> "at")."""
    j = i - 1
    if j >= 0 and doc[j].lower_ in ("the", "a", "an"):
        j -= 1
    return doc[j].lower_ if j >= 0 else ""


def _case_compatible(text: str, surface: str) -> bool:
    """Capitalised words of a listed name must be capitalised in the text ("West Bank", not "west bank")."""
    tw, sw = _WORD.findall(text), _WORD.findall(surface)
    if len(tw) != len(sw):
        return True
    return all(t[0].isupper() or not s[0].isupper() for t, s in zip(tw, sw))


def _name_variants(entity: Entity) -> list[str]:
    """Distinct lookup strings: name, aliases and mention texts without possessive or leading "the"."""
    out = []
    for text in (entity.name, *entity.aliases, *(m.text for m in entity.mentions)):
        text = _LEADING_ARTICLE.sub("", _POSSESSIVE.sub("", text.strip()))
        if text and text not in out:
            out.append(text)
    return out


@functools.lru_cache(maxsize=8)
def _landmark_matcher(vocab, gazetteer: Gazetteer) -> PhraseMatcher:
    """Case-insensitive matcher for every landmark name (built once per process)."""
    from spacy.lang.en import English

    tokenizer = English().tokenizer
    matcher = PhraseMatcher(vocab, attr="LOWER")
    surfaces = sorted({s for ss in gazetteer.landmark_names.values() for s in ss if len(s) >= 3})
    matcher.add("LANDMARK", [tokenizer(s) for s in surfaces])
    return matcher


def _landmark_entities(doc: Doc, entities: list[Entity], gazetteer: Gazetteer) -> list[Entity]:
    """New place entities for landmark names in the text that no (non-group) entity covers."""
    covered = sorted((m.start, m.end) for e in entities if e.kind != "group" for m in e.mentions)
    starts = [c[0] for c in covered]
    landmarks = gazetteer.landmark_names
    spans = [doc[s:e] for _, s, e in _landmark_matcher(doc.vocab, gazetteer)(doc)]
    by_key: dict[str, Entity] = {}
    used_ids = {e.id for e in entities}
    for span in filter_spans(spans):
        key = normalize_name(span.text)
        if not any(_case_compatible(span.text, s) for s in landmarks.get(key, ())):
            continue
        if _overlaps(covered, starts, span.start_char, span.end_char) or _inside_longer_name(doc, span):
            continue
        mention = Mention(start=span.start_char, end=span.end_char, text=span.text)
        if key in by_key:
            by_key[key].mentions.append(mention)
            continue
        n = len(by_key) + 1
        while f"p{n}" in used_ids:
            n += 1
        used_ids.add(f"p{n}")
        by_key[key] = Entity(id=f"p{n}", name=span.text, kind="place", mentions=[mention])
    return list(by_key.values())


def _overlaps(covered, starts, start: int, end: int) -> bool:
    """Whether [start, end) overlaps a sorted (start, end) interval; mentions rarely nest deeper than 8."""
    i = bisect.bisect_left(starts, end)
    return any(covered[j][1] > start for j in range(max(0, i - 8), i))


def _inside_longer_name(doc: Doc, span: Span) -> bool:
    """A landmark name that is only part of a longer proper name ("Red Sea Global")."""
    def proper(i):
        return 0 <= i < len(doc) and doc[i].pos_ == "PROPN" and doc[i].is_title
    return proper(span.start - 1) or proper(span.end)


def _merge_added(entities: list[Entity], added: list[Entity]) -> list[Entity]:
    """Fold new landmark entities into an entity resolved to the same place; return those left."""
    by_geo = {e.geo.gazetteer_id: e for e in entities if e.kind == "place" and e.geo}
    left = []
    for e in added:
        target = by_geo.get(e.geo.gazetteer_id) if e.geo else None
        if target is None:
            left.append(e)
            if e.geo:
                by_geo[e.geo.gazetteer_id] = e
            continue
        target.mentions = sorted(target.mentions + e.mentions, key=lambda m: m.start)
        if e.name != target.name and e.name not in target.aliases:
            target.aliases.append(e.name)
    return left


# ---------------------------------------------------------------- scoring

def _scored_candidates(entity: Entity, gazetteer: Gazetteer) -> list[tuple[Candidate, float]]:
    """Candidates for all of an entity's names, each with its context-free prior, best first."""
    found: dict[str, Candidate] = {}
    for text in _name_variants(entity):
        if normalize_name(text) in NON_TOPONYMS:
            continue
        code = us_state_code(text) if "." in text else None
        if code:  # "Ill." is Illinois, never a town
            text = _us_state_name(code)
        if text in demonyms():  # a place named "Canadian" is Canada, not Canadian, Texas
            for c in _countries(demonyms()[text], gazetteer):
                found[c.geonameid] = c
            continue
        for c in gazetteer.candidates(text, limit=LOOKUP_LIMIT):
            if c.geonameid not in found or c.main_name:
                found[c.geonameid] = c
    if not found:
        for stem in _municipality_stems(entity):
            for c in gazetteer.candidates(stem, limit=LOOKUP_LIMIT):
                if c.feature and c.feature.startswith("P."):
                    found.setdefault(c.geonameid, c)
    cands = list(found.values())
    # "New York" or "Washington": the big city outranks the division of the same name
    big_city_countries = {c.country for c in cands if c.feature and c.feature.startswith("P.")
                          and c.population >= BIG_CITY}
    scored = [(c, _prior(c, c.feature == "A.ADM1" and c.country in big_city_countries)) for c in cands]
    scored.sort(key=lambda cs: (-cs[1], cs[0].geonameid))
    return scored


def _municipality_stems(entity: Entity) -> list[str]:
    """ "Union Township", "Town of Milo", "Fenwick Borough": the town's own name, for a gazetteer of towns.

    Townships and boroughs are mostly missing from the gazetteer; their town of the same name
    lies within a few kilometres.
    """
    out = []
    for text in _name_variants(entity):
        stem = _MUNICIPALITY_TAIL.sub("", _MUNICIPALITY_HEAD.sub("", text))
        if stem != text and stem[:1].isupper() and stem not in out:
            out.append(stem)
    return out


def _countries(codes: tuple[str, ...], gazetteer: Gazetteer) -> list[Candidate]:
    """The country rows for ISO codes."""
    import pycountry

    out = []
    for code in codes:
        country = pycountry.countries.get(alpha_2=code)
        if country:
            out += [c for c in gazetteer.candidates(country.name, limit=5, country=code) if c.feature == "A.PCLI"]
    return out


@functools.lru_cache(maxsize=1)
def _state_abbreviations() -> dict[str, str]:
    """state_abbreviations.tsv, keys without spaces: "W.Va." -> "WV"."""
    out = {}
    with open(STATE_ABBREVIATIONS_PATH, encoding="utf-8") as f:
        for line in f:
            if line.strip() and not line.startswith("#"):
                abbreviation, code = line.rstrip("\n").split("\t")[:2]
                out[_SPACES.sub("", abbreviation)] = code.strip()
    return out


def us_state_code(text: str) -> str | None:
    """The postal code of a written state abbreviation ("Tenn.", "W. Va."), else None."""
    return _state_abbreviations().get(_SPACES.sub("", text.strip()))


@functools.lru_cache(maxsize=None)
def _us_state_name(code: str) -> str:
    import pycountry

    sub = pycountry.subdivisions.get(code=f"US-{code}")
    return sub.name if sub else code


def _prior(c: Candidate, shadowed: bool = False) -> float:
    """Context-free plausibility; a `shadowed` division does not count the population it shares with its city."""
    score = FEATURE_PRIOR.get(c.feature, 0.0)
    if not shadowed:
        score += POPULATION_WEIGHT * math.log10(c.population + 1)
    if c.source == "landmark":
        score += LANDMARK_PRIOR
    if c.main_name:
        score += MAIN_NAME_BONUS
    return score


def _pick(place: _Place, context, divisions: frozenset = frozenset()) -> None:
    """Choose the best candidate by prior + context; ties go to the earlier (smaller id) candidate."""
    # only a qualifier or the division the article says it is set in may promote a candidate
    # from far down the list ("Springfield, Vermont"; "Hamilton" in an article set in Georgia)
    if place.qualifiers or place.contains:
        pool = place.candidates
    else:
        pool = place.candidates[:SHORTLIST] + [
            cs for cs in place.candidates[SHORTLIST:] if (cs[0].country, cs[0].admin1) in divisions]
    best, best_score = None, -math.inf
    for c, prior in pool:
        score = prior + context(c)
        if score > best_score:
            best, best_score = c, score
    place.pick, place.score = best, best_score


def _qualifier_score(c: Candidate, place: _Place) -> float:
    """Bonus for lying in the "X, Y" qualifier Y, or (for Y) for holding X."""
    best = 0.0
    for country, admin1 in place.qualifiers:
        if c.country == country:
            best = max(best, QUALIFIER_COUNTRY + (QUALIFIER_ADMIN1 if admin1 and c.admin1 == admin1 else 0.0))
    for inner in place.contains:  # "Atlanta, Georgia": Georgia is the division holding Atlanta
        if inner.pick and c.country == inner.pick.country:
            score = QUALIFIER_COUNTRY
            if c.feature in ("A.ADM1", "A.ADM2") and c.admin1 == inner.pick.admin1:
                score += QUALIFIER_ADMIN1
            best = max(best, score)
    return best


def _division_score(c: Candidate, stated: dict[tuple[str, str], float], total: float) -> float:
    """Bonus by the share of all the article's division evidence that states the candidate's division.

    A local paper names its state once ("Paris, Tenn.", "the Tennessee Department of Education")
    and then writes the bare town: that evidence may outweigh a famous namesake's prior, so it
    is not capped like topical context. A national story spreads its evidence over many
    divisions, and the share stays small.
    """
    if total <= 0 or c.feature in BROAD_FEATURES or not c.admin1:
        return 0.0
    return LOCAL_DIVISION * stated.get((c.country, c.admin1), 0.0) / total


def _county_score(c: Candidate, counties: set[tuple[str, str, str]]) -> float:
    """Bonus for a town in a county the article names ("Erie County deputies ... in Waterford")."""
    if not counties or not c.admin2 or c.feature == "A.ADM2":
        return 0.0
    return COUNTY_MATCH if (c.country, c.admin1, normalize_name(c.admin2)) in counties else 0.0


def _country_score(c: Candidate, countries: dict[str, float]) -> float:
    """Bonus by the candidate country's share of the article's country evidence (top country = full)."""
    top = max(countries.values(), default=0.0)
    if top <= 0:
        return 0.0
    if c.country is None:  # seas, regions, zones spanning borders: compatible with any context
        return CONTEXT_COUNTRY * UNPLACED_SHARE
    if countries.get(c.country, 0.0) <= 0:
        return 0.0
    return CONTEXT_COUNTRY * countries[c.country] / top


class _ArticleContext:
    """What the article's first-pass picks say: countries, divisions and points, per place."""

    def __init__(self, places, countries: dict[str, float], stated: "_StatedDivisions"):
        self.countries = countries
        self.counties = stated.counties
        self.stated = stated
        self.contributions = {}
        for p in places:
            o = p.pick
            if o is None or p.score < MIN_SCORE:
                continue
            weight = len(p.entity.mentions) * (2 if o.feature == "A.PCLI" else 1)
            local = o.feature not in BROAD_FEATURES
            self.contributions[id(p)] = (o.country, weight, (o.country, o.admin1) if local and o.admin1 else None,
                                         (o.lat, o.lon) if local else None)
        self.evidence: dict[str, float] = dict(countries)
        self.divisions: dict[tuple[str, str], float] = dict(stated.admin1)
        for country, weight, division, _ in self.contributions.values():
            if country:
                self.evidence[country] = self.evidence.get(country, 0.0) + weight
            if division:
                self.divisions[division] = self.divisions.get(division, 0.0) + weight

    @functools.lru_cache(maxsize=None)
    def _excluding(self, key: int) -> tuple[dict[str, float], dict[tuple[str, str], float], tuple]:
        """Country and division evidence and anchor points from every place but one."""
        evidence, divisions = dict(self.evidence), dict(self.divisions)
        own = self.contributions.get(key)
        if own and own[0]:
            evidence[own[0]] -= own[1]
        if own and own[2]:
            divisions[own[2]] -= own[1]
        stated_own = self.stated.by_place.get(key)
        if stated_own:  # nor what its own name states ("Oregon" the town states Oregon the state)
            divisions[stated_own[0]] -= stated_own[1]
        anchors = tuple(point for k, (_, _, _, point) in self.contributions.items() if k != key and point)
        return evidence, divisions, anchors

    def score(self, c: Candidate, place: _Place) -> float:
        """Agreement of candidate `c` with everything the article says besides `place` itself."""
        evidence, divisions, anchors = self._excluding(id(place))
        score = _country_score(c, evidence)
        if (c.country, c.admin1) in divisions and divisions[c.country, c.admin1] > 0:
            score += CONTEXT_ADMIN1
        if anchors and c.feature not in BROAD_FEATURES:
            nearest = min(_approx_km(c.lat, c.lon, lat, lon) for lat, lon in anchors)
            score += NEARBY * max(0.0, 1.0 - nearest / NEARBY_KM)
        # topical context only nudges: it must not turn a hamlet into the famous place's namesake
        local = _division_score(c, self.stated.without(place), sum(v for v in divisions.values() if v > 0))
        return (_qualifier_score(c, place) + min(score, MAX_CONTEXT) + local
                + _county_score(c, self.counties))


def _approx_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Equirectangular distance: cheap, and exact enough below a few hundred kilometres."""
    x = math.radians(lon2 - lon1) * math.cos(math.radians((lat1 + lat2) / 2))
    return 6371.0 * math.hypot(x, math.radians(lat2 - lat1))


# ---------------------------------------------------------------- context

def _demonym_countries(doc: Doc, entities: list[Entity]) -> dict[str, float]:
    """Countries the article's demonyms point to ("South Korean" -> KR), with counts."""
    table = demonyms()
    texts = {(ent.start_char, ent.end_char): ent.text for ent in doc.ents if ent.label_ == "NORP"}
    texts.update({(m.start, m.end): m.text for e in entities if e.kind == "group" for m in e.mentions})
    counts: dict[str, float] = {}
    for text in texts.values():
        codes = table.get(_POSSESSIVE.sub("", _LEADING_ARTICLE.sub("", text)))
        for code in codes or ():
            counts[code] = counts.get(code, 0.0) + 1.0 / len(codes)
    return counts


@dataclass
class _StatedDivisions:
    """Divisions the article states: first-level ones with weights, and counties by name."""

    admin1: dict[tuple[str, str], float] = field(default_factory=dict)  # (country, admin1) -> weight
    counties: set[tuple[str, str, str]] = field(default_factory=set)  # (country, admin1, county key)
    by_place: dict[int, tuple[tuple[str, str], float]] = field(default_factory=dict)  # what a place's name states

    def without(self, place: "_Place") -> dict[tuple[str, str], float]:
        """The first-level evidence stated by everything but `place`'s own name."""
        own = self.by_place.get(id(place))
        if own is None:
            return self.admin1
        out = dict(self.admin1)
        out[own[0]] -= own[1]
        return out

    def leading(self) -> frozenset[tuple[str, str]]:
        """Divisions holding at least half of the stated evidence: where a local article is set."""
        total = sum(self.admin1.values())
        return frozenset(k for k, v in self.admin1.items() if v >= PROMOTING_SHARE * total)

    def add(self, candidates: list[Candidate], weight: float) -> None:
        """One statement naming one of `candidates` (its weight split between them)."""
        for c in candidates:
            self.admin1[c.country, c.admin1] = self.admin1.get((c.country, c.admin1), 0.0) + weight / len(candidates)
            if c.feature == "A.ADM2":
                self.counties.add((c.country, c.admin1, normalize_name(c.name)))


def _stated_divisions(places, entities: list[Entity], gazetteer: Gazetteer) -> _StatedDivisions:
    """First-level divisions and counties the article states: "X, Y" qualifiers, county names,
    and names that open with a division.

    "Meigs County Sheriff's Office" or "the Ohio Department of Health" place the article in that
    county's or state's division even though the name is an organisation's.
    """
    out = _StatedDivisions()
    for p in places:
        readings = [r for r in p.qualifiers if r[1]]
        for reading in readings:
            out.admin1[reading] = out.admin1.get(reading, 0.0) + QUALIFIER_EVIDENCE / len(readings)
        key = normalize_name(p.entity.name)
        out.counties |= {(c.country, c.admin1, key) for c, _ in p.candidates
                         if c.feature == "A.ADM2" and normalize_name(c.name) == key}
        state = _only_division(p, key)
        if state:  # "Tennessee lawmakers": a name that can only be this division states it
            out.admin1[state] = out.admin1.get(state, 0.0) + len(p.entity.mentions)
            out.by_place[id(p)] = (state, len(p.entity.mentions))
    unplaced = {p.entity.id for p in places if not p.candidates}
    for e in entities:
        # a place with candidates of its own ("Panama City") is resolved, not read for its opening words
        if e.kind in ("organization", "other") or e.id in unplaced:
            out.add(_opening_divisions(e.name, gazetteer), len(e.mentions))
    return out


def _only_division(place: _Place, key: str) -> tuple[str, str] | None:
    """The first-level division a place's name denotes when it can denote nothing as prominent.

    "Tennessee" names only the state; "Georgia" (also a country) and "Washington" (also a big
    city) do not say which.
    """
    divisions = {(c.country, c.admin1) for c, _ in place.candidates
                 if c.feature == "A.ADM1" and c.main_name and c.admin1 and normalize_name(c.name) == key}
    if len(divisions) != 1:
        return None
    rivals = [c for c, _ in place.candidates if c.feature in BROAD_FEATURES
              or (c.feature and c.feature.startswith("P.") and c.population >= BIG_CITY)]
    return None if rivals else next(iter(divisions))


def _opening_divisions(name: str, gazetteer: Gazetteer) -> list[Candidate]:
    """Divisions named by the longest run of opening words of a longer name ("Wood County Board" -> Wood County)."""
    words = _LEADING_ARTICLE.sub("", name).split()
    for n in range(min(len(words) - 1, 4), 0, -1):
        prefix = " ".join(words[:n])
        key = normalize_name(prefix)
        candidates = gazetteer.candidates(prefix, limit=20)
        found = {(c.country, c.admin1): c for c in candidates
                 if c.main_name and c.feature in ("A.ADM1", "A.ADM2") and c.admin1 and c.country
                 and normalize_name(c.name) == key}
        city = max((c.population for c in candidates if c.feature and c.feature.startswith("P.")), default=0)
        if found and city >= BIG_CITY and city > max(c.population for c in found.values()):
            return []  # "Houston Rockets", "Portland Trail Blazers": named after the city, not a division
        if found:
            return [found[k] for k in sorted(found)]
    return []


def _link_qualifiers(tokens: _TokenIndex, places: dict[str, _Place], gazetteer: Gazetteer) -> None:
    """Record "X, Y" qualifiers: Y a country, division or state abbreviation right after X."""
    text = tokens.doc.text
    starts = {m.start: p for p in places.values() for m in p.entity.mentions}
    first_text: dict[tuple[int, int], str] = {}  # (place, start) -> its first mention there, without a scan per use
    for p in places.values():
        for m in p.entity.mentions:
            first_text.setdefault((id(p), m.start), m.text)
    for p in places.values():
        for m in p.entity.mentions:
            match = _COMMA.match(text, m.end)
            if not match or match.end() >= len(text):
                continue
            y_start = match.end()
            y_place = starts.get(y_start)
            if y_place is not None and y_place is not p:
                y_text = first_text[(id(y_place), y_start)]
                y_place.contains.append(p)
            else:
                y_text = _following_name(tokens, y_start)
            p.qualifiers |= _qualifier_readings(y_text, gazetteer)


def _following_name(tokens: _TokenIndex, start: int) -> str:
    """Up to three capitalised tokens starting at character `start` ("Ill.", "New Mexico")."""
    i = tokens.token_at(start)
    words = []
    for tok in tokens.doc[i: i + 3]:
        if not tok.text[:1].isupper() or tok.is_punct:
            break
        words.append(tok.text_with_ws)
    return "".join(words).strip()


def _qualifier_readings(y_text: str, gazetteer: Gazetteer) -> set[tuple[str, str | None]]:
    """Every (country, admin1) the qualifier may name: "Georgia" -> {(GE, None), (US, GA)}."""
    y_text = _POSSESSIVE.sub("", y_text)
    code = us_state_code(y_text) or (y_text if y_text in US_POSTAL_CODES else None)
    if code:
        return {("US", code)}
    out = set()
    for c in gazetteer.candidates(y_text, limit=LOOKUP_LIMIT):
        if c.feature == "A.PCLI" and c.country:
            out.add((c.country, None))
        elif c.feature in ("A.ADM1", "A.ADM2") and c.country:
            out.add((c.country, c.admin1))
    return out
