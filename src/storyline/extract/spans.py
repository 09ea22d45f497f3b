"""Finding which entity a stretch of text refers to, from entity mentions."""
from __future__ import annotations

import bisect
import heapq
import re
import weakref

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



class Ranges(tuple):
    """Character ranges (start, end) in the order given, indexed for look-ups in O(log n).

    It is a tuple of the ranges, so it iterates, slices and bisects like the list it replaces.
    The index is a copy sorted by start with the running maximum of the ends: a range holding
    a position is found by bisecting the starts and walking back only while an earlier range
    still reaches that far (one step when ranges do not overlap, as quotes and page sections
    never do). Every method answers exactly as a scan over the ranges in their given order
    would; the ones that need sorted, non-overlapping ranges fall back to that scan otherwise.
    """

    def __new__(cls, ranges=()):
        self = super().__new__(cls, (tuple(r) for r in ranges))
        order = sorted((r[0], r[1], k) for k, r in enumerate(self) if r[0] < r[1])  # an empty range holds nothing
        self._sorted = order
        self._starts = [r[0] for r in order]
        self._ends = [r[1] for r in order]
        reach, top = [], None
        for r in order:
            top = r[1] if top is None or r[1] > top else top
            reach.append(top)
        self._reach = reach
        # in start order, none empty, none overlapping: then the ends are in order too and indexes agree
        self.sorted_disjoint = len(order) == len(self) and all(
            self[i][1] <= self[i + 1][0] for i in range(len(self) - 1))
        return self

    def containing(self, pos: int) -> tuple[int, int] | None:
        """The first range (in the given order) with start <= pos < end, or None."""
        i = bisect.bisect_right(self._starts, pos) - 1
        best = None
        while i >= 0 and self._reach[i] > pos:
            s, e, k = self._sorted[i]
            if e > pos and (best is None or k < best):
                best = k
            i -= 1
        return None if best is None else self[best]

    def overlaps(self, lo: int, hi: int) -> bool:
        """Whether some position in [lo, hi) lies inside a range."""
        i = bisect.bisect_left(self._starts, hi) - 1  # the ranges starting before hi
        return lo < hi and i >= 0 and self._reach[i] > lo

    def first_from(self, pos: int) -> int:
        """Index of the first range starting at or after `pos` (of ranges in start order)."""
        if self.sorted_disjoint:
            return bisect.bisect_left(self._starts, pos)
        return next((k for k, r in enumerate(self) if r[0] >= pos), len(self))

    def from_index(self, i: int):
        """The ranges from index i on, without copying the tuple."""
        return (self[k] for k in range(i, len(self)))

    def first_reaching(self, pos: int) -> int:
        """Index of the first range ending at or after `pos` (of ranges in start order, not overlapping)."""
        if self.sorted_disjoint:
            return bisect.bisect_left(self._ends, pos)
        return next((k for k, r in enumerate(self) if r[1] >= pos), len(self))

    def last_end_within(self, lo: int, hi: int) -> int | None:
        """The largest end of a range lying inside [lo, hi) (lo <= start, end <= hi), or None."""
        if not self.sorted_disjoint:
            return max((e for s, e in self if lo <= s and e <= hi), default=None)
        i = bisect.bisect_right(self._ends, hi) - 1  # the last range ending by hi; an earlier one starts earlier
        return self._ends[i] if i >= 0 and self._starts[i] >= lo else None

    def last_end_between(self, lo: int, hi: int) -> int | None:
        """The largest end e of a range with start < hi and lo < e < hi, or None."""
        if not self.sorted_disjoint:
            return max((e for s, e in self if s < hi and lo < e < hi), default=None)
        i = bisect.bisect_left(self._ends, hi) - 1  # the last range ending before hi
        return self._ends[i] if i >= 0 and self._ends[i] > lo else None



def ranges_holding(ranges, positions) -> list[list[int]]:
    """For each position, the indexes (ascending) of the ranges with start <= position < end.

    One sweep over ranges and positions in text order, keeping the ranges open at the current
    position in a heap by end: O((n + m) log n) plus the size of the answer, where a scan of
    every range per position would take O(n * m).
    """
    order = sorted(range(len(ranges)), key=lambda k: ranges[k][0])
    answer: list[list[int]] = [[] for _ in positions]
    open_: list[tuple[int, int]] = []  # (end, index) of ranges started at or before the position
    i = 0
    for j in sorted(range(len(positions)), key=lambda j: positions[j]):
        pos = positions[j]
        while i < len(order) and ranges[order[i]][0] <= pos:
            heapq.heappush(open_, (ranges[order[i]][1], order[i]))
            i += 1
        while open_ and open_[0][0] <= pos:
            heapq.heappop(open_)
        answer[j] = sorted(k for _, k in open_)
    return answer


_SENTENCE_STARTS: "weakref.WeakKeyDictionary" = weakref.WeakKeyDictionary()


def sentence_of(token):
    """token.sent, found by bisection in the document's sentence starts (listed once per document).

    spaCy's Token.sent walks from the token to both ends of its sentence on every call: in a
    document that is one huge sentence (a page of numbers, a line of dashes) calling it for
    every token is quadratic."""
    doc = token.doc
    starts = _SENTENCE_STARTS.get(doc)
    if starts is None:
        starts = [sent.start for sent in doc.sents] + [len(doc)]
        _SENTENCE_STARTS[doc] = starts
    k = bisect.bisect_right(starts, token.i) - 1
    return doc[starts[k]:starts[k + 1]]


_CHILDREN: "weakref.WeakKeyDictionary" = weakref.WeakKeyDictionary()


def children_of(token) -> list:
    """list(token.children), from lists made once per document.

    spaCy finds a token's children by scanning its whole subtree, which in a document parsed
    as one long chain (a page of numbers) is most of the document, for every token."""
    doc = token.doc
    children = _CHILDREN.get(doc)
    if children is None:
        children = [[] for _ in range(len(doc))]
        for t in doc:  # in document order: each list is in order, as token.children is
            if t.head.i != t.i:
                children[t.head.i].append(t)
        _CHILDREN[doc] = children
    return children[token.i]

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
        for k, m in enumerate(_QUOTE_MARK.finditer(para.group())):  # not kept: a match object per mark adds up
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
