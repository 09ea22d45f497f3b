"""Facts: stated counts lined up across reports, compared as intervals, with a status and its reason."""
import datetime as dt
from array import array

from storyline.stories.digest import ClaimDigest, ReportDigest
from storyline.stories.facts import align_facts
from storyline.stories.sources import SourceResolver


def claim(display_value, sentence, approx="exact", high=None, prop="killed", **extra):
    value = float(display_value)
    display = {"exact": "", "at_least": "at least ", "more_than": "more than "}.get(approx, "") + display_value
    return ClaimDigest(property=prop, subject="people", value=value, high=high, approx=approx, display=display,
                       quote=(0, len(sentence), sentence), **extra)


def report(rid, outlet, published, *claims, credit=None):
    return ReportDigest(
        id=rid, url=None, title=None, outlet=outlet, published=published, published_source="input",
        day=dt.date.fromisoformat(published).toordinal(), terms=(), weights=array("f"), keys=(), names={}, places=(),
        event_types=frozenset(), credit=credit, claims=list(claims),
    )


def facts_of(*reports, originals=None):
    resolver = SourceResolver(list(reports), [], {}, originals or {})
    return {f.property: f for f in align_facts(list(reports), resolver)}


def test_the_same_count_from_two_outlets_is_agreed():
    fact = facts_of(
        report("d1", "Lakeside Echo", "2031-04-02", claim("4", "Four people died in the flood.")),
        report("d2", "Valley Post", "2031-04-02", claim("4", "The flood killed four people.")),
    )["killed"]
    assert fact.status == "agreed"
    assert fact.values[0].independent_sources == 2


def test_at_least_four_is_compatible_with_five():
    fact = facts_of(
        report("d1", "Lakeside Echo", "2031-04-02", claim("4", "At least four died.", approx="at_least")),
        report("d2", "Valley Post", "2031-04-02", claim("5", "Five died.")),
    )["killed"]
    assert fact.status == "agreed"


def test_four_and_six_from_different_outlets_conflict():
    fact = facts_of(
        report("d1", "Lakeside Echo", "2031-04-02", claim("4", "Four died.")),
        report("d2", "Valley Post", "2031-04-02", claim("6", "Six died.")),
    )["killed"]
    assert fact.status == "conflicting"
    assert [v.value for v in fact.values] == ["4", "6"]


def test_more_than_fifty_then_fifty_eight_is_an_update():
    fact = facts_of(
        report("d1", "Lakeside Echo", "2031-04-02", claim("50", "More than 50 died.", approx="more_than")),
        report("d2", "Valley Post", "2031-04-04", claim("58", "Fifty-eight died.")),
    )["killed"]
    assert fact.status == "updated"
    assert [v.value for v in fact.values] == ["more than 50", "58"]


def test_a_correction_cue_makes_a_change_an_update():
    fact = facts_of(
        report("d1", "Lakeside Echo", "2031-04-02", claim("3", "Three died.")),
        report("d2", "Valley Post", "2031-04-03", claim("5", "The toll rose to five.", correction="rose to")),
    )["killed"]
    assert fact.status == "updated"
    assert "rose to" in fact.reason


def test_a_value_cited_as_an_earlier_report_is_not_counted_as_a_source():
    fact = facts_of(
        report("d1", "Valley Post", "2031-04-03",
               claim("5", "Five died."),
               claim("3", "The toll was earlier put at three.", earlier_report=True)),
    )["killed"]
    assert fact.status == "updated"
    earlier = next(v for v in fact.values if v.value == "3")
    assert earlier.independent_sources == 0


def test_one_report_is_a_single_source():
    fact = facts_of(report("d1", "Lakeside Echo", "2031-04-02", claim("4", "Four died.")))["killed"]
    assert fact.status == "single_source"


def test_a_syndicated_copy_is_not_a_second_source():
    fact = facts_of(
        report("d1", "Riverside Wire", "2031-04-02", claim("4", "Four died."), credit="Riverside Wire"),
        report("d2", "Valley Post", "2031-04-02", claim("4", "Four died.")),
        originals={"d2": "d1"},
    )["killed"]
    assert fact.status == "single_source"
    assert {s.root_source for s in fact.values[0].support} == {"Riverside Wire"}


def test_every_support_keeps_its_sentence():
    fact = facts_of(report("d1", "Lakeside Echo", "2031-04-02", claim("4", "Four people died.")))["killed"]
    span = fact.values[0].support[0].quote_span
    assert (span.text, span.start, span.end) == ("Four people died.", 0, 17)


def test_a_higher_lower_bound_on_a_later_day_is_an_update():
    fact = facts_of(
        report("d1", "Lakeside Echo", "2031-04-02", claim("30", "At least 30 died.", approx="at_least")),
        report("d2", "Valley Post", "2031-04-05", claim("200", "More than 200 died.", approx="more_than")),
    )["killed"]
    assert fact.status == "updated"


def test_a_vaguer_value_later_is_no_update():
    fact = facts_of(
        report("d1", "Lakeside Echo", "2031-04-02", claim("12", "Twelve were hurt.")),
        report("d2", "Valley Post", "2031-04-03", claim("12", "Between 12 and 15 were hurt.", approx="range",
                                                       high=15.0)),
    )["killed"]
    assert fact.status == "agreed"
