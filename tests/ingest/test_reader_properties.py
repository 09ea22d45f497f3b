"""Property tests of every reader (issue 11): any bytes or text in, only Articles or ArticleErrors out.

Each reader (read_text, read_html/extract_html, read_jsonl/read_jsonl_line, iter_articles over
files and stdin, read_analyses) is fed arbitrary bytes and Unicode, control characters, quote
soup, mixed encodings, BOMs, CRLF and lone CR, and very long lines. Properties:
- reading returns or yields only Article or ArticleError; nothing else is ever raised;
- an Article's text is a non-blank str with no NUL, no lone surrogate and no CR (nor, read as
  plain text, a leading BOM);
  its metadata are strings, `published` an ASCII YYYY-MM-DD; when `headline_in_text` is set,
  the first line of the text is the title;
- an ArticleError has a one-line reason;
- a JSONL batch yields one item per non-blank line, in order, tagged with its line number.

Examples are derandomized (the same inputs on every run) and no example database is written.
To explore further: STORYLINE_PROPERTY_SCALE=20 multiplies every example count, and
STORYLINE_PROPERTY_RANDOM=1 draws new inputs each run.

Bugs these properties found have a test below with the input that showed them (`test_jsonl_hostile_lines` and
the tests after the read_text properties). A bug found and not yet fixed gets a strict xfail test, and, if the
properties keep finding it, a filter in `check` for the inputs it explains; none is open now.
"""
from __future__ import annotations

import io
import json
import os
import re
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from storyline.ingest import jsonl as jsonl_module
from storyline.ingest import text as text_module
from storyline.ingest.analyses import read_analyses
from storyline.ingest.article import Article, ArticleError, starts_with_headline
from storyline.ingest.html import extract_html, read_html
from storyline.ingest.jsonl import read_jsonl, read_jsonl_line
from storyline.ingest.read import iter_articles
from storyline.ingest.text import looks_binary, read_text
from storyline.model import Analysis, Attribution, Document, Entity, Mention, Quantity, Section, Span, Time

# Hypothesis caches constants it finds in the code under test: keep that out of the work tree.
os.environ.setdefault("HYPOTHESIS_STORAGE_DIRECTORY", os.path.join(tempfile.gettempdir(), "storyline-hypothesis"))
SCALE = float(os.environ.get("STORYLINE_PROPERTY_SCALE", "1"))
RANDOM = os.environ.get("STORYLINE_PROPERTY_RANDOM") == "1"


def fuzz(examples: int):
    """Settings of one property: `examples` inputs (times SCALE), the same ones on every run."""
    return settings(max_examples=max(1, int(examples * SCALE)), deadline=None, derandomize=not RANDOM,
                    database=None, suppress_health_check=list(HealthCheck))


@pytest.fixture(scope="module", autouse=True)
def _readable_falsifying_examples():
    """Put Hypothesis' printer back: schemathesis, whose pytest plugin loads whenever it is installed, swaps it
    for one that prints nothing, so a falsifying example would read `data=,`."""
    from hypothesis import core
    from hypothesis.vendor import pretty

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(core, "RepresentationPrinter", pretty.RepresentationPrinter)
        yield


# ---------------------------------------------------------------- strategies
QUOTES = "\"'“”‘’«»„‟‹›「」『』‚‛`´"
ODD = ("\x00\x01\x07\x08\x0b\x0c\x1b\x1c\x1f\x7f\x85\xa0\xad\u00e9\u0301\u05d0\u05b7\u0627\u064b\u200b\u200c"
       "\u200d\u200e\u200f\u202a\u202e\u2028\u2029\u2066\u3000\ufeff\ufffd\U0001F600\U0001F468\U000E0001")
PLAIN = "abcdefghij KLMNOP.,;:!?-0123456789"
EOLS = ["\n", "\r\n", "\r", "\n\n", "\r\r\n", "\n\r", "\u2028", "\x85", "\x0b", "\x0c", "\x1c"]

# Any code point but a lone surrogate (a str holding one is tested by itself: test_str_input_with_a_lone_surrogate...)
char = st.one_of(st.characters(codec="utf-8"), st.sampled_from(QUOTES + ODD + " \t\n\r"), st.sampled_from(PLAIN))


def texts(max_size: int = 300, min_size: int = 0) -> st.SearchStrategy[str]:
    return st.text(char, min_size=min_size, max_size=max_size)


def _put_in(args) -> str:
    text, insertions = args
    for at, c in insertions:
        at %= len(text) + 1
        text = text[:at] + c + text[at:]
    return text


def with_surrogates(strings: st.SearchStrategy[str]) -> st.SearchStrategy[str]:
    """Strings with one to three surrogate code points put in (only a str can hold one: readers given a str)."""
    surrogate = st.characters(min_codepoint=0xD800, max_codepoint=0xDFFF)
    return st.tuples(strings, st.lists(st.tuples(st.integers(0, 1 << 20), surrogate), min_size=1, max_size=3)).map(
        _put_in)


words = st.lists(st.sampled_from(["Police", "said", "the", "fire", "in", "Kyiv", "12", "people", "were", "killed",
                                  "Mr.", "Smith", "told", "Reuters", "on", "Monday", "—", ",", "."]),
                 min_size=1, max_size=12).map(" ".join)
QUOTE_PAIRS = ['""', "''", "“”", "‘’", "«»", "„“", "‹›", "「」", "『』", '"”', "“\""]


def _quoted(parts) -> str:
    (opener, closer), inside, after, close = parts
    return opener + inside + (closer if close else "") + after


# Quote marks nested inside each other, some left open.
nested_quotes = st.recursive(
    st.one_of(words, st.text(st.sampled_from(PLAIN), max_size=8)),
    lambda inner: st.tuples(st.sampled_from(QUOTE_PAIRS), inner, inner, st.booleans()).map(_quoted),
    max_leaves=12)
quote_soup = st.text(st.sampled_from(QUOTES + " \n.,abc"), max_size=200)


@st.composite
def multiline(draw, line=None, max_lines: int = 12) -> str:
    """Lines joined by every kind of line break: LF, CRLF, lone CR, and the Unicode ones."""
    parts = draw(st.lists(st.tuples(line if line is not None else texts(80), st.sampled_from(EOLS)),
                          max_size=max_lines))
    return "".join(a + b for a, b in parts)


# A line tens of thousands of characters long.
long_lines = st.builds(lambda unit, n, tail: unit * n + tail, st.text(char, min_size=1, max_size=8),
                       st.integers(1_000, 30_000), texts(20))

any_text = st.one_of(texts(), multiline(), nested_quotes, quote_soup, long_lines,
                     multiline(line=st.one_of(words, nested_quotes)))

BOMS = [b"\xef\xbb\xbf", b"\xef\xbb\xbf\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff", b"\xff\xfe\x00\x00"]


@st.composite
def encoded(draw, text=any_text) -> bytes:
    """Text in an encoding: UTF-8 (with or without BOM), UTF-16 (with BOM), or latin-1/cp1252 bytes."""
    value = draw(text)
    how = draw(st.sampled_from(["utf-8", "utf-8-sig", "utf-16", "utf-16-le", "utf-16-be", "latin-1", "cp1252",
                                "bom+utf-8"]))
    if how == "bom+utf-8":
        return draw(st.sampled_from(BOMS)) + value.encode("utf-8")
    return value.encode(how, errors="replace")


# UTF-8 with stretches in latin-1 or cp1252 (or UTF-16) inside it.
mixed_encodings = st.lists(
    st.tuples(st.one_of(texts(40), words), st.sampled_from(["utf-8", "latin-1", "cp1252", "utf-16-le"])),
    max_size=8,
).map(lambda segments: b"".join(t.encode(enc, errors="replace") for t, enc in segments))

any_bytes = st.one_of(
    st.binary(max_size=3000),
    any_text.map(lambda t: t.encode("utf-8")),
    encoded(),
    mixed_encodings,
    st.tuples(st.binary(max_size=40), any_text, st.binary(max_size=40)).map(
        lambda t: t[0] + t[1].encode("utf-8") + t[2]),
)

TAGS = [
    "<html>", "</html>", "<head>", "</head>", "<body>", "</body>", "<title>", "</title>", "<p>", "</p>", "<div>",
    "</div>", "<article>", "</article>", "<main>", "<h1>", "</h1>", "<h2>", "<br>", "<br/>", "<hr>", "<script>",
    "</script>", "<style>", "</style>", "<!--", "-->", "<![CDATA[", "]]>", "<!DOCTYPE html>", "<?xml version='1.0'?>",
    '<meta charset="utf-8">', '<meta charset="iso-8859-1">', '<meta charset="windows-1252">',
    '<meta charset="utf-16">', '<meta charset="x-bogus">', '<meta charset="utf-7">', '<meta charset=rot13>',
    '<meta http-equiv="Content-Type" content="text/html; charset=latin-1">',
    '<meta property="og:title" content="', '<meta property="og:site_name" content="', '">',
    '<meta name="date" content="2024-03-05">', '<meta property="article:published_time" content="',
    '<link rel="canonical" href="', '<time datetime="', '<a href="', '">', "</a>", "&amp;", "&#0;", "&#x0;",
    "&#xD800;", "&#1114112;", "&#xFFFE;", "&nbsp;", "&", "<", ">", '"', "'", "<table><tr><td>",
    "</td></tr></table>", "<ul><li>", "</li></ul>", "<svg>", "</svg>", "<math>", "<template>", "<noscript>",
    "<iframe>", "<figure><figcaption>", "</figcaption></figure>", "<blockquote>", "</blockquote>", "<q>", "</q>",
    "<span dir=rtl>", "</span>", "<p>Police said twelve people were killed in the fire on Monday.</p>",
]
html_soup = st.lists(st.one_of(st.sampled_from(TAGS), texts(60), words, nested_quotes), max_size=60).map("".join)
# A well-formed page whose parts are hostile.
html_page = st.builds(
    lambda title, paragraphs, charset: (f'<!DOCTYPE html><html><head>{charset}<title>{title}</title></head>'
                                        f'<body><article><h1>{title}</h1>'
                                        + "".join(f"<p>{p}</p>" for p in paragraphs) + "</article></body></html>"),
    st.one_of(texts(80), nested_quotes), st.lists(st.one_of(texts(200), nested_quotes, multiline(words)), max_size=6),
    st.sampled_from(["", '<meta charset="utf-8">', '<meta charset="latin-1">', '<meta charset="utf-16">']))
any_html = st.one_of(html_soup, html_page)
any_html_bytes = st.one_of(
    any_html.map(lambda h: h.encode("utf-8")),
    encoded(any_html),
    st.tuples(st.lists(st.one_of(any_html, words), max_size=4), st.sampled_from(["latin-1", "cp1252"])).map(
        lambda t: b"\xe9".join(part.encode(t[1], errors="replace") for part in t[0])),
    st.binary(max_size=500),
)

# ---- JSON Lines
json_scalar = st.one_of(st.none(), st.booleans(), st.integers(), st.floats(), texts(40))
json_value = st.recursive(json_scalar, lambda inner: st.one_of(st.lists(inner, max_size=3),
                                                               st.dictionaries(texts(6), inner, max_size=3)),
                          max_leaves=8)
RECORD_KEYS = ["id", "url", "title", "outlet", "published", "language", "text", "html", "extra"]
field_value = st.one_of(json_value, any_text, any_html, words,
                        st.sampled_from(["2024-03-05", "2024-03-05T10:00:00Z", "yesterday", "2024-13-45", "", " ",
                                         "https://example.com/2024/03/05/story", "en", "de"]))
records = st.dictionaries(st.one_of(st.sampled_from(RECORD_KEYS), texts(8)), field_value, max_size=8)


@st.composite
def jsonl_line(draw) -> bytes:
    """One line: a record (or another JSON value) serialised, sometimes corrupted, or not JSON at all."""
    kind = draw(st.sampled_from(["record", "record", "record", "value", "text", "corrupt", "bytes"]))
    if kind == "record":
        return json.dumps(draw(records), ensure_ascii=draw(st.booleans())).encode("utf-8")
    if kind == "value":
        return json.dumps(draw(json_value)).encode("utf-8")
    if kind == "text":
        return draw(texts(200)).replace("\n", " ").encode("utf-8")
    if kind == "bytes":
        return draw(st.binary(max_size=200)).replace(b"\n", b" ")
    line = json.dumps(draw(records)).encode("utf-8")
    at = draw(st.integers(0, len(line)))
    return (line[:at] + draw(st.binary(max_size=6)) + line[at + draw(st.integers(0, 6)):]).replace(b"\n", b" ")


jsonl_batch = st.lists(
    st.tuples(st.one_of(jsonl_line(), st.sampled_from([b"", b" ", b"\t", b"\r", b"\x0c"])),
              st.sampled_from([b"\n", b"\r\n", b"\n\n", b"\n \n", b"\r\r\n"])),
    max_size=10,
).map(lambda pairs: b"".join(a + b for a, b in pairs))
jsonl_batch_or_noise = st.tuples(jsonl_batch, st.one_of(st.just(b""), jsonl_line(), st.binary(max_size=100))).map(
    lambda t: t[0] + t[1])  # the last line may lack its line break


# ---------------------------------------------------------------- properties
ISO_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}\Z")
METADATA = ("id", "title", "url", "outlet", "published")


def article_problems(article: Article, bom: bool = True) -> list[str]:
    """Broken Article properties, each as 'code: detail' (`bom`: check that no BOM opens the text)."""
    if not isinstance(article, Article):
        return [f"type: {type(article).__name__} is not an Article"]
    text = article.text
    if not isinstance(text, str):
        return [f"type: text is {type(text).__name__}"]
    problems = []
    if not text.strip():
        problems.append("empty: blank text")
    if "\x00" in text:
        problems.append(f"nul: NUL at offset {text.index(chr(0))}")
    if "\r" in text:
        problems.append(f"cr: CR at offset {text.index(chr(13))} (line breaks must all be \\n)")
    if bom and text.startswith("\ufeff"):
        problems.append("bom: text starts with a BOM")
    for name in ("text", *METADATA):
        value = getattr(article, name)
        if value is None:
            continue
        if not isinstance(value, str):
            problems.append(f"type: {name} is {type(value).__name__}")
            continue
        try:
            value.encode("utf-8")
        except UnicodeEncodeError as error:
            problems.append(f"surrogate: {name} holds {value[error.start]!r} at {error.start} (not encodable)")
    if isinstance(article.published, str) and not ISO_DATE.match(article.published):
        problems.append(f"published: {article.published!r} is not an ASCII YYYY-MM-DD date")
    if article.headline_in_text:
        if not isinstance(article.title, str) or not article.title.strip():
            problems.append(f"headline: headline_in_text but title is {article.title!r}")
        elif not starts_with_headline(article.title, text):
            problems.append(f"headline: first line {text.split(chr(10), 1)[0][:60]!r} is not the title "
                            f"{article.title[:60]!r}")
    if not isinstance(article.origin, str):
        problems.append("type: origin is not a str")
    return problems


def error_problems(error: ArticleError) -> list[str]:
    problems = []
    if not isinstance(error.reason, str) or not error.reason.strip():
        problems.append(f"reason: empty reason {error.reason!r}")
    elif "\n" in error.reason or "\r" in error.reason:
        problems.append(f"reason: not one line: {error.reason[:200]!r}")
    elif len(error.reason) > 1000:
        problems.append(f"reason: {len(error.reason)} characters long")
    if not isinstance(error.origin, str):
        problems.append("type: origin is not a str")
    return problems


def check(item, data=None, bom: bool = False) -> None:
    """Assert that `item`, read from `data`, is an Article or ArticleError with all its properties.

    `data` is the input, shown when the assertion fails. `bom`: check that no BOM opens the text (for readers
    whose text is the input itself, not a JSON value or a page's text)."""
    if isinstance(item, ArticleError):
        problems = error_problems(item)
    elif isinstance(item, Article):
        problems = article_problems(item, bom)
    else:
        problems = [f"type: {type(item).__name__} is neither Article nor ArticleError: {item!r:.200}"]
    assert not problems, (problems, data if not isinstance(data, (str, bytes)) else data[:300])


def outcome(read, *args, **kwargs):
    """What a single-item reader gives: its Article, or the ArticleError it raised (anything else propagates)."""
    try:
        return read(*args, **kwargs)
    except ArticleError as error:
        return error


def expected_jsonl_origins(data: bytes, origin: str) -> list[str]:
    """Origins read_jsonl must give `data`: one per non-blank line; the whole input when binary or blank."""
    lines = io.BytesIO(data).readlines()
    if lines and looks_binary(lines[0]):
        return [origin]
    numbered = [f"{origin}:{n}" for n, line in enumerate(lines, 1) if line.strip()]
    return numbered or [origin]


# ---------------------------------------------------------------- read_text
@fuzz(200)
@given(any_bytes)
@example(b"\xef\xbb\xbfHeadline\r\n\r\nBody line one.\rBody line two.")
@example(b"\xff\xfeH\x00e\x00")
@example(b"caf\xe9 au lait\n\nIn Paris, caf\xc3\xa9s opened.")
@example(b"\r\r\r")
@example(b"\n\xef\xbb\xbf")
def test_read_text_of_any_bytes(data):
    check(outcome(read_text, data, "in.txt"), data, bom=True)


@fuzz(200)
@given(st.one_of(any_text, with_surrogates(any_text)))
@example("\ufeff\ufeffTitle\n\nBody")
@example("\n\ufeff \n\ufeffTitle\n\nBody \x00\x1b\x7f\x9b\ud800\udc00\udfff")
def test_read_text_of_any_str(data):
    check(outcome(read_text, data, "in.txt"), data, bom=True)


@fuzz(60)
@given(long_lines, st.sampled_from(["\n", "\r\n", "\r"]), long_lines)
def test_read_text_of_very_long_lines(first, eol, second):
    data = (first + eol + second).encode("utf-8")
    item = outcome(read_text, data, "long.txt")
    check(item, data, bom=True)
    if isinstance(item, Article):
        assert len(item.title or "") <= text_module.MAX_HEADLINE_CHARS


# Found by the properties above (then a known bug each): the input that showed it, and the fix.
def test_str_input_with_nul_yields_no_nul():
    item = read_text("Headline\n\nBody \x00 here", "in.txt")
    check(item)
    assert item.text == "Headline\n\nBody  here"


def test_nul_byte_beyond_the_sniffed_head_yields_no_nul():
    item = read_text(b"Headline\n\n" + b"word " * 2000 + b"\x00", "in.txt")
    check(item)
    assert item.text == "Headline\n\n" + "word " * 2000


def test_blank_first_line_is_not_a_headline():
    item = read_text("\xa0\nBody text of the report.", "in.txt")
    check(item)
    assert (item.text, item.title, item.headline_in_text) == ("Body text of the report.", None, False)


def test_a_second_bom_does_not_open_the_text():
    item = read_text(b"\xef\xbb\xbf\xef\xbb\xbfHeadline\n\nBody of the report.", "in.txt")
    check(item, bom=True)
    assert (item.text, item.title) == ("Headline\n\nBody of the report.", "Headline")


def test_str_input_with_a_lone_surrogate_is_made_valid():
    item = read_text("Headline\n\nBody \ud800 here.", "in.txt")
    check(item)
    assert item.text == "Headline\n\nBody \ufffd here."


def test_jsonl_str_with_a_lone_surrogate_fails_only_its_line():
    items = list(read_jsonl('{"text": "fine \ud800"}\n\ud800 not json', "b.jsonl"))
    assert [type(i) for i in items] == [Article, ArticleError]
    assert items[0].text == "fine \ufffd"
    check(items[1])


def test_text_stdin_with_a_lone_surrogate():
    items = list(iter_articles(["-"], stdin=io.StringIO("Headline\n\nBody \ud800 here.")))
    assert len(items) == 1
    check(items[0])
    assert items[0].text == "Headline\n\nBody \ufffd here."


@pytest.mark.parametrize("data", [b"\xff\xfe" + "Headline\r\n\r\nBody text.".encode("utf-16-le"),
                                  b"\xfe\xff" + "Headline\r\n\r\nBody text.".encode("utf-16-be")],
                         ids=["utf-16-le", "utf-16-be"])
def test_utf16_with_a_bom_is_read_as_text(data):
    item = read_text(data, "in.txt")
    check(item, data, bom=True)
    assert (item.text, item.title) == ("Headline\n\nBody text.", "Headline")


# ---------------------------------------------------------------- read_html / extract_html
@fuzz(100)
@given(any_html_bytes)
@example(b'<html><head><meta charset="latin-1"><title>Caf\xe9</title></head><body><p>Caf\xe9 opens.</p></body></html>')
@example(b"<<<>>>")
@example(b"\xef\xbb\xbf<html><body><p>Police said\r\ntwelve\rpeople died.</p></body></html>")
def test_read_html_of_any_bytes(data):
    check(outcome(read_html, data, "in.html"), data)


@fuzz(60)
@given(st.one_of(any_html, with_surrogates(any_html)),
       st.one_of(st.none(), st.just("https://example.com/2024/03/05/a-story"), texts(30), with_surrogates(texts(30))))
def test_read_html_of_any_str(html, url):
    check(outcome(read_html, html, "in.html", url=url), html)


@fuzz(40)
@given(any_text)
def test_extract_html_of_plain_text(text):
    parts = outcome(extract_html, text, "in.html")
    if isinstance(parts, ArticleError):
        check(parts)
    else:
        assert isinstance(parts.body, str) and parts.body.strip() and "\r" not in parts.body
        assert parts.published is None or ISO_DATE.match(parts.published)


# ---------------------------------------------------------------- read_jsonl / read_jsonl_line
def check_jsonl(data, origin: str = "batch.jsonl") -> list:
    items = list(read_jsonl(data, origin))
    for item in items:
        check(item, data)
    raw = data.encode("utf-8") if isinstance(data, str) else data
    assert [item.origin for item in items] == expected_jsonl_origins(raw, origin)
    return items


@fuzz(150)
@given(jsonl_batch_or_noise)
@example(b'{"text": "one"}\r\n\r\n{"text": "two"}\n  \n{"html": "<p>Three words here</p>"}')
@example(b"\xef\xbb\xbf{\"text\": \"BOM on line one\"}\n\xef\xbb\xbf{\"text\": \"and on line two\"}")
@example(b'{"text": 1}\n[1]\n"s"\nnull\n{"text": "ok", "id": 7, "published": "2024-03-05T01:02:03Z"}')
@example(b'\x00{"text": "binary first line"}\n{"text": "never read"}')
def test_read_jsonl_yields_one_item_per_non_blank_line(data):
    check_jsonl(data)


@fuzz(50)
@given(jsonl_batch_or_noise)
def test_read_jsonl_from_a_stream_is_the_same_as_from_bytes(data):
    from_bytes = [(type(i), i.origin, getattr(i, "text", None) or getattr(i, "reason", None))
                  for i in read_jsonl(data, "b")]
    from_stream = [(type(i), i.origin, getattr(i, "text", None) or getattr(i, "reason", None))
                   for i in read_jsonl(io.BytesIO(data), "b")]
    assert from_stream == from_bytes


@fuzz(80)
@given(jsonl_batch_or_noise, st.integers(1, 200), st.integers(1, 64))
@example(b'{"text": "one"}\n\n\n{"text": "two"}\n' + b"\n" * 40 + b'{"text": "three"}', 8, 3)
def test_a_jsonl_file_read_in_the_parts_of_a_batch_reads_as_the_whole_file(data, part_bytes, scan_bytes):
    from unittest import mock

    from storyline.batch import shards
    from storyline.ingest.read import iter_jsonl_part

    def seen(items):
        return [(type(i), i.origin, getattr(i, "text", None) or getattr(i, "reason", None)) for i in items]

    with tempfile.TemporaryDirectory() as root:
        path = os.path.join(root, "batch.jsonl")
        Path(path).write_bytes(data)
        with mock.patch.object(shards, "PART_BYTES", part_bytes), mock.patch.object(shards, "SCAN_BYTES", scan_bytes):
            parts = shards.jsonl_parts(path)
        in_parts = seen(item for part in parts for item in (iter_jsonl_part(path, *part) if part else
                                                            iter_articles([path])))
        assert in_parts == seen(iter_articles([path]))

@fuzz(50)
@given(st.lists(st.one_of(records.map(json.dumps), texts(100)), max_size=6).map("\n".join))
def test_read_jsonl_of_any_str(data):
    check_jsonl(data)


surrogate_records = st.dictionaries(st.sampled_from(RECORD_KEYS), with_surrogates(texts(40)), max_size=6)


@fuzz(100)
@given(st.one_of(records, surrogate_records), st.booleans())
@example({"text": "Police said\r\nten\rpeople died.", "title": "Ten die", "published": "2024-03-05"}, False)
@example({"html": "<p>Hello world</p>", "title": "  ", "id": 12}, True)
def test_read_jsonl_line_of_any_record(record, ascii_only):
    line = json.dumps(record, ensure_ascii=ascii_only)
    check(outcome(read_jsonl_line, line, "b:1"), line)


@fuzz(40)
@given(st.lists(st.one_of(st.integers(1, 300), st.integers(301, 2000)), min_size=1, max_size=6))
def test_read_jsonl_lines_over_the_limit_are_one_error_each_and_the_rest_go_on(lengths):
    lines = [json.dumps({"text": "x" * n}).encode() for n in lengths]
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(jsonl_module, "MAX_BYTES", 400)
        items = check_jsonl(b"\n".join(lines))
    for item, line in zip(items, lines):
        if len(line) + 1 > 400:
            assert isinstance(item, ArticleError) and "too large" in item.reason
        else:
            assert isinstance(item, Article)


# Lines that set off bugs the properties found (fixed): each gives one item, with these properties.
JSONL_HOSTILE_LINES = [
    pytest.param(b'{"text": "Deep", "extra": ' + b"[" * 100_000 + b"]" * 100_000 + b"}",
                 "invalid JSON: nested too deeply", id="deep-nesting"),
    pytest.param(b'{"text": "Big id", "id": ' + b"1" * 5000 + b"}",
                 "invalid JSON: a number of more than 4,300 digits", id="huge-integer"),
    pytest.param(b'{"text": "Police said \\ud800 twelve died."}', {"text": "Police said \ufffd twelve died."},
                 id="lone-surrogate-escape"),
    pytest.param(b'{"text": "Police said \\ud83d\\ude00 twelve died."}',
                 {"text": "Police said \U0001F600 twelve died."}, id="surrogate-pair-escape"),
    pytest.param(b'{"text": "Body", "title": "Bad\\ud83d title", "url": "u\\udc00"}',
                 {"title": "Bad\ufffd title", "url": "u\ufffd", "text": "Bad\ufffd title\n\nBody"},
                 id="lone-surrogate-metadata"),
    pytest.param(b'{"text": "Body \\u0000 text\\u001b[31m", "title": "T\\u0000"}', {"text": "T\n\nBody  text[31m"},
                 id="nul-escape"),
    pytest.param(b'{"text": "\\u0000\\u0007 "}', "empty 'text'", id="only-control-characters"),
    pytest.param(b'{"text": "Body of the report.", "title": "Two\\nline title"}',
                 {"title": "Two line title", "text": "Two line title\n\nBody of the report."},
                 id="title-with-line-break"),
    pytest.param(b'{"text": "Body of the report.", "title": "Title with\\ra CR"}',
                 {"title": "Title with a CR", "text": "Title with a CR\n\nBody of the report."}, id="title-with-cr"),
    pytest.param(b'{"text": "Body of the report.", "title": " \\n\\u3000 "}',
                 {"title": None, "headline_in_text": False}, id="blank-title"),
    pytest.param('{"text": "Body.", "published": "٢٠٢٤-٠٣-٠٥"}'.encode(),
                 {"published": None, "extra": {"published_raw": "٢٠٢٤-٠٣-٠٥"}}, id="non-ascii-digit-date"),
    pytest.param('{"text": "Body.", "published": "２０２４-０３-０５"}'.encode(), {"published": None},
                 id="fullwidth-digit-date"),
]


@pytest.mark.parametrize("line, expected", JSONL_HOSTILE_LINES)
def test_jsonl_hostile_lines(line, expected):
    items = list(read_jsonl(line, "b.jsonl"))
    assert len(items) == 1
    item = items[0]
    check(item, line)
    if isinstance(expected, str):
        assert isinstance(item, ArticleError) and item.reason == expected and item.origin == "b.jsonl:1"
    else:
        assert isinstance(item, Article), item
        assert {key: getattr(item, key) for key in expected} == expected


# ---------------------------------------------------------------- iter_articles: stdin and files
@fuzz(100)
@given(st.one_of(any_bytes, jsonl_batch_or_noise, any_html_bytes))
@example(b"\xef\xbb\xbf  {\"text\": \"jsonl on stdin\"}\n{\"text\": \"second\"}")
@example(b"<!-- x --><html><body><p>HTML on stdin, twelve words long at the very least here.</p></body></html>")
def test_iter_articles_over_stdin(data):
    items = list(iter_articles(["-"], stdin=io.BytesIO(data)))
    assert items
    for item in items:
        check(item, data)
        if isinstance(item, Article):
            assert isinstance(item.extra.get("language"), str)
    if data.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"{"):
        assert [i.origin for i in items] == expected_jsonl_origins(data, "<stdin>")
    else:
        assert len(items) == 1


@fuzz(40)
@given(st.one_of(any_text, records.map(json.dumps)))
def test_iter_articles_over_a_text_stdin(data):
    wrapped = io.TextIOWrapper(io.BytesIO(data.encode("utf-8")), encoding="utf-8")
    for stream in (wrapped, io.StringIO(data)):
        for item in iter_articles(["-"], stdin=stream):
            check(item, data)


NAME = st.text(st.sampled_from("abcXYZ019_-. éß中"), min_size=1, max_size=10)
EXTENSION = st.sampled_from([".txt", ".TXT", ".html", ".htm", ".jsonl", ".md", "", ".txt.gz"])


@fuzz(60)
@given(st.lists(st.tuples(NAME, EXTENSION, st.one_of(any_bytes, jsonl_batch, any_html_bytes)), max_size=5),
       st.one_of(st.none(), st.binary(max_size=200), multiline(line=st.lists(
           st.one_of(NAME, st.sampled_from(["file", "outlet", "published", "url", "title"])), max_size=5).map(
           "\t".join)).map(str.encode)))
def test_iter_articles_over_files_and_a_directory(files, sidecar):
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        written = {}
        for stem, extension, content in files:
            if stem.startswith(".") or stem in (".", ".."):
                continue
            path = root / (stem + extension)
            path.write_bytes(content)
            written[str(path)] = extension.lower()
        if sidecar is not None:
            (root / "index.tsv").write_bytes(sidecar)
        paths = sorted(written) + [str(root / "missing.txt")]
        for item in iter_articles(paths + [folder]):
            check(item, b"".join(content for _, _, content in files))
        for path, extension in written.items():
            items = list(iter_articles([path]))
            assert items, path
            assert all(i.origin == path or i.origin.startswith(path + ":") for i in items)
            if extension not in (".txt", ".html", ".htm", ".jsonl"):
                assert len(items) == 1 and "unsupported file type" in items[0].reason


# ---------------------------------------------------------------- read_analyses
TEXT = "Police said 12 people died in Kyiv on Monday."


def _analysis() -> dict:
    analysis = Analysis(
        document=Document(id="d1", text=TEXT, title="Police said", published="2024-03-05"),
        sections=[Section(kind="body", start=0, end=len(TEXT))],
        entities=[Entity(id="e1", name="Police", kind="organization", mentions=[Mention(start=0, end=6,
                                                                                       text="Police")]),
                  Entity(id="e2", name="Kyiv", kind="place",
                         mentions=[Mention(start=TEXT.index("Kyiv"), end=TEXT.index("Kyiv") + 4, text="Kyiv")])],
        attributions=[Attribution(id="a1", type="indirect", source="e1", cue=Span(text="said", start=7, end=11),
                                  content=Span(text=TEXT[12:-1], start=12, end=len(TEXT) - 1))],
        times=[Time(id="t1", text="Monday", start=TEXT.index("Monday"), end=TEXT.index("Monday") + 6, type="date",
                    anchor="publication")],
        quantities=[Quantity(id="q1", text="12", start=12, end=14, value=12.0)],
    )
    assert analysis.untraceable() == []
    return analysis.to_dict()


VALID = _analysis()
PATHS = [("document", "text"), ("document", "id"), ("document", "published"), ("document",), ("schema",),
         ("sections", 0, "start"), ("sections", 0, "end"), ("entities", 0, "mentions", 0, "start"),
         ("entities", 0, "mentions", 0, "end"), ("entities", 1, "mentions", 0, "text"), ("entities", 0, "kind"),
         ("attributions", 0, "cue", "start"), ("attributions", 0, "content", "end"), ("attributions", 0, "cue"),
         ("times", 0, "start"), ("times", 0, "text"), ("quantities", 0, "end"), ("quantities", 0, "value"),
         ("entities",), ("notes",), ("extra_key",), ("document", "extra_key")]
mutation_value = st.one_of(st.integers(-5, 60), st.integers(), json_value, st.sampled_from([TEXT[:10], TEXT * 2]))


def _mutated(mutations) -> dict:
    """The valid analysis with a value set at each path (paths that no longer exist are skipped)."""
    record = json.loads(json.dumps(VALID))
    for path, value in mutations:
        target = record
        for key in path[:-1]:
            if isinstance(target, dict) and key in target:
                target = target[key]
            elif isinstance(target, list) and isinstance(key, int) and key < len(target):
                target = target[key]
            else:
                target = None
                break
        if isinstance(target, dict):
            target[path[-1]] = value
    return record


analysis_line = st.one_of(
    st.lists(st.tuples(st.sampled_from(PATHS), mutation_value), max_size=3).map(_mutated).map(
        lambda r: json.dumps(r).encode("utf-8")),
    jsonl_line(),
    st.binary(max_size=200).map(lambda b: b.replace(b"\n", b" ")),
)
analyses_file = st.lists(st.tuples(analysis_line, st.sampled_from([b"\n", b"\r\n", b"\n\n", b"\n \n"])),
                         max_size=6).map(lambda pairs: b"".join(a + b for a, b in pairs))


@fuzz(100)
@given(analyses_file)
@example(json.dumps(VALID).encode() + b"\n")
@example(b'{"schema": "storyline.analysis/1", "document": {"id": "x", "text": "ab"}, '
         b'"entities": [{"id": "e1", "name": "a", "kind": "person", '
         b'"mentions": [{"start": -1, "end": 1, "text": "a"}]}]}')
@example(b"[" * 5000 + b"\n" + b'{"document": ' + b"1" * 5000 + b"}")
def test_read_analyses_of_any_file(data):
    with tempfile.TemporaryDirectory() as folder:
        path = os.path.join(folder, "analyses.jsonl")
        with open(path, "wb") as out:
            out.write(data)
        items = list(read_analyses(path))
    expected = [f"{path}:{n}" for n, line in enumerate(io.BytesIO(data).readlines(), 1) if line.strip()]
    origins = []
    for item in items:
        if isinstance(item, Analysis):
            assert item.untraceable() == []
            Analysis.model_validate_json(item.to_json())
            origins.append(None)
        else:
            assert isinstance(item, ArticleError), item
            check(item)
            origins.append(item.origin)
    assert len(items) == len(expected)
    assert [o for o in origins if o is not None] == [e for e, o in zip(expected, origins) if o is not None]
