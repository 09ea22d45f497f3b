"""Building the web assets: TopoJSON decoding, antimeridian handling, the build and its error messages."""
import json
import re
import xml.etree.ElementTree as ET

import pytest

from storyline.web.assets import (
    DEFAULT_NODE_MODULES, asset_status, assets_dir, build_assets, decode_arcs, ring_points, topojson_to_svg,
    unwrap_ring,
)

SVG = "{http://www.w3.org/2000/svg}"

# Two squares on a 1-degree grid (translate -180, -90): Avaloria (10..20E, 10..20N) in one closed arc, and the
# Dateline Isles (170E..170W, 10S..10N) made of two arcs, the second used reversed (~2 == -3).
TOPOLOGY = {
    "type": "Topology",
    "transform": {"scale": [1, 1], "translate": [-180, -90]},
    "arcs": [
        [[190, 100], [10, 0], [0, 10], [-10, 0], [0, -10]],
        [[350, 80], [-340, 0], [0, 20]],
        [[350, 80], [0, 20], [-340, 0]],
    ],
    "objects": {"countries": {"type": "GeometryCollection", "geometries": [
        {"type": "Polygon", "arcs": [[0]], "properties": {"name": "Avaloria"}},
        {"type": "MultiPolygon", "arcs": [[[1, -3]]], "properties": {"name": "Dateline <Isles> & \"Co\""}},
        {"type": None, "properties": {"name": "Nothing"}},
    ]}},
}


def subpaths(d: str) -> list[list[tuple[float, float]]]:
    """The point lists of an SVG path made of 'Mx y x y ...Z' subpaths."""
    out = []
    for part in d.split("Z"):
        nums = [float(n) for n in part.replace("M", " ").split()]
        if nums:
            out.append(list(zip(nums[0::2], nums[1::2])))
    return out


def test_decode_arcs_undoes_quantization_and_deltas():
    arcs = decode_arcs(TOPOLOGY)
    assert arcs[0] == [(10, 10), (20, 10), (20, 20), (10, 20), (10, 10)]
    assert arcs[1] == [(170, -10), (-170, -10), (-170, 10)]
    assert decode_arcs({"arcs": [[[1.5, 2], [3, 4]]]}) == [[(1.5, 2), (3, 4)]]  # no transform: absolute


def test_ring_points_joins_and_reverses_arcs():
    ring = ring_points([1, -3], decode_arcs(TOPOLOGY))
    assert ring == [(170, -10), (-170, -10), (-170, 10), (170, 10), (170, -10)]


def test_unwrap_ring_crossing_antimeridian_and_pole():
    rings = unwrap_ring([(170, -10), (-170, -10), (-170, 10), (170, 10), (170, -10)])
    assert len(rings) == 2
    for ring in rings:
        assert all(abs(a[0] - b[0]) <= 180 for a, b in zip(ring, ring[1:]))
    assert {lon for lon, _ in rings[0]} == {170, 190} and {lon for lon, _ in rings[1]} == {-190, -170}
    polar = unwrap_ring([(-170, -80), (-60, -80), (50, -80), (160, -80), (-170, -80)])[0]
    assert polar[-2:] == [(190, -90.0), (-170, -90.0)]
    assert all(abs(a[0] - b[0]) <= 180 for a, b in zip(polar[:-2], polar[1:-2]))


def test_topojson_to_svg_paths_without_streaks():
    svg = topojson_to_svg(TOPOLOGY)
    root = ET.fromstring(svg)
    assert root.get("viewBox") == "0 0 3600 1800"
    paths = root.findall(f"{SVG}path")
    assert [p.get("data-name") for p in paths] == ["Avaloria", 'Dateline <Isles> & "Co"']
    assert all(p.get("class") == "country" and p.get("fill") and p.get("stroke") for p in paths)
    assert paths[0].get("d") == "M1900 800 2000 800 2000 700 1900 700Z"
    pieces = subpaths(paths[1].get("d"))
    assert len(pieces) == 2
    for piece in pieces:
        assert all(abs(a[0] - b[0]) <= 1800 for a, b in zip(piece, piece[1:] + piece[:1]))
    xs = sorted(x for piece in pieces for x, _ in piece)
    assert 100 in xs and 3500 in xs and min(xs) < 0 and max(xs) > 3600  # both halves reach into the frame
    assert "style" not in svg and not re.search(r"\d\.\d\d", paths[1].get("d"))


def fake_node_modules(root):
    (root / "htmx.org" / "dist").mkdir(parents=True)
    (root / "htmx.org" / "dist" / "htmx.min.js").write_text("var htmx={};")
    (root / "htmx.org" / "package.json").write_text(json.dumps({"version": "2.9.9", "license": "0BSD"}))
    (root / "world-atlas").mkdir()
    (root / "world-atlas" / "countries-110m.json").write_text(json.dumps(TOPOLOGY))
    (root / "world-atlas" / "package.json").write_text(json.dumps({"version": "2.0.2", "license": "ISC"}))
    (root / "world-atlas" / "LICENSE").write_text("ISC licence text")
    return root


def test_build_assets_from_node_modules(tmp_path):
    dest = tmp_path / "web"
    assert asset_status(dest) == {"htmx.min.js": False, "basemap.svg": False}
    assert build_assets(fake_node_modules(tmp_path / "nm"), dest) == dest
    assert (dest / "htmx.min.js").read_text() == "var htmx={};"
    assert len(ET.parse(dest / "basemap.svg").getroot().findall(f"{SVG}path")) == 2
    manifest = json.loads((dest / "manifest.json").read_text())
    assert manifest["packages"]["htmx.org"]["version"] == "2.9.9"
    assert manifest["packages"]["world-atlas"] == {"version": "2.0.2", "license": "ISC"}
    assert (dest / "LICENSE.world-atlas.txt").read_text() == "ISC licence text"
    assert asset_status(dest) == {"htmx.min.js": True, "basemap.svg": True}


def test_build_assets_missing_packages_says_what_to_run(tmp_path):
    with pytest.raises(FileNotFoundError, match=r"make install.*storyline assets build"):
        build_assets(tmp_path / "empty", tmp_path / "web")


def test_assets_dir_follows_storyline_data(tmp_path, monkeypatch):
    monkeypatch.setenv("STORYLINE_DATA", str(tmp_path))
    assert assets_dir() == tmp_path / "web"
    assert asset_status() == {"htmx.min.js": False, "basemap.svg": False}
    assert DEFAULT_NODE_MODULES.parts[-2:] == ("assets", "node_modules")
    assert (DEFAULT_NODE_MODULES.parent / "package.json").is_file()


@pytest.mark.skipif(not (DEFAULT_NODE_MODULES / "world-atlas").is_dir(), reason="assets/node_modules not installed")
def test_real_build_from_node_modules(tmp_path):
    dest = build_assets(DEFAULT_NODE_MODULES, tmp_path)
    paths = ET.parse(dest / "basemap.svg").getroot().findall(f"{SVG}path")
    assert len(paths) > 150 and all(p.get("class") == "country" for p in paths)
    for path in paths:  # no streak across the map: no segment jumps over half its width
        for piece in subpaths(path.get("d")):
            assert all(abs(a[0] - b[0]) <= 1800 or a[1] == b[1] == 1800 for a, b in zip(piece, piece[1:])), \
                path.get("data-name")
    manifest = json.loads((dest / "manifest.json").read_text())["packages"]
    assert manifest["world-atlas"]["version"] == "2.0.2" and manifest["htmx.org"]["version"].startswith("2.")
    assert (dest / "htmx.min.js").stat().st_size > 10_000
