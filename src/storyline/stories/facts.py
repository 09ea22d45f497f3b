"""Facts: the counts a story's reports state, lined up by subject and property, with a status.

Values are compared as intervals, so "at least 4" is compatible with 5 while 4
and 6 conflict. A fact is `updated` when the reports show the value changing
over publication time: a correction or update cue, a value cited as an earlier
report, the same source giving a new value later, or a vaguer value made
precise by a later report. Incompatible values without such evidence are
`conflicting`; one independent source is `single_source`.
"""
from __future__ import annotations

import math
from collections import defaultdict

from storyline.model import Fact, FactValue, Support
from storyline.stories.digest import ClaimDigest, ReportDigest
from storyline.stories.sources import SourceResolver

ABOUT = 0.15  # "about 5,000" spans 15% either side


def interval(value: float, high: float | None, approx: str) -> tuple[float, float]:
    """The values a stated count allows."""
    if approx == "range" and high is not None:
        return (value, high)
    step = 1.0 if float(value).is_integer() else 0.0
    return {
        "at_least": (value, math.inf), "more_than": (value + step, math.inf),
        "at_most": (0.0, value), "less_than": (0.0, max(0.0, value - step)),
        "about": (value * (1 - ABOUT), value * (1 + ABOUT)),
    }.get(approx, (value, value))


def compatible(a: FactValue, b: FactValue) -> bool:
    lo_a, hi_a = interval(a.low, a.high, a.approx)
    lo_b, hi_b = interval(b.low, b.high, b.approx)
    return lo_a <= hi_b and lo_b <= hi_a


def width(v: FactValue) -> float:
    lo, hi = interval(v.low, v.high, v.approx)
    return hi - lo


def _root_key(s: Support) -> str:
    return s.root_source.casefold()


def align_facts(reports: list[ReportDigest], resolver: SourceResolver) -> list[Fact]:
    """One Fact per (subject, property) stated anywhere in the story."""
    grouped: dict[tuple[str, str], dict[str, FactValue]] = defaultdict(dict)
    for r in reports:
        for c in r.claims:
            values = grouped[(c.subject, c.property)]
            value = values.get(c.display)
            if value is None:
                value = values[c.display] = FactValue(value=c.display, low=c.value, high=c.high, approx=c.approx)
            value.support.append(_support(r, c, resolver))
    facts = [line_up(subject, prop, "count", values.values()) for (subject, prop), values in sorted(grouped.items())]
    for i, fact in enumerate(facts, 1):
        fact.id = f"f{i}"
    return facts


def same_value(a: FactValue, b: FactValue) -> bool:
    """Compatibility of values that are names or labels: only the same one agrees."""
    return a.value == b.value


def line_up(subject: str, prop: str, kind: str, values, **rules) -> Fact:
    """One Fact from its values: each finished, ordered by first report, and given a status.

    `rules` go to `fact_status` (how values compare, what narrows, whether the property evolves)."""
    ordered = sorted((finish_value(v) for v in values), key=lambda v: (v.first_reported or "9999", v.value))
    status, reason = fact_status(ordered, **rules)
    return Fact(id="", subject=subject, property=prop, kind=kind, status=status, reason=reason, values=ordered)


def _support(report: ReportDigest, claim: ClaimDigest, resolver: SourceResolver) -> Support:
    return resolver.support(report, claim.quote, claim.attribution, claim.source, claim.source_text, claim.via,
                            earlier_report=claim.earlier_report, correction=claim.correction)


def finish_value(value: FactValue) -> FactValue:
    """A value with its support in date order, its first and last report dates and its independent sources."""
    value.support.sort(key=lambda s: (s.published or "9999", s.document, s.quote_span.start))
    stated = [s for s in value.support if not s.earlier_report] or value.support
    dates = [s.published for s in stated if s.published]
    value.first_reported = min(dates) if dates else None
    value.last_reported = max(dates) if dates else None
    value.independent_sources = len({_root_key(s) for s in value.support if not s.earlier_report})
    return value


def fact_status(values: list[FactValue], compatible=compatible, narrowed=None,
                evolves: bool = False) -> tuple[str, str | None]:
    """The status of a fact from its values (ordered by first report) and the reason for it.

    `compatible(a, b)` says whether two values can both be true; `narrowed(values)` names a later
    value that narrows an earlier one (counts: a tighter interval), or None. A property that
    `evolves` (a person's condition) is updated when its values follow one another in time."""
    narrowed = narrowed or _refined_later
    stated = [v for v in values if v.independent_sources]
    cited_earlier = [v for v in values if any(s.earlier_report for s in v.support)]
    roots = {_root_key(s) for v in stated for s in v.support if not s.earlier_report}
    if len(stated) <= 1:
        if stated and any(v is not stated[0] for v in cited_earlier):
            earlier = next(v for v in cited_earlier if v is not stated[0])
            return "updated", f"{earlier.value} cited as an earlier report, now {stated[0].value}"
        return ("agreed", f"{len(roots)} independent sources") if len(roots) > 1 else ("single_source", None)
    corrected = [(v, s) for v in stated for s in v.support if s.correction]
    if corrected:
        v, s = corrected[-1]
        return "updated", f"'{s.correction}' ({s.published or 'undated'}): {v.value}"
    if cited_earlier:
        v = cited_earlier[0]
        return "updated", f"{v.value} cited as an earlier report"
    same_source = _same_source_change(stated)
    if same_source:
        return "updated", same_source
    if all(compatible(a, b) for i, a in enumerate(stated) for b in stated[i + 1:]):
        refined = narrowed(stated)
        if refined:
            return "updated", refined
        return ("agreed", f"compatible values from {len(roots)} independent sources") if len(roots) > 1 \
            else ("single_source", None)
    if evolves and _in_sequence(stated):
        return "updated", " then ".join(f"{v.value} ({v.first_reported})" for v in stated)
    return "conflicting", f"{len(stated)} incompatible values from {len(roots)} independent sources"


def _in_sequence(values: list[FactValue]) -> bool:
    """Each value first reported after the one before was last reported: one state after another."""
    return all(a.last_reported and b.first_reported and a.last_reported < b.first_reported
               for a, b in zip(values, values[1:]))


def _same_source_change(values: list[FactValue]) -> str | None:
    """A root source that gave one value and, on a later day, another."""
    dated: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for v in values:
        for s in v.support:
            if s.published and not s.earlier_report:
                dated[_root_key(s)].append((s.published, v.value))
    for root, said in sorted(dated.items()):
        said.sort()
        if said[0][1] != said[-1][1] and said[0][0] < said[-1][0]:
            return f"{root}: {said[0][1]} ({said[0][0]}) then {said[-1][1]} ({said[-1][0]})"
    return None


def _refined_later(values: list[FactValue]) -> str | None:
    """A later report that narrows an earlier value ("more than 50", then 58; "at least 30", then "more than 200")."""
    for i, early in enumerate(values):
        for late in values[i + 1:]:
            if not (early.first_reported and late.first_reported and late.first_reported > early.last_reported):
                continue
            lo_early = interval(early.low, early.high, early.approx)[0]
            lo_late = interval(late.low, late.high, late.approx)[0]
            if width(late) < width(early) or lo_late > lo_early:
                return f"{early.value} ({early.first_reported}) narrowed to {late.value} ({late.first_reported})"
    return None
