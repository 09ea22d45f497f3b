"""Finding which entity a stretch of text refers to, from entity mentions."""
from __future__ import annotations

import bisect
import re

from storyline.model import Entity


class MentionIndex:
    """Look up the entity mentioned at a character span, in O(log n)."""

    def __init__(self, entities: list[Entity]):
        rows = sorted((m.start, m.end, e.id) for e in entities for m in e.mentions)
        self._starts = [r[0] for r in rows]
        self._rows = rows
        self.by_id = {e.id: e for e in entities}

    def entity_in(self, start: int, end: int) -> str | None:
        """The entity whose mention overlaps [start, end) the most, or None."""
        best, best_overlap = None, 0
        i = bisect.bisect_right(self._starts, end) - 1
        # mentions do not nest deeply; a short backward scan finds every overlap
        while i >= 0 and i >= bisect.bisect_right(self._starts, start) - 8:
            s, e, eid = self._rows[i]
            overlap = min(e, end) - max(s, start)
            if overlap > best_overlap:
                best, best_overlap = eid, overlap
            i -= 1
        return best

    def mentions_between(self, start: int, end: int) -> list[tuple[int, int, str]]:
        """All (start, end, entity id) mentions lying inside [start, end)."""
        i = bisect.bisect_left(self._starts, start)
        out = []
        while i < len(self._rows) and self._rows[i][0] < end:
            if self._rows[i][1] <= end:
                out.append(self._rows[i])
            i += 1
        return out


# Straight and curly double quotes, and the TeX-style `` and '' of some wire copy.
_QUOTE_MARK = re.compile(r"``|''|[\"“”]")
_OPENING = ("“", "``")
_CLOSING = ("”",)


def quote_ranges(text: str) -> list[tuple[int, int]]:
    """Character ranges of quoted passages, marks included.

    Marks pair up within a paragraph; a paragraph that opens a quote and never
    closes it continues into the next paragraph when that one opens with a mark
    (the news convention for multi-paragraph quotes). An unmatched mark that
    starts nothing is ignored.
    """
    out = []
    pending = None  # start of a quote left open at the end of the previous paragraph
    for para in re.finditer(r"[^\n]+", text):
        opened = None
        marks = list(_QUOTE_MARK.finditer(para.group()))
        for k, m in enumerate(marks):
            pos = para.start() + m.start()
            mark = m.group()
            if opened is None and mark not in _CLOSING:
                opened = pos
                if pending is not None and k == 0 and m.start() == 0:
                    opened = pending
                pending = None
            elif opened is not None and mark not in _OPENING:
                out.append((opened, pos + len(mark)))
                opened = None
        if opened is not None:
            pending = opened
            out.append((opened, para.end()))  # provisional: closed at paragraph end
        else:
            pending = None
    return _merge_continued(out)


def _merge_continued(ranges: list[tuple[int, int]]) -> list[tuple[int, int]]:
    merged: list[tuple[int, int]] = []
    for s, e in ranges:
        if merged and merged[-1][0] == s:
            merged[-1] = (s, max(e, merged[-1][1]))
        else:
            merged.append((s, e))
    return merged


def trimmed(text: str, start: int, end: int) -> tuple[int, int]:
    """[start, end) with the whitespace at both ends left out."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end
