"""Story exports: the Stories JSON, the ACLED-style CSV (with formula-injection defence) and GeoJSON points.

The stories are fictional and hand-written: a stabbing on the pier of Port Velmar, reported
by two invented outlets."""
import copy
import csv
import io
import json

from storyline.model import STORIES_SCHEMA, Story
from storyline.report.exports import (
    ACLED_COLUMNS, acled_rows, geojson, precision, stories_acled_csv, stories_geojson, stories_json,
)


def support(doc, published, root, text="The pier was closed on Tuesday."):
    return {"document": doc, "published": published, "root_source": root, "source_text": root,
            "quote_span": {"text": text, "start": 0, "end": len(text)}}


def value(v, sources, first, *supports, low=None):
    return {"value": v, "low": low, "independent_sources": sources, "first_reported": first,
            "last_reported": first, "support": list(supports)}


def place(eid, name, lat, lon, feature, docs, country="VM"):
    return {"id": eid, "name": name, "kind": "place", "refs": [{"document": d, "entity": "e1", "name": name}
                                                               for d in docs],
            "geo": {"lat": lat, "lon": lon, "country": country, "feature": feature}}


T1 = support("d1", "2031-04-02", "Velmar harbour police")
T2 = support("d2", "2031-04-03", "Coastline Wire")


def pier_story() -> dict:
    return {
        "schema": "storyline.story/1", "id": "s-pier", "title": "Two dead after stabbing on Port Velmar pier",
        "first_published": "2031-04-02", "last_published": "2031-04-03",
        "event_types": ["CONSULT", "KILL", "ARREST"], "independent_sources": 2,
        "documents": [
            {"id": "d1", "outlet": "The Velmar Tribune", "published": "2031-04-02"},
            {"id": "d2", "outlet": "Coastline Wire", "published": "2031-04-03"},
            {"id": "d3", "outlet": "The Velmar Tribune", "published": "2031-04-03", "duplicate_of": "d1"},
        ],
        "entities": [
            place("E1", "Velmaria", 41.5, -12.25, "A.PCLI", ["d1"]),
            {"id": "E2", "name": "Ansel Korrin", "kind": "person"},
            place("E3", "Port Velmar", 41.75, -12.5, "P.PPLA", ["d1", "d2", "d3"]),
            place("E4", "Drennick Province", 41.9, -12.1, "A.ADM1", ["d2"]),
        ],
        "facts": [
            {"id": "f1", "subject": "incident", "property": "date", "kind": "time", "status": "conflicting",
             "values": [value("2031-04-02", 1, "2031-04-02", T1), value("2031-04-01", 1, "2031-04-01", T2),
                        value("2031-03-31", 0, "2031-04-03", T2)]},
            {"id": "f2", "subject": "incident", "property": "place", "kind": "place", "status": "agreed",
             "values": [value("Velmaria", 2, "2031-04-02", T1, T2), value("Port Velmar", 1, "2031-04-03", T2)]},
            {"id": "f3", "subject": "kill", "property": "agent", "kind": "agent", "status": "single_source",
             "values": [value("=HYPERLINK(\"http://evil.example\")", 1, "2031-04-02", T1)]},
            {"id": "f4", "subject": "arrest", "property": "agent", "kind": "agent", "status": "single_source",
             "values": [value("Velmar harbour police", 1, "2031-04-03", T2)]},
            {"id": "f5", "subject": "people", "property": "killed", "kind": "count", "status": "updated",
             "values": [value("2", 2, "2031-04-02", T1, T2, low=2.0), value("3", 1, "2031-04-03", T2, low=3.0)]},
            {"id": "f6", "subject": "people", "property": "injured", "kind": "count", "status": "conflicting",
             "values": [value("4", 1, "2031-04-02", T1, low=4.0), value("5", 1, "2031-04-03", T2, low=5.0)]},
        ],
        "timeline": [{"time": "2031-04-01T22:40", "precision": "minute", "event": "kill: stabbed", "type": "KILL"}],
    }


def parse(text: str) -> list[dict]:
    return list(csv.DictReader(io.StringIO(text)))


def test_fixture_is_a_valid_story():
    Story.model_validate(pier_story())


def test_csv_header_comes_first():
    text = stories_acled_csv([pier_story()])
    assert text.splitlines()[0] == ",".join(ACLED_COLUMNS)
    assert len(parse(text)) == 1


def test_csv_row_fields():
    row = parse(stories_acled_csv([pier_story()]))[0]
    assert row["event_date"] == "2031-04-01"  # tie on sources: the earliest first reported
    assert (row["event_type"], row["sub_event_type"]) == ("Violence against civilians", "Attack")
    assert row["actor2"] == "Velmar harbour police"
    assert (row["location"], row["latitude"], row["longitude"], row["geo_precision"]) == (
        "Port Velmar", "41.75", "-12.5", "1")  # agreed places: the most precise one
    assert row["source"] == "The Velmar Tribune; Coastline Wire"
    assert row["notes"].startswith("Two dead after stabbing on Port Velmar pier.")
    assert "people killed: 2 -> 3" in row["notes"] and "people injured: 4 vs 5" in row["notes"]
    assert "incident date: " not in row["notes"] and "date: 2031-04-02 vs 2031-04-01 vs 2031-03-31" in row["notes"]
    assert row["fatalities"] == "3"  # the latest value of the update


def test_formula_cells_are_neutralised_but_numbers_are_not():
    story = pier_story()
    story["title"] = "@SUM(A1:A9) pier"
    story["documents"][1]["outlet"] = "-Coastline Wire"
    row = parse(stories_acled_csv([story]))[0]
    assert row["actor1"] == "'=HYPERLINK(\"http://evil.example\")"
    assert row["notes"].startswith("'@SUM(A1:A9) pier.")
    assert row["source"] == "The Velmar Tribune; -Coastline Wire"  # not at the start of the cell
    assert row["longitude"] == "-12.5"
    story["documents"] = [{"id": "d1", "outlet": "\tTab Times"}, {"id": "d2", "outlet": "+Plus Post"}]
    assert parse(stories_acled_csv([story]))[0]["source"] == "'\tTab Times; +Plus Post"


def test_acled_rows_keep_raw_values_and_accept_story_objects():
    rows = acled_rows(pier_story())
    assert len(rows) == 1 and list(rows[0]) == ACLED_COLUMNS
    assert rows[0]["latitude"] == 41.75 and rows[0]["fatalities"] == 3
    assert acled_rows(Story.model_validate(pier_story()))[0]["location"] == "Port Velmar"
    assert stories_acled_csv([Story.model_validate(pier_story())]) == stories_acled_csv([pier_story()])


def test_fatalities_conflicting_takes_best_supported_and_missing_is_zero():
    story = pier_story()
    story["facts"][4] = {"id": "f5", "subject": "people", "property": "killed", "kind": "count",
                         "status": "conflicting", "values": [value("at least 4", 1, "2031-04-02", T1, low=4.0),
                                                             value("6", 2, "2031-04-03", T1, T2, low=6.0)]}
    assert acled_rows(story)[0]["fatalities"] == 6
    story["facts"] = story["facts"][:4]
    assert acled_rows(story)[0]["fatalities"] == 0


def test_place_without_coordinates_falls_back_to_first_mapped_place():
    story = pier_story()
    story["facts"][1]["values"] = [value("Old Lighthouse", 1, "2031-04-02", T1)]
    row = acled_rows(story)[0]
    assert (row["location"], row["geo_precision"]) == ("Velmaria", 3)
    assert not any(f["properties"]["main"] for f in geojson([story])["features"])


def test_date_falls_back_to_timeline_then_first_published():
    story = pier_story()
    story["facts"] = [f for f in story["facts"] if f["property"] != "date"]
    story["timeline"].append({"time": "2031-W13", "precision": "week", "event": "x", "type": "KILL"})
    story["timeline"].append({"time": "2031-03-30", "precision": "day", "event": "y", "type": "ARREST"})
    assert acled_rows(story)[0]["event_date"] == "2031-03-30"
    story["timeline"] = []
    assert acled_rows(story)[0]["event_date"] == "2031-04-02"


def test_geo_precision_from_feature_codes():
    assert [precision({"feature": f}) for f in ("P.PPL", "P.PPLC", "A.ADM2", "A.PCLI", "S.BDG", None)] == \
        [1, 1, 2, 3, 2, 2]
    assert precision(None) is None


def test_geojson_points_are_lon_lat():
    collection = json.loads(stories_geojson([pier_story()]))
    assert collection["type"] == "FeatureCollection"
    features = collection["features"]
    assert [f["properties"]["name"] for f in features] == ["Velmaria", "Port Velmar", "Drennick Province"]
    for f in features:
        assert f["type"] == "Feature" and f["geometry"]["type"] == "Point"
        lon, lat = f["geometry"]["coordinates"]
        assert -180 <= lon <= 180 and -90 <= lat <= 90
    pier = features[1]
    assert pier["geometry"]["coordinates"] == [-12.5, 41.75]
    assert pier["properties"] == {"story_id": "s-pier", "story_title": "Two dead after stabbing on Port Velmar pier",
                                  "name": "Port Velmar", "country": "VM", "main": True,
                                  "documents": ["d1", "d2", "d3"]}
    assert [f["properties"]["main"] for f in features] == [False, True, False]


def test_geojson_skips_bad_coordinates():
    story = pier_story()
    story["entities"][0]["geo"]["lat"] = 123.0
    assert len(geojson([story])["features"]) == 2


def test_empty_story():
    for empty in ({"id": "s-empty"}, Story(id="s-empty")):
        row = acled_rows(empty)[0]
        assert row["fatalities"] == 0
        assert all(row[c] == "" for c in ACLED_COLUMNS if c != "fatalities")
        assert geojson([empty]) == {"type": "FeatureCollection", "features": []}
    assert parse(stories_acled_csv([{"id": "s-empty"}]))[0]["event_date"] == ""
    assert stories_acled_csv([]) == ",".join(ACLED_COLUMNS) + "\r\n"


def test_stories_json():
    story = pier_story()
    data = json.loads(stories_json([story, Story(id="s2")]))
    assert data["schema"] == STORIES_SCHEMA
    assert data["stories"][0] == story and data["stories"][1]["id"] == "s2"
    assert json.loads(stories_json({"schema": STORIES_SCHEMA, "stories": [copy.deepcopy(story)]}))["stories"] == [story]
