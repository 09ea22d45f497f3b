"""Cutting an article's text at every highlighted span, overlapping spans included."""
from storyline.web.highlight import Mark, claim_marks, cut

TEXT = "Fire in Port Velmar hurt 3 people, the brigade said."


def test_pieces_cover_the_text_exactly_once_and_carry_every_covering_kind():
    marks = [Mark(0, 51, "quote"), Mark(8, 19, "place", "place: Port Velmar", "/entities/place:port-velmar"),
             Mark(25, 26, "number")]
    pieces = cut(TEXT, marks)
    assert "".join(p.text for p in pieces) == TEXT
    assert [(p.start, p.end) for p in pieces][0] == (0, 8)
    place = next(p for p in pieces if p.text == "Port Velmar")
    assert place.kinds == ["quote", "place"] and place.href == "/entities/place:port-velmar"
    assert next(p for p in pieces if p.text == "3").kinds == ["quote", "number"]
    assert pieces[0].anchors == ["span-0-51"]


def test_overlapping_spans_that_do_not_nest_are_cut_where_they_cross():
    pieces = cut(TEXT, [Mark(0, 12, "quote"), Mark(8, 19, "place")])
    assert [(p.text, p.kinds) for p in pieces[:3]] == [("Fire in ", ["quote"]), ("Port", ["quote", "place"]),
                                                        (" Velmar", ["place"])]


def test_spans_outside_the_text_are_dropped():
    assert "".join(p.text for p in cut(TEXT, [Mark(40, 400, "quote"), Mark(5, 5, "time")])) == TEXT
    assert all(not p.kinds for p in cut(TEXT, [Mark(40, 400, "quote")]))


def test_a_claim_links_to_its_story_fact_but_a_name_inside_it_links_to_the_name():
    story = {"id": "s1", "facts": [{"id": "f2", "property": "injured", "status": "conflicting", "values": [
        {"value": "3", "support": [{"document": "d1", "quote_span": {"start": 0, "end": 34, "text": TEXT[:34]}}]}]}]}
    marks = claim_marks(story, "d1") + [Mark(8, 19, "place", "", "/entities/place:port-velmar")]
    pieces = cut(TEXT, marks)
    assert pieces[0].href == "/stories/s1#fact-f2"
    assert next(p for p in pieces if p.text == "Port Velmar").href == "/entities/place:port-velmar"
    assert claim_marks(story, "other-document") == []
