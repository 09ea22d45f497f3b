"""storyline.invariants: a good Analysis and Story pass; each kind of broken output gives a clear problem line.

The texts are fictional. The suite-wide check (tests/conftest.py) is tested at the end.
"""
import json
import os
import subprocess
import sys

import pytest

from storyline.invariants import InvariantError, analysis_problems, check_analysis, check_story, story_problems
from storyline.model import Analysis, Story

TEXT = ("Crane collapses at Veldmark harbour\n\n"
        "Two dock workers were injured on Tuesday when a crane collapsed at Veldmark harbour, "
        "harbour master Ilse Brandt said. \"The crane simply folded,\" Brandt told the Veldmark Courier.")


def _span(text: str, words: str, after: int = 0) -> dict:
    start = text.index(words, after)
    return {"text": words, "start": start, "end": start + len(words)}


def _analysis_dict(text: str = TEXT, doc_id: str = "d1", published: str = "2031-04-08") -> dict:
    said = text.index("said")
    told = text.index("told")
    return {
        "schema": "storyline.analysis/1",
        "document": {"id": doc_id, "title": "Crane collapses at Veldmark harbour", "published": published,
                     "published_source": {"kind": "input"}, "text": text},
        "sections": [{"kind": "headline", "start": 0, "end": text.index("\n")},
                     {"kind": "body", "start": text.index("Two"), "end": len(text)}],
        "entities": [
            {"id": "e1", "name": "Veldmark", "kind": "place",
             "mentions": [_span(text, "Veldmark"), _span(text, "Veldmark", text.index("Two"))]},
            {"id": "e2", "name": "Ilse Brandt", "kind": "person", "descriptors": ["harbour master"],
             "mentions": [_span(text, "Ilse Brandt"), _span(text, "Brandt", text.index("\"The"))]},
            {"id": "e3", "name": "Veldmark Courier", "kind": "media", "mentions": [_span(text, "Veldmark Courier")]},
        ],
        "attributions": [
            {"id": "a1", "type": "indirect", "source": "e2", "source_text": "harbour master Ilse Brandt",
             "source_span": _span(text, "harbour master Ilse Brandt"), "cue": _span(text, "said", said - 1),
             "content": _span(text, "Two dock workers were injured on Tuesday when a crane collapsed at "
                                    "Veldmark harbour"),
             "time": "t1"},
            {"id": "a2", "type": "direct", "source": "e2", "cue": _span(text, "told", told - 1),
             "content": _span(text, "\"The crane simply folded,\""), "via": ["e3"]},
        ],
        "events": [{"id": "v1", "type": "INJURE", "trigger": _span(text, "injured"),
                    "participants": [{"entity": "e2", "role": "other"}], "place": "e1", "time": "t1",
                    "quantities": ["q1"], "attribution": "a1"}],
        "times": [dict(_span(text, "Tuesday"), id="t1", type="date", value="2031-04-08", anchor="publication")],
        "quantities": [dict(_span(text, "Two"), id="q1", value=2.0, counts="dock workers injured")],
        "notes": [dict(_span(text, "Two dock workers were injured on Tuesday when a crane collapsed at Veldmark "
                                   "harbour, harbour master Ilse Brandt said."), type="background", target="v1")],
    }


@pytest.fixture
def analysis() -> Analysis:
    return Analysis.model_validate(_analysis_dict())


def test_a_good_analysis_has_no_problem(analysis):
    assert analysis_problems(analysis) == []
    check_analysis(analysis)  # does not raise


def test_an_analysis_from_the_pipeline_has_no_problem():
    import storyline

    produced = storyline.analyze("Two dock workers were injured on Tuesday when a crane collapsed at Veldmark "
                                 "harbour, harbour master Ilse Brandt said.", published="2031-04-08")
    assert produced.entities and analysis_problems(produced) == []


def test_a_tampered_span_text(analysis):
    analysis.entities[1].mentions[0].text = "Ilse Brandl"
    start = TEXT.index("Ilse Brandt")
    assert analysis_problems(analysis) == [
        f"entity e2 mention 0: text 'Ilse Brandl' != document.text[{start}:{start + 11}] 'Ilse Brandt'"]


def test_an_out_of_range_offset(analysis):
    analysis.times[0].end = len(TEXT) + 5
    problems = analysis_problems(analysis)
    assert problems == [f"time t1: offsets [{analysis.times[0].start}:{len(TEXT) + 5}] out of range "
                        f"(text length {len(TEXT)})"]


def test_a_negative_or_reversed_offset(analysis):
    analysis.sections[0].start = -1
    analysis.attributions[0].cue.start, analysis.attributions[0].cue.end = 10, 5
    problems = analysis_problems(analysis)
    assert any(p.startswith("section 0 (headline): offsets [-1:") for p in problems)
    assert any(p.startswith("attribution a1 cue: offsets [10:5] out of range") for p in problems)


def test_a_dangling_attribution_source(analysis):
    analysis.attributions[0].source = "e9"
    assert analysis_problems(analysis) == ["attribution a1 source: 'e9' is no entity id"]


@pytest.mark.parametrize("change, problem", [
    (lambda a: setattr(a.attributions[1], "via", ["e3", "e7"]), "attribution a2 via: 'e7' is no entity id"),
    (lambda a: setattr(a.attributions[0], "time", "t4"), "attribution a1 time: 't4' is no time id"),
    (lambda a: setattr(a.events[0].participants[0], "entity", "e5"),
     "event v1 participant (other): 'e5' is no entity id"),
    (lambda a: setattr(a.events[0], "place", "p1"), "event v1 place: 'p1' is no entity id"),
    (lambda a: setattr(a.events[0], "time", "t2"), "event v1 time: 't2' is no time id"),
    (lambda a: setattr(a.events[0], "quantities", ["q1", "q2"]), "event v1 quantity: 'q2' is no quantity id"),
    (lambda a: setattr(a.events[0], "attribution", "a3"), "event v1 attribution: 'a3' is no attribution id"),
    (lambda a: setattr(a.notes[0], "target", "v2"), "note 0 (background) target: 'v2' is no item id"),
])
def test_every_dangling_reference(analysis, change, problem):
    change(analysis)
    assert analysis_problems(analysis) == [problem]


def test_a_duplicate_id(analysis):
    analysis.entities[2].id = "e1"
    analysis.attributions[1].via = ["e1"]
    assert analysis_problems(analysis) == ["entity id 'e1' used more than once"]


def test_a_published_source_span():
    record = _analysis_dict()
    record["document"]["published_source"] = {"kind": "text", "span": {"text": "Monday", "start": 0, "end": 6}}
    analysis = Analysis.model_validate(record)
    assert analysis_problems(analysis) == [
        "document.published_source.span: text 'Monday' != document.text[0:6] 'Crane '"]


@pytest.mark.filterwarnings("ignore:Pydantic serializer warnings")
def test_json_that_breaks_the_published_schema(analysis):
    analysis.sections[1].kind = "sidebar"  # the model does not validate assignments: the schema check must
    analysis.quantities[0].value = "two"
    problems = analysis_problems(analysis)
    assert len(problems) == 2
    assert problems[0].startswith("schema: sections/1/kind: 'sidebar' is not one of ['headline', 'body'")
    assert problems[1].startswith("schema: quantities/0/value: 'two' is not valid under any of the given schemas")


def test_schema_check_without_jsonschema(analysis, monkeypatch):
    from storyline import invariants

    monkeypatch.setattr(invariants, "_validator", lambda kind: None)
    assert analysis_problems(analysis) == []
    analysis.sections[1].kind = "sidebar"
    problems = analysis_problems(analysis)
    assert len(problems) == 1 and problems[0].startswith("schema: sections/1/kind: Input should be 'headline'")


def test_check_analysis_raises_with_every_problem(analysis):
    analysis.attributions[0].source = "e9"
    analysis.times[0].text = "Wednesday"
    with pytest.raises(InvariantError) as caught:
        check_analysis(analysis)
    assert isinstance(caught.value, ValueError)
    assert len(caught.value.problems) == 2
    message = str(caught.value)
    assert message.startswith("analysis of document 'd1': 2 output invariant problem(s):")
    assert "  - attribution a1 source: 'e9' is no entity id" in message
    assert "  - time t1: text 'Wednesday' != document.text[" in message


# ---------------------------------------------------------------- stories

TEXT2 = ("Veldmark crane collapse injures two\n\n"
         "A crane collapsed at Veldmark harbour on Tuesday, injuring two dock workers, police said.")


def _support(document: str, text: str, sentence: str, **extra) -> dict:
    return dict({"document": document, "root_source": "Veldmark Courier", "quote_span": _span(text, sentence)},
                **extra)


def _story_dict() -> dict:
    quote1 = "Two dock workers were injured on Tuesday when a crane collapsed at Veldmark harbour, " \
             "harbour master Ilse Brandt said."
    quote2 = "A crane collapsed at Veldmark harbour on Tuesday, injuring two dock workers, police said."
    return {
        "schema": "storyline.story/1", "id": "s1", "title": "Crane collapses at Veldmark harbour",
        "documents": [{"id": "d1", "published": "2031-04-08"}, {"id": "d2", "published": "2031-04-08",
                                                                "duplicate_of": None}],
        "entities": [
            {"id": "E1", "name": "Veldmark", "kind": "place",
             "refs": [{"document": "d1", "entity": "e1", "name": "Veldmark"},
                      {"document": "d2", "entity": "e1", "name": "Veldmark"}]},
            {"id": "E2", "name": "Ilse Brandt", "kind": "person",
             "refs": [{"document": "d1", "entity": "e2", "name": "Ilse Brandt"}]},
        ],
        "facts": [{"id": "f1", "subject": "people", "property": "injured", "status": "agreed", "values": [
            {"value": "2", "independent_sources": 2, "support": [
                _support("d1", TEXT, quote1, source="E2", attribution="a1"), _support("d2", TEXT2, quote2)]}]}],
        "timeline": [{"time": "2031-04-08", "event": "INJURE: injured", "type": "INJURE",
                      "support": [_support("d1", TEXT, quote1, event="v1")]}],
    }


@pytest.fixture
def story() -> Story:
    return Story.model_validate(_story_dict())


@pytest.fixture
def documents() -> dict:
    return {"d1": Analysis.model_validate(_analysis_dict()), "d2": TEXT2}


def test_a_good_story_has_no_problem(story, documents):
    assert story_problems(story) == []
    assert story_problems(story, documents) == []
    check_story(story, documents)


def test_a_story_citing_a_foreign_document(story):
    story.facts[0].values[0].support[1].document = "d7"
    story.entities[0].refs[1].document = "d8"
    story.documents[1].duplicate_of = "d9"
    assert story_problems(story) == [
        "document 'd2' duplicate_of 'd9', not a document of the story",
        "entity E1 ref: document 'd8' is not a document of the story",
        "fact f1 value 0 support 1: document 'd7' is not a document of the story",
    ]


def test_a_story_with_broken_ids(story):
    story.documents.append(story.documents[0].model_copy())
    story.facts.append(story.facts[0].model_copy())
    story.entities[1].id = "E1"
    story.entities[1].refs[0].entity = "e1"
    story.timeline[0].support[0].source = "E5"
    story.documents[0].duplicate_of = "d1"
    with pytest.raises(InvariantError) as caught:
        check_story(story)
    assert caught.value.problems == [
        "document 'd1' listed more than once",
        "document 'd1' duplicate_of itself",
        "story entity id 'E1' used more than once",
        "entity E1 ref: entity 'e1' of document 'd1' already belongs to story entity E1",
        "fact id 'f1' used more than once",
        "fact f1 value 0 support 0: source 'E2' is no story entity id",  # E2 renamed: its support dangles
        "fact f1 value 0 support 0: source 'E2' is no story entity id",  # (the fact and its copy)
        "timeline 0 support 0: source 'E5' is no story entity id",
    ]
    assert str(caught.value).startswith("story 's1': 8 output invariant problem(s):")


def test_a_quote_span_against_the_document_text(story, documents):
    story.facts[0].values[0].support[1].quote_span.start += 1
    story.timeline[0].support[0].quote_span.end = 10_000
    problems = story_problems(story, documents)
    assert len(problems) == 2
    assert problems[0].startswith("fact f1 value 0 support 1: quote_span 'A crane collapsed at Veldmark harbour on "
                                  "Tuesday, injuring two dock workers, police said.' != text of document 'd2'[")
    assert problems[1].startswith("timeline 0 support 0: quote_span offsets [")
    assert problems[1].endswith(f"out of range (document 'd1' text length {len(TEXT)})")
    assert story_problems(story) == []  # without the texts only what needs no text is checked


def test_ids_cited_from_a_document_analysis(story, documents):
    story.entities[1].refs[0].entity = "e7"
    story.facts[0].values[0].support[0].attribution = "a5"
    story.timeline[0].support[0].event = "v3"
    assert story_problems(story, documents) == [
        "entity E2 ref: 'e7' is no entity id of document 'd1'",
        "fact f1 value 0 support 0: attribution 'a5' is no attribution id of document 'd1'",
        "timeline 0 support 0: event 'v3' is no event id of document 'd1'",
    ]


def test_story_json_that_breaks_the_published_schema(story):
    story.facts[0].status = "undecided"
    problems = story_problems(story)
    assert len(problems) == 1 and problems[0].startswith("schema: facts/0/status: 'undecided' is not one of")


def test_stories_built_from_the_pipeline_have_no_problem():
    import storyline
    from storyline.stories import build_stories

    analyses = [storyline.analyze(TEXT, published="2031-04-08", title="Crane collapses at Veldmark harbour",
                                  outlet="Veldmark Courier", id="d1"),
                storyline.analyze(TEXT2, published="2031-04-08", title="Veldmark crane collapse injures two",
                                  outlet="Harbour Post", id="d2")]
    stories = build_stories(analyses)
    assert stories
    documents = {a.document.id: a for a in analyses}
    for s in stories:
        assert story_problems(s, documents) == []


# ---------------------------------------------------------------- the suite-wide check (tests/conftest.py)

@pytest.mark.no_invariants
def test_the_suite_records_a_broken_analysis(_output_invariants, analysis):
    from storyline.ingest.article import Article

    hook = _output_invariants
    analysis.attributions[0].source = "e9"
    produce = hook.checked_analysis(lambda article: analysis)
    assert produce(Article(text=TEXT, origin="fiction.txt")) is analysis
    found = hook.collect()  # what the check recorded and has not reported yet (the marker would drop it)
    assert len(found) == 1
    assert found[0].startswith("<lambda> on fiction.txt (document 'd1': 'Crane collapses at Veldmark harbour")
    assert found[0].endswith("- attribution a1 source: 'e9' is no entity id")


@pytest.mark.no_invariants
def test_the_suite_records_a_broken_analysis_in_a_subprocess(_output_invariants):
    script = (
        "import json, sys\n"
        "import storyline.pipeline as pipeline\n"
        "import _storyline_invariant_hook as hook\n"
        "from storyline.model import Analysis\n"
        "from storyline.ingest.article import Article\n"
        "assert pipeline.analyze_doc.__wrapped__ is not None and pipeline.layout_only.__wrapped__ is not None\n"
        "broken = Analysis.model_validate(json.loads(sys.argv[1]))\n"
        "hook.checked_analysis(lambda article: broken)(Article(text='', origin='fiction.txt'))\n"
    )
    record = _analysis_dict()
    record["events"][0]["time"] = "t8"
    done = subprocess.run([sys.executable, "-c", script, json.dumps(record)], capture_output=True, text=True,
                          env=os.environ.copy(), timeout=120)
    assert done.returncode == 0, done.stderr
    found = _output_invariants.collect()
    assert len(found) == 1
    assert found[0].startswith("[subprocess -c ")
    assert found[0].endswith("- event v1 time: 't8' is no time id")



def test_the_published_schemas_are_valid_json_schemas_equal_to_the_model():
    from jsonschema.validators import validator_for

    from storyline.invariants import published_schema
    from storyline.model import analysis_json_schema, stories_json_schema

    assert published_schema("analysis") == analysis_json_schema()
    assert published_schema("stories") == stories_json_schema()
    for schema in (analysis_json_schema(), stories_json_schema()):
        validator_for(schema).check_schema(schema)
