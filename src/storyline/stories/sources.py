"""Who a claim comes from, and its root: the origin after following relays and syndicated copies.

Three outlets copying one agency count as one independent source; a person
quoted by an agency and relayed by a paper is one source, the person.
"""
from __future__ import annotations

from storyline.model import Span, StoryEntity, Support
from storyline.stories.digest import ReportDigest


class SourceResolver:
    """Maps a document's source entities and relays to story entities and root sources."""

    def __init__(self, reports: list[ReportDigest], entities: list[StoryEntity],
                 entity_map: dict[tuple[str, str], str], originals: dict[str, str | None]):
        self.reports = {r.id: r for r in reports}
        self.names = {e.id: e.name for e in entities}
        self.entity_map = entity_map
        self.originals = originals

    def story_entity(self, document: str, entity: str | None) -> str | None:
        return self.entity_map.get((document, entity)) if entity else None

    def report_origin(self, report: ReportDigest) -> str:
        """Where an outlet's own statements come from: the agency it credits, the report it copies, or itself."""
        original = self.originals.get(report.id)
        if original and original in self.reports:
            report = self.reports[original]
        return report.credit or report.outlet or report.id

    def support(self, report: ReportDigest, quote: tuple[int, int, str], attribution: str | None,
                source: str | None, source_text: str | None, via: tuple[str, ...], **extra) -> Support:
        """A Support item: the named source is its own root; an unnamed one goes back to the innermost relay."""
        story_source = self.story_entity(report.id, source)
        if story_source:
            root = self.names[story_source]
        elif via and self.story_entity(report.id, via[0]):
            root = self.names[self.story_entity(report.id, via[0])]
        else:
            root = self.report_origin(report)
        return Support(
            document=report.id, published=report.published, attribution=attribution,
            source=story_source, source_text=source_text, root_source=root,
            quote_span=Span(text=quote[2], start=quote[0], end=quote[1]), **extra,
        )
