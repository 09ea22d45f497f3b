"""Page furniture of scraped news pages, and the real headline among a page's first lines.

A page copied from the web keeps its menus ("Skip to main content", "Business & World"), date fields
(" date 2019-05-02 "), share and listen links ("Share this article", "LISTEN: ..."), slogans and site
names around the story. They are found from the text alone, one line at a time, with the words and
patterns of furniture.tsv, so nothing reads them as headline, names or reports; they stay in the text.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Callable, Iterable

from storyline.extract.spans import trimmed
from storyline.model import Entity

TABLE_PATH = Path(__file__).with_name("furniture.tsv")

HEAD_LINES = 8  # non-blank lines searched for the headline: one further down is not the page's headline
HEAD_CHARS = 2500  # nor is one this far into the text
MIN_HEADLINE_WORDS = 3  # "Dam Holds" is a headline only when nothing reads more like one before the story
MAX_HEADLINE_WORDS = 30
LINK_WORDS = 8  # a link line ("Share this article", "Watch Harbour TV News") is short ...
SLOGAN_WORDS = 6  # ... and so is a slogan before the headline ("Stop back pain with one stretch")
SECTION_WORDS = 6  # a menu line ("Home LOCAL News", "Business & World")
SHORT_LINE_CHARS = 100  # menu and date lines are no longer than this
CREDIT_WORDS = 10  # a credit line ("Jo Roe / Northgate Daily")
PROSE_WORDS = 12  # a sentence-case line this long that ends a sentence is prose, not a headline
LONG_PROSE_WORDS = 40
TITLE_CASE_SHARE = 0.7  # share of capitalised content words that makes a line title case

_LINE = re.compile(r"[^\n]+")
_WORD = re.compile(r"[^\W_]+(?:['’.-][^\W_]+)*")
# bullets and arrows before a line, closing punctuation after it: "  • Link copied!", "» Subscribe to ...:"
_BULLETS = "•»·*>~-–—| \t"
_CLOSERS = " \t:!.…?|»>"
# tokens of a date line: ISO and numeric dates, clock times, numbers, words ("26th" is "26" and "th")
_DATE_TOKEN = re.compile(r"\d{4}-\d{1,2}(?:-\d{1,2})?|\d{1,2}[/.-]\d{1,2}[/.-]\d{2,4}|\d{1,2}:\d{2}(?::\d{2})?"
                         r"|\d+|[a-z]+(?:\.[a-z]+)*")
_NUMERIC_DATE = re.compile(r"\d{4}-\d{1,2}|\d{1,2}[/.-]\d{1,2}[/.-]\d{2,4}")
_URL = re.compile(r"\b[\w-]+\.[a-z]{2,}/|https?://|www\.", re.IGNORECASE)
# two sentences on one line: a sentence end followed by a capitalised word
_SENTENCE_BREAK = re.compile(r"[a-z0-9%)”\"'][.!?]\s+[“\"']?[A-Z]")
_SENTENCE_END = re.compile(r"[.!?…][\"'”’)\]]*\s*$")
_CREDIT_OPENER = re.compile(r"^\(?(?:photo|picture|image|credit|courtesy|source)s?\b", re.IGNORECASE)
# words that headline style leaves lowercase: they count neither for nor against title case
_FUNCTION_WORDS = frozenset("a an the and or nor but of in on at to for by with from as into onto over about "
                            "after before than via vs per up off out is are was".split())


@dataclass(frozen=True)
class Page:
    """Furniture ranges of a text (sorted, whitespace trimmed) and its headline line, if it has one."""

    furniture: list[tuple[int, int]]
    headline: tuple[int, int] | None


@dataclass(frozen=True)
class _Line:
    """One non-blank line: where its text starts and ends once furniture around it is cut off."""

    start: int  # the line, whitespace trimmed
    end: int
    text_start: int  # the line without a leading or trailing piece of furniture
    text_end: int
    furniture: tuple[tuple[int, int], ...]

    @property
    def is_furniture(self) -> bool:
        return self.text_start >= self.text_end


@dataclass(frozen=True)
class _Table:
    words: dict[str, frozenset[str]]
    line: re.Pattern  # a whole furniture line
    lead: re.Pattern  # furniture opening a line
    tail: re.Pattern  # furniture ending a line
    tag: re.Pattern  # a label and colon that make the line a pointer: "listen: ..."


@lru_cache(maxsize=1)
def _table() -> _Table:
    """furniture.tsv, read once: word lists by kind and the regular expressions."""
    rows: dict[str, list[str]] = {}
    for raw in TABLE_PATH.read_text(encoding="utf-8").splitlines():
        if raw.strip() and not raw.startswith("#"):
            kind, value = raw.split("\t", 1)
            rows.setdefault(kind, []).append(value)
    words = {kind: frozenset(v.lower() for v in values) for kind, values in rows.items()
             if not kind.endswith("_re") and kind != "line"}

    def alternation(values: Iterable[str]) -> str:
        return "|".join(sorted((re.escape(v).replace(r"\ ", r"\s+") for v in values), key=len, reverse=True))

    lead_labels = rf"\s*(?:{alternation(rows['lead'])})\s*[!:|–—-]+\s*"
    return _Table(
        words=words,
        line=re.compile("|".join(f"(?:{p})" for p in rows["line"]), re.IGNORECASE),
        lead=re.compile("|".join(f"(?:{p})" for p in rows["lead_re"] + [lead_labels]), re.IGNORECASE),
        tail=re.compile("(?:" + "|".join(f"(?:{p})" for p in rows["tail_re"]) + r")$", re.IGNORECASE),
        tag=re.compile(rf"(?:{alternation(rows['tag'])})\s*:"),
    )


def furniture_ranges(text: str) -> list[tuple[int, int]]:
    """Character ranges of furniture anywhere in `text`: whole lines, and pieces opening or ending a line."""
    return [r for line in _lines(text) for r in line.furniture]


def read_page(text: str, headline_given: bool = True,
              set_apart: Callable[[str], bool] = lambda line: False) -> Page:
    """Furniture of `text` and its headline: the first line among the first few that reads like one.

    Lines before the headline are furniture too (a site name, "Harbour Chronicle"), except those
    `set_apart` recognises (captions, bylines), which keep their own kind. With `headline_given`
    the text is known to open with its headline, so a short line ("Dam Holds") followed by the story
    is taken; without it, a headline is taken only when the text plainly opens with one followed by
    prose, so that a text of plain paragraphs gets none.
    """
    lines = _lines(text)
    furniture = [r for line in lines for r in line.furniture]
    head = _head_lines(lines)
    pick = _pick_headline(text, head, headline_given, set_apart)
    if pick is None:
        return Page(furniture=furniture, headline=None)
    n = pick
    headline = (head[n].text_start, head[n].text_end)
    before = [(line.text_start, line.text_end) for line in head[:n]
              if not line.is_furniture and not set_apart(text[line.text_start:line.text_end])]
    return Page(furniture=sorted(furniture + before), headline=headline)


def without_furniture(entities: list[Entity], furniture: list[tuple[int, int]]) -> list[Entity]:
    """Entities with their mentions in furniture taken out; those mentioned only there are dropped."""
    if not furniture:
        return entities
    kept = []
    for entity in entities:
        mentions = [m for m in entity.mentions if not any(s <= m.start < e for s, e in furniture)]
        if mentions or not entity.mentions:
            entity.mentions = mentions
            kept.append(entity)
    return kept


def _lines(text: str) -> list[_Line]:
    """Every non-blank line with its furniture."""
    out = []
    for m in _LINE.finditer(text):
        start, end = trimmed(text, m.start(), m.end())
        if start < end:
            out.append(_line(text, start, end))
    return out


def _line(text: str, start: int, end: int) -> _Line:
    """One line and its furniture: the whole line, or a piece that opens ("date 2019-05-02") or ends it."""
    table = _table()
    line = text[start:end]
    if _is_furniture_line(line):
        return _Line(start, end, end, end, ((start, end),))
    furniture = []
    text_start, text_end = start, end
    lead = table.lead.match(line)
    if lead is not None and lead.end() > 0:
        rest_start, rest_end = trimmed(text, start + lead.end(), end)
        rest = text[rest_start:rest_end]
        if not any(c.isalpha() for c in rest) or _is_furniture_line(rest):
            return _Line(start, end, end, end, ((start, end),))
        furniture.append(trimmed(text, start, start + lead.end()))
        text_start = rest_start
    tail = table.tail.search(text, text_start, text_end)
    if tail is not None and tail.start() > text_start:
        furniture.append(trimmed(text, tail.start(), text_end))
        text_start, text_end = trimmed(text, text_start, tail.start())
    return _Line(start, end, text_start, text_end, tuple(r for r in furniture if r[0] < r[1]))


def _is_furniture_line(line: str) -> bool:
    """A line that is a menu entry, page control, link, date or markup, and no text of the story."""
    table = _table()
    words = table.words
    if table.line.fullmatch(line.strip()):
        return True
    normal = _normal(line)
    if not normal or not any(c.isalnum() for c in normal):
        return False
    if normal in words["label"] or table.tag.match(normal):
        return True
    tokens = normal.split()
    if _opens_with(tokens, words["link"]) and (
            len(tokens) <= LINK_WORDS or line.rstrip().endswith(":") or _URL.search(line)):
        return True
    if len(normal) > SHORT_LINE_CHARS:
        return False
    menu = re.split(r"[\s|/>»·•,]+", normal)
    if len(menu) <= SECTION_WORDS and all(w in words["section"] for w in menu if w):
        return True
    return _is_date_line(normal)


def _is_date_line(normal: str) -> bool:
    """'thursday, 2 may 2019', 'posted/updated on: may 2, 2019 at 7:05 am', 'date 2019-05-02'."""
    words = _table().words
    tokens = _DATE_TOKEN.findall(normal)
    if not tokens or not any(c.isdigit() for c in normal):
        return False
    calendar = words["month"] | words["weekday"]
    named = False
    for token in tokens:
        if token[0].isdigit():
            named = named or bool(_NUMERIC_DATE.fullmatch(token))
        elif token in calendar:
            named = True
        elif token not in words["dateword"]:
            return False
    return named


def _head_lines(lines: list[_Line]) -> list[_Line]:
    """The first lines of the text, where its headline may stand."""
    head = []
    for line in lines:
        if line.start > HEAD_CHARS or len([x for x in head if not x.is_furniture]) >= HEAD_LINES:
            break
        head.append(line)
    return head


def _pick_headline(text: str, head: list[_Line], headline_given: bool,
                   set_apart: Callable[[str], bool]) -> int | None:
    """Index in `head` of the headline line, or None."""
    short = None  # the first short line, a headline only when nothing better comes before the story
    for n, line in enumerate(head):
        if line.is_furniture:
            continue
        words = text[line.text_start:line.text_end]
        if not any(c.isalpha() for c in words) or set_apart(words):
            continue
        kind = _line_kind(words)
        if kind in ("short", "sentence") and short is None:
            short = n
        if kind in ("prose", "sentence"):
            break
        if kind == "headline":
            if headline_given or _opens_story(text, head, n, set_apart):
                return n
            return None
    return short if headline_given else None


def _opens_story(text: str, head: list[_Line], n: int, set_apart: Callable[[str], bool]) -> bool:
    """Whether headline line `n` is followed by the story: a paragraph before the first lines run out,
    past a repeated headline, a standfirst, captions and bylines."""
    for nxt in head[n + 1:]:
        words = text[nxt.text_start:nxt.text_end]
        if not nxt.is_furniture and not set_apart(words) and _line_kind(words) in ("prose", "sentence"):
            return True
    return False


def _line_kind(line: str) -> str:
    """'headline', 'prose', 'short' or 'sentence' (a headline only when nothing reads more like one before
    the story), or 'other' (a slogan, credit, label or tag line)."""
    words = _table().words
    tokens = _WORD.findall(line)
    if _is_credit(line, tokens):
        return "other"
    if _is_prose(line, tokens):
        return "prose"
    first = next((c for c in line if c.isalnum()), "")
    if not (first.isupper() or first.isdigit()):
        return "other"  # "harbour pier collapse": a tag, not a headline
    lower = [t.lower().replace("’", "'") for t in tokens]
    reader = any(w in words["reader"] and not t.isupper() for w, t in zip(lower, tokens))  # not "US"
    if len(tokens) <= SLOGAN_WORDS and (lower[0] in words["slogan"] or reader):
        return "other"  # "Discover More Every Day", "Find Us", "Watch Harbour TV News"
    if line.rstrip().endswith((":", ",")):
        return "other"  # "What we know so far:" leads into a list
    if len(tokens) < MIN_HEADLINE_WORDS:
        return "short"
    if _SENTENCE_END.search(line) and not _is_title_case(tokens):
        return "sentence"  # "The dam held, engineers said.": a short paragraph, or a headline with a full stop
    if len(tokens) > MAX_HEADLINE_WORDS:
        return "prose"
    return "headline"


def _is_prose(line: str, tokens: list[str]) -> bool:
    """A line of running text: long sentence-case sentences, or a line that breaks off mid-sentence."""
    if not tokens or _is_title_case(tokens):
        return False
    if len(tokens) >= LONG_PROSE_WORDS:
        return True
    if tokens[-1] in _table().words["ending"] and len(tokens) >= 6 and not _SENTENCE_END.search(line):
        return True  # "... near the finish line of the": a hard-wrapped line of prose
    return len(tokens) >= PROSE_WORDS and bool(_SENTENCE_END.search(line) or _SENTENCE_BREAK.search(line))


def _is_title_case(tokens: list[str]) -> bool:
    content = [t for t in tokens if t[0].isalpha() and t.lower() not in _FUNCTION_WORDS]
    return len(content) >= 3 and sum(t[0].isupper() for t in content) >= TITLE_CASE_SHARE * len(content)


def _is_credit(line: str, tokens: list[str]) -> bool:
    """A picture credit: 'Jo Roe / Northgate Daily', '© Jo Roe', 'Photo: Jo Roe'."""
    if "©" in line:
        return True
    if len(tokens) > CREDIT_WORDS:
        return False
    if _CREDIT_OPENER.match(line.strip()):
        return True
    return "/" in line and all(t[0].isupper() or t[0].isdigit() or t.lower() in _FUNCTION_WORDS for t in tokens)


def _opens_with(tokens: list[str], phrases: frozenset[str]) -> bool:
    return bool(tokens) and (tokens[0] in phrases or " ".join(tokens[:2]) in phrases)


def _normal(line: str) -> str:
    """A line as the word lists hold it: lowercase, bullets and closing punctuation off, spaces single."""
    line = line.replace("’", "'").strip().lstrip(_BULLETS).rstrip(_CLOSERS)
    return " ".join(line.lower().split())

