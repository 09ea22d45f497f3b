"""JSON Lines: one report per line, as text or as HTML, with its own metadata."""
from __future__ import annotations

import io
import json
import sys
from typing import BinaryIO, Iterator

from storyline.ingest.article import ISO_DATE, Article, ArticleError, compose_text
from storyline.ingest.html import extract_html
from storyline.ingest.text import (MAX_BYTES, decode_text, looks_binary, normalise_text, single_line,
                                   too_large_reason, without_surrogates)

METADATA_KEYS = ("id", "url", "title", "outlet", "published", "language")
_JSON_TYPE_NAMES = {dict: "an object", list: "an array", str: "a string", bool: "a boolean",
                    int: "a number", float: "a number", type(None): "null"}


def read_jsonl(data: bytes | str | BinaryIO, origin: str = "<string>",
               first_line: int = 1, whole: bool = True) -> Iterator[Article | ArticleError]:
    """One Article or ArticleError per non-blank line, in order; a bad line does not stop the rest.

    `data` may be a binary stream, read line by line, so a large batch file is never held in memory.
    A part of a file (`FilePart`, `whole` False) begins at line `first_line`, and a part with
    only blank lines is not reported empty (the file is not).
    """
    if isinstance(data, str):
        data = without_surrogates(data).encode("utf-8")
    stream = io.BytesIO(data) if isinstance(data, bytes) else data
    any_line = not whole
    for number, line in _bounded_lines(stream, first_line):
        line_origin = f"{origin}:{number}"
        if line is None:
            any_line = True
            yield ArticleError(line_origin, too_large_reason(None))
            continue
        if number == 1 and looks_binary(line):
            yield ArticleError(origin, "binary file, not text")
            return
        if not line.strip():
            continue
        any_line = True
        try:
            yield read_jsonl_line(line, line_origin)
        except ArticleError as error:
            yield error
    if not any_line:
        yield ArticleError(origin, "empty")


def read_jsonl_line(line: bytes | str, origin: str) -> Article:
    """One JSON object with text or html plus optional metadata; raises ArticleError.

    Every string kept is made valid text (`normalise_text`; metadata as one line, `single_line`).
    """
    record = parse_json(decode_text(line, origin).rstrip(), origin)  # else errors at its end say "column 1"
    if not isinstance(record, dict):
        raise ArticleError(origin, f"expected a JSON object, got {_type_name(record)}")
    meta, extra = _metadata(record, origin)
    text, html = record.get("text"), record.get("html")
    if text is not None:
        if not isinstance(text, str):
            raise ArticleError(origin, f"'text' must be a string, got {_type_name(text)}")
        body = normalise_text(text)
        if not body.strip():
            raise ArticleError(origin, "empty 'text'")
    elif html is not None:
        if not isinstance(html, str):
            raise ArticleError(origin, f"'html' must be a string, got {_type_name(html)}")
        parts = extract_html(html, origin, url=meta.get("url"))
        body = parts.body
        # The line's own metadata is authoritative; the page fills what the line leaves out.
        for key, value in (("title", parts.title), ("url", parts.url),
                           ("outlet", parts.outlet), ("published", parts.published)):
            meta.setdefault(key, value)
    else:
        raise ArticleError(origin, "no 'text' or 'html' field")
    article_text, headline_in_text = compose_text(meta.get("title"), body)
    return Article(text=article_text, origin=origin, headline_in_text=headline_in_text, extra=extra, **meta)


def _metadata(record: dict, origin: str) -> tuple[dict, dict]:
    """The line's Article fields and extras that are set, checked for type; ids may be numbers."""
    meta, extra = {}, {}
    for key in METADATA_KEYS:
        value = record.get(key)
        if value is None:
            continue
        if key == "id" and isinstance(value, int) and not isinstance(value, bool):
            value = str(value)
        if not isinstance(value, str):
            raise ArticleError(origin, f"'{key}' must be a string, got {_type_name(value)}")
        value = single_line(value)
        if not value:
            continue
        if key == "language":
            extra["language"] = value
        elif key == "published" and not ISO_DATE.match(value):
            extra["published_raw"] = value  # kept for the reader, but not passed off as a date
        else:
            # A full timestamp keeps only its date.
            meta[key] = value[:10] if key == "published" else value
    return meta, extra


def parse_json(text: str | bytes, origin: str):
    """The JSON value of untrusted text; anything json.loads raises on it becomes one ArticleError."""
    try:
        return json.loads(text)
    except json.JSONDecodeError as error:
        message = error.msg[:1].lower() + error.msg[1:]
        raise ArticleError(origin, f"invalid JSON at column {error.colno}: {message}") from None
    except RecursionError:  # json.loads recurses once per level: the nesting bound is the recursion limit
        raise ArticleError(origin, "invalid JSON: nested too deeply") from None
    except ValueError as error:
        if "integer string conversion" in str(error):
            raise ArticleError(origin, f"invalid JSON: a number of more than {sys.get_int_max_str_digits():,} "
                                       "digits") from None
        raise ArticleError(origin, f"invalid JSON: {str(error).splitlines()[0][:200]}") from None


def _type_name(value: object) -> str:
    """How JSON would call the type of a decoded value."""
    return _JSON_TYPE_NAMES.get(type(value), type(value).__name__)


def _bounded_lines(stream: BinaryIO, first_line: int = 1) -> Iterator[tuple[int, bytes | None]]:
    """(line number, bytes) for each line; None for a line over MAX_BYTES, which is skipped unread."""
    number = first_line - 1
    while line := stream.readline(MAX_BYTES + 1):
        number += 1
        if len(line) > MAX_BYTES:
            while line and not line.endswith(b"\n"):
                line = stream.readline(1 << 20)
            yield number, None
        else:
            yield number, line


class FilePart:
    """The lines of a binary file that begin in bytes [start, end): a line begun before `end` is read whole."""

    def __init__(self, stream: BinaryIO, start: int, end: int):
        stream.seek(start)
        self._stream, self._offset, self._end, self._line_start = stream, start, end, True

    def readline(self, limit: int = -1) -> bytes:
        if self._line_start and self._offset >= self._end:
            return b""
        line = self._stream.readline(limit)
        self._offset += len(line)
        self._line_start = line.endswith(b"\n")
        return line
