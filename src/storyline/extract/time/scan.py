"""Finding time expressions: run each rule near its anchor words, veto by the parse, keep the longest.

One scan of the text finds every anchor word (month names, "ago", "quarter", year-shaped
numbers...); each rule's regex then runs only in short windows around its own anchors, so
text without time words costs one pass. Where matches overlap, the longest wins, then the
rule listed first in patterns.RULES.
"""
from __future__ import annotations

import bisect
import datetime as dt
import re

from storyline.extract.time import patterns as tp
from storyline.extract.time.rules import NORMALISERS, RULE_RANK, UNIT_SINGULAR, Context, Norm

# rules whose match is a bare number: dropped where the caller knows the number is a quantity
NUMERIC_RULES = {"year", "decade", "clock"}
_NON_TIME_ENTS = {"MONEY", "PERCENT", "QUANTITY"}
_AMBIGUOUS_FUZZY = {"current", "future", "recent"}
_NAME_ENTS = {"ORG", "PERSON", "WORK_OF_ART", "PRODUCT", "FAC", "EVENT", "LAW", "NORP", "GPE", "LOC"}
_NAMEABLE_RULES = {"weekday", "month", "fuzzy", "set_adverb", "season", "holiday"}


def _plausible(doc, name: str, m: re.Match, start: int, end: int) -> bool:
    """Parse-based vetoes for words that are only sometimes times ("May", "current", "2000 troops")."""
    if doc is None:
        return True
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or not len(span):
        return True
    if span[0].ent_type_ in _NAME_ENTS and name in _NAMEABLE_RULES:
        return False  # "Fox News Sunday", "the Weekly Standard", "NOW" (an organisation)
    if name in ("year", "decade") and not m["mod"]:
        token = span[0]
        if token.ent_type_ in _NON_TIME_ENTS:
            return False
        # "2000 soldiers" counts soldiers; "the 2016 elections" dates them
        counts = token.dep_ == "nummod" and token.head.tag_ == "NNS" and token.head.lower_ not in UNIT_SINGULAR
        return not counts or token.i > 0 and token.nbor(-1).tag_ in ("DT", "PRP$", "POS")
    if name == "month" and not m["rel"]:
        token = span[-1]
        return token.ent_type_ == "DATE" or token.tag_ == "NNP" and not token.ent_type_
    if name == "fuzzy" and m["w"].lower() in _AMBIGUOUS_FUZZY:
        return span[0].pos_ == "ADJ"
    return True


class Found:
    """A chosen expression: its extent, the rule that found it and its normalised form."""

    __slots__ = ("start", "end", "rule", "norm")

    def __init__(self, start: int, end: int, rule: str, norm: Norm):
        self.start, self.end, self.rule, self.norm = start, end, rule, norm


def merged(ranges) -> list[tuple[int, int]]:
    """Character ranges sorted, with overlapping ones joined."""
    out: list[tuple[int, int]] = []
    for s, e in sorted(ranges):
        if out and s < out[-1][1]:
            out[-1] = (out[-1][0], max(e, out[-1][1]))
        else:
            out.append((s, e))
    return out


def _overlaps(start: int, end: int, ranges: list[tuple[int, int]]) -> bool:
    """Whether [start, end) overlaps one of ranges (sorted, not overlapping each other): O(log n)."""
    i = bisect.bisect_left(ranges, (end,)) - 1
    return i >= 0 and ranges[i][1] > start


def _number_shape(token: str) -> str | None:
    """The anchor shape of a number: a year, a decade ("1990s"), a clock ("9:30"), a d/m/y date."""
    if ":" in token:
        return "<clock>"
    if "/" in token:
        return "<slash>"
    if token.endswith("s"):
        return "<decade>" if token.rstrip("'s").endswith("0") else None
    if len(token) == 4:
        return "<year>" if token[0] in "12" else "<clock>"
    return None


def _anchor_hits(text: str) -> dict[str, list[int]]:
    """Where each anchor word or number shape occurs: one scan of the text, a set lookup per word."""
    hits: dict[str, list[int]] = {}
    words = tp.ANCHOR_WORDS
    for m in tp.WORD_SCAN.finditer(text):
        token = m.group()
        if token[0].isdigit():
            key = _number_shape(token)
        else:
            key = token.lower()
            if key not in words:
                continue
        if key:
            hits.setdefault(key, []).append(m.start())
    return hits


def _windows(text: str, rule: str, hits: dict[str, list[int]]) -> list[tuple[int, int]]:
    """The stretches of text where a rule can match: around its anchors, merged where they touch."""
    words, before, after = tp.ANCHORS[rule]
    starts = sorted(p for w in words for p in hits.get(w, ()))
    out: list[tuple[int, int]] = []
    for p in starts:
        lo = max(0, p - before)
        lo = text.rfind(" ", 0, lo) + 1 if lo else 0
        hi = text.find(" ", min(len(text), p + after + 12))  # + the anchor word itself
        hi = len(text) if hi < 0 else hi
        if out and lo <= out[-1][1]:
            out[-1] = (out[-1][0], hi)
        else:
            out.append((lo, hi))
    return out


def candidates(text: str, base: int, ref: dt.date | None, direction_at, doc=None, skip=()) -> list[Found]:
    """Time expressions in text (offsets shifted by base), in text order: every rule, the longest wins."""
    found = []
    hits = _anchor_hits(text)
    for name, regex in tp.RULES:
        normalise = NORMALISERS[name]
        use_x = "x" in regex.groupindex
        for m in (m for lo, hi in _windows(text, name, hits) for m in regex.finditer(text, lo, hi)):
            s, e = m.span("x") if use_x else m.span()
            s, e = s + base, e + base
            if skip and name in NUMERIC_RULES and _overlaps(s, e, skip):
                continue
            if not _plausible(doc, name, m, s, e):
                continue
            norm = normalise(m, Context(ref, lambda s=s, e=e: direction_at(s, e)))
            if norm is not None:
                found.append(Found(s, e, name, norm))
    found.sort(key=lambda f: (f.start - f.end, RULE_RANK[f.rule]))
    taken = bytearray(len(text) + 1)
    kept = []
    for f in found:
        if 1 in taken[f.start - base:f.end - base]:
            continue
        taken[f.start - base:f.end - base] = b"\x01" * (f.end - f.start)
        kept.append(f)
    kept.sort(key=lambda f: f.start)
    return kept
