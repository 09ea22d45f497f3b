"""Server-side SVG charts of a story (a map of its places, a timeline of its events and reports), CSP-safe."""
from __future__ import annotations

import math
import re
from datetime import date, datetime, timedelta

from markupsafe import Markup, escape

from storyline.web import urls

MAP_WIDTH, MAP_HEIGHT = 3600, 1800
_MIN_LON_SPAN, _MIN_LAT_SPAN = 40.0, 20.0
_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def project(lat: float, lon: float) -> tuple[float, float]:
    """Equirectangular position in the basemap's 3600x1800 frame (10 units per degree)."""
    return (lon + 180.0) * 10.0, (90.0 - lat) * 10.0


def _n(value: float) -> str:
    """A coordinate with one decimal and no trailing '.0'."""
    text = f"{value:.1f}"
    return text[:-2] if text.endswith(".0") else text


# --- map ---------------------------------------------------------------------------------------

def map_points(story: dict) -> list[dict]:
    """One point per geolocated story entity; `main` marks the places the story's place facts name."""
    main_names = {str(v.get("value", "")).casefold() for f in story.get("facts", [])
                  if f.get("property") == "place" or f.get("kind") == "place" for v in f.get("values", [])}
    points = []
    for entity in story.get("entities", []):
        geo = entity.get("geo")
        if not geo or not all(isinstance(geo.get(k), (int, float)) and math.isfinite(geo[k]) for k in ("lat", "lon")):
            continue
        names = {entity["name"].casefold(), *(a.casefold() for a in entity.get("aliases", []))}
        points.append({
            "key": urls.entity_key(entity["name"], entity["kind"]),
            "name": entity["name"],
            "lat": max(-90.0, min(90.0, float(geo["lat"]))),
            "lon": max(-180.0, min(180.0, float(geo["lon"]))),
            "country": geo.get("country"),
            "main": bool(names & main_names),
            "documents": len({ref["document"] for ref in entity.get("refs", [])}),
        })
    return points


def map_view(points: list[dict]) -> tuple[float, float, float, float]:
    """The viewBox (x, y, width, height) around the points: padded, at least 40x20 degrees, 2:1, within the world."""
    lons, lats = [p["lon"] for p in points], [p["lat"] for p in points]
    span_lon, span_lat = max(lons) - min(lons), max(lats) - min(lats)
    width = max(span_lon * 1.5 + 10, _MIN_LON_SPAN, (span_lat * 1.5 + 10) * 2, _MIN_LAT_SPAN * 2)
    if width >= 360:
        return 0.0, 0.0, float(MAP_WIDTH), float(MAP_HEIGHT)
    height = width / 2
    west = min(max((min(lons) + max(lons) - width) / 2, -180.0), 180.0 - width)
    north = max(min((min(lats) + max(lats) + height) / 2, 90.0), -90.0 + height)
    x, y = project(north, west)
    return x, y, width * 10, height * 10


def render_map_svg(points: list[dict], basemap_href: str = "/vendor/basemap.svg") -> Markup:
    """An SVG map cropped to the points over the basemap image, each point linking to its entity page."""
    if not points:
        return Markup('<p class="map-empty">No mapped places</p>')
    vx, vy, vw, vh = map_view(points)
    r, font = vw / 150, vw / 55
    parts = [
        f'<svg class="map" xmlns="http://www.w3.org/2000/svg" viewBox="{_n(vx)} {_n(vy)} {_n(vw)} {_n(vh)}" '
        f'data-points="{len(points)}" aria-label="Map of {len(points)} places">',
        f'<image class="map-base" href="{escape(basemap_href)}" x="0" y="0" '
        f'width="{MAP_WIDTH}" height="{MAP_HEIGHT}" preserveAspectRatio="none"/>',
    ]
    boxes: list[tuple[float, float, float, float]] = []
    labelled = set()
    for i, p in sorted(enumerate(points), key=lambda ip: (not ip[1]["main"], -ip[1]["documents"])):
        x, y = project(p["lat"], p["lon"])
        box = (x + r * 1.6, y - font, x + r * 2 + 0.6 * font * len(p["name"]), y + font / 2)
        if not any(box[0] < b[2] and b[0] < box[2] and box[1] < b[3] and b[1] < box[3] for b in boxes):
            boxes.append(box)  # label only where it does not cover an earlier one; the title still names it
            labelled.add(i)
    for i, p in sorted(enumerate(points), key=lambda ip: ip[1]["main"]):  # main places drawn last, on top
        x, y = project(p["lat"], p["lon"])
        radius = r * 1.6 if p["main"] else r
        kind = "map-point main" if p["main"] else "map-point"
        reports = p["documents"]
        title = f'{p["name"]} ({reports} report{"" if reports == 1 else "s"})'
        label = (f'<text class="map-label" x="{_n(x + radius * 1.4)}" y="{_n(y + font / 3)}" font-size="{font:.2f}" '
                 f'fill="#222222" stroke="#ffffff" stroke-width="{font / 8:.2f}" paint-order="stroke">'
                 f'{escape(p["name"])}</text>') if i in labelled else ""
        parts.append(
            f'<a class="{kind}" href="{escape(urls.entity_url(p["key"]))}"><title>{escape(title)}</title>'
            f'<circle cx="{_n(x)}" cy="{_n(y)}" r="{radius:.2f}" fill="{"#c0392b" if p["main"] else "#2c6e9b"}" '
            f'stroke="#ffffff" stroke-width="{r / 4:.2f}"/>{label}</a>')
    parts.append("</svg>")
    return Markup("\n".join(parts))


# --- timeline ----------------------------------------------------------------------------------

_TIMEX = re.compile(
    r"(?P<y>\d{4})(?:-W(?P<w>\d{2})|-(?P<m>\d{2})(?:-(?P<d>\d{2})"
    r"(?:T(?:(?P<hh>\d{2}):(?P<mm>\d{2})(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?|(?P<pod>MO|MI|AF|EV|NI|DT)))?)?)?")
_PART_OF_DAY = {"MO": 9, "MI": 12, "AF": 15, "DT": 12, "EV": 19, "NI": 22}


def parse_timex(value: str | None) -> tuple[datetime, datetime] | None:
    """The (start, end) a TIMEX3 date value covers (end == start for a day or finer); None when unparseable."""
    match = _TIMEX.fullmatch((value or "").strip())
    if not match:
        return None
    g = match.groupdict()
    try:
        year = int(g["y"])
        if not 1000 <= year <= 9000:
            return None
        if g["w"]:
            start = datetime.combine(date.fromisocalendar(year, int(g["w"]), 1), datetime.min.time())
            return start, start + timedelta(days=7)
        if not g["m"]:
            return datetime(year, 1, 1), datetime(year + 1, 1, 1)
        if not g["d"]:
            start = datetime(year, int(g["m"]), 1)
            return start, (start + timedelta(days=32)).replace(day=1)
        day = datetime(year, int(g["m"]), int(g["d"]))
        if g["pod"]:
            day += timedelta(hours=_PART_OF_DAY[g["pod"]])
        elif g["hh"]:
            day += timedelta(hours=int(g["hh"]), minutes=int(g["mm"]))
        return day, day
    except ValueError:
        return None


def _tick_dates(lo: datetime, hi: datetime, unit: str, step: int) -> list[datetime]:
    """Aligned dates every `step` units from lo to hi."""
    if unit in ("hour", "day"):
        size = timedelta(hours=step) if unit == "hour" else timedelta(days=step)
        t = lo.replace(minute=0, second=0, microsecond=0)
        if unit == "day":
            t = t.replace(hour=0) - timedelta(days=t.weekday() if step == 7 else 0)
        elif t.hour % step:
            t -= timedelta(hours=t.hour % step)
        ticks = []
        while t <= hi:
            ticks.append(t)
            t += size
    else:
        months = step if unit == "month" else step * 12
        index = (lo.year * 12 + lo.month - 1) // months * months
        ticks = []
        while index // 12 <= hi.year:
            if index >= 12:  # datetime has no year 0
                ticks.append(datetime(index // 12, index % 12 + 1, 1))
            index += months
    return [t for t in ticks if lo <= t <= hi]


def axis_ticks(lo: datetime, hi: datetime, max_ticks: int = 6) -> list[tuple[datetime, str]]:
    """Up to `max_ticks` round dates between lo and hi, with short labels."""
    steps = [("hour", s) for s in (1, 3, 6, 12)] + [("day", s) for s in (1, 2, 7, 14)]
    steps += [("month", s) for s in (1, 2, 3, 6)]
    steps += [("year", s) for s in (1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 5000)]
    days = {"hour": 1 / 24, "day": 1, "month": 30.4, "year": 365.25}
    ticks: list[datetime] = []
    for unit, step in steps:
        if (hi - lo) / timedelta(days=days[unit] * step) > max_ticks + 1:
            continue  # far too many: skip without listing them
        ticks = _tick_dates(lo, hi, unit, step)
        if len(ticks) <= max_ticks:
            break
    labels = []
    for t in ticks:
        if unit == "year":
            labels.append(f"{t.year}")
        elif unit == "month":
            labels.append(f"{_MONTHS[t.month - 1]} {t.year}")
        elif unit == "hour" and t.hour:
            labels.append(f"{t:%H:%M}")
        else:
            labels.append(f"{t.day} {_MONTHS[t.month - 1]}")
    return list(zip(ticks, labels))


def _lane(lanes: list[float], left: float, right: float) -> int:
    """The first lane free at `left` (greedy interval packing), claimed up to `right`."""
    for i, end in enumerate(lanes):
        if end <= left:
            lanes[i] = right
            return i
    lanes.append(right)
    return len(lanes) - 1


def _report_label(doc: dict) -> tuple[str, float]:
    """A report's label (its outlet, cut to 28 characters) and its estimated width at font-size 11."""
    text = doc.get("outlet") or doc.get("id", "")
    text = text if len(text) <= 28 else text[:27] + "…"
    return text, 6.2 * len(text)


def _label_lanes(items: list[tuple[float, float]]) -> list[int]:
    """Lanes for labels (x, width) hung right of x: none overlap, and no leader line crosses a label."""
    placed: list[tuple[float, int]] = []  # x, lane of the labels right of this one
    lanes = [0] * len(items)
    for i in sorted(range(len(items)), key=lambda i: -items[i][0]):  # right to left
        x, w = items[i]
        lanes[i] = 1 + max((k for px, k in placed if px <= x + w + 6), default=-1)  # below all it covers
        placed.append((x, lanes[i]))
    return lanes


def _event_marks(events: list, x_of) -> tuple[list[str], int]:
    """Event markers (a bar over a week/month/year), stacked in lanes, linked to their first quote; lanes used."""
    marks, lanes = [], []
    for (start, end), entry in sorted(events, key=lambda item: item[0]):
        x0, x1 = x_of(start), x_of(end)
        y = 30 + 18 * _lane(lanes, x0 - 8, max(x0, x1) + 8)
        mark = (f'<title>{escape(entry.get("time", ""))}: {escape(entry.get("event", ""))}</title>'
                + (f'<rect class="tl-span" x="{_n(x0)}" y="{_n(y - 2)}" width="{_n(x1 - x0)}" height="4" '
                   f'fill="#e3a008" opacity="0.5"/>' if x1 > x0 else "")
                + f'<circle class="tl-event" cx="{_n(x0)}" cy="{_n(y)}" r="6" fill="#c0392b" stroke="#ffffff"/>')
        support = next((s for s in entry.get("support", []) if s.get("quote_span")), None)
        if support:
            span = support["quote_span"]
            mark = f'<a href="{escape(urls.article_url(support["document"], span["start"], span["end"]))}">{mark}</a>'
        marks.append(mark)
    return marks, len(lanes)


def _report_marks(reports: list, x_of, row_y: float) -> tuple[list[str], int]:
    """A tick per report on the reports row, labelled with its outlet and linked to the article; label lanes used."""
    labels = [_report_label(doc) for _, doc in reports]
    lanes = _label_lanes([(x_of(when), w) for (when, _), (_, w) in zip(reports, labels)])
    marks = []
    for (when, doc), (label, _), lane in sorted(zip(reports, labels, lanes), key=lambda r: r[0][0]):
        x, ly = x_of(when), row_y + 22 + 13 * lane
        title = " · ".join(str(v) for v in (doc.get("outlet"), doc.get("title"), doc.get("published")) if v)
        marks.append(
            f'<a href="{escape(urls.article_url(doc["id"]))}"><title>{escape(title)}</title>'
            f'<line class="tl-report" x1="{_n(x)}" y1="{_n(row_y - 8)}" x2="{_n(x)}" y2="{_n(ly - 9)}" '
            f'stroke="#2c6e9b" stroke-width="2"/>'
            f'<text class="tl-report-label" x="{_n(x)}" y="{_n(ly)}" font-size="11" fill="#2c6e9b" '
            f'stroke="#ffffff" stroke-width="3" paint-order="stroke">{escape(label)}</text></a>')
    return marks, 1 + max(lanes, default=0)


def render_timeline_svg(story: dict) -> Markup:
    """A time axis with the story's dated events (linked to their quotes) and its reports (linked to the articles)."""
    events = [(when, e) for e in story.get("timeline", []) if (when := parse_timex(e.get("time")))]
    reports = [(when[0], d) for d in story.get("documents", []) if (when := parse_timex(d.get("published")))]
    if not events and not reports:
        return Markup('<p class="timeline-empty">No dated events</p>')
    times = [t for (start, end), _ in events for t in (start, end)] + [t for t, _ in reports]
    pad = max((max(times) - min(times)) * 0.05, timedelta(days=1))
    lo, hi = min(times) - pad, max(times) + pad
    width, left = 640, 80
    plot = width - left - 30
    for when, doc in reports:  # narrow the axis until every report's label fits on the right
        share = (when - lo) / (hi - lo)
        plot = min(plot, (width - 4 - left - _report_label(doc)[1]) / share)

    def x_of(t: datetime) -> float:
        return left + (t - lo) / (hi - lo) * plot

    event_marks, event_lanes = _event_marks(events, x_of)
    row_y = 30 + 18 * max(event_lanes, 1) + 14
    report_marks, label_lanes = _report_marks(reports, x_of, row_y)
    axis_y = row_y + 22 + 13 * label_lanes + 8
    parts = [
        f'<svg class="timeline" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {_n(axis_y + 30)}" '
        f'data-events="{len(events)}" data-reports="{len(reports)}" aria-label="Timeline">',
        f'<text class="tl-row-label" x="{left - 14}" y="34" text-anchor="end" font-size="12" fill="#555555">'
        f'Events</text>',
        f'<text class="tl-row-label" x="{left - 14}" y="{_n(row_y + 4)}" text-anchor="end" font-size="12" '
        f'fill="#555555">Reports</text>',
        f'<line class="tl-axis" x1="{left}" y1="{_n(axis_y)}" x2="{_n(left + plot)}" y2="{_n(axis_y)}" '
        f'stroke="#555555" stroke-width="1"/>',
    ]
    for t, label in axis_ticks(lo, hi):
        x = x_of(t)
        parts.append(f'<line class="tl-tick" x1="{_n(x)}" y1="{_n(axis_y)}" x2="{_n(x)}" y2="{_n(axis_y + 5)}" '
                     f'stroke="#555555"/><text class="tl-tick-label" x="{_n(x)}" y="{_n(axis_y + 18)}" '
                     f'text-anchor="middle" font-size="11" fill="#555555">{escape(label)}</text>')
    return Markup("\n".join(parts + event_marks + report_marks + ["</svg>"]))
