"""Points of first-level divisions from countrystatecity-countries (ODbL), keyed by ISO 3166-2 code.

Its state/province points are near the geographic centre, as GeoNames' are; the point we derive
from a division's cities lands where its people live (Ontario's cities sit 360 km south of it).
"""
from __future__ import annotations

import importlib.resources
import json


def read_division_points(package: str = "countrystatecity_countries") -> dict[str, tuple[float, float]]:
    """ISO 3166-2 code ("CA-ON") -> (lat, lon) of every state or province the package has a point for."""
    out = {}
    root = importlib.resources.files(package) / "data" / "by-country"
    for country in root.iterdir():
        states = country / "states.json"
        if not states.is_file():
            continue
        for s in json.loads(states.read_text(encoding="utf-8")):
            code, lat, lon = s.get("iso3166_2"), s.get("latitude"), s.get("longitude")
            if code and lat not in (None, "") and lon not in (None, ""):
                out[code] = (round(float(lat), 5), round(float(lon), 5))
    return out
