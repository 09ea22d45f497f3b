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
# Control characters that are not whitespace (NUL, ESC, DEL, C1 controls but NEL): dropped from all text, as
# trafilatura drops them from HTML pages. Whitespace controls (\t \n \v \f \r \x1c-\x1f \x85) are kept.
_CONTROL_CHARACTERS = re.compile("[\x00-\x08\x0e-\x1b\x7f-\x84\x86-\x9f]+")
SURROGATE = re.compile("[\ud800-\udfff]")  # a surrogate code point: alone, no encoder accepts it
_NEWLINES = re.compile(r"\r\n?")
# Blank lines (any Unicode whitespace, or a stray BOM) before the first line with text.
_LEADING_BLANK_LINES = re.compile("\\A[\\s\ufeff]*\n")
_UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")
_UTF32_LE_BOM = b"\xff\xfe\x00\x00"  # starts like the UTF-16 LE BOM: left to the binary check


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
    """Checked, decoded text, made valid by `normalise_text`; raises ArticleError.

    Bytes must be UTF-8, or UTF-16 opened by its BOM, or else valid in the `declared` encoding (an HTML
    page's own charset).
    """
    if isinstance(data, bytes):
        if len(data) > MAX_BYTES:
            raise ArticleError(origin, too_large_reason(len(data)))
        if data.startswith(_UTF16_BOMS) and not data.startswith(_UTF32_LE_BOM):
            data = _decode_utf16(data, origin)
        elif looks_binary(data):
            raise ArticleError(origin, "binary file, not text")
        else:
            try:
                # Strict UTF-8: guessing a legacy encoding would silently corrupt names and numbers.
                data = data.decode("utf-8")
            except UnicodeDecodeError as error:
                data = _decode_declared(data, declared)
                if data is None:
                    bad = error.object[error.start]
                    raise ArticleError(origin, f"not valid UTF-8 (byte 0x{bad:02x} at offset {error.start})") \
                        from None
    text = normalise_text(data)
    if not text.strip():
        raise ArticleError(origin, "empty")
    return text


def normalise_text(text: str) -> str:
    """Untrusted text made valid, the one rule every reader (and so the API) applies to every string it keeps.

    Leading BOMs go; every line break becomes \\n (CRLF and lone CR); a lone surrogate, which no encoder
    accepts, becomes U+FFFD (a high-low pair becomes the character it encodes); control characters that
    are not whitespace (NUL, ESC, DEL, C1 controls) are dropped. Text with none of these passes unchanged.
    """
    text = _CONTROL_CHARACTERS.sub("", without_surrogates(text))  # first: a control may hide a BOM behind it
    return _NEWLINES.sub("\n", text.lstrip("\ufeff"))


def without_surrogates(text: str) -> str:
    """The text with each lone surrogate as U+FFFD and each high-low pair as the character it encodes."""
    if SURROGATE.search(text) is None:
        return text
    return text.encode("utf-16-le", "surrogatepass").decode("utf-16-le", "replace")


def single_line(text: str) -> str:
    """A metadata value (title, outlet, url...) as one stripped line: normalised, runs of whitespace one space."""
    return " ".join(normalise_text(text).split())


def _decode_utf16(data: bytes, origin: str) -> str:
    """Bytes opened by a UTF-16 BOM, decoded strictly (the BOM tells the byte order); raises ArticleError."""
    try:
        text = data.decode("utf-16")
    except UnicodeDecodeError as error:
        raise ArticleError(origin, f"not valid UTF-16 ({error.reason} at offset {error.start})") from None
    if looks_binary(text[:SNIFF_BYTES].encode("utf-8", "surrogatepass")):
        raise ArticleError(origin, "binary file, not text")
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
    text = _LEADING_BLANK_LINES.sub("", decode_text(data, origin)).lstrip("\ufeff")
    if not text.strip():  # a BOM after a blank line was all there was
        raise ArticleError(origin, "empty")
    first, _, rest = text.partition("\n")
    if rest.strip() and len(first.strip()) <= MAX_HEADLINE_CHARS:
        return Article(text=text, title=first.strip(), origin=origin, headline_in_text=True)
    # A lone line or a long first paragraph: there is no headline to speak of.
    return Article(text=text, origin=origin)
