"""benchmarks/geo.py: the scoring helpers on hand-made values, and a two-article run per corpus."""
import json
import math

import pytest
from benchmark_scripts import SHARED_BENCHMARKS, load_benchmark

GEOPARSING_DIR = SHARED_BENCHMARKS / "geoparsing"


geo = load_benchmark("geo.py")


def test_haversine_is_zero_for_one_point_and_about_344_km_from_london_to_paris():
    assert geo.haversine_km(51.5, -0.12, 51.5, -0.12) == 0.0
    assert 340 < geo.haversine_km(51.507, -0.128, 48.857, 2.352) < 348


def test_haversine_of_antipodes_is_half_the_circumference():
    assert geo.haversine_km(0, 0, 0, 180) == pytest.approx(math.pi * geo.EARTH_RADIUS_KM)


def test_auc_is_zero_when_exact_and_one_when_every_error_is_maximal():
    assert geo.error_auc([0.0, 0.0, 0.0]) == 0.0
    assert geo.error_auc([geo.MAX_ERROR_KM] * 3) == pytest.approx(1.0)


def test_auc_is_the_trapezoid_area_of_sorted_scaled_errors():
    half = math.exp(math.log(geo.MAX_ERROR_KM) / 2) - 1  # scales to 0.5
    # sorted scaled errors 0, 0.5, 1 at x = 0, 0.5, 1: area = (0.25 + 0.75) / 2
    assert geo.error_auc([geo.MAX_ERROR_KM, 0.0, half]) == pytest.approx(0.5)
    assert geo.error_auc([half]) == pytest.approx(0.5)


def test_resolution_figures_count_an_unresolved_toponym_as_the_largest_error():
    figures = geo.resolution_figures([10.0, 200.0, None])

    assert figures["n"] == 3 and figures["unresolved"] == 1
    assert figures["accuracy_161km"] == pytest.approx(1 / 3)
    assert figures["median_km"] == 200.0
    assert figures["mean_km"] == pytest.approx((10.0 + 200.0 + geo.MAX_ERROR_KM) / 3)


def test_matching_is_one_to_one_and_prefers_the_larger_overlap():
    predicted = [(0, 10), (12, 20)]
    gold = [(0, 4), (5, 10), (30, 35)]

    # one prediction overlapping two gold spans matches only the one it overlaps most
    assert geo.match_spans(predicted, gold) == [(0, 1)]


def test_touching_spans_do_not_overlap():
    assert geo.match_spans([(0, 5)], [(5, 9)]) == []
    assert geo.match_spans([(0, 6), (6, 9)], [(5, 9)]) == [(1, 0)]


def test_precision_recall_f1_without_predictions_is_zero():
    assert geo.precision_recall_f1(0, 0, 5) == (0.0, 0.0, 0.0)
    assert geo.precision_recall_f1(3, 4, 6) == pytest.approx((0.75, 0.5, 0.6))


def test_align_finds_the_name_near_a_shifted_offset():
    text = "Rain fell on Lyon and Nice."
    assert geo.align(text, "Lyon", 13) == 13
    assert geo.align(text, "Lyon", 15) == 13
    assert geo.align(text, "Oslo", 13) is None


def test_missing_data_folder_exits_2(monkeypatch, tmp_path, capsys):
    monkeypatch.setattr(geo, "DATA_DIR", tmp_path / "absent")

    assert geo.main(["--limit", "1"]) == 2
    assert "absent" in capsys.readouterr().err


@pytest.mark.skipif(not GEOPARSING_DIR.is_dir(), reason=f"benchmark data absent: {GEOPARSING_DIR}")
def test_two_articles_per_corpus_give_figures_between_0_and_1(tmp_path, capsys):
    report_path = tmp_path / "geo.json"

    exit_code = geo.main(["--corpus", "all", "--limit", "2", "--json", str(report_path)])

    output = capsys.readouterr().out
    assert exit_code == 0, output
    assert output.rstrip().splitlines()[-1].startswith("result: ")
    report = json.loads(report_path.read_text())
    for key in ("gwn", "trnews", "geovirus", "all"):
        recognition = report[key]["recognition"]
        assert recognition["gold"] > 0
        for name in ("precision", "recall", "f1"):
            assert 0.0 <= recognition[name] <= 1.0
        for row, figures in report[key]["resolution"].items():
            assert figures["n"] > 0, row
            assert 0.0 <= figures["accuracy_161km"] <= 1.0
            assert 0.0 <= figures["auc"] <= 1.0
            assert 0.0 <= figures["median_km"] <= geo.MAX_ERROR_KM


def test_error_classes_follow_issue_nine():
    from types import SimpleNamespace as Place

    county = Place(feature="A.ADM2")
    town = Place(feature="P.PPL")
    assert geo.error_class("Paris", None, town, 5.0) == "unresolved"
    assert geo.error_class("W. Va.", town, town, 5.0) == "abbreviation"
    assert geo.error_class("Wood County", town, town, 500.0) == "division"
    assert geo.error_class("Hamlin", town, county, 30.0) == "division"
    assert geo.error_class("Paris", town, town, 12.0) == "homonym"
    assert geo.error_class("Paris", town, town, 900.0).startswith("coverage")
