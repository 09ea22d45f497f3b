"""Time expressions: find them in a parsed document and normalise them TIMEX3-style.

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
with no date to resolve it (value None, or partial as in "XXXX-11-13").
Resolution:
- bare weekdays lie in the current week, looking back unless the governing verb looks ahead
  (will/shall/going to, a modal, an infinitive under a verb of planning, a present progressive);
- a month or month-day without a year takes the year that puts it nearest the reference
  date, a date against the tense counting as several times farther (see AGAINST_TENSE_COST);
- "a year earlier", "two days later" count from the last date told before them; "a year ago"
  after a quarter or month in the same sentence (or after "from"/"than") means that period a
  year before; "that day", "the quarter" repeat the last day or quarter told.
"""
from __future__ import annotations

import bisect
import datetime as dt
import re
from typing import Callable

from storyline.extract import time_patterns as tp
from storyline.model import Time

Direction = str | None  # "past", "future" or None (no clue)

_DAY_WORDS = {"the day before yesterday": -2, "yesterday": -1, "today": 0, "tonight": 0, "tomorrow": 1,
              "the day after tomorrow": 2}
_UNIT_SINGULAR = {"seconds": "second", "minutes": "minute", "hours": "hour", "days": "day", "weeks": "week",
                  "months": "month", "years": "year", "decades": "decade", "centuries": "century"}
# rules whose match is a bare number: dropped where the caller knows the number is a quantity
_NUMERIC_RULES = {"year", "decade", "clock"}
_DAY_VALUE = re.compile(r"\A(\d{4})-(\d{2})-(\d{2})")
_VALUE_PARTS = re.compile(r"(\d{4})(?:-(Q[1-4]|\d{2})(?:-(\d{2}))?)?")
_PERIOD_VALUE = re.compile(r"\d{4}-(?:Q[1-4]|H[12]|\d{2})")  # a quarter, half or month
_SENTENCE_END = re.compile(r"[.!?][\"')]*\s|\n")
_LOOKBACK = 2000  # how far back (characters) "a year earlier" looks for the time it counts from


class _Norm:
    """A normalised expression: TIMEX3 type and value, and whether the value used a reference date.

    shift: (amount, unit) when the value counts from another time in the text ("a year earlier");
    anaphor: the unit of a time that repeats an earlier one ("the quarter").
    """

    __slots__ = ("type", "value", "relative", "shift", "anaphor")

    def __init__(self, type_: str, value: str | None, relative: bool = False, shift=None, anaphor=None):
        self.type, self.value, self.relative = type_, value, relative
        self.shift, self.anaphor = shift, anaphor

    @property
    def counts_from_text(self) -> bool:
        return self.shift is not None or self.anaphor is not None


class _Context:
    """What a normaliser may consult: the reference date and, on demand, the tense direction."""

    def __init__(self, ref: dt.date | None, direction: Callable[[], Direction]):
        self.ref = ref
        self._direction = direction
        self._cached: list[Direction] = []

    @property
    def direction(self) -> Direction:
        if not self._cached:
            self._cached.append(self._direction())
        return self._cached[0]


# ---------------------------------------------------------------- calendar helpers

def _ym(y: int, m: int) -> str:
    return f"{y:04d}-{m:02d}"


def _add_months(y: int, m: int, k: int) -> tuple[int, int]:
    t = y * 12 + (m - 1) + k
    return t // 12, t % 12 + 1


def _iso_week(d: dt.date) -> str:
    y, w, _ = d.isocalendar()
    return f"{y:04d}-W{w:02d}"


def _number(text: str) -> float | None:
    """The value of a count ("10", "twenty-four", "a"), None when vague ("several")."""
    t = text.lower().replace(",", "")
    if t[0].isdigit():
        return float(t)
    if t in tp.NUMBER_WORDS:
        return tp.NUMBER_WORDS[t]
    parts = re.split(r"[- ]", t)
    if len(parts) == 2 and parts[0] in tp.NUMBER_WORDS and parts[1] in tp.NUMBER_WORDS:
        return tp.NUMBER_WORDS[parts[0]] + tp.NUMBER_WORDS[parts[1]]
    return None


def _unit(word: str) -> str:
    w = word.lower()
    return "century" if w.startswith("centur") else _UNIT_SINGULAR.get(w, w)


def _duration(n: float | None, unit: str) -> str:
    designator, multiplier, clock = tp.UNITS[unit]
    prefix = "PT" if clock else "P"
    if n is None:
        return f"{prefix}X{tp.VAGUE_UNIT_DESIGNATORS.get(unit, designator)}"
    q = n * multiplier
    return f"{prefix}{int(q) if q == int(q) else round(q, 2)}{designator}"


def _month_number(word: str) -> int:
    w = word.lower().rstrip(".")
    return tp.MONTHS.get(w) or tp.MONTH_ABBREVIATIONS[w]


def _weekday_number(word: str) -> int:
    w = word.lower()
    return tp.WEEKDAYS.get(w) or tp.WEEKDAY_ABBREVIATIONS[w]


# How much farther a date lying against the tense may be than one lying with it, and still win.
# A past verb rarely governs a future month or day; with no tense, news leans to the past.
# Quarters get the mild cost: "expects to report third-quarter results" looks back at a quarter.
AGAINST_TENSE_COST = {"past": 8, "future": 8, None: 3}
AGAINST_TENSE_COST_QUARTERS = 3


def _nearest_year(ref_year: int, offset: Callable[[int], int], direction: Direction, cost_against=None) -> int:
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


def _year_of(ref: dt.date, month: int, day: int | None, direction: Direction) -> int:
    """The year of a month(-day) given without one."""
    if day is None:
        return _nearest_year(ref.year, lambda y: (y - ref.year) * 12 + month - ref.month, direction)

    def days_off(y: int) -> int:
        try:
            return (dt.date(y, month, day) - ref).days
        except ValueError:  # 29 February in a common year
            return (dt.date(y, month, 28) - ref).days

    return _nearest_year(ref.year, days_off, direction)


def _weekday_date(ref: dt.date, weekday: int, mode: str) -> dt.date:
    """The date of a weekday: 'past' (<= ref), 'future' (>= ref), 'last' (< ref), 'next' (> ref)."""
    delta = weekday - ref.isoweekday()
    if mode == "past" and delta > 0 or mode == "last" and delta >= 0:
        delta -= 7
    elif mode == "future" and delta < 0 or mode == "next" and delta <= 0:
        delta += 7
    return ref + dt.timedelta(days=delta)


def _shift_mode(rel: str | None, direction: Direction) -> str:
    rel = (rel or "").lower()
    if rel in ("last", "this past", "past"):
        return "last"
    if rel in ("next", "this coming", "coming"):
        return "next"
    return "future" if direction == "future" else "past"


def _easter(year: int) -> dt.date:
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


def _holiday_date(name: str, year: int) -> dt.date:
    name = name.lower()
    if name in tp.HOLIDAYS:
        return dt.date(year, *tp.HOLIDAYS[name])
    if name.startswith("easter"):
        return _easter(year)
    first = dt.date(year, 11, 1)  # Thanksgiving (US): fourth Thursday of November
    return first + dt.timedelta(days=(3 - first.weekday()) % 7 + 21)


def _season_of(d: dt.date) -> tuple[int, str]:
    """The (year, season) a date falls in; winter belongs to the year it starts in."""
    if d.month >= 12:
        return d.year, "WI"
    if d.month <= 2:
        return d.year - 1, "WI"
    return d.year, {3: "SP", 4: "SP", 5: "SP", 6: "SU", 7: "SU", 8: "SU"}.get(d.month, "FA")


def _season_value(ref: dt.date, season: str, mode: str) -> str:
    order = ["SP", "SU", "FA", "WI"]
    cy, cs = _season_of(ref)
    index = cy * 4 + order.index(cs)
    target = index - (index - order.index(season)) % 4  # latest instance not after the current season
    if mode == "last" and target == index:
        target -= 4
    elif mode in ("next", "future") and target < index:
        target += 4
    return f"{target // 4}-{order[target % 4]}"


# ---------------------------------------------------------------- normalisers, one per rule

def _absolute_day(y: int, m: int, d: int) -> _Norm | None:
    try:
        return _Norm("date", dt.date(y, m, d).isoformat())
    except ValueError:
        return None


def _n_iso_date(m, ctx):
    return _absolute_day(int(m["y"]), int(m["m"]), int(m["d"]))


def _n_slash_date(m, ctx):
    a, b, y = int(m["a"]), int(m["b"]), int(m["y"])
    y = y + (1900 if y >= 50 else 2000) if y < 100 else y
    month, day = (a, b) if a <= 12 else (b, a)  # US order unless the first number cannot be a month
    return _absolute_day(y, month, day)


def _n_month_day(m, ctx):
    month, day = _month_number(m["mon"]), int(m["d"])
    if m["y"]:
        return _absolute_day(int(m["y"]), month, day)
    if ctx.ref is None:
        return _Norm("date", f"XXXX-{month:02d}-{day:02d}", True)
    year = _year_of(ctx.ref, month, day, ctx.direction)
    norm = _absolute_day(year, month, day)
    if norm:
        norm.relative = True
    return norm


def _n_month_year(m, ctx):
    return _Norm("date", _ym(int(m["y"]), _month_number(m["mon"])))


def _n_month(m, ctx):
    month = _month_number(m["mon"])
    if ctx.ref is None:
        return _Norm("date", f"XXXX-{month:02d}", True)
    rel = (m["rel"] or "").lower()
    y = ctx.ref.year
    if rel in ("last", "this past"):
        y -= month >= ctx.ref.month
    elif rel in ("next", "this coming"):
        y += month <= ctx.ref.month
    elif rel != "this":
        y = _year_of(ctx.ref, month, None, ctx.direction)
    return _Norm("date", _ym(y, month), True)


def _n_weekday(m, ctx):
    weekday = _weekday_number(m["wd"])
    pod = tp.PARTS_OF_DAY.get((m["pod"] or "").lower())
    if m["plural"]:
        return _Norm("set", f"XXXX-WXX-{weekday}")
    if ctx.ref is None:
        return _Norm("time" if pod else "date", f"XXXX-WXX-{weekday}" + (f"T{pod}" if pod else ""), True)
    day = _weekday_date(ctx.ref, weekday, _shift_mode(m["rel"], ctx.direction))
    return _Norm("time" if pod else "date", day.isoformat() + (f"T{pod}" if pod else ""), True)


def _n_deictic_day(m, ctx):
    word = m["day"].lower()
    pod = tp.PARTS_OF_DAY.get((m["pod"] or "").lower()) or ("NI" if word == "tonight" else None)
    if ctx.ref is None:
        return _Norm("time" if pod else "date", None, True)
    day = ctx.ref + dt.timedelta(days=_DAY_WORDS[word])
    return _Norm("time" if pod else "date", day.isoformat() + (f"T{pod}" if pod else ""), True)


def _n_this_part_of_day(m, ctx):
    if ctx.ref is None:
        return _Norm("time", None, True)
    pod = tp.PARTS_OF_DAY[m["pod"].lower()]
    day = ctx.ref - dt.timedelta(days=m["rel"].lower() == "last")
    return _Norm("time", f"{day.isoformat()}T{pod}", True)


_RELATIVE_STEP = {"this": 0, "current": 0, "the current": 0, "last": -1, "previous": -1, "this past": -1,
                  "next": 1, "coming": 1, "this coming": 1, "the coming": 1}


def _unit_value(ref: dt.date, unit: str, step: int) -> str | None:
    """The calendar unit containing ref, moved by step units: 2017-W46, 2017-11, 2017, 201X."""
    if unit == "week":
        return _iso_week(ref + dt.timedelta(weeks=step))
    if unit == "weekend":
        return _iso_week(ref + dt.timedelta(weeks=step)) + "-WE"
    if unit == "month":
        return _ym(*_add_months(ref.year, ref.month, step))
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


def _n_relative_unit(m, ctx):
    rel, unit = " ".join(m["rel"].lower().split()), m["unit"].lower()
    if unit in tp.PARTS_OF_DAY and rel in ("this", "last") and ctx.ref is not None:
        day = ctx.ref - dt.timedelta(days=rel == "last")  # "later this afternoon", "late last night"
        return _Norm("time", f"{day.isoformat()}T{tp.PARTS_OF_DAY[unit]}", True)
    if unit in ("day", "morning", "afternoon", "evening", "night"):
        # "the next day", "the following morning": counted from a narrated time
        return _Norm("time" if unit != "day" else "date", None, True)
    if rel in ("past", "the past", "the last", "the next", "the coming"):  # "over the next decade"
        return _Norm("duration", _duration(1, unit if unit != "weekend" else "day").replace("P1D", "P2D"))
    if rel not in _RELATIVE_STEP:  # "the following year", "the previous week", "the same month"
        return _Norm("date", None, True)
    if ctx.ref is None:
        return _Norm("date", None, True)
    return _Norm("date", _unit_value(ctx.ref, unit, _RELATIVE_STEP[rel]), True)


def _n_the_weekend(m, ctx):
    if ctx.ref is None:
        return _Norm("date", None, True)
    saturday = _weekday_date(ctx.ref, 6, "future" if ctx.direction == "future" else "past")
    return _Norm("date", _iso_week(saturday) + "-WE", True)


def _n_edge_of_unit(m, ctx):
    rel = m["rel"].lower()
    if ctx.ref is None:
        return _Norm("date", None, True)
    return _Norm("date", _unit_value(ctx.ref, m["unit"].lower(), {"last": -1, "next": 1}.get(rel, 0)), True)


def _n_year_end(m, ctx):
    return _Norm("date", None if ctx.ref is None else f"{ctx.ref.year}-12-31", True)


def _shift_value(value: str | None, k: int, unit: str) -> str | None:
    """A date value moved by k units, kept at its own granularity; None where that cannot be done."""
    m = _VALUE_PARTS.fullmatch(value or "")
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
        y, mo = _add_months(year, int(part), months)
        if day is None:
            return _ym(y, mo)
        return _absolute_day(y, mo, min(int(day), 28 if mo == 2 else 30 if mo in (4, 6, 9, 11) else 31)).value
    if unit in ("day", "night", "week", "fortnight") and day:
        days = k * {"day": 1, "night": 1, "week": 7, "fortnight": 14}[unit]
        return (dt.date(year, int(part), int(day)) + dt.timedelta(days=days)).isoformat()
    return None


def _from_ref(ref: dt.date, k: int, unit: str) -> str:
    """The date k units from the reference, at the unit's granularity ("two days ago", "a year ago")."""
    if unit in ("second", "minute", "hour", "day", "night"):
        return (ref + dt.timedelta(days=k if unit in ("day", "night") else 0)).isoformat()
    if unit in ("week", "fortnight"):
        return _iso_week(ref + dt.timedelta(weeks=k * (2 if unit == "fortnight" else 1)))
    if unit in ("month", "quarter"):
        return _ym(*_add_months(ref.year, ref.month, k * (3 if unit == "quarter" else 1)))
    return str(ref.year + k * tp.UNITS[unit][1])


def _n_ago(m, ctx):
    n, unit, way = _number(m["num"]) if m["num"] else None, _unit(m["unit"]), m["dir"].lower()
    if unit in ("second", "minute") and m["num"] is None:
        return None
    if n is None:  # "years ago", "several days later"
        if way in ("earlier", "later"):
            return _Norm("date", None, True)
        return _Norm("date", "PAST_REF" if way == "ago" else "FUTURE_REF", True)
    k = int(round(n)) * (-1 if way in ("ago", "earlier") else 1)
    own = _from_ref(ctx.ref, k, unit) if ctx.ref else None
    # "earlier"/"later" count from a time told before; "a year ago" after a quarter or month in the
    # same sentence, or after "from"/"than", means that same period a year before
    if way in ("earlier", "later"):
        scope = "text"
    elif tp.COMPARISON_CUE.search(m.string, max(0, m.start() - 20), m.start()):
        scope = "sentence"
    else:
        scope = "period"
    return _Norm("date", own, True, shift=(k, unit, scope))


def _n_year_ago_adjective(m, ctx):
    return _Norm("date", str(ctx.ref.year - 1) if ctx.ref else None, True, shift=(-1, "year", "text"))


def _n_anaphoric_unit(m, ctx):
    unit = (m["quarter"] or m["unit"]).lower()
    return _Norm("time" if unit in tp.PARTS_OF_DAY else "date", None, True, anaphor=unit)


def _n_duration(m, ctx):
    unit = _unit(m["unit"])
    num = m["num"].lower()
    if m["old"] or (unit in ("second", "quarter") and num in ("a", "an", "one")):
        return None  # ages; "a second time"; "a quarter of them"
    if re.fullmatch(r"1[5-9]\d\d|20\d\d", num) and not m["unit"].lower().endswith("s"):
        return None  # "the 1988 quarter" is a date
    if unit == "quarter" and m.string.startswith(" of", m.end()):
        return None  # "three quarters of the vote"
    return _Norm("duration", _duration(_number(num), unit))


def _n_vague_duration(m, ctx):
    if m["old"]:
        return None
    if m["rel"] and m["rel"].lower() == "recent":
        return _Norm("date", "PAST_REF")  # "recent years", "in recent days": TimeML's past reference
    return _Norm("duration", _duration(None, _unit(m["unit"])))


def _n_set_every(m, ctx):
    n = _number(m["num"]) if m["num"] else (2 if m["other"] else 1)
    if m["unit"]:
        return _Norm("set", _duration(n, _unit(m["unit"])))
    if m["wd"]:
        return _Norm("set", f"XXXX-WXX-{_weekday_number(m['wd'])}")
    if m["mon"]:
        return _Norm("set", f"XXXX-{_month_number(m['mon']):02d}")
    return _Norm("set", f"XXXX-XX-XXT{tp.PARTS_OF_DAY[m['pod'].lower()]}")


def _n_set_times(m, ctx):
    return _Norm("set", _duration(1, _unit(m["unit"])))


def _n_set_adverb(m, ctx):
    return _Norm("set", tp.SET_ADVERBS[m["adv"].lower()])


def _n_set_weekdays(m, ctx):
    return _Norm("set", f"XXXX-WXX-{_weekday_number(m['wd'])}")


def _n_set_rate(m, ctx):
    return _Norm("set", _duration(1, _unit(m["unit"])))


def _n_year(m, ctx):
    return _Norm("date", m["y"])


def _n_spoken_year(m, ctx):
    ones = tp.NUMBER_WORDS.get((m["ones"] or m["ones2"] or "").lower(), 0)
    return _Norm("date", str(1900 + tp.NUMBER_WORDS[m["tens"].lower()] + ones if m["tens"] else 2000 + ones))


def _n_season_year(m, ctx):
    return _Norm("date", f"{m['y']}-{tp.SEASONS[m['season'].lower()]}")


def _n_season(m, ctx):
    season = tp.SEASONS[m["season"].lower()]
    if ctx.ref is None:
        return _Norm("date", f"XXXX-{season}", True)
    rel = " ".join(m["rel"].lower().split())
    if rel in ("past", "the past"):
        return _Norm("duration", "P3M")
    mode = {"this": "this"}.get(rel) or _shift_mode(rel, ctx.direction)
    if mode == "this":
        value = f"{_season_of(ctx.ref)[0] if season == 'WI' else ctx.ref.year}-{season}"
    else:
        value = _season_value(ctx.ref, season, mode)
    return _Norm("date", value, True)


# TIMEX3 writes a decade as its first three digits ("the 1990s" -> "199") and a century as
# its first two ("the 20th century" -> "19"), the granularity implied by the missing digits.
def _n_decade(m, ctx):
    if m["dec"]:
        return _Norm("date", m["dec"][:3])
    short = int(m["short"])
    return _Norm("date", f"{19 if short >= 30 else 20}{short // 10}")


def _n_decade_word(m, ctx):
    return _Norm("date", f"19{tp.DECADE_WORDS[m['word'].lower()]}")


def _n_century(m, ctx):
    word = m["ord"].lower()
    n = tp.ORDINALS.get(word) or int(re.match(r"\d+", word).group())
    return _Norm("date", f"{n - 1:02d}")


def _year_of_part(m, ctx, part_index: int, parts: int) -> int | None:
    """The year of a quarter or half given without one: the reference year, moved by tense."""
    if m["y"]:
        return int(m["y"])
    if m["yrel"]:
        return None if ctx.ref is None else ctx.ref.year + {"this": 0, "last": -1, "next": 1}[m["yrel"].lower()]
    if ctx.ref is None:
        return None
    current = (ctx.ref.month - 1) * parts // 12 + 1
    return _nearest_year(ctx.ref.year, lambda y: (y - ctx.ref.year) * parts + part_index - current, ctx.direction,
                         AGAINST_TENSE_COST_QUARTERS)


def _n_quarter(m, ctx):
    q = tp.ORDINALS[m["ord"].lower()]
    y = _year_of_part(m, ctx, q, 4)
    return _Norm("date", f"{y}-Q{q}" if y else f"XXXX-Q{q}", not m["y"])


def _n_quarter_relative(m, ctx):
    if ctx.ref is None:
        return _Norm("date", None, True)
    rel = m["rel"].lower()
    step = 0 if rel in ("current", "this") else 1 if rel in ("next", "coming") else -1
    return _Norm("date", _unit_value(ctx.ref, "quarter", step), True)


def _n_half_year(m, ctx):
    h = tp.ORDINALS[m["ord"].lower()]
    y = _year_of_part(m, ctx, h, 2)
    return _Norm("date", f"{y}-H{h}" if y else None, not m["y"])


def _clock_text(m) -> str:
    if m["word"]:
        return {"noon": "12:00", "midday": "12:00", "midnight": "24:00"}[m["word"].lower()]
    if m["h"]:
        h = int(m["h"]) % 12 + (12 if m["ap"].lower().startswith("p") else 0)
        return f"{h:02d}:{m['mi'] or '00'}"
    if m["h24"]:
        return f"{int(m['h24']):02d}:{m['mi24']}"
    return f"{m['hhmm']}:{m['mm']}"


def _n_clock(m, ctx):
    clock = _clock_text(m)
    if ctx.ref is None:
        return _Norm("time", f"XXXX-XX-XXT{clock}", True)
    return _Norm("time", f"{ctx.ref.isoformat()}T{clock}", True)


def _n_fuzzy(m, ctx):
    return _Norm("date", tp.FUZZY[" ".join(m["w"].lower().split())], True)


def _n_holiday(m, ctx):
    name = " ".join(m["h"].split())
    if m["y"]:
        return _Norm("date", _holiday_date(name, int(m["y"])).isoformat())
    if ctx.ref is None:
        return _Norm("date", None, True)
    mode = _shift_mode(m["rel"], ctx.direction)
    y = ctx.ref.year
    this_year = _holiday_date(name, y)
    if mode in ("past", "last") and (this_year > ctx.ref or mode == "last" and this_year == ctx.ref):
        y -= 1
    elif mode in ("future", "next") and (this_year < ctx.ref or mode == "next" and this_year == ctx.ref):
        y += 1
    return _Norm("date", _holiday_date(name, y).isoformat(), True)


_n_day_month = _n_month_day
_NORMALISERS = {name: globals()[f"_n_{name}"] for name, _ in tp.RULES}
_RULE_RANK = {rule[0]: i for i, rule in enumerate(tp.RULES)}


# ---------------------------------------------------------------- tense direction

_FUTURE_AUX = {"will", "'ll", "ll", "shall", "wo", "sha"}
_PERFECT_AUX = {"has", "have", "'ve", "had", "'d"}
_OPEN_ENDED = {"to", "until", "till", "through", "by", "effective", "payable", "before", "starting", "beginning",
               "from", "due", "scheduled", "set", "expected", "next", "upcoming"}
_PRESENT_BE = {"is", "are", "am", "'s", "'re"}
_MODAL_AUX = {"would", "could", "might", "may", "should", "can", "must", "'d"}
_PLANNING_LEMMAS = {"plan", "expect", "schedule", "due", "set", "intend", "hope", "aim", "want", "agree", "promise",
                    "prepare", "vow", "pledge", "threaten", "seek", "likely", "poise", "slate"}


def _verb_direction(verb, depth: int = 0) -> Direction:
    """Past or future from a verb's own tense and auxiliaries; None for plain present or modals."""
    auxes = [c for c in verb.children if c.dep_ in ("aux", "auxpass")]
    words = {c.lower_ for c in auxes}
    if words & _FUTURE_AUX:
        return "future"
    if verb.tag_ == "VB" and words & {"to", "going"}:
        # an infinitive looks ahead only under a verb of planning; else it takes its governor's tense
        if verb.head.lemma_ in _PLANNING_LEMMAS or "going" in words or verb.head.lemma_ == "go":
            return "future"
        governor = verb.head
        while governor.pos_ not in ("VERB", "AUX") and governor.head.i != governor.i and depth < 4:
            governor, depth = governor.head, depth + 1
        if governor.pos_ in ("VERB", "AUX") and governor.i != verb.i and depth < 4:
            return _verb_direction(governor, depth + 1)
        return None
    if verb.tag_ == "VBD" or any(c.tag_ == "VBD" for c in auxes) or verb.tag_ == "VBN" and words & _PERFECT_AUX:
        return "past"
    if verb.tag_ == "VBG" and words & _PRESENT_BE:
        return "future"  # "talks are resuming Monday": the progressive schedules
    if verb.tag_ == "VBN" and not words:
        return "past"  # reduced clause: "quoted Tuesday"
    if words & _MODAL_AUX:
        return "future"  # "would meet Friday", "could come as soon as Tuesday"
    return None


def _direction_in_doc(doc, start: int, end: int) -> Direction:
    """Direction of the verb governing doc.text[start:end], found by walking up the parse."""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or not len(span):
        return None
    token = span.root
    for _ in range(8):
        if token.pos_ in ("VERB", "AUX"):
            return _verb_direction(token)
        if token.lower_ in _OPEN_ENDED or token.head.i == token.i:
            return None  # "payable Dec. 7", "extended to Nov. 20": a deadline may lie ahead of a past verb
        token = token.head
    return None


def _direction_in_text(text: str, start: int, end: int) -> Direction:
    """Without a parse: future when the sentence around the time has a future cue, else no clue."""
    floor = max(0, start - 160)
    left = max([floor] + [text.rfind(c, floor, start) + 1 for c in ".!?\n"])
    rights = [i for i in (text.find(c, end, end + 80) for c in ".!?\n") if i >= 0]
    window = text[left:min(rights) if rights else end + 80]
    return "future" if tp.FUTURE_CUES.search(window) else None


# ---------------------------------------------------------------- finding and choosing

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
        counts = token.dep_ == "nummod" and token.head.tag_ == "NNS" and token.head.lower_ not in _UNIT_SINGULAR
        return not counts or token.i > 0 and token.nbor(-1).tag_ in ("DT", "PRP$", "POS")
    if name == "month" and not m["rel"]:
        token = span[-1]
        return token.ent_type_ == "DATE" or token.tag_ == "NNP" and not token.ent_type_
    if name == "fuzzy" and m["w"].lower() in _AMBIGUOUS_FUZZY:
        return span[0].pos_ == "ADJ"
    return True


class _Found:
    """A chosen expression: its extent, the rule that found it and its normalised form."""

    __slots__ = ("start", "end", "rule", "norm")

    def __init__(self, start: int, end: int, rule: str, norm: _Norm):
        self.start, self.end, self.rule, self.norm = start, end, rule, norm


def _merged(ranges) -> list[tuple[int, int]]:
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


def _find(text: str, base: int, ref: dt.date | None, direction_at, doc=None, skip=()) -> list[_Found]:
    """All time expressions in text (offsets shifted by base): every rule, then the longest wins."""
    found = []
    hits = _anchor_hits(text)
    for name, regex in tp.RULES:
        normalise = _NORMALISERS[name]
        use_x = "x" in regex.groupindex
        for m in (m for lo, hi in _windows(text, name, hits) for m in regex.finditer(text, lo, hi)):
            s, e = m.span("x") if use_x else m.span()
            s, e = s + base, e + base
            if skip and name in _NUMERIC_RULES and _overlaps(s, e, skip):
                continue
            if not _plausible(doc, name, m, s, e):
                continue
            norm = normalise(m, _Context(ref, lambda s=s, e=e: direction_at(s, e)))
            if norm is not None:
                found.append(_Found(s, e, name, norm))
    found.sort(key=lambda f: (f.start - f.end, _RULE_RANK[f.rule]))
    taken = bytearray(len(text) + 1)
    kept = []
    for f in found:
        if 1 in taken[f.start - base:f.end - base]:
            continue
        taken[f.start - base:f.end - base] = b"\x01" * (f.end - f.start)
        kept.append(f)
    kept.sort(key=lambda f: f.start)
    kept = _resolve_references(text, base, kept)
    return _widen_edges(text, base, _join_clock_and_day(text, base, kept))


def _repeat_value(value: str, unit: str) -> str | None:
    """What "that <unit>" means when it repeats a time whose value is given: "that year" of "2016-03-05"."""
    day = _DAY_VALUE.match(value)
    if unit == "quarter":
        return value if "-Q" in value else None
    if unit == "year":
        return value[:4]
    if unit == "month":
        return value[:7] if re.match(r"\d{4}-\d{2}\b", value) else None
    if not day:
        return None
    if unit == "week":
        return _iso_week(dt.date(int(day[1]), int(day[2]), int(day[3])))
    return value[:10] + (f"T{tp.PARTS_OF_DAY[unit]}" if unit in tp.PARTS_OF_DAY else "")


def _antecedent(text: str, base: int, before: list[_Found], f: _Found) -> _Found | None:
    """The time f counts from or repeats: the last one told before it that has the right kind of value."""
    scope = f.norm.shift[2] if f.norm.shift else "text"
    for prev in reversed(before):
        if f.start - prev.end > _LOOKBACK:
            return None
        if scope != "text" and _SENTENCE_END.search(text, prev.end - base, f.start - base):
            return None
        value = prev.norm.value or ""
        if prev.norm.counts_from_text or not _VALUE_PARTS.fullmatch(value[:10]):
            continue  # only times placed on their own can anchor others
        if f.norm.anaphor and not _repeat_value(value, f.norm.anaphor):
            continue
        if f.norm.shift and not _VALUE_PARTS.fullmatch(value):
            continue
        if scope == "period" and not _PERIOD_VALUE.fullmatch(value):
            continue
        return prev
    return None


def _resolve_references(text: str, base: int, found: list[_Found]) -> list[_Found]:
    """Count "a year earlier" from the time told before it; give "that day" the value of the day told."""
    out: list[_Found] = []
    for f in found:
        n = f.norm
        if n.shift or n.anaphor:
            prev = _antecedent(text, base, out, f)
            if n.anaphor:
                if prev is None and n.anaphor == "quarter":
                    continue  # "the quarter" with no quarter told before: perhaps a game's, not a date
                if prev is not None:
                    f.norm = _Norm(n.type, _repeat_value(prev.norm.value, n.anaphor), prev.norm.relative,
                                   anaphor=n.anaphor)
            elif prev is not None and _shift_value(prev.norm.value, n.shift[0], n.shift[1]):
                value = _shift_value(prev.norm.value, n.shift[0], n.shift[1])
                f.norm = _Norm("date", value, prev.norm.relative, shift=n.shift)
        out.append(f)
    return out


def _is_day(f: _Found) -> bool:
    v = f.norm.value or ""
    return f.norm.type == "date" and (bool(_DAY_VALUE.match(v)) or v.startswith("XXXX-WXX-"))


def _join_clock_and_day(text: str, base: int, found: list[_Found]) -> list[_Found]:
    """Join "3 p.m." and "Tuesday" (either order) into one time of that day."""
    out: list[_Found] = []
    for f in found:
        prev = out[-1] if out else None
        if prev is not None:
            gap = text[prev.end - base:f.start - base]
            clock, day = (prev, f) if prev.rule == "clock" else (f, prev)
            pattern = tp.CLOCK_DATE_GAP if prev is clock else tp.DATE_CLOCK_GAP
            if clock.rule == "clock" and _is_day(day) and pattern.match(gap):
                hhmm = clock.norm.value.split("T", 1)[1]
                norm = _Norm("time", f"{day.norm.value}T{hhmm}", day.norm.relative)
                out[-1] = _Found(prev.start, f.end, "clock", norm)
                continue
        out.append(f)
    return out


def _widen_edges(text: str, base: int, found: list[_Found]) -> list[_Found]:
    """Take "the end of" into a date after it: "the end of November", "the beginning of 2016"."""
    floor = base
    for f in found:
        if f.norm.type == "date":
            m = tp.EDGE_PREFIX.search(text, max(floor, f.start - 40) - base, f.start - base)
            if m:
                f.start = m.start() + base
        floor = f.end
    return found


def _to_time(f: _Found, index: int, text: str, ref_anchor: str | None) -> Time:
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

    skip: character ranges known not to be times (numbers already taken as quantities); a bare
    number (a year, a decade, a clock time) overlapping one is not taken as a time.
    """
    text = doc.text
    found = _find(text, 0, published, lambda s, e: _direction_in_doc(doc, s, e), doc=doc, skip=_merged(skip))
    return [_to_time(f, i, text, "publication" if published else None) for i, f in enumerate(found, 1)]


def reanchor_time(time: Time, doc_text: str, anchor: dt.date, doc=None) -> Time:
    """Re-normalise a relative time against another date (when a quote was said): anchor "speech".

    Absolute times come back unchanged. With the spaCy doc the governing verb's tense decides
    the direction of a bare weekday; without it, future cues in the sentence do.
    """
    if time.anchor == "absolute":
        return time.model_copy()
    if doc is not None:
        direction_at = lambda s, e: _direction_in_doc(doc, s, e)  # noqa: E731
    else:
        direction_at = lambda s, e: _direction_in_text(doc_text, s, e)  # noqa: E731
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
    m = _DAY_VALUE.match(time.value or "")
    if not m:
        return None
    try:
        return dt.date(int(m[1]), int(m[2]), int(m[3]))
    except ValueError:
        return None
