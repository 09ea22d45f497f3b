"""JSON Lines batches: one report per line, bad lines reported one by one."""
import io
import json
from pathlib import Path

import pytest

from storyline.ingest import jsonl
from storyline.ingest.article import Article, ArticleError
from storyline.ingest.jsonl import FilePart, read_jsonl, read_jsonl_line

FIXTURES = Path(__file__).parent / "fixtures"
BODY_HTML = (
    "<html><head><title>Page title from the site</title>"
    '<meta property="og:site_name" content="Page Outlet"></head><body><article>'
    "<p>Volunteers planted four hundred trees along the canal in Utrecht on Saturday, the city said in "
    "a statement, after a year in which storms had brought down many of the old elms on the towpath.</p>"
    "<p>The work took most of the day and was paid for by a local fund, organiser Ruud Jansen said.</p>"
    "</article></body></html>"
)


def line(**record) -> str:
    return json.dumps(record)


def test_title_is_prepended_as_the_headline():
    article = read_jsonl_line(line(id="k1", title="Ferry back in Kiel", text="The ferry ran again."), "b:1")
    assert article.text == "Ferry back in Kiel\n\nThe ferry ran again."
    assert article.headline_in_text
    assert article.title == "Ferry back in Kiel"
    assert article.id == "k1"


def test_text_that_already_starts_with_its_title_is_kept():
    text = "Ferry back in Kiel\nThe ferry ran again."
    article = read_jsonl_line(line(title="Ferry back in Kiel", text=text), "b:1")
    assert article.text == text
    assert article.headline_in_text


def test_text_without_title_has_no_headline():
    article = read_jsonl_line(line(text="The ferry ran again.\r\nIt was full."), "b:1")
    assert article.text == "The ferry ran again.\nIt was full."
    assert not article.headline_in_text
    assert article.title is None


def test_metadata_is_read_and_checked():
    article = read_jsonl_line(
        line(id=42, url="https://example.org/a", outlet="Harbour News", published="2024-06-01T08:00:00Z",
             language="nl", text="Boats left."),
        "b:1",
    )
    assert (article.id, article.url, article.outlet, article.published) == (
        "42", "https://example.org/a", "Harbour News", "2024-06-01")
    assert article.extra["language"] == "nl"


def test_unreadable_date_is_kept_aside_not_passed_off_as_a_date():
    article = read_jsonl_line(line(published="last Tuesday", text="Boats left."), "b:1")
    assert article.published is None
    assert article.extra["published_raw"] == "last Tuesday"


def test_html_line_is_extracted_and_its_own_keys_win():
    article = read_jsonl_line(line(id="u1", title="Trees planted along Utrecht canal", html=BODY_HTML), "b:1")
    assert article.text.startswith("Trees planted along Utrecht canal\n\nVolunteers planted")
    assert article.title == "Trees planted along Utrecht canal"
    assert article.outlet == "Page Outlet"  # the line did not say, so the page's own value fills in


@pytest.mark.parametrize("bad, reason", [
    ('{"text": "unterminated}', "invalid JSON at column 10: unterminated string starting at"),
    ('["a list"]', "expected a JSON object, got an array"),
    ('{"title": "No body"}', "no 'text' or 'html' field"),
    ('{"text": 12}', "'text' must be a string, got a number"),
    ('{"text": "ok", "title": ["x"]}', "'title' must be a string, got an array"),
    ('{"text": "   "}', "empty 'text'"),
    ('{"html": "<html><body></body></html>"}', "no article text found in HTML"),
])
def test_bad_line_reasons(bad, reason):
    with pytest.raises(ArticleError) as caught:
        read_jsonl_line(bad, "batch.jsonl:7")
    assert caught.value.reason == reason
    assert caught.value.origin == "batch.jsonl:7"


def test_bad_line_in_the_middle_does_not_stop_the_others():
    items = list(read_jsonl((FIXTURES / "mixed_batch.jsonl").read_bytes(), "mixed_batch.jsonl"))
    assert [type(item) for item in items] == [Article, ArticleError, Article]
    assert [item.origin for item in items] == ["mixed_batch.jsonl:1", "mixed_batch.jsonl:3", "mixed_batch.jsonl:4"]
    assert items[1].reason.startswith("invalid JSON")
    assert items[2].id == "3"


def test_stream_is_read_line_by_line():
    stream = io.BytesIO(b'{"text": "One."}\n{"text": "Two."}\n')
    assert [item.text for item in read_jsonl(stream, "s")] == ["One.", "Two."]


@pytest.mark.parametrize("data", [b"", b"\n  \n"])
def test_file_without_lines_is_empty(data):
    (error,) = read_jsonl(data, "none.jsonl")
    assert (error.origin, error.reason) == ("none.jsonl", "empty")


def test_binary_file_is_one_error_not_one_per_line():
    (error,) = read_jsonl(b"\x1f\x8b\x08\x00\x00\x00\n\x00\x01\n\x02\n", "packed.jsonl")
    assert error.reason == "binary file, not text"


def test_invalid_utf8_line_names_its_line():
    items = list(read_jsonl(b'{"text": "ok"}\n{"text": "Caf\xe9"}\n', "b.jsonl"))
    assert items[1].origin == "b.jsonl:2"
    assert items[1].reason == "not valid UTF-8 (byte 0xe9 at offset 13)"


def test_overlong_line_is_skipped_without_reading_it_whole(monkeypatch):
    monkeypatch.setattr(jsonl, "MAX_BYTES", 100)
    data = b'{"text": "short"}\n{"text": "' + b"x" * 500 + b'"}\n{"text": "after"}\n'
    items = list(read_jsonl(data, "b.jsonl"))
    assert items[0].text == "short"
    assert (items[1].origin, items[1].reason) == ("b.jsonl:2", "too large (> 5 MB limit)")
    assert (items[2].origin, items[2].text) == ("b.jsonl:3", "after")


# ---------------------------------------------------------------- hostile JSON: one clear error, or valid text
@pytest.mark.parametrize("bad, reason", [
    ('{"text": "Deep", "extra": ' + "[" * 5000 + "]" * 5000 + "}", "invalid JSON: nested too deeply"),
    ("[" * 100_000, "invalid JSON: nested too deeply"),
    ('{"text": "Big id", "id": ' + "1" * 4301 + "}", "invalid JSON: a number of more than 4,300 digits"),
])
def test_json_the_parser_cannot_take_is_one_error_for_its_line(bad, reason):
    items = list(read_jsonl(f'{{"text": "before"}}\n{bad}\n{{"text": "after"}}\n', "b.jsonl"))
    assert [type(item) for item in items] == [Article, ArticleError, Article]
    assert (items[1].origin, items[1].reason) == ("b.jsonl:2", reason)


def test_a_number_just_under_the_digit_limit_is_still_an_id():
    assert read_jsonl_line('{"text": "Body", "id": ' + "7" * 4300 + "}", "b:1").id == "7" * 4300


def test_escaped_lone_surrogates_become_replacement_characters():
    article = read_jsonl_line(r'{"text": "Police said \ud800 twelve died.", "title": "Fire \udc00", '
                              r'"url": "https://example.com/\ud83d", "outlet": "Daily \udfff"}', "b:1")
    assert article.text == "Fire \ufffd\n\nPolice said \ufffd twelve died."
    assert (article.title, article.url, article.outlet) == ("Fire \ufffd", "https://example.com/\ufffd",
                                                            "Daily \ufffd")
    article.text.encode("utf-8")


def test_an_escaped_surrogate_pair_is_its_character():
    assert read_jsonl_line(r'{"text": "Smile \ud83d\ude00"}', "b:1").text == "Smile \U0001F600"


def test_escaped_nul_and_control_characters_are_dropped():
    article = read_jsonl_line(r'{"text": "Body \u0000text\u0007.", "title": "Ti\u0000tle", "id": "a\u0000b"}', "b:1")
    assert (article.text, article.title, article.id) == ("Title\n\nBody text.", "Title", "ab")


def test_text_of_control_characters_only_is_empty():
    with pytest.raises(ArticleError) as caught:
        read_jsonl_line(r'{"text": "\u0000\u0001 \r\n"}', "b:1")
    assert caught.value.reason == "empty 'text'"


@pytest.mark.parametrize("title", ["Two\nline title", "Two\r\nline title", "Two\rline title", " Two  line\ttitle\n"])
def test_a_title_with_line_breaks_becomes_one_line(title):
    article = read_jsonl_line(line(title=title, text="Body of the report."), "b:1")
    assert article.title == "Two line title"
    assert article.text == "Two line title\n\nBody of the report."
    assert article.headline_in_text


def test_a_blank_title_is_no_title():
    article = read_jsonl_line(line(title=" \n\u3000\r", text="Body of the report."), "b:1")
    assert (article.title, article.text, article.headline_in_text) == (None, "Body of the report.", False)


@pytest.mark.parametrize("date", ["٢٠٢٤-٠٣-٠٥", "２０２４-０３-０５", "۲۰۲۴-۰۳-۰۵", "2024-0٣-05"])
def test_a_date_in_digits_other_than_ascii_is_not_a_date(date):
    article = read_jsonl_line(line(text="Body.", published=date), "b:1")
    assert article.published is None
    assert article.extra["published_raw"] == date


def test_a_str_batch_with_a_lone_surrogate_is_read_line_by_line():
    items = list(read_jsonl('{"text": "fine"}\n\ud800 not json\n{"text": "also \ud800 fine"}', "b.jsonl"))
    assert [type(item) for item in items] == [Article, ArticleError, Article]
    assert items[1].reason.startswith("invalid JSON at column 1")
    assert items[2].text == "also \ufffd fine"


def test_a_part_reads_a_line_begun_before_its_end_whole_even_in_pieces():
    part = FilePart(io.BytesIO(b"aaaa\nbbbbbbbbbb\ncccc\n"), 5, 8)  # "bbbbbbbbbb" begins in [5, 8)
    pieces = [part.readline(3) for _ in range(5)]
    assert pieces == [b"bbb", b"bbb", b"bbb", b"b\n", b""]
