"""The Markdown story report: conflicts with their sources, updates before -> after, agreed counts, timeline, escaping."""
from storyline.model import (
    EntityRef, Fact, FactValue, Span, Stories, Story, StoryDocument, StoryEntity, Support, TimelineEntry,
)
from storyline.report.story_markdown import render_stories_markdown, render_story_markdown, update_chain


NINETEEN = "Nineteen passengers were rescued, the coastguard said."


def support(doc, date, quote, who=None, root=None, **extra):
    return Support(document=doc, published=date, source_text=who, root_source=root or who or doc,
                   quote_span=Span(text=quote, start=0, end=len(quote)), **extra)


def ferry_story(hostile_quote="Crews pulled 12 people from the water.",
                title="Ferry ramp gives way at Kell Point"):
    """A fictional incident reported by three outlets, one of them copied by a fourth."""
    documents = [
        StoryDocument(id="d1", outlet="Kell Point Tribune", published="2023-08-14", title=title,
                      url="https://tribune.example/ferry-ramp", published_source="input"),
        StoryDocument(id="d2", outlet="Coastline Wire", published="2023-08-14", title="Ramp collapse at ferry pier",
                      published_source="url"),
        StoryDocument(id="d3", outlet="Estuary Evening Post", published="2023-08-15", title="Ramp toll revised",
                      published_source="text"),
        StoryDocument(id="d4", outlet="Moorland Gazette", published="2023-08-15", title="Ramp collapse at ferry pier",
                      duplicate_of="d2"),
    ]
    facts = [
        Fact(id="f1", subject="people", property="rescued", status="conflicting",
             reason="2 incompatible values from 2 independent sources", values=[
                 FactValue(value="12", independent_sources=1, first_reported="2023-08-14", support=[
                     support("d1", "2023-08-14", hostile_quote, "fire chief Odile Brann")]),
                 FactValue(value="19", independent_sources=1, first_reported="2023-08-14", support=[
                     support("d2", "2023-08-14", NINETEEN, "the coastguard"),
                     support("d4", "2023-08-15", NINETEEN, "the coastguard")]),
             ]),
        Fact(id="f2", subject="people", property="killed", status="updated",
             reason="'revised up' (2023-08-15): 3", values=[
                 FactValue(value="1", independent_sources=1, first_reported="2023-08-14", support=[
                     support("d1", "2023-08-14", "One passenger died at the scene.", None, "Kell Point Tribune"),
                     support("d3", "2023-08-15", "the single death first reported", None, "Estuary Evening Post",
                             earlier_report=True)]),
                 FactValue(value="3", independent_sources=1, first_reported="2023-08-15", support=[
                     support("d3", "2023-08-15", "The toll was revised up to three.", "the county coroner",
                             correction="revised up")]),
             ]),
        Fact(id="f3", subject="vehicles", property="damaged", status="agreed", reason="2 independent sources", values=[
            FactValue(value="4", independent_sources=2, support=[
                support("d1", "2023-08-14", "Four cars slid into the harbour.", None, "Kell Point Tribune"),
                support("d2", "2023-08-14", "four vehicles went into the water", None, "Coastline Wire")]),
        ]),
        Fact(id="f4", subject="people", property="injured", status="single_source", values=[
            FactValue(value="2", independent_sources=1, support=[
                support("d1", "2023-08-14", "Two people were hurt, the harbourmaster said.", "harbourmaster Piet Loor")]),
        ]),
    ]
    timeline = [
        TimelineEntry(time="2023-08-13T21:40", precision="minute", event="crash: gave way", type="CRASH",
                      support=[support("d1", "2023-08-14", "gave way", None, "Kell Point Tribune"),
                               support("d2", "2023-08-14", "gave way", None, "Coastline Wire")]),
        TimelineEntry(time="2023-08-14", precision="day", event="rescue: pulled", type="RESCUE",
                      support=[support("d1", "2023-08-14", "pulled", None, "Kell Point Tribune")]),
        TimelineEntry(time="2023-08-15", precision="day", event="investigate: inquiry", type="INVESTIGATE",
                      support=[support("d3", "2023-08-15", "inquiry", None, "Estuary Evening Post")]),
    ]
    entities = [StoryEntity(id="e1", name="Odile Brann", kind="person", aliases=["Chief Brann"],
                            descriptors=["fire chief"],
                            refs=[EntityRef(document="d1", entity="t1", name="Odile Brann"),
                                  EntityRef(document="d3", entity="t4", name="O. Brann")],
                            evidence=["initial and surname match 'O. Brann'"])]
    return Story(id="s1", title=title, first_published="2023-08-14", last_published="2023-08-15",
                 event_types=["CRASH", "RESCUE"], independent_sources=5, documents=documents, entities=entities,
                 facts=facts, timeline=timeline)


def test_story_overview_and_reports():
    text = render_stories_markdown(Stories(stories=[ferry_story()]))
    assert text.startswith("# Stories")
    assert "2023-08-14 to 2023-08-15 · 4 reports · 5 independent sources" in text
    assert "Moorland Gazette, 2023-08-15: “Ramp collapse at ferry pier” — copy of Coastline Wire, 2023-08-14" in text
    assert "Coastline Wire, 2023-08-14: “Ramp collapse at ferry pier” — date from the URL" in text
    assert "date from the text" in text


def test_conflict_lists_each_value_with_its_sources():
    text = render_story_markdown(ferry_story())
    conflicts = text.split("### Conflicts")[1].split("### Updates")[0]
    assert "**people rescued**: 12 (1 source) vs 19 (1 source)" in conflicts
    assert "| **12** | fire chief Odile Brann (Kell Point Tribune, 2023-08-14) | “Crews pulled 12 people" in conflicts
    assert "| **19** | the coastguard (Coastline Wire, 2023-08-14) |" in conflicts
    assert "| **19** | the coastguard (Moorland Gazette, 2023-08-15) |" in conflicts


def test_update_reads_before_to_after_with_dates_and_cue():
    story = ferry_story()
    updates = render_story_markdown(story).split("### Updates")[1].split("### Agreed")[0]
    assert "**people killed**: 1 (Kell Point Tribune, 2023-08-14) -> 3 (Estuary Evening Post, 2023-08-15)" in updates
    assert "correction cue “revised up” (Estuary Evening Post, 2023-08-15)" in updates
    assert "| **1** | Estuary Evening Post (2023-08-15) — cited as an earlier report |" in updates
    assert [v.value for v, _, _ in update_chain(story.facts[1])] == ["1", "3"]


def test_value_known_only_as_an_earlier_report_comes_first():
    story = ferry_story()
    killed = story.facts[1]
    killed.values[0].support = killed.values[0].support[1:]  # only the later report's "first reported" remains
    killed.values.reverse()
    updates = render_story_markdown(story).split("### Updates")[1]
    assert "1 (cited as earlier by Estuary Evening Post, 2023-08-15) -> 3 (Estuary Evening Post" in updates


def test_agreed_single_source_timeline_and_people():
    text = render_story_markdown(ferry_story())
    assert "- **vehicles damaged**: 4 — 2 independent sources (Kell Point Tribune, Coastline Wire)" in text
    single = text.split("### Single source")[1].split("### Timeline")[0]
    assert "people injured: 2 — harbourmaster Piet Loor (Kell Point Tribune, 2023-08-14)" in single
    timeline = text.split("### Timeline")[1]
    order = [timeline.index(t) for t in ("2023-08-13T21:40", "| 2023-08-14 |", "| 2023-08-15 |")]
    assert order == sorted(order)
    assert "| crash: gave way | CRASH | 2 reports (2 independent) |" in timeline
    assert "| Odile Brann | person | Chief Brann; O. Brann | fire chief | initial and surname match 'O. Brann' |" in text


def test_article_text_cannot_break_tables_or_inject_markup():
    quote = "Two | hurt\n\n| x | y |\n<script>alert(1)</script> [click](javascript:alert(1))"
    text = render_story_markdown(ferry_story(hostile_quote=quote, title="Ramp *falls* | #1"))
    assert "Two \\| hurt \\| x \\| y \\|" in text
    assert "<script" not in text and "&lt;script&gt;" in text
    assert "\\[click\\](javascript:alert(1))" in text
    assert text.startswith("## Ramp \\*falls\\* \\| \\#1")
    rows = [line for line in text.splitlines() if line.startswith("| **12**")]
    assert len(rows) == 1 and rows[0].replace("\\|", "").count("|") == 4  # the quote's row keeps its 3 columns


def test_a_plain_list_and_an_empty_story_render():
    text = render_stories_markdown([Story(id="s9")])
    assert "## s9" in text and "No dated events." in text and "undated" in text
