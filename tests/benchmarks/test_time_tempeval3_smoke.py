"""benchmarks/time_tempeval3.py: TimeML reading and TempEval-3 scoring on hand-made strings, and a short run."""
import json
import re

import pytest
from benchmark_scripts import SHARED_BENCHMARKS, load_benchmark

TEMPEVAL_DIR = SHARED_BENCHMARKS / "tempeval3"


benchmark = load_benchmark("time_tempeval3.py")
Timex = benchmark.Timex

TINY_TML = """<?xml version="1.0" ?>
<TimeML>
<DOCID>TINY001</DOCID>
<DCT><TIMEX3 tid="t0" type="DATE" value="2021-06-09" functionInDocument="CREATION_TIME">20210609</TIMEX3></DCT>
<TEXT>
Ms. Orla Penhallow <EVENT eid="e1">opened</EVENT> the Tolvar bakery <TIMEX3 tid="t1" type="DATE" value="2021-06-07">on Monday</TIMEX3>.
It had been closed for <TIMEX3 tid="t2" type="DURATION" value="P3M">three months</TIMEX3>.
</TEXT>
</TimeML>
"""


def test_strip_timeml_keeps_offsets_through_tags_and_entities():
    markup = ('Bread &amp; jam <EVENT eid="e1">sold</EVENT> out '
              '<TIMEX3 tid="t1" type="DATE" value="2021-06-08">yesterday</TIMEX3>.')

    text, gold = benchmark.strip_timeml(markup)

    assert text == "Bread & jam sold out yesterday."
    assert gold == [Timex(21, 30, "DATE", "2021-06-08", "yesterday")]
    assert text[gold[0].start:gold[0].end] == "yesterday"


def test_strip_timeml_leaves_out_the_creation_time():
    markup = ('<TIMEX3 tid="t0" type="DATE" value="2021-06-09" functionInDocument="CREATION_TIME">June 9</TIMEX3>'
              ' and <TIMEX3 tid="t4" type="DATE" value="2021-06-10">June 10</TIMEX3>')

    text, gold = benchmark.strip_timeml(markup)

    assert text == "June 9 and June 10"
    assert [t.text for t in gold] == ["June 10"]


def test_matching_is_one_to_one():
    # one long prediction over two gold spans matches only one of them
    assert benchmark.match_one_to_one([(0, 5), (6, 10)], [(0, 10)]) == [(0, 0)]
    # each gold span takes its own prediction even when the first prediction overlaps both
    assert benchmark.match_one_to_one([(0, 10), (12, 20)], [(5, 15), (12, 20)]) == [(0, 0), (1, 1)]


def test_touching_spans_do_not_overlap():
    assert benchmark.match_one_to_one([(0, 5)], [(5, 9)]) == []


def test_matching_does_not_depend_on_input_order():
    assert sorted(benchmark.match_one_to_one([(12, 20), (0, 4)], [(13, 15), (1, 3)])) == [(0, 0), (1, 1)]


def test_score_counts_strict_relaxed_type_and_value():
    gold = [Timex(0, 9, "DATE", "2021-06-08", "yesterday"), Timex(20, 32, "DURATION", "P3M", "three months")]
    predicted = [Timex(0, 9, "date", "2021-06-08", "yesterday"), Timex(26, 32, "duration", "PXM", "months"),
                 Timex(40, 43, "date", "PRESENT_REF", "now")]

    tally = benchmark.score_document(gold, predicted)

    assert (tally.gold, tally.predicted, tally.strict, tally.relaxed) == (2, 3, 1, 2)
    assert (tally.type_correct, tally.value_correct) == (2, 1)
    result = benchmark.figures(tally)
    assert result["value"]["precision"] == pytest.approx(1 / 3)
    assert result["value"]["recall"] == pytest.approx(1 / 2)
    assert result["relaxed"]["f1"] == pytest.approx(0.8)


def test_run_on_a_hand_made_corpus(tmp_path, capsys):
    (tmp_path / "TimeBank").mkdir()
    (tmp_path / "TimeBank" / "TINY001.tml").write_text(TINY_TML, encoding="utf-8")
    figures_file = tmp_path / "figures.json"

    exit_code = benchmark.main(["--data", str(tmp_path), "--corpus", "timebank", "--json", str(figures_file)])

    output = capsys.readouterr().out
    assert exit_code == 0
    assert "documents: TimeBank 1; gold timexes: 2" in output
    overall = json.loads(figures_file.read_text())["results"]["storyline"]["overall"]
    assert overall["gold"] == 2
    assert overall["relaxed"]["recall"] == 1.0  # "on Monday" and "three months" are both found


def test_absent_data_is_a_setup_error(tmp_path, capsys):
    assert benchmark.main(["--data", str(tmp_path / "nowhere")]) == 2
    assert "cannot run" in capsys.readouterr().err


@pytest.mark.skipif(not TEMPEVAL_DIR.is_dir(), reason=f"benchmark data absent: {TEMPEVAL_DIR}")
def test_three_documents_per_corpus_print_the_table(tmp_path, capsys):
    figures_file = tmp_path / "figures.json"

    exit_code = benchmark.main(["--limit", "3", "--show-errors", "2", "--json", str(figures_file)])

    output = capsys.readouterr().out
    assert exit_code == 0, output
    for system in ("storyline", "spaCy"):
        for corpus in ("TimeBank", "AQUAINT", "overall"):
            assert re.search(rf"^{system} +{corpus} ", output, re.MULTILINE), output
    assert re.search(r"^target value F1 >= 0\.78: \d\.\d{3} (PASS|FAIL)$", output, re.MULTILINE)
    assert re.search(r"^result: (PASS|FAIL)", output, re.MULTILINE)
    results = json.loads(figures_file.read_text())["results"]
    for system, by_corpus in results.items():
        for corpus, result in by_corpus.items():
            shares = [result["type_accuracy"]] + [result[kind][part] for kind in ("strict", "relaxed", "value")
                                                  if result[kind] for part in ("precision", "recall", "f1")]
            assert all(0.0 <= share <= 1.0 for share in shares), (system, corpus, result)
