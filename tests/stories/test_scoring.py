"""Clustering scores on tiny clusterings whose BCubed and pairwise figures were worked out by hand."""
import itertools
import random

import pytest

from storyline.stories.scoring import bcubed, pairwise

# Gold: {a b c} {d e}. Predicted: {a b} {c d} {e}.
GOLD = {"a": 1, "b": 1, "c": 1, "d": 2, "e": 2}
PREDICTED = {"a": "X", "b": "X", "c": "Y", "d": "Y", "e": "Z"}

# Gold: one pair {a b} and four singletons. Heavy in singletons, like a story benchmark with distractors.
GOLD_MOSTLY_SINGLETONS = {"a": 1, "b": 1, "c": 2, "d": 3, "e": 4, "f": 5}


def test_bcubed_mixed_split_and_merge():
    # Precision per item: a 2/2, b 2/2, c 1/2, d 1/2, e 1/1 -> 4/5.
    # Recall per item:    a 2/3, b 2/3, c 1/3, d 1/2, e 1/2 -> (8/3)/5 = 8/15.
    precision, recall, f1 = bcubed(PREDICTED, GOLD)
    assert precision == pytest.approx(4 / 5)
    assert recall == pytest.approx(8 / 15)
    assert f1 == pytest.approx(0.64)


def test_pairwise_mixed_split_and_merge():
    # Predicted pairs ab, cd; gold pairs ab, ac, bc, de; only ab is in both.
    precision, recall, f1 = pairwise(PREDICTED, GOLD)
    assert precision == pytest.approx(1 / 2)
    assert recall == pytest.approx(1 / 4)
    assert f1 == pytest.approx(1 / 3)


def test_perfect_clustering_scores_one_whatever_the_labels():
    renamed = {item: f"story {label}" for item, label in GOLD.items()}
    assert bcubed(renamed, GOLD) == pytest.approx((1.0, 1.0, 1.0))
    assert pairwise(renamed, GOLD) == pytest.approx((1.0, 1.0, 1.0))


def test_all_singletons_against_mostly_singleton_gold():
    predicted = {item: item for item in GOLD_MOSTLY_SINGLETONS}
    # BCubed recall: a and b find half their gold cluster, the other four all of theirs: (1/2+1/2+4)/6 = 5/6.
    precision, recall, f1 = bcubed(predicted, GOLD_MOSTLY_SINGLETONS)
    assert (precision, recall) == pytest.approx((1.0, 5 / 6))
    assert f1 == pytest.approx(10 / 11)
    # Pairwise: no predicted pair (precision vacuously 1), the one gold pair missed.
    assert pairwise(predicted, GOLD_MOSTLY_SINGLETONS) == pytest.approx((1.0, 0.0, 0.0))


def test_everything_in_one_cluster_against_mostly_singleton_gold():
    predicted = {item: "all" for item in GOLD_MOSTLY_SINGLETONS}
    # BCubed precision: a, b share 2 of 6; the four singletons 1 of 6: (2/6+2/6+4/6)/6 = 2/9.
    precision, recall, f1 = bcubed(predicted, GOLD_MOSTLY_SINGLETONS)
    assert (precision, recall) == pytest.approx((2 / 9, 1.0))
    assert f1 == pytest.approx(4 / 11)
    # Pairwise: 15 predicted pairs, 1 of them the gold pair.
    assert pairwise(predicted, GOLD_MOSTLY_SINGLETONS) == pytest.approx((1 / 15, 1.0, 1 / 8))


def test_items_outside_gold_are_ignored_and_missing_ones_are_singletons():
    predicted = {"a": "X", "b": "X", "c": "X", "zz": "X"}  # zz is not in gold; d and e are missing
    # As if predicted were {a b c} {d} {e}: precision 1; recall (1+1+1+1/2+1/2)/5 = 4/5.
    precision, recall, _ = bcubed(predicted, GOLD)
    assert (precision, recall) == pytest.approx((1.0, 4 / 5))
    # Pairs: predicted ab ac bc, all gold; gold de missed -> 3/3 and 3/4.
    precision, recall, _ = pairwise(predicted, GOLD)
    assert (precision, recall) == pytest.approx((1.0, 3 / 4))


def test_two_missing_items_are_not_put_together():
    gold = {"a": 1, "b": 1}
    assert bcubed({}, gold) == pytest.approx((1.0, 0.5, 2 / 3))
    assert pairwise({}, gold) == pytest.approx((1.0, 0.0, 0.0))


def test_empty_gold_is_an_error():
    with pytest.raises(ValueError):
        bcubed({"a": 1}, {})
    with pytest.raises(ValueError):
        pairwise({"a": 1}, {})


def _pairwise_by_enumerating_pairs(predicted, gold):
    together = {"predicted": 0, "gold": 0, "both": 0}
    for x, y in itertools.combinations(gold, 2):
        same_predicted = predicted[x] == predicted[y]
        same_gold = gold[x] == gold[y]
        together["predicted"] += same_predicted
        together["gold"] += same_gold
        together["both"] += same_predicted and same_gold
    return together["both"] / together["predicted"], together["both"] / together["gold"]


def _bcubed_by_enumerating_items(predicted, gold):
    precisions, recalls = [], []
    for x in gold:
        same_predicted = {y for y in gold if predicted[y] == predicted[x]}
        same_gold = {y for y in gold if gold[y] == gold[x]}
        precisions.append(len(same_predicted & same_gold) / len(same_predicted))
        recalls.append(len(same_predicted & same_gold) / len(same_gold))
    return sum(precisions) / len(gold), sum(recalls) / len(gold)


def test_counting_by_cluster_sizes_agrees_with_the_definitions_on_random_clusterings():
    rng = random.Random(7)
    for _ in range(20):
        items = range(40)
        gold = {i: rng.randrange(12) for i in items}
        predicted = {i: rng.randrange(8) for i in items}
        assert bcubed(predicted, gold)[:2] == pytest.approx(_bcubed_by_enumerating_items(predicted, gold))
        assert pairwise(predicted, gold)[:2] == pytest.approx(_pairwise_by_enumerating_pairs(predicted, gold))
