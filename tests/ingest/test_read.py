"""Reading command-line paths and stdin: every item comes out, in order, good or bad."""
import io
from pathlib import Path

from storyline.ingest import read as read_module
from storyline.ingest.article import Article, ArticleError
from storyline.ingest.read import MAX_BYTES, iter_articles

FIXTURES = Path(__file__).parent / "fixtures"
TEXT = b"Tram line reopens in Graz\n\nThe line was closed for two weeks of repairs.\n"


def read(*paths, stdin=None) -> list:
    return list(iter_articles([str(path) for path in paths], stdin=stdin))


def reasons(items) -> list[str]:
    return [item.reason for item in items if isinstance(item, ArticleError)]


def test_each_kind_of_file_is_read():
    items = read(FIXTURES / "harbour_fire.txt", FIXTURES / "bridge_vote.html", FIXTURES / "mixed_batch.jsonl")
    assert [type(item) for item in items] == [Article, Article, Article, ArticleError, Article]
    assert items[0].title == "Fire closes harbour warehouse in Portsmouth"
    assert items[1].outlet == "The Lowmoor Courier"
    assert items[3].origin.endswith("mixed_batch.jsonl:3")


def test_every_article_carries_a_language_guess_and_none_is_dropped(tmp_path):
    german = "Straßenbahn fährt wieder in Graz\n\nDie Linie war zwei Wochen lang wegen Reparaturen gesperrt, " \
             "und die Stadt hat sich bei den Fahrgästen für die Geduld bedankt, die sie gezeigt haben."
    (tmp_path / "de.txt").write_text(german, encoding="utf-8")
    (tmp_path / "en.txt").write_bytes(TEXT)
    items = read(tmp_path / "de.txt", tmp_path / "en.txt")
    assert [item.extra["language"] for item in items] == ["de", "en"]


def test_directory_is_read_recursively_in_path_order_taking_only_known_types(tmp_path):
    for relative in ("b.txt", "a/z.htm", "a/y.TXT", "c.jsonl", "notes.md", "image.png", ".hidden.txt", ".git/x.txt"):
        target = tmp_path / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(TEXT)
    (tmp_path / "a" / "z.htm").write_text((FIXTURES / "bridge_vote.html").read_text("utf-8"), "utf-8")
    (tmp_path / "c.jsonl").write_text('{"text": "One."}\n{"text": "Two."}\n', "utf-8")
    origins = [item.origin for item in read(tmp_path)]
    assert origins == [str(tmp_path / name) for name in ("a/y.TXT", "a/z.htm", "b.txt")] + [
        f"{tmp_path / 'c.jsonl'}:1", f"{tmp_path / 'c.jsonl'}:2"]


def test_directory_without_readable_files_is_reported(tmp_path):
    (tmp_path / "readme.md").write_text("nothing", "utf-8")
    assert reasons(read(tmp_path)) == ["no .txt, .html, .htm, .jsonl, .warc or .warc.gz files in directory"]


def test_bad_paths_are_reported_and_reading_goes_on(tmp_path):
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "blank.html").write_bytes(b"  \n\n ")
    (tmp_path / "photo.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    (tmp_path / "legacy.txt").write_bytes("Caf\u00e9 reopens\n".encode("cp1252"))
    (tmp_path / "broken.html").write_bytes(b"<html><body><div><p></div></html")
    (tmp_path / "table.csv").write_bytes(b"a,b\n1,2\n")
    (tmp_path / "good.txt").write_bytes(TEXT)
    names = ("missing.txt", "empty.txt", "blank.html", "photo.txt", "legacy.txt", "broken.html", "table.csv",
             "good.txt")
    items = read(*(tmp_path / name for name in names))
    assert [item.origin for item in items] == [str(tmp_path / name) for name in names]
    assert reasons(items) == [
        "no such file",
        "empty",
        "empty",
        "binary file, not text",
        "not valid UTF-8 (byte 0xe9 at offset 3)",
        "no article text found in HTML",
        "unsupported file type '.csv' (expected .txt, .html, .htm, .jsonl, .warc, .warc.gz)",
    ]
    assert items[-1].title == "Tram line reopens in Graz"


def test_file_without_extension_is_unsupported(tmp_path):
    (tmp_path / "README").write_bytes(TEXT)
    assert reasons(read(tmp_path / "README")) == [
        "unsupported file type (no extension) (expected .txt, .html, .htm, .jsonl, .warc, .warc.gz)"]


def test_oversized_file_is_refused_without_being_read(tmp_path, monkeypatch):
    big = tmp_path / "big.txt"
    with open(big, "wb") as handle:
        handle.write(b"Headline\n\n" + b"Words and more words.\n" * 1000)
        handle.truncate(20_000_000)

    def no_reading(*args, **kwargs):
        raise AssertionError("the file was opened")

    monkeypatch.setattr(read_module, "open", no_reading, raising=False)
    assert reasons(read(big)) == ["too large (20.0 MB > 5 MB limit)"]


def test_large_jsonl_batch_is_streamed_and_limited_per_line(tmp_path):
    batch = tmp_path / "batch.jsonl"
    line = b'{"text": "' + b"Ships left the port of Gdansk on time. " * 2500 + b'"}\n'
    count = MAX_BYTES // len(line) + 10
    batch.write_bytes(line * count)
    items = read(batch)
    assert len(items) == count
    assert not reasons(items)


def test_stdin_text():
    (article,) = read("-", stdin=io.BytesIO(TEXT))
    assert (article.origin, article.title) == ("<stdin>", "Tram line reopens in Graz")


def test_stdin_html():
    (article,) = read("-", stdin=io.BytesIO((FIXTURES / "bridge_vote.html").read_bytes()))
    assert article.title == "Council approves new footbridge over the Wend"


def test_stdin_jsonl_including_lines_past_the_sniffed_head():
    lines = [f'{{"id": "n{number}", "text": "Report number {number} from Riga."}}\n' for number in range(500)]
    items = read("-", stdin=io.BytesIO("".join(lines).encode("utf-8")))
    assert [item.id for item in items] == [f"n{number}" for number in range(500)]
    assert items[-1].origin == "<stdin>:500"


def test_stdin_given_as_a_text_stream_is_read_as_bytes():
    stdin = io.TextIOWrapper(io.BytesIO(TEXT), encoding="utf-8")
    (article,) = read("-", stdin=stdin)
    assert article.title == "Tram line reopens in Graz"


def test_stdin_over_the_limit_is_refused():
    assert reasons(read("-", stdin=io.BytesIO(b"a" * (MAX_BYTES + 1)))) == ["too large (> 5 MB limit)"]


def test_empty_stdin_is_reported():
    assert reasons(read("-", stdin=io.BytesIO(b""))) == ["empty"]



def test_index_tsv_gives_text_files_their_metadata(tmp_path):
    (tmp_path / "a.txt").write_text("Bridge Reopens\n\nThe bridge reopened on Monday.\n", encoding="utf-8")
    (tmp_path / "index.tsv").write_text(
        "file\toutlet\tpublished\turl\na.txt\tNorthgate Daily\t2024-03-12\thttps://news.example/a\n", encoding="utf-8")
    [article] = list(iter_articles([str(tmp_path)]))
    assert (article.outlet, article.published, article.url) == ("Northgate Daily", "2024-03-12", "https://news.example/a")


def test_a_text_stream_stdin_with_a_lone_surrogate_is_read():
    (article,) = read("-", stdin=io.StringIO("Tram line reopens \ud800\n\nThe line was closed."))
    assert article.text == "Tram line reopens \ufffd\n\nThe line was closed."


def test_a_text_stream_stdin_of_jsonl_with_a_lone_surrogate_is_read():
    items = read("-", stdin=io.StringIO('{"text": "first \ud800"}\n{"text": "second \\ud800"}\n'))
    assert [item.text for item in items] == ["first \ufffd", "second \ufffd"]


def test_utf16_stdin_with_a_bom_is_read_as_text():
    (article,) = read("-", stdin=io.BytesIO("\ufeff".encode("utf-16-le") + TEXT.decode().encode("utf-16-le")))
    assert article.title == "Tram line reopens in Graz"


def test_index_tsv_metadata_is_one_valid_line_and_a_date_only_when_it_is_one(tmp_path):
    (tmp_path / "a.txt").write_text("Bridge Reopens\n\nThe bridge reopened on Monday.\n", encoding="utf-8")
    (tmp_path / "b.txt").write_text("Ferry Returns\n\nThe ferry ran again on Friday.\n", encoding="utf-8")
    (tmp_path / "index.tsv").write_text(
        "file\toutlet\tpublished\turl\n"
        "a.txt\t Northgate\x00  Daily \t٢٠٢٤-٠٣-١٢\thttps://news.example/a\n"
        "b.txt\tHarbour News\t2024-03-14T09:00:00Z\t\n", encoding="utf-8")
    a, b = iter_articles([str(tmp_path)])
    assert (a.outlet, a.published, a.url) == ("Northgate Daily", None, "https://news.example/a")
    assert (b.outlet, b.published, b.url) == ("Harbour News", "2024-03-14", None)
