"""Source phrases: how far the phrase naming a speaker reaches (PolNeAR's conventions)."""


def test_apposition_keeps_its_closing_comma(attribute_one):
    source, _, _ = attribute_one("Mayor Lena Ort, a member of the harbour board, said the dam would hold.")
    assert source == "Mayor Lena Ort, a member of the harbour board,"


def test_plain_source_has_no_comma(attribute_one):
    source, _, _ = attribute_one("Mayor Lena Ort said the dam would hold.")
    assert source == "Mayor Lena Ort"


def test_party_tag_closes_after_the_abbreviation_dot(attribute_one):
    source, _, _ = attribute_one("Sen. Lena Ort (I-Vt.) said the dam would hold.")
    assert source == "Sen. Lena Ort (I-Vt.)"


def test_dateline_is_not_part_of_the_source(attribute_one):
    source, _, _ = attribute_one("OSLO (Reuters) — Mayor Lena Ort said on Monday that the dam would hold.")
    assert source == "Mayor Lena Ort"


def test_dateline_taken_for_the_subject_gives_way_to_the_speaker(attribute):
    found, _ = attribute("OSLO, Aug. 24 (UPI) — A spokesman for Mayor Lena Ort called the dam a disaster.")
    assert [a.source_text for a in found if a.cue.text == "called"] == ["A spokesman for Mayor Lena Ort"]


def test_document_keeps_its_participle(attribute_one):
    source, _, _ = attribute_one("A harbour survey released Sunday showed that most residents want a new dam.")
    assert source == "A harbour survey released Sunday"


def test_restrictive_relative_clause_names_the_speakers(attribute_one):
    source, _, _ = attribute_one("Residents who live near the dam say the wall is cracked.")
    assert source == "Residents who live near the dam"


def test_title_in_quote_marks_keeps_its_closing_mark(attribute_one):
    source, _, _ = attribute_one("Ann Holt, star of the show “Harbour Days,” said the dam would hold.")
    assert source == "Ann Holt, star of the show “Harbour Days,”"


def test_age_alone_is_not_part_of_the_name(attribute_one):
    source, _, _ = attribute_one("Ann Holt, 58, said the dam would hold.")
    assert source == "Ann Holt"


def test_position_in_a_picture_is_not_part_of_the_name(attribute_one):
    source, _, _ = attribute_one("Mayor Lena Ort (left) said the dam would hold.")
    assert source == "Mayor Lena Ort"
