"""benchmarks/geo_local.py: the articles it writes, and a small run."""
from benchmark_scripts import load_benchmark

geo_local = load_benchmark("geo_local.py")

TOWN = {"name": "Alderbrook", "lat": 36.3, "lon": -88.3, "state": "TN", "state_name": "Tennessee",
        "county": "Henry County", "big": None, "rival": None}


def test_each_form_states_the_place_its_own_way():
    dateline = geo_local.write_article(TOWN, "dateline", 1)
    county = geo_local.write_article(TOWN, "county", 1)

    assert dateline.text.startswith("ALDERBROOK, Tenn. —")
    assert "Henry County Sheriff's Office" in county.text and "Tennessee" not in county.text
    assert geo_local.write_article(TOWN, "nearby", 1) is None  # no bigger city nearby to name
    assert geo_local.write_article(TOWN, "spaced", 1) is None  # Tennessee has no spaced abbreviation


def test_the_gold_span_is_the_town_in_its_own_case():
    article = geo_local.write_article(TOWN, "dateline", 1)
    gold = article.gold[0]

    assert article.text[gold.start:gold.end] == "Alderbrook" and gold.start > 0


def test_a_small_run_prints_figures_and_a_result(capsys):
    assert geo_local.main(["--towns", "6"]) == 0
    out = capsys.readouterr().out
    assert "dateline" in out and "most populous" in out and out.rstrip().splitlines()[-1].startswith("result:")
