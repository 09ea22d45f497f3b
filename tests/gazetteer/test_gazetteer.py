"""The offline gazetteer: building the SQLite index, looking names up, loading GeoNames dumps."""
import sqlite3
import zipfile

import pytest

import storyline.gazetteer as gazetteer
from storyline.gazetteer import Gazetteer, build_index, distance_km, load_geonames_dump, normalize_name
from storyline.gazetteer.build import read_landmarks, representative_point, shared_country_tails

# A small build (cities of 15,000+) keeps the tests fast; the default build uses cities500.
SMALL = 15000


@pytest.fixture(scope="module")
def small_index(tmp_path_factory):
    return build_index(tmp_path_factory.mktemp("gaz") / "gazetteer.sqlite", city_min_population=SMALL)


@pytest.fixture(scope="module")
def gaz(small_index):
    return Gazetteer.open(small_index)


def test_names_are_normalised_for_lookup():
    assert normalize_name("São Paulo") == "sao paulo"
    assert normalize_name("South Korea's") == "south koreas"
    assert normalize_name("U.S.") == "us"
    assert normalize_name("P'yŏngyang") == "pyongyang"
    assert normalize_name("Yeongtong-gu") == "yeongtong gu"
    assert normalize_name("  Łódź ") == "lodz"


def test_index_builds_into_storyline_data(tmp_path, monkeypatch):
    monkeypatch.setenv("STORYLINE_DATA", str(tmp_path))
    path = build_index(city_min_population=SMALL)
    assert path == tmp_path / "gazetteer.sqlite" and path.exists()
    opened = Gazetteer.open()  # finds the index there and does not rebuild it
    assert opened.path == path
    assert opened.meta()["city_min_population"] == str(SMALL)


def test_stale_index_is_rebuilt(small_index, tmp_path, monkeypatch):
    stale = tmp_path / "stale.sqlite"
    stale.write_bytes(small_index.read_bytes())
    with sqlite3.connect(stale) as conn:
        conn.execute("UPDATE meta SET value = '0' WHERE key = 'build_version'")
    built = []
    monkeypatch.setattr(gazetteer, "build_index", lambda path: built.append(path))
    Gazetteer.open(stale)
    assert built == [stale]


def test_cities_come_with_coordinates_and_country(gaz):
    seoul = gaz.candidates("Seoul")[0]
    assert seoul.country == "KR" and seoul.feature == "P.PPLC"
    assert distance_km(seoul.lat, seoul.lon, 37.566, 126.978) < 5


def test_alternate_names_find_the_place(gaz):
    assert gaz.candidates("Kiev")[0].country == "UA"


def test_countries_have_a_point_inside_them(gaz):
    korea = gaz.candidates("South Korea")[0]
    assert korea.feature == "A.PCLI" and korea.country == "KR"
    assert 33 < korea.lat < 39 and 124 < korea.lon < 131
    assert gaz.candidates("DPRK")[0].country == "KP"


def test_the_shared_tail_of_country_names_is_a_name_of_each():
    names = {
        "KR": ["South Korea", "Korea, Republic of", "Republic of Korea"],
        "KP": ["North Korea", "Korea, Democratic People's Republic of", "DPRK"],
        "CG": ["Republic of the Congo", "Congo"], "CD": ["Democratic Republic of the Congo", "DRC"],
        "SD": ["Sudan"], "SS": ["South Sudan"], "ZA": ["South Africa"],
    }
    # "Sudan" is Sudan's own name; "Africa" is the tail of one country only
    assert shared_country_tails(names) == {"Congo": ["CD", "CG"], "Korea": ["KP", "KR"]}


def test_a_bare_shared_name_finds_every_country_it_may_mean(gaz):
    korea = [c for c in gaz.candidates("Korea") if c.feature == "A.PCLI"]
    assert {c.country for c in korea} == {"KR", "KP"} and not any(c.main_name for c in korea)
    assert {c.country for c in gaz.candidates("Congo") if c.feature == "A.PCLI"} == {"CD", "CG"}
    assert [c.country for c in gaz.candidates("Sudan") if c.feature == "A.PCLI"] == ["SD"]


def test_first_level_divisions_have_admin1_codes(gaz):
    illinois = gaz.candidates("Illinois")[0]
    assert (illinois.feature, illinois.country, illinois.admin1) == ("A.ADM1", "US", "IL")
    gyeonggi = gaz.candidates("Gyeonggi Province")[0]
    assert gyeonggi.country == "KR" and gyeonggi.feature == "A.ADM1"
    assert gaz.candidates("Bavaria")[0].country == "DE"


def test_landmarks_are_in_the_index(gaz):
    panmunjom = gaz.candidates("Panmunjom")[0]
    assert panmunjom.source == "landmark"
    assert distance_km(panmunjom.lat, panmunjom.lon, 37.956, 126.677) < 25
    assert gaz.candidates("Strait of Hormuz")[0].feature == "H.STRT"
    assert gaz.candidates("DMZ")[0].feature == "A.ZNB"


def test_candidates_can_be_limited_to_a_country(gaz):
    assert {c.country for c in gaz.candidates("Paris", country="US")} == {"US"}


def test_landmark_table_is_well_formed():
    rows = read_landmarks()
    assert len(rows) >= 250
    names = {n for r in rows for n in r["names"]}
    for needed in ("Panmunjom", "Joint Security Area", "DMZ", "Korean Peninsula", "Gaza Strip", "West Bank",
                   "Golan Heights", "Crimea", "Donbas", "Sinai", "Kashmir", "Strait of Hormuz",
                   "South China Sea", "Persian Gulf", "Red Sea", "Sahel", "Balkans", "Middle East"):
        assert needed in names, needed
    for r in rows:
        assert -90 <= r["lat"] <= 90 and -180 <= r["lon"] <= 180, r["name"]
        assert "." in r["feature"] and r["source"], r["name"]


def test_representative_point_handles_the_antimeridian():
    cities = [{"latitude": -17.0, "longitude": lon} for lon in (178.0, 179.0, -179.5, -178.5)]
    lat, lon = representative_point(cities)
    assert lat == -17.0 and (lon > 179 or lon < -179)


DUMP_ROWS = [
    # geonameid, name, asciiname, alternatenames, lat, lon, class, code, country, cc2, admin1..4, population
    ("9990001", "Storyvale", "Storyvale", "Storyvale Town,Stori Vale", "45.5", "10.25", "P", "PPLA", "IT", "",
     "09", "", "", "", "12000", "", "100", "Europe/Rome", "2024-01-01"),
    ("9990002", "Mount Fictus", "Mount Fictus", "", "46.0", "11.0", "T", "MT", "IT", "", "09", "", "", "", "0",
     "", "2500", "Europe/Rome", "2024-01-01"),
]


def _write_dump(path):
    path.write_text("".join("\t".join(row) + "\n" for row in DUMP_ROWS), encoding="utf-8")
    return path


def test_geonames_dump_loads_into_the_index(small_index, tmp_path):
    db = tmp_path / "gaz.sqlite"
    db.write_bytes(small_index.read_bytes())
    assert load_geonames_dump(_write_dump(tmp_path / "IT.txt"), db) == 2
    gaz = Gazetteer(db)
    town = gaz.candidates("Stori Vale")[0]
    assert (town.geonameid, town.feature, town.country, town.population) == ("9990001", "P.PPLA", "IT", 12000)
    assert gaz.candidates("mount fictus")[0].feature == "T.MT"
    assert str((tmp_path / "IT.txt").resolve()) in gaz.meta()["dumps"]


def test_geonames_dump_loads_from_a_zip(small_index, tmp_path):
    db = tmp_path / "gaz.sqlite"
    db.write_bytes(small_index.read_bytes())
    archive = tmp_path / "IT.zip"
    with zipfile.ZipFile(archive, "w") as z:
        z.writestr("readme.txt", "not data")
        z.write(_write_dump(tmp_path / "IT.txt"), "IT.txt")
    assert load_geonames_dump(archive, db) == 2
    assert Gazetteer(db).candidates("Storyvale")[0].lat == 45.5


def test_dump_rows_replace_bundled_rows_with_the_same_id(small_index, tmp_path):
    db = tmp_path / "gaz.sqlite"
    db.write_bytes(small_index.read_bytes())
    suwon = Gazetteer(db).candidates("Suwon")[0]
    row = (suwon.geonameid, "Suwon", "Suwon", "Suwon-si", "37.29", "127.01", "P", "PPLA", "KR", "", "13", "", "",
           "", "1241311", "", "40", "Asia/Seoul", "2024-01-01")
    dump = tmp_path / "KR.txt"
    dump.write_text("\t".join(row) + "\n", encoding="utf-8")
    load_geonames_dump(dump, db)
    found = [c for c in Gazetteer(db).candidates("Suwon") if c.geonameid == suwon.geonameid]
    assert len(found) == 1 and found[0].feature == "P.PPLA"
    assert suwon.admin2 and found[0].admin2 == suwon.admin2  # dumps carry no admin2 name: the bundled one stays
