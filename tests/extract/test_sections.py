from storyline.extract.sections import find_sections, is_caption

REPORT = """Flood Waters Reach Old Town

Volunteers stack sandbags by the river in Ostrava, Czech Republic, March 3. Petra Novak/Meridian Wire

By Tomas Berg

The river rose two metres overnight, officials said.

Rescuers search a flooded street. (Photo: Jan Hus/Northgate Daily)
"""


def kinds(text):
    return [(s.kind, text[s.start:s.end][:25]) for s in find_sections(text)]


def test_headline_caption_byline_and_body_by_form():
    assert kinds(REPORT) == [
        ("headline", "Flood Waters Reach Old To"),
        ("caption", "Volunteers stack sandbags"),
        ("byline", "By Tomas Berg"),
        ("body", "The river rose two metres"),
        ("caption", "Rescuers search a flooded"),
    ]


def test_no_headline_when_text_has_none():
    text = "The river rose two metres overnight."
    assert [s.kind for s in find_sections(text, headline_in_text=False)] == ["body"]


def test_sentences_with_slashes_are_not_captions():
    assert not is_caption("The contract was signed by Ann Lee/Bob Stone and the mayor.")
    assert not is_caption("He said it was over. The match ended.")
    assert is_caption("Smoke rises over the plant. Photo: Jane Roe")


def test_offsets_cover_the_paragraph_exactly():
    for s in find_sections(REPORT):
        assert REPORT[s.start:s.end] == REPORT[s.start:s.end].strip()


def test_agency_dateline_and_credit_line():
    text = ("Dam Holds\n\nTARNOW, Poland, May 3 (Baltica Wire) - The dam held, engineers said.\n\n"
            "(Reporting by Ewa Nowak; editing by Jan Kos)\n")
    got = kinds(text)
    assert got[1] == ("other", "TARNOW, Poland, May 3 (Ba")
    assert got[2] == ("body", "The dam held, engineers s")
    assert got[3][0] == "byline"
