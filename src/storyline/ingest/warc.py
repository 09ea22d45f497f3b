"""WARC and WARC.gz archives (the Common Crawl news layout): each HTML page fetched with status 200 is an Article.

Read with warcio, which handles plain and record-by-record gzipped archives and undoes chunked
and compressed HTTP bodies. Only `response` records with status 200 and an HTML content type
become articles; requests, metadata, warcinfo, revisits and other responses are skipped and
counted. A page whose URL or extracted text was already read from the same archive is dropped
as a duplicate. The WARC-Date is when the page was crawled, not when it was published: it is
kept in `extra["crawled"]`, and the publication date comes from the page itself.
"""
from __future__ import annotations

import hashlib
import logging
import zlib
from dataclasses import dataclass
from typing import BinaryIO, Iterator
from urllib.parse import urlsplit, urlunsplit

from warcio.archiveiterator import ArchiveIterator
from warcio.bufferedreaders import BufferedReader, ChunkedDataReader, DecompressingBufferedReader
from warcio.exceptions import ArchiveLoadFailed
from warcio.statusandheaders import StatusAndHeadersParserException
from warcio.utils import BUFF_SIZE

from storyline.ingest.article import Article, ArticleError
from storyline.ingest.html import declared_charset, read_html
from storyline.ingest.text import MAX_BYTES, looks_binary, too_large_reason

__all__ = ["HTML_TYPES", "WarcStats", "is_warc", "normalise_url", "read_warc"]

logger = logging.getLogger(__name__)
# warcio logs about damaged records; storyline reports them as ArticleError instead.
if logging.getLogger("warcio").level == logging.NOTSET:
    logging.getLogger("warcio").setLevel(logging.CRITICAL)

HTML_TYPES = frozenset({"text/html", "application/xhtml+xml"})
WARC_MAGIC = b"WARC/1."
GZIP_MAGIC = b"\x1f\x8b"
_DRAIN_BYTES = 1 << 16
_DEFAULT_PORTS = {"http": 80, "https": 443}


@dataclass
class WarcStats:
    """What one archive held, filled in as `read_warc` runs."""

    records: int = 0  # every record, of any type
    responses: int = 0  # `response` records, whatever their status and content type
    articles: int = 0  # Articles yielded
    duplicate_urls: int = 0  # HTML pages whose URL an earlier article of the archive had
    duplicate_texts: int = 0  # HTML pages whose extracted text an earlier article of the archive had
    skipped: int = 0  # records that are not HTML pages fetched with status 200
    errors: int = 0  # ArticleErrors yielded: unreadable pages and a damaged archive

    @property
    def duplicates(self) -> int:
        return self.duplicate_urls + self.duplicate_texts

    def add(self, other: "WarcStats") -> None:
        """Count another archive's records in with these."""
        for name in self.__dataclass_fields__:
            setattr(self, name, getattr(self, name) + getattr(other, name))

    def summary(self) -> str:
        """'N responses, M articles, K duplicates, J skipped' (and the errors, if any)."""
        text = f"{self.responses} responses, {self.articles} articles, {self.duplicates} duplicates, " \
               f"{self.skipped} skipped"
        return text + (f", {self.errors} errors" if self.errors else "")


def is_warc(head: bytes) -> bool:
    """True when the first bytes of an input are a WARC archive, plain or gzipped."""
    if head.startswith(WARC_MAGIC):
        return True
    if not head.startswith(GZIP_MAGIC):
        return False
    try:
        return zlib.decompressobj(16 + zlib.MAX_WBITS).decompress(head, len(WARC_MAGIC)).startswith(WARC_MAGIC)
    except zlib.error:
        return False


def normalise_url(url: str) -> str:
    """The URL as compared for duplicates: scheme and host lowercased; default port, fragment, trailing slash gone."""
    try:
        parts = urlsplit(url.strip())
        port = parts.port
    except ValueError:  # a malformed URL (bad port, bad IPv6 literal) is compared as it is
        return url.strip()
    scheme = parts.scheme.lower()
    host = (parts.hostname or "").rstrip(".")
    if ":" in host:
        host = f"[{host}]"
    if port is not None and port != _DEFAULT_PORTS.get(scheme):
        host = f"{host}:{port}"
    return urlunsplit((scheme, host, parts.path.rstrip("/"), parts.query, ""))


class _Damaged(Exception):
    """The archive is damaged at the current record."""


class _Truncated(_Damaged):
    """The archive ends inside the current record."""


class _PageDamaged(Exception):
    """A page's compressed HTTP body is damaged; the archive around it may be sound."""


class _RaisingDecompression:
    """For warcio's readers: raise on damaged compressed data, where warcio prints the error and reads on."""

    damage: type[Exception] = _PageDamaged

    def _decompress(self, data):
        if self.decompressor and data and self.num_block_read:
            try:
                return self.decompressor.decompress(data)
            except Exception as error:
                raise self.damage(f"damaged compressed data ({error})") from None
        return super()._decompress(data)  # the first block: uncompressed data is told apart here


class _ArchiveReader(_RaisingDecompression, DecompressingBufferedReader):
    damage = _Damaged


class _ChunkedBody(_RaisingDecompression, ChunkedDataReader):
    pass


class _EncodedBody(_RaisingDecompression, BufferedReader):
    pass


class _Records(ArchiveIterator):
    """warcio's record iterator, quiet on stderr, telling damage it would otherwise pass over."""

    INC_RECORD = ""  # warcio prints this warning on stderr; the damage is reported as an ArticleError instead
    truncated = None  # the reason, when the data stopped inside a record

    def __init__(self, stream: BinaryIO):
        super().__init__(stream)
        self.reader = _ArchiveReader(self.fh, block_size=BUFF_SIZE)
        self._start = self.offset
        self.gzipped = False

    def _next_record(self, next_line):
        record = super()._next_record(next_line)
        self.gzipped = self.reader.decompressor is not None
        return record

    def truncation(self) -> str:
        """The reason to give when the archive stops inside a record."""
        if self.gzipped:
            return "truncated WARC.gz (the compressed data ends inside a record)"
        return "truncated WARC (the data ends inside a record)"

    def at_end(self) -> bool:
        """True when no data is left after the current position (after a failure: the archive was cut)."""
        try:
            return self.reader is None or not self.reader.read(1)
        except Exception:
            return False

    def close(self):
        # warcio takes the end of the data inside a record for the end of the archive.
        reader = self.reader
        if reader is not None and reader.decompressor is not None and not reader.decompressor.eof \
                and self.fh.tell() > self._start:
            self.gzipped = True
            self.truncated = self.truncation()
        elif self.fh.tell() > self.offset:  # bytes after the last complete record
            self.truncated = self.truncation()
        super().close()


def read_warc(stream: BinaryIO, origin: str = "<string>", stats: WarcStats | None = None
              ) -> Iterator[Article | ArticleError]:
    """One Article per unique HTML page of the archive, in archive order, or an ArticleError where one fails.

    Each item's origin is `origin@offset`, the record's byte offset in the (compressed) file.
    A damaged or truncated archive ends with one ArticleError naming the offset where it broke;
    what was read before it stands. `stats`, when given, is filled in as the archive is read.
    """
    stats = stats if stats is not None else WarcStats()
    seen_urls: set[str] = set()
    seen_texts: set[bytes] = set()
    records = _Records(stream)
    broken = None
    while True:
        try:
            record = next(records, None)
            if record is None:
                break
            if records.err_count:  # the previous record did not end where its Content-Length said
                raise _Damaged("a record is not followed by a blank line (wrong Content-Length?)")
            stats.records += 1
            item = _read_record(record, origin, records.offset, stats, seen_urls, seen_texts)
        except Exception as error:  # warcio and zlib on untrusted input: report, never raise
            if isinstance(error, _Truncated) or not records.at_end():
                reason = _damage_reason(error, stats.records)
            else:  # whatever failed, it failed because the data stopped there
                reason = records.truncation()
            broken = ArticleError(f"{origin}@{records.offset}", reason)
            break
        if item is not None:
            if isinstance(item, Article):
                stats.articles += 1
            else:
                stats.errors += 1
            yield item
    if broken is None and records.truncated:
        broken = ArticleError(f"{origin}@{records.offset}", records.truncated)
    if broken is not None:
        stats.errors += 1
        yield broken
    elif stats.records == 0:
        stats.errors += 1
        yield ArticleError(origin, "empty")
    logger.info("%s: %s", origin, stats.summary())


def _read_record(record, origin: str, offset: int, stats: WarcStats,
                 seen_urls: set[str], seen_texts: set[bytes]) -> Article | ArticleError | None:
    """The record's article or error, or None when it is skipped; the record is read to its end."""
    if record.rec_type is None or record.length is None:
        raise _Damaged("incomplete WARC record header (truncated or corrupt archive)")
    item = None
    if record.rec_type == "response":
        stats.responses += 1
        item = _read_response(record, origin, offset, stats, seen_urls, seen_texts)
    else:
        stats.skipped += 1
    _drain(record)
    return item


def _read_response(record, origin: str, offset: int, stats: WarcStats,
                   seen_urls: set[str], seen_texts: set[bytes]) -> Article | ArticleError | None:
    headers = record.http_headers
    content_type = (headers.get_header("Content-Type") if headers is not None else None) \
        or record.rec_headers.get_header("WARC-Identified-Payload-Type") or ""
    mime = content_type.split(";", 1)[0].strip().lower()
    if headers is None or headers.get_statuscode() != "200" or mime not in HTML_TYPES:
        stats.skipped += 1
        return None
    url = record.rec_headers.get_header("WARC-Target-URI") or None
    key = normalise_url(url) if url else None
    if key is not None and key in seen_urls:
        stats.duplicate_urls += 1
        return None
    item_origin = f"{origin}@{offset}"
    try:
        body = _payload(record).read(MAX_BYTES + 1)
    except _PageDamaged as error:  # the page's own Content-Encoding, not the archive
        return ArticleError(item_origin, f"cannot read the page: {error}")
    if len(body) > MAX_BYTES:
        return ArticleError(item_origin, too_large_reason(None))
    try:
        article = read_html(_decoded(body, content_type), origin=item_origin, url=url)
    except ArticleError as error:
        return error
    digest = hashlib.sha256(" ".join(article.text.split()).encode("utf-8")).digest()
    if digest in seen_texts:
        stats.duplicate_texts += 1
        return None
    seen_texts.add(digest)
    if key is not None:
        seen_urls.add(key)
    crawled = record.rec_headers.get_header("WARC-Date")
    if crawled:
        article.extra["crawled"] = crawled  # when it was fetched; `published` is the page's own date
    return article


def _decoded(body: bytes, content_type: str) -> bytes | str:
    """The body, decoded with the HTTP charset when it is not UTF-8 and the page names no charset of its own."""
    charset = _http_charset(content_type)
    if not charset or looks_binary(body) or declared_charset(body):
        return body  # read_html decodes and checks it as it does any page
    try:
        body.decode("utf-8")
        return body
    except UnicodeDecodeError:
        pass
    try:
        text = body.decode(charset)
    except (LookupError, UnicodeDecodeError):
        return body  # read_html reports it as not valid UTF-8
    return text


def _http_charset(content_type: str) -> str | None:
    for parameter in content_type.split(";")[1:]:
        name, _, value = parameter.partition("=")
        if name.strip().lower() == "charset" and value.strip(" \"'"):
            return value.strip(" \"'")
    return None


def _payload(record) -> BinaryIO:
    """The HTTP body with chunking and Content-Encoding undone, as warcio's `record.content_stream()`."""
    headers = record.http_headers
    encoding = (headers.get_header("Content-Encoding") or "").strip().lower() or None
    if encoding not in BufferedReader.get_supported_decompressors():
        encoding = None  # an unknown coding is passed on as it is, and the page is then found unreadable
    if (headers.get_header("Transfer-Encoding") or "").strip().lower() == "chunked":
        return _ChunkedBody(record.raw_stream, decomp_type=encoding)
    if encoding:
        return _EncodedBody(record.raw_stream, decomp_type=encoding)
    return record.raw_stream


def _drain(record) -> None:
    """Read the record to its end; raise _Damaged when the archive stops inside it."""
    raw = record.raw_stream
    while raw.read(_DRAIN_BYTES):
        pass
    missing = getattr(raw, "limit", 0)
    if missing:
        raise _Truncated(f"truncated WARC record ({missing} of its {record.length} bytes missing)")


def _damage_reason(error: Exception, records_read: int) -> str:
    if isinstance(error, _Damaged):
        return str(error)
    message = str(error).strip()
    if "non-chunked gzip" in message:
        return "gzipped as a whole, not record by record (`warcio recompress` rewrites it)"
    if records_read == 0 and message.startswith("Unknown archive format"):
        return "not a WARC file"
    if isinstance(error, (ArchiveLoadFailed, StatusAndHeadersParserException, zlib.error)) and message:
        return f"corrupt WARC ({message.splitlines()[0][:120]})"
    return f"corrupt WARC record ({type(error).__name__})"
