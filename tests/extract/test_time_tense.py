"""Which way a time points: the tense of the verb that governs it, or future cues without a parse."""
from storyline.extract.time.tense import direction_in_doc, direction_in_text


def direction(nlp, text, word):
    doc = nlp(text)
    start = text.index(word)
    return direction_in_doc(doc, start, start + len(word))


def test_past_tense_points_back(nlp):
    assert direction(nlp, "The mayor opened the bridge on Friday.", "Friday") == "past"


def test_will_and_modals_point_ahead(nlp):
    assert direction(nlp, "The mayor will open the bridge on Friday.", "Friday") == "future"
    assert direction(nlp, "The mayor could open the bridge on Friday.", "Friday") == "future"


def test_an_infinitive_under_a_verb_of_planning_points_ahead(nlp):
    assert direction(nlp, "The mayor plans to open the bridge on Friday.", "Friday") == "future"


def test_a_present_progressive_schedules(nlp):
    assert direction(nlp, "The mayor is opening the bridge on Friday.", "Friday") == "future"


def test_a_deadline_gives_no_direction(nlp):
    assert direction(nlp, "The council extended the deadline to Friday.", "Friday") is None


def test_without_a_parse_only_future_cues_count():
    text = "Crews said they will finish on Friday. Crews finished on Monday."
    assert direction_in_text(text, text.index("Friday"), text.index("Friday") + 6) == "future"
    assert direction_in_text(text, text.index("Monday"), text.index("Monday") + 6) is None
