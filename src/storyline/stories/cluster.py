"""Grouping reports into incidents: blocked candidate pairs, a similarity, and an incremental index.

A report is compared only with reports that share a blocking key (a strong
content term or an entity name) and were published within `WINDOW_DAYS` of it,
so the work per report stays bounded however large the index grows, and the
same blocking can partition the work on a cluster. Stories still last weeks:
a story grows report by report, each within the window of another.
"""
from __future__ import annotations

import hashlib
import math
from collections import Counter, defaultdict
from typing import TYPE_CHECKING

from storyline.gazetteer import distance_km
from storyline.stories.digest import ReportDigest, digest_report
from storyline.stories.duplicates import is_copy
from storyline.stories.terms import name_overlap

if TYPE_CHECKING:
    from storyline.stories.blocking import GlobalBuckets

WINDOW_DAYS = 7  # reports further apart in publication are never compared directly
LINK_THRESHOLD = 0.20  # similarity at which a report joins a story (BASIL: 0.15-0.22 all within 0.01 of the best)
TERM_SHARE = 0.75  # similarity = this share of term cosine + the rest of entity-name overlap
FAR_KM = 800.0  # main places further apart than this make two reports less alike
MAX_BUCKET = 400  # a key shared by more reports than this in one week blocks nothing
MAX_CANDIDATES = 300  # per new report, the reports sharing the most keys with it
UNDATED_WEEKS = 104  # an undated report is compared with reports of at most this many weeks per key


def _week(day: int | None) -> int | None:
    return None if day is None else day // 7


def report_order(d: ReportDigest) -> tuple:
    """Where a report comes when reports are indexed: by publication day (undated last), then by id."""
    return (d.day if d.day is not None else math.inf, d.id)


def similarity(a: ReportDigest, b: ReportDigest, a_terms: dict[str, float] | None = None) -> float:
    """How alike two reports are as accounts of one incident (0..1); 0 outside the time window.

    `a_terms` is `a.term_weights()`, passed in when `a` is compared with many reports."""
    decay = 1.0
    if a.day is not None and b.day is not None:
        gap = abs(a.day - b.day)
        if gap > WINDOW_DAYS:
            return 0.0
        decay = 1.0 - 0.03 * gap
    if a_terms is None:
        a_terms = a.term_weights()
    terms = sum(w * a_terms.get(t, 0.0) for t, w in zip(b.terms, b.weights))
    score = TERM_SHARE * terms + (1 - TERM_SHARE) * name_overlap(a.names, b.names)
    if a.places and b.places and min(distance_km(*p, *q) for p in a.places for q in b.places) > FAR_KM:
        score *= 0.6
    if a.event_types and b.event_types and not (a.event_types & b.event_types):
        score *= 0.8
    return score * decay


class StoryIndex:
    """Stories that grow as reports stream in: `add(analysis)` returns the id of the report's story.

    Adding a report compares it with blocked candidates only; it joins every story
    it links to (merging them when it bridges two) or starts a new one. A report
    already added (same document id) changes nothing.

    `buckets` is for an index of one block of a larger batch (stories.blocking): it says
    which buckets the whole batch had over MAX_BUCKET, and which weeks an undated report reads.
    """

    def __init__(self, threshold: float = LINK_THRESHOLD, buckets: GlobalBuckets | None = None):
        self.threshold = threshold
        self.buckets = buckets
        self.reports: dict[str, ReportDigest] = {}
        self._parent: dict[str, str] = {}
        self._members: dict[str, list[str]] = {}
        self._postings: dict[str, dict[int | None, list[str]]] = defaultdict(lambda: defaultdict(list))
        self._copies: dict[str, set[str]] = defaultdict(set)  # near-duplicate links, both directions

    def __len__(self) -> int:
        return len(self.reports)

    def add(self, report) -> str:
        """Add an Analysis (or a ReportDigest) and return its story's id."""
        d = report if isinstance(report, ReportDigest) else digest_report(report)
        if d.id in self.reports:
            return self.story_id(d.id)
        scores, copies = self._compare(d)
        linked = {root: _linkage(sims) for root, sims in scores.items()}
        joined = {root for root, score in linked.items() if score >= self.threshold}
        if d.day is None and len(joined) > 1:
            # An undated report could belong anywhere in time: it joins its best story, never bridges two;
            # of equally good ones, the latest (a root's id depends on the order of earlier unions: not a key).
            joined = {max(joined, key=lambda root: (linked[root], self._latest(root)))}
        for other in copies:
            self._copies[d.id].add(other)
            self._copies[other].add(d.id)
            joined.add(self._find(other))
        self.reports[d.id] = d
        self._parent[d.id] = d.id
        self._members[d.id] = [d.id]
        for root in sorted(joined):
            self._union(d.id, root)
        week = _week(d.day)
        for key in d.keys:
            self._postings[key][week].append(d.id)
        return self.story_id(d.id)

    def _candidates(self, d: ReportDigest) -> list[str]:
        shared: Counter = Counter()
        week = _week(d.day)
        whole = self.buckets  # None: this index holds the whole batch
        for key in d.keys:
            buckets = self._postings.get(key)
            if not buckets:
                continue
            if week is not None:
                weeks = (week - 1, week, week + 1, None)
            elif whole is None:  # an undated report may belong to any week: the latest ones, a bounded number
                weeks = sorted(buckets, key=lambda w: -1 if w is None else w, reverse=True)[:UNDATED_WEEKS]
            else:
                weeks = whole.undated_weeks(key)
            for w in weeks:
                ids = buckets.get(w)
                if ids and len(ids) <= MAX_BUCKET and (whole is None or whole.is_open(d.id, key, w)):
                    shared.update(ids)
        return [rid for rid, _ in sorted(shared.items(), key=lambda kv: (-kv[1], kv[0]))[:MAX_CANDIDATES]]

    def _compare(self, d: ReportDigest) -> tuple[dict[str, list[float]], list[str]]:
        """Similarities of a new report to the candidates, by story, and the candidates it copies."""
        by_story: dict[str, list[float]] = defaultdict(list)
        copies = []
        d_terms = d.term_weights()
        for rid in self._candidates(d):
            other = self.reports[rid]
            s = similarity(d, other, d_terms)
            if s > 0:
                by_story[self._find(rid)].append(s)
                if is_copy(d.signature, other.signature):  # within the window: similarity is 0 outside it
                    copies.append(rid)
        return by_story, copies

    def _find(self, rid: str) -> str:
        root = rid
        while self._parent[root] != root:
            root = self._parent[root]
        while self._parent[rid] != root:
            self._parent[rid], rid = root, self._parent[rid]
        return root

    def _union(self, a: str, b: str) -> None:
        ra, rb = self._find(a), self._find(b)
        if ra == rb:
            return
        if len(self._members[ra]) < len(self._members[rb]):
            ra, rb = rb, ra
        self._parent[rb] = ra
        self._members[ra].extend(self._members.pop(rb))

    def members(self, rid: str) -> list[str]:
        """The report ids of a report's story, oldest first."""
        return sorted(self._members[self._find(rid)], key=lambda r: self._age(r))

    def _latest(self, rid: str) -> tuple:
        return max(self._age(r) for r in self._members[self._find(rid)])

    def _age(self, rid: str) -> tuple:
        return report_order(self.reports[rid])

    def story_id(self, rid: str) -> str:
        """A story's id: a hash of its oldest report's id (it changes only if an older report joins)."""
        oldest = min(self._members[self._find(rid)], key=self._age)
        return "s" + hashlib.sha1(oldest.encode("utf-8")).hexdigest()[:12]

    def groups(self) -> list[list[str]]:
        """Every story's report ids, oldest first; stories ordered by their oldest report."""
        groups = [sorted(m, key=self._age) for m in self._members.values()]
        return sorted(groups, key=lambda g: self._age(g[0]))

    def original_of(self, rid: str) -> str | None:
        """The oldest report of the copies this report belongs to, when that is another report."""
        seen, todo = {rid}, [rid]
        while todo:
            for other in self._copies.get(todo.pop(), ()):
                if other not in seen:
                    seen.add(other)
                    todo.append(other)
        if len(seen) == 1:
            return None
        # Same-day copies: the one whose outlet some copy credits (an agency's own wire) is the original.
        credited = {self.reports[r].credit.casefold() for r in seen if self.reports[r].credit}
        original = min(seen, key=lambda r: (self._age(r)[0], (self.reports[r].outlet or "").casefold() not in credited,
                                            r))
        return None if original == rid else original

    def stories(self) -> list:
        """The stories as `Story` objects (entities linked, facts aligned, timeline built)."""
        return list(self.iter_stories())

    def iter_stories(self):
        """The stories one at a time, oldest first: a large index never holds them all."""
        for group in self.groups():
            yield self._assemble(group)

    def ordered_stories(self):
        """(oldest report's (day, id), Story) oldest first: the key that orders stories of several indexes."""
        for group in self.groups():
            yield self._age(group[0]), self._assemble(group)

    def story(self, rid: str):
        """The `Story` of one report, built from its story's reports only."""
        return self._assemble(self.members(rid))

    def _assemble(self, group: list[str]):
        from storyline.stories.build import assemble_story

        return assemble_story([self.reports[r] for r in group], self.story_id(group[0]),
                              {r: self.original_of(r) for r in group})


def _linkage(sims: list[float]) -> float:
    """A report's link to a story: the mean of its two best similarities to the story's reports."""
    best = sorted(sims, reverse=True)[:2]
    return sum(best) / len(best)


def build_stories(analyses) -> list:
    """Stories from a batch of analyses (or digests); the result does not depend on the input order."""
    return list(iter_stories(analyses))


def iter_stories(analyses):
    """The stories of a batch one at a time, so a large batch never holds every Story at once.

    Each analysis is reduced to its digest as it is read; the digests are indexed
    in publication order, which makes the grouping independent of the input order."""
    digests = [a if isinstance(a, ReportDigest) else digest_report(a) for a in analyses]
    digests.sort(key=report_order)
    index = StoryIndex()
    for d in digests:
        index.add(d)
    del digests
    yield from index.iter_stories()
