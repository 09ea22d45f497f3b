"""Pages without a publication date: relative times read against the dates the text itself tells."""
import pytest

from storyline.extract.time import extract_times


@pytest.fixture
def times(nlp):
    def run(text):
        doc = nlp(text)
        found = extract_times(doc, None)
        for t in found:
            assert doc.text[t.start:t.end] == t.text
        return {t.text: (t.value, t.anchor) for t in found}
    return run


def test_a_weekday_is_the_one_on_or_before_the_last_full_date_told(times):
    found = times("The quarry flooded on March 3, 2019, a Sunday. Divers reached the pump room on Friday.")
    assert found["Friday"] == ("2019-03-01", "absolute")


def test_yesterday_and_last_night_count_from_that_date(times):
    found = times("Ferry services resumed on 12 October 2020. The captain said the fog lifted yesterday "
                  "after the harbour closed last night.")
    assert found["yesterday"] == ("2020-10-11", "absolute")
    assert found["last night"] == ("2020-10-11TNI", "absolute")


def test_a_future_verb_looks_ahead_of_the_date(times):
    found = times("The levee failed on Oct. 2, 2020, a Friday. The council will vote on Tuesday.")
    assert found["Tuesday"] == ("2020-10-06", "absolute")


def test_each_time_takes_the_nearest_date_before_it(nlp):
    doc = nlp("The mine opened on June 8, 2011. On Monday the first cart came up. "
              "It closed on August 19, 2015, and on Monday the gates were welded shut.")
    mondays = [t.value for t in extract_times(doc, None) if t.text == "Monday"]
    assert mondays == ["2011-06-06", "2015-08-17"]


def test_a_time_before_any_date_takes_the_first_date_after_it(times):
    found = times("On Wednesday the ferry ran aground. The owners confirmed on 9 May 2018 that it was refloated.")
    assert found["Wednesday"] == ("2018-05-09", "absolute")


def test_a_yearless_date_takes_its_year_from_a_month_year(times):
    found = times("In June and July 2016, two hikers were lost on the ridge. They set out on 23 June "
                  "and were found on 2 July.")
    assert found["23 June"] == ("2016-06-23", "absolute")
    assert found["2 July"] == ("2016-07-02", "absolute")
    assert found["June"] == ("2016-06", "absolute")


def test_a_yearless_date_after_new_year_moves_into_the_next_year(times):
    found = times("The strike began on December 28, 2017. It ended on 3 January.")
    assert found["3 January"] == ("2018-01-03", "absolute")


def test_a_resolved_yearless_date_then_places_the_weekdays_after_it(times):
    found = times("Storms hit the coast in May 2014. The pier fell on 17 May, and on Thursday crews began clearing it.")
    assert found["17 May"] == ("2014-05-17", "absolute")
    assert found["Thursday"] == ("2014-05-15", "absolute")


def test_a_month_alone_cannot_place_a_weekday(times):
    found = times("The dam was finished in April 2012. It opened on Saturday.")
    assert found["Saturday"] == ("XXXX-WXX-6", "unresolved")


def test_fuzzy_times_and_pages_without_dates_stay_unresolved(times):
    assert times("Rescuers are now pumping water; the boys entered the cave on Sunday.") == {
        "now": ("PRESENT_REF", "unresolved"), "Sunday": ("XXXX-WXX-7", "unresolved")}
    found = times("Water rose on May 5, 2019, and rescuers are now pumping it out.")
    assert found["now"] == ("PRESENT_REF", "unresolved")


def test_a_bare_year_gives_no_year_to_a_date(times):
    found = times("The club was founded in 1998. Its new stadium opens on 4 August.")
    assert found["4 August"] == ("XXXX-08-04", "unresolved")
