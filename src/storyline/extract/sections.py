"""Split a report into headline, byline, caption and body sections by the form of each paragraph.

Captions are recognised by their shape, not their words: a paragraph that ends in a
photo credit ("Jane Roe/Meridian Wire", "Photo: Jane Roe", "(AP Photo/Jane Roe)"),
optionally after a closing "..., Place, Month DD." dateline.
"""
from __future__ import annotations

import re

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
        start, end = m.start(), m.end()
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
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
    """Sections of `text`: the first paragraph is the headline when `headline_in_text`."""
    sections = []
    for i, (start, end) in enumerate(paragraphs(text)):
        para = text[start:end]
        if i == 0 and headline_in_text:
            # the headline is the first line only; anything after it on the same paragraph is body
            line_end = text.find("\n", start, end)
            line_end = end if line_end < 0 else line_end
            sections.append(Section(kind="headline", start=start, end=line_end))
            if line_end < end:
                sections.append(Section(kind="body", start=line_end + 1, end=end))
            continue
        dateline = _DATELINE.match(para) if not any(x.kind == "body" for x in sections) else None
        if dateline:
            cut = start + len(dateline.group().rstrip())
            sections.append(Section(kind="other", start=start, end=cut))
            sections.append(Section(kind="body", start=start + dateline.end(), end=end))
            continue
        if _BYLINE.match(para):
            kind = "byline"
        elif is_caption(para):
            kind = "caption"
        else:
            kind = "body"
        sections.append(Section(kind=kind, start=start, end=end))
    return sections


def ranges_of(sections: list[Section], kind: str) -> list[tuple[int, int]]:
    return [(s.start, s.end) for s in sections if s.kind == kind]
