"""Page furniture of scraped pages: found from the text alone, kept out of headline, entities and reports."""
import pytest

from storyline.extract.furniture import furniture_ranges, read_page
from storyline.extract.sections import find_sections
from storyline.ingest.article import Article
from storyline.pipeline import analyze_doc

PAGE = (" date 2019-05-02 \n"
        "Home LOCAL News\n"
        "Skip to main content\n\n"
        "Ferry service to Lindholm resumes after storm\n\n"
        "The ferry between Harbourton and Lindholm sailed again on Thursday, two days after a storm "
        "damaged the landing stage, the operator Kestrel Lines said.\n\n"
        "Share this article\n\n"
        "Repairs to the landing stage will take another week, harbour master Edda Brandt said.\n")


def kinds(text, headline_in_text=True):
    return [(s.kind, text[s.start:s.end]) for s in find_sections(text, headline_in_text)]


def test_menu_lines_and_a_date_field_before_the_headline_are_furniture():
    got = kinds(PAGE)
    assert got[:4] == [("furniture", "date 2019-05-02"), ("furniture", "Home LOCAL News"),
                       ("furniture", "Skip to main content"),
                       ("headline", "Ferry service to Lindholm resumes after storm")]
    assert ("furniture", "Share this article") in got
    assert [k for k, _ in got[4:]] == ["body", "furniture", "body"]


def test_a_date_field_opening_the_headline_line_is_cut_off_it():
    text = " date 2019-05-02 Ferry service to Lindholm resumes\nThe ferry sailed again on Thursday, the operator said."
    assert kinds(text)[:2] == [("furniture", "date 2019-05-02"), ("headline", "Ferry service to Lindholm resumes")]


@pytest.mark.parametrize("first", ["Thursday, 2 May 2019", "May 2, 2019", "Posted/updated on: May 2, 2019 at 7:05 am",
                                   "Advertisement", "Business & World", "Watch Harbour TV News", "Northgate Daily Logo",
                                   "Breaking News !", "  • Link copied"])
def test_a_date_menu_or_link_line_is_never_the_headline(first):
    text = f"{first}\n\nFerry service to Lindholm resumes after storm\n\nThe ferry sailed again on Thursday."
    got = kinds(text)
    assert got[0] == ("furniture", first.strip())
    assert got[1] == ("headline", "Ferry service to Lindholm resumes after storm")


def test_a_site_name_or_slogan_before_the_headline_is_furniture():
    for first in ("Harbour Chronicle", "Find Us", "Stop back pain with one stretch"):
        page = read_page(f"{first}\n\nFerry service to Lindholm resumes after storm\n\nThe ferry sailed again.")
        text = f"{first}\n\nFerry service to Lindholm resumes after storm\n\nThe ferry sailed again."
        assert text[slice(*page.headline)] == "Ferry service to Lindholm resumes after storm"
        assert [text[s:e] for s, e in page.furniture] == [first]


def test_a_short_headline_before_the_story_stays_the_headline():
    text = "Pier Reopens\n\nThe pier at Harbourton reopened on Thursday after a month of repairs, the council said."
    assert kinds(text)[0] == ("headline", "Pier Reopens")


def test_a_line_of_prose_first_is_no_headline():
    text = ("The pier at Harbourton reopened on Thursday after a month of repairs, the harbour council said.\n\n"
            "Boats queued at the landing stage from dawn.")
    assert [k for k, _ in kinds(text)] == ["body", "body"]


def test_without_a_given_headline_only_a_plain_headline_line_is_taken():
    story = ("Ferry service to Lindholm resumes after storm\n\n"
             "The ferry between Harbourton and Lindholm sailed again on Thursday, two days after a storm "
             "damaged the landing stage, the operator said.")
    assert kinds(story, headline_in_text=False)[0] == ("headline", "Ferry service to Lindholm resumes after storm")
    repeated = ("Ferry service to Lindholm resumes\n\nFerry service to Lindholm resumes\n\n"
                "Operator says the storm damage is repaired\n\n" + story.split("\n\n")[1])
    assert kinds(repeated, headline_in_text=False)[0] == ("headline", "Ferry service to Lindholm resumes")
    plain = "Police said so.\n\nThe road was closed."
    assert [k for k, _ in kinds(plain, headline_in_text=False)] == ["body", "body"]


def test_listen_share_and_subscribe_lines_anywhere_are_furniture():
    text = ("The ferry sailed again.\n"
            "LISTEN: Harbour master says the landing stage will hold\n"
            "Share this articlePrint\n"
            "Subscribe to our channel! example.ly/harbourtv\n"
            "Repairs go on.")
    found = [text[s:e] for s, e in furniture_ranges(text)]
    assert found == ["LISTEN: Harbour master says the landing stage will hold", "Share this articlePrint",
                     "Subscribe to our channel! example.ly/harbourtv"]


def test_body_lines_that_open_like_links_stay_text():
    text = "Share prices of Kestrel Lines fell by a tenth on Thursday after the storm, traders said."
    assert furniture_ranges(text) == []


@pytest.fixture
def analyse(nlp):
    def run(text, headline_in_text=True):
        return analyze_doc(nlp(text), Article(text=text, headline_in_text=headline_in_text))
    return run


def test_nothing_is_reported_or_named_in_furniture(analyse):
    text = ("Watch Kestrel TV News\n"
            "LISTEN: Minister Ona Vale says the ferry will run all winter\n\n"
            "Ferry service to Lindholm resumes after storm\n\n"
            "The ferry between Harbourton and Lindholm sailed again on Thursday, two days after a storm "
            "damaged the landing stage, harbour master Edda Brandt said.\n")
    analysis = analyse(text)
    headline = next(s for s in analysis.sections if s.kind == "headline")
    assert text[headline.start:headline.end] == "Ferry service to Lindholm resumes after storm"
    assert [a.source_text for a in analysis.attributions] == ["harbour master Edda Brandt"]
    names = {e.name for e in analysis.entities}
    assert "Edda Brandt" in names
    assert not names & {"LISTEN", "Ona Vale", "Kestrel TV News", "Kestrel TV"}


def test_a_source_stops_at_a_date_field(analyse):
    text = " date 2019-05-02 Harbour master Edda Brandt said the landing stage would be repaired within a week.\n"
    analysis = analyse(text, headline_in_text=False)
    assert [a.source_text for a in analysis.attributions] == ["Harbour master Edda Brandt"]
    assert analysis.untraceable() == []


def test_a_headline_verb_with_no_source_around_it_is_no_cue(analyse):
    text = ("Harbour Board postpones plan to reopen pier\n\n"
            "The board will meet again in June.\n")
    assert analyse(text).attributions == []
    assert not any("postpones" in e.name for e in analyse(text).entities)


def test_a_headline_verb_between_source_and_content_is_a_cue(analyse):
    text = "Mayor says bridge will reopen\n\nThe bridge over the Ostra has been shut since March.\n"
    found = [(a.source_text, a.cue.text, a.content.text) for a in analyse(text).attributions]
    assert found == [("Mayor", "says", "bridge will reopen")]
