"""Time expressions: extents, TIMEX3 values and anchors, on sentences written for these tests."""
import datetime as dt

import pytest

from storyline.extract.time import extract_times, reanchor_time, time_to_date

PUBLISHED = dt.date(2017, 11, 14)  # a Tuesday


@pytest.fixture
def times(nlp):
    def run(text, published=PUBLISHED, **kwargs):
        doc = nlp(text)
        found = extract_times(doc, published, **kwargs)
        for t in found:
            assert doc.text[t.start:t.end] == t.text
        return found
    return run


def values(found):
    return {t.text: t.value for t in found}


def one(found, text):
    matches = [t for t in found if t.text == text]
    assert len(matches) == 1, f"{text!r} not among {[t.text for t in found]}"
    return matches[0]


def test_ids_follow_text_order_and_offsets_are_exact(times):
    text = "Mayor Ana Brill said Tuesday that the bridge, closed since 1998, reopens next week."
    found = times(text)
    assert [t.id for t in found] == ["t1", "t2", "t3"]
    assert [(t.text, t.start) for t in found] == [("Tuesday", 21), ("1998", 59), ("next week", 73)]


def test_a_caption_date_takes_the_publication_year(times):
    text = "Volunteers clear snow from a square in Lyon, France, March 3."
    t = one(times(text), "March 3")
    assert (t.start, t.end, t.type, t.value, t.anchor) == (53, 60, "date", "2017-03-03", "publication")


def test_month_days_without_a_year_lie_near_publication(times):
    found = times("Photos taken November 13 and August 26 show the damage.")
    assert values(found) == {"November 13": "2017-11-13", "August 26": "2017-08-26"}


def test_past_tense_pulls_a_late_month_day_into_last_year(times):
    found = times("The truce was signed on Dec. 28 in Geneva.", published=dt.date(2018, 1, 5))
    assert values(found) == {"Dec. 28": "2017-12-28"}


def test_future_tense_pushes_an_early_month_day_into_next_year(times):
    found = times("Talks will resume on January 9 in Oslo.", published=dt.date(2017, 12, 20))
    assert values(found) == {"January 9": "2018-01-09"}


def test_a_bare_weekday_is_in_the_current_week_looking_back(times):
    found = times("Governor Ravel said Tuesday that the dam held. Crews worked Monday and Sunday.")
    assert values(found) == {"Tuesday": "2017-11-14", "Monday": "2017-11-13", "Sunday": "2017-11-12"}


def test_future_verbs_send_a_bare_weekday_forward(times):
    found = times("The council will vote Friday. Officials said Friday they were ready.")
    assert [t.value for t in found] == ["2017-11-17", "2017-11-10"]


def test_next_and_last_weekday(times):
    found = times("The envoy left last Friday and returns next Friday.")
    assert values(found) == {"last Friday": "2017-11-10", "next Friday": "2017-11-17"}


def test_the_weekday_is_found_inside_a_noun_phrase(times):
    found = times("General Olsen said Tuesday briefing lawmakers that two guards fled.")
    assert values(found) == {"Tuesday": "2017-11-14"}


def test_parts_of_day(times):
    found = times("Until this morning he slept; tonight he eats; yesterday afternoon he walked; last night he sang.")
    assert values(found) == {"this morning": "2017-11-14TMO", "tonight": "2017-11-14TNI",
                             "yesterday afternoon": "2017-11-13TAF", "last night": "2017-11-13TNI"}
    assert {t.type for t in found} == {"time"}


def test_clock_times_join_the_day_beside_them(times):
    found = times("The polls closed at 8 p.m. Sunday and the count began Monday at 9:30 a.m.")
    assert values(found) == {"8 p.m. Sunday": "2017-11-12T20:00", "Monday at 9:30 a.m.": "2017-11-13T09:30"}


def test_durations_keep_their_leading_the(times):
    found = times("Doctors will watch him over the next 10 days; it is the first escape in a decade, "
                  "after three weeks of talks lasting hours.")
    assert values(found) == {"the next 10 days": "P10D", "a decade": "P10Y", "three weeks": "P3W",
                             "hours": "PTXH"}
    assert {(t.type, t.anchor) for t in found} == {("duration", "absolute")}


def test_ages_are_not_times(times):
    assert times("A 55-year-old farmer and his son, 30 years old, were hurt.") == []


def test_years_decades_and_explicit_dates_are_absolute(times):
    found = times("The treaty of 1953 held through the 1990s. Rain fell on 2017-11-14 and on 14 November 2017.")
    assert values(found) == {"1953": "1953", "the 1990s": "199", "2017-11-14": "2017-11-14",
                             "14 November 2017": "2017-11-14"}
    assert {t.anchor for t in found} == {"absolute"}


def test_prepositions_stay_out_of_the_extent(times):
    found = times("Refugees have crossed every year since 1998, most in the 1990s.")
    assert [t.text for t in found] == ["every year", "1998", "the 1990s"]
    assert one(found, "every year").type == "set"
    assert one(found, "every year").value == "P1Y"


def test_relative_dates_resolve_against_publication(times):
    found = times("Prices rose last week and last month, fell two days ago, and earlier this month; "
                  "they rose this year after falling last year.")
    assert values(found) == {"last week": "2017-W45", "last month": "2017-10", "two days ago": "2017-11-12",
                             "earlier this month": "2017-11", "this year": "2017", "last year": "2016"}
    assert {t.anchor for t in found} == {"publication"}


def test_fuzzy_references(times):
    found = times("He recently moved and now lives abroad; he is currently unemployed but hopes to return "
                  "in the future.")
    assert values(found) == {"recently": "PAST_REF", "now": "PRESENT_REF", "currently": "PRESENT_REF",
                             "the future": "FUTURE_REF"}


def test_without_a_publication_date_relative_times_stay_unresolved(times):
    found = times("The mayor said Tuesday that the flood of 1953 was worse than last week's, "
                  "and will meet residents November 20.", published=None)
    by_text = {t.text: t for t in found}
    assert (by_text["Tuesday"].value, by_text["Tuesday"].anchor) == ("XXXX-WXX-2", "unresolved")
    assert (by_text["last week"].value, by_text["last week"].anchor) == (None, "unresolved")
    assert (by_text["November 20"].value, by_text["November 20"].anchor) == ("XXXX-11-20", "unresolved")
    assert (by_text["1953"].value, by_text["1953"].anchor) == ("1953", "absolute")


def test_a_year_ago_after_a_quarter_means_that_quarter_a_year_before(times):
    found = times("Profit in the third quarter rose to $5 million from $4 million a year ago.")
    assert values(found) == {"the third quarter": "2017-Q3", "a year ago": "2016-Q3"}


def test_a_year_later_counts_from_the_date_told_before(times):
    found = times("The mine opened in March 2015. A year later it flooded.")
    assert values(found) == {"March 2015": "2015-03", "A year later": "2016-03"}
    assert one(found, "A year later").anchor == "absolute"


def test_words_that_only_look_like_times(times):
    found = times("May God help them, said Father Ilic, as 2000 soldiers marched in May before the 2016 elections.")
    assert [(t.text, t.start) for t in found] == [("May", 65), ("2016", 80)]


def test_skipped_numbers_are_not_years(times):
    text = "Police counted 1953 protesters on Monday."
    found = times(text, skip=[(15, 19)])
    assert [t.text for t in found] == ["Monday"]


def test_reanchor_moves_a_quoted_time_to_the_day_it_was_said(times):
    text = '"Until this morning we had no news," Rector Vale said on the radio.'
    t = one(times(text), "this morning")
    moved = reanchor_time(t, text, dt.date(2017, 11, 13))
    assert (moved.value, moved.anchor, moved.id, moved.start) == ("2017-11-13TMO", "speech", t.id, t.start)
    assert t.value == "2017-11-14TMO"  # the original is left as it was


def test_reanchor_reads_future_cues_without_a_parse(times):
    text = 'The envoy said: "We will sign it on Friday." Talks ended Friday.'
    quoted, told = times(text)
    said_on = dt.date(2017, 11, 8)  # a Wednesday
    assert reanchor_time(quoted, text, said_on).value == "2017-11-10"
    assert reanchor_time(told, text, said_on).value == "2017-11-03"


def test_reanchor_leaves_absolute_times_alone(times):
    text = "The dam, built in 1953, broke on Monday."
    found = times(text)
    assert reanchor_time(found[0], text, dt.date(2017, 11, 1)) == found[0]
    assert reanchor_time(found[1], text, dt.date(2017, 11, 1)).value == "2017-10-30"


def test_time_to_date(times):
    found = times("On Monday night, not in 2016 nor over three days, the levee broke.")
    assert [time_to_date(t) for t in found] == [dt.date(2017, 11, 13), None, None]


def test_recent_periods_are_past_references(nlp):
    doc = nlp("Attacks have grown in recent years, and in recent days the army withdrew.")
    found = extract_times(doc, dt.date(2024, 3, 5))
    assert {t.text: t.value for t in found} == {"recent years": "PAST_REF", "recent days": "PAST_REF"}


def test_centuries_use_their_first_two_digits(nlp):
    doc = nlp("The fort was built in the 18th century.")
    assert [t.value for t in extract_times(doc, dt.date(2024, 3, 5))] == ["17"]


def test_a_word_between_count_and_unit_keeps_the_duration(times):
    found = times("The ferry will run for two more weeks; the index fell for eight trading days.")
    assert values(found) == {"two more weeks": "P2W", "eight trading days": "P8D"}


def test_a_year_ago_means_the_quarter_reported_sentences_before(times):
    found = times("Norland Mills lost $3 million in the third quarter. It had earned $2 million a year ago.")
    assert values(found) == {"the third quarter": "2017-Q3", "a year ago": "2016-Q3"}


def test_a_year_ago_with_no_quarter_told_is_a_year(times):
    found = times("The bakery opened a second shop. A year ago it had one.")
    assert values(found) == {"A year ago": "2016"}


def test_the_latest_period_repeats_the_quarter_reported(times):
    found = times("Velmor Tools reported its second-quarter results. Sales in the latest period rose 4%.")
    assert values(found)["the latest period"] == "2017-Q2"


def test_the_year_ended_a_date_is_a_twelve_month_period(times):
    found = times("Revenue in the fiscal year ended March 31 was $9 million.")
    t = one(found, "the fiscal year")
    assert (t.type, t.value) == ("duration", "P1Y")
    assert values(found)["March 31"] == "2017-03-31"


def test_the_full_year_is_the_year_reported_on(times):
    assert values(times("Orvell expects higher sales for the full year.")) == {"the full year": "2017"}


def test_a_year_before_an_ordinal_quarter_names_its_year(times):
    found = times("Net rose in this year's third quarter and in the 2015 second quarter, as in the year-ago "
                  "fourth quarter; a deal may close in next year's first quarter.")
    assert values(found) == {"this year's third quarter": "2017-Q3", "the 2015 second quarter": "2015-Q2",
                             "the year-ago fourth quarter": "2016-Q4", "next year's first quarter": "2018-Q1"}
    assert one(found, "the 2015 second quarter").anchor == "absolute"


def test_fiscal_years_move_like_calendar_years(times):
    found = times("Costs rose in the current fiscal year after falling last fiscal year.")
    assert values(found) == {"the current fiscal year": "2017", "last fiscal year": "2016"}


def test_the_following_month_counts_from_the_time_told_before(times):
    found = times("The plant closed in March 2015. The following month, its owner sold it. "
                  "The mill burned on June 3, 2012, and reopened the next day.")
    assert values(found) == {"March 2015": "2015-03", "The following month": "2015-04",
                             "June 3, 2012": "2012-06-03", "the next day": "2012-06-04"}


def test_the_following_year_without_a_time_told_stays_unresolved(times):
    t = one(times("The following year, the club folded."), "The following year")
    assert (t.value, t.anchor) == (None, "unresolved")
