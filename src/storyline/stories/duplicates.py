"""Near-duplicate and syndicated copies: MinHash over word shingles of the body, with LSH lookup.

Wire copies differ in headline, credit line and a word here and there; their
bodies still share most 5-word shingles. The headline is left out of the
signature so a re-titled copy still matches.
"""
from __future__ import annotations

import re

from datasketch import LeanMinHash, MinHash, MinHashLSH

NUM_PERM = 64
SHINGLE = 5  # words per shingle
DUPLICATE_JACCARD = 0.6  # estimated shingle overlap above which a report is a copy of another
MIN_SHINGLES = 20  # shorter bodies are too small to call copies
_WORD = re.compile(r"\w+")


def body_signature(body: str) -> LeanMinHash | None:
    """MinHash of the body's word 5-grams, or None when the body is too short to compare."""
    words = _WORD.findall(body.lower())
    shingles = {" ".join(words[i:i + SHINGLE]).encode("utf-8") for i in range(len(words) - SHINGLE + 1)}
    if len(shingles) < MIN_SHINGLES:
        return None
    m = MinHash(num_perm=NUM_PERM, seed=1)
    m.update_batch(list(shingles))
    return LeanMinHash(m)


class DuplicateIndex:
    """Finds, for a new signature, the earlier reports it nearly copies."""

    def __init__(self, threshold: float = DUPLICATE_JACCARD):
        self.threshold = threshold
        self._lsh = MinHashLSH(threshold=threshold, num_perm=NUM_PERM)
        self._signatures: dict[str, LeanMinHash] = {}

    def add(self, key: str, signature: LeanMinHash | None) -> list[str]:
        """Index a report; return the keys of reports already indexed that it nearly duplicates."""
        if signature is None:
            return []
        found = [k for k in self._lsh.query(signature) if signature.jaccard(self._signatures[k]) >= self.threshold]
        if key not in self._signatures:
            self._lsh.insert(key, signature)
            self._signatures[key] = signature
        return sorted(found)
