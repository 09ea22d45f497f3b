"""Blocks: stories built block by block, with the whole batch's bucket sizes, equal those of the whole batch."""
import random

import pytest

from storyline.stories import StoryIndex, cluster, iter_stories
from storyline.stories.blocking import GlobalBuckets, block_stories, blocks, iter_block_stories, star_labels
from storyline.stories.digest import ReportDigest

from hand_digests import WEEK, day, digest


def lines(stories) -> list[str]:
    return [s.model_dump_json(by_alias=True) for s in stories]


def ids(parts) -> list[list[str]]:
    return sorted(sorted(d.id for d in part) for part in parts)


def candidates_of(digests) -> dict[str, list[str]]:
    """Each report's candidates when the whole batch is indexed as iter_stories indexes it."""
    seen, index = {}, StoryIndex()
    compare = index._candidates
    index._candidates = lambda d: seen.setdefault(d.id, compare(d))
    for d in sorted(digests, key=cluster.report_order):
        index.add(d)
    return seen


def assert_closed(digests) -> None:
    parts, _ = blocks(digests)
    block_of = {d.id: n for n, part in enumerate(parts) for d in part}
    for rid, found in candidates_of(digests).items():
        assert {block_of[c] for c in found} <= {block_of[rid]}, rid


def test_unrelated_incidents_are_separate_blocks_and_give_the_same_stories():
    digests = [digest("fire-1", day(0), {"silo", "@kellerby"}, {"silo", "fire"}),
               digest("fire-2", day(1), {"silo", "blaze"}, {"silo", "fire", "blaze"}),
               digest("ferry-1", day(1), {"ferry", "@tessel"}, {"ferry", "aground"}),
               digest("ferry-2", day(9), {"ferry"}, {"ferry", "lifeboat"})]
    parts, _ = blocks(digests)
    assert ids(parts) == [["ferry-1", "ferry-2"], ["fire-1", "fire-2"]]
    assert lines(iter_block_stories(digests)) == lines(iter_stories(digests))
    assert_closed(digests)


def test_a_report_bridging_two_incidents_makes_one_block():
    fire = [digest("fire-1", day(0), {"silo"}, {"silo"}), digest("fire-2", day(1), {"silo"}, {"silo"})]
    ferry = [digest("ferry-1", day(0), {"ferry"}, {"ferry"}), digest("ferry-2", day(2), {"ferry"}, {"ferry"})]
    assert len(blocks(fire + ferry)[0]) == 2
    bridge = digest("both", day(3), {"silo", "ferry"}, {"silo", "ferry"})
    parts, _ = blocks(fire + ferry + [bridge])
    assert ids(parts) == [["both", "ferry-1", "ferry-2", "fire-1", "fire-2"]]
    assert lines(iter_block_stories(fire + ferry + [bridge])) == lines(iter_stories(fire + ferry + [bridge]))


@pytest.fixture
def small_caps(monkeypatch):
    monkeypatch.setattr(cluster, "MAX_BUCKET", 2)
    monkeypatch.setattr(cluster, "UNDATED_WEEKS", 2)


def over_cap_batch() -> list[ReportDigest]:
    """Five reports with key "k" in one week (a bucket over a cap of 2): d and f past the cap, linked by x and y."""
    return [digest("a", day(0), {"k"}, {"silo"}), digest("b", day(0), {"k"}, {"silo"}),
            digest("c", day(0), {"k"}, {"silo"}),
            digest("d", day(1), {"k", "y"}, {"blaze"}), digest("e", day(1), {"x", "y"}, {"ferry"}),
            digest("f", day(2), {"k", "x"}, {"blaze"})]


def test_a_bucket_over_the_cap_links_only_the_reports_that_read_it_open(small_caps):
    digests = over_cap_batch()
    parts, whole = blocks(digests)
    assert ids(parts) == [["a", "b", "c"], ["d", "e", "f"]]
    assert whole.closed == {"d": {("k", WEEK)}, "f": {("k", WEEK)}}
    assert lines(iter_block_stories(digests)) == lines(iter_stories(digests))
    assert_closed(digests)


def test_a_block_needs_the_whole_batch_s_bucket_sizes(small_caps):
    # Block d, e, f holds one report of bucket ("k", WEEK): alone it would let f read d through it and join d.
    digests = over_cap_batch()
    parts, whole = blocks(digests)
    block = next(p for p in parts if p[0].id == "d")
    expected = [line for line in lines(iter_stories(digests)) if '"Report a"' not in line]
    assert lines(s for _, s in block_stories(block, whole)) == expected
    assert lines(s for _, s in block_stories(block, GlobalBuckets())) != expected


def test_undated_reports_read_the_latest_weeks_of_the_whole_batch(small_caps):
    digests = [digest("p", day(0), {"k"}, {"silo"}), digest("q", day(70), {"k"}, {"silo"}),
               digest("r", day(140), {"k"}, {"silo"}), digest("u", None, {"k"}, {"silo"}),
               digest("v", None, {"k", "z"}, {"silo"})]
    parts, whole = blocks(digests)
    assert ids(parts) == [["p"], ["q", "r", "u", "v"]]  # u and v read weeks 20 and 10 of k, not week 0
    assert whole.undated_weeks("k") == (WEEK + 20, WEEK + 10)
    assert whole.undated_weeks("z") == (None,)  # no dated week: only the undated bucket
    assert lines(iter_block_stories(digests)) == lines(iter_stories(digests))
    assert_closed(digests)


def random_batch(rng: random.Random) -> list[ReportDigest]:
    """Reports on a few keys and terms over a few weeks, some undated, a few ids repeated."""
    keys = [f"k{n}" for n in range(rng.randint(2, 8))] + [f"@name{n}" for n in range(3)]
    terms = [f"t{n}" for n in range(6)]
    digests = []
    for n in range(rng.randint(1, 40)):
        rid = rng.choice(digests).id if digests and rng.random() < 0.05 else f"r{n:02d}"
        when = None if rng.random() < 0.2 else day(rng.randint(0, 40))
        digests.append(digest(rid, when, rng.sample(keys, rng.randint(1, 3)), rng.sample(terms, rng.randint(1, 3))))
    return digests


@pytest.mark.parametrize("seed", range(60))
def test_stories_per_block_equal_the_whole_batch_s_on_random_batches(seed, monkeypatch):
    rng = random.Random(seed)
    monkeypatch.setattr(cluster, "MAX_BUCKET", rng.choice([0, 1, 2, 3, 5, 400]))
    monkeypatch.setattr(cluster, "MAX_CANDIDATES", rng.choice([1, 2, 5, 300]))
    monkeypatch.setattr(cluster, "UNDATED_WEEKS", rng.choice([1, 2, 3, 104]))
    digests = random_batch(rng)
    assert_closed(digests)
    assert lines(iter_block_stories(digests)) == lines(iter_stories(digests))
    backwards = digests[::-1]  # a repeated id: the first of the input kept, as iter_stories keeps it
    assert lines(iter_block_stories(backwards)) == lines(iter_stories(backwards))


def components(edges) -> list[set]:
    """Connected components by union-find, to check star_labels against."""
    parent: dict = {}

    def root(x):
        while parent.setdefault(x, x) != x:
            x = parent[x]
        return x

    for a, b in edges:
        parent[root(a)] = root(b)
    found: dict = {}
    for x in parent:
        found.setdefault(root(x), set()).add(x)
    return sorted(found.values(), key=min)


@pytest.mark.parametrize("seed", range(30))
def test_large_star_small_star_finds_the_connected_components(seed):
    rng = random.Random(seed)
    nodes = rng.randint(2, 60)
    edges = [(rng.randrange(nodes), rng.randrange(nodes)) for _ in range(rng.randint(1, 2 * nodes))]
    labels = star_labels(edges)
    expected = [part for part in components(edges) if len(part) > 1]
    found: dict = {}
    for node, label in labels.items():
        found.setdefault(label, set()).add(node)
    assert sorted(found.values(), key=min) == expected
    assert all(label == min(found[label]) for label in found)
