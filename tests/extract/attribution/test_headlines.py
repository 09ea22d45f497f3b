"""Reports in title-case lines (headlines), whose capitalised verbs the tagger reads as names."""
import pytest

from storyline.extract.attribution.builder import _Builder
from storyline.extract.attribution.headlines import _is_title_case, _title_case_reports
from storyline.extract.entities import extract_entities


@pytest.fixture
def headline_rule(nlp):
    """(source, cue, content) of what the title-case rule alone finds in a text."""
    def run(text):
        doc = nlp(text)
        b = _Builder(doc, extract_entities(doc), [], [])
        _title_case_reports(b)
        return [(a.source_text, a.cue.text, a.content.text) for a in b.out]
    return run


@pytest.mark.parametrize("text, expected", [
    ("Harbour Board Chief Praises Mayor Ort's Ferry Plan",
     ("Harbour Board Chief", "Praises", "Mayor Ort's Ferry Plan")),
    ("Former Port Doctor Says Ort Hid Illness", ("Former Port Doctor", "Says", "Ort Hid Illness")),
    ("Ort Slams Rival Over Tunnel Costs.", ("Ort", "Slams", "Rival Over Tunnel Costs")),
    ("Mayor Lena Ort Never Denied Ferry Deal", ("Mayor Lena Ort", "Never Denied", "Ferry Deal")),
])
def test_a_capitalised_verb_splits_source_and_content(headline_rule, text, expected):
    assert headline_rule(text) == [expected]


@pytest.mark.parametrize("text, cue, content", [
    ("Ort Calls For Inquiry Into Dam", "Calls For", "Inquiry Into Dam"),
    ("Harbour Board Warns Of Floods", "Warns Of", "Floods"),
    ("Harbour Board Worries About Tunnel Costs", "Worries About", "Tunnel Costs"),
])
def test_the_verbs_preposition_joins_the_cue(headline_rule, text, cue, content):
    assert [(c, t) for _, c, t in headline_rule(text)] == [(cue, content)]


def test_an_all_caps_line_is_a_headline(headline_rule):
    assert headline_rule("HARBOUR BOARD WARNS OF FLOODS AT DOCKS") == [
        ("HARBOUR BOARD", "WARNS OF", "FLOODS AT DOCKS")]


def test_the_source_after_a_comma_speaks_about_what_comes_first(headline_rule):
    assert headline_rule("Ort Hid Illness, Former Port Doctor Says.") == [
        ("Former Port Doctor", "Says", "Ort Hid Illness")]


def test_two_coordinated_cues_share_their_source(headline_rule):
    assert headline_rule("Ort Backs Ferry Plan And Slams Tunnel Costs") == [
        ("Ort", "Backs", "Ferry Plan"), ("Ort", "Slams", "Tunnel Costs")]


def test_the_content_ends_at_a_dash(headline_rule):
    assert headline_rule("Harbour Board Warns Ort Plan Will Fail - Dock Workers Agree") == [
        ("Harbour Board", "Warns", "Ort Plan Will Fail")]


@pytest.mark.parametrize("text", [
    "Harbour board chief praises Mayor Ort's ferry plan",  # sentence case: the parser's business
    "Ort Opens New Ferry Terminal At Harbour",  # title case, but no reporting verb
    "Ort's Plans Sink At Harbour",  # a plural noun after a possessive
    "Ort Accused Of Hiding Illness",  # a passive: Ort is not the speaker
    "Ort Praised By Harbour Board",
    "HE'S BEEN CALLED OUT BY DOCTORS",
])
def test_no_report_without_an_active_reporting_verb(headline_rule, text):
    assert headline_rule(text) == []


def test_sentence_case_is_not_title_case(nlp):
    assert not _is_title_case(nlp("Harbour board chief praises Mayor Ort's ferry plan")[:])
    assert _is_title_case(nlp("Harbour Board Chief Praises Mayor Ort's Ferry Plan")[:])


def test_only_the_title_case_line_of_an_article_is_read_this_way(headline_rule):
    text = "Ort Calls For Inquiry Into Dam\nThe harbour board Says little about the dam in its report."
    assert headline_rule(text) == [("Ort", "Calls For", "Inquiry Into Dam")]


def test_a_colon_headline_is_left_to_the_colon_rule(attribute_one):
    assert attribute_one("Ort: Tunnel Will Be Late") == ("Ort", ":", "Tunnel Will Be Late")


def test_a_headline_report_in_the_whole_extractor(attribute):
    found, names = attribute("Harbour Board Chief Praises Mayor Ort's Ferry Plan\n"
                             "The chief spoke at the harbour on Monday.")
    assert [(a.source_text, a.cue.text, a.content.text) for a in found] == [
        ("Harbour Board Chief", "Praises", "Mayor Ort's Ferry Plan")]
    assert found[0].source in names


def reports(attribute, text):
    found, _ = attribute(text + "\n\nThe harbour board meets again in June.")
    return [(a.source_text, a.cue.text, a.content.text) for a in found if a.cue.start < len(text)]


@pytest.mark.parametrize("text", [
    "Harbour Board postpones plan to reopen pier",  # the parser's verb 'plan' after a source 'Harbour Board postpones'
    "City Council scraps plans to build ferry terminal",
    "Ort abandons pledge to cut ferry fares",
    "Lindholm ferry rescue: Two sailors saved",  # a topic before the colon, not a speaker
    "Police warn drivers after pier crash",  # whom they warned, not of what
    "Ort Warns Rivals",
])
def test_a_headline_cue_needs_a_source_and_a_content_around_it(attribute, text):
    assert reports(attribute, text) == []


@pytest.mark.parametrize("text, expected", [
    ("Mayor says bridge will reopen", ("Mayor", "says", "bridge will reopen")),
    ("Bridge will reopen, mayor says", ("mayor", "says", "Bridge will reopen")),
    ("Harbour Board members plan to strike", ("Harbour Board members", "plan", "to strike")),
    ("Harbour Board warns floods will worsen", ("Harbour Board", "warns", "floods will worsen")),
    ("Harbour board chief: Pier will hold", ("Harbour board chief", ":", "Pier will hold")),
])
def test_a_headline_cue_between_source_and_content_stays(attribute, text, expected):
    assert reports(attribute, text) == [expected]


def test_a_misread_source_leaves_no_entity_behind(nlp):
    from storyline.extract.attribution import extract_attributions

    text = "Harbour Board postpones plan to reopen pier\n\nThe harbour master told reporters the pier was unsafe."
    doc = nlp(text)
    entities = extract_entities(doc)
    found = extract_attributions(doc, entities)
    assert [a.source_text for a in found] == ["The harbour master"]
    assert not any("postpones" in e.name for e in entities)
    assert [e.id for e in entities] == [f"e{n}" for n in range(1, len(entities) + 1)]
    assert found[0].source == next(e.id for e in entities if e.name == "harbour master")
