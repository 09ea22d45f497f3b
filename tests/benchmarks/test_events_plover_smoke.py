"""benchmarks/events_plover.py: markup stripping and span alignment on hand-made records, and a short run."""
import json
import re

import pytest
from benchmark_scripts import SHARED_BENCHMARKS, load_benchmark

PLOVER_FILE = SHARED_BENCHMARKS / "plover" / "PLOVER_GSR_CAMEO.txt"


benchmark = load_benchmark("events_plover.py")


def marked(text, spans):
    return [(sorted(s.labels), text[s.start:s.end]) for s in spans]


def test_strip_markup_keeps_span_offsets():
    text, spans = benchmark.strip_markup("(SRC: Farland) (EVT: accused) the (TAR: Northern Bank) of fraud.")

    assert text == "Farland accused the Northern Bank of fraud."
    assert marked(text, spans) == [(["SRC"], "Farland"), (["EVT"], "accused"), (["TAR"], "Northern Bank")]


def test_strip_markup_tells_marks_from_the_texts_own_parentheses():
    text, spans = benchmark.strip_markup("(SRC/TAR: Tolvar Union (TU)) and (LOC: in (TAR: Brenmark)) (EVT: met).")

    assert text == "Tolvar Union (TU) and in Brenmark met."
    assert marked(text, spans) == [(["SRC", "TAR"], "Tolvar Union (TU)"), (["TAR"], "Brenmark"),
                                   (["LOC"], "in Brenmark"), (["EVT"], "met")]


def test_strip_markup_drops_a_stray_closing_parenthesis_and_an_unclosed_mark():
    text, spans = benchmark.strip_markup("(SRC: Farland) refused the offer) and (EVT: left")

    assert text == "Farland refused the offer and left"
    assert marked(text, spans) == [(["SRC"], "Farland")]


def test_align_spans_carries_marks_onto_a_corrected_text():
    markup_text, spans = benchmark.strip_markup("(SRC: Farlnad) (EVT: will visit) (TAR: Brenmark) soon.")
    record_text = "The Farland minister will visit Brenmark soon."

    aligned = benchmark.align_spans(spans, markup_text, record_text)

    assert marked(record_text, aligned) == [(["SRC"], "Farland"), (["EVT"], "will visit"), (["TAR"], "Brenmark")]


def test_near_json_with_trailing_commas_parses():
    assert benchmark.parse_near_json('[{"a": [1, 2,], "b": "x",},]') == [{"a": [1, 2], "b": "x"}]


TINY_RECORDS = """[
{"id": "DOC", "event": "DOCUMENT", "comment": "header",},
{"id": "T-1", "event": "ASSAULT", "text": "Rebels killed two guards in Tolvar on Sunday.",
 "textInfo": {"markup": "(SRC: Rebels) (EVT: killed) two (TAR: guards) in Tolvar on Sunday.",},},
{"id": "T-2", "event": "PROTEST", "text": "Thousands of farmers protested in Brenmark on Friday.",
 "textInfo": {"markup": "Thousands of (SRC: farmers) (EVT: protested) in Brenmark on Friday."},},
]"""


def test_run_on_hand_made_records(tmp_path, capsys):
    data = tmp_path / "records.txt"
    data.write_text(TINY_RECORDS, encoding="utf-8")
    figures_file = tmp_path / "figures.json"

    exit_code = benchmark.main(["--data", str(data), "--json", str(figures_file), "--show-errors", "2"])

    output = capsys.readouterr().out
    assert exit_code == 0, output
    assert "records: 2;" in output and "in-sample" in output
    figures = json.loads(figures_file.read_text())
    assert figures["records"] == 2
    assert figures["type_accuracy"] == 1.0
    assert figures["majority_baseline"]["accuracy"] == 0.5


def test_absent_data_is_a_setup_error(tmp_path, capsys):
    assert benchmark.main(["--data", str(tmp_path / "nowhere.txt")]) == 2
    assert "cannot run" in capsys.readouterr().err


@pytest.mark.skipif(not PLOVER_FILE.is_file(), reason=f"benchmark data absent: {PLOVER_FILE}")
def test_three_records_print_the_figures(tmp_path, capsys):
    figures_file = tmp_path / "figures.json"

    exit_code = benchmark.main(["--limit", "3", "--json", str(figures_file)])

    output = capsys.readouterr().out
    assert exit_code == 0, output
    assert "records: 3;" in output
    assert re.search(r"^event type accuracy, majority class \(\w+\): \d\.\d{3}$", output, re.MULTILINE)
    assert re.search(r"^target event type accuracy >= 0\.70: \d\.\d{3} (PASS|FAIL) \(in-sample\)$",
                     output, re.MULTILINE)
    assert re.search(r"^result: (PASS|FAIL)", output, re.MULTILINE)
    figures = json.loads(figures_file.read_text())
    shares = [figures[name] for name in ("type_accuracy", "source_matched", "target_matched",
                                         "target_matched_loosely", "source_and_target_matched")]
    shares.append(figures["majority_baseline"]["accuracy"])
    assert all(0.0 <= share <= 1.0 for share in shares), figures
