"""First-level divisions sit at countrystatecity's points, near GeoNames' (what geoparsing benchmarks score)."""
import pytest

from storyline.gazetteer import default_gazetteer, distance_km
from storyline.gazetteer.sources.division_points import read_division_points

ACCURACY_KM = 161.0
# GeoNames' points for divisions whose cities lie far from their middle
GEONAMES_POINTS = {
    "Ontario": (49.25014, -84.49983), "Quebec": (52.00017, -71.99907), "British Columbia": (53.99983, -125.0032),
    "Alaska": (64.00028, -150.00028), "Western Australia": (-25.0, 122.0),
}


@pytest.fixture(scope="module")
def gaz():
    return default_gazetteer()


def test_points_are_read_by_iso_code():
    points = read_division_points()
    assert len(points) > 4000
    assert distance_km(*points["CA-ON"], 50.0, -86.0) < 1


@pytest.mark.parametrize("name", sorted(GEONAMES_POINTS))
def test_large_divisions_lie_near_the_geonames_point(gaz, name):
    division = next(c for c in gaz.candidates(name) if c.feature == "A.ADM1")
    assert distance_km(division.lat, division.lon, *GEONAMES_POINTS[name]) < ACCURACY_KM


@pytest.mark.parametrize("division, city, country", [
    ("Hokkaido", "Sapporo", "JP"), ("Yucatán", "Mérida", "MX"), ("Tocantins", "Palmas", "BR"),
    ("Jalisco", "Guadalajara", "MX"), ("Ontario", "Toronto", "CA"), ("Texas", "Austin", "US"),
])
def test_divisions_carry_the_admin1_code_of_their_cities(gaz, division, city, country):
    """Matched by GeoNames' admin1 names: ISO and GeoNames numeric codes often coincide for different divisions."""
    found = next(c for c in gaz.candidates(division, country=country) if c.feature == "A.ADM1")
    town = max((c for c in gaz.candidates(city, country=country) if c.feature.startswith("P.")),
               key=lambda c: c.population)
    assert found.admin1 == town.admin1
