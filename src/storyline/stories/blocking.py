"""Blocks of a batch whose stories can be built apart, giving exactly the stories of the whole batch.

StoryIndex compares a report only with the reports of the buckets (blocking key, week)
it reads, and reads a bucket only while it holds at most MAX_BUCKET reports. Two reports
can therefore affect each other's grouping only through a bucket one of them reads. Link
each report to the buckets it reads while they are open (its own week's bucket while it
is among the bucket's first MAX_BUCKET + 1 reports, the previous week's bucket, and for an
undated report the latest UNDATED_WEEKS weeks of each key): the connected components, the
blocks, are closed, every report's candidates lie in its block. A block's index sees the
same buckets as the whole batch's index except for two things it cannot tell from its own
reports: a bucket over the cap that it holds only part of, and the weeks an undated report
reads. `GlobalBuckets` tells it those. The Spark engine (storyline.batch.stories) runs the
same steps on RDDs; `iter_block_stories` runs them here, for tests and small batches.
"""
from __future__ import annotations

import heapq
import math
from collections import defaultdict
from dataclasses import dataclass, field
from operator import itemgetter
from typing import Iterable, Iterator, Mapping, NamedTuple

from storyline.stories import cluster
from storyline.stories.cluster import StoryIndex, report_order
from storyline.stories.digest import ReportDigest

MAX_ROUNDS = 200  # large-star/small-star rounds before giving up (they take O(log^2 n))


@dataclass
class GlobalBuckets:
    """What a block's index cannot tell from its own reports: buckets closed in the whole batch, undated weeks."""

    closed: dict[str, frozenset] = field(default_factory=dict)  # report id -> buckets over the cap when it reads them
    weeks: dict[str, tuple] = field(default_factory=dict)  # key -> the weeks an undated report with it reads

    def is_open(self, rid: str, key: str, week: int | None) -> bool:
        """Whether bucket (key, week) held at most MAX_BUCKET reports, in the whole batch, when `rid` read it."""
        return (key, week) not in self.closed.get(rid, ())

    def undated_weeks(self, key: str) -> tuple:
        """The buckets of `key` an undated report reads: as StoryIndex picks them from the whole batch's."""
        return self.weeks.get(key, (None,))


class Cell(NamedTuple):
    """A bucket (key, week) of the whole batch, as much as blocking needs of it."""

    size: int
    anchor: object  # its oldest report: every report linked to the bucket is linked to this one
    closing: tuple | None  # report_order of its report of rank MAX_BUCKET, the last that reads it; None: never full


def week_of(order: tuple) -> int | None:
    """The week of a report_order (None when undated), as StoryIndex buckets it."""
    return None if order[0] == math.inf else order[0] // 7


def own_cells(order: tuple, keys: Iterable[str]) -> list[tuple]:
    """The buckets a report is added to: one per key, in its week."""
    week = week_of(order)
    return [(k, week) for k in keys]


def read_cells(order: tuple, keys: Iterable[str], weeks: Mapping[str, tuple]) -> list[tuple]:
    """The other weeks' buckets a report reads: the previous week's; for an undated one, its keys' dated weeks.

    (A dated report also reads the next week's and the undated bucket, always empty when it is added.)"""
    week = week_of(order)
    if week is not None:
        return [(k, week - 1) for k in keys]
    return [(k, w) for k in keys for w in weeks.get(k, ()) if w is not None]


def touches(order: tuple, keys: Iterable[str], weeks: Mapping[str, tuple]) -> list[tuple[tuple, bool]]:
    """(bucket, True) for the buckets a report is in, (bucket, False) for the other buckets it reads."""
    return [(c, True) for c in own_cells(order, keys)] + [(c, False) for c in read_cells(order, keys, weeks)]


def head_start(member: tuple) -> tuple[int, list]:
    """A bucket's size and oldest MAX_BUCKET + 1 members (report_order, ref), from one member."""
    return 1, [member]


def head_add(head: tuple[int, list], member: tuple) -> tuple[int, list]:
    return head_merge(head, head_start(member))


def head_merge(a: tuple[int, list], b: tuple[int, list]) -> tuple[int, list]:
    """Two parts of one bucket's head combined: memory stays bounded however large the bucket."""
    return a[0] + b[0], heapq.nsmallest(cluster.MAX_BUCKET + 1, a[1] + b[1])


def cell_info(size: int, head: list) -> Cell:
    """A bucket from its size and its oldest members in order."""
    return Cell(size, head[0][1], head[cluster.MAX_BUCKET][0] if size > cluster.MAX_BUCKET else None)


def is_linked(own: bool, order: tuple, cell: Cell) -> bool:
    """Whether a report reads the bucket while it is open (a report of another week reads it whole)."""
    return cell.closing is None or (own and order <= cell.closing)


def top_weeks(a: list, b: list) -> list:
    """The latest UNDATED_WEEKS of two lists of dated weeks."""
    return sorted(set(a) | set(b), reverse=True)[:cluster.UNDATED_WEEKS]


def latest_weeks(weeks: Iterable[int]) -> tuple:
    """What an undated report reads of a key with these dated weeks: the latest UNDATED_WEEKS, else all and undated."""
    top = top_weeks(list(weeks), [])
    return tuple(top) + ((None,) if len(top) < cluster.UNDATED_WEEKS else ())


def in_order(digests: Iterable[ReportDigest]) -> list[ReportDigest]:
    """The digests as iter_stories indexes them: in report_order, each id once (the first, as StoryIndex keeps)."""
    seen: set[str] = set()
    ordered = []
    for d in sorted(digests, key=report_order):
        if d.id not in seen:
            seen.add(d.id)
            ordered.append(d)
    return ordered


def cells(ordered: list[ReportDigest]) -> dict[tuple, Cell]:
    """Every bucket of a batch given in index order."""
    members: dict[tuple, list] = defaultdict(list)
    for d in ordered:
        for c in own_cells(report_order(d), d.keys):
            members[c].append((report_order(d), d.id))
    return {c: cell_info(len(m), m[:cluster.MAX_BUCKET + 1]) for c, m in members.items()}


def key_weeks(buckets: Iterable[tuple]) -> dict[str, tuple]:
    """Each key's weeks an undated report reads (latest_weeks), from the batch's buckets."""
    dated: dict[str, list] = defaultdict(list)
    for key, week in buckets:
        if week is not None:
            dated[key].append(week)
    return {key: latest_weeks(weeks) for key, weeks in dated.items()}


def blocks(digests: Iterable[ReportDigest]) -> tuple[list[list[ReportDigest]], GlobalBuckets]:
    """The batch's blocks, each in index order, and what their indexes must know of the whole batch."""
    ordered = in_order(digests)
    buckets = cells(ordered)
    weeks = key_weeks(buckets)
    parent = {d.id: d.id for d in ordered}
    closed: dict[str, set] = defaultdict(set)
    for d in ordered:
        order = report_order(d)
        for c, own in touches(order, d.keys, weeks):
            cell = buckets.get(c)
            if cell is None:
                continue
            if is_linked(own, order, cell):
                _union(parent, d.id, cell.anchor)
            else:
                closed[d.id].add(c)
    grouped: dict[str, list] = defaultdict(list)
    for d in ordered:
        grouped[_root(parent, d.id)].append(d)
    return list(grouped.values()), GlobalBuckets({r: frozenset(c) for r, c in closed.items()}, weeks)


def _root(parent: dict, node):
    while parent[node] != node:
        parent[node] = parent[parent[node]]
        node = parent[node]
    return node


def _union(parent: dict, a, b) -> None:
    ra, rb = _root(parent, a), _root(parent, b)
    if ra != rb:
        parent[max(ra, rb)] = min(ra, rb)


def block_stories(block: list[ReportDigest], whole: GlobalBuckets) -> Iterator[tuple[tuple, object]]:
    """(order key, Story) of one block given in index order, oldest first: what iter_stories makes of it."""
    index = StoryIndex(buckets=whole)
    for d in block:
        index.add(d)
    yield from index.ordered_stories()


def iter_block_stories(digests: Iterable[ReportDigest]) -> Iterator:
    """The stories of iter_stories, in its order, built one block at a time."""
    parts, whole = blocks(digests)
    for _, story in heapq.merge(*(block_stories(b, whole) for b in parts), key=itemgetter(0)):
        yield story


# Connected components as the Spark engine finds them: alternating large-star and small-star
# (Kiveris et al. 2014, "Connected components in MapReduce and beyond") on edges (larger, smaller)
# until they form stars, each centred on its component's smallest node.

def both_ways(edge: tuple) -> list[tuple]:
    return [edge, (edge[1], edge[0])]


def large_star(node, neighbours: Iterable) -> list[tuple]:
    """Large-star at one node: its larger neighbours linked to the smallest of it and its neighbours."""
    neighbours = set(neighbours)
    least = min(neighbours | {node})
    return [(v, least) for v in neighbours if v > node]


def small_star(node, smaller: Iterable) -> list[tuple]:
    """Small-star at one node: it and its smaller neighbours linked to the smallest of them."""
    group = set(smaller) | {node}
    least = min(group)
    return [(v, least) for v in group if v != least]


def star_tags(edge: tuple) -> list[tuple]:
    """(node, its parent) for the child of an edge (larger, smaller), (node, None) for the parent."""
    return [edge, (edge[1], None)]


def is_star_node(tags: Iterable) -> bool:
    """Whether a node is a star's centre (only children) or leaf (one parent, no children)."""
    tags = set(tags)
    parents = tags - {None}
    return len(parents) <= 1 and not (parents and None in tags)


def star_labels(edges: Iterable[tuple]) -> dict:
    """Each node of the edges with its component's smallest node, by the Spark engine's steps run here."""
    edges = {(max(e), min(e)) for e in edges if e[0] != e[1]}
    for _ in range(MAX_ROUNDS):
        if all(is_star_node(tags) for tags in _grouped(t for e in edges for t in star_tags(e)).values()):
            return {node: centre for node, centre in edges} | {centre: centre for _, centre in edges}
        edges = {e for u, vs in _grouped(t for e in edges for t in both_ways(e)).items() for e in large_star(u, vs)}
        edges = {e for u, vs in _grouped(edges).items() for e in small_star(u, vs)}
    raise RuntimeError(f"connected components did not converge in {MAX_ROUNDS} rounds")


def _grouped(pairs: Iterable[tuple]) -> dict:
    grouped: dict = defaultdict(list)
    for key, value in pairs:
        grouped[key].append(value)
    return grouped
