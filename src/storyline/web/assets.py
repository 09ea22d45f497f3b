"""Build the web UI's vendored files (htmx, a world basemap) from the npm packages in assets/node_modules."""
from __future__ import annotations

import json
import os
import shutil
from html import escape
from pathlib import Path

from storyline.gazetteer.build import data_dir

DEFAULT_NODE_MODULES = Path(__file__).resolve().parents[3] / "assets" / "node_modules"
PACKAGES = ("htmx.org", "world-atlas")
ASSET_FILES = ("htmx.min.js", "basemap.svg")
LAND, COAST = "#e6e1d3", "#a39b87"


def assets_dir() -> Path:
    """Where built web assets live: under the data dir, so $STORYLINE_DATA moves them too."""
    return data_dir() / "web"


def asset_status(dest: Path | None = None) -> dict[str, bool]:
    """Which built asset files exist, so the app can say what is missing."""
    dest = Path(dest) if dest is not None else assets_dir()
    return {name: (dest / name).is_file() for name in ASSET_FILES}


def build_assets(node_modules: Path, dest: Path | None = None) -> Path:
    """Copy htmx, draw basemap.svg from world-atlas and write manifest.json into `dest`; return `dest`."""
    node_modules, dest = Path(node_modules), Path(dest) if dest is not None else assets_dir()
    htmx = node_modules / "htmx.org" / "dist" / "htmx.min.js"
    atlas = node_modules / "world-atlas" / "countries-110m.json"
    for needed in (htmx, atlas):
        if not needed.is_file():
            raise FileNotFoundError(
                f"{needed} not found: install the front-end packages first "
                "(`make install`, or `npm install` in assets/), then run `storyline assets build`")
    dest.mkdir(parents=True, exist_ok=True)
    _write(dest / "htmx.min.js", htmx.read_text(encoding="utf-8"))
    _write(dest / "basemap.svg", topojson_to_svg(json.loads(atlas.read_text(encoding="utf-8"))))
    manifest = {}
    for name in PACKAGES:
        meta = json.loads((node_modules / name / "package.json").read_text(encoding="utf-8"))
        manifest[name] = {"version": meta.get("version"), "license": meta.get("license")}
        if (node_modules / name / "LICENSE").is_file():
            shutil.copyfile(node_modules / name / "LICENSE", dest / f"LICENSE.{name}.txt")
    _write(dest / "manifest.json", json.dumps({"packages": manifest}, indent=2) + "\n")
    return dest


def _write(path: Path, text: str) -> None:
    """Write via a temporary file so a served asset is never half-written."""
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_text(text, encoding="utf-8")
    os.replace(tmp, path)


def decode_arcs(topology: dict) -> list[list[tuple[float, float]]]:
    """Turn TopoJSON arcs (quantized, delta-encoded when a transform is given) into lon/lat point lists."""
    transform = topology.get("transform")
    if not transform:
        return [[(float(p[0]), float(p[1])) for p in arc] for arc in topology["arcs"]]
    (sx, sy), (tx, ty) = transform["scale"], transform["translate"]
    arcs = []
    for arc in topology["arcs"]:
        x = y = 0
        points = []
        for p in arc:
            x, y = x + p[0], y + p[1]
            points.append((x * sx + tx, y * sy + ty))
        arcs.append(points)
    return arcs


def ring_points(ring: list[int], arcs: list[list[tuple[float, float]]]) -> list[tuple[float, float]]:
    """Join a ring's arcs (index ~i means arc i reversed), dropping each joint's repeated point."""
    points: list[tuple[float, float]] = []
    for index in ring:
        arc = arcs[index] if index >= 0 else arcs[~index][::-1]
        points.extend(arc[1:] if points else arc)
    return points


def geometry_rings(geometry: dict) -> list[list[int]]:
    """All rings of a Polygon or MultiPolygon geometry (others have no area and are skipped)."""
    if geometry.get("type") == "Polygon":
        return list(geometry["arcs"])
    if geometry.get("type") == "MultiPolygon":
        return [ring for polygon in geometry["arcs"] for ring in polygon]
    return []


def unwrap_ring(points: list[tuple[float, float]]) -> list[list[tuple[float, float]]]:
    """Make a ring continuous across the antimeridian and return it plus a copy shifted back into view."""
    if not points:
        return []
    out = [points[0]]
    for lon, lat in points[1:]:
        prev = out[-1][0]
        while lon - prev > 180:
            lon -= 360
        while lon - prev < -180:
            lon += 360
        out.append((lon, lat))
    turn = out[-1][0] - out[0][0]
    if abs(turn) > 180:  # the ring goes round a pole: close it along the pole's edge
        pole = -90.0 if sum(lat for _, lat in out) < 0 else 90.0
        out += [(out[-1][0], pole), (out[0][0], pole)]
    lons = [lon for lon, _ in out]
    rings = [out]
    if max(lons) > 180:
        rings.append([(lon - 360, lat) for lon, lat in out])
    if min(lons) < -180:
        rings.append([(lon + 360, lat) for lon, lat in out])
    return rings


def ring_path(points: list[tuple[float, float]]) -> str:
    """An SVG subpath for one ring in the 3600x1800 equirectangular frame, at 0.1 precision."""
    coords: list[str] = []
    for lon, lat in points:
        pair = f"{_num((lon + 180) * 10)} {_num((90 - lat) * 10)}"
        if not coords or coords[-1] != pair:
            coords.append(pair)
    if len(coords) > 1 and coords[-1] == coords[0]:
        coords.pop()  # Z closes the ring
    if len(coords) < 3:
        return ""
    return "M" + " ".join(coords) + "Z"


def _num(value: float) -> str:
    text = f"{value:.1f}"
    text = text[:-2] if text.endswith(".0") else text
    return "0" if text == "-0" else text


def topojson_to_svg(topology: dict, object_name: str = "countries") -> str:
    """Draw each geometry of a TopoJSON object as one `<path class="country">` of an equirectangular map."""
    arcs = decode_arcs(topology)
    paths = []
    for geometry in topology["objects"][object_name].get("geometries", []):
        d = "".join(ring_path(r) for ring in geometry_rings(geometry)
                    for r in unwrap_ring(ring_points(ring, arcs)))
        if d:
            name = escape(str((geometry.get("properties") or {}).get("name", "")), quote=True)
            paths.append(f'<path class="country" data-name="{name}" fill="{LAND}" stroke="{COAST}" '
                         f'stroke-width="1" stroke-linejoin="round" fill-rule="evenodd" d="{d}"/>')
    return ('<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 3600 1800" width="3600" height="1800">\n'
            "<!-- Country outlines from the world-atlas npm package (ISC), drawn from Natural Earth data. -->\n"
            + "\n".join(paths) + "\n</svg>\n")
