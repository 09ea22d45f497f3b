"""Quote-based attributions: which quote a verb takes, how far its content reaches, signed quotes, transcripts."""
import pytest

from storyline.extract.attribution.builder import _Builder
from storyline.extract.attribution.quotes import (
    _joined_with_quotes,
    _phrase_around_quote,
    _quote_content,
)
from storyline.extract.entities import extract_entities


@pytest.fixture
def builder(nlp):
    """A fresh collector for a text, for calling the quote functions on one verb."""
    def run(text):
        doc = nlp(text)
        return _Builder(doc, extract_entities(doc), [], [])
    return run


def _token(b, word, nth=0):
    return [t for t in b.doc if t.text == word][nth]


def _range(text, part):
    start = text.index(part)
    return start, start + len(part)


def _texts(found):
    return [(a.cue.text, a.content.text) for a in found]


# ---------------------------------------------------------------- which quote a verb takes

def test_quote_inside_a_later_sentence_is_not_a_continuation(attribute):
    found, _ = attribute('"The ferry will run," Ort said. Later the harbour board described the timetable '
                         'as a "minor miracle," and the council agreed.')
    assert ("said", '"minor miracle,"') not in _texts(found)
    assert ("said", '"The ferry will run,"') in _texts(found)


def test_quote_before_a_verb_whose_speaker_comes_first_is_not_its_quote(attribute):
    found, _ = attribute('Mayor Lena Ort praises the harbour board as a "steady hand," '
                         'comparing it with the old council.')
    assert all(not (a.cue.text == "comparing" and a.content.text == '"steady hand,"') for a in found)


def test_quote_before_a_verb_needs_the_speaker_right_after_it(attribute):
    found, _ = attribute('Owners pay a "premium" just to keep the berth. After all, as we saw in 2009, '
                         'the board can change its mind.')
    assert all(a.content.text != '"premium"' for a in found)


def test_quote_in_a_phrase_before_the_speaker_and_a_date_is_not_closed_by_the_verb(attribute):
    found, _ = attribute('On the “Harbour Hour” show Tuesday, she said, “I never said I would pay the fees.”')
    said = [a for a in found if a.cue.text == "said"]
    assert [a.content.text for a in said] == ["“I never said I would pay the fees.”"]


def test_quote_closed_by_a_speaker_whose_title_the_parser_split(attribute):
    found, _ = attribute("The inquiry opened in May.\n“We will find the cause of the fire,” Harbour police "
                         "Chief Arvo Tamm said Monday.")
    assert ("said", "“We will find the cause of the fire,”") in _texts(found)


# ---------------------------------------------------------------- a quote resumed after its speaker

def test_quote_resumed_after_but(attribute_one):
    _, cue, content = attribute_one("“The ferry will run,” Ort said, but “nobody knows when.”")
    assert (cue, content) == ("said", "“The ferry will run,” Ort said, but “nobody knows when.”")


def test_quote_resumed_after_a_participle_of_the_verb(builder):
    text = "“Every time you say that,” Ort said, referring to the levy, “you hand the board an excuse.”"
    b = builder(text)
    first = _range(text, "“Every time you say that,”")
    content = _quote_content(b, _token(b, "said"), first, None)
    assert content == (0, len(text))


def test_next_quote_of_a_reporting_participle_is_not_resumed(builder):
    text = "“We certainly can’t pay for this,” Ort said, adding later, “The levy is costing us a fortune.”"
    b = builder(text)
    first = _range(text, "“We certainly can’t pay for this,”")
    assert _quote_content(b, _token(b, "said"), first, None) == first


def test_quote_finishing_the_sentence_its_speaker_interrupts(builder):
    text = 'So when the board signed the deal, Ort said, "we were stunned."'
    b = builder(text)
    content = _quote_content(b, _token(b, "said"), _range(text, '"we were stunned."'), None)
    assert text[slice(*content)] == text


def test_capitalised_quote_after_the_speaker_stands_alone(builder):
    text = 'When the board signed the deal, Ort said, "We were stunned."'
    b = builder(text)
    quote = _range(text, '"We were stunned."')
    assert _quote_content(b, _token(b, "said"), quote, None) == quote


# ---------------------------------------------------------------- a quote inside a larger phrase

def test_quoted_noun_phrase_takes_the_rest_of_the_object(builder):
    text = 'The fund referenced "political tensions" in rich economies that are slowing growth.'
    b = builder(text)
    phrase = _phrase_around_quote(b, _token(b, "referenced"), _range(text, '"political tensions"'))
    assert text[slice(*phrase)] == '"political tensions" in rich economies that are slowing growth'


def test_quoted_clause_right_after_the_verb_is_all_it_reports(builder):
    text = 'Ort said "we will win" at the rally.'
    b = builder(text)
    assert _phrase_around_quote(b, _token(b, "said"), _range(text, '"we will win"')) is None


def test_quote_introduced_by_a_colon_is_not_a_phrase(builder):
    text = 'Ort told the board: "We will win."'
    b = builder(text)
    assert _phrase_around_quote(b, _token(b, "told"), _range(text, '"We will win."')) is None


# ---------------------------------------------------------------- a content from the parse, aligned with quotes

def test_content_before_the_verb_takes_the_quote_resuming_it(builder):
    text = 'The summit achieved "too little," Ort added on Monday. "Without new ferries, the island risks a lot."'
    b = builder(text)
    content = _joined_with_quotes(b, _token(b, "added"), _range(text, 'The summit achieved "too little,"'))
    assert content == (0, len(text))


def test_content_before_a_verb_and_colon_is_the_quote_after_them(builder):
    text = 'The vote will be close, Ort said: "We need every seat."'
    b = builder(text)
    content = _joined_with_quotes(b, _token(b, "said"), _range(text, "The vote will be close"))
    assert text[slice(*content)] == '"We need every seat."'


def test_content_the_parse_cut_short_inside_a_quote_takes_the_quote_and_its_opening(builder):
    text = '"If you check the minutes," Ort said, "I could have written this last week. Nothing changed."'
    b = builder(text)
    content = _joined_with_quotes(b, _token(b, "said"), _range(text, "I could have written this last week"))
    assert content == (0, len(text))


# ---------------------------------------------------------------- signed quotes

def test_signed_quotes_with_no_break_spaces_and_a_closing_mark_as_opener(attribute):
    text = ("”The levy is a trap. We will fight it.”\u00a0― Lena Ort.\n"
            "“The port must stay open.”― Arvo Tamm\n"
            "“We need the ferry.” ― Mia P. Roos")
    found, _ = attribute(text)
    signed = sorted((a.source_text, a.content.text) for a in found if a.cue.text == "―")
    assert signed == [("Arvo Tamm", "“The port must stay open.”"),
                      ("Lena Ort", "”The levy is a trap. We will fight it.”"),
                      ("Mia P. Roos", "“We need the ferry.”")]
    assert len(found) == 3  # no signed quote continues the speaker before it


def test_signed_quote_holding_a_quote_of_its_own(attribute):
    found, _ = attribute("Letters.\n“As a sailor, I would sooner sail into what he calls “hell” than pay the levy.”"
                         " ― Mia Roos")
    assert _texts(found) == [
        ("―", "“As a sailor, I would sooner sail into what he calls “hell” than pay the levy.”")]


# ---------------------------------------------------------------- transcripts

def test_transcript_turn_goes_on_over_its_paragraphs(attribute):
    text = ("Partial transcript:\n\nTAPPER: Will the ferry run?\n\n"
            "FALLIN: I think it will. The board has the money.\n\nAnd the crews are ready.\n\n"
            "(CROSSTALK.)\n\nTAPPER: Thank you.\n\nFollow Ann Key on Twitter @annkey")
    found, _ = attribute(text)
    turns = {a.source_text: a.content.text for a in found if a.cue.text == ":"}
    assert turns["FALLIN"] == "I think it will. The board has the money.\n\nAnd the crews are ready"
    assert turns["TAPPER"] in ("Will the ferry run?", "Thank you")



# ---------------------------------------------------------------- the occasion of a mixed quote

def test_mixed_quote_leaves_the_interview_out(attribute_one):
    _, cue, content = attribute_one('Mayor Lena Ort said the harbour plan was "a disaster" in an interview on Sunday.')
    assert (cue, content) == ("said", 'the harbour plan was "a disaster"')


def test_mixed_quote_leaves_the_day_and_show_out(attribute_one):
    _, cue, content = attribute_one('Lena Ort called the harbour board "a bunch of clowns" Tuesday on the Morning Show.')
    assert (cue, content) == ("called", 'the harbour board "a bunch of clowns"')


def test_place_of_the_reported_act_stays_in_the_content(attribute_one):
    _, _, content = attribute_one('Lena Ort said the council would "never" meet at the rally in Brill.')
    assert content == 'the council would "never" meet at the rally in Brill'
