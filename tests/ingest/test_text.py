"""Plain-text reports: the headline line, exact text, and inputs that are not text."""
import pytest

from storyline.ingest.article import ArticleError
from storyline.ingest.text import MAX_BYTES, read_text

REPORT = "Flood warning issued for Dresden\n\nThe river rose by a metre overnight, officials said.\n"


def test_first_line_is_the_headline_and_text_is_kept_exactly():
    article = read_text(REPORT.encode("utf-8"), "report.txt")
    assert article.title == "Flood warning issued for Dresden"
    assert article.headline_in_text
    assert article.text == REPORT
    assert article.text[: len(article.title)] == article.title
    assert article.origin == "report.txt"


def test_windows_and_old_mac_line_breaks_become_newlines():
    article = read_text(b"Storm hits Bergen\r\n\r\nRoofs were damaged.\rTwo roads closed.\r\n", "x.txt")
    assert article.text == "Storm hits Bergen\n\nRoofs were damaged.\nTwo roads closed.\n"


def test_utf8_bom_is_removed_so_offsets_start_at_the_headline():
    article = read_text("\ufeffZürich tram strike ends\n\nTrams ran again on Friday.".encode("utf-8"), "x.txt")
    assert article.text.startswith("Zürich tram strike ends")
    assert article.title == "Zürich tram strike ends"


def test_leading_blank_lines_are_dropped_so_the_first_line_is_the_headline():
    article = read_text("\n  \nMayor resigns in Tampere\n\nShe gave no reason.", "x.txt")
    assert article.text == "Mayor resigns in Tampere\n\nShe gave no reason."
    assert article.title == "Mayor resigns in Tampere"


def test_a_single_line_has_no_headline():
    article = read_text("Police in Lyon arrested two men on Sunday.", "x.txt")
    assert article.title is None
    assert not article.headline_in_text


def test_a_long_first_paragraph_is_not_a_headline():
    first = "Officials in Porto said on Monday that " + "the new road will be finished soon and " * 10
    article = read_text(first + "\nMore follows.", "x.txt")
    assert article.title is None
    assert not article.headline_in_text


@pytest.mark.parametrize("data", [b"", b"   \n\t\r\n  "])
def test_empty_or_whitespace_only_input_is_an_error(data):
    with pytest.raises(ArticleError) as caught:
        read_text(data, "blank.txt")
    assert caught.value.reason == "empty"
    assert str(caught.value) == "blank.txt: empty"


@pytest.mark.parametrize("data", [b"PK\x03\x04\x00\x00zip", bytes(range(1, 9)) * 100 + b"some words"])
def test_binary_input_is_an_error(data):
    with pytest.raises(ArticleError, match="binary file, not text"):
        read_text(data, "photo.txt")


def test_invalid_utf8_is_reported_with_the_byte_and_offset():
    with pytest.raises(ArticleError) as caught:
        read_text("Caf\u00e9 closes in Lille\n".encode("cp1252"), "cafe.txt")
    assert caught.value.reason == "not valid UTF-8 (byte 0xe9 at offset 3)"


def test_bytes_over_the_limit_are_refused():
    with pytest.raises(ArticleError, match=r"too large \(5\.0 MB > 5 MB limit\)"):
        read_text(b"a" * (MAX_BYTES + 1), "big.txt")
