"""The bounded tokenizer: spaCy's tokens for ordinary text, linear time and the exact text for any text."""
import time

import pytest

from storyline.tokenize import LONG_CHUNK, PUNCT_PIECE, BoundedTokenizer

ORDINARY = ('"We cannot say more," a spokeswoman for the Port Velmar council said on Tuesday (March 3), '
            "citing https://velmar.example/news?id=4 - and added: it's over.\n\nNew paragraph.")


@pytest.fixture(scope="module")
def tokenizers(nlp):
    bounded = nlp.tokenizer
    assert isinstance(bounded, BoundedTokenizer)
    return bounded, bounded.inner


def test_ordinary_text_gets_spacy_s_own_tokens(tokenizers):
    bounded, inner = tokenizers
    assert [t.text for t in bounded(ORDINARY)] == [t.text for t in inner(ORDINARY)]


@pytest.mark.parametrize("unit", ['"', "(", ",", '".', "\u201c", "http://x.example/", "a", '"Yes," he said. ', "\n"])
def test_any_text_comes_back_exactly(tokenizers, unit):
    bounded, _ = tokenizers
    text = "Before " + unit * (3 * LONG_CHUNK) + " after\n" + unit * 5
    assert bounded(text).text == text


def test_a_long_run_of_punctuation_becomes_pieces(tokenizers):
    bounded, _ = tokenizers
    doc = bounded("x " + '"' * (10 * PUNCT_PIECE) + " y")
    assert [len(t) for t in doc][1:-1] == [PUNCT_PIECE] * 10
    assert doc[-2].whitespace_ == " "


def test_time_grows_linearly_with_a_run_of_quote_marks(tokenizers):
    bounded, _ = tokenizers

    def seconds(n):
        text = '"' * n
        start = time.perf_counter()
        bounded(text)
        return time.perf_counter() - start

    seconds(1000)  # warm up
    small, large = min(seconds(20_000) for _ in range(3)), min(seconds(160_000) for _ in range(3))
    assert large < 8 * small * 2.5, (small, large)  # 8x the input: linear is ~8x, quadratic would be ~64x
