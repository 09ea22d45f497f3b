"""Finding which entity a stretch of text refers to, from entity mentions."""
from __future__ import annotations

import bisect

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
