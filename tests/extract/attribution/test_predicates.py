"""Stance predicates: a copula with a stance adjective or role noun, a light verb with a stance noun."""
import pytest


@pytest.mark.parametrize("text, expected", [
    ("Mayor Lena Ort was confident that the dam would hold.",
     ("Mayor Lena Ort", "was confident", "that the dam would hold")),
    ("The harbour board is critical of the plan.", ("The harbour board", "is critical of", "the plan")),
    ("The harbour board has been deeply skeptical of the tunnel.",
     ("The harbour board", "has been deeply skeptical of", "the tunnel")),
    ("Residents were eager to see the bridge reopen.", ("Residents", "were eager", "to see the bridge reopen")),
    ("Ort is not sure whether the tunnel helps.", ("Ort", "is not sure", "whether the tunnel helps")),
    ("Ort remains convinced that the ferry will pay.", ("Ort", "remains convinced", "that the ferry will pay")),
])
def test_copula_with_stance_adjective(attribute_one, text, expected):
    assert attribute_one(text) == expected


def test_role_noun_after_copula(attribute_one):
    assert attribute_one("Ort has been a vocal supporter of the ferry.") == (
        "Ort", "has been a vocal supporter of", "the ferry")


@pytest.mark.parametrize("text, expected", [
    ("The council expressed deep concern about the budget.",
     ("The council", "expressed deep concern about", "the budget")),
    ("The council expressed concern that the budget would run short.",
     ("The council", "expressed concern", "that the budget would run short")),
    ("Ort took a swipe at the harbour board.", ("Ort", "took a swipe at", "the harbour board")),
    ("Ort took issue with the harbour board.", ("Ort", "took issue with", "the harbour board")),
    ("Ort drew attention to the flood risk.", ("Ort", "drew attention to", "the flood risk")),
    ("Ort has made no secret of her plans.", ("Ort", "has made no secret of", "her plans")),
])
def test_light_verb_with_stance_noun(attribute_one, text, expected):
    assert attribute_one(text) == expected


def test_catenative_verb_before_the_predicate(attribute_one):
    assert attribute_one("Ort tried to make the case that the dam was safe.") == (
        "Ort", "tried to make the case", "that the dam was safe")


@pytest.mark.parametrize("text", [
    "The bridge is critical to the town.",          # "critical to": crucial, not a stance
    "The toll is sure to rise next year.",          # "sure to": a prediction about the toll
    "It is concerned with the budget.",             # no holder named
    "Ort was happy.",                               # nothing the attitude is about
])
def test_no_stance_attribution(attribute, text):
    found, _ = attribute(text)
    assert found == [], [(a.cue.text, a.content.text) for a in found]


def test_a_time_is_not_what_an_attitude_is_about(attribute):
    found, _ = attribute("Ort expressed concern over the weekend.")
    assert all(a.cue.text != "expressed concern over" for a in found)


def test_negated_predicate_is_unknown(attribute):
    found, _ = attribute("Ort is not sure that the tunnel helps.")
    assert found[0].certainty.value == "unknown" and "not" in found[0].certainty.hedges


def test_hopeful_clause_is_possible(attribute):
    found, _ = attribute("Ort is hopeful that the ferry will run.")
    assert found[0].certainty.value == "possible"


def test_the_light_verb_makes_no_second_attribution(attribute):
    found, _ = attribute("The council voiced support for the ferry.")
    assert [(a.cue.text, a.content.text) for a in found] == [("voiced support for", "the ferry")]


@pytest.mark.parametrize("text, expected", [
    ("Mayor Lena Ort's answer was that the harbour board would pay.",
     ("Mayor Lena Ort's", "answer was", "that the harbour board would pay")),
    ("The idea is that donors can still give money to the ferry fund.",
     (None, "The idea is", "that donors can still give money to the ferry fund")),
    ("The harbour board is split on whether the dam should be built.",
     ("The harbour board", "is split on", "whether the dam should be built")),
    ("Ort is best known for her attacks on the harbour board.",
     ("Ort", "is best known for", "her attacks on the harbour board")),
    ("Ort is a high-profile campaigner for the ferry.", ("Ort", "is a high-profile campaigner for", "the ferry")),
    ("Ort is one of the loudest critics of the toll.", ("Ort", "is one of the loudest critics of", "the toll")),
    ("Ort was less shy about the budget.", ("Ort", "was less shy about", "the budget")),
])
def test_copula_predicates(attribute_one, text, expected):
    assert attribute_one(text) == expected


@pytest.mark.parametrize("text", [
    "The problem is that the dam leaks.",           # "problem" is no one's statement
    "The toll was split into two payments.",        # "split into": parts, not a split opinion
])
def test_no_copula_statement(attribute, text):
    found, _ = attribute(text)
    assert found == [], [(a.cue.text, a.content.text) for a in found]


def test_taking_aim_in_a_firefight_is_no_stance(attribute):
    found, _ = attribute("Two guards took aim at the fleeing driver and fired.")
    assert found == []
