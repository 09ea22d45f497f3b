"""Assembling one Story from the digests of its reports: documents, entities, facts, timeline."""
from __future__ import annotations

from collections import Counter

from storyline.model import Story, StoryDocument
from storyline.stories.conditions import align_conditions
from storyline.stories.digest import ReportDigest
from storyline.stories.entities import link_entities
from storyline.stories.event_facts import align_event_facts
from storyline.stories.facts import align_facts
from storyline.stories.sources import SourceResolver
from storyline.stories.timeline import build_timeline


def assemble_story(reports: list[ReportDigest], story_id: str, originals: dict[str, str | None]) -> Story:
    """The Story of reports already grouped (oldest first); `originals` maps a copy to the report it copies."""
    entities, entity_map = link_entities([(r.id, r.entities) for r in reports])
    resolver = SourceResolver(reports, entities, entity_map, originals)
    documents = [StoryDocument(id=r.id, url=r.url, title=r.title, outlet=r.outlet, published=r.published,
                               published_source=r.published_source, duplicate_of=originals.get(r.id))
                 for r in reports]
    dates = sorted(r.published for r in reports if r.published)
    types = Counter(t for r in reports for t in r.event_types)
    return Story(
        id=story_id,
        title=_title(reports, originals),
        first_published=dates[0] if dates else None,
        last_published=dates[-1] if dates else None,
        event_types=[t for t, _ in sorted(types.items(), key=lambda kv: (-kv[1], kv[0]))[:5]],
        independent_sources=len({resolver.report_origin(r) for r in reports}),
        documents=documents,
        entities=entities,
        facts=_numbered(align_event_facts(reports, resolver, entities) + align_facts(reports, resolver)
                        + align_conditions(reports, resolver, entities)),
        timeline=build_timeline(reports, resolver),
    )


def _numbered(facts: list) -> list:
    for i, fact in enumerate(facts, 1):
        fact.id = f"f{i}"
    return facts


def _title(reports: list[ReportDigest], originals: dict) -> str | None:
    """The oldest original report's headline."""
    for r in reports:
        if r.title and not originals.get(r.id):
            return r.title
    return next((r.title for r in reports if r.title), None)
