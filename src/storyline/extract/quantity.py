"""Quantities: how many of what, with how exact the report says the number is.

One left-to-right pass over the tokens. At each token that can start a number
(digits, number words, "a dozen", "dozens") we read the number, then look
around it: a currency sign before it, a range ("between 20 and 30", "20-30",
"two or three"), a unit after it ("150 yards", "5 percent"), an approximator
("at least", "more than", "nearly", "or more"), and, through the dependency
parse, what it counts.

Conventions (what the output means):
- `text`/`start`/`end` cover approximator + currency + number + unit
  ("at least five", "more than $1 million", "150 yards", "between 20 and 30");
  the counted noun is not part of the span, it goes to `counts`.
- `unit` holds measurement units and currencies only, as symbols or ISO codes
  ("yd", "km", "%", "USD"); `counts` holds what is counted, as written: the noun
  phrase the number modifies ("gunshot wounds", "North Koreans"), the object of a
  partitive ("three of the soldiers" -> "soldiers"), or the noun glued by a
  hyphen ("a 15-member panel" -> "member").
- "fire N times" counts "shots" (see TIMES_OBJECTS); other "N times" count "times".
- Casualty and detention statuses are appended to `counts` so events can link
  them: "12 people were killed" / "killing 12 people" / "12 people killed" ->
  "people killed"; "four were wounded" -> "wounded"; "12 died" -> "dead".
- Vague amounts are lower bounds: "dozens" -> at_least 24, "hundreds" -> at_least
  200, "tens of thousands" -> at_least 20,000, "several hundred" -> at_least 200.
- "nearly"/"almost" -> less_than (an upper bound approached from below);
  "up to"/"as many as" -> at_most; "over"/"more than" -> more_than.
- Ranges ("between 20 and 30", "20-30", "20 to 30", "1% to 3%", "two or three")
  have approx "range", value = low, high = high. "from 20 to 30" is a change,
  not a range: two quantities.
- "one in five" is a proportion: value 20, unit "%". "minus 41" is -41.
  "magnitude 6.4" has unit "magnitude".
- Not emitted (they belong elsewhere or are not amounts): durations, ages and
  clock times ("10 days", "three-week", "25-year-old", "Smith, 45,"), years and
  dates, ordinals and fractions, numbers inside names ("Boeing 737", "Route 66",
  "AK-47"), labels ("page 5", "No. 2"), phone/ID numbers, scores ("52-48"),
  ratios ("three times as many"), and a bare "one" that counts nothing.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.tokens import Doc, Token

from storyline.extract.quantity_lexicon import (
    APPROXIMATORS_AFTER,
    APPROXIMATORS_BEFORE,
    CURRENCY_AFTER,
    CURRENCY_BEFORE,
    CURRENCY_NOUN_ONLY,
    CURRENCY_ONLY_SUFFIXES,
    DATE_WORDS,
    FRACTION_WORDS,
    LABEL_NOUNS,
    MONTH_NAMES,
    MAX_APPROXIMATOR_LEN,
    MAX_UNIT_LEN,
    RATIO_MARKERS,
    SCALE_SUFFIXES,
    SCALES,
    SMALL_NUMBERS,
    STREET_WORDS,
    STATUS_ADJECTIVES,
    STATUS_INTRANSITIVE,
    STATUS_VERBS,
    TENS,
    TIME_UNITS,
    TIMES_OBJECTS,
    TO_METRIC,
    UNITS,
    UNITS_BEFORE,
    VAGUE_DETERMINERS,
    VAGUE_PLURALS,
)
from storyline.extract.spans import children_of
from storyline.model import Quantity

_DIGITS = re.compile(r"^(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?$")
_DIGITS_SCALED = re.compile(r"^(\d+(?:\.\d+)?)(bn|b|tn|trn|mn|mln|m|k)$", re.IGNORECASE)
# Inside one whitespace-free chunk: codes ("MH-17"), dates/times/scores ("9/11", "10:30"), phone
# numbers ("555-1234", "1-800-555"), ranks ("#3"), versions ("2.0.1"), years and decades ("'08", "60's").
_NOT_AN_AMOUNT = re.compile(
    r"[A-Za-z]-\d|\d[/:]\d|\d-\d+-\w|(?<!\d)\d{3}[-.]\d{4}(?!\d)|#\d|\d\.\d+\.\d"
    r"|(?:^|\W)['’‘]\d\d(?!\d)|\d0['’]s\b")
_AREA_CODE = re.compile(r"^\(\d{3}\)$")
_CITATION = re.compile(r"^\[\d+\]")
_LABEL_PAIRS = frozenset((("no", "."), ("nos", "."), ("nr", "."), ("age", "of"), ("ages", "of")))
_NAME_LABELS = frozenset(("PERSON", "ORG", "PRODUCT", "FAC", "WORK_OF_ART", "LAW", "EVENT", "GPE", "LOC",
                          "NORP", "LANGUAGE"))
_START_WORDS = frozenset(SMALL_NUMBERS) | frozenset(VAGUE_PLURALS) | {"a", "an", "half", "several"}
_RANGE_LINKS = frozenset(("-", "–", "—", "to", "or"))
_HYPHENS = frozenset(("-", "–"))
_NOT_IN_COUNTED = frozenset(("PUNCT", "CCONJ", "ADP", "DET", "VERB", "AUX", "PRON", "NUM", "SCONJ", "PART"))
# Dependents that may sit between a number and the noun it counts ("41 registered voters").
_INSIDE_COUNTED = frozenset(("amod", "compound", "nmod", "advmod", "npadvmod"))
_NOT_INSIDE = frozenset(("PUNCT", "CCONJ", "ADP", "DET", "PRON", "NUM", "SCONJ", "AUX"))
# Units whose "of" complement says what is measured ("5 percent of voters", "50 tons of rice").
_MEASURE = frozenset(("%", "percentage point", "t", "kg", "bbl", "l", "gal"))


@dataclass
class _Number:
    """A number read from tokens [start, end): its value, the scale words it carried, whether vague."""

    start: int
    end: int
    value: float
    scale: float = 1.0
    vague: bool = False
    suffix: str = ""


@dataclass
class _Draft:
    """A quantity being read: tokens [start, end) and what has been found so far."""

    num: _Number
    start: int
    end: int
    value: float
    high: float | None = None
    approx: str = "exact"
    unit: str | None = None
    glued: str | None = None  # noun glued by a hyphen: "15-member"
    ratio: bool = False  # "one in five", read as a percentage


def extract_quantities(doc: Doc) -> list[Quantity]:
    """All amounts in the document, in text order, with ids q1, q2, ..."""
    tokens = list(doc)
    lowers = [t.lower_ for t in tokens]
    temporal = _temporal_tokens(doc)
    found: list[Quantity] = []
    i, n, free = 0, len(doc), 0
    while i < n:
        low = lowers[i]
        if not (low in _START_WORDS or tokens[i].like_num or (low[:1].isdigit() and _DIGITS_SCALED.match(low))):
            i += 1
            continue
        result = _read_quantity(doc, lowers, temporal, i, free)
        if result is None:
            i += 1
            continue
        items, next_i = result
        found.extend(items)
        i = free = max(next_i, i + 1)
    found.sort(key=lambda q: q.start)
    for k, q in enumerate(found, 1):
        q.id = f"q{k}"
    return found


def _temporal_tokens(doc: Doc) -> set[int]:
    """Token indices in DATE/TIME entities that hold a real date word (spaCy also tags bare counts DATE)."""
    out: set[int] = set()
    for ent in doc.ents:
        if ent.label_ in ("DATE", "TIME") and any(t.lower_ in DATE_WORDS for t in ent):
            out.update(range(ent.start, ent.end))
    return out


# --- reading numbers -------------------------------------------------------------------------------

def _read_number(doc: Doc, lowers: list[str], i: int) -> _Number | None:
    """Read digits, number words, scales and vague amounts starting at token i."""
    n = len(doc)
    low = lowers[i]
    nxt = lowers[i + 1] if i + 1 < n else ""
    if low in ("a", "an"):
        return _with_scales(doc, lowers, _Number(i, i + 2, SCALES[nxt], SCALES[nxt])) if nxt in SCALES else None
    if low == "half" and nxt in ("a", "an") and i + 2 < n and lowers[i + 2] in SCALES:
        return _Number(i, i + 3, 0.5 * SCALES[lowers[i + 2]], SCALES[lowers[i + 2]])
    for det in VAGUE_DETERMINERS:
        k = i + len(det)
        if tuple(lowers[i:k]) == det and k < n and lowers[k] in SCALES:
            return _Number(i, k + 1, 2 * SCALES[lowers[k]], SCALES[lowers[k]], vague=True)
    if low in VAGUE_PLURALS:
        base, end = VAGUE_PLURALS[low], i + 1
        if nxt == "of" and i + 2 < n and VAGUE_PLURALS.get(lowers[i + 2], 0) > base:
            base, end = base * VAGUE_PLURALS[lowers[i + 2]], i + 3
        return _Number(i, end, 2 * base, base, vague=True)
    if _DIGITS.match(low):
        return _with_scales(doc, lowers, _Number(i, i + 1, float(low.replace(",", ""))))
    scaled = _DIGITS_SCALED.match(low)
    if scaled:
        suffix = scaled.group(2).lower()
        mult = SCALE_SUFFIXES[suffix]
        return _Number(i, i + 1, float(scaled.group(1)) * mult, mult, suffix=suffix)
    if low in SMALL_NUMBERS:
        return _with_scales(doc, lowers, _read_number_words(doc, lowers, i))
    return None


def _with_scales(doc: Doc, lowers: list[str], num: _Number) -> _Number:
    """Multiply by the scale words that follow ("1.5 million", "six-million", "2 dozen")."""
    n = len(lowers)
    while True:
        k = num.end
        if k + 1 < n and lowers[k] in _HYPHENS and not doc[k - 1].whitespace_ and not doc[k].whitespace_:
            k += 1
        if k >= n or lowers[k] not in SCALES:
            return num
        num.value *= SCALES[lowers[k]]
        num.scale *= SCALES[lowers[k]]
        num.end = k + 1


def _read_number_words(doc: Doc, lowers: list[str], i: int) -> _Number:
    """Read spelled-out cardinals: "twenty-three", "one hundred and fifty", "two thousand five hundred"."""
    n = len(doc)
    total, current, scale, j, last = 0.0, 0.0, 1.0, i, ""
    while j < n:
        w = lowers[j]
        if w in SMALL_NUMBERS and (last != "small" or (lowers[j - 1] in TENS and SMALL_NUMBERS[w] < 10)):
            current += SMALL_NUMBERS[w]
            if (w in TENS and j + 2 < n and lowers[j + 1] in _HYPHENS and not doc[j].whitespace_
                    and not doc[j + 1].whitespace_ and SMALL_NUMBERS.get(lowers[j + 2], 10) < 10):
                current += SMALL_NUMBERS[lowers[j + 2]]
                j += 2
            j, last = j + 1, "small"
        elif w in SCALES and last:
            mult = SCALES[w]
            if mult >= 1000:
                total, current = total + (current or 1) * mult, 0.0
            else:
                current = (current or 1) * mult
            scale *= mult
            j, last = j + 1, "scale"
        elif w == "and" and last == "scale" and j + 1 < n and SMALL_NUMBERS.get(lowers[j + 1], 100) < 100:
            j, last = j + 1, "and"
        else:
            break
    if last == "and":  # a dangling "and" belongs to the sentence, not the number
        j -= 1
    return _Number(i, j, total + current, scale)


# --- numbers that are not amounts ------------------------------------------------------------------

def _chunk(doc: Doc, tok: Token) -> str:
    """The whitespace-free stretch of text around a token ("MH-17", "555-1234", "(202)"), up to 6 tokens each way."""
    s, e = tok.i, tok.i
    while s > max(0, tok.i - 6) and not doc[s - 1].whitespace_:
        s -= 1
    while e < min(len(doc) - 1, tok.i + 6) and not doc[e].whitespace_:
        e += 1
    return doc[s:e + 1].text


def _chunk_end(doc: Doc, k: int) -> int:
    """The token after the whitespace-free run that contains token k."""
    while k < len(doc) - 1 and not doc[k].whitespace_:
        k += 1
    return k + 1


def _is_identifier(doc: Doc, lowers: list[str], num: _Number) -> bool:
    """Numbers that name or label something rather than count it."""
    tok = doc[num.start]
    if tok.ent_type_ in _NAME_LABELS:
        return True
    if tok.text[:1].isdigit():
        chunk = _chunk(doc, tok)
        if _NOT_AN_AMOUNT.search(chunk) or (len(tok.text) > 1 and tok.text[0] == "0" and tok.text[1].isdigit()):
            return True
        if len(tok.text) >= 7 and tok.text.isdigit():
            return True
        if _CITATION.match(chunk):
            return True  # "[538]": a reference mark or a site's name
        if _AREA_CODE.match(chunk) and num.end + 1 < len(doc) and doc[num.end + 1].text[:1].isdigit():
            return True
    if num.start > 1 and lowers[num.start - 1] in _HYPHENS and doc[num.start - 2].is_alpha \
            and not doc[num.start - 2].whitespace_ and not doc[num.start - 1].whitespace_:
        return True  # "no-one", "COVID-19": part of a word or code
    if num.end + 1 < len(doc) and doc[num.end].is_title and tok.text[:1].isdigit():
        k = num.end  # "207 South Main St.": a street address
        while k < min(num.end + 4, len(doc)) and doc[k].is_title:
            if lowers[k].rstrip(".") in STREET_WORDS:
                return True
            k += 1
    if num.start > 0:
        prev = doc[num.start - 1]
        # "Boeing 737", "Route 66", "page 5", "No. 1": the number hangs off the name or label before it
        if (prev.pos_ == "PROPN" and tok.head.i == prev.i) or lowers[num.start - 1] in LABEL_NOUNS:
            return True
        if num.start > 1 and (lowers[num.start - 2], lowers[num.start - 1]) in _LABEL_PAIRS:
            return True  # "No. 1" (tokenized "No" "." "1"), "the ages of 18 and 29"
    # list markers: "1." or "2)" opening a sentence
    return bool(tok.is_sent_start and num.end + 1 < len(doc) and lowers[num.end] in (".", ")")
                and doc[num.end + 1].is_title)


def _is_year(doc: Doc, num: _Number) -> bool:
    """A bare four-digit number between 1000 and 2100, unless it plainly counts a plural noun."""
    tok = doc[num.start]
    text = tok.text
    if num.end - num.start != 1 or len(text) != 4 or not text.isdigit() or not 1000 <= int(text) <= 2100:
        return False
    if tok.ent_type_ == "DATE":
        return True
    return not (tok.dep_ == "nummod" and tok.head.i == num.end and tok.head.tag_ in ("NNS", "NNPS"))


def _next_to_month(doc: Doc, num: _Number) -> bool:
    """A day of the month that spaCy did not tag as a date ("until 31 May", "on Nov. 3")."""
    return (num.end < len(doc) and doc[num.end].text in MONTH_NAMES) or (
        num.start > 0 and doc[num.start - 1].text in MONTH_NAMES)


def _is_age(doc: Doc, start: int, end: int) -> bool:
    """A bare number set off after a noun ("Smith, 45, said", "Jo Roe (32)"): an age."""
    if doc[end - 1].dep_ != "appos" or start == 0 or end >= len(doc):
        return False
    return doc[start - 1].text in (",", "(") and doc[end].text in (",", ")", ".")


# --- around the number: currency, range, unit, approximator ----------------------------------------

def _match(lowers: list[str], pos: int, table: dict, max_len: int) -> tuple[str, int] | None:
    """The longest phrase of `table` starting at token pos: (value, length)."""
    for size in range(min(max_len, len(lowers) - pos), 0, -1):
        hit = table.get(tuple(lowers[pos:pos + size]))
        if hit is not None:
            return hit, size
    return None


def _unit_before(doc: Doc, lowers: list[str], d: _Draft, free: int) -> None:
    """A unit written before the number: a currency ("$5", "US$ 5", with a glued scale "£20m") or "magnitude 6.4"."""
    if d.start > free and lowers[d.start - 1] in UNITS_BEFORE:
        d.unit = UNITS_BEFORE[lowers[d.start - 1]]
        d.start -= 1
    elif d.start > free and lowers[d.start - 1] in CURRENCY_BEFORE:
        d.unit = CURRENCY_BEFORE[lowers[d.start - 1]]
        d.start -= 1
        num = d.num
        if num.end < len(doc) and num.scale == 1:
            letter = lowers[num.end].rstrip(".")  # glued or not: "£20m", "EUR 40 m"
            if letter in SCALE_SUFFIXES:
                num.value *= SCALE_SUFFIXES[letter]
                num.scale = SCALE_SUFFIXES[letter]
                num.end += 1
                d.value, d.end = num.value, num.end


def _read_range(doc: Doc, lowers: list[str], temporal: set[int], d: _Draft, free: int,
                unit_after: str | None = None) -> bool:
    """Extend d to a range ("20-30", "between 20 and 30", "1% to 3%"); False when it is a score ("52-48")."""
    n = len(doc)
    between = d.start - 1 >= free and lowers[d.start - 1] == "between"
    link = lowers[d.end] if d.end < n else ""
    if not (link in _RANGE_LINKS or (between and link == "and")):
        return True
    if link == "to" and d.start - 1 >= free and lowers[d.start - 1] == "from":
        return True  # "rose from 20 to 30": a change, two quantities
    k = d.end + 1
    if k < n and lowers[k] in CURRENCY_BEFORE:
        k += 1
    other = _read_number(doc, lowers, k) if k < n else None
    if other is None or other.end <= other.start or other.start in temporal:
        return True
    end = other.end
    if unit_after is not None:  # "1% to 3%": the high end must carry the same unit
        hit = _match(lowers, end, UNITS, MAX_UNIT_LEN)
        if hit is None or hit[0] != unit_after:
            return True
        end += hit[1]
    low = d.value
    if d.num.scale == 1 and other.scale > 1 and low < other.value:  # "20 to 30 million"
        low *= other.scale
    if low >= other.value:
        if link in _HYPHENS or link == "to":
            d.end = end
            return False
        return True
    d.value, d.high, d.approx, d.end = low, other.value, "range", end
    if between:
        d.start -= 1
    return True


def _read_unit(doc: Doc, lowers: list[str], d: _Draft) -> bool:
    """The unit after the number ("150 yards", "5%", "10-mile", "300-euro"); False for time expressions."""
    n, end = len(doc), d.end
    after = lowers[end] if end < n else ""
    if after in _HYPHENS and end + 1 < n and not doc[end - 1].whitespace_ and not doc[end].whitespace_:
        word = lowers[end + 1]
        if word in TIME_UNITS or word in FRACTION_WORDS:
            return False  # "three-day", "25-year-old", "two-thirds"
        if (word,) in UNITS or word in CURRENCY_AFTER:
            d.unit, d.end = UNITS.get((word,)) or CURRENCY_AFTER[word], end + 2
        elif word == "plus":
            d.end, d.approx = end + 2, "at_least" if d.approx == "exact" else d.approx
        elif doc[end + 1].pos_ in ("NOUN", "PROPN", "ADJ", "VERB") and doc[end + 1].is_alpha:
            d.glued = doc[end + 1].text
        else:
            return False  # "seven-and-a-half", "five-and-dime": neither a count nor a measure we read
        return True
    if after in TIME_UNITS:
        return False
    if d.unit is None:
        hit = _match(lowers, end, UNITS, MAX_UNIT_LEN)
        if hit is not None and not (hit[0] == "m" and doc[end].pos_ != "NOUN"):
            d.unit, d.end = hit[0], end + hit[1]
        elif after in CURRENCY_AFTER or (after in CURRENCY_NOUN_ONLY and doc[end].pos_ == "NOUN"):
            d.unit, d.end = CURRENCY_AFTER.get(after) or CURRENCY_NOUN_ONLY[after], end + 1
        elif d.num.vague and after == "of" and end + 1 < n and lowers[end + 1] in CURRENCY_AFTER:
            d.unit, d.end = CURRENCY_AFTER[lowers[end + 1]], end + 2  # "millions of dollars"
    return True


def _read_ratio(doc: Doc, lowers: list[str], d: _Draft) -> None:
    """ "one in five", "two in three": a proportion, kept as a percentage of what follows."""
    k = d.end + 1
    if d.unit is not None or d.high is not None or k >= len(doc) or lowers[d.end] != "in":
        return
    other = _read_number(doc, lowers, k)
    if other is not None and other.end > other.start and other.value > d.value and not _is_year(doc, other):
        d.value, d.unit, d.end, d.ratio = float(f"{100 * d.value / other.value:.4g}"), "%", other.end, True


def _read_approximators(doc: Doc, lowers: list[str], d: _Draft, free: int) -> None:
    """Approximators before the number ("at least five", "nearly $1 million") and after it ("40 or more")."""
    if d.approx != "exact":
        return
    for size in range(MAX_APPROXIMATOR_LEN, 0, -1):
        first = d.start - size
        if first < free or any(doc[k].is_sent_start for k in range(first + 1, d.start + 1)):
            continue
        hit = APPROXIMATORS_BEFORE.get(tuple(lowers[first:d.start]))
        if hit is not None:
            d.approx, d.start = hit, first
            return
    post = _match(lowers, d.end, APPROXIMATORS_AFTER, 2) if d.end < len(doc) else None
    if post is not None and not (d.end + post[1] < len(doc) and lowers[d.end + post[1]] in ("or", "minus")):
        d.approx, d.end = post[0], d.end + post[1]
    elif d.num.vague:
        d.approx = "at_least"


# --- one quantity ----------------------------------------------------------------------------------

def _read_quantity(doc: Doc, lowers: list[str], temporal: set[int], i: int,
                   free: int) -> tuple[list[Quantity], int] | None:
    """Read the quantity whose number starts at token i: (quantities, next token to look at), or None."""
    num = _read_number(doc, lowers, i)
    if num is None or num.end <= num.start:
        return None
    if num.start in temporal or _is_year(doc, num) or _next_to_month(doc, num):
        return [], max(num.end, _chunk_end(doc, num.start))  # "1998", "2016-17"
    if _is_identifier(doc, lowers, num):
        k = max(num.end, _chunk_end(doc, num.start))
        if k + 1 < len(doc) and lowers[k] in ("and", "or", "to") and doc[k + 1].like_num:
            k += 2  # "aged 15 and 17", "Boeing 737 and 747"
        return [], k
    d = _Draft(num, num.start, num.end, num.value)
    if d.start > free and lowers[d.start - 1] == "minus":  # "a net rating of minus 41"
        d.value, d.start = -d.value, d.start - 1
    _unit_before(doc, lowers, d, free)
    if num.suffix in CURRENCY_ONLY_SUFFIXES and d.unit is None:
        return None  # "20m" without a currency is twenty metres; "5k" is too vague to guess
    if not _read_range(doc, lowers, temporal, d, free):
        return [], d.end  # a score or tally
    _read_ratio(doc, lowers, d)
    if not _read_unit(doc, lowers, d):
        return [], d.end  # a time expression
    if d.end + 1 < len(doc) and lowers[d.end] == "times" and (
            lowers[d.end + 1] in RATIO_MARKERS or doc[d.end + 1].tag_ in ("JJR", "RBR")):
        return [], d.end  # "10,000 times more potent": a ratio
    if d.unit is not None and d.high is None and not _read_range(doc, lowers, temporal, d, free, d.unit):
        return [], d.end
    _read_approximators(doc, lowers, d, free)

    if d.glued:
        if d.value == 1 and d.approx == "exact":
            return [], d.end  # "one-time", "one-sided"
        counts, counted = d.glued, None
    else:
        counts, counted = _counts(doc, lowers, d)
    if counts == "":
        return [], d.end  # a duration, ratio or frequency, not a count
    if counts is None and d.unit is None and d.approx == "exact":
        if lowers[num.start] == "one" or _is_age(doc, d.start, d.end):
            return [], d.end  # "one another", "Smith, 45,"
    span = doc[d.start:d.end]
    text = span.text.rstrip(".")  # "£20m." ending a sentence: the period is not the amount's
    metric_unit, factor = TO_METRIC.get(d.unit, (None, None))
    items = [Quantity(id="", text=text, start=span.start_char, end=span.start_char + len(text), value=d.value,
                      unit=d.unit, approx=d.approx, counts=counts, high=d.high,
                      metric_value=round(d.value * factor, 2) if factor and d.value is not None else None,
                      metric_unit=metric_unit)]
    items.extend(_another(counted, counts))
    return items, d.end


# --- what is counted -------------------------------------------------------------------------------

def _counts(doc: Doc, lowers: list[str], d: _Draft) -> tuple[str | None, Token | None]:
    """What the number counts, with a casualty status; "" when it is a duration, ratio or frequency."""
    inside = range(d.start, d.end)
    anchor = next((doc[k] for k in reversed(inside) if doc[k].head.i not in inside or doc[k].head.i == k),
                  doc[d.num.end - 1])
    head = anchor.head
    noun = phrase = None
    if (d.unit is None or d.ratio) and anchor.dep_ in ("nummod", "quantmod", "compound", "amod", "nmod") \
            and head.i >= d.end and head.pos_ in ("NOUN", "PROPN"):
        if head.lower_ in ("time", "times"):
            return _times(doc, lowers, head), None
        if head.lower_ in DATE_WORDS or head.lemma_ in TIME_UNITS:
            return "", None  # "three straight days", "one Sunday": time expressions
        phrase = _phrase(doc, d.end, head)
        noun = head if phrase else None
    partitive = False
    if noun is None and (d.unit is None or d.unit in _MEASURE):
        obj = _partitive(anchor, d.end) or _partitive(doc[d.end - 1], d.end)
        if obj is not None:
            if d.unit is None and obj.lower_ in CURRENCY_AFTER:
                return None, None  # "millions of dollars"
            noun, phrase, partitive = obj, _phrase(doc, obj.left_edge.i, obj, strip_left=True), True
    if d.unit is not None and d.unit not in _MEASURE and noun is None:
        return None, None
    status = _status(anchor if partitive or noun is None else noun)
    if partitive and not status and lowers[d.num.start] == "one" and not d.ratio:
        return None, None  # "one of the terms": a partitive pronoun, not a count of one
    if status and phrase and status in phrase.split():
        status = None
    return (f"{phrase} {status}" if phrase and status else phrase or status), noun


def _times(doc: Doc, lowers: list[str], times: Token) -> str:
    """What "N times" counts: shots after "fire", "times" otherwise; "" for ratios, frequencies, idioms."""
    k = times.i + 1
    if k < len(doc) and (lowers[k] in RATIO_MARKERS or doc[k].tag_ in ("JJR", "RBR")):
        return ""
    if k + 1 < len(doc) and lowers[k] in ("a", "an", "per", "each", "every") and lowers[k + 1] in TIME_UNITS:
        return ""
    if times.lower_ == "time":
        return ""  # "at one time", "one time or another"
    verb = times.head
    if verb.pos_ in ("VERB", "AUX") and verb.lemma_ in TIMES_OBJECTS:
        return TIMES_OBJECTS[verb.lemma_]
    return "times"


def _phrase(doc: Doc, first: int, head: Token, strip_left: bool = False) -> str | None:
    """The counted noun phrase from token `first` to `head` ("gunshot wounds"); None when the parse jumps
    over words that cannot sit inside it ("50,000 per day city officials")."""
    k = first
    if strip_left:  # "the country's soldiers" -> start after determiners, possessives, numbers
        while k < head.i and (doc[k].pos_ in _NOT_IN_COUNTED or doc[k].dep_ in ("poss", "case", "det")):
            k += 1
    end = head.i + 1
    while end + 1 < len(doc) and doc[end].text in _HYPHENS and not doc[end - 1].whitespace_ \
            and not doc[end].whitespace_ and doc[end + 1].is_alpha:
        end += 2  # "co-defendants" parsed with "co" as the head
    if all(_inside_counted(doc, j) for j in range(k, head.i)):
        return doc[k:end].text
    return doc[head.i:end].text if strip_left else None


def _inside_counted(doc: Doc, j: int) -> bool:
    """Whether token j can sit between a number and its noun: a modifier, a quote, or part of a hyphenated word."""
    tok = doc[j]
    if tok.text in _HYPHENS or tok.is_quote:
        return True
    if (j + 1 < len(doc) and doc[j + 1].text in _HYPHENS and not tok.whitespace_) or (
            doc[j - 1].text in _HYPHENS and not doc[j - 1].whitespace_):
        return True  # "weaker-than-expected"
    return tok.dep_ in _INSIDE_COUNTED and tok.pos_ not in _NOT_INSIDE


def _partitive(anchor: Token, after: int) -> Token | None:
    """The noun after "of" (at or past token `after`) in "three of the soldiers", "dozens of people"."""
    for child in children_of(anchor):
        if child.dep_ == "prep" and child.lower_ == "of" and child.i >= after:
            for obj in children_of(child):
                nxt = obj.doc[obj.i + 1] if obj.i + 1 < len(obj.doc) else None
                if nxt is not None and nxt.tag_ == "POS":
                    return None  # "of the campaign's employees": the counted noun comes later
                if obj.dep_ == "pobj" and obj.pos_ in ("NOUN", "PROPN"):
                    return obj
    return None


def _status(x: Token) -> str | None:
    """The casualty status of a counted noun or bare number from its syntactic context ("were killed")."""
    while x.dep_ == "conj" and x.head.i != x.i:
        x = x.head  # "two soldiers and one civilian were killed": the status is on the first conjunct
    if x.lower_ in STATUS_ADJECTIVES:
        return STATUS_ADJECTIVES[x.lower_]
    if x.dep_ == "nummod" and x.head.lower_ in STATUS_ADJECTIVES:  # "leaving 4 dead"
        return STATUS_ADJECTIVES[x.head.lower_]
    for child in children_of(x):
        if child.dep_ in ("acl", "amod", "relcl") and child.i > x.i:
            status = STATUS_VERBS.get(child.lemma_) or STATUS_ADJECTIVES.get(child.lower_)
            if status:
                return status
    h = x.head
    if h.i == x.i:
        return None
    if x.dep_ in ("nsubjpass", "dobj") and h.lemma_ in STATUS_VERBS:
        return STATUS_VERBS[h.lemma_]
    if x.dep_ == "nsubj" and h.lemma_ in STATUS_INTRANSITIVE:
        return STATUS_INTRANSITIVE[h.lemma_]
    if x.dep_ == "nsubj" and h.lemma_ in STATUS_VERBS and not any(c.dep_ == "dobj" for c in children_of(h)):
        return STATUS_VERBS[h.lemma_]  # headline style "12 killed in blast"; not "5 soldiers killed 3 people"
    if x.dep_ in ("nsubj", "nsubjpass", "dobj"):
        if x.dep_ != "dobj" and h.lower_ in STATUS_ADJECTIVES and h.lemma_ not in STATUS_VERBS:
            # "2,500 are still missing" (but not "missing five races")
            return STATUS_ADJECTIVES[h.lower_]
        for sib in children_of(h):  # "12 were dead", "found 12 dead", "17 confirmed dead"
            if sib.dep_ in ("acomp", "oprd", "attr", "ccomp", "xcomp") and sib.lower_ in STATUS_ADJECTIVES:
                return STATUS_ADJECTIVES[sib.lower_]
    return None


def _another(counted: Token | None, counts: str | None) -> list[Quantity]:
    """One more of the same: "three soldiers and another" -> another soldier (1)."""
    if counted is None or counts is None:
        return []
    return [Quantity(id="", text=c.text, start=c.idx, end=c.idx + len(c.text), value=1.0, counts=counts)
            for c in counted.children if c.dep_ == "conj" and c.lower_ == "another"]
