"""Lexicons and precompiled regexes for time expressions: the data behind extract/time.py.

Each entry of RULES is (name, regex); time.py holds one normaliser per name. A rule runs
only in short windows around its ANCHORS (words every match contains), found by one scan
of the text. Month, weekday and holiday names match case-sensitively (Title or UPPER case)
so that "may", "march" or "sun" stay words.
"""
from __future__ import annotations

import re

MONTHS = {
    "january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7,
    "august": 8, "september": 9, "october": 10, "november": 11, "december": 12,
}
MONTH_ABBREVIATIONS = {
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9, "sept": 9,
    "oct": 10, "nov": 11, "dec": 12,
}
WEEKDAYS = {
    "monday": 1, "tuesday": 2, "wednesday": 3, "thursday": 4, "friday": 5, "saturday": 6, "sunday": 7,
}
# only dotted abbreviations: "Sun" and "Sat" alone are too often other words
WEEKDAY_ABBREVIATIONS = {
    "mon.": 1, "tue.": 2, "tues.": 2, "wed.": 3, "thu.": 4, "thur.": 4, "thurs.": 4, "fri.": 5, "sat.": 6,
}
PARTS_OF_DAY = {"morning": "MO", "afternoon": "AF", "evening": "EV", "night": "NI", "tonight": "NI"}
SEASONS = {"spring": "SP", "summer": "SU", "fall": "FA", "autumn": "FA", "winter": "WI"}

NUMBER_WORDS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
    "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20,
    "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90,
    "a dozen": 12, "a hundred": 100, "one hundred": 100, "a thousand": 1000,
    "a couple of": 2, "a couple": 2, "couple of": 2,
}
# counts that say "some number of": the TIMEX3 value gets X
VAGUE_COUNTS = ("several", "a few", "few", "many", "dozens of", "hundreds of", "thousands of")
ORDINALS = {
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7, "eighth": 8,
    "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12, "thirteenth": 13, "fourteenth": 14,
    "fifteenth": 15, "sixteenth": 16, "seventeenth": 17, "eighteenth": 18, "nineteenth": 19,
    "twentieth": 20, "twenty-first": 21, "1st": 1, "2nd": 2, "3rd": 3, "4th": 4,
}

# unit word -> (TIMEX3 designator, multiplier, is a clock unit written after "T")
UNITS = {
    "second": ("S", 1, True), "minute": ("M", 1, True), "hour": ("H", 1, True),
    "day": ("D", 1, False), "night": ("D", 1, False), "week": ("W", 1, False), "fortnight": ("W", 2, False),
    "month": ("M", 1, False), "quarter": ("M", 3, False), "year": ("Y", 1, False),
    "decade": ("Y", 10, False), "century": ("Y", 100, False),
}
# the TIMEX3 designator of a vague plural ("decades" -> PXDE), where it differs from UNITS
VAGUE_UNIT_DESIGNATORS = {"decade": "DE", "century": "CE", "quarter": "Q", "fortnight": "W"}

SET_ADVERBS = {
    "hourly": "PT1H", "daily": "P1D", "nightly": "P1D", "weekly": "P1W", "biweekly": "P2W",
    "monthly": "P1M", "yearly": "P1Y", "annually": "P1Y", "biannually": "P6M",
}
FUZZY = {
    "now": "PRESENT_REF", "right now": "PRESENT_REF", "currently": "PRESENT_REF", "presently": "PRESENT_REF",
    "nowadays": "PRESENT_REF", "these days": "PRESENT_REF", "at present": "PRESENT_REF",
    "the present": "PRESENT_REF", "current": "PRESENT_REF",
    "recently": "PAST_REF", "lately": "PAST_REF", "recent": "PAST_REF", "the past": "PAST_REF",
    "the distant past": "PAST_REF", "the recent past": "PAST_REF",
    "soon": "FUTURE_REF", "the future": "FUTURE_REF", "the near future": "FUTURE_REF",
    "the distant future": "FUTURE_REF", "the foreseeable future": "FUTURE_REF", "in future": "FUTURE_REF",
}
# fixed-date holidays (month, day); moving ones are computed in time.py
HOLIDAYS = {
    "new year's day": (1, 1), "new year's eve": (12, 31), "valentine's day": (2, 14),
    "halloween": (10, 31), "christmas eve": (12, 24), "christmas day": (12, 25), "christmas": (12, 25),
    "boxing day": (12, 26),
}
MOVING_HOLIDAYS = ("thanksgiving day", "thanksgiving", "easter sunday", "easter")
DECADE_WORDS = {
    "twenties": 2, "thirties": 3, "forties": 4, "fifties": 5, "sixties": 6, "seventies": 7,
    "eighties": 8, "nineties": 9,
}
TIME_ZONES = ("GMT", "UTC", "EST", "EDT", "CST", "CDT", "MST", "MDT", "PST", "PDT", "ET", "BST", "CET",
              "CEST", "KST", "JST", "IST", "local time")


def _alt(words) -> str:
    """A regex alternation of literal words, longest first so the longest one wins."""
    return "|".join(re.escape(w) for w in sorted(set(words), key=len, reverse=True))


def _cased(words) -> str:
    """Title-case and UPPER-case forms of words, matched case-sensitively."""
    forms = set()
    for w in words:
        forms.add(" ".join(p[:1].upper() + p[1:] for p in w.split(" ")))
        forms.add(w.upper())
    return f"(?-i:{_alt(forms)})"


MONTH = "(?:" + _cased(MONTHS) + "|" + _cased(MONTH_ABBREVIATIONS) + r"\.?)"
MONTH_FULL = "(?:" + _cased(MONTHS) + r"|(?-i:Sept\.))"
WEEKDAY = "(?:" + _cased(WEEKDAYS) + "|" + _cased(WEEKDAY_ABBREVIATIONS) + ")"
WEEKDAY_FULL = _cased(WEEKDAYS)
_ONES = "one|two|three|four|five|six|seven|eight|nine"
_TEENS = "ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen"
_TENS = "twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety"
NUMBER = (rf"(?:\d{{1,3}}(?:,\d{{3}})+|\d+(?:\.\d+)?|(?:{_TENS})(?:[- ](?:{_ONES}))?|{_TEENS}|"
          + _alt(list(NUMBER_WORDS) + list(VAGUE_COUNTS)) + ")")
UNIT = (r"(?P<unit>second|minute|hour|day|night|week|fortnight|month|quarter|year|decade|centur(?=y|ies))"
        r"(?:s|y|ies)?")
PART_OF_DAY = r"(?P<pod>morning|afternoon|evening|night)"
SEASON = rf"(?P<season>{_alt(SEASONS)})"
YEAR = r"(?P<y>1[5-9]\d\d|20\d\d)"
DAY = r"(?P<d>[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?"
ORDINAL = _alt(ORDINALS)
# a word boundary that also refuses a hyphen or digit just before, so "3-2017" is no year
START = r"(?<![\w$#-])"
END = r"(?![\w-]|[.,]\d)"
# words between a count and its unit that keep it a duration: "two more weeks", "eight trading days"
COUNTED_UNIT_MODIFIER = r"(?:more|additional|further|extra|straight|consecutive|full|trading|business|working)"
RELATIVE = (r"(?P<rel>this past|this coming|the coming|the past|the previous|the following|the next|the last|"
            r"the same|the full|this|last|next|past|previous|coming|current|the current|following)")

_PATTERNS = {
    "iso_date": rf"{START}{YEAR}-(?P<m>0[1-9]|1[0-2])-(?P<d>0[1-9]|[12]\d|3[01]){END}",
    "slash_date": rf"{START}(?P<a>\d{{1,2}})/(?P<b>\d{{1,2}})/(?P<y>\d{{4}}|\d{{2}}){END}",
    "month_day": rf"{START}(?:(?P<wd>{WEEKDAY}),?\s+)?(?:(?P<mod>early|mid-?|late)\s*)?(?P<mon>{MONTH})\s+{DAY}{END}"
                 rf"(?:,?\s+{YEAR}{END})?",
    "day_month": rf"{START}(?:(?P<wd>{WEEKDAY}),?\s+)?(?:the\s+)?{DAY}\s+(?:of\s+)?(?P<mon>{MONTH})(?![\w-])"
                 rf"(?:,?\s+{YEAR}{END})?",
    "month_year": rf"{START}(?:(?P<mod>early|mid-?|late)\s*)?(?P<mon>{MONTH}),?\s+(?:of\s+)?{YEAR}{END}",
    "month": rf"{START}(?:(?P<rel>this past|this coming|last|next|this|early|mid-?|late)\s*)?"
             rf"(?P<mon>{MONTH_FULL})(?![\w-])",
    "weekday": rf"{START}(?:(?P<rel>this past|this coming|last|next|this|coming|past|early|late)\s+)?"
               rf"(?P<wd>{WEEKDAY})(?P<plural>s)?(?![\w-])(?:\s+{PART_OF_DAY}\b)?",
    "deictic_day": r"\b(?:(?P<mod>early|late)\s+)?(?P<day>the day before yesterday|the day after tomorrow|yesterday|"
                   rf"today|tomorrow|tonight)\b(?:\s+{PART_OF_DAY}\b)?",
    "this_part_of_day": rf"\b(?P<rel>this|last)\s+{PART_OF_DAY}\b",
    "relative_unit": rf"\b(?:(?P<mod>earlier|later|early|late)\s+)?{RELATIVE}\s+(?:fiscal\s+(?=year))?"
                     r"(?P<unit>weekend|week|month|year|decade|century|day|morning|afternoon|evening|night)"
                     r"\b(?![\w-])",
    "the_weekend": r"\bthe\s+weekend\b",
    "edge_of_unit": r"\b(?:the\s+)?(?P<edge>end|beginning|start|middle|close|turn)\s+of\s+"
                    r"(?P<rel>the|this|last|next)\s+(?P<unit>week|month|quarter|year|decade|century)\b",
    "year_end": r"\b(?P<rel>year)[- ]end\b",
    "ago": rf"\b(?:(?P<num>{NUMBER})[\s-]+)?{UNIT}\s+(?P<dir>ago|from now|hence|earlier|later)\b",
    "year_ago_adjective": r"\b(?:the\s+)?(?:(?:comparable|same|corresponding)\s+)?year-(?:earlier|ago)"
                          r"(?:\s+(?:period|quarter|month|week))?\b",
    "anaphoric_unit": r"\b(?:(?:the|that)\s+(?:same\s+)?(?P<quarter>quarter)|(?:that|the\s+same)\s+"
                      r"(?P<unit>day|week|month|year|morning|afternoon|evening|night)"
                      r"|the\s+(?:latest|most\s+recent)\s+(?P<period>period))\b(?!\s+of\b)",
    "year_ended": r"\b(?:the\s+)?(?:(?:fiscal|financial)\s+)?year(?=\s+(?:ended|ending)\b)",
    "duration": rf"\b(?:(?P<the>the\s+)?(?P<rel>next|past|last|first|final|coming|previous|following|remaining|"
                rf"initial|latest|other)\s+)?(?P<num>{NUMBER})[\s-]+(?:{COUNTED_UNIT_MODIFIER}\s+)?{UNIT}\b"
                rf"(?P<old>[\s-]+old\b)?",
    "vague_duration": r"\b(?:(?P<the>the\s+)?(?P<rel>recent|coming|past|next|last|previous|first|several|many|few|"
                      r"a few|some|following)\s+)?(?P<unit>seconds|minutes|hours|days|weeks|months|years|decades|"
                      r"centuries)\b(?P<old>[\s-]+old\b)?",
    "set_every": rf"\b(?P<q>every|each|per)\s+(?:(?P<other>other)\s+)?(?:(?P<num>{NUMBER})\s+)?"
                 rf"(?:{UNIT}|(?P<wd>{WEEKDAY_FULL})|(?P<mon>{MONTH_FULL})|{PART_OF_DAY})\b",
    "set_times": rf"\b(?P<q>once|twice|thrice|(?:{NUMBER})\s+times)\s+an?\s+{UNIT}\b",
    "set_adverb": rf"\b(?P<adv>{_alt(SET_ADVERBS)})\b",
    "set_weekdays": rf"\bon\s+(?P<x>(?P<wd>{WEEKDAY_FULL})s)\b",
    "set_rate": r"(?:\d|\b(?:million|billion|thousand|hundred|dollars|euros|pounds|percent|people|times))\s+"
                r"(?P<x>an?\s+(?P<unit>day|week|month|year))\b(?!\s+(?:ago|earlier|later))",
    "year": rf"{START}(?:(?:the\s+)?(?P<mod>early|mid-?|late|fiscal|calendar|the year|year)[\s-]*)?"
            rf"{YEAR}{END}(?!\s*(?:%|percent\b))",
    "spoken_year": rf"\b(?:the\s+year\s+)?nineteen[\s-]+(?P<tens>{_TENS})(?:[- ](?P<ones>{_ONES}))?\b"
                   rf"|\bthe\s+year\s+two\s+thousand(?:\s+and\s+(?P<ones2>{_ONES}|{_TEENS}))?\b",
    "season_year": rf"\b(?:the\s+)?(?:(?P<mod>early|late)\s+)?{SEASON}(?:\s+of)?,?\s+{YEAR}{END}",
    "season": rf"\b(?:(?P<rel>this past|this coming|the past|the coming|the early|the late|last|next|this|the|"
              rf"early|late|past|coming)\s+){SEASON}\b",
    "decade": rf"{START}(?:the\s+)?(?:(?P<mod>early|mid-?|late)[\s-]*)?"
              r"(?:(?P<dec>1[5-9]\d0|20\d0)'?s|'(?P<short>\d0)'?s)\b",
    "decade_word": rf"\bthe\s+(?:(?P<mod>early|mid-?|late)[\s-]*)?(?P<word>{_alt(DECADE_WORDS)})\b",
    "century": rf"\b(?:the\s+)?(?P<ord>\d{{1,2}}(?:st|nd|rd|th)|{ORDINAL})[\s-]+century\b",
    "quarter": rf"\b(?:(?P<the>the\s+)?(?:(?P<y0>1[5-9]\d\d|20\d\d)\s+|(?P<yrel0>this|last|next)\s+year['’]s\s+"
               rf"|(?P<ago>year-(?:ago|earlier))\s+)?(?:fiscal[\s-]+)?"
               rf"(?P<ord>first|second|third|fourth|1st|2nd|3rd|4th)[\s-]+)quarter\b"
               rf"(?:\s+of\s+(?:{YEAR}\b|(?P<yrel>this|last|next)\s+year\b))?",
    "quarter_relative": r"\b(?:the\s+)?(?P<rel>latest|last|past|previous|current|this|next|coming|most recent)"
                        r"\s+quarter\b",
    "half_year": rf"\b(?:the\s+)?(?P<ord>first|second)\s+half\s+of\s+"
                 rf"(?:{YEAR}\b|(?P<yrel>this|last|next)\s+year\b)",
    "clock": r"(?<![\w:.])(?:(?P<h>1[0-2]|0?[1-9])(?::(?P<mi>[0-5]\d))?\s*(?P<ap>[ap]\.m\.|[ap]m\b|[ap]\.m\b)"
             r"|(?P<h24>[01]?\d|2[0-3]):(?P<mi24>[0-5]\d)(?![\d:])"
             r"|(?P<hhmm>[01]\d|2[0-3])(?P<mm>[0-5]\d)(?=\s+(?:GMT|UTC|hours|hrs)\b)(?:\s+(?:hours|hrs)\b)?"
             r"|(?P<word>noon|midday|midnight))"
             rf"(?:\s+(?P<tz>(?-i:{_alt(TIME_ZONES)}))\b)?",
    "fuzzy": rf"\b(?<!as )(?P<w>{_alt(FUZZY)})\b(?![-])",
    "holiday": rf"\b(?:(?P<rel>last|next|this)\s+)?(?P<h>{_cased(list(HOLIDAYS) + list(MOVING_HOLIDAYS))})\b"
               rf"(?:,?\s+{YEAR}{END})?",
}

# The words (or number shapes) every match of a rule contains, and how far a match may reach
# before and after one. One scan finds all of them; each rule then runs only in short windows
# around its own anchors, which keeps the cost low: most text holds no time words at all.
_UNITS_SINGULAR = ("second", "minute", "hour", "day", "night", "week", "fortnight", "month", "quarter", "year",
                   "decade", "century")
_UNITS_PLURAL = tuple(u + "s" for u in _UNITS_SINGULAR[:-1]) + ("centuries",)
_MONTH_WORDS = tuple(MONTHS) + tuple(MONTH_ABBREVIATIONS)
_WEEKDAY_WORDS = (tuple(WEEKDAYS) + tuple(w.rstrip(".") for w in WEEKDAY_ABBREVIATIONS)
                  + tuple(w + "s" for w in WEEKDAYS))
_PARTS = ("morning", "afternoon", "evening", "night")
ANCHORS: dict[str, tuple[tuple[str, ...], int, int]] = {
    "iso_date": (("<year>",), 0, 10), "slash_date": (("<slash>",), 0, 10),
    "month_day": (_MONTH_WORDS, 25, 20), "day_month": (_MONTH_WORDS, 30, 10), "month_year": (_MONTH_WORDS, 10, 15),
    "month": (_MONTH_WORDS, 15, 3), "weekday": (_WEEKDAY_WORDS, 15, 12), "set_weekdays": (_WEEKDAY_WORDS, 5, 3),
    "deictic_day": (("yesterday", "today", "tomorrow", "tonight"), 30, 12),
    "this_part_of_day": (_PARTS, 8, 2), "the_weekend": (("weekend",), 6, 2),
    "relative_unit": (("weekend", "week", "month", "year", "decade", "century", "day") + _PARTS, 35, 2),
    "edge_of_unit": (("end", "beginning", "start", "middle", "close", "turn"), 6, 25), "year_end": (("end",), 6, 2),
    "ago": (("ago", "now", "hence", "earlier", "later"), 40, 5), "year_ago_adjective": (("year",), 30, 12),
    "anaphoric_unit": (("quarter", "day", "week", "month", "year", "period") + _PARTS, 20, 2),
    "year_ended": (("year",), 20, 2),
    "duration": (_UNITS_SINGULAR + _UNITS_PLURAL, 40, 6),
    "vague_duration": (_UNITS_PLURAL, 20, 6), "set_every": (("every", "each", "per"), 2, 30),
    "set_times": (("once", "twice", "thrice", "times"), 25, 12), "set_rate": (("day", "week", "month", "year"), 25, 2),
    "set_adverb": (tuple(SET_ADVERBS), 0, 0), "year": (("<year>",), 20, 5),
    "spoken_year": (("nineteen", "thousand"), 12, 25), "season_year": (("<year>",), 25, 2),
    "season": (tuple(SEASONS), 15, 2), "decade": (("<decade>",), 15, 2), "decade_word": (tuple(DECADE_WORDS), 15, 2),
    "century": (("century",), 20, 2), "quarter": (("quarter",), 32, 20), "quarter_relative": (("quarter",), 20, 2),
    "half_year": (("half",), 15, 20),
    "clock": (("<clock>", "m", "am", "pm", "noon", "midday", "midnight", "gmt", "utc", "hours", "hrs"), 12, 12),
    "fuzzy": (("now", "currently", "presently", "nowadays", "days", "present", "recently", "lately", "recent",
               "current", "past", "future", "soon"), 15, 2),
    "holiday": (("christmas", "halloween", "thanksgiving", "easter", "valentine", "eve", "boxing", "year"), 15, 12),
}
# anchors are looked up word by word: one cheap scan, then a set lookup per word
ANCHOR_WORDS = frozenset(w for words, _, _ in ANCHORS.values() for w in words if not w.startswith("<"))
WORD_SCAN = re.compile(r"[A-Za-z]+|\d+(?:[:/]\d+)*(?:'?s\b)?")

RULES: tuple[tuple[str, re.Pattern], ...] = tuple(
    (name, re.compile(pattern, re.IGNORECASE)) for name, pattern in _PATTERNS.items()
)
# a time of day next to a day-valued date, joined into one expression ("3 p.m. Tuesday")
CLOCK_DATE_GAP = re.compile(r"\A(?:,?\s+(?:on\s+)?|\s+)\Z", re.IGNORECASE)
DATE_CLOCK_GAP = re.compile(r"\A(?:,?\s+(?:at\s+)?|\s+)\Z", re.IGNORECASE)
# words before "a year ago" that make it a comparison with the period just told ("up from a year ago")
COMPARISON_CUE = re.compile(r"\b(?:from|than|with|to|over|versus|vs\.?)\s+\Z", re.IGNORECASE)
# "the end of" before a date widens it: "the end of November", "the end of 1990"
EDGE_PREFIX = re.compile(r"(?:\bthe\s+)?\b(?:end|beginning|start|middle|close|turn)\s+of\s+\Z", re.IGNORECASE)
# words in the clause before a time that say it lies ahead, when no parse is at hand
FUTURE_CUES = re.compile(r"\b(?:will|won't|'ll|shall|would|could|might|going to|plans? to|expected to|"
                         r"scheduled to|due to|set to)\b", re.IGNORECASE)
