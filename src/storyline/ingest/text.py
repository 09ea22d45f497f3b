"""Plain-text reports, and the checks every input goes through before it is decoded."""
from __future__ import annotations

import re

from storyline.ingest.article import Article, ArticleError

MAX_BYTES = 5_000_000  # one report; larger inputs are almost surely not a single news article
SNIFF_BYTES = 8192  # how much of an input the binary check looks at
MAX_CONTROL_SHARE = 0.10  # share of control bytes above which an input is taken to be binary
MAX_HEADLINE_CHARS = 300  # a longer first line is a paragraph, not a headline

# Control bytes other than the whitespace that plain text legitimately contains (\t \n \v \f \r).
_CONTROL_BYTES = bytes([*range(0, 9), *range(14, 32), 0x7F])
_NEWLINES = re.compile(r"\r\n?")
_LEADING_BLANK_LINES = re.compile(r"\A(?:[ \t\f\v]*\n)+")


def too_large_reason(size: int | None) -> str:
    """The one-line reason for an input over MAX_BYTES (size None when only a bound is known)."""
    limit = f"{MAX_BYTES / 1e6:g} MB limit"
    if size is None:
        return f"too large (> {limit})"
    return f"too large ({size / 1e6:.1f} MB > {limit})"


def looks_binary(data: bytes) -> bool:
    """True for bytes that are not text: NUL bytes or many control bytes near the start."""
    head = data[:SNIFF_BYTES]
    if b"\x00" in head:
        return True
    controls = len(head) - len(head.translate(None, _CONTROL_BYTES))
    return bool(head) and controls / len(head) > MAX_CONTROL_SHARE


def decode_text(data: bytes | str, origin: str, declared: str | None = None) -> str:
    """Checked, decoded text with a BOM removed and all line breaks as \\n; raises ArticleError.

    Bytes must be UTF-8, or else valid in the `declared` encoding (an HTML page's own charset).
    """
    if isinstance(data, bytes):
        if len(data) > MAX_BYTES:
            raise ArticleError(origin, too_large_reason(len(data)))
        if looks_binary(data):
            raise ArticleError(origin, "binary file, not text")
        try:
            # Strict UTF-8: guessing a legacy encoding would silently corrupt names and numbers.
            data = data.decode("utf-8")
        except UnicodeDecodeError as error:
            data = _decode_declared(data, declared)
            if data is None:
                bad = error.object[error.start]
                raise ArticleError(origin, f"not valid UTF-8 (byte 0x{bad:02x} at offset {error.start})") from None
    text = _NEWLINES.sub("\n", data.removeprefix("\ufeff"))
    if not text.strip():
        raise ArticleError(origin, "empty")
    return text


def _decode_declared(data: bytes, declared: str | None) -> str | None:
    """The bytes decoded strictly in their declared encoding, or None when that is not possible."""
    if not declared:
        return None
    try:
        return data.decode(declared)
    except (LookupError, UnicodeDecodeError):
        return None


def read_text(data: bytes | str, origin: str = "<string>") -> Article:
    """A plain-text report whose first non-empty line is its headline; raises ArticleError."""
    # Leading blank lines go, so that "first line of text" and "headline" are the same thing.
    text = _LEADING_BLANK_LINES.sub("", decode_text(data, origin))
    first, _, rest = text.partition("\n")
    if rest.strip() and len(first.strip()) <= MAX_HEADLINE_CHARS:
        return Article(text=text, title=first.strip(), origin=origin, headline_in_text=True)
    # A lone line or a long first paragraph: there is no headline to speak of.
    return Article(text=text, origin=origin)
