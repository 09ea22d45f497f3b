"""Fixtures for the attribution tests: run the extractor on one written sentence."""
import pytest

from storyline.extract.attribution import extract_attributions
from storyline.extract.entities import extract_entities


@pytest.fixture
def attribute(nlp):
    """Attributions of a text, and the names of the entities their sources resolve to."""
    def run(text):
        doc = nlp(text)
        entities = extract_entities(doc)
        found = extract_attributions(doc, entities)
        names = {e.id: e.name for e in entities}
        return found, names
    return run


@pytest.fixture
def attribute_one(attribute):
    """The single attribution of a text as (source text, cue text, content text); fails on any other count."""
    def run(text):
        found, _ = attribute(text)
        assert len(found) == 1, [(a.cue.text, a.content.text) for a in found]
        a = found[0]
        return a.source_text, a.cue.text, a.content.text
    return run
