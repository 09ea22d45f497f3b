"""How reports relate: reports nested in a paraphrase, further reports by the same speaker."""


def test_report_nested_in_a_paraphrase_is_part_of_its_content(attribute_one):
    source, cue, content = attribute_one("The clerk said the mayor believes the dam will hold.")
    assert (source, cue, content) == ("The clerk", "said", "the mayor believes the dam will hold")


def test_chained_participle_is_a_further_report_by_the_same_speaker(attribute):
    found, _ = attribute("Ort said he would publish the figures on Friday, calling them dull reading.")
    assert [(a.source_text, a.cue.text, a.content.text) for a in found] == [
        ("Ort", "said", "he would publish the figures on Friday"),
        ("Ort", "calling", "them dull reading"),
    ]


def test_chained_claim_after_that_clause(attribute):
    found, _ = attribute("Ort insisted that the dam was safe, claiming that engineers had checked it.")
    assert [(a.source_text, a.content.text) for a in found] == [
        ("Ort", "that the dam was safe"), ("Ort", "that engineers had checked it")]


def test_citing_a_reason_is_a_further_report_not_a_relay(attribute):
    found, _ = attribute("“It reflects anger,” Ort said, citing low growth and rising rents.")
    assert [(a.source_text, a.cue.text, a.content.text) for a in found] == [
        ("Ort", "said", "“It reflects anger,”"), ("Ort", "citing", "low growth and rising rents")]


def test_coordinated_reports_each_keep_their_speaker(attribute):
    found, _ = attribute("Officials said the dam held and engineers said it was safe.")
    assert [(a.source_text, a.content.text) for a in found] == [("Officials", "the dam held"), ("engineers", "it was safe")]


def test_a_bare_verb_coordinated_in_the_content_stays_in_it(attribute):
    found, _ = attribute("Ort and Lind have said they would expand the harbour and push for a new dam.")
    assert ("have said", "they would expand the harbour and push for a new dam") in [
        (a.cue.text, a.content.text) for a in found]
