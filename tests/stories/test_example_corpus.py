"""The project's example corpus (examples/README.md): every planted conflict, update, correction,
syndicated copy and year-apart incident is reported as such."""
from pathlib import Path

import pytest

CORPUS = Path(__file__).resolve().parents[2] / "examples" / "corpus"
FILES = {
    "A1": "2024-03-12_meridian-wire_narva-bridge.txt", "A2": "2024-03-12_harbour-ledger_border-bridge-shooting.txt",
    "A3": "2024-03-13_northgate-daily_narva-cctv.html", "A4": "feeds_2024.jsonl:1",
    "B1": "2024-05-06_northgate-daily_tilburg-fire.txt", "B2": "2024-05-06_meridian-wire_tilburg-fire.txt",
    "B3": "feeds_2024.jsonl:2", "B4": "2024-05-08_harbour-ledger_tilburg-toll.html",
    "C1": "2024-09-20_harbour-ledger_marseille-clashes.txt", "C2": "2024-09-20_meridian-wire_marseille-arrests.txt",
    "C3": "feeds_2024.jsonl:3", "C4": "2024-09-23_northgate-daily_marseille-review.txt",
    "D1": "2025-05-12_meridian-wire_tilburg-recycling-fire.txt",
    "D2": "2025-05-12_eastway-bulletin_tilburg-night-watchman.txt",
    "D3": "2025-05-12_northgate-daily_tilburg-hospital-six.html",
    "D4": "2025-05-13_civic-courier_tilburg-second-death.txt",
}


@pytest.fixture(scope="module")
def corpus():
    """(code -> document id, the stories) for the whole example corpus."""
    from storyline.ingest.article import Article
    from storyline.ingest.read import iter_articles
    from storyline.pipeline import analyze_articles
    from storyline.stories import build_stories

    articles = [a for a in iter_articles([str(CORPUS)]) if isinstance(a, Article) and a.extra["language"] == "en"]
    by_origin = {Path(a.origin).name: a.content_id() for a in articles}
    ids = {code: by_origin[name] for code, name in FILES.items()}
    analyses = list(analyze_articles(articles))
    texts.update({a.document.id: a.document.text for a in analyses})
    return ids, build_stories(analyses)


texts: dict[str, str] = {}  # document id -> text, filled by the fixture


def story(corpus, code):
    ids, stories = corpus
    return next(s for s in stories if ids[code] in {d.id for d in s.documents})


def fact(corpus, code, subject, prop):
    return next(f for f in story(corpus, code).facts if (f.subject, f.property) == (subject, prop))


def codes_of(corpus, s):
    ids, _ = corpus
    back = {v: k for k, v in ids.items()}
    return sorted(back[d.id] for d in s.documents)


@pytest.mark.parametrize("incident", "ABCD")
def test_each_incident_is_one_story(corpus, incident):
    assert codes_of(corpus, story(corpus, incident + "1")) == [f"{incident}{n}" for n in range(1, 5)]


def test_the_same_kind_of_fire_in_the_same_town_a_year_later_is_another_story(corpus):
    assert story(corpus, "B1").id != story(corpus, "D1").id


def test_syndicated_copies_point_at_the_agency_report(corpus):
    ids, _ = corpus
    copies = {d.id: d.duplicate_of for s in corpus[1] for d in s.documents if d.duplicate_of}
    assert copies == {ids["A2"]: ids["A1"], ids["D2"]: ids["D1"]}


def test_an_agency_and_its_copy_are_one_independent_source(corpus):
    ids, _ = corpus
    range_10_15 = next(v for v in fact(corpus, "A1", "incident", "shots fired").values if v.value == "10-15")
    copy_and_original = [s for s in range_10_15.support if s.document in (ids["A1"], ids["A2"])]
    assert len(copy_and_original) >= 2
    assert len({s.root_source for s in copy_and_original}) == 1


def test_planted_conflicts(corpus):
    shots = fact(corpus, "A1", "incident", "shots fired")
    assert shots.status == "conflicting"
    assert {"10-15", "at least 17"} <= {v.value for v in shots.values}
    injured = fact(corpus, "D1", "people", "injured")
    assert injured.status == "conflicting"
    assert {v.value for v in injured.values} == {"4", "6"}
    sources = {v.value: {s.root_source for s in v.support} for v in injured.values}
    assert sources["4"].isdisjoint(sources["6"])


def test_planted_updates_in_date_order(corpus):
    deaths = fact(corpus, "B1", "people", "killed")
    assert deaths.status == "updated"
    stated = [v.value for v in deaths.values if v.independent_sources]
    assert stated[0] == "3" and stated[-1] == "6"
    assert fact(corpus, "D1", "people", "killed").status == "updated"
    hits = fact(corpus, "A3", "incident", "times hit")
    assert hits.status == "updated"
    arrests = fact(corpus, "C1", "people", "arrested")
    assert arrests.status == "updated" and arrests.values[-1].value == "41"


def test_planted_corrections(corpus):
    officer = fact(corpus, "C4", "officers", "seriously injured")
    assert officer.status == "updated"
    zero = next(v for v in officer.values if v.value == "0")
    assert any(s.correction and "contrary to earlier reports" in s.correction.lower() for s in zero.support)
    an_earlier_version = [s for v in fact(corpus, "B4", "people", "killed").values for s in v.support
                          if s.earlier_report and "earlier version" in s.quote_span.text]
    assert an_earlier_version


def test_every_support_span_is_in_its_document(corpus):
    _, stories = corpus
    for s in stories:
        for f in s.facts:
            for v in f.values:
                for sup in v.support:
                    span = sup.quote_span
                    assert texts[sup.document][span.start:span.end] == span.text
        for entry in s.timeline:
            for sup in entry.support:
                span = sup.quote_span
                assert texts[sup.document][span.start:span.end] == span.text


def test_name_variants_across_reports_are_one_entity(corpus):
    entities = story(corpus, "D1").entities
    volkov = [e for e in entities if "Volkov" in e.name or any("Volkov" in a for a in e.aliases)]
    assert len(volkov) == 1
    assert {"Aleksandr Volkov", "Alexander Volkov", "Volkov"} <= {volkov[0].name, *volkov[0].aliases}
    assert len({r.document for r in volkov[0].refs}) >= 3 and volkov[0].evidence
    vrmb = [e for e in entities if e.name == "VRMB" or "VRMB" in e.aliases]
    assert len(vrmb) == 1 and len({r.document for r in vrmb[0].refs}) >= 2
