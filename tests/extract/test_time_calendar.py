"""Calendar arithmetic behind TIMEX3 values: pure functions of dates and value strings."""
import datetime as dt

from storyline.extract.time import calendar as cal

TUESDAY = dt.date(2017, 11, 14)


def test_weekdays_look_back_forward_or_strictly_past_the_reference():
    friday = 5
    assert cal.weekday_date(TUESDAY, friday, "past") == dt.date(2017, 11, 10)
    assert cal.weekday_date(TUESDAY, friday, "future") == dt.date(2017, 11, 17)
    assert cal.weekday_date(TUESDAY, 2, "past") == TUESDAY
    assert cal.weekday_date(TUESDAY, 2, "last") == dt.date(2017, 11, 7)
    assert cal.weekday_date(TUESDAY, 2, "next") == dt.date(2017, 11, 21)


def test_a_yearless_date_takes_the_nearest_year_unless_the_tense_says_otherwise():
    assert cal.year_of(dt.date(2018, 1, 3), 12, 28, None) == 2017
    assert cal.year_of(TUESDAY, 2, 1, None) == 2018  # 79 days ahead beats 286 days back
    assert cal.year_of(TUESDAY, 2, 1, "past") == 2017
    assert cal.year_of(TUESDAY, 2, 29, "past") == 2017  # no 29 February in 2017: still a year, no crash


def test_units_containing_the_reference_moved_by_steps():
    assert cal.unit_value(TUESDAY, "week", -1) == "2017-W45"
    assert cal.unit_value(TUESDAY, "month", 2) == "2018-01"
    assert cal.unit_value(TUESDAY, "quarter", -1) == "2017-Q3"
    assert cal.unit_value(TUESDAY, "decade", 0) == "201X"


def test_shifted_values_keep_their_granularity():
    assert cal.shift_value("2015-03", 1, "year") == "2016-03"
    assert cal.shift_value("2017-Q1", -1, "quarter") == "2016-Q4"
    assert cal.shift_value("2017-01-31", 1, "month") == "2017-02-28"
    assert cal.shift_value("2017-11-14", 1, "day") == "2017-11-15"
    assert cal.shift_value("PAST_REF", 1, "day") is None


def test_repeated_values_narrow_to_the_unit_repeated():
    assert cal.repeat_value("2016-03-05", "year") == "2016"
    assert cal.repeat_value("2016-03-05", "week") == "2016-W09"
    assert cal.repeat_value("2016-03-05", "morning") == "2016-03-05TMO"
    assert cal.repeat_value("2016", "day") is None


def test_durations_and_vague_durations():
    assert cal.duration_value(10, "day") == "P10D"
    assert cal.duration_value(3, "hour") == "PT3H"
    assert cal.duration_value(2, "decade") == "P20Y"
    assert cal.duration_value(None, "decade") == "PXDE"


def test_holidays_and_seasons():
    assert cal.easter(2018) == dt.date(2018, 4, 1)
    assert cal.holiday_date("thanksgiving", 2017) == dt.date(2017, 11, 23)
    assert cal.season_of(dt.date(2018, 1, 20)) == (2017, "WI")
    assert cal.season_value(TUESDAY, "SU", "last") == "2017-SU"
    assert cal.season_value(TUESDAY, "SP", "next") == "2018-SP"
