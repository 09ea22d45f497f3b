"""Clustering scores (BCubed and pairwise precision, recall, F1) for judging stories against gold incidents.

Both take two mappings item -> cluster label, the predicted clustering and the
gold one. Only items in gold are scored: a predicted item that gold does not
know is ignored, and a gold item that the prediction left out counts as a
predicted singleton (a system that drops a report loses recall for it). Both run
in time linear in the number of items: they count cluster sizes and the sizes of
the (predicted, gold) overlaps, never item pairs.

    >>> from storyline.stories.scoring import bcubed, pairwise
    >>> precision, recall, f1 = bcubed({"a": 1, "b": 1, "c": 2}, {"a": "x", "b": "y", "c": "y"})
"""
from __future__ import annotations

from collections import Counter
from typing import Hashable, Mapping

Scores = tuple[float, float, float]


def _f1(precision: float, recall: float) -> float:
    return 0.0 if precision + recall == 0 else 2 * precision * recall / (precision + recall)


def _overlap_counts(
    predicted: Mapping[Hashable, Hashable], gold: Mapping[Hashable, Hashable]
) -> tuple[Counter, Counter, Counter]:
    """Sizes of predicted clusters, of gold clusters, and of each (predicted, gold) overlap, over gold's items."""
    if not gold:
        raise ValueError("gold clustering is empty: nothing to score")
    predicted_sizes: Counter = Counter()
    gold_sizes: Counter = Counter()
    overlap_sizes: Counter = Counter()
    for item, gold_label in gold.items():
        # A unique label per missing item makes it a singleton that cannot collide with a real label.
        predicted_label = ("missing from prediction", item) if item not in predicted else ("predicted", predicted[item])
        predicted_sizes[predicted_label] += 1
        gold_sizes[gold_label] += 1
        overlap_sizes[predicted_label, gold_label] += 1
    return predicted_sizes, gold_sizes, overlap_sizes


def bcubed(predicted: Mapping[Hashable, Hashable], gold: Mapping[Hashable, Hashable]) -> Scores:
    """BCubed precision, recall and F1 (Bagga and Baldwin 1998; Amigó et al. 2009), averaged over gold's items.

    An item's precision is the share of its predicted cluster that shares its gold
    cluster, its recall the share of its gold cluster found in its predicted
    cluster. Summed per (predicted, gold) overlap of size n: n items each score n/size.
    """
    predicted_sizes, gold_sizes, overlap_sizes = _overlap_counts(predicted, gold)
    items = len(gold)
    precision = sum(n * n / predicted_sizes[p] for (p, _), n in overlap_sizes.items()) / items
    recall = sum(n * n / gold_sizes[g] for (_, g), n in overlap_sizes.items()) / items
    return precision, recall, _f1(precision, recall)


def _pairs(n: int) -> int:
    return n * (n - 1) // 2


def pairwise(predicted: Mapping[Hashable, Hashable], gold: Mapping[Hashable, Hashable]) -> Scores:
    """Pair-counting precision, recall and F1: of item pairs put together, how many belong together, and back.

    A clustering with no pair at all makes no pair claim: its precision is 1.0;
    likewise recall is 1.0 when gold has no pair (all singletons).
    """
    predicted_sizes, gold_sizes, overlap_sizes = _overlap_counts(predicted, gold)
    together_in_both = sum(_pairs(n) for n in overlap_sizes.values())
    predicted_pairs = sum(_pairs(n) for n in predicted_sizes.values())
    gold_pairs = sum(_pairs(n) for n in gold_sizes.values())
    precision = together_in_both / predicted_pairs if predicted_pairs else 1.0
    recall = together_in_both / gold_pairs if gold_pairs else 1.0
    return precision, recall, _f1(precision, recall)
