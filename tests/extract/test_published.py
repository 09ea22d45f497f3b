"""Publication dates inferred from URL and text, on pages written for these tests, and through `analyze`."""
import datetime as dt

import pytest

import storyline
from storyline.extract.published import date_from_url, dateline, full_dates, infer_published

LATEST_YEAR = 2030  # fixed, so that the tests do not depend on today's date


def infer(url, text):
    day, source = infer_published(url, text, latest_year=LATEST_YEAR)
    if source is not None and source.span is not None:
        assert text[source.span.start:source.span.end] == source.span.text
    return day, source


# ---------------------------------------------------------------- URL

@pytest.mark.parametrize("url", [
    "https://harbourpost.example/2017/11/15/ferry-strike-ends/",
    "https://harbourpost.example/news/2017/nov/15/ferry-strike-ends",
    "https://harbourpost.example/world/2017-11-15-ferry-strike-ends",
    "https://harbourpost.example/news/20171115/ferry-strike-ends",
    "https://harbourpost.example/news/ferry-strike-ends-20171115.html",
    "https://harbourpost.example/news/201711151034226617-ferry-strike/",
    "https://harbourpost.example/briefing/morning-briefing-november-15-2017",
])
def test_the_url_path_gives_a_full_date(url):
    day, source = infer(url, "The ferry strike ended after talks.")
    assert day == dt.date(2017, 11, 15)
    assert source.kind == "url" and source.span is None


def test_a_query_string_date_is_not_a_publication_date():
    assert date_from_url("https://harbourpost.example/story?shared=2019-05-05", LATEST_YEAR) == (None, None, None)


def test_a_year_month_url_sets_no_date_but_narrows_the_text():
    assert date_from_url("https://valleyblog.example/2017/11/ferry-strike.html", LATEST_YEAR)[2] == "2017-11"
    text = "The strike began on Oct. 30, 2017. Talks resumed on Nov. 3, 2017.\n\nThe next round is due Jan. 9, 2018."
    day, source = infer("https://valleyblog.example/2017/11/ferry-strike.html", text)
    assert day == dt.date(2017, 11, 3)  # the latest date in the URL's month, not the later one outside it
    assert source.kind == "text" and source.span.text == "Nov. 3, 2017"


def test_a_year_month_url_with_no_date_of_that_month_in_the_text_gives_none():
    text = "Photos from the rally on June 2, 2017 show the square full."
    assert infer("https://valleyblog.example/2017/11/rally-photos.html", text) == (None, None)


def test_years_outside_the_plausible_range_are_ids_not_dates():
    assert date_from_url("https://harbourpost.example/item/19850412/", LATEST_YEAR)[0] is None
    assert date_from_url("https://harbourpost.example/item/20470412/", LATEST_YEAR)[0] is None


# ---------------------------------------------------------------- datelines

@pytest.mark.parametrize("head, expected, words", [
    ("Ferry strike ends\nWednesday, Nov. 15, 2017\n\nThe strike ended.", dt.date(2017, 11, 15),
     "Wednesday, Nov. 15, 2017"),
    ("Ferry strike ends\nUpdated 14:02 GMT, 15 November 2017\nThe strike ended.", dt.date(2017, 11, 15),
     "15 November 2017"),
    ("Ferry strike ends\nPublished: 2017-11-13\nThe strike ended.", dt.date(2017, 11, 13), "2017-11-13"),
    ("By Ana Brill | 13 Nov 2017\nThe strike ended.", dt.date(2017, 11, 13), "13 Nov 2017"),
    ("Harbour Wire | Oslo | Updated: 14-11-2017 18:51 CET\nThe strike ended.", dt.date(2017, 11, 14), "14-11-2017"),
    ("OSLO (Example Wire - 13th November, 2017) The strike ended.", dt.date(2017, 11, 13), "13th November, 2017"),
])
def test_a_dateline_near_the_top_gives_the_date_and_its_words(head, expected, words):
    day, source = infer(None, head + " Pickets had stood since Oct. 2, 2017.")
    assert day == expected
    assert source.kind == "text" and source.span.text == words


def test_published_labels_beat_updated_ones_and_plain_date_lines():
    text = "Ferry strike ends\nUpdated: Nov. 16, 2017 | Posted: Nov. 14, 2017\nThe strike ended on Monday."
    assert infer(None, text)[0] == dt.date(2017, 11, 14)


def test_a_date_in_the_first_sentence_is_about_the_story_not_its_page():
    text = "Ferry strike ends\nOn March 3, 2016, the union first walked out. It came back on Nov. 13, 2017."
    day, source = infer(None, text)
    assert day == dt.date(2017, 11, 13)  # the latest date, not the first one
    found, _ = dateline(text, latest_year=LATEST_YEAR)
    assert found is None


def test_a_label_word_in_prose_is_no_dateline():
    text = "Ferry strike ends\nThe union posted on 2 March 2016 a letter dated 2016-02-28.\nTalks ended Nov. 13, 2017."
    assert dateline(text, latest_year=LATEST_YEAR)[0] is None
    assert infer(None, text)[0] == dt.date(2017, 11, 13)


def test_an_agency_dateline_without_a_year_takes_the_year_of_the_latest_date_in_the_text():
    text = ("BERGEN, Jan 3 (Example Wire) - Ferries ran again on Wednesday after a strike "
            "that began on Dec. 28, 2017, the union said.")
    day, source = infer(None, text)
    assert day == dt.date(2018, 1, 3)
    assert source.span.text == "Jan 3"


def test_an_agency_dateline_without_a_year_takes_the_year_of_the_url():
    text = "BERGEN, Jan 3 (Example Wire) - Ferries ran again on Wednesday."
    assert infer("https://wire.example/2018/01/ferries-run-again", text)[0] == dt.date(2018, 1, 3)


def test_a_dateline_without_a_year_and_nothing_to_take_one_from_is_skipped():
    assert infer(None, "BERGEN, Jan 3 (Example Wire) - Ferries ran again on Wednesday.") == (None, None)


def test_a_dated_url_quoted_at_the_top_is_used_when_no_dateline_is_there():
    text = ("This page keeps old versions of a story.\n"
            "Original: https://harbourpost.example/world/live/2017/nov/15/ferry-strike-live\n"
            "The strike ended in March 2016 and again later.")
    day, source = infer(None, text)
    assert day == dt.date(2017, 11, 15)
    assert source.span.text == "2017/nov/15"


# ---------------------------------------------------------------- the latest date stated

def test_without_url_or_dateline_the_latest_full_date_stated_wins():
    text = ("The bridge, opened on 4 June 2009, was closed on Nov. 13, 2017 after cracks were found "
            "in a survey dated 2017-10-02.")
    day, source = infer(None, text)
    assert day == dt.date(2017, 11, 13)
    assert source.span.text == "Nov. 13, 2017"


def test_dates_after_the_latest_plausible_year_are_ignored():
    assert infer_published(None, "Opened on May 3, 2016; a typo says May 3, 2061.", latest_year=2030)[0] == \
        dt.date(2016, 5, 3)


def test_full_dates_are_found_in_their_common_forms_with_exact_spans():
    text = "Tuesday, Nov. 14, 2017; 15 November 2017; the 3rd of March, 2016; 2017-11-13; 11/12/2017; March 2017."
    found = full_dates(text, LATEST_YEAR)
    assert [(d.day.isoformat(), text[d.start:d.end]) for d in found] == [
        ("2017-11-14", "Tuesday, Nov. 14, 2017"), ("2017-11-15", "15 November 2017"),
        ("2016-03-03", "the 3rd of March, 2016"), ("2017-11-13", "2017-11-13"), ("2017-11-12", "11/12/2017")]


def test_no_date_anywhere_gives_none():
    assert infer("https://harbourpost.example/news/ferry-strike", "The strike ended on Monday.") == (None, None)


# ---------------------------------------------------------------- precedence

def test_the_url_beats_a_dateline_which_beats_the_latest_date():
    text = "Ferry strike ends\nNov. 14, 2017\nTalks are set for Dec. 1, 2017."
    assert infer("https://harbourpost.example/2017/11/13/ferry", text)[0] == dt.date(2017, 11, 13)
    assert infer("https://harbourpost.example/news/ferry", text)[0] == dt.date(2017, 11, 14)
    assert infer("https://harbourpost.example/news/ferry", "Ferry strike ends\nTalks are set for Dec. 1, 2017.")[0] \
        == dt.date(2017, 12, 1)


# ---------------------------------------------------------------- through analyze

def test_the_input_date_wins_and_nothing_is_inferred():
    analysis = storyline.analyze("Nov. 14, 2017\nThe ferries ran again on Monday.", published="2017-11-20",
                                 url="https://harbourpost.example/2017/11/13/ferries")
    assert analysis.document.published == "2017-11-20"
    assert analysis.document.published_source.kind == "input"


def test_monday_resolves_against_a_date_inferred_from_the_text():
    text = "Ferries run again\nWednesday, Nov. 15, 2017\n\nThe ferries ran again on Monday, the harbour office said."
    analysis = storyline.analyze(text, title="Ferries run again")
    document = analysis.document
    assert document.published == "2017-11-15"
    assert document.published_source.kind == "text"
    span = document.published_source.span
    assert document.text[span.start:span.end] == span.text == "Wednesday, Nov. 15, 2017"
    monday = [t for t in analysis.times if t.text == "Monday"]
    assert monday and monday[0].value == "2017-11-13" and monday[0].anchor == "publication"


def test_monday_resolves_against_a_date_inferred_from_the_url():
    analysis = storyline.analyze("The ferries ran again on Monday, the harbour office said.",
                                 url="https://harbourpost.example/2017/11/15/ferries-run-again")
    assert analysis.document.published == "2017-11-15"
    assert analysis.document.published_source.kind == "url"
    assert [t.value for t in analysis.times if t.text == "Monday"] == ["2017-11-13"]
