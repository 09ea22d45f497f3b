"""Content terms and entity names of a report, weighted for comparing reports.

Term weights use a fixed table of English word frequencies (wordfreq) instead
of document frequencies counted over the input, so a report's weights do not
depend on what else was ingested or in which order: the same report always
compares the same way, in a batch, in a stream or on a cluster partition.
"""
from __future__ import annotations

import math
import re
import unicodedata
from functools import lru_cache

from spacy.lang.en.stop_words import STOP_WORDS
from wordfreq import zipf_frequency

MAX_TERMS = 60  # a report is compared on its strongest terms only
HEADLINE_WEIGHT = 3.0  # a headline word counts as much as three body mentions
_WORD = re.compile(r"[^\W\d_][\w'’-]*[^\W_]|[^\W\d_]{3,}")
_NAME_TITLES = frozenset("mr mrs ms dr sir gen col lt sgt capt president minister rep sen gov prof".split())
# Words that are frequent in news whatever the story; wordfreq's general table under-weights their commonness.
_NEWS_STOP = frozenset("""said says told according reported report reports news people year years time
week weeks day days monday tuesday wednesday thursday friday saturday sunday january february march april
may june july august september october november december percent also just like including""".split())


@lru_cache(maxsize=200_000)
def term_weight(word: str) -> float:
    """Inverse frequency of a word in English: rare words weigh more (unknown words most)."""
    return max(0.3, 7.0 - zipf_frequency(word, "en"))


def _words(text: str):
    for m in _WORD.finditer(text):
        w = m.group().lower().replace("’", "'")
        if w.endswith("'s"):
            w = w[:-2]
        if len(w) >= 3 and w not in STOP_WORDS and w not in _NEWS_STOP:
            yield w


def content_terms(text: str, headline: tuple[int, int] | None = None) -> dict[str, float]:
    """The report's strongest content words with tf-idf-like weights, L2-normalised."""
    counts: dict[str, float] = {}
    for w in _words(text):
        counts[w] = counts.get(w, 0.0) + 1.0
    if headline:
        for w in _words(text[headline[0]:headline[1]]):
            counts[w] = counts.get(w, 0.0) + HEADLINE_WEIGHT - 1.0
    weights = {w: (1.0 + math.log(c)) * term_weight(w) for w, c in counts.items()}
    top = sorted(weights, key=lambda w: (-weights[w], w))[:MAX_TERMS]
    norm = math.sqrt(sum(weights[w] ** 2 for w in top)) or 1.0
    return {w: weights[w] / norm for w in top}


def name_key(name: str) -> str:
    """A name reduced for matching: no accents, case, punctuation, leading article or title."""
    name = unicodedata.normalize("NFKD", name)
    name = "".join(c for c in name if not unicodedata.combining(c)).lower()
    words = re.findall(r"[a-z0-9]+", name.replace("'s", ""))
    while words and (words[0] in ("the", "a", "an") or words[0] in _NAME_TITLES):
        words = words[1:]
    return " ".join(words)


_NAMED_KINDS = frozenset({"person", "organization", "place", "group", "media", "other"})


def entity_names(entities) -> dict[str, float]:
    """Name keys of the report's named entities, weighted by mentions and by how rare the name is.

    A person is keyed by surname too, so "Maria Tanaka" in one report meets "Tanaka" in another."""
    names: dict[str, float] = {}
    for e in entities:
        if e.kind not in _NAMED_KINDS or not e.name[:1].isupper() and not e.name[:1].isdigit():
            continue
        key = name_key(e.name)
        if not key or key in STOP_WORDS:
            continue
        rarity = max(term_weight(w) for w in key.split())
        weight = (1.0 + math.log(max(1, e.mentions))) * rarity
        names[key] = max(names.get(key, 0.0), weight)
        if e.kind == "person" and " " in key:
            surname = key.split()[-1]
            names[surname] = max(names.get(surname, 0.0), 0.5 * weight)
    return names


def name_overlap(a: dict[str, float], b: dict[str, float]) -> float:
    """Weighted Jaccard of two reports' entity names."""
    if not a or not b:
        return 0.0
    if len(a) > len(b):
        a, b = b, a
    shared = sum(min(v, b[k]) for k, v in a.items() if k in b)
    if not shared:
        return 0.0
    # the sum of maxima over the union is the two totals less the sum of minima over the shared keys
    return shared / (sum(a.values()) + sum(b.values()) - shared)
