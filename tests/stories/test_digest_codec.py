"""ReportDigest JSON codec: exact round trips (types, float32 weights, interning, MinHash), and the same stories after.

The articles are fictional: a warehouse fire in the invented town of Brask, reported twice
(once as a wire copy), and a council vote in Vessmark."""
import dataclasses
import json
import sys
from array import array
from pathlib import Path

import numpy as np
import pytest

import storyline
from storyline.stories import StoryIndex
from storyline.stories.digest import ReportDigest, digest_report
from storyline.stories.digest_codec import CODEC_VERSION, digest_from_json, digest_to_json
from storyline.stories.duplicates import is_copy

CORPUS = Path(__file__).resolve().parents[2] / "examples" / "corpus"

FIRE = """Fire kills two at Brask warehouse

BRASK, March 3 (Lantern Wire) - Two night guards were killed and five firefighters were injured when a fire \
destroyed a textile warehouse in Brask on Tuesday night, the regional fire service said.
"At least 40 firefighters fought the blaze for six hours," said fire service spokesman Tomas Verle. \
Police arrested a 34-year-old man near the warehouse on Wednesday morning, according to a police statement.
The warehouse, owned by Osk Textiles, had been inspected in January, the company said. \
Residents of nearby streets were evacuated overnight and allowed to return on Wednesday.
"""
FIRE_COPY = FIRE.replace("Fire kills two at Brask warehouse", "Two guards dead in Brask warehouse blaze") \
    .replace("(Lantern Wire)", "(Lantern Wire via Harbour Post)")
VOTE = """Vessmark council approves new tram line

The city council of Vessmark voted 31 to 12 on Monday to build a new tram line to the university district, \
Mayor Ilse Darrow said. Construction of the 7-kilometre line is to start next spring and will cost about \
90 million euros, according to the council's budget office. Opposition councillors criticised the cost \
and asked for a public consultation before work begins.
"""


def same(a, b, path="digest"):
    """Equal values of the same types all the way down (a tuple is not a list, a frozenset not a set)."""
    assert type(a) is type(b), f"{path}: {type(a).__name__} != {type(b).__name__}"
    if dataclasses.is_dataclass(a):
        for f in dataclasses.fields(a):
            same(getattr(a, f.name), getattr(b, f.name), f"{path}.{f.name}")
    elif isinstance(a, np.ndarray):
        assert a.dtype == b.dtype and np.array_equal(a, b), path
    elif isinstance(a, array):
        assert a.typecode == b.typecode and a.tobytes() == b.tobytes(), path
    elif isinstance(a, (list, tuple)):
        assert len(a) == len(b), path
        for i, (x, y) in enumerate(zip(a, b)):
            same(x, y, f"{path}[{i}]")
    elif isinstance(a, dict):
        assert list(a) == list(b), path
        for k in a:
            same(a[k], b[k], f"{path}[{k!r}]")
    else:
        assert a == b, path


def round_trip(d: ReportDigest) -> ReportDigest:
    text = digest_to_json(d)
    json.loads(text)  # plain JSON
    back = digest_from_json(text)
    same(d, back)
    assert all(t is sys.intern(t) for t in (*back.terms, *back.keys, *back.names, *back.event_types))
    assert all(e.name is sys.intern(e.name) for e in back.entities)
    return back


@pytest.fixture(scope="module")
def fictional():
    return [digest_report(storyline.analyze(text, published=day, title=title, outlet=outlet, id=rid))
            for rid, text, day, title, outlet in (
                ("fire-1", FIRE, "2031-03-04", "Fire kills two at Brask warehouse", "Lantern Wire"),
                ("fire-2", FIRE_COPY, "2031-03-04", "Two guards dead in Brask warehouse blaze", "Harbour Post"),
                ("vote-1", VOTE, "2031-05-12", None, None))]


@pytest.fixture(scope="module")
def corpus():
    from storyline.ingest.article import Article
    from storyline.ingest.read import iter_articles
    from storyline.pipeline import analyze_articles

    articles = [a for a in iter_articles([str(CORPUS)]) if isinstance(a, Article)]
    return [digest_report(a) for a in analyze_articles(articles) if hasattr(a, "document")]


def test_fictional_round_trip(fictional):
    fire, copy, vote = fictional
    assert fire.signature is not None and fire.weights.typecode == "f" and fire.entities
    assert vote.url is None and vote.outlet is None
    for d in fictional:
        round_trip(d)
    back = [digest_from_json(digest_to_json(d)) for d in (fire, copy)]
    assert is_copy(fire.signature, copy.signature) and is_copy(*(d.signature for d in back))


def test_none_fields_and_empty_collections_survive():
    d = ReportDigest(id="r0", url=None, title=None, outlet=None, published=None, published_source=None, day=None,
                     terms=(), weights=array("f"), keys=(), names={}, places=(), event_types=frozenset())
    same(d, digest_from_json(digest_to_json(d)))


def test_minhash_object_signature():
    from datasketch import LeanMinHash, MinHash

    m = MinHash(num_perm=16, seed=7)
    m.update_batch([b"brask", b"warehouse", b"fire"])
    d = ReportDigest(id="r1", url=None, title=None, outlet=None, published=None, published_source=None, day=None,
                     terms=("fire",), weights=array("f", [1.0]), keys=("fire",), names={}, places=((1.5, 2.0),),
                     event_types=frozenset({"KILL"}), signature=LeanMinHash(m))
    back = digest_from_json(digest_to_json(d))
    assert back.signature == d.signature and back.signature.seed == 7
    assert np.array_equal(back.signature.hashvalues, m.hashvalues)


def test_other_versions_and_bad_records_are_rejected(fictional):
    data = json.loads(digest_to_json(fictional[0]))
    for bad in ({**data, "codec": CODEC_VERSION + 1}, {**data, "codec": True}, {"digest": data["digest"]}, [data]):
        with pytest.raises(ValueError):
            digest_from_json(json.dumps(bad))
    for field, junk in (("terms", "fire"), ("weights", {"typecode": "u", "data": ""}), ("day", "soon"),
                        ("signature", {"dtype": "object", "data": ""}), ("unknown", 1),
                        ("entities", [{"id": "e1"}])):
        with pytest.raises(ValueError):
            digest_from_json(json.dumps({**data, "digest": {**data["digest"], field: junk}}))


def test_corpus_round_trip_gives_same_stories(corpus):
    assert len(corpus) >= 15
    decoded = [round_trip(d) for d in corpus]
    order = sorted(range(len(corpus)), key=lambda i: (corpus[i].day, corpus[i].id))
    original, restored = StoryIndex(), StoryIndex()
    for i in order:
        assert original.add(corpus[i]) == restored.add(decoded[i])
    assert original.groups() == restored.groups()
    assert [s.to_dict() for s in original.stories()] == [s.to_dict() for s in restored.stories()]


def test_fictional_index_groups_match(fictional):
    decoded = [digest_from_json(digest_to_json(d)) for d in fictional]
    original, restored = StoryIndex(), StoryIndex()
    for d, e in zip(fictional, decoded):
        original.add(d)
        restored.add(e)
    assert original.groups() == restored.groups()
    assert any(set(g) == {"fire-1", "fire-2"} for g in restored.groups())
