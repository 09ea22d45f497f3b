"""benchmarks/published_realpages.py: scoring and the baseline on hand-made values, and a run on a few pages."""
import datetime as dt
import json

import pytest
from benchmark_scripts import SHARED_BENCHMARKS, load_benchmark

PAGES_FILE = SHARED_BENCHMARKS / "realpages" / "pages.jsonl"


benchmark = load_benchmark("published_realpages.py")


def test_a_full_gold_date_needs_the_same_day_and_a_month_any_day_of_it():
    assert benchmark.matches(dt.date(2017, 11, 15), "2017-11-15")
    assert not benchmark.matches(dt.date(2017, 11, 14), "2017-11-15")
    assert benchmark.matches(dt.date(2017, 11, 3), "2017-11")
    assert not benchmark.matches(dt.date(2017, 10, 31), "2017-11")
    assert not benchmark.matches(None, "2017-11")


def test_the_baseline_takes_the_first_iso_looking_date_of_the_url_then_the_text():
    assert benchmark.baseline_date("https://site.example/2017/11/15/x", "On 2016-01-02.") == dt.date(2017, 11, 15)
    assert benchmark.baseline_date("https://site.example/x", "On 2016-01-02, then 2017-05-06.") == dt.date(2016, 1, 2)
    assert benchmark.baseline_date(None, "On Nov. 15, 2017.") is None


def test_the_date_field_of_stored_copies_can_be_dropped(tmp_path):
    path = tmp_path / "pages.jsonl"
    rows = [{"id": "p1", "url": "https://site.example/a", "text": " date 2017-11-15 Ferries ran again.",
             "language": "en", "date_in_page": "2017-11-15", "date_from": "text"},
            {"id": "p2", "url": "https://site.example/b", "text": "Autre texte.", "language": "fr",
             "date_in_page": None, "date_from": None}]
    path.write_text("".join(json.dumps(r) + "\n" for r in rows))
    pages = benchmark.read_pages(path, without_date_field=True)
    assert [(p.id, p.text) for p in pages] == [("p1", "Ferries ran again.")]


def test_missing_data_file_exits_2(tmp_path, capsys):
    assert benchmark.main(["--data", str(tmp_path / "absent.jsonl")]) == 2
    assert "absent" in capsys.readouterr().err


@pytest.mark.skipif(not PAGES_FILE.is_file(), reason=f"benchmark data absent: {PAGES_FILE}")
def test_a_few_pages_give_figures_between_0_and_1(tmp_path, capsys):
    report_path = tmp_path / "published.json"

    exit_code = benchmark.main(["--limit", "12", "--json", str(report_path)])

    output = capsys.readouterr().out
    assert exit_code == 0, output
    assert output.rstrip().splitlines()[-1].startswith("result: ")
    report = json.loads(report_path.read_text())
    assert report["pages"] == 12
    for system in ("storyline", "baseline"):
        for figures in report["results"][system].values():
            assert 0.0 <= figures["coverage"] <= 1.0 and 0.0 <= figures["accuracy"] <= 1.0
