"""benchmarks/attribution_polnear.py: its span scoring on hand-made spans, and a 3-text run on PolNeAR dev."""
import json
import re

import pytest
from benchmark_scripts import SHARED_BENCHMARKS, load_benchmark

POLNEAR_DIR = SHARED_BENCHMARKS / "polnear"


bench = load_benchmark("attribution_polnear.py")

TEXT = 'Mayor Ann Holt said that the bridge, built in 1990, is safe. "It will stand," she added.'


def stretch(*fragments):
    return bench.make_stretch(TEXT, fragments)


def at(phrase, text=TEXT):
    """(start, end) of the first occurrence of phrase."""
    start = text.index(phrase)
    return start, start + len(phrase)


# ---------------------------------------------------------------- exact match

def test_exact_match_ignores_surrounding_whitespace():
    start, end = at("Mayor Ann Holt")
    assert bench.span_score("exact", stretch((start, end)), stretch((start, end + 1))) == 1.0


def test_exact_match_needs_the_same_ends():
    assert bench.span_score("exact", stretch(at("that the bridge")), stretch(at("the bridge"))) == 0.0


def test_discontinuous_span_is_compared_by_its_outer_extent():
    # "the bridge ... is safe" skips the apposition; its exact key is the whole stretch
    split = stretch(at("the bridge"), at("is safe"))
    whole = stretch(at("the bridge, built in 1990, is safe"))
    assert split.key == whole.key
    assert bench.span_score("exact", split, whole) == 1.0


# ---------------------------------------------------------------- overlap match

def test_token_f1_counts_word_runs_and_ignores_punctuation():
    gold = stretch(at('"It will stand,"'))
    pred = stretch(at("It will stand"))
    assert bench.token_f1(gold, pred) == 1.0


def test_token_f1_of_a_partial_span():
    gold = stretch(at("that the bridge, built in 1990, is safe"))  # 8 tokens
    pred = stretch(at("the bridge"))  # 2 tokens, both in gold
    assert bench.token_f1(gold, pred) == pytest.approx(2 * 2 / (8 + 2))
    assert bench.span_score("overlap", gold, pred) < bench.MIN_OVERLAP_F1


def test_discontinuous_span_overlaps_only_through_its_fragments():
    split = stretch(at("the bridge"), at("is safe"))  # 4 tokens; the apposition is not part of it
    whole = stretch(at("the bridge, built in 1990, is safe"))  # 7 tokens
    assert bench.token_f1(split, whole) == pytest.approx(2 * 4 / (4 + 7))


def test_tokens_are_positions_so_a_repeated_word_elsewhere_does_not_match():
    text = "Holt said no. Holt said yes."
    first = bench.make_stretch(text, [(0, 4)])
    second = bench.make_stretch(text, [(14, 18)])
    assert bench.span_score("overlap", first, second) == 0.0


def test_punctuation_only_spans_match_when_their_extents_are_equal():
    text = "HOLT: The bridge is safe."
    colon = bench.make_stretch(text, [(4, 5)])
    assert bench.span_score("overlap", colon, bench.make_stretch(text, [(4, 5)])) == 1.0
    assert bench.span_score("overlap", colon, bench.make_stretch(text, [(0, 4)])) == 0.0


# ---------------------------------------------------------------- one-to-one matching

def test_matching_is_one_to_one_and_takes_the_best_pair_first():
    gold = [stretch(at("Mayor Ann Holt")), stretch(at("she"))]
    pred = [stretch(at("Ann Holt")), stretch(at("Mayor Ann Holt"))]  # both overlap the first gold span
    matched = bench.match_one_to_one(gold, pred, lambda g, p: bench.span_score("overlap", g, p), 0.5)
    assert [(g, p) for g, p, _ in matched] == [(0, 1)]  # the exact pair wins; "Ann Holt" is left over


def test_claims_need_cue_content_and_source_to_match():
    gold = bench.Claim(stretch(at("she")), stretch(at("added")), stretch(at('"It will stand,"')))
    right = bench.Claim(stretch(at("she")), stretch(at("added")), stretch(at("It will stand")))
    wrong_source = bench.Claim(stretch(at("Mayor Ann Holt")), stretch(at("added")), stretch(at("It will stand")))
    assert bench.claim_score("overlap", gold, right) == 1.0
    assert bench.claim_score("exact", gold, right) == 0.0  # content ends differ by the quote marks
    assert bench.claim_score("overlap", gold, wrong_source) == 0.0


def test_gold_without_source_matches_only_a_prediction_without_source():
    gold = bench.Claim(None, stretch(at("added")), stretch(at("It will stand")))
    assert bench.claim_score("exact", gold, gold) == 1.0
    with_source = bench.Claim(stretch(at("she")), gold.cue, gold.content)
    assert bench.claim_score("overlap", gold, with_source) == 0.0


# ---------------------------------------------------------------- brat files and tallies

def brat_lines():
    """A tiny annotation of TEXT: one attribution with a discontinuous content, one without source."""
    def t(tid, kind, *spans):
        offsets = ";".join(f"{s} {e}" for s, e in spans)
        shown = " ".join(TEXT[s:e] for s, e in spans)
        return f"{tid}\t{kind} {offsets}\t{shown}"
    return [
        t("T1", "Source", at("Mayor Ann Holt")),
        t("T2", "Cue", at("said")),
        t("T3", "Content", at("that the bridge"), at("is safe")),
        t("T4", "Attribution", at("said")),
        "E1\tAttribution:T4 Content:T3 Cue:T2 Source:T1",
        t("T5", "Cue", at("added")),
        t("T6", "Content", at('"It will stand,"')),
        t("T7", "Attribution-no-source", at("added")),
        "E2\tAttribution-no-source:T7 Content:T6 Cue:T5",
        t("T8", "Cue", at("added")),  # the same cue marked twice counts once
        t("T9", "Discard", at("she")),
    ]


def test_parse_brat_reads_units_and_attributions():
    gold = bench.parse_brat(brat_lines(), TEXT)
    assert [s.text for s in gold.spans["source"]] == ["Mayor Ann Holt"]
    assert [s.text for s in gold.spans["cue"]] == ["said", "added"]
    assert [s.text for s in gold.spans["content"]] == ['that the bridge … is safe', '"It will stand,"']
    first, second = gold.claims
    assert first.source.text == "Mayor Ann Holt" and first.content.key == at("that the bridge, built in 1990, is safe")
    assert second.source is None


def test_score_text_averages_counts_over_annotators():
    full = bench.parse_brat(brat_lines(), TEXT)
    sparse = bench.parse_brat(brat_lines()[:5], TEXT)  # a second annotator marked only the first attribution
    pred = [bench.Claim(stretch(at("Mayor Ann Holt")), stretch(at("said")),
                        stretch(at("that the bridge, built in 1990, is safe")))]
    counts = bench.score_text([full, sparse], pred)
    cue = counts["cue", "exact"]
    assert (cue.tp, cue.pred, cue.gold) == (1.0, 1.0, 1.5)
    figures = cue.figures()
    assert figures["precision"] == 1.0 and figures["recall"] == pytest.approx(1 / 1.5)
    assert counts["attribution", "exact"].tp == 1.0  # outer extents of the discontinuous content agree


def test_edge_differences_name_what_the_prediction_lacks():
    gold = stretch(at("that the bridge, built in 1990, is safe"))
    pred = stretch(at("the bridge, built in 1990, is safe."))
    assert bench.edge_differences(TEXT, gold, pred) == ["start -'that'", "end +'.'"]


# ---------------------------------------------------------------- the run

@pytest.mark.skipif(not (POLNEAR_DIR / "dev").is_dir(), reason=f"benchmark data absent: {POLNEAR_DIR}/dev")
def test_three_text_dev_run_prints_table_targets_and_figures(capsys, tmp_path):
    out_json = tmp_path / "figures.json"

    exit_code = bench.main(["--split", "dev", "--limit", "3", "--show-errors", "1", "--json", str(out_json)])

    captured = capsys.readouterr()
    output = captured.out
    assert exit_code == 0, captured.err + output
    assert "texts: 3," in output
    rows = re.findall(r"^storyline\s+(source|cue|content|attribution)\s+((?:\d\.\d{3}\s+){6})", output, re.MULTILINE)
    assert [row for row, _ in rows] == ["source", "cue", "content", "attribution"], output
    for _, cells in rows:
        assert all(0.0 <= float(x) <= 1.0 for x in cells.split())
    assert re.search(r"^(PASS|FAIL) exact source F1", output, re.MULTILINE)
    assert re.search(r"^result: (PASS|FAIL)", output.strip().splitlines()[-1])
    figures = json.loads(out_json.read_text())["figures"]
    for system in figures.values():
        for row in system.values():
            for criterion in row.values():
                assert all(0.0 <= criterion[k] <= 1.0 for k in ("precision", "recall", "f1"))


def test_missing_data_exits_2_with_a_message(monkeypatch, tmp_path, capsys):
    monkeypatch.setattr(bench, "POLNEAR_DIR", tmp_path / "absent")
    assert bench.main(["--split", "dev"]) == 2
    assert "PolNeAR data absent" in capsys.readouterr().err
