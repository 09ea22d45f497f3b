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
