"""One normaliser per rule of patterns.RULES: a regex match -> TIMEX3 type and value.

A normaliser sees the match and a Context (the reference date, and the tense direction on
demand) and returns a Norm, or None when the match is not a time after all ("a second time",
"55 years old"). Times that count from another time in the text ("a year earlier", "that
day") carry a shift or anaphor; discourse resolves them once all times are found.
"""
from __future__ import annotations

import datetime as dt
import re
from typing import Callable

from storyline.extract.time import calendar as cal
from storyline.extract.time import patterns as tp
from storyline.extract.time.tense import Direction

DAY_WORDS = {"the day before yesterday": -2, "yesterday": -1, "today": 0, "tonight": 0, "tomorrow": 1,
             "the day after tomorrow": 2}
UNIT_SINGULAR = {"seconds": "second", "minutes": "minute", "hours": "hour", "days": "day", "weeks": "week",
                 "months": "month", "years": "year", "decades": "decade", "centuries": "century"}


class Norm:
    """A normalised expression: TIMEX3 type and value, and whether the value used a reference date.

    shift: (amount, unit, scope) when the value counts from another time in the text ("a year
    earlier"); scope says where to look for that time (see discourse._antecedent);
    anaphor: the unit of a time that repeats an earlier one ("the quarter").
    """

    __slots__ = ("type", "value", "relative", "shift", "anaphor")

    def __init__(self, type_: str, value: str | None, relative: bool = False, shift=None, anaphor=None):
        self.type, self.value, self.relative = type_, value, relative
        self.shift, self.anaphor = shift, anaphor

    @property
    def counts_from_text(self) -> bool:
        return self.shift is not None or self.anaphor is not None


class Context:
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
    """The singular unit a word names: "days" -> "day", "centuries" -> "century"."""
    w = word.lower()
    return "century" if w.startswith("centur") else UNIT_SINGULAR.get(w, w)


def _month_number(word: str) -> int:
    """1-12 for a month name or abbreviation ("Sept." -> 9)."""
    w = word.lower().rstrip(".")
    return tp.MONTHS.get(w) or tp.MONTH_ABBREVIATIONS[w]


def _weekday_number(word: str) -> int:
    """ISO weekday, 1 (Monday) to 7, for a weekday name or abbreviation."""
    w = word.lower()
    return tp.WEEKDAYS.get(w) or tp.WEEKDAY_ABBREVIATIONS[w]


def _shift_mode(rel: str | None, direction: Direction) -> str:
    """How "last"/"next"/a bare name picks among instances: 'last', 'next', 'past' or 'future'."""
    rel = (rel or "").lower()
    if rel in ("last", "this past", "past"):
        return "last"
    if rel in ("next", "this coming", "coming"):
        return "next"
    return "future" if direction == "future" else "past"


# ---------------------------------------------------------------- normalisers, one per rule

def _absolute_day(y: int, m: int, d: int) -> Norm | None:
    value = cal.day_value(y, m, d)
    return Norm("date", value) if value else None


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
        return Norm("date", f"XXXX-{month:02d}-{day:02d}", True)
    year = cal.year_of(ctx.ref, month, day, ctx.direction)
    norm = _absolute_day(year, month, day)
    if norm:
        norm.relative = True
    return norm


def _n_month_year(m, ctx):
    return Norm("date", cal.ym(int(m["y"]), _month_number(m["mon"])))


def _n_month(m, ctx):
    month = _month_number(m["mon"])
    if ctx.ref is None:
        return Norm("date", f"XXXX-{month:02d}", True)
    rel = (m["rel"] or "").lower()
    y = ctx.ref.year
    if rel in ("last", "this past"):
        y -= month >= ctx.ref.month
    elif rel in ("next", "this coming"):
        y += month <= ctx.ref.month
    elif rel != "this":
        y = cal.year_of(ctx.ref, month, None, ctx.direction)
    return Norm("date", cal.ym(y, month), True)


def _n_weekday(m, ctx):
    weekday = _weekday_number(m["wd"])
    pod = tp.PARTS_OF_DAY.get((m["pod"] or "").lower())
    if m["plural"]:
        return Norm("set", f"XXXX-WXX-{weekday}")
    if ctx.ref is None:
        return Norm("time" if pod else "date", f"XXXX-WXX-{weekday}" + (f"T{pod}" if pod else ""), True)
    day = cal.weekday_date(ctx.ref, weekday, _shift_mode(m["rel"], ctx.direction))
    return Norm("time" if pod else "date", day.isoformat() + (f"T{pod}" if pod else ""), True)


def _n_deictic_day(m, ctx):
    word = m["day"].lower()
    pod = tp.PARTS_OF_DAY.get((m["pod"] or "").lower()) or ("NI" if word == "tonight" else None)
    if ctx.ref is None:
        return Norm("time" if pod else "date", None, True)
    day = ctx.ref + dt.timedelta(days=DAY_WORDS[word])
    return Norm("time" if pod else "date", day.isoformat() + (f"T{pod}" if pod else ""), True)


def _n_this_part_of_day(m, ctx):
    if ctx.ref is None:
        return Norm("time", None, True)
    pod = tp.PARTS_OF_DAY[m["pod"].lower()]
    day = ctx.ref - dt.timedelta(days=m["rel"].lower() == "last")
    return Norm("time", f"{day.isoformat()}T{pod}", True)


# steps from the reference date ("last month") and from the time told before ("the following month")
_RELATIVE_STEP = {"this": 0, "current": 0, "the current": 0, "last": -1, "previous": -1, "this past": -1,
                  "next": 1, "coming": 1, "this coming": 1, "the coming": 1}
_NARRATED_STEP = {"the following": 1, "following": 1, "the previous": -1}


def _n_relative_unit(m, ctx):
    rel, unit = " ".join(m["rel"].lower().split()), m["unit"].lower()
    if rel == "the full":  # "sales for the full year": the year being reported on
        return None if unit != "year" or ctx.ref is None else Norm("date", str(ctx.ref.year), True)
    if unit in tp.PARTS_OF_DAY and rel in ("this", "last") and ctx.ref is not None:
        day = ctx.ref - dt.timedelta(days=rel == "last")  # "later this afternoon", "late last night"
        return Norm("time", f"{day.isoformat()}T{tp.PARTS_OF_DAY[unit]}", True)
    step = _NARRATED_STEP.get(rel, 1 if rel == "the next" and unit == "day" else None)
    if step and unit in ("day", "month", "year"):
        # "the following month", "the next day": one step from the time told before (discourse)
        return Norm("date", None, True, shift=(step, unit, "text"))
    if unit in ("day", "morning", "afternoon", "evening", "night"):
        # "the following morning": counted from a narrated time
        return Norm("time" if unit != "day" else "date", None, True)
    if rel in ("past", "the past", "the last", "the next", "the coming"):  # "over the next decade"
        return Norm("duration", cal.duration_value(1, unit if unit != "weekend" else "day").replace("P1D", "P2D"))
    if rel not in _RELATIVE_STEP:  # "the previous week", "the same month": no value of their own
        return Norm("date", None, True)
    if ctx.ref is None:
        return Norm("date", None, True)
    return Norm("date", cal.unit_value(ctx.ref, unit, _RELATIVE_STEP[rel]), True)


def _n_the_weekend(m, ctx):
    if ctx.ref is None:
        return Norm("date", None, True)
    saturday = cal.weekday_date(ctx.ref, 6, "future" if ctx.direction == "future" else "past")
    return Norm("date", cal.iso_week(saturday) + "-WE", True)


def _n_edge_of_unit(m, ctx):
    rel = m["rel"].lower()
    if ctx.ref is None:
        return Norm("date", None, True)
    return Norm("date", cal.unit_value(ctx.ref, m["unit"].lower(), {"last": -1, "next": 1}.get(rel, 0)), True)


def _n_year_end(m, ctx):
    return Norm("date", None if ctx.ref is None else f"{ctx.ref.year}-12-31", True)


def _n_ago(m, ctx):
    n, unit, way = _number(m["num"]) if m["num"] else None, _unit(m["unit"]), m["dir"].lower()
    if unit in ("second", "minute") and m["num"] is None:
        return None
    if n is None:  # "years ago", "several days later"
        if way in ("earlier", "later"):
            return Norm("date", None, True)
        return Norm("date", "PAST_REF" if way == "ago" else "FUTURE_REF", True)
    k = int(round(n)) * (-1 if way in ("ago", "earlier") else 1)
    own = cal.from_ref(ctx.ref, k, unit) if ctx.ref else None
    # "earlier"/"later" count from a time told before; "a year ago" after a quarter or month in the
    # same sentence, or after "from"/"than", means that same period a year before
    if way in ("earlier", "later"):
        scope = "text"
    elif tp.COMPARISON_CUE.search(m.string, max(0, m.start() - 20), m.start()):
        scope = "sentence"
    else:
        scope = "period"
    return Norm("date", own, True, shift=(k, unit, scope))


def _n_year_ago_adjective(m, ctx):
    return Norm("date", str(ctx.ref.year - 1) if ctx.ref else None, True, shift=(-1, "year", "text"))


def _n_year_ended(m, ctx):
    return Norm("duration", "P1Y")  # "the year ended March 31": a twelve-month period


def _n_anaphoric_unit(m, ctx):
    unit = "quarter" if m["period"] else (m["quarter"] or m["unit"]).lower()  # results come by the quarter
    return Norm("time" if unit in tp.PARTS_OF_DAY else "date", None, True, anaphor=unit)


def _n_duration(m, ctx):
    unit = _unit(m["unit"])
    num = m["num"].lower()
    if m["old"] or (unit in ("second", "quarter") and num in ("a", "an", "one")):
        return None  # ages; "a second time"; "a quarter of them"
    if re.fullmatch(r"1[5-9]\d\d|20\d\d", num) and not m["unit"].lower().endswith("s"):
        return None  # "the 1988 quarter" is a date
    if unit == "quarter" and m.string.startswith(" of", m.end()):
        return None  # "three quarters of the vote"
    return Norm("duration", cal.duration_value(_number(num), unit))


def _n_vague_duration(m, ctx):
    if m["old"]:
        return None
    if m["rel"] and m["rel"].lower() == "recent":
        return Norm("date", "PAST_REF")  # "recent years", "in recent days": TimeML's past reference
    return Norm("duration", cal.duration_value(None, _unit(m["unit"])))


def _n_set_every(m, ctx):
    n = _number(m["num"]) if m["num"] else (2 if m["other"] else 1)
    if m["unit"]:
        return Norm("set", cal.duration_value(n, _unit(m["unit"])))
    if m["wd"]:
        return Norm("set", f"XXXX-WXX-{_weekday_number(m['wd'])}")
    if m["mon"]:
        return Norm("set", f"XXXX-{_month_number(m['mon']):02d}")
    return Norm("set", f"XXXX-XX-XXT{tp.PARTS_OF_DAY[m['pod'].lower()]}")


def _n_set_times(m, ctx):
    return Norm("set", cal.duration_value(1, _unit(m["unit"])))


def _n_set_adverb(m, ctx):
    return Norm("set", tp.SET_ADVERBS[m["adv"].lower()])


def _n_set_weekdays(m, ctx):
    return Norm("set", f"XXXX-WXX-{_weekday_number(m['wd'])}")


def _n_set_rate(m, ctx):
    return Norm("set", cal.duration_value(1, _unit(m["unit"])))


def _n_year(m, ctx):
    return Norm("date", m["y"])


def _n_spoken_year(m, ctx):
    ones = tp.NUMBER_WORDS.get((m["ones"] or m["ones2"] or "").lower(), 0)
    return Norm("date", str(1900 + tp.NUMBER_WORDS[m["tens"].lower()] + ones if m["tens"] else 2000 + ones))


def _n_season_year(m, ctx):
    return Norm("date", f"{m['y']}-{tp.SEASONS[m['season'].lower()]}")


def _n_season(m, ctx):
    season = tp.SEASONS[m["season"].lower()]
    if ctx.ref is None:
        return Norm("date", f"XXXX-{season}", True)
    rel = " ".join(m["rel"].lower().split())
    if rel in ("past", "the past"):
        return Norm("duration", "P3M")
    mode = {"this": "this"}.get(rel) or _shift_mode(rel, ctx.direction)
    if mode == "this":
        value = f"{cal.season_of(ctx.ref)[0] if season == 'WI' else ctx.ref.year}-{season}"
    else:
        value = cal.season_value(ctx.ref, season, mode)
    return Norm("date", value, True)


# TIMEX3 writes a decade as its first three digits ("the 1990s" -> "199") and a century as
# its first two ("the 20th century" -> "19"), the granularity implied by the missing digits.
def _n_decade(m, ctx):
    if m["dec"]:
        return Norm("date", m["dec"][:3])
    short = int(m["short"])
    return Norm("date", f"{19 if short >= 30 else 20}{short // 10}")


def _n_decade_word(m, ctx):
    return Norm("date", f"19{tp.DECADE_WORDS[m['word'].lower()]}")


def _n_century(m, ctx):
    word = m["ord"].lower()
    n = tp.ORDINALS.get(word) or int(re.match(r"\d+", word).group())
    return Norm("date", f"{n - 1:02d}")


def _year_of_part(m, ctx, part_index: int, parts: int) -> int | None:
    """The year of a quarter or half given without one: the reference year, moved by tense."""
    given = m.groupdict()
    year, yrel = given["y"] or given.get("y0"), given["yrel"] or given.get("yrel0")
    if year:
        return int(year)
    if yrel:
        return None if ctx.ref is None else ctx.ref.year + {"this": 0, "last": -1, "next": 1}[yrel.lower()]
    if ctx.ref is None:
        return None
    current = (ctx.ref.month - 1) * parts // 12 + 1
    return cal.nearest_year(ctx.ref.year, lambda y: (y - ctx.ref.year) * parts + part_index - current,
                            ctx.direction, cal.AGAINST_TENSE_COST_QUARTERS)


def _n_quarter(m, ctx):
    q = tp.ORDINALS[m["ord"].lower()]
    y = _year_of_part(m, ctx, q, 4)
    if y and m["ago"]:
        y -= 1  # "the year-ago third quarter"
    return Norm("date", f"{y}-Q{q}" if y else f"XXXX-Q{q}", not (m["y"] or m["y0"]))


def _n_quarter_relative(m, ctx):
    if ctx.ref is None:
        return Norm("date", None, True)
    rel = m["rel"].lower()
    step = 0 if rel in ("current", "this") else 1 if rel in ("next", "coming") else -1
    return Norm("date", cal.unit_value(ctx.ref, "quarter", step), True)


def _n_half_year(m, ctx):
    h = tp.ORDINALS[m["ord"].lower()]
    y = _year_of_part(m, ctx, h, 2)
    return Norm("date", f"{y}-H{h}" if y else None, not m["y"])


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
        return Norm("time", f"XXXX-XX-XXT{clock}", True)
    return Norm("time", f"{ctx.ref.isoformat()}T{clock}", True)


def _n_fuzzy(m, ctx):
    return Norm("date", tp.FUZZY[" ".join(m["w"].lower().split())], True)


def _n_holiday(m, ctx):
    name = " ".join(m["h"].split())
    if m["y"]:
        return Norm("date", cal.holiday_date(name, int(m["y"])).isoformat())
    if ctx.ref is None:
        return Norm("date", None, True)
    mode = _shift_mode(m["rel"], ctx.direction)
    y = ctx.ref.year
    this_year = cal.holiday_date(name, y)
    if mode in ("past", "last") and (this_year > ctx.ref or mode == "last" and this_year == ctx.ref):
        y -= 1
    elif mode in ("future", "next") and (this_year < ctx.ref or mode == "next" and this_year == ctx.ref):
        y += 1
    return Norm("date", cal.holiday_date(name, y).isoformat(), True)


_n_day_month = _n_month_day  # the same fields, in the other order
NORMALISERS = {name: globals()[f"_n_{name}"] for name, _ in tp.RULES}
RULE_RANK = {rule[0]: i for i, rule in enumerate(tp.RULES)}
