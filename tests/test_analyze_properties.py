"""Property tests of analysis (issue 11): any short text in, one Analysis that keeps the contract out.

Texts of up to 2,000 characters: news-like sentences (sources, quotes, numbers, dates) mixed with
quote soup, control characters, emoji, right-to-left scripts and combining marks. Properties:
- `analyze_articles` yields exactly one item per input, in input order; errors and blank texts
  pass through as ArticleError, every other text becomes an Analysis (an "analysis failed"
  ArticleError is a crash the batch caught, and fails the test);
- every Analysis keeps its contract: `untraceable() == []`, `storyline.invariants` finds no
  problem (ids, references, the JSON Schema), and its JSON validates back to the same JSON;
- `storyline.analyze(text)` returns such an Analysis for any non-blank text.

Examples are derandomized and no example database is written; STORYLINE_PROPERTY_SCALE and
STORYLINE_PROPERTY_RANDOM widen the search as in tests/ingest/test_reader_properties.py.
"""
from __future__ import annotations

import os
import tempfile

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

import storyline
from storyline.ingest.article import Article, ArticleError
from storyline.invariants import analysis_problems
from storyline.model import Analysis
from storyline.pipeline import analyze_articles

# Hypothesis caches constants it finds in the code under test: keep that out of the work tree.
os.environ.setdefault("HYPOTHESIS_STORAGE_DIRECTORY", os.path.join(tempfile.gettempdir(), "storyline-hypothesis"))
SCALE = float(os.environ.get("STORYLINE_PROPERTY_SCALE", "1"))
RANDOM = os.environ.get("STORYLINE_PROPERTY_RANDOM") == "1"
MAX_CHARS = 2000


def fuzz(examples: int):
    return settings(max_examples=max(1, int(examples * SCALE)), deadline=None, derandomize=not RANDOM,
                    database=None, suppress_health_check=list(HealthCheck))


@pytest.fixture(scope="module", autouse=True)
def _readable_falsifying_examples():
    """Put Hypothesis' printer back: schemathesis, whose pytest plugin loads whenever it is installed, swaps it
    for one that prints nothing, so a falsifying example would read `text=,`."""
    from hypothesis import core
    from hypothesis.vendor import pretty

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(core, "RepresentationPrinter", pretty.RepresentationPrinter)
        yield


# ---------------------------------------------------------------- strategies
NEWS = [
    "Police", "said", "told", "according to", "the", "a", "fire", "killed", "wounded", "12", "twelve", "people",
    "in", "Kyiv", "Paris", "Springfield", "on Monday", "last week", "yesterday", "March 5, 2024", "2024-03-05",
    "at 3 p.m.", "$5 million", "about 300", "at least 40", "between 10 and 20", "150 yards", "1e400", "9" * 40,
    "officials", "Reuters", "reported", "Mr.", "Smith", "Dr. Ana Varga", "the ministry", "spokesman", "added",
    "denied", "may have", "allegedly", "not", "by", "(AP) —", "LONDON —", "UPDATE:", "Correction:",
    "“", "”", '"', "'", "‘", "’", "«", "»", "„", ",", ".", ":", ";", "?", "!", "—", "-", "(", ")", "\n", "\n\n",
]
QUOTES = "\"'“”‘’«»„‟‹›「」『』‚‛`´"
CONTROL = st.characters(categories=["Cc", "Cf", "Zl", "Zp"])  # C0/C1 controls, format (ZWJ, RLO, BOM), separators
EMOJI = ["😀", "👨\u200d👩\u200d👧", "🇺🇦", "👍🏽", "🏳️\u200d🌈", "\U0001F9D1\u200d\U0001F692"]
RTL = ["שלום", "המשטרה אמרה", "مرحبا", "قالت الشرطة", "\u202eevil\u202c", "\u200f", "\u061c", "ܐܒܓ", "ދިވެހި"]
COMBINING = st.builds(lambda base, marks: base + "".join(marks), st.sampled_from("aeiouAZ1 ."),
                      st.lists(st.characters(categories=["Mn", "Me"]), min_size=1, max_size=12))

piece = st.one_of(
    st.sampled_from(NEWS), st.sampled_from(NEWS), st.sampled_from(NEWS),
    st.text(st.sampled_from(QUOTES), min_size=1, max_size=6),
    st.text(CONTROL, min_size=1, max_size=4),
    st.sampled_from(EMOJI), st.sampled_from(RTL), COMBINING,
    st.text(st.characters(codec="utf-8"), min_size=1, max_size=12),  # no lone surrogate: see test_a_lone_surrogate_fails_only_its_own_article
)
news_text = st.tuples(st.lists(piece, max_size=120), st.sampled_from([" ", "", " ", "\n"])).map(
    lambda t: t[1].join(t[0])[:MAX_CHARS])
quote_soup = st.text(st.sampled_from(QUOTES + " \n.,Hesaid"), max_size=400)
long_text = st.builds(lambda text, n: (text * n)[:MAX_CHARS], news_text, st.integers(2, 30))
any_text = st.one_of(news_text, news_text, long_text, quote_soup,
                     st.text(st.characters(codec="utf-8"), max_size=MAX_CHARS))

published = st.one_of(st.none(), st.sampled_from(["2024-03-05", "1900-01-01", "9999-12-31", "2024-02-30",
                                                  "yesterday", ""]))
url = st.one_of(st.none(), st.sampled_from(["https://example.com/2024/03/05/fire", "https://x.test/2099/99/99/a",
                                            "not a url", "https://example.com/" + "9" * 50]), st.text(max_size=30))


@st.composite
def articles(draw) -> Article | ArticleError:
    """An Article with a hostile text and metadata, or an ArticleError passing through the batch."""
    if draw(st.integers(0, 9)) == 0:
        return ArticleError(f"error {draw(st.integers(0, 99))}", "not readable")
    text = draw(any_text)
    title = draw(st.one_of(st.none(), st.just(text.split("\n", 1)[0]), st.text(max_size=40)))
    language = draw(st.sampled_from([None, None, None, "en", "de", "und"]))
    return Article(text=text, title=title, url=draw(url), published=draw(published),
                   headline_in_text=bool(title) and text.lstrip().startswith(title.strip()),
                   id=draw(st.one_of(st.none(), st.text(min_size=1, max_size=12))),
                   origin=f"item {draw(st.integers(0, 10**6))}",
                   extra={"language": language} if language else {})


def check_analysis(analysis: Analysis) -> None:
    assert isinstance(analysis, Analysis), analysis
    assert analysis.untraceable() == []
    assert analysis_problems(analysis) == []
    serialised = analysis.to_json()
    assert Analysis.model_validate_json(serialised).to_json() == serialised


def is_crash(error: ArticleError) -> bool:
    """An ArticleError that hides an exception the pipeline caught (not a refusal of the input)."""
    return error.reason.startswith("analysis failed")


# ---------------------------------------------------------------- properties
@fuzz(100)
@given(st.lists(articles(), min_size=1, max_size=4), st.sampled_from([1, 2, 32]))
@example([Article(text="“He said ‘she said “no”’ — «maybe»", origin="quotes"),
          Article(text="   \n\t ", origin="blank"), ArticleError("bad.txt", "binary file, not text")], 32)
@example([Article(text="\u202eالشرطة said 12 people 👨\u200d👩\u200d👧 died\u0301\u0301 on Monday", origin="mix")], 1)
@example([Article(text="Police said 1e400 people and " + "9" * 40 + " dollars.", origin="big numbers")], 2)
def test_analyze_articles_yields_one_item_per_input_in_order(items, batch_size):
    results = list(analyze_articles(items, batch_size=batch_size))
    assert len(results) == len(items)
    for given_item, result in zip(items, results):
        if isinstance(given_item, ArticleError):
            assert result is given_item
            continue
        if not given_item.text.strip():
            assert isinstance(result, ArticleError) and result.reason == "empty"
        elif isinstance(result, ArticleError):
            assert result.origin == given_item.origin
            assert not is_crash(result), f"{given_item.origin}: {result.reason} (text {given_item.text!r:.300})"
            assert "time budget" in result.reason, result.reason
        else:
            check_analysis(result)
            assert result.document.text == given_item.text


@fuzz(50)
@given(any_text.filter(str.strip), st.one_of(st.none(), st.text(max_size=40)), published)
@example("Police said\r\n12 people died.\rOn Monday.", "Police said", "2024-03-05")
@example("\x00\x01\x02 Police said twelve people died. \x7f", None, None)
def test_analyze_any_text(text, title, date):
    try:
        analysis = storyline.analyze(text, title=title, published=date)
    except ArticleError as error:
        assert not is_crash(error) and "time budget" in error.reason, error.reason
        return
    check_analysis(analysis)
    assert analysis.document.text == text


def test_a_lone_surrogate_fails_only_its_own_article():
    results = list(analyze_articles([Article(text="Police said \ud800 twelve people died.", origin="bad"),
                                     Article(text="Police said twelve people died.", origin="good")]))
    assert [type(r) for r in results] == [ArticleError, Analysis]
