"""Conditions: what a report says of a person's state (conscious, critical, in intensive care, ...).

Phrases are data (conditions.tsv, tried in order, first match wins within a
sentence). The person is the nearest person mention (a name, title or pronoun
linked by the entity extractor) before the phrase in the same sentence, else
the first one after it.
"""
from __future__ import annotations

import re
from functools import lru_cache

from storyline.model import Fact, FactValue, StoryEntity
from storyline.stories.claims import attribution_holding, sentence_around
from storyline.stories.facts import line_up, same_value
from storyline.stories.tables import table_rows



# A word every pattern of conditions.tsv contains, checked before any pattern runs.
_CONDITION_WORDS = ("conscious", "coma", "awake", "woke", "woken", "critical", "serious", "stable", "intensive",
                    "icu", "discharged", "released", "went home", "died", "succumbed", "life-threatening")


@lru_cache(maxsize=1)
def _table() -> list[tuple[re.Pattern, str, str]]:
    return [(re.compile(pattern, re.IGNORECASE), label, aspect)
            for pattern, label, aspect in table_rows("conditions.tsv")]


def condition_patterns() -> list[tuple[re.Pattern, str]]:
    return [(pattern, label) for pattern, label, _ in _table()]


def aspect_of(condition: str) -> str:
    """The aspect a condition describes: consciousness, severity, care or survival."""
    return next(a for _, label, a in _table() if label == condition)


@lru_cache(maxsize=1)
def _any_condition() -> re.Pattern:
    return re.compile("|".join(f"(?:{p.pattern})" for p, _ in condition_patterns()), re.IGNORECASE)


def extract_conditions(analysis) -> list[tuple[str, str, tuple[int, int, str], object]]:
    """(person entity id, condition, sentence, attribution or None) for each condition stated of a person."""
    text = analysis.document.text
    lowered = text.lower()
    if not any(word in lowered for word in _CONDITION_WORDS):
        return []  # most reports state no condition: skip the costlier patterns
    speakers = [(a.source_span.start, a.source_span.end) for a in analysis.attributions if a.source_span]
    # A speaker is who tells of the condition, not whose condition it is.
    people = sorted((m.start, e.id) for e in analysis.entities if e.kind == "person" for m in e.mentions
                    if not any(a <= m.start < b for a, b in speakers))
    if not people:
        return []
    attributions = sorted(analysis.attributions, key=lambda a: a.content.start)
    found, seen = [], set()
    for m in _any_condition().finditer(text):
        start, end = sentence_around(text, m.start(), m.end())
        label = next((lab for p, lab in condition_patterns() if p.match(text, m.start())), None)
        if label is None:
            continue
        said = attribution_holding(attributions, m.start())
        speaker = said.source if said else None  # "the surgeon said he would stay in intensive care": he is not her
        before = [e for pos, e in people if start <= pos < m.start() and e != speaker]
        after = [e for pos, e in people if m.end() <= pos < end and e != speaker]
        person = before[-1] if before else (after[0] if after else None)
        if person is None or (person, label, start) in seen:
            continue
        seen.add((person, label, start))
        found.append((person, label, (start, end, text[start:end]), said))
    return found


def align_conditions(reports, resolver, entities: list[StoryEntity]) -> list[Fact]:
    """One fact per person and aspect of their condition (consciousness, severity, care, survival) the reports
    state: being conscious and in intensive care do not conflict. A change over time is an update."""

    names = {e.id: e.name for e in entities}
    by_person: dict[tuple[str, str], dict[str, FactValue]] = {}
    for r in reports:
        for c in r.conditions:
            person = resolver.story_entity(r.id, c.person)
            if person is None:
                continue
            values = by_person.setdefault((person, aspect_of(c.condition)), {})
            values.setdefault(c.condition, FactValue(value=c.condition)).support.append(
                resolver.support(r, c.quote, c.attribution, c.source, c.source_text, c.via))
    return [line_up(names[person], aspect, "condition", values.values(), compatible=same_value,
                    narrowed=lambda values: None, evolves=True)
            for (person, aspect), values in sorted(by_person.items(), key=lambda kv: (names[kv[0][0]], kv[0][1]))]
