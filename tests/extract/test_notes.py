import pytest

from storyline.extract.notes import extract_notes


@pytest.fixture
def notes_of(nlp):
    def run(text):
        return [(n.type, n.text) for n in extract_notes(nlp(text))]
    return run


def test_correction_of_earlier_reports(notes_of):
    assert notes_of("Contrary to earlier reports, the mayor survived.") == [
        ("correction", "Contrary to earlier reports, the mayor survived.")]
    assert notes_of("An earlier version of this article misstated the toll.")[0][0] == "correction"


def test_unknowns(notes_of):
    kinds = [k for k, _ in notes_of("The cause of the fire is yet to be established.")]
    assert kinds == ["unknown"]
    kinds = [k for k, _ in notes_of("It was not clear whether the pilot survived.")]
    assert kinds == ["unknown"]


def test_conditional_sentence(notes_of):
    kinds = [k for k, _ in notes_of("If the dam breaks, the valley would flood.")]
    assert "conditional" in kinds


def test_plain_statements_carry_no_note(notes_of):
    assert notes_of("The bridge reopened on Monday.") == []


def test_note_points_at_the_attribution_in_its_sentence(nlp):
    from storyline.extract.attribution import extract_attributions
    from storyline.extract.entities import extract_entities

    doc = nlp("Contrary to earlier reports, police said the driver survived.")
    attributions = extract_attributions(doc, extract_entities(doc))
    [note] = extract_notes(doc, attributions)
    assert note.target == attributions[0].id


def test_correction_without_a_quote_points_at_the_event_it_corrects():
    import storyline

    analysis = storyline.analyze("Contrary to earlier reports, the pilot was rescued on Monday.")
    [note] = [n for n in analysis.notes if n.type == "correction"]
    event = next(v for v in analysis.events if v.id == note.target)
    assert event.trigger.text == "rescued"
