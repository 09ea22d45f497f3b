"""Claims: the counts a report states, as comparable values with their source and sentence.

A quantity becomes a claim when we know what it counts (its `counts` words or
the event it belongs to, mapped to a property by properties.tsv). Cue phrases
(cues.tsv) mark a value cited as an earlier report ("the toll was earlier put at
three") and a sentence that updates or corrects ("the toll rose to six").
"""
from __future__ import annotations

import datetime as dt
import re
from functools import lru_cache

from storyline.extract.time.calendar import iso_date
from storyline.stories.digest import ClaimDigest
from storyline.stories.tables import table_rows

_EVENT_PROPERTIES = {"KILL": "killed", "INJURE": "injured", "ARREST": "arrested", "PROTEST": "crowd size",
                     "RESCUE": "rescued", "EVACUATE": "evacuated", "ABDUCT": "abducted"}
# Groups counted apart from "people": a toll among police is a different fact from the toll overall.
PARTY_NOUNS = frozenset("""officer officers police policeman policemen soldier soldiers troops firefighter
firefighters guard guards militant militants protester protesters rebel rebels child children civilian
civilians student students journalist journalists""".split())
# Properties of the incident as a whole, not counts of people.
INCIDENT_PROPERTIES = frozenset({"shots fired", "times hit", "crowd size", "bodies found", "buildings damaged",
                                 "vehicles burned"})
_SEVERE = re.compile(r"\b(?:seriously|critically|badly|gravely|severely)\b", re.IGNORECASE)
_TOLL_BEFORE = re.compile(r"\btoll\b[^.;:]{0,45}$", re.IGNORECASE)
_SENTENCE_END = re.compile(r"[.!?][\"”’']?(?=\s)|\n")
SENTENCE_REACH = 400  # characters looked at on each side when finding a sentence's edges


@lru_cache(maxsize=1)
def property_words() -> dict[str, str]:
    return {key: value for key, value in table_rows("properties.tsv")}


@lru_cache(maxsize=1)
def cue_patterns() -> dict[str, re.Pattern]:
    kinds: dict[str, list[str]] = {}
    for kind, phrase in table_rows("cues.tsv"):
        kinds.setdefault(kind, []).append(r"\s+".join(map(re.escape, phrase.split())))
    return {k: re.compile(r"\b(?:" + "|".join(v) + r")\b", re.IGNORECASE) for k, v in kinds.items()}


def sentence_around(text: str, start: int, end: int) -> tuple[int, int]:
    """The sentence holding text[start:end], found by punctuation within a bounded reach."""
    lo = max(0, start - SENTENCE_REACH)
    left = lo
    for m in _SENTENCE_END.finditer(text, lo, start):
        left = m.end()
    m = _SENTENCE_END.search(text, end, min(len(text), end + SENTENCE_REACH))
    right = m.end() if m and m.group() != "\n" else (m.start() if m else min(len(text), end + SENTENCE_REACH))
    while left < right and text[left].isspace():
        left += 1
    while right > left and text[right - 1].isspace():
        right -= 1
    return left, right


def display_value(value: float, high, approx: str) -> str:
    def num(x: float) -> str:
        return f"{int(x):,}" if float(x).is_integer() else f"{x:,}"

    if approx == "range" and high is not None:
        return f"{num(value)}-{num(high)}"
    prefix = {"exact": "", "about": "about ", "at_least": "at least ", "at_most": "at most ",
              "more_than": "more than ", "less_than": "less than "}.get(approx, "")
    return prefix + num(value)


def claim_property(counts: str | None, event_type: str | None) -> tuple[str, str] | None:
    """(property, subject) for a counted phrase, or None when it is not a fact we line up."""
    words = (counts or "").lower().split()
    table = property_words()
    prop = next((table[w] for w in words if w in table), None)
    if prop is None and event_type in _EVENT_PROPERTIES:
        prop = _EVENT_PROPERTIES[event_type]
    if prop is None:
        return None
    if prop in INCIDENT_PROPERTIES:
        return prop, "incident"
    subject = next((w for w in words if w in PARTY_NOUNS), "people")
    subject = {"policeman": "officers", "policemen": "officers", "police": "officers", "officer": "officers",
               "soldier": "soldiers", "troops": "soldiers", "child": "children", "children": "children",
               "civilian": "civilians"
               }.get(subject, subject if subject.endswith("s") or subject == "people" else subject + "s")
    return prop, subject


def extract_claims(analysis) -> list[ClaimDigest]:
    """Every quantity of the report that counts something a story lines up, as a claim."""
    text = analysis.document.text
    event_of = {}
    for v in analysis.events:
        for q in v.quantities:
            event_of.setdefault(q, v)
    attributions = sorted(analysis.attributions, key=lambda a: a.content.start)
    notes = [n for n in analysis.notes if n.type == "correction"]
    cues = cue_patterns()
    published = iso_date(analysis.document.published)
    background = [(n.start, n.end) for n in analysis.notes if n.type == "background"]
    past = [(t.start, t.end) for t in analysis.times if published and _long_before(t.value, published)]
    claims = []
    for q in analysis.quantities:
        if q.value is None or q.unit:
            continue
        event = event_of.get(q.id)
        start, end = sentence_around(text, q.start, q.end)
        found = claim_property(q.counts, event.type if event else None)
        if found is None and not q.counts and _TOLL_BEFORE.search(text, max(start, q.start - 55), q.start):
            found = ("killed", "people")  # "the toll was earlier put at four"
        if found is None:
            continue
        if any(a <= q.start < b for a, b in background) or any(start <= a < end for a, _ in past):
            continue  # "In May 2024, six workers died ...": a count from an earlier incident
        prop, subject = found
        sentence = text[start:end]
        after = text[q.end:min(end, q.end + 40)]
        if prop == "injured" and _SEVERE.search(after):
            prop = "seriously injured"
        before, after = text[max(start, q.start - 40):q.start], text[q.end:min(end, q.end + 30)]
        in_note = any(n.start <= q.start < n.end for n in notes)
        earlier = (bool(cues["earlier"].search(before)) or bool(cues["earlier_after"].search(after))
                   or (in_note and bool(cues["earlier"].search(sentence))))
        update = cues["update"].search(sentence)
        a = attribution_holding(attributions, q.start)
        claims.append(ClaimDigest(
            property=prop, subject=subject, value=q.value, high=q.high, approx=q.approx,
            display=display_value(q.value, q.high, q.approx), quote=(start, end, sentence),
            attribution=a.id if a else None, source=a.source if a else None,
            source_text=a.source_text if a else None, via=tuple(a.via) if a else (),
            earlier_report=earlier, correction=None if earlier or not update else update.group(),
        ))
    claims.extend(_stated_none(text, attributions, cues, background, past))
    return claims


# "no police officer was seriously injured", "nobody was killed": a count of zero with no number to find.
_NONE_STATED = re.compile(
    r"\b(?:[Nn]o(?: one)?|[Nn]obody|[Nn]one)(?P<noun>(?: [a-z]+){0,2}?) (?:was|were|has been|have been|had been) "
    r"(?P<severe>(?:seriously|critically|badly|gravely|severely) )?"
    r"(?P<status>killed|injured|hurt|wounded|arrested|detained|missing)\b")


def _stated_none(text: str, attributions, cues, background, past) -> list[ClaimDigest]:
    """Counts of zero stated in words ("no officer was seriously injured")."""
    claims = []
    for m in _NONE_STATED.finditer(text):
        start, end = sentence_around(text, m.start(), m.end())
        if any(a <= m.start() < b for a, b in background) or any(start <= a < end for a, _ in past):
            continue
        prop, subject = claim_property(f"{m['noun']} {m['status']}".strip(), None)
        if m["severe"] and prop == "injured":
            prop = "seriously injured"
        sentence = text[start:end]
        update = cues["update"].search(sentence)
        a = attribution_holding(attributions, m.start())
        claims.append(ClaimDigest(
            property=prop, subject=subject, value=0.0, high=None, approx="exact", display="0",
            quote=(start, end, sentence), attribution=a.id if a else None, source=a.source if a else None,
            source_text=a.source_text if a else None, via=tuple(a.via) if a else (),
            correction=update.group() if update else None,
        ))
    return claims


BACKGROUND_DAYS = 60  # a sentence dated this long before publication tells of an earlier incident


def _long_before(value: str | None, published: dt.date) -> bool:
    """True when a TIMEX3 date, month or year ends more than BACKGROUND_DAYS before publication."""
    m = re.match(r"^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?$", value or "")
    if not m:
        return False
    year, month, day = int(m[1]), int(m[2] or 12), int(m[3] or 0)
    if not 1 <= month <= 12:
        return False
    last = dt.date(year + (month == 12), month % 12 + 1, 1) - dt.timedelta(days=1)
    if day:
        try:
            last = dt.date(year, month, day)
        except ValueError:
            return False
    return (published - last).days > BACKGROUND_DAYS


def attribution_holding(attributions, pos: int):
    """The innermost attribution whose content holds the position."""
    best = None
    for a in attributions:
        if a.content.start > pos:
            break
        width = a.content.end - a.content.start
        if pos < a.content.end and (best is None or width < best.content.end - best.content.start):
            best = a
    return best


_CREDIT = re.compile(r"\((?P<name>[A-Z][\w&.' -]{1,40})\)\s*[-–—]")


def find_credit(text: str, entities) -> str | None:
    """The agency a dateline credits ("NARVA, March 12 (Meridian Wire) - "), within the opening lines."""
    m = _CREDIT.search(text, 0, min(len(text), 600))
    return m.group("name").strip() if m else None
