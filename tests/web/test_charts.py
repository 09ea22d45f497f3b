"""The story map and timeline SVGs: projection, cropping, links, escaping and CSP-safe markup."""
import re
import time
import xml.etree.ElementTree as ET
from datetime import datetime

from storyline.web import urls
from storyline.web.charts import (
    MAP_HEIGHT, MAP_WIDTH, _label_lanes, axis_ticks, map_points, map_view, parse_timex, project, render_map_svg,
    render_timeline_svg,
)

HOSTILE = "<script>alert(1)</script>"
QUOTE_ATTACK = '" onmouseover="x'
SVG = "{http://www.w3.org/2000/svg}"


def support(doc, start, end, text="burned"):
    return {"document": doc, "root_source": doc, "quote_span": {"text": text, "start": start, "end": end}}


def story(**over):
    base = {
        "id": "s-test",
        "documents": [
            {"id": "doc-a", "outlet": "The Lantern Post", "title": "Mill fire", "published": "2031-04-02"},
            {"id": "doc-b", "outlet": "Brindle Gazette", "title": "Mill fire toll", "published": "2031-04-04"},
        ],
        "entities": [
            {"id": "e1", "name": "Port Vessany", "kind": "place", "aliases": ["Vessany"],
             "refs": [{"document": "doc-a", "entity": "a1", "name": "Port Vessany"},
                      {"document": "doc-b", "entity": "b1", "name": "Vessany"}],
             "geo": {"lat": 44.5, "lon": 12.25, "country": "ZZ"}},
            {"id": "e2", "name": "Orlen Vale", "kind": "place",
             "refs": [{"document": "doc-b", "entity": "b2", "name": "Orlen Vale"}],
             "geo": {"lat": 45.0, "lon": 14.0, "country": "ZZ"}},
            {"id": "e3", "name": "Halvard Mills", "kind": "organization", "refs": []},
        ],
        "facts": [{"id": "f1", "subject": "fire", "property": "place", "kind": "place", "status": "agreed",
                   "values": [{"value": "Vessany"}]}],
        "timeline": [
            {"time": "2031-04-01TNI", "precision": "part_of_day", "event": "fire: burned", "type": "fire",
             "support": [support("doc-a", 10, 16), support("doc-b", 3, 9)]},
            {"time": "2031-W14", "precision": "week", "event": "investigate: inspected", "type": "investigate",
             "support": [support("doc-b", 40, 49, "inspected")]},
            {"time": "PRESENT_REF", "precision": "day", "event": "unplaceable", "type": "other", "support": []},
        ],
    }
    base.update(over)
    return base


def parse(svg) -> ET.Element:
    """Parse the SVG as XML: proves it is well-formed after escaping."""
    return ET.fromstring(str(svg))


def assert_csp_safe(svg: str) -> None:
    assert "style=" not in svg and "<style" not in svg and "<script" not in svg
    for el in parse(svg).iter():
        assert not [a for a in el.attrib if a.lower().startswith("on")], el.attrib


def test_project_corners_and_centre():
    assert project(0, 0) == (1800, 900)
    assert project(90, -180) == (0, 0)
    assert project(-90, 180) == (MAP_WIDTH, MAP_HEIGHT)
    assert project(45.5, 10.0) == (1900, 445)


def test_map_points_marks_main_place_and_counts_documents():
    points = {p["name"]: p for p in map_points(story())}
    assert set(points) == {"Port Vessany", "Orlen Vale"}
    vessany = points["Port Vessany"]
    assert vessany["key"] == urls.entity_key("Port Vessany", "place") == "place:port-vessany"
    assert (vessany["lat"], vessany["lon"], vessany["country"]) == (44.5, 12.25, "ZZ")
    assert vessany["main"] is True and vessany["documents"] == 2
    assert points["Orlen Vale"]["main"] is False and points["Orlen Vale"]["documents"] == 1


def test_map_view_minimum_span_aspect_and_clamp():
    x, y, w, h = map_view([{"lat": 10.0, "lon": 20.0}])
    assert (w, h) == (400, 200) and x < project(10, 20)[0] < x + w and y < project(10, 20)[1] < y + h
    x, y, w, h = map_view([{"lat": 89.0, "lon": 179.0}])
    assert w == 2 * h and x + w <= MAP_WIDTH and y >= 0
    x, y, w, h = map_view([{"lat": 0.0, "lon": 0.0}, {"lat": 10.0, "lon": 60.0}])
    assert w == 2 * h and w > 600  # padded beyond the 60-degree spread
    assert map_view([{"lat": 0.0, "lon": -170.0}, {"lat": 0.0, "lon": 170.0}]) == (0, 0, MAP_WIDTH, MAP_HEIGHT)


def test_render_map_svg_links_crops_and_is_csp_safe():
    svg = str(render_map_svg(map_points(story())))
    root = parse(svg)
    assert root.get("class") == "map" and root.get("data-points") == "2"
    w, h = (float(v) for v in root.get("viewBox").split()[2:])
    assert w == 2 * h and w < MAP_WIDTH
    image = root.find(f"{SVG}image")
    assert image.get("href") == "/vendor/basemap.svg" and image.get("width") == "3600"
    links = [a.get("href") for a in root.iter(f"{SVG}a")]
    assert sorted(links) == sorted([urls.entity_url("place:port-vessany"), urls.entity_url("place:orlen-vale")])
    radii = {a.find(f"{SVG}title").text.split(" (")[0]: float(a.find(f"{SVG}circle").get("r"))
             for a in root.iter(f"{SVG}a")}
    assert radii["Port Vessany"] > radii["Orlen Vale"]
    assert "Port Vessany" in "".join(root.itertext())
    assert_csp_safe(svg)
    assert 'href="/static/base.svg"' in str(render_map_svg(map_points(story()), basemap_href="/static/base.svg"))


def test_render_map_svg_escapes_hostile_names():
    entities = [{"id": "e1", "name": HOSTILE, "kind": "place", "refs": [], "geo": {"lat": 1.0, "lon": 2.0}},
                {"id": "e2", "name": QUOTE_ATTACK, "kind": "place", "refs": [], "geo": {"lat": 30.0, "lon": 2.0}}]
    svg = str(render_map_svg(map_points(story(entities=entities, facts=[]))))
    assert HOSTILE not in svg and "&lt;script&gt;" in svg
    assert QUOTE_ATTACK not in svg
    assert HOSTILE in [t.text for t in parse(svg).iter(f"{SVG}text")]
    assert_csp_safe(svg)


def test_render_map_svg_empty():
    assert str(render_map_svg([])) == '<p class="map-empty">No mapped places</p>'
    assert map_points(story(entities=[{"id": "e", "name": "Nowhere", "kind": "place", "refs": []}])) == []


def test_parse_timex_forms():
    assert parse_timex("2031-04-02") == (datetime(2031, 4, 2), datetime(2031, 4, 2))
    assert parse_timex("2031-04-02T14:30") == (datetime(2031, 4, 2, 14, 30),) * 2
    assert parse_timex("2031-04-02TNI")[0] == datetime(2031, 4, 2, 22)
    assert parse_timex("2031-04-02TMO")[0] == datetime(2031, 4, 2, 9)
    assert parse_timex("2031-04") == (datetime(2031, 4, 1), datetime(2031, 5, 1))
    assert parse_timex("2031-12")[1] == datetime(2032, 1, 1)
    assert parse_timex("2031") == (datetime(2031, 1, 1), datetime(2032, 1, 1))
    assert parse_timex("2031-W14") == (datetime(2031, 3, 31), datetime(2031, 4, 7))
    for bad in ("PRESENT_REF", "XXXX-04-02", "2031-13-01", "2031-02-30", "P3D", "", None, "2031-W60"):
        assert parse_timex(bad) is None, bad


def test_render_timeline_svg_events_and_reports():
    svg = str(render_timeline_svg(story()))
    root = parse(svg)
    assert root.get("class") == "timeline" and root.get("data-events") == "2"
    links = [a.get("href") for a in root.iter(f"{SVG}a")]
    assert urls.article_url("doc-a", 10, 16) in links  # the first support's span
    assert urls.article_url("doc-b", 3, 9) not in links
    assert urls.article_url("doc-b", 40, 49) in links
    assert urls.article_url("doc-a") in links and urls.article_url("doc-b") in links
    titles = [t.text for t in root.iter(f"{SVG}title")]
    assert "2031-04-01TNI: fire: burned" in titles and not any("unplaceable" in t for t in titles)
    texts = [t.text for t in root.iter(f"{SVG}text")]
    assert "The Lantern Post" in texts and "Brindle Gazette" in texts
    assert 2 <= len(root.findall(f"{SVG}text[@class='tl-tick-label']")) <= 6
    assert len(root.findall(f".//{SVG}rect[@class='tl-span']")) == 1  # the week
    assert_csp_safe(svg)


def test_render_timeline_svg_escapes_hostile_text():
    timeline = [{"time": "2031-04-01", "event": HOSTILE, "type": "x", "support": [support("doc-a", 1, 2)]}]
    documents = [{"id": QUOTE_ATTACK, "outlet": HOSTILE, "published": "2031-04-02"}]
    svg = str(render_timeline_svg(story(timeline=timeline, documents=documents)))
    assert HOSTILE not in svg and QUOTE_ATTACK not in svg
    root = parse(svg)
    assert HOSTILE in [t.text for t in root.iter(f"{SVG}text")]
    assert urls.article_url(QUOTE_ATTACK) in [a.get("href") for a in root.iter(f"{SVG}a")]
    assert_csp_safe(svg)


def test_render_timeline_svg_single_date_and_empty():
    one = story(timeline=[], documents=[{"id": "doc-a", "outlet": "The Lantern Post", "published": "2031-04-02"}])
    root = parse(render_timeline_svg(one))
    assert root.get("data-events") == "0" and root.find(f"{SVG}a") is not None
    assert root.findall(f"{SVG}text[@class='tl-tick-label']")
    empty = story(timeline=[{"time": "PRESENT_REF", "event": "x", "type": "x", "support": []}],
                  documents=[{"id": "doc-a", "published": None}])
    assert str(render_timeline_svg(empty)) == '<p class="timeline-empty">No dated events</p>'
    assert str(render_timeline_svg({"id": "s"})) == '<p class="timeline-empty">No dated events</p>'


def test_axis_ticks_are_few_round_and_quick():
    for lo, hi in [(datetime(2031, 4, 1), datetime(2031, 4, 3)), (datetime(2031, 1, 5), datetime(2031, 11, 20)),
                   (datetime(1990, 1, 1), datetime(2031, 1, 1)), (datetime(1000, 1, 1), datetime(9000, 1, 1))]:
        started = time.monotonic()
        ticks = axis_ticks(lo, hi)
        assert time.monotonic() - started < 0.5
        assert 1 <= len(ticks) <= 6 and all(lo <= t <= hi for t, _ in ticks)
    labels = [label for _, label in axis_ticks(datetime(2031, 1, 5), datetime(2031, 11, 20))]
    assert all(re.fullmatch(r"[A-Z][a-z]{2} 2031", label) for label in labels)


def test_report_labels_neither_overlap_nor_cross_leader_lines():
    items = [(100, 80), (100, 60), (150, 90), (300, 70), (420, 100), (480, 90), (500, 60), (760, 110), (800, 40)]
    lanes = _label_lanes(items)
    for (x, w), lane in zip(items, lanes):
        for (y, v), other in zip(items, lanes):
            if (x, w, lane) != (y, v, other):
                assert not (lane == other and x < y + v and y < x + w), ((x, w), (y, v))
                assert not (other < lane and y < x < y + v), ((x, w), (y, v))  # our line through their label


def test_timeline_report_labels_fit_in_the_view():
    documents = [{"id": f"d{i}", "outlet": "Brindle Gazette Evening Edition", "published": f"2031-04-0{i}"}
                 for i in range(1, 5)]
    root = parse(render_timeline_svg(story(timeline=[], documents=documents)))
    for text in root.findall(f"{SVG}a/{SVG}text"):
        assert float(text.get("x")) + 6.2 * len(text.text) <= 900
