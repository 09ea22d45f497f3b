"""Plain-text reports: the headline line, exact text, and inputs that are not text."""
import pytest

from storyline.ingest.article import ArticleError
from storyline.ingest.text import MAX_BYTES, looks_binary, normalise_text, read_text, single_line

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


# ---------------------------------------------------------------- one rule for untrusted text: normalise_text
@pytest.mark.parametrize("given, expected", [
    ("Police said\r\ntwelve\rdied.", "Police said\ntwelve\ndied."),
    ("\ufeff\ufeffHeadline", "Headline"),  # every leading BOM, not just the first
    ("\x94\ufeff\x00\ufeffHeadline", "Headline"),  # behind dropped control characters too
    ("a\ufeffb", "a\ufeffb"),  # inside the text it is a zero-width no-break space: kept
    ("Body \x00 text\x07\x1b[31m\x7f\x9b", "Body  text[31m"),  # NUL and other non-whitespace controls dropped
    ("tab\tform\x0cfeed\x0bvt\x1cfs\x85nel", "tab\tform\x0cfeed\x0bvt\x1cfs\x85nel"),  # whitespace controls kept
    ("lone \ud800 and \udfff", "lone \ufffd and \ufffd"),  # a lone surrogate cannot be encoded
    ("pair \ud83d\ude00", "pair \U0001F600"),  # a high-low pair is the character it encodes
    ("reversed \ude00\ud83d", "reversed \ufffd\ufffd"),
    ("Kyiv, 12 people — “quoted” 😀", "Kyiv, 12 people — “quoted” 😀"),  # valid text passes unchanged
])
def test_normalise_text(given, expected):
    assert normalise_text(given) == expected
    assert normalise_text(expected) == expected  # idempotent


@pytest.mark.parametrize("given, expected", [
    ("  Two\nline\r\ntitle  ", "Two line title"),
    ("Tabs\tand\u3000ideographic  spaces", "Tabs and ideographic spaces"),
    ("Bad \ud800 \x00title", "Bad \ufffd title"),
    (" \n\u00a0 ", ""),
])
def test_single_line(given, expected):
    assert single_line(given) == expected


def test_str_input_is_normalised_like_bytes():
    article = read_text("Headline \ud800\r\n\r\nBody \x00text.", "x.txt")
    assert article.text == "Headline \ufffd\n\nBody text."
    assert article.title == "Headline \ufffd"


def test_nul_past_the_sniffed_head_is_dropped_not_kept():
    article = read_text(b"Headline\n\n" + b"word " * 2000 + b"\x00end", "x.txt")
    assert article.text == "Headline\n\n" + "word " * 2000 + "end"


@pytest.mark.parametrize("data", ["\u00a0\nBody text of the report.",
                                  "\u3000 \t\n\x1c\n\ufeff\nBody text of the report."])
def test_a_first_line_of_unicode_whitespace_is_not_a_headline(data):
    article = read_text(data, "x.txt")
    assert (article.text, article.title, article.headline_in_text) == ("Body text of the report.", None, False)


@pytest.mark.parametrize("data", [b"\xef\xbb\xbf\xef\xbb\xbfHeadline\n\nBody.",
                                  b"\xef\xbb\xbf\n\xef\xbb\xbfHeadline\n\nBody."])
def test_every_leading_bom_is_removed(data):
    article = read_text(data, "x.txt")
    assert (article.text, article.title) == ("Headline\n\nBody.", "Headline")


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be"])
def test_utf16_with_its_bom_is_text_not_binary(encoding):
    data = "\ufeffZürich tram strike ends\r\n\r\nTrams ran again on Friday.".encode(encoding)
    assert looks_binary(data)  # its NUL bytes: without the BOM it would be binary
    article = read_text(data, "x.txt")
    assert article.text == "Zürich tram strike ends\n\nTrams ran again on Friday."
    assert article.title == "Zürich tram strike ends"


@pytest.mark.parametrize("data, reason", [
    (b"\xff\xfeH\x00e\x00l", "not valid UTF-16 (truncated data at offset 6)"),
    (b"\xff\xfe" + "Headline \ud800 x".encode("utf-16-le", "surrogatepass"),
     "not valid UTF-16 (illegal UTF-16 surrogate at offset 20)"),  # strict, as UTF-8 bytes are
    (b"\xff\xfe" + "\x00\x01\x02 binary".encode("utf-16-le"), "binary file, not text"),
    ("Headline".encode("utf-16-le"), "binary file, not text"),  # no BOM: as before
    (b"\xff\xfe\x00\x00" + "Headline".encode("utf-32-le"), "binary file, not text"),  # a UTF-32 BOM is not UTF-16
])
def test_utf16_that_cannot_be_read_is_an_error(data, reason):
    with pytest.raises(ArticleError) as caught:
        read_text(data, "x.txt")
    assert caught.value.reason == reason


@pytest.mark.parametrize("data", ["\x00\x01\x7f \n", b"\n\xef\xbb\xbf", "\n\ufeff\ufeff \n\ufeff", b"\xff\xfe\n\x00"])
def test_text_of_nothing_but_control_characters_blank_lines_and_boms_is_empty(data):
    with pytest.raises(ArticleError) as caught:
        read_text(data, "x.txt")
    assert caught.value.reason == "empty"
