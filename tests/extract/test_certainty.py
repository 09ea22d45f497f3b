"""Certainty (FactBank-style factuality): one rule per test, on sentences written for the test."""
import pytest

from storyline.extract.certainty import certainty_of, certainty_of_cue, certainty_of_span, combine
from storyline.model import Certainty
from storyline.nlp import load_nlp


@pytest.fixture(scope="module")
def nlp():
    return load_nlp()


def of(nlp, sentence, word):
    """Certainty of the first token spelled `word` in `sentence`."""
    doc = nlp(sentence)
    return certainty_of(next(t for t in doc if t.text == word))


def span_of(nlp, sentence, part):
    doc = nlp(sentence)
    start = sentence.index(part)
    return doc.char_span(start, start + len(part), alignment_mode="expand")


def test_plain_past_is_certain(nlp):
    assert of(nlp, "The patrol crossed the river at dawn.", "crossed") == Certainty()


def test_not_negates(nlp):
    c = of(nlp, "Police did not attack the marchers.", "attack")
    assert c.value == "negated" and c.hedges == ["not"]


def test_never_negates(nlp):
    assert of(nlp, "The guards never fired.", "fired").value == "negated"


def test_no_on_the_object_negates(nlp):
    assert of(nlp, "The guards fired no shots.", "fired").value == "negated"


def test_could_is_possible(nlp):
    c = of(nlp, "The rebels could attack the town of Kesta.", "attack")
    assert c.value == "possible" and c.hedges == ["could"] and not c.conditional


def test_will_stays_certain(nlp):
    assert of(nlp, "The rebels will attack the town of Kesta.", "attack").value == "certain"


def test_would_after_say_is_a_shifted_future(nlp):
    assert of(nlp, "Mara Velt said she would resign.", "resign").value == "certain"


def test_bare_would_is_conditional(nlp):
    c = of(nlp, "This would be the first time the army fired shots.", "be")
    assert c.value == "possible" and c.conditional and c.hedges == ["would"]


def test_if_clause_and_would_have_are_conditional(nlp):
    sentence = "If the army fired shots inside the zone, it would have violated the truce."
    antecedent, consequent = of(nlp, sentence, "fired"), of(nlp, sentence, "violated")
    assert antecedent.conditional and antecedent.hedges == ["if"]
    assert consequent.conditional and consequent.value == "possible"


def test_unless_is_conditional(nlp):
    assert of(nlp, "Unless the rebels withdraw, the army will attack.", "withdraw").conditional


@pytest.mark.parametrize("adverb, value", [("reportedly", "possible"), ("allegedly", "possible"),
                                           ("apparently", "probable"), ("probably", "probable")])
def test_hedging_adverbs(nlp, adverb, value):
    c = of(nlp, f"The driver {adverb} crossed the border.", "crossed")
    assert c.value == value and c.hedges == [adverb]


def test_presumed_is_probable(nlp):
    c = of(nlp, "He is presumed to be a courier.", "be")
    assert c.value == "probable" and c.hedges == ["presumed"]


def test_believe_and_seem_are_probable(nlp):
    assert of(nlp, "Police believe the gunman fled north.", "fled").value == "probable"
    assert of(nlp, "He seems to have escaped.", "escaped").value == "probable"


def test_claim_is_possible(nlp):
    c = of(nlp, "The group claimed that its fighters shot down a drone.", "shot")
    assert c.value == "possible" and c.hedges == ["claimed"]


def test_denial_negates(nlp):
    c = of(nlp, "The ministry denied that troops fired on the crowd.", "fired")
    assert c.value == "negated" and c.hedges == ["denied"]


def test_whether_is_unknown(nlp):
    c = of(nlp, "It is unclear whether the guards fired.", "fired")
    assert c.value == "unknown" and "whether" in c.hedges


def test_whether_reaches_nouns_in_the_clause(nlp):
    sentence = "Officials will investigate whether the mark was the result of the chase."
    assert of(nlp, sentence, "chase").value == "unknown"


def test_investigating_a_noun_presupposes_it(nlp):
    assert of(nlp, "Officials are investigating the shooting.", "shooting").value == "certain"


def test_fail_to_negates(nlp):
    c = of(nlp, "The army failed to stop him.", "stop")
    assert c.value == "negated" and c.hedges == ["failed"]


def test_refuse_to_negates(nlp):
    assert of(nlp, "The pilot refused to land.", "land").value == "negated"


def test_yet_to_negates(nlp):
    c = of(nlp, "The man has yet to regain consciousness.", "regain")
    assert c.value == "negated" and c.hedges == ["yet"]


def test_tried_to_is_possible(nlp):
    assert of(nlp, "The rebels tried to seize the airport.", "seize").value == "possible"


def test_intentions_and_requests_are_unknown(nlp):
    assert of(nlp, "The rebels plan to seize the airport.", "seize").value == "unknown"
    assert of(nlp, "The council demanded the withdrawal.", "withdrawal").value == "unknown"


def test_deontic_must_is_unknown_epistemic_must_is_probable(nlp):
    assert of(nlp, "The ministry must release the files.", "release").value == "unknown"
    assert of(nlp, "He must have crossed at night.", "crossed").value == "probable"


def test_cancelled_object_is_negated(nlp):
    c = of(nlp, "The minister cancelled the visit.", "visit")
    assert c.value == "negated" and c.hedges == ["cancelled"]


def test_relative_clause_is_presupposed(nlp):
    sentence = "The courier, who was shot twice, is believed to have escaped."
    assert of(nlp, sentence, "shot").value == "certain"
    assert of(nlp, sentence, "escaped").value == "probable"


def test_span_assessment_is_probable(nlp):
    sentence = "Our assessment is that two guards chased him as he fled."
    c = certainty_of_span(span_of(nlp, sentence, sentence))
    assert c.value == "probable" and c.hedges == ["assessment"]


def test_span_would_is_conditional(nlp):
    content = "this would be the first time the army fired shots across the line"
    c = certainty_of_span(span_of(nlp, f"According to the minister, {content}.", content))
    assert c.conditional and c.value == "possible" and "would" in c.hedges


def test_span_investigate_whether_is_unknown(nlp):
    content = "an inquiry must examine whether the dent in the fence came from the storm"
    c = certainty_of_span(span_of(nlp, f"Officials said {content}.", content))
    assert c.value == "unknown" and "whether" in c.hedges


def test_span_yet_to_be_established_is_unknown(nlp):
    content = "his name is yet to be established"
    c = certainty_of_span(span_of(nlp, f"Police said {content}.", content))
    assert c.value == "unknown" and "yet" in c.hedges


def test_span_ignores_hedges_in_relative_clauses(nlp):
    content = "the man, whose name is yet to be established, drove a truck"
    assert certainty_of_span(span_of(nlp, f"Police said {content}.", content)).value == "certain"


@pytest.mark.parametrize("sentence, cue, content, value", [
    ("Officials said the man fled.", "said", "the man fled", "certain"),
    ("The group claimed that the troops fired first.", "claimed", "the troops fired first", "possible"),
    ("Officials believe the man fled.", "believe", "the man fled", "probable"),
    ("The ministry denied that troops crossed.", "denied", "troops crossed", "negated"),
    ("He is said to have crossed the border.", "said", "to have crossed the border", "possible"),
    ("Officials reportedly said the man fled.", "said", "the man fled", "possible"),
    ("Officials said the man may have fled.", "said", "the man may have fled", "possible"),
    ("Officials did not say whether the man fled.", "say", "whether the man fled", "unknown"),
])
def test_cue_strength_combines_with_content(nlp, sentence, cue, content, value):
    doc = nlp(sentence)
    cue_token = next(t for t in doc if t.text == cue)
    start = sentence.index(content)
    content_span = doc.char_span(start, start + len(content), alignment_mode="expand")
    assert certainty_of_cue(cue_token, content_span).value == value


def test_combine_keeps_the_weakest_and_every_hedge():
    c = combine(Certainty(value="probable", hedges=["believe"]),
                Certainty(value="possible", conditional=True, hedges=["would"]))
    assert c == Certainty(value="possible", conditional=True, hedges=["believe", "would"])


def test_combine_negation_under_a_hedge_stays_hedged():
    c = combine(Certainty(value="negated", hedges=["not"]), Certainty(value="possible", hedges=["reportedly"]))
    assert c.value == "possible" and c.hedges == ["not", "reportedly"]
    assert combine(Certainty(value="negated", hedges=["not"]), Certainty()).value == "negated"
