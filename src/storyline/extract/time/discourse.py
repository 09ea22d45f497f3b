"""Times that lean on other times in the text: counted from, repeating, or joined to a neighbour.

"A year later" counts from the last date told before it; "that day" repeats it; "3 p.m." and
"Tuesday" beside each other make one time; "the end of" widens the date after it; on a page
with no publication date, "Friday" and "23 June" are read against the dates the text tells. All
run once, left to right, over the times already found.
"""
from __future__ import annotations

import datetime as dt
import re
from typing import Callable

from storyline.extract.time import calendar as cal
from storyline.extract.time import patterns as tp
from storyline.extract.time.rules import Norm
from storyline.extract.time.scan import Found

_SENTENCE_END = re.compile(r"[.!?][\"')]*\s|\n")
_REPORTED_PERIOD = re.compile(r"\d{4}-(?:Q[1-4]|H[12])")  # a quarter or half, as results are reported for
_LOOKBACK = 2000  # how far back (characters) "a year earlier" looks for the time it counts from


def _antecedent(text: str, base: int, before: list[Found], f: Found, scope: str | None = None) -> Found | None:
    """The time f counts from or repeats: the last one told before it that has the right kind of value.

    scope (by default the one f's shift asks for): "text" looks back across sentences; "sentence"
    stays in f's sentence; "period" stays there too and takes only a quarter, half or month;
    "reported_period" looks back across sentences for a quarter or half.
    """
    scope = scope or (f.norm.shift[2] if f.norm.shift else "text")
    for prev in reversed(before):
        if f.start - prev.end > _LOOKBACK:
            return None
        if scope in ("sentence", "period") and _SENTENCE_END.search(text, prev.end - base, f.start - base):
            return None
        value = prev.norm.value or ""
        if prev.norm.counts_from_text or not cal.VALUE_PARTS.fullmatch(value[:10]):
            continue  # only times placed on their own can anchor others
        if f.norm.anaphor and not cal.repeat_value(value, f.norm.anaphor):
            continue
        if f.norm.shift and not cal.VALUE_PARTS.fullmatch(value):
            continue
        if scope == "period" and not cal.PERIOD_VALUE.fullmatch(value):
            continue
        if scope == "reported_period" and not _REPORTED_PERIOD.fullmatch(value):
            continue
        return prev
    return None


def resolve_references(text: str, base: int, found: list[Found]) -> list[Found]:
    """Count "a year earlier" from the time told before it; give "that day" the value of the day told."""
    out: list[Found] = []
    for f in found:
        n = f.norm
        if n.shift or n.anaphor:
            prev = _antecedent(text, base, out, f)
            if prev is None and n.shift and n.shift[2] != "text" and n.shift[1] == "year":
                # "profit rose from a year ago", with the quarter named sentences before: that quarter
                prev = _antecedent(text, base, out, f, "reported_period")
            if n.anaphor:
                if prev is None and n.anaphor == "quarter":
                    continue  # "the quarter" with no quarter told before: perhaps a game's, not a date
                if prev is not None:
                    f.norm = Norm(n.type, cal.repeat_value(prev.norm.value, n.anaphor), prev.norm.relative,
                                  anaphor=n.anaphor)
            elif prev is not None and cal.shift_value(prev.norm.value, n.shift[0], n.shift[1]):
                value = cal.shift_value(prev.norm.value, n.shift[0], n.shift[1])
                f.norm = Norm("date", value, prev.norm.relative, shift=n.shift)
        out.append(f)
    return out


def _is_day(f: Found) -> bool:
    v = f.norm.value or ""
    return f.norm.type == "date" and (bool(cal.DAY_VALUE.match(v)) or v.startswith("XXXX-WXX-"))


def join_clock_and_day(text: str, base: int, found: list[Found]) -> list[Found]:
    """Join "3 p.m." and "Tuesday" (either order) into one time of that day."""
    out: list[Found] = []
    for f in found:
        prev = out[-1] if out else None
        if prev is not None:
            gap = text[prev.end - base:f.start - base]
            clock, day = (prev, f) if prev.rule == "clock" else (f, prev)
            pattern = tp.CLOCK_DATE_GAP if prev is clock else tp.DATE_CLOCK_GAP
            if clock.rule == "clock" and _is_day(day) and pattern.match(gap):
                hhmm = clock.norm.value.split("T", 1)[1]
                norm = Norm("time", f"{day.norm.value}T{hhmm}", day.norm.relative)
                out[-1] = Found(prev.start, f.end, "clock", norm)
                continue
        out.append(f)
    return out


def widen_edges(text: str, base: int, found: list[Found]) -> list[Found]:
    """Take "the end of" into a date after it: "the end of November", "the beginning of 2016"."""
    floor = base
    for f in found:
        if f.norm.type == "date":
            m = tp.EDGE_PREFIX.search(text, max(floor, f.start - 40) - base, f.start - base)
            if m:
                f.start = m.start() + base
        floor = f.end
    return found


# ---------------------------------------------------------------- pages without a publication date

_YEARLESS = re.compile(r"XXXX-(\d{2})(?:-(\d{2}))?(?=T|\Z)")  # "23 June" -> XXXX-06-23, "June" -> XXXX-06
_MONTH_VALUE = re.compile(r"\d{4}-(0[1-9]|1[0-2])")
_MID_MONTH = 15  # a month told as "July 2018" stands for its middle when it gives a year-less date its year


def _resolved(value: str | None) -> bool:
    return bool(value) and "X" not in value and not value.endswith("_REF")


def _text_reference(f: Found) -> tuple[dt.date | None, bool]:
    """The date an absolute time in the text stands for, and whether it names a whole day.

    Only times placed on their own count: "June 23, 2018" (a day), "July 2018" (a month, which
    can give a year-less date its year but cannot place "Friday")."""
    n = f.norm
    if n.relative or n.counts_from_text or n.type not in ("date", "time"):
        return None, False
    value = n.value or ""
    if cal.DAY_VALUE.match(value):
        return cal.iso_date(value), True
    if _MONTH_VALUE.fullmatch(value):
        return dt.date(int(value[:4]), int(value[5:7]), _MID_MONTH), False
    return None, False


def _with_year(value: str, ref: dt.date) -> tuple[str, dt.date | None] | None:
    """A year-less month(-day) value given the year that puts it nearest ref, and the day it names.

    No tense bias: the reference is a date the story tells, not the moment it is told from."""
    m = _YEARLESS.match(value)
    month, day = int(m[1]), int(m[2]) if m[2] else None
    if day is None:
        year = cal.nearest_year(ref.year, lambda y: (y - ref.year) * 12 + month - ref.month, None, 1)
        return f"{year:04d}" + value[4:], None
    year = cal.nearest_year(ref.year, lambda y: (dt.date(y, month, min(day, 28)) - ref).days, None, 1)
    named = cal.day_value(year, month, day)
    return (f"{year:04d}" + value[4:], cal.iso_date(named)) if named else None


def resolve_against_text_dates(found: list[Found], renormalise: Callable[[Found, dt.date], Norm | None]
                               ) -> list[Found]:
    """With no publication date, resolve relative times against the dates the text itself tells.

    A relative time takes the nearest full date told before it (else the first one after), as
    narratives are told from the last date they name: "Friday" is the Friday on or before it
    (after it under a future verb), "yesterday" the day before. A year-less "23 June" takes the
    year that puts it nearest the last date or month-year told ("July 2018"), and then counts as
    a date told for what follows. Such times lean on an absolute date of the text, so, like "a year
    later" after an explicit date, they are absolute. Fuzzy ones ("now") stay unresolved.
    renormalise(f, day) normalises f's own text again against day.
    """
    refs = [_text_reference(f) for f in found]
    first_day = next((d for d, whole in refs if whole), None)
    first_any = next((d for d, _ in refs if d), None)
    last_day = last_any = None
    for f, (ref, whole) in zip(found, refs):
        if ref is not None:
            last_any, last_day = ref, ref if whole else last_day
            continue
        n = f.norm
        if not n.relative or _resolved(n.value) or (n.value or "").endswith("_REF"):
            continue
        if n.value and _YEARLESS.match(n.value):
            anchor = last_any or first_any
            dated = _with_year(n.value, anchor) if anchor else None
            if dated:
                f.norm = Norm(n.type, dated[0], False)
                if dated[1]:
                    last_any = last_day = dated[1]
            continue
        anchor = last_day or first_day
        norm = renormalise(f, anchor) if anchor else None
        if norm is not None and _resolved(norm.value):
            f.norm = Norm(norm.type, norm.value, False)
    return found
