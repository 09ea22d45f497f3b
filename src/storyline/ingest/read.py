"""Reading command-line inputs (files, directories, stdin) into Articles, item by item, never failing."""
from __future__ import annotations

import functools
import io
import os
import re
import sys
from typing import BinaryIO, Iterator

from storyline.ingest.article import ISO_DATE, Article, ArticleError
from storyline.ingest.html import read_html
from storyline.ingest.jsonl import FilePart, read_jsonl
from storyline.ingest.language import guess_language
from storyline.ingest.text import MAX_BYTES, SNIFF_BYTES, read_text, single_line, too_large_reason, without_surrogates
from storyline.ingest.warc import WarcStats, is_warc, read_warc

__all__ = ["MAX_BYTES", "READERS", "STDIN", "iter_articles", "iter_jsonl_part"]

STDIN = "-"
READERS = {".txt": "text", ".html": "html", ".htm": "html", ".jsonl": "jsonl", ".warc": "warc", ".warc.gz": "warc"}
_DOUBLE_EXTENSIONS = (".warc.gz",)  # extensions of two parts, looked for before the last one alone
_EXPECTED = "expected .txt, .html, .htm, .jsonl, .warc, .warc.gz"
# Stdin is HTML when it opens with markup (after an optional BOM and comments).
_HTML_START = re.compile(
    rb"(?:\xef\xbb\xbf)?\s*(?:<!--.*?-->\s*)*<(?:!doctype|html|head|body|article|main|div|p|h1|title|meta)\b",
    re.IGNORECASE | re.DOTALL,
)


def iter_articles(paths: list[str], stdin: BinaryIO | None = None,
                  warc_stats: dict[str, WarcStats] | None = None) -> Iterator[Article | ArticleError]:
    """Every item of every path, in input order, each tagged with a guess at its language.

    A path is a .txt/.html/.htm/.jsonl/.warc/.warc.gz file, a directory (searched recursively, in path order)
    or "-" for stdin; an item that cannot be read comes out as an ArticleError, never raised.
    `warc_stats`, when given, gets each archive's WarcStats (what it held and what was skipped) by origin.
    """
    for path in paths:
        yield from _with_language(_read_path(path, stdin, warc_stats))


def iter_jsonl_part(path: str, start: int, end: int, first_line: int) -> Iterator[Article | ArticleError]:
    """The items of the lines of a JSON Lines file that begin in bytes [start, end), line `first_line` the first.

    A large batch file is cut into such parts (storyline.batch.shards), read as the whole file is read."""
    try:
        with open(path, "rb") as stream:
            items = read_jsonl(FilePart(stream, start, end), path, first_line, whole=False)
            yield from _with_language(_with_sidecar(items, path))
    except OSError as error:
        yield ArticleError(path, f"cannot read ({error.strerror})")


def _stats_of(warc_stats: dict | None, origin: str) -> WarcStats | None:
    return None if warc_stats is None else warc_stats.setdefault(origin, WarcStats())


def _with_language(items: Iterator[Article | ArticleError]) -> Iterator[Article | ArticleError]:
    for item in items:
        if isinstance(item, Article):
            # Recorded, not acted on: which languages to analyse is the pipeline's decision.
            item.extra.setdefault("language", guess_language(item.text))
        yield item


def _read_path(path: str, stdin: BinaryIO | None, warc_stats: dict | None) -> Iterator[Article | ArticleError]:
    """The items of one command-line path."""
    if path == STDIN:
        yield from _read_stdin(stdin, warc_stats)
    elif os.path.isdir(path):
        files, errors = _directory_files(path)
        yield from errors
        if not files and not errors:
            yield ArticleError(path, "no .txt, .html, .htm, .jsonl, .warc or .warc.gz files in directory")
        for file in files:
            yield from _with_sidecar(_read_file(file, warc_stats), file)
    else:
        yield from _with_sidecar(_read_file(path, warc_stats), path)


SIDECAR = "index.tsv"
_SIDECAR_FIELDS = ("outlet", "published", "url", "title")


@functools.lru_cache(maxsize=64)  # read once per directory, not once per file
def read_sidecar(directory: str) -> dict[str, dict[str, str]]:
    """Metadata for plain-text files from `index.tsv` in their directory: file -> {outlet, published, url}.

    Tab-separated with a header row naming `file` and any of outlet, published, url, title.
    A missing or unreadable index gives no metadata; the texts are still read.
    """
    path = os.path.join(directory, SIDECAR)
    if not os.path.isfile(path):
        return {}
    try:
        with open(path, encoding="utf-8") as stream:
            rows = [line.rstrip("\n").split("\t") for line in stream if line.strip()]
    except (OSError, UnicodeDecodeError):
        return {}
    if not rows or "file" not in rows[0]:
        return {}
    header = rows[0]
    table = {}
    for row in rows[1:]:
        record = dict(zip(header, row))
        if record.get("file"):
            values = {k: single_line(v) for k, v in record.items() if k in _SIDECAR_FIELDS}
            if not ISO_DATE.match(values.get("published", "")):
                values.pop("published", None)  # not passed off as a date
            table[record["file"]] = {k: v[:10] if k == "published" else v for k, v in values.items() if v}
    return table


def _with_sidecar(items: Iterator[Article | ArticleError], file: str) -> Iterator[Article | ArticleError]:
    """Fill an article's missing metadata from the index.tsv beside its file."""
    if READERS.get(_extension(file)) == "warc":
        # One row cannot describe the many pages of an archive, and each page carries its own metadata.
        yield from items
        return
    metadata = read_sidecar(os.path.dirname(file)).get(os.path.basename(file), {})
    for item in items:
        if isinstance(item, Article):
            for key, value in metadata.items():
                if not getattr(item, key):
                    setattr(item, key, value)
        yield item


def _directory_files(root: str) -> tuple[list[str], list[ArticleError]]:
    """Readable files under a directory, sorted by path; hidden files and directories are left out."""
    files, errors = [], []

    def report(error: OSError) -> None:
        errors.append(ArticleError(error.filename or root, f"cannot read directory ({error.strerror})"))

    for directory, subdirectories, names in os.walk(root, onerror=report):
        subdirectories[:] = [name for name in subdirectories if not name.startswith(".")]
        files.extend(
            os.path.join(directory, name)
            for name in names
            if not name.startswith(".") and _extension(name) in READERS
        )
    return sorted(files), errors


def _extension(path: str) -> str:
    """The file's type extension, lowercased: ".warc.gz" for an archive, else the last one (".txt")."""
    name = os.path.basename(path).lower()
    for double in _DOUBLE_EXTENSIONS:
        if name.endswith(double) and len(name) > len(double):
            return double
    return os.path.splitext(name)[1]


def _read_file(path: str, warc_stats: dict | None = None) -> Iterator[Article | ArticleError]:
    """The items of one file, chosen by its extension."""
    if not os.path.exists(path):
        yield ArticleError(path, "no such file")
        return
    extension = _extension(path)
    kind = READERS.get(extension)
    if kind is None:
        named = f"'{extension}'" if extension else "(no extension)"
        yield ArticleError(path, f"unsupported file type {named} ({_EXPECTED})")
        return
    try:
        if kind == "jsonl":
            # A batch file may hold many reports: it is streamed, and the limit applies per line.
            with open(path, "rb") as stream:
                yield from read_jsonl(stream, path)
            return
        if kind == "warc":
            # An archive holds many pages: it is streamed, and the limit applies per record.
            with open(path, "rb") as stream:
                yield from read_warc(stream, path, _stats_of(warc_stats, path))
            return
        size = os.path.getsize(path)
        if size > MAX_BYTES:
            yield ArticleError(path, too_large_reason(size))
            return
        with open(path, "rb") as stream:
            data = stream.read(MAX_BYTES + 1)  # bounded even if the file grew since getsize
    except OSError as error:
        yield ArticleError(path, f"cannot read ({error.strerror})")
        return
    if len(data) > MAX_BYTES:
        yield ArticleError(path, too_large_reason(None))
        return
    yield _read_document(data, path, kind)


def _read_stdin(stdin: BinaryIO | None, warc_stats: dict | None = None) -> Iterator[Article | ArticleError]:
    """Stdin as a WARC archive, JSONL, HTML or text, judged from how it begins."""
    origin = "<stdin>"
    stream = stdin if stdin is not None else sys.stdin
    stream = getattr(stream, "buffer", stream)  # the bytes under a text stream such as sys.stdin
    head = stream.read(SNIFF_BYTES)
    if isinstance(head, str):  # a text stream without bytes underneath (io.StringIO)
        head = without_surrogates(head + stream.read()).encode("utf-8")
        stream = io.BytesIO(b"")
    if is_warc(head):
        yield from read_warc(_PrependedStream(head, stream), origin, _stats_of(warc_stats, origin))
        return
    if head.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"{"):
        yield from read_jsonl(_PrependedStream(head, stream), origin)
        return
    data = head + stream.read(MAX_BYTES + 1 - len(head))
    if len(data) > MAX_BYTES:
        yield ArticleError(origin, too_large_reason(None))
        return
    yield _read_document(data, origin, "html" if _HTML_START.match(data) else "text")


def _read_document(data: bytes, origin: str, kind: str) -> Article | ArticleError:
    """One text or HTML document, or the reason it cannot be read."""
    try:
        return read_html(data, origin) if kind == "html" else read_text(data, origin)
    except ArticleError as error:
        return error


class _PrependedStream:
    """Bytes already read from a stream, then the rest of it: stdin cannot be rewound after sniffing."""

    def __init__(self, head: bytes, stream: BinaryIO):
        self._head = io.BytesIO(head)
        self._stream = stream

    def readline(self, limit: int = -1) -> bytes:
        """One line, at most `limit` bytes, continuing from the stream where the head runs out."""
        line = self._head.readline(limit)
        if line.endswith(b"\n") or 0 <= limit <= len(line):
            return line
        return line + self._stream.readline(limit - len(line) if limit >= 0 else -1)

    def read(self, size: int | None = -1) -> bytes:
        """At most `size` bytes (all that is left when negative), continuing from the stream after the head."""
        size = -1 if size is None else size
        data = self._head.read(size)
        if size < 0:
            return data + self._stream.read()
        if len(data) < size:
            data += self._stream.read(size - len(data))
        return data
