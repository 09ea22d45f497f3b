"""Split a report into headline, byline, caption, furniture and body sections by the form of each paragraph.

Captions are recognised by their shape, not their words: a paragraph that ends in a
photo credit ("Jane Roe/Meridian Wire", "Photo: Jane Roe", "(AP Photo/Jane Roe)"),
optionally after a closing "..., Place, Month DD." dateline.
"""
from __future__ import annotations

import bisect
import re

from storyline.extract.furniture import read_page
from storyline.extract.spans import trimmed
from storyline.model import Section

_NAME = r"[A-Z][\w'’.-]*(?:[ -][A-Z][\w'’.-]*){0,4}"
# "Kim Roe/Agency", "Jo Bloggs/Agency/via Wire", "Photo: Jane Roe", "(Photo: Jane Roe/Agency)", "Credit: ..."
_CREDIT_AT_END = re.compile(
    rf"(?:(?<=[.!?”\"')\]])|^)\s*\(?(?:(?:photo|picture|image|credit|photograph)s?\s*(?:by|:)\s*)?"
    rf"{_NAME}(?:\s*/\s*(?:via\s+)?{_NAME})+\)?\s*$"
    rf"|\(?(?:photo|picture|image|credit|photograph)s?\s*(?:by|:)\s*{_NAME}(?:\s*/\s*(?:via\s+)?{_NAME})*\)?\s*$",
    re.IGNORECASE,
)
_BYLINE = re.compile(
    rf"^\s*(?:by|from)\s+{_NAME}(?:\s*(?:,|and|&)\s*{_NAME})*\s*$"
    # agency credit lines: "(Reporting by Jo Roe; editing by Al Poe)"
    rf"|^\s*\(?(?:additional\s+)?(?:reporting|writing|editing|compiled)\s+by\s+[^()]{{2,200}}\)?\s*$",
    re.IGNORECASE,
)
_MONTH = r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?"
# "NARVA, Estonia, March 12 (Meridian Wire) - ": an agency dateline opening the first paragraph
_DATELINE = re.compile(
    rf"^[A-Z][A-Z'’. -]{{1,40}}(?:,\s*[A-Z][\w'’. -]{{1,40}}){{0,2}}(?:,?\s*{_MONTH}\s+\d{{1,2}})?"
    rf"\s*(?:\([A-Z][\w'’&/ .-]{{1,40}}\))?\s*(?:-|–|—|--)\s+"
)
_PARAGRAPH = re.compile(r"[^\n]+(?:\n(?!\s*\n)[^\n]+)*")


def paragraphs(text: str) -> list[tuple[int, int]]:
    """Character ranges of paragraphs (runs of non-blank lines), whitespace trimmed."""
    out = []
    for m in _PARAGRAPH.finditer(text):
        start, end = trimmed(text, m.start(), m.end())
        if end > start:
            out.append((start, end))
    return out


def is_caption(paragraph: str) -> bool:
    """A paragraph that ends in a photo credit line."""
    if len(paragraph) > 1500:
        return False
    tail = paragraph[-120:]
    if re.match(r"^\s*(?:photo|picture|image|photograph)\s*(?::|by)\s", paragraph, re.IGNORECASE):
        return True
    return bool(_CREDIT_AT_END.search(tail)) and "/" in tail or bool(
        re.search(r"\(?(?:photo|picture|image|credit)s?\s*(?:by|:)\s*" + _NAME + r"[^.]*\)?\s*$", tail, re.IGNORECASE)
    )


def find_sections(text: str, headline_in_text: bool = True) -> list[Section]:
    """Sections of `text`: furniture, the headline line, and datelines, bylines, captions and body.

    The headline is the first line when `headline_in_text`, unless that line is page furniture
    (a menu, a date field, a site name): then it is the first line after it that reads like a headline
    (furniture.read_page), and the lines before it are furniture. Without `headline_in_text` a
    headline is marked only when the text plainly opens with one followed by prose.
    """
    page = read_page(text, headline_in_text, set_apart=_set_apart)
    furniture_ends = [end for _, end in page.furniture]
    sections = [Section(kind="furniture", start=start, end=end) for start, end in page.furniture]
    seen_body = False  # an agency dateline opens the first body paragraph only
    for start, end in paragraphs(text):
        first = bisect.bisect_right(furniture_ends, start)
        for piece_start, piece_end in _outside(text, start, end, page.furniture, first):
            found = []
            if page.headline is not None and piece_start <= page.headline[0] < piece_end:
                head_start, head_end = page.headline
                before, after = trimmed(text, piece_start, head_start), trimmed(text, head_end, piece_end)
                if before[0] < before[1]:
                    found.append(_classified(text, *before))
                found.append(Section(kind="headline", start=head_start, end=head_end))
                if after[0] < after[1]:  # the rest of the headline's paragraph is body
                    found.append(Section(kind="body", start=after[0], end=after[1]))
            else:
                dateline = None if seen_body else _DATELINE.match(text[piece_start:piece_end])
                if dateline:
                    cut = piece_start + len(dateline.group().rstrip())
                    found.append(Section(kind="other", start=piece_start, end=cut))
                    found.append(Section(kind="body", start=piece_start + dateline.end(), end=piece_end))
                else:
                    found.append(_classified(text, piece_start, piece_end))
            seen_body = seen_body or any(x.kind == "body" for x in found)
            sections.extend(found)
    sections.sort(key=lambda x: x.start)
    return sections


def _set_apart(line: str) -> bool:
    """Lines whose form gives them their own section kind, which may stand before a headline."""
    return bool(_BYLINE.match(line)) or is_caption(line)


def _classified(text: str, start: int, end: int) -> Section:
    """A byline, caption or body paragraph, by its form."""
    para = text[start:end]
    if _BYLINE.match(para):
        kind = "byline"
    elif is_caption(para):
        kind = "caption"
    else:
        kind = "body"
    return Section(kind=kind, start=start, end=end)


def _outside(text: str, start: int, end: int, ranges: list[tuple[int, int]], first: int) -> list[tuple[int, int]]:
    """The pieces of [start, end) outside `ranges` (sorted, disjoint; `first` is the first to end after
    `start`), whitespace trimmed."""
    pieces, at = [], start
    for s, e in ranges[first:]:
        if s >= end:
            break
        pieces.append(trimmed(text, at, s))
        at = max(at, e)
    pieces.append(trimmed(text, at, end))
    return [p for p in pieces if p[0] < p[1]]



def ranges_of(sections: list[Section], kind: str) -> list[tuple[int, int]]:
    return [(s.start, s.end) for s in sections if s.kind == kind]
