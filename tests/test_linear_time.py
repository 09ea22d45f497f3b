"""The extractors take linear time on pathological texts (issue 11): 8 times the text, about 8 times the time.

Each text is "Headline\\n\\n" + UNIT repeated to 4,000 and to 32,000 characters. The parse is
done once per text and not timed (spaCy's own time is benchmarks/pathological.py's baseline);
what is timed is `analyze_doc`, every extractor on the parsed text, best of three runs. Linear
time gives a ratio near 8, quadratic near 64; the bound, 8 x 2.5, leaves room for a noisy machine.
"""
import time

import pytest

from storyline.ingest.article import Article
from storyline.pipeline import analyze_doc

SMALL, LARGE = 4_000, 32_000
MAX_RATIO = 8 * 2.5
ROUNDS = 3

UNITS = {
    "quote-marks": '"',  # one whitespace-free run: 16,000 quotes
    "short-quotes-said": '"Yes," he said. ',
    "one-letter-quotes": '"a" ',
    "dashes": "- ",
    "url-chain": "http://x.com/",
    "newlines": "\n",
    "nested-reports": "he said that ",
    "speakers-with-colons": "Ann Ort said: ",
    "title-case-line": "Said Ort Says ",
    "dated-reports": "On Monday, he said it rained. ",
}


@pytest.fixture(scope="module")
def warm(nlp):
    """The model, with the extractors' lexicons, gazetteer and matchers loaded before any timing."""
    text = "Council meets\n\nThe mayor said on Monday that the bridge would reopen. " * 3
    analyze_doc(nlp(text), Article(text=text, origin="warm-up", headline_in_text=True))
    return nlp


def _extraction_seconds(nlp, unit: str, size: int) -> float:
    text = "Headline\n\n" + unit * ((size - 10) // len(unit))
    doc = nlp(text)
    article = Article(text=text, origin=f"{size} characters", headline_in_text=True)
    best = None
    for _ in range(ROUNDS):
        started = time.perf_counter()
        analyze_doc(doc, article)
        seconds = time.perf_counter() - started
        best = seconds if best is None else min(best, seconds)
    return best


@pytest.mark.parametrize("name", list(UNITS))
def test_extraction_time_grows_linearly(warm, name):
    small = _extraction_seconds(warm, UNITS[name], SMALL)
    large = _extraction_seconds(warm, UNITS[name], LARGE)

    ratio = large / max(small, 0.005)  # a few milliseconds at 4 KB are mostly timer noise
    assert ratio < MAX_RATIO, f"{name}: {small:.3f} s at {SMALL:,} characters, {large:.3f} s at {LARGE:,} (x{ratio:.1f})"
