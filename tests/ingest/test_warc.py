"""WARC and WARC.gz archives: one Article per unique HTML page fetched with status 200, the rest counted."""
import gzip
import io
import json
import random
import subprocess
import sys

import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from storyline.ingest import warc as warc_module
from storyline.ingest.article import Article, ArticleError
from storyline.ingest.read import iter_articles
from storyline.ingest.warc import WarcStats, is_warc, normalise_url, read_warc

CRAWLED = "2024-02-20T08:15:00Z"
FERRY_URL = "https://www.marlowgazette.example/news/ferry-aground"
BRIDGE_URL = "https://dunmere-herald.example/local/bridge-approved"
MARKT_URL = "https://www.kestelbacher-bote.example/lokales/markthalle"

FERRY = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<title>Ferry runs aground off Kestrel Point</title>
<meta property="og:site_name" content="The Marlow Gazette">
<meta property="article:published_time" content="2023-05-14T06:40:00Z">
</head><body><nav><a href="/">Home</a> <a href="/news">News</a></nav>
<article><h1>Ferry runs aground off Kestrel Point</h1>
<p>A passenger ferry carrying 112 people ran aground off Kestrel Point early on Sunday, the Marlow
harbour authority said, after its steering failed in heavy swell.</p>
<p>All passengers were taken off by lifeboat within two hours and nobody was seriously hurt,
harbour master Agnes Pellow told reporters at the quayside.</p>
<p>The operator, Tamsin Sea Lines, said the vessel would be towed to Marlow once the tide turned
and that an inquiry into the steering failure had already begun.</p>
</article><footer>Copyright The Marlow Gazette</footer></body></html>
"""

BRIDGE = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<title>Dunmere council approves new river bridge</title>
<meta property="og:site_name" content="Dunmere Herald">
</head><body>
<article><h1>Dunmere council approves new river bridge</h1>
<p>Dunmere town council voted on Tuesday evening to build a new road bridge over the River Fenn,
ending a dispute that had divided the town for four years.</p>
<p>Nine councillors voted in favour and three against, council leader Owen Carrick said after
the meeting, which lasted well past midnight.</p>
<p>The bridge is expected to cost about 6.8 million pounds and to open in 2027, according to a
report by the council's engineers.</p>
</article></body></html>
"""

MARKT = """<!DOCTYPE html>
<html lang="de"><head><meta charset="utf-8">
<title>Neue Markthalle in Kestelbach eröffnet</title>
<meta property="og:site_name" content="Kestelbacher Bote">
<meta property="article:published_time" content="2023-09-02T10:00:00+02:00">
</head><body>
<article><h1>Neue Markthalle in Kestelbach eröffnet</h1>
<p>Nach zwei Jahren Bauzeit ist die neue Markthalle in Kestelbach am Samstag eröffnet worden. Mehr
als dreitausend Besucher kamen schon am ersten Vormittag, wie die Stadtverwaltung mitteilte.</p>
<p>Bürgermeisterin Greta Hallweg sprach von einem großen Tag für die Stadt und dankte den Händlern
für ihre Geduld während der langen Bauarbeiten.</p>
</article></body></html>
"""

NOT_FOUND = "<html><head><title>Page not found</title></head><body><p>Sorry, that page is gone.</p></body></html>"
PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00"


def http(status="200 OK", content_type="text/html; charset=utf-8", *headers):
    return StatusAndHeaders(status, [("Content-Type", content_type), *headers], protocol="HTTP/1.1")


def add_response(writer, url, body, status="200 OK", content_type="text/html; charset=utf-8", *headers,
                 date=CRAWLED):
    body = body.encode("utf-8") if isinstance(body, str) else body
    record = writer.create_warc_record(url, "response", payload=io.BytesIO(body),
                                       http_headers=http(status, content_type, *headers),
                                       warc_headers_dict={"WARC-Date": date})
    writer.write_record(record)


def chunked(data: bytes, size: int = 300) -> bytes:
    pieces = [data[i:i + size] for i in range(0, len(data), size)]
    return b"".join(b"%x\r\n%s\r\n" % (len(piece), piece) for piece in pieces) + b"0\r\n\r\n"


def news_archive(gz: bool) -> bytes:
    """A small crawl: three unique pages among requests, metadata, errors, images, duplicates and a revisit."""
    out = io.BytesIO()
    writer = WARCWriter(out, gzip=gz)
    writer.write_record(writer.create_warcinfo_record("news.warc", {"software": "test crawler",
                                                                    "format": "WARC File Format 1.0"}))
    request = StatusAndHeaders("GET /news/ferry-aground HTTP/1.1", [("Host", "www.marlowgazette.example")],
                               is_http_request=True)
    writer.write_record(writer.create_warc_record(FERRY_URL, "request", payload=io.BytesIO(b""),
                                                  http_headers=request))
    add_response(writer, FERRY_URL, FERRY)
    writer.write_record(writer.create_warc_record(FERRY_URL, "metadata", payload=io.BytesIO(b"fetchTimeMs: 131\r\n"),
                                                  warc_content_type="application/warc-fields"))
    add_response(writer, "https://www.marlowgazette.example/news/old-story", NOT_FOUND, "404 Not Found")
    add_response(writer, "https://www.marlowgazette.example/images/ferry.png", PNG, "200 OK", "image/png")
    # The same page again, its URL spelt differently: a duplicate URL.
    add_response(writer, "https://WWW.MarlowGazette.example/news/ferry-aground/#comments", FERRY)
    # The same page under another URL: a duplicate text.
    add_response(writer, "https://www.marlowgazette.example/amp/ferry-aground", FERRY)
    writer.write_record(writer.create_revisit_record(
        FERRY_URL, "sha1:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", FERRY_URL, CRAWLED,
        http_headers=http("304 Not Modified")))
    # Sent gzip-compressed and chunked, as servers do.
    add_response(writer, BRIDGE_URL, chunked(gzip.compress(BRIDGE.encode("utf-8"))), "200 OK",
                 "text/html; charset=utf-8", ("Content-Encoding", "gzip"), ("Transfer-Encoding", "chunked"),
                 date="2024-02-20T08:16:30Z")
    add_response(writer, MARKT_URL, MARKT, "200 OK", "application/xhtml+xml", date="2024-02-20T08:17:00Z")
    return out.getvalue()


def read_all(data: bytes, origin="news.warc.gz"):
    stats = WarcStats()
    return list(read_warc(io.BytesIO(data), origin, stats)), stats


def reasons(items):
    return [item.reason for item in items if isinstance(item, ArticleError)]


@pytest.fixture(scope="module", params=[True, False], ids=["gzip", "plain"])
def archive(request) -> bytes:
    return news_archive(gz=request.param)


def test_each_unique_html_page_is_an_article_with_its_own_url(archive):
    items, _ = read_all(archive)
    assert all(isinstance(item, Article) for item in items), reasons(items)
    assert [item.url for item in items] == [FERRY_URL, BRIDGE_URL, MARKT_URL]
    ferry, bridge, markt = items
    assert ferry.title == "Ferry runs aground off Kestrel Point"
    assert ferry.outlet == "The Marlow Gazette"
    assert "harbour master Agnes Pellow" in ferry.text
    assert "Nine councillors voted in favour" in bridge.text  # chunked and gzipped body undone
    assert markt.title == "Neue Markthalle in Kestelbach eröffnet"  # application/xhtml+xml is HTML too


def test_crawl_date_is_kept_apart_from_the_publication_date(archive):
    ferry, bridge, markt = read_all(archive)[0]
    assert ferry.published == "2023-05-14"  # the page's own date
    assert ferry.extra["crawled"] == CRAWLED
    assert bridge.published is None  # the page has no date: the crawl date does not stand in for one
    assert bridge.extra["crawled"] == "2024-02-20T08:16:30Z"
    assert markt.published == "2023-09-02"


def test_records_are_counted(archive):
    _, stats = read_all(archive)
    assert (stats.records, stats.responses, stats.articles) == (11, 7, 3)
    assert (stats.duplicate_urls, stats.duplicate_texts, stats.duplicates) == (1, 1, 2)
    # warcinfo, request, metadata, the 404, the image and the revisit
    assert (stats.skipped, stats.errors) == (6, 0)
    assert stats.summary() == "7 responses, 3 articles, 2 duplicates, 6 skipped"


def test_origins_name_the_archive_and_each_records_offset(archive):
    items, _ = read_all(archive)
    offsets = [int(item.origin.rpartition("@")[2]) for item in items]
    assert all(item.origin.startswith("news.warc.gz@") for item in items)
    assert offsets == sorted(offsets) and offsets[0] > 0
    # The offset is where the record starts: reading from there gives that record first.
    for item, offset in zip(items, offsets):
        again = list(read_warc(io.BytesIO(archive[offset:]), "part"))
        assert again[0].url == item.url


def test_read_as_files_directories_and_stdin_with_a_language_flag(archive, tmp_path):
    (tmp_path / "crawl").mkdir()
    (tmp_path / "crawl" / "CC-NEWS-1.warc.gz").write_bytes(news_archive(gz=True))
    (tmp_path / "crawl" / "CC-NEWS-2.warc").write_bytes(news_archive(gz=False))
    (tmp_path / "crawl" / "CC-NEWS-1.warc.gz.cdx").write_bytes(b"not an input")
    by_directory = list(iter_articles([str(tmp_path / "crawl")]))
    assert [item.url for item in by_directory] == [FERRY_URL, BRIDGE_URL, MARKT_URL] * 2
    assert [item.extra["language"] for item in by_directory[:3]] == ["en", "en", "de"]
    assert by_directory[0].origin.startswith(str(tmp_path / "crawl" / "CC-NEWS-1.warc.gz") + "@")

    from_stdin = list(iter_articles(["-"], stdin=io.BytesIO(archive)))
    assert [item.url for item in from_stdin] == [FERRY_URL, BRIDGE_URL, MARKT_URL]
    assert from_stdin[0].origin.startswith("<stdin>@")
    assert [item.extra["language"] for item in from_stdin] == ["en", "en", "de"]
    cut = list(iter_articles(["-"], stdin=io.BytesIO(archive[:len(archive) * 3 // 4])))
    assert isinstance(cut[-1], ArticleError) and cut[-1].origin.startswith("<stdin>@")
    assert cut[-1].reason.startswith("truncated WARC")


def test_iter_articles_hands_back_each_archive_s_counts(archive, tmp_path):
    (tmp_path / "a.warc.gz").write_bytes(archive)
    (tmp_path / "b.warc").write_bytes(news_archive(gz=False))
    stats: dict = {}
    list(iter_articles([str(tmp_path), "-"], stdin=io.BytesIO(archive), warc_stats=stats))
    assert list(stats) == [str(tmp_path / "a.warc.gz"), str(tmp_path / "b.warc"), "<stdin>"]
    assert all((s.responses, s.articles, s.duplicates, s.skipped) == (7, 3, 2, 6) for s in stats.values())
    total = WarcStats()
    for one in stats.values():
        total.add(one)
    assert (total.records, total.articles, total.duplicate_texts) == (33, 9, 3)

def test_magic_is_recognised():
    assert is_warc(news_archive(gz=False)[:8192])
    assert is_warc(news_archive(gz=True)[:8192])
    assert not is_warc(gzip.compress(b"Ferry runs aground\n\nA ferry ran aground."))
    assert not is_warc(b"WARC is a file format")
    assert not is_warc(b"\x1f\x8b\x08\x00garbage")


def test_urls_compare_without_case_fragment_default_port_or_trailing_slash():
    assert normalise_url("HTTPS://WWW.Example.com:443/News/A/#top") == "https://www.example.com/News/A"
    assert normalise_url("http://example.com:8080/a?b=1") == "http://example.com:8080/a?b=1"
    assert normalise_url("https://example.com/") == normalise_url("https://example.com")
    assert normalise_url("http://[::1:bad") == "http://[::1:bad"


def test_a_page_over_the_size_limit_is_an_error_and_reading_goes_on(monkeypatch):
    monkeypatch.setattr(warc_module, "MAX_BYTES", len(FERRY.encode("utf-8")) + 10)
    out = io.BytesIO()
    writer = WARCWriter(out, gzip=True)
    add_response(writer, "https://www.marlowgazette.example/news/long-read", FERRY.replace("<p>", "<p>" + "x" * 50))
    add_response(writer, FERRY_URL, FERRY)
    items, stats = read_all(out.getvalue())
    assert isinstance(items[0], ArticleError) and items[0].reason.startswith("too large")
    assert items[0].origin == "news.warc.gz@0"
    assert items[1].url == FERRY_URL
    assert (stats.articles, stats.errors) == (1, 1)


def test_page_without_article_text_is_an_error_like_any_html_input():
    out = io.BytesIO()
    writer = WARCWriter(out, gzip=False)
    add_response(writer, "https://dunmere-herald.example/", "<html><body><div> </div></body></html>")
    items, stats = read_all(out.getvalue())
    assert reasons(items) == ["no article text found in HTML"]
    assert stats.errors == 1


def test_http_charset_decodes_a_page_that_names_none_itself():
    page = "<html><head><title>Café reopens in Marlow</title></head><body><article><p>The harbour café " \
           "reopened on Friday after a year of repairs, its owner Zoë Tregear said.</p></article></body></html>"
    out = io.BytesIO()
    writer = WARCWriter(out, gzip=True)
    add_response(writer, "https://www.marlowgazette.example/cafe", page.encode("cp1252"), "200 OK",
                 "text/html; charset=windows-1252")
    items, _ = read_all(out.getvalue())
    assert "owner Zoë Tregear" in items[0].text


@pytest.mark.parametrize("cut", [0.5, 0.75, 0.97])
def test_truncated_warc_gz_ends_with_one_error_naming_the_offset(cut):
    data = news_archive(gz=True)
    items, stats = read_all(data[:int(len(data) * cut)])
    errors = [item for item in items if isinstance(item, ArticleError)]
    assert len(errors) == 1 and items[-1] is errors[0]
    assert "truncated" in errors[0].reason
    offset = int(errors[0].origin.rpartition("@")[2])
    assert 0 < offset < len(data) * cut
    articles = items[:-1]
    assert [item.url for item in articles] == [FERRY_URL, BRIDGE_URL, MARKT_URL][:len(articles)]
    assert stats.errors == 1


def test_archive_cut_in_its_last_gzip_trailer_is_reported():
    data = news_archive(gz=True)
    items, _ = read_all(data[:-4])
    assert [type(item) for item in items] == [Article, Article, Article, ArticleError]
    assert items[-1].reason == "truncated WARC.gz (the compressed data ends inside a record)"


def test_truncated_plain_warc_ends_with_one_error():
    data = news_archive(gz=False)
    for cut in (len(data) // 2, len(data) - 100, len(data) - 700, 20):
        items, _ = read_all(data[:cut], "news.warc")
        assert len(reasons(items)) == 1 and isinstance(items[-1], ArticleError), (cut, reasons(items))
        assert items[-1].reason.startswith("truncated WARC"), (cut, items[-1].reason)
        assert items[-1].origin.startswith("news.warc@")


def test_every_cut_of_an_archive_is_read_without_raising_or_printing(capfd):
    for gz in (True, False):
        data = news_archive(gz)
        for cut in range(0, len(data), 13):
            items, _ = read_all(data[:cut])
            errors = reasons(items)
            assert len(errors) <= 1 and (not errors or isinstance(items[-1], ArticleError)), (gz, cut, errors)
    assert capfd.readouterr().err == ""


def test_a_page_with_a_damaged_compressed_body_is_an_error_and_the_archive_goes_on(capfd):
    words = random.Random(7).choices(["harbour", "ferry", "tide", "council", "Marlow", "pier", "storm"], k=40000)
    body = bytearray(gzip.compress(f"<html><body><p>{' '.join(words)}</p></body></html>".encode()))
    body[len(body) // 2: len(body) // 2 + 50] = b"\x00" * 50
    out = io.BytesIO()
    writer = WARCWriter(out, gzip=True)
    add_response(writer, "https://www.marlowgazette.example/news/storm-log", bytes(body), "200 OK",
                 "text/html", ("Content-Encoding", "gzip"))
    add_response(writer, FERRY_URL, FERRY)
    items, stats = read_all(out.getvalue())
    assert [type(item) for item in items] == [ArticleError, Article]
    assert items[0].origin == "news.warc.gz@0"
    assert items[0].reason.startswith("cannot read the page: damaged compressed data")
    assert capfd.readouterr().err == ""


def test_damaged_archive_stops_that_file_but_not_the_batch(tmp_path):
    data = news_archive(gz=True)
    (tmp_path / "a.warc.gz").write_bytes(data[:len(data) // 2])
    (tmp_path / "b.warc.gz").write_bytes(data)
    items = list(iter_articles([str(tmp_path)]))
    assert len(reasons(items)) == 1
    assert [item.url for item in items if isinstance(item, Article)][-3:] == [FERRY_URL, BRIDGE_URL, MARKT_URL]


def test_not_a_warc_whole_file_gzip_and_empty_are_reported(tmp_path):
    assert reasons(read_all(b"Ferry runs aground\n\nA ferry ran aground.\n")[0]) == ["not a WARC file"]
    whole = read_all(gzip.compress(news_archive(gz=False)))[0]
    assert reasons(whole) == ["gzipped as a whole, not record by record (`warcio recompress` rewrites it)"]
    assert reasons(read_all(b"")[0]) == ["empty"]


def test_cli_writes_one_analysis_per_unique_page(tmp_path):
    path = tmp_path / "CC-NEWS-20240220.warc.gz"
    path.write_bytes(news_archive(gz=True))
    done = subprocess.run([sys.executable, "-m", "storyline.cli", "analyze", str(path), "--format", "jsonl",
                           "--no-progress"], capture_output=True, timeout=600)
    assert done.returncode == 0, done.stderr.decode()
    documents = [json.loads(line)["document"] for line in done.stdout.decode().splitlines()]
    assert [document["url"] for document in documents] == [FERRY_URL, BRIDGE_URL, MARKT_URL]
    assert documents[0]["published"] == "2023-05-14"
    assert documents[1]["published"] in (None, "")  # never the crawl date


def test_a_page_is_made_valid_text_like_any_html_input():
    # A control character in the sniffed head (too few to make it binary), NUL past it, then a UTF-16 page.
    page = FERRY.replace("early on Sunday", "early\x07 on Sunday").encode("utf-8") + b"<!--" + b" " * 9000 + b"\x00-->"
    utf16 = ("\ufeff" + BRIDGE).encode("utf-16-le")
    out = io.BytesIO()
    writer = WARCWriter(out, gzip=False)
    add_response(writer, FERRY_URL, page)
    add_response(writer, BRIDGE_URL, utf16, "200 OK", "text/html")
    items, _ = read_all(out.getvalue())
    assert [type(item) for item in items] == [Article, Article], reasons(items)
    assert "early on Sunday" in items[0].text
    assert items[1].url == BRIDGE_URL and items[1].title
