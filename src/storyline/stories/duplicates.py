"""Near-duplicate and syndicated copies: MinHash over word shingles of the body.

Wire copies differ in headline, credit line and a word here and there; their
bodies still share most 5-word shingles. The headline is left out of the
signature so a re-titled copy still matches. Copies share their strongest terms
and names, so the story index's blocked candidates already hold them: no
separate lookup structure is needed, and only 256 bytes are kept per report.
"""
from __future__ import annotations

import re

import numpy as np
from datasketch import MinHash

NUM_PERM = 64
SHINGLE = 5  # words per shingle
DUPLICATE_JACCARD = 0.6  # estimated shingle overlap above which a report is a copy of another
MIN_SHINGLES = 20  # shorter bodies are too small to call copies
_WORD = re.compile(r"\w+")


def body_signature(body: str) -> np.ndarray | None:
    """MinHash values of the body's word 5-grams, or None when the body is too short to compare."""
    words = _WORD.findall(body.lower())
    shingles = {" ".join(words[i:i + SHINGLE]).encode("utf-8") for i in range(len(words) - SHINGLE + 1)}
    if len(shingles) < MIN_SHINGLES:
        return None
    m = MinHash(num_perm=NUM_PERM, seed=1)
    m.update_batch(list(shingles))
    return m.hashvalues.astype(np.uint32)


def is_copy(a: np.ndarray | None, b: np.ndarray | None) -> bool:
    """True when two bodies' estimated shingle overlap reaches DUPLICATE_JACCARD."""
    if a is None or b is None:
        return False
    return np.count_nonzero(a == b) >= DUPLICATE_JACCARD * NUM_PERM
