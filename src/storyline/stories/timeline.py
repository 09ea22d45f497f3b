"""The story's timeline: its dated events, each once, with every report that states it."""
from __future__ import annotations

import datetime as dt
import re
from collections import Counter, defaultdict

from storyline.model import TimelineEntry
from storyline.stories.digest import ReportDigest
from storyline.stories.sources import SourceResolver

_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}")


def precision(value: str) -> str:
    if re.match(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}", value):
        return "minute"
    if re.match(r"^\d{4}-\d{2}-\d{2}T", value):
        return "part_of_day"
    if _DAY.match(value):
        return "day"
    if re.match(r"^\d{4}-W\d{2}", value):
        return "week"
    if re.match(r"^\d{4}-\d{2}$", value):
        return "month"
    return "year"


def day_of(value: str) -> str:
    """The day a TIMEX3 value starts on, for ordering: a week sorts at its Monday, not after the year's days."""
    week = re.match(r"^(\d{4})-W(\d{2})", value)
    if week:
        try:
            return dt.date.fromisocalendar(int(week[1]), int(week[2]), 1).isoformat()
        except ValueError:
            return value[:10]
    return value[:10]


def build_timeline(reports: list[ReportDigest], resolver: SourceResolver) -> list[TimelineEntry]:
    """Events with a resolved time, one entry per type and day across reports, ordered by time.

    Reports that date an event to the day and to the minute are one entry, at the finer time."""
    grouped: dict[tuple[str, str], list] = defaultdict(list)
    for r in reports:
        for v in r.events:
            # the digest keeps only events of what happened (KEPT_EVENT_TYPES), not statements or demands
            if v.time and re.match(r"^\d{4}", v.time) and v.certainty != "negated":
                grouped[(day_of(v.time), v.type)].append((r, v))
    entries = []
    for (_, kind), stated in sorted(grouped.items()):
        time = max((v.time for _, v in stated), key=lambda t: (len(t), t))
        words = Counter(v.trigger[2].lower() for _, v in stated)
        support = [resolver.support(r, v.trigger, v.attribution, v.source, v.source_text, v.via, event=v.id)
                   for r, v in stated]
        entries.append(TimelineEntry(
            time=time, precision=precision(time), type=kind,
            event=f"{kind.lower()}: " + ", ".join(w for w, _ in words.most_common(3)),
            support=support,
        ))
    return entries
