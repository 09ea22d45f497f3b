"""The published contract in docs/ matches the model, and the fixed key names are all there."""
import json
from pathlib import Path

from storyline.model import Analysis, analysis_json_schema

DOCS = Path(__file__).resolve().parents[1] / "docs"


def test_published_schema_is_generated_from_the_model():
    published = json.loads((DOCS / "analysis.schema.json").read_text())
    assert published == analysis_json_schema(), "run: storyline schema > docs/analysis.schema.json"


def test_fixed_key_names_of_design_md():
    schema = analysis_json_schema()
    assert set(schema["properties"]) >= {"schema", "document", "sections", "entities", "attributions",
                                         "events", "times", "quantities", "notes"}
    defs = schema["$defs"]
    assert set(defs["Attribution"]["properties"]) >= {"id", "type", "source", "source_text", "source_span", "via",
                                                      "cue", "content", "time", "certainty"}
    assert set(defs["Event"]["properties"]) >= {"id", "type", "trigger", "participants", "place", "time",
                                                "quantities", "attribution", "certainty"}
    assert set(defs["Certainty"]["properties"]) == {"value", "conditional", "hedges"}


def test_untraceable_spans_are_reported():
    analysis = Analysis.model_validate({
        "document": {"id": "x", "text": "Police said so."},
        "times": [{"id": "t1", "text": "Monday", "start": 0, "end": 6, "type": "date", "anchor": "publication"}],
    })
    assert analysis.untraceable() == ["time t1: [0:6] 'Monday'"]


def test_published_stories_schema_is_generated_from_the_model():
    from storyline.model import stories_json_schema

    published = json.loads((DOCS / "stories.schema.json").read_text())
    assert published == stories_json_schema(), "run: storyline schema --stories > docs/stories.schema.json"


def test_story_key_names_of_design_md():
    from storyline.model import stories_json_schema

    defs = stories_json_schema()["$defs"]
    assert set(defs["Story"]["properties"]) >= {"schema", "id", "title", "documents", "entities", "facts", "timeline"}
    assert set(defs["StoryDocument"]["properties"]) >= {"id", "url", "title", "outlet", "published", "duplicate_of"}
    assert set(defs["Fact"]["properties"]) >= {"id", "subject", "property", "status", "values"}
    assert set(defs["FactValue"]["properties"]) >= {"value", "first_reported", "last_reported", "support",
                                                    "independent_sources"}
    assert set(defs["Support"]["properties"]) >= {"document", "attribution", "source", "root_source", "quote_span"}
    assert set(defs["TimelineEntry"]["properties"]) >= {"time", "precision", "event", "type", "support"}
