"""Calendar arithmetic behind TIMEX3 values: weeks, months, seasons, holidays, shifts, nearest years.

Pure functions of dates and value strings; nothing here reads text. Values follow TIMEX3:
"2017-11-14", "2017-11", "2017", "2017-W46", "2017-Q3", "2017-SU", "201X" (a decade by its
first three digits), "P10D" (a duration).
"""
from __future__ import annotations

import datetime as dt
import re
from typing import Callable

from storyline.extract.time import patterns as tp
from storyline.extract.time.tense import Direction

DAY_VALUE = re.compile(r"\A(\d{4})-(\d{2})-(\d{2})")
VALUE_PARTS = re.compile(r"(\d{4})(?:-(Q[1-4]|\d{2})(?:-(\d{2}))?)?")
PERIOD_VALUE = re.compile(r"\d{4}-(?:Q[1-4]|H[12]|\d{2})")  # a quarter, half or month

# How much farther a date lying against the tense may be than one lying with it, and still win.
# A past verb rarely governs a future month or day; with no tense, news leans to the past.
# Quarters get the mild cost: "expects to report third-quarter results" looks back at a quarter.
AGAINST_TENSE_COST = {"past": 8, "future": 8, None: 3}
AGAINST_TENSE_COST_QUARTERS = 3


def iso_date(value: str | None) -> dt.date | None:
    """The date an ISO string opens with ("2024-03-12", "2024-03-12T10:00"), or None."""
    if not value:
        return None
    try:
        return dt.date.fromisoformat(value[:10])
    except ValueError:
        return None


def ym(y: int, m: int) -> str:
    return f"{y:04d}-{m:02d}"


def add_months(y: int, m: int, k: int) -> tuple[int, int]:
    t = y * 12 + (m - 1) + k
    return t // 12, t % 12 + 1


def iso_week(d: dt.date) -> str:
    y, w, _ = d.isocalendar()
    return f"{y:04d}-W{w:02d}"


def day_value(y: int, m: int, d: int) -> str | None:
    """"2017-11-14", or None when there is no such day."""
    try:
        return dt.date(y, m, d).isoformat()
    except ValueError:
        return None


def duration_value(n: float | None, unit: str) -> str:
    """A TIMEX3 duration: n units ("P10D", "PT3H", "P10Y" for a decade), "PXD" when n is vague."""
    designator, multiplier, clock = tp.UNITS[unit]
    prefix = "PT" if clock else "P"
    if n is None:
        return f"{prefix}X{tp.VAGUE_UNIT_DESIGNATORS.get(unit, designator)}"
    q = n * multiplier
    return f"{prefix}{int(q) if q == int(q) else round(q, 2)}{designator}"


def nearest_year(ref_year: int, offset: Callable[[int], int], direction: Direction, cost_against=None) -> int:
    """The year (ref_year - 1, + 0 or + 1) that puts a yearless date nearest the reference.

    offset(y) is how far that date would lie from the reference in y (days, months or
    quarters). A date on the side the tense does not point to (the future, with no tense)
    counts as that many times farther.
    """
    factor = cost_against or AGAINST_TENSE_COST[direction]

    def cost(y: int) -> tuple[float, int]:
        d = offset(y)
        against = d > 0 if direction != "future" else d < 0
        return abs(d) * (factor if against else 1), abs(y - ref_year)

    return min((ref_year, ref_year - 1, ref_year + 1), key=cost)


def year_of(ref: dt.date, month: int, day: int | None, direction: Direction) -> int:
    """The year of a month(-day) given without one."""
    if day is None:
        return nearest_year(ref.year, lambda y: (y - ref.year) * 12 + month - ref.month, direction)

    def days_off(y: int) -> int:
        try:
            return (dt.date(y, month, day) - ref).days
        except ValueError:  # 29 February in a common year
            return (dt.date(y, month, 28) - ref).days

    return nearest_year(ref.year, days_off, direction)


def weekday_date(ref: dt.date, weekday: int, mode: str) -> dt.date:
    """The date of a weekday: 'past' (<= ref), 'future' (>= ref), 'last' (< ref), 'next' (> ref)."""
    delta = weekday - ref.isoweekday()
    if mode == "past" and delta > 0 or mode == "last" and delta >= 0:
        delta -= 7
    elif mode == "future" and delta < 0 or mode == "next" and delta <= 0:
        delta += 7
    return ref + dt.timedelta(days=delta)


def easter(year: int) -> dt.date:
    """Western Easter Sunday (anonymous Gregorian algorithm)."""
    a, b, c = year % 19, year // 100, year % 100
    d, e = b // 4, b % 4
    f = (b + 8) // 25
    g = (b - f + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = c // 4, c % 4
    l_ = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * l_) // 451
    month = (h + l_ - 7 * m + 114) // 31
    return dt.date(year, month, (h + l_ - 7 * m + 114) % 31 + 1)


def holiday_date(name: str, year: int) -> dt.date:
    """The date of a named holiday in a year (fixed ones from the lexicon, Easter, Thanksgiving)."""
    name = name.lower()
    if name in tp.HOLIDAYS:
        return dt.date(year, *tp.HOLIDAYS[name])
    if name.startswith("easter"):
        return easter(year)
    first = dt.date(year, 11, 1)  # Thanksgiving (US): fourth Thursday of November
    return first + dt.timedelta(days=(3 - first.weekday()) % 7 + 21)


def season_of(d: dt.date) -> tuple[int, str]:
    """The (year, season) a date falls in; winter belongs to the year it starts in."""
    if d.month >= 12:
        return d.year, "WI"
    if d.month <= 2:
        return d.year - 1, "WI"
    return d.year, {3: "SP", 4: "SP", 5: "SP", 6: "SU", 7: "SU", 8: "SU"}.get(d.month, "FA")


def season_value(ref: dt.date, season: str, mode: str) -> str:
    """The season nearest ref in the direction of mode ('last', 'next', 'future', 'past')."""
    order = ["SP", "SU", "FA", "WI"]
    cy, cs = season_of(ref)
    index = cy * 4 + order.index(cs)
    target = index - (index - order.index(season)) % 4  # latest instance not after the current season
    if mode == "last" and target == index:
        target -= 4
    elif mode in ("next", "future") and target < index:
        target += 4
    return f"{target // 4}-{order[target % 4]}"


def unit_value(ref: dt.date, unit: str, step: int) -> str | None:
    """The calendar unit containing ref, moved by step units: 2017-W46, 2017-11, 2017, 201X."""
    if unit == "week":
        return iso_week(ref + dt.timedelta(weeks=step))
    if unit == "weekend":
        return iso_week(ref + dt.timedelta(weeks=step)) + "-WE"
    if unit == "month":
        return ym(*add_months(ref.year, ref.month, step))
    if unit == "quarter":
        q = (ref.month - 1) // 3 + step
        return f"{ref.year + q // 4}-Q{q % 4 + 1}"
    if unit == "year":
        return str(ref.year + step)
    if unit == "decade":
        return f"{ref.year // 10 + step:03d}X"
    if unit == "century":
        return f"{ref.year // 100 + step:02d}XX"
    return None


def shift_value(value: str | None, k: int, unit: str) -> str | None:
    """A date value moved by k units, kept at its own granularity; None where that cannot be done."""
    m = VALUE_PARTS.fullmatch(value or "")
    if not m:
        return None
    year, part, day = int(m[1]), m[2], m[3]
    if unit in ("year", "decade", "century"):
        return f"{year + k * tp.UNITS[unit][1]:04d}" + value[4:] if not (part == "02" and day == "29") else None
    months = k * (3 if unit == "quarter" else 1) if unit in ("month", "quarter") else None
    if months is not None and part and part.startswith("Q"):
        q = int(part[1]) - 1 + months // 3
        return None if months % 3 else f"{year + q // 4}-Q{q % 4 + 1}"
    if months is not None and part and part.isdigit():
        y, mo = add_months(year, int(part), months)
        if day is None:
            return ym(y, mo)
        return day_value(y, mo, min(int(day), 28 if mo == 2 else 30 if mo in (4, 6, 9, 11) else 31))
    if unit in ("day", "night", "week", "fortnight") and day:
        days = k * {"day": 1, "night": 1, "week": 7, "fortnight": 14}[unit]
        return (dt.date(year, int(part), int(day)) + dt.timedelta(days=days)).isoformat()
    return None


def from_ref(ref: dt.date, k: int, unit: str) -> str:
    """The date k units from the reference, at the unit's granularity ("two days ago", "a year ago")."""
    if unit in ("second", "minute", "hour", "day", "night"):
        return (ref + dt.timedelta(days=k if unit in ("day", "night") else 0)).isoformat()
    if unit in ("week", "fortnight"):
        return iso_week(ref + dt.timedelta(weeks=k * (2 if unit == "fortnight" else 1)))
    if unit in ("month", "quarter"):
        return ym(*add_months(ref.year, ref.month, k * (3 if unit == "quarter" else 1)))
    return str(ref.year + k * tp.UNITS[unit][1])


def repeat_value(value: str, unit: str) -> str | None:
    """What "that <unit>" means when it repeats a time whose value is given: "that year" of "2016-03-05"."""
    day = DAY_VALUE.match(value)
    if unit == "quarter":
        return value if "-Q" in value else None
    if unit == "year":
        return value[:4]
    if unit == "month":
        return value[:7] if re.match(r"\d{4}-\d{2}\b", value) else None
    if not day:
        return None
    if unit == "week":
        return iso_week(dt.date(int(day[1]), int(day[2]), int(day[3])))
    return value[:10] + (f"T{tp.PARTS_OF_DAY[unit]}" if unit in tp.PARTS_OF_DAY else "")
