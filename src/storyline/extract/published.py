"""Publication dates for pages that come without one: from the URL, a dateline at the top, or the latest date stated.

Scraped pages often carry no date in their metadata, and relative times ("Monday",
"yesterday") need one. `infer_published(url, text)` looks, in this order, at:
1. the URL path: "/2017/11/15/", "/2017/nov/15/", "2017-11-15" or "20171115" in a segment,
   "november-15-2017" in a slug. A path that gives only a year and month ("/2017/11/slug")
   or a year ("/2017/slug") sets no date (`published` is a full ISO date); it narrows the
   next two steps instead: a date from the text must lie in that month or year;
2. a dateline in the first lines of the text (the first HEAD_CHARS characters, at most
   HEAD_LINES lines): a labelled date ("Published: 2017-11-13", "Updated 14:02 GMT,
   15 November 2017"), a line that is a date ("Wednesday, Nov. 15, 2017"), an agency
   dateline ("SEOUL, Nov 15 (Reuters) -"), and failing those a dated URL quoted there
   (news-diff and archive pages). Published-type labels beat plain date lines, which beat
   "Updated"; then the topmost wins. A dateline without a year takes the URL's year, else
   the year that puts it nearest the latest full date in the text, else it is skipped;
3. the latest full date the text states anywhere (years after `latest_year` are typos or
   schedules, not publication dates).
Everything is regex work over the URL, the head, and the windows before year-shaped
numbers: linear in the text and independent of the parse, so it can run before the time
extractor, which then resolves relative times against the date found here.
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import NamedTuple
from urllib.parse import urlsplit

from storyline.extract.time import calendar as cal
from storyline.extract.time import patterns as tp
from storyline.model import PublishedSource, Span

HEAD_CHARS = 600  # datelines sit above the story; farther down, a date is about the story
HEAD_LINES = 10
MIN_URL_YEAR = 1990  # no news URL is older; an earlier "year" in a path is an id
# a date line may carry a few words besides the date and its labels: "- ITV Report", "By Ann Lee"
DATE_LINE_MAX_WORDS = 4
AGENCY_DATELINE_REACH = 60  # how far into its line the date of "SEOUL, Nov 15 (Reuters) -" may start
YEAR_WINDOW = 45  # characters before a year that a full date may take: "Wednesday, September 27th, 2017"

# Labels before a date in page furniture, as data; the rank orders them (lower wins).
PUBLISHED_LABELS = ("published", "first published", "published on", "posted", "posted on", "posted at",
                    "posted/updated on", "created", "date", "dated", "publication date", "release date")
UPDATED_LABELS = ("updated", "last updated", "updated on", "updated at", "modified", "last modified", "edited")
RANK_PUBLISHED_LABEL, RANK_DATE_LINE, RANK_UPDATED_LABEL, RANK_QUOTED_URL = 0, 1, 2, 3


def _alternation(words) -> str:
    return "|".join(re.escape(w) for w in sorted(set(words), key=len, reverse=True))


_YEAR = r"(?P<y>(?:19|20)\d\d)(?!\d)"
_DAY = r"(?P<d>[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?"
_WEEKDAY_PREFIX = rf"(?:{tp.WEEKDAY},?\s+)?"
# Full dates as text states them. Each form is searched for in the few characters before a year
# and must end there (\Z at the search's end); ISO dates start at their year instead.
FULL_DATE_FORMS = (
    ("month_day_year", re.compile(rf"(?<!\w){_WEEKDAY_PREFIX}(?P<mon>{tp.MONTH})\s+{_DAY},?\s+{_YEAR}\Z")),
    ("day_month_year", re.compile(rf"(?<!\w){_WEEKDAY_PREFIX}(?:the\s+)?{_DAY}\s+(?:of\s+)?(?P<mon>{tp.MONTH}),?\s+"
                                  rf"{_YEAR}\Z")),
    # "29-03-2021", "29.03.2021" day first; "3/29/2021" month first (as rules reads slashes)
    ("numeric", re.compile(rf"(?<![\d./-])(?P<a>\d{{1,2}})(?P<sep>[-./])(?P<b>\d{{1,2}})(?P=sep){_YEAR}\Z")),
)
ISO_DATE = re.compile(r"(?<![\d-])(?P<y>(?:19|20)\d\d)-(?P<m>0[1-9]|1[0-2])-(?P<d>0[1-9]|[12]\d|3[01])(?!\d)")
ISO_MONTH = re.compile(r"(?<![\d-])(?P<y>(?:19|20)\d\d)-(?P<m>0[1-9]|1[0-2])(?![\d-])")
YEAR_TOKEN = re.compile(r"(?<!\d)(?:19|20)\d\d(?!\d)")
# datelines without a year ("Nov 15", "15 November"): trusted only in a dateline's place
YEARLESS_FORMS = (
    re.compile(rf"(?<!\w){_WEEKDAY_PREFIX}(?P<mon>{tp.MONTH})\s+{_DAY}(?![\w:])"),
    re.compile(rf"(?<!\w){_WEEKDAY_PREFIX}{_DAY}\s+(?P<mon>{tp.MONTH})(?!\w)"),
)

_CLOCK = r"\d{1,2}[:.]\d{2}(?:\s*[ap]\.?m\.?)?(?:\s+[A-Z]{2,4})?"
LABEL_BEFORE = re.compile(
    rf"(?<!\w)(?P<label>{_alternation(PUBLISHED_LABELS + UPDATED_LABELS)})\s*[:\-–—]?\s*(?:{_CLOCK},?\s*)?\Z",
    re.IGNORECASE)
# what a date line may hold besides its dates: clocks, zones, separators, "at", "on", labels
DATE_LINE_FURNITURE = re.compile(
    rf"{_CLOCK}|\b(?:{_alternation(PUBLISHED_LABELS + UPDATED_LABELS)}|at|on|GMT|UTC|[AP]M|ET|BST|IST|EDT|EST)\b"
    r"|[^\w\s]|\d+", re.IGNORECASE)
# a date opens its line or a field of it ("By Ann Lee | Nov. 15, 2017")
FIELD_START = re.compile(r"(?:\A|[|•·]|\s[-–—]\s)[\s,:]*\Z")
# "SEOUL, Nov 15 (Reuters) -", "OSLO (Example Wire - 15th November, 2017)": a place in capitals opens the line
AGENCY_DATELINE = re.compile(r"\s*\(?[A-Z][A-Z'’.-]+(?:\s+[A-Z][A-Z'’.-]+){0,3}"
                             r"(?:,\s+[A-Z][\w.]*(?:\s+[A-Z][\w.]*){0,2})?\s*[,(]")
QUOTED_URL = re.compile(r"https?://\S+")

# URL paths: full dates, in order of trust; then the year-month and year that only narrow.
_URL_MONTH = _alternation(list(tp.MONTHS) + list(tp.MONTH_ABBREVIATIONS))
_URL_MONTH_FULL = _alternation(tp.MONTHS)
_URL_YEAR = r"(?P<y>(?:19|20)\d\d)"
URL_DATE_FORMS = (
    re.compile(rf"/{_URL_YEAR}/(?P<m>0?[1-9]|1[0-2])/(?P<d>0?[1-9]|[12]\d|3[01])(?!\d)"),
    re.compile(rf"/{_URL_YEAR}/(?P<mon>{_URL_MONTH})/(?P<d>0?[1-9]|[12]\d|3[01])(?!\d)", re.IGNORECASE),
    re.compile(rf"(?<!\d){_URL_YEAR}(?P<sep>[-_])(?P<m>0[1-9]|1[0-2])(?P=sep)(?P<d>0[1-9]|[12]\d|3[01])(?!\d)"),
    re.compile(rf"(?<!\d){_URL_YEAR}(?P<m>0[1-9]|1[0-2])(?P<d>0[1-9]|[12]\d|3[01])(?!\d)"),
    # a date opening a long number: a date and time, or a date and a serial ("201904171074217388")
    re.compile(rf"(?<!\d){_URL_YEAR}(?P<m>0[1-9]|1[0-2])(?P<d>0[1-9]|[12]\d|3[01])\d{{4,}}(?!\d)"),
    # month names run into slugs ("briefingmarch-30-2021"); abbreviations need a boundary
    re.compile(rf"(?:(?P<mon>{_URL_MONTH_FULL})|(?<![a-z])(?P<abbr>{_alternation(tp.MONTH_ABBREVIATIONS)}))"
               rf"[-_](?P<d>0?[1-9]|[12]\d|3[01])(?:st|nd|rd|th)?[-_]{_URL_YEAR}(?!\d)", re.IGNORECASE),
    re.compile(rf"(?<![\da-z])(?P<d>0?[1-9]|[12]\d|3[01])(?:st|nd|rd|th)?[-_](?P<mon>{_URL_MONTH})[-_]{_URL_YEAR}"
               rf"(?!\d)", re.IGNORECASE),
)
URL_MONTH_PERIOD = re.compile(rf"/{_URL_YEAR}/(?:(?P<m>0?[1-9]|1[0-2])|(?P<mon>{_URL_MONTH}))(?:/|\Z)", re.IGNORECASE)
URL_YEAR_PERIOD = re.compile(rf"/{_URL_YEAR}(?:/|\Z)")


@dataclass(frozen=True)
class StatedDate:
    """A date the text states, with the characters that state it."""

    day: dt.date
    start: int
    end: int


def _month(word: str) -> int:
    w = word.lower().rstrip(".")
    return tp.MONTHS.get(w) or tp.MONTH_ABBREVIATIONS[w]


def _day(y: int, m: int, d: int, latest_year: int, earliest_year: int = 1900) -> dt.date | None:
    if not earliest_year <= y <= latest_year:
        return None
    try:
        return dt.date(y, m, d)
    except ValueError:
        return None


def _default_latest_year() -> int:
    # the clock is read only here: a date after next year is not when anything was published
    return dt.date.today().year + 1


# ---------------------------------------------------------------- URL

class UrlDate(NamedTuple):
    day: dt.date | None  # the full date the path states
    where: tuple[int, int] | None  # its characters in the URL
    period: str | None  # "2017-11" or "2017" when the path states no full date: text dates must lie in it


def date_from_url(url: str | None, latest_year: int | None = None) -> UrlDate:
    """What the URL's path says of the publication date."""
    if not url:
        return UrlDate(None, None, None)
    latest_year = latest_year or _default_latest_year()
    path = urlsplit(url).path  # the query and fragment hold tracking and sharing dates, not publication
    base = url.find(path) if path else 0
    for form in URL_DATE_FORMS:
        for m in form.finditer(path):
            groups = m.groupdict()
            month_word = groups.get("mon") or groups.get("abbr")
            month = _month(month_word) if month_word else int(m["m"])
            day = _day(int(m["y"]), month, int(m["d"]), latest_year, MIN_URL_YEAR)
            if day:  # the range from the first digit or month letter: "2018/jul/04", not "/2018/jul/04"
                first = min(m.start(g) for g, v in groups.items() if v is not None and g != "sep")
                return UrlDate(day, (base + first, base + m.end()), None)
    m = URL_MONTH_PERIOD.search(path)
    if m and MIN_URL_YEAR <= int(m["y"]) <= latest_year:
        month = _month(m["mon"]) if m["mon"] else int(m["m"])
        return UrlDate(None, None, cal.ym(int(m["y"]), month))
    m = URL_YEAR_PERIOD.search(path)
    if m and MIN_URL_YEAR <= int(m["y"]) <= latest_year:
        return UrlDate(None, None, m["y"])
    return UrlDate(None, None, None)


# ---------------------------------------------------------------- text

def _full_date(name: str, m: re.Match, latest_year: int) -> dt.date | None:
    y = int(m["y"])
    if name == "numeric":
        a, b = int(m["a"]), int(m["b"])
        month, day = (a, b) if m["sep"] == "/" else (b, a)
        if month > 12:
            month, day = day, month
        return _day(y, month, day, latest_year)
    return _day(y, _month(m["mon"]), int(m["d"]), latest_year)


def full_dates(text: str, latest_year: int | None = None, lo: int = 0, hi: int | None = None) -> list[StatedDate]:
    """Every full date (day, month and year) stated in text[lo:hi], in text order.

    Every such date holds a year: one scan finds the years, and each form is tried only in
    the few characters around one, so the cost is linear in the text."""
    latest_year = latest_year or _default_latest_year()
    hi = len(text) if hi is None else hi
    found: list[StatedDate] = []
    taken_to = lo
    for year in YEAR_TOKEN.finditer(text, lo, hi):
        best = None
        m = ISO_DATE.match(text, year.start(), hi)
        if m:
            best = (m, _day(int(m["y"]), int(m["m"]), int(m["d"]), latest_year))
        else:
            for name, form in FULL_DATE_FORMS:
                m = form.search(text, max(taken_to, year.start() - YEAR_WINDOW), year.end())
                if m:
                    best = (m, _full_date(name, m, latest_year))
                    break
        if best and best[1]:
            m, day = best
            found.append(StatedDate(day, m.start(), m.end()))
            taken_to = m.end()
    return found


def _head_lines(text: str) -> list[tuple[int, int]]:
    """(start, end) of the first non-empty lines within the head of the text."""
    lines: list[tuple[int, int]] = []
    limit = min(len(text), HEAD_CHARS)
    start = 0
    while start < limit and len(lines) < HEAD_LINES:
        end = text.find("\n", start)
        end = limit if end < 0 or end > limit else end
        if text[start:end].strip():
            lines.append((start, end))
        start = end + 1
    return lines


def _yearless_dates(text: str, lo: int, hi: int, taken: list[StatedDate]) -> list[tuple[int, int, int, int]]:
    """(month, day, start, end) of month-days without a year in text[lo:hi], outside the full dates."""
    out = []
    for form in YEARLESS_FORMS:
        for m in form.finditer(text, lo, hi):
            if any(t.start < m.end() and m.start() < t.end for t in taken):
                continue
            out.append((_month(m["mon"]), int(m["d"]), m.start(), m.end()))
    return out


def _dateline_rank(text: str, line: tuple[int, int], start: int, dates_in_line: list[tuple[int, int]]) -> int | None:
    """How surely a date at `start` states when its page was published; None when it does not."""
    line_start, line_end = line
    before = text[line_start:start]
    label = LABEL_BEFORE.search(before)
    # furniture labels are capitalised or open a field; "a letter dated", "posted on" are prose
    if label and (label["label"][0].isupper() or FIELD_START.search(before, 0, label.start())):
        return RANK_UPDATED_LABEL if label["label"].lower() in UPDATED_LABELS else RANK_PUBLISHED_LABEL
    if FIELD_START.search(before):
        rest = [text[p:q] for p, q in zip([line_start] + [e for _, e in dates_in_line],
                                          [s for s, _ in dates_in_line] + [line_end])]
        words = DATE_LINE_FURNITURE.sub(" ", " ".join(rest)).split()
        if len(words) <= DATE_LINE_MAX_WORDS:
            return RANK_DATE_LINE
    if start - line_start <= AGENCY_DATELINE_REACH and AGENCY_DATELINE.match(text, line_start, start):
        return RANK_DATE_LINE
    return None


def _within(day: dt.date, period: str | None) -> bool:
    return period is None or day.isoformat().startswith(period)


def dateline(text: str, period: str | None = None, reference: dt.date | None = None,
             latest_year: int | None = None) -> tuple[StatedDate | None, str | None]:
    """The date the first lines of the text give as the page's own, and the year-month a "date
    yyyy-mm" line narrows the rest to (when the URL did not). Yearless datelines take their year
    from `period`, else the one nearest `reference`."""
    latest_year = latest_year or _default_latest_year()
    candidates: list[tuple[int, int, StatedDate]] = []
    head_period = None
    for line in _head_lines(text):
        lo, hi = line
        stated = full_dates(text, latest_year, lo, hi)
        yearless = _yearless_dates(text, lo, hi, stated)
        spans = sorted([(d.start, d.end) for d in stated] + [(s, e) for _, _, s, e in yearless])
        for d in stated:
            rank = _dateline_rank(text, line, d.start, spans)
            if rank is not None and _within(d.day, period):
                candidates.append((rank, d.start, d))
        for month, day_of_month, s, e in yearless:
            rank = _dateline_rank(text, line, s, spans)
            if rank is None:
                continue
            if period:
                year = int(period[:4])
            elif reference:
                year = cal.year_of(reference, month, day_of_month, None)
            else:
                continue
            day = _day(year, month, day_of_month, latest_year)
            if day and _within(day, period):
                candidates.append((rank, s, StatedDate(day, s, e)))
        for m in ISO_MONTH.finditer(text, lo, hi):
            if head_period is None and _dateline_rank(text, line, m.start(), spans) is not None:
                head_period = m.group()
        for m in QUOTED_URL.finditer(text, lo, hi):
            day, where, _ = date_from_url(m.group(), latest_year)
            if day and where and _within(day, period):
                candidates.append((RANK_QUOTED_URL, m.start(), StatedDate(day, m.start() + where[0],
                                                                          m.start() + where[1])))
    best = min(candidates, key=lambda c: (c[0], c[1]))[2] if candidates else None
    return best, head_period


def infer_published(url: str | None, text: str, latest_year: int | None = None
                    ) -> tuple[dt.date | None, PublishedSource | None]:
    """The publication date of a page from its URL and text, and where it came from (see the module doc)."""
    latest_year = latest_year or _default_latest_year()
    day, _, period = date_from_url(url, latest_year)
    if day:
        return day, PublishedSource(kind="url")
    stated = full_dates(text, latest_year)
    latest = max((d for d in stated if _within(d.day, period)), key=lambda d: (d.day, -d.start), default=None)
    found, head_period = dateline(text, period, latest.day if latest else None, latest_year)
    if found is None and head_period and period is None:
        period = head_period
        latest = max((d for d in stated if _within(d.day, period)), key=lambda d: (d.day, -d.start), default=None)
    found = found or latest
    if found is None:
        return None, None
    span = Span(text=text[found.start:found.end], start=found.start, end=found.end)
    return found.day, PublishedSource(kind="text", span=span)
