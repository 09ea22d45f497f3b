"""Time expressions: find them in a parsed document and normalise them TIMEX3-style (the public API).

The work is split by concept: patterns (lexicons and regexes, as data), rules (one
normaliser per rule), calendar (date arithmetic), tense (direction from the parse),
scan (finding and choosing matches), discourse (times that count from other times).

Extent conventions (after TimeBank, applied the same way everywhere):
- prepositions are never part of a time: "on Tuesday" -> "Tuesday", "since 1998" -> "1998";
- approximators are not either: "about two years" -> "two years" (the quantity layer owns them);
- a "the" that opens the expression is kept: "the next 10 days", "the 1990s", "the future",
  "the third quarter"; "a"/"an" is kept where it is the count: "a decade";
- words that shift or narrow the time belong to it: last/next/this/past/coming, early/mid/late,
  "earlier this", "ago", "fiscal", "the end of";
- a weekday and the date or time of day beside it make one expression: "Tuesday, Nov. 14",
  "Tuesday morning", "3 p.m. Tuesday".
Values follow TIMEX3: dates "2017-11-14", "2017-11", "2017", "2017-W45", "2017-Q3", "2017-H1",
"2017-SU", "2017-W46-WE", decades "199X", centuries "19XX"; times "2017-11-14TMO",
"2017-11-14T15:00"; durations "P10D", "PT3H", "P10Y" (a decade), "PXY" or "PXDE" for a vague count;
sets "P1Y", "XXXX-WXX-1"; fuzzy "PAST_REF", "PRESENT_REF", "FUTURE_REF". Ages ("55 years old") are
not times. spaCy DATE/TIME entities that no rule explains are left out: on TimeBank they add
few true times and many phrases like "a good year" or "the light of day", all without a value.
Anchors: "absolute" when the value needs no reference date (explicit dates, durations, sets);
"publication" or "speech" when it was computed from that date; "unresolved" for a relative time
with no date to resolve it (value None, or partial as in "XXXX-11-13"). With no publication
date, a relative time is resolved against the nearest full date the text tells before it (else
the first after), and a year-less date takes its year from the nearest date or month-year told;
leaning on an absolute date of the text, these are "absolute", as "a year later" after
"March 2015" always was. Fuzzy times ("now") and times with no date in the text stay unresolved.
Resolution:
- bare weekdays lie in the current week, looking back unless the governing verb looks ahead
  (will/shall/going to, a modal, an infinitive under a verb of planning, a present progressive);
- a month or month-day without a year takes the year that puts it nearest the reference
  date, a date against the tense counting as several times farther (see AGAINST_TENSE_COST);
- "a year earlier", "two days later", "the following month" count from the last date told
  before them; "a year ago" after a quarter or month in the same sentence (or after "from"/"than")
  means that period a year before, and with none there, the quarter or half reported in an earlier
  sentence a year before; "that day", "the quarter", "the latest period" repeat the last day or
  quarter told;
- in reports, "the year ended March 31" is a twelve-month duration, "the full year" the current
  year, "this year's third quarter" and "the 2016 second quarter" the quarter of that year.
"""
from __future__ import annotations

import datetime as dt

from storyline.extract.time import calendar as cal
from storyline.extract.time.discourse import (
    join_clock_and_day,
    resolve_against_text_dates,
    resolve_references,
    widen_edges,
)
from storyline.extract.time.rules import Norm
from storyline.extract.time.scan import Found, candidates, merged
from storyline.extract.time.tense import direction_in_doc, direction_in_text
from storyline.model import Time


def _find(text: str, base: int, ref: dt.date | None, direction_at, doc=None, skip=()) -> list[Found]:
    """All time expressions in text (offsets shifted by base), resolved against each other."""
    found = resolve_references(text, base, candidates(text, base, ref, direction_at, doc, skip))
    return widen_edges(text, base, join_clock_and_day(text, base, found))


def _to_time(f: Found, index: int, text: str, ref_anchor: str | None) -> Time:
    """The contract's Time for a found expression, with its anchor kind."""
    n = f.norm
    if not n.relative:
        anchor = "absolute"
    elif ref_anchor and n.value and not n.value.startswith("XXXX"):
        anchor = ref_anchor
    else:
        anchor = "unresolved"
    return Time(id=f"t{index}", text=text[f.start:f.end], start=f.start, end=f.end, type=n.type,
                value=n.value, anchor=anchor)


# ---------------------------------------------------------------- public API

def extract_times(doc, published: dt.date | None, skip: list[tuple[int, int]] = ()) -> list[Time]:
    """Every time expression in a spaCy Doc, normalised against the publication date, in text order.

    With no publication date, relative times are read against the dates the text itself tells.

    skip: character ranges known not to be times (numbers already taken as quantities); a bare
    number (a year, a decade, a clock time) overlapping one is not taken as a time.
    """
    text = doc.text
    direction_at = lambda s, e: direction_in_doc(doc, s, e)  # noqa: E731
    found = _find(text, 0, published, direction_at, doc=doc, skip=merged(skip))
    if published is None:
        # a page scraped without a date: the dates its own text tells stand in for one
        found = resolve_against_text_dates(found, lambda f, day: _renormalised(text, f, day, direction_at, doc))
    return [_to_time(f, i, text, "publication" if published else None) for i, f in enumerate(found, 1)]


def _renormalised(text: str, f: Found, day: dt.date, direction_at, doc) -> Norm | None:
    """f's own text normalised again against another reference date; None when it reads otherwise."""
    again = _find(text[f.start:f.end], f.start, day, direction_at, doc=doc)
    return next((g.norm for g in again if (g.start, g.end) == (f.start, f.end)), None)


def reanchor_time(time: Time, doc_text: str, anchor: dt.date, doc=None) -> Time:
    """Re-normalise a relative time against another date (when a quote was said): anchor "speech".

    Absolute times come back unchanged. With the spaCy doc the governing verb's tense decides
    the direction of a bare weekday; without it, future cues in the sentence do.
    """
    if time.anchor == "absolute":
        return time.model_copy()
    if doc is not None:
        direction_at = lambda s, e: direction_in_doc(doc, s, e)  # noqa: E731
    else:
        direction_at = lambda s, e: direction_in_text(doc_text, s, e)  # noqa: E731
    found = _find(doc_text[time.start:time.end], time.start, anchor, direction_at)
    if not found:
        return time.model_copy()
    best = max(found, key=lambda f: f.end - f.start)
    anchor_name = "speech" if best.norm.value and not best.norm.value.startswith("XXXX") else "unresolved"
    if not best.norm.relative:
        anchor_name = "absolute"
    return time.model_copy(update={"type": best.norm.type, "value": best.norm.value, "anchor": anchor_name})


def time_to_date(time: Time) -> dt.date | None:
    """The calendar day a resolved value denotes ("2017-11-14", "2017-11-14TMO"), else None."""
    m = cal.DAY_VALUE.match(time.value or "")
    if not m:
        return None
    try:
        return dt.date(int(m[1]), int(m[2]), int(m[3]))
    except ValueError:
        return None
