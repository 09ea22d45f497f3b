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
