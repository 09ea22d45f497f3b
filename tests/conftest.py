"""Shared fixtures: the spaCy model loaded once per test session, and the seed when ../shared is present."""
from pathlib import Path

import pytest

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
SEED = SHARED / "seed" / "000_62e58e1013552225.txt"


@pytest.fixture(scope="session")
def nlp():
    from storyline.nlp import load_nlp

    return load_nlp()


@pytest.fixture(scope="session")
def seed_path():
    if not SEED.exists():
        pytest.skip(f"seed article not found at {SEED} (../shared is absent)")
    return SEED


EXAMPLE_CORPUS = Path(__file__).resolve().parents[1] / "examples" / "corpus"


@pytest.fixture(scope="session")
def example_analyses_jsonl(tmp_path_factory, nlp):
    """The example corpus analysed once per session, as Analysis JSON Lines (input order)."""
    from storyline.ingest.article import Article
    from storyline.ingest.read import iter_articles
    from storyline.pipeline import analyze_articles

    path = tmp_path_factory.mktemp("analyses") / "example.jsonl"
    with open(path, "w", encoding="utf-8") as out:
        for result in analyze_articles(iter_articles([str(EXAMPLE_CORPUS)])):
            assert not isinstance(result, Exception), result
            out.write(result.to_json() + "\n")
    return path


@pytest.fixture(scope="session")
def example_db(tmp_path_factory, example_analyses_jsonl):
    """A store holding the example corpus and its stories (read it, do not write to it)."""
    from storyline.ingest.analyses import read_analyses
    from storyline.store import Store, ingest

    path = tmp_path_factory.mktemp("db") / "example.db"
    with Store(path) as store:
        report = ingest(store, read_analyses(str(example_analyses_jsonl)))
    assert report.failed == 0 and report.added > 0
    return path
