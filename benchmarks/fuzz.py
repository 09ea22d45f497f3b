"""Fuzzing the readers and the analysis: hostile inputs in, only Articles, ArticleErrors and valid Analyses out.

Every input a report can arrive as is untrusted. This script feeds each target a stream of
generated hostile inputs for a fixed budget and counts what goes wrong:
- a crash: an exception other than ArticleError out of the target (for analyze, also an
  "analysis failed: ..." ArticleError, which is a crash the batch caught);
- a hang: an input still running after `--hang-seconds` (default 10 s), stopped with
  SIGALRM (signal.setitimer in the main thread); one stuck in C code that ignores the
  signal is caught by a watchdog thread at three times that, which saves it and exits;
- an invalid output: a reader's Article whose text is not a non-blank str encodable as
  UTF-8 (or holds NUL or CR), whose metadata are not encodable or whose title is not one line,
  or an item that is neither Article nor ArticleError, or a JSONL batch that does not
  give one item per non-blank line; an Analysis that breaks the contract
  (`storyline.invariants.analysis_problems`: spans, ids, JSON Schema) or does not read back
  from its JSON.

Targets (`--targets`, default all):
- text:    storyline.ingest.text.read_text(bytes)
- html:    storyline.ingest.html.read_html(bytes) (trafilatura: the slow reader)
- jsonl:   list(storyline.ingest.jsonl.read_jsonl(bytes)), a batch of 1-6 lines per input
- stdin:   list(storyline.ingest.read.iter_articles(["-"], stdin=BytesIO(bytes))): the sniffing
           of JSONL / HTML / text, then that reader, then the language guess
- warc:    list(storyline.ingest.warc.read_warc(BytesIO(bytes))): 0-3 WARC records (some gzipped, with
           chunked or compressed HTTP bodies, wrong lengths, other record types), sometimes mutated;
           skipped, saying so, when storyline.ingest.warc does not exist (it was being written when
           this script was)
- analyze: list(storyline.pipeline.analyze_articles([Article(text)])), texts <= 2,000 characters

Inputs come from plain `random.Random(--seed)` generators, cheap enough that the readers, not
the generators, take most of the time: fragments of hostile text (quote soup, control
characters, NUL, BOMs, CRLF and lone CR, Unicode line separators, emoji, right-to-left text,
combining marks, lone surrogates), byte-level garbage (latin-1 inside UTF-8, invalid and overlong
sequences, UTF-16/32 BOMs), very long lines, tag soup, JSON records with hostile fields and
broken JSON (deep nesting, huge integers, \\ud800 and \\u0000 escapes), and mutations (flips,
insertions, deletions, splices) of the example corpus and test fixtures.

Budget: `--seconds S` per reader target (default 60), `--analyze-seconds S` (default 60), or
counts instead: `--inputs N` per reader target, `--analyze-inputs N`, or per named target
(`--budget text=500000,html=20000,analyze=5000`). Printed per target: inputs tried, inputs/s
(wall clock, and per CPU second of this process: machines here are shared), crashes, hangs and
invalid outputs (each by signature: for a crash the exception type and the innermost storyline
frame), the slowest input and how many took over `--slow-seconds` (default 1 s; counted, not
failures; the slowest is saved as slowest-*.bin). Each failing input is saved (up to 3 per
signature) under `--failures DIR` (default benchmarks/.cache/fuzz/) as NAME.bin plus NAME.txt
with the traceback and a Python repro.

Every failure counts: the bugs once known (deep JSON nesting, integers of over 4,300 digits, JSON
\\ud800 and \\u0000 escapes, lone surrogates in analysed text) are fixed, and their inputs are
generated like any other (a reader replaces a lone surrogate with U+FFFD; analyze_articles refuses
an Article built in code with one, alone, which is the expected outcome, not a failure).

PASS needs 0 crashes, 0 hangs and 0 invalid outputs over at least `--min-total` inputs in all
(default 1,000,000: the issue 11 Done-when). Exit 0 after the result line whatever it says;
with `--check`, FAIL exits 1; exit 2 when storyline cannot be imported.

    .venv/bin/python benchmarks/fuzz.py                                   # 60 s per target
    .venv/bin/python benchmarks/fuzz.py --targets jsonl,text --inputs 500000 --check
    .venv/bin/python benchmarks/fuzz.py \\
        --budget text=400000,jsonl=400000,stdin=150000,warc=40000,html=20000,analyze=5000     # 1,010,000 + 5,000
    .venv/bin/python benchmarks/fuzz.py --inputs 200 --analyze-inputs 20 --min-total 0   # a quick look
"""
from __future__ import annotations

import argparse
import gzip
import hashlib
import io
import json
import os
import random
import signal
import sys
import threading
import time
import traceback
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

REPO_ROOT = Path(__file__).resolve().parents[1]
FAILURES_DIR = REPO_ROOT / "benchmarks" / ".cache" / "fuzz"
SEED_FILES = sorted([*(REPO_ROOT / "examples" / "corpus").glob("*.*"),
                     *(REPO_ROOT / "tests" / "ingest" / "fixtures").glob("*.*")])
READER_TARGETS = ("text", "html", "jsonl", "stdin", "warc")
ALL_TARGETS = (*READER_TARGETS, "analyze")
MIN_TOTAL = 1_000_000
SAVED_PER_SIGNATURE = 3
MAX_ANALYZE_CHARS = 2000
EXIT_FAIL = 1
EXIT_SETUP_ERROR = 2


# ---------------------------------------------------------------------------------------------------------------
# Generators: cheap random hostile inputs.

NEWS = ["Police", "said", "told", "according to", "the", "a", "fire", "killed", "12", "twelve", "people", "in",
        "Kyiv", "Paris", "on Monday", "last week", "March 5, 2024", "2024-03-05", "$5 million", "about 300",
        "at least 40", "officials", "Reuters", "reported", "Mr.", "Smith", "spokesman", "denied", "allegedly",
        "(AP) —", "LONDON —", "Correction:", "1e400", "9" * 30]
QUOTES = ['"', "'", "“", "”", "‘", "’", "«", "»", "„", "‟", "‹", "›", "「", "」", "『", "』", "‚", "`", "´"]
CONTROLS = [chr(c) for c in (*range(0, 32), 0x7F, *range(0x80, 0xA0))]
ODD = ["\ufeff", "\u200b", "\u200c", "\u200d", "\u200e", "\u200f", "\u202a", "\u202e", "\u2066", "\u2028", "\u2029",
       "\u00a0", "\u3000", "\u00ad", "\ufffd", "\ufffe", "\uffff", "\U0010ffff", "\U000e0001"]
EMOJI = ["😀", "👨\u200d👩\u200d👧", "🇺🇦", "👍🏽", "🏳️\u200d🌈"]
RTL = ["שלום", "المشرطة قالت", "\u202eevil\u202c", "ܐܒܓ", "ދިވެހި"]
COMBINING = ["e\u0301", "a\u0308\u0308\u0308", "Z\u0336\u0335\u0334\u0333", "\u0301", "\u20dd", "ก\u0e31\u0e49"]
EOLS = ["\n", "\r\n", "\r", "\n\n", "\r\r\n", "\u2028", "\x85", "\x0b", "\x0c", "\x1c"]
SURROGATES = ["\ud800", "\udfff", "\udc00x", "\ud83d"]
TEXT_POOL = NEWS * 3 + QUOTES * 2 + CONTROLS + ODD + EMOJI + RTL + COMBINING + EOLS * 2 + [" "] * 20

BAD_BYTES = [b"\xe9", b"caf\xe9", b"\x80", b"\xff", b"\xc3", b"\xc3\x28", b"\xed\xa0\x80", b"\xf4\x90\x80\x80",
             b"\xc0\xaf", b"\xe0\x80\xaf", b"\xf8\x88\x80\x80\x80", b"\x00", b"\x00\x00", b"\x1b[31m",
             b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff", b"\xff\xfe\x00\x00", b"\x00\x00\xfe\xff", b"\x93quoted\x94"]
TAGS = ["<html>", "</html>", "<head>", "</head>", "<body>", "</body>", "<title>", "</title>", "<p>", "</p>", "<div>",
        "</div>", "<article>", "</article>", "<main>", "<h1>", "</h1>", "<br>", "<br/>", "<script>", "</script>",
        "<style>", "</style>", "<!--", "-->", "<![CDATA[", "]]>", "<!DOCTYPE html>", "<?xml version='1.0'?>",
        '<meta charset="utf-8">', '<meta charset="iso-8859-1">', '<meta charset="utf-16">', '<meta charset="x-bad">',
        '<meta charset="unicode_escape">', '<meta charset="utf-7">', '<meta charset=rot13>',
        '<meta property="og:title" content="', '<meta property="og:site_name" content="', '">',
        '<meta name="date" content="2024-03-05">', '<meta property="article:published_time" content="',
        '<link rel="canonical" href="', '<time datetime="', '<a href="', "</a>", "&amp;", "&#0;", "&#x0;", "&#xD800;",
        "&#1114112;", "&#xFFFE;", "&nbsp;", "&", "<", ">", "<table><tr><td>", "</td></tr></table>", "<ul><li>",
        "</li></ul>", "<svg>", "</svg>", "<math>", "<template>", "<noscript>", "<iframe>", "<figure><figcaption>",
        "</figcaption></figure>", "<blockquote>", "</blockquote>", "<q>", "</q>", "<span dir=rtl>", "</span>",
        "<p>Police said twelve people were killed in the fire on Monday, officials told Reuters.</p>"]
RECORD_KEYS = ["id", "url", "title", "outlet", "published", "language", "text", "html", "extra", "text", "text"]
DATES = ["2024-03-05", "2024-03-05T10:00:00Z", "yesterday", "2024-13-45", "", " ", "٢٠٢٤-٠٣-٠٥", "0000-00-00"]
SPECIAL_LINES = [
    lambda r: b'{"text": "NUL \\u0000 inside"}',
    lambda r: '{"text": "Date", "published": "٢٠٢٤-٠٣-٠٥"}'.encode(),
    lambda r: b'{"text": "Body", "title": "Two\\nlines\\rand CR"}',
    lambda r: b'{"text": NaN, "id": Infinity}',
    lambda r: b'{"text": "a", "text": "dup", "title": "dup"}',
    lambda r: b'\xef\xbb\xbf{"text": "BOM line"}',
    lambda r: b'{"text": "' + b"long " * r.randint(10_000, 100_000) + b'"}',
    # once known bugs (a RecursionError, a ValueError, lone surrogates), now refused or made valid
    lambda r: b'{"text": "Deep", "extra": ' + b"[" * r.randint(1000, 200_000) + b"]}",
    lambda r: b'{"text": "Big", "id": ' + b"7" * r.randint(4301, 20_000) + b"}",
    lambda r: b'{"text": "Lone \\ud800 surrogate said police."}',
    lambda r: b'{"text": "Police said", "title": "T\\udc00"}',
]


def _seeds() -> list[bytes]:
    return [path.read_bytes() for path in SEED_FILES if path.is_file()]


class Generators:
    """Hostile inputs per target, from one seeded random source."""

    def __init__(self, seed: int):
        self.r = random.Random(seed)
        self.special_lines = SPECIAL_LINES
        self.seeds = _seeds() or [b"Police said twelve people died.\n\nThe fire started on Monday."]
        self.html_seeds = [s for s in self.seeds if b"<html" in s.lower() or b"<p>" in s] or self.seeds

    def text_str(self, max_pieces: int = 40) -> str:
        r = self.r
        pieces = r.choices(TEXT_POOL, k=r.randint(0, max_pieces))
        roll = r.random()
        if roll < 0.05:
            pieces.append(r.choice(TEXT_POOL) * r.randint(1_000, 20_000))  # a very long line
        elif roll < 0.10:
            pieces.append("".join(map(self.code_point, range(r.randint(1, 30)))))  # any code points
        return "".join(pieces)

    def code_point(self, _=None) -> str:
        """Any code point, a lone surrogate too."""
        return chr(self.r.randint(0, 0x10FFFF))

    def mutate(self, data: bytes) -> bytes:
        r = self.r
        buf = bytearray(data)
        for _ in range(r.randint(1, 8)):
            op = r.random()
            at = r.randint(0, len(buf))
            if op < 0.3 and buf:
                buf[min(at, len(buf) - 1)] = r.randint(0, 255)
            elif op < 0.55:
                piece = self.text_str(4).encode("utf-8", "surrogatepass")
                buf[at:at] = r.choice(BAD_BYTES) if r.random() < 0.5 else piece
            elif op < 0.75:
                del buf[at:at + r.randint(1, 200)]
            elif op < 0.9:
                buf[at:at] = buf[at:at + r.randint(1, 400)] * r.randint(1, 5)
            else:
                other = r.choice(self.seeds)
                cut = r.randint(0, len(other))
                buf[at:] = other[cut:]
        return bytes(buf)

    def encode(self, text: str) -> bytes:
        r = self.r
        roll = r.random()
        if roll < 0.75:
            data = text.encode("utf-8", "surrogatepass")
        elif roll < 0.85:
            data = text.encode(r.choice(["latin-1", "cp1252"]), "replace")
        elif roll < 0.92:
            data = text.encode(r.choice(["utf-16", "utf-16-le", "utf-32"]), "surrogatepass")
        else:
            data = r.choice(BAD_BYTES) + text.encode("utf-8", "surrogatepass")
        if r.random() < 0.1:
            at = r.randint(0, len(data))
            data = data[:at] + r.choice(BAD_BYTES) + data[at:]
        return data

    def text(self) -> bytes:
        r = self.r
        if r.random() < 0.2:
            return self.mutate(r.choice(self.seeds))
        lines = [self.text_str(12) for _ in range(r.randint(0, 6))]
        return self.encode("".join(line + r.choice(EOLS) for line in lines))

    def html(self) -> bytes:
        r = self.r
        if r.random() < 0.3:
            return self.mutate(r.choice(self.html_seeds))
        tokens = []
        for _ in range(r.randint(0, 60)):
            tokens.append(r.choice(TAGS) if r.random() < 0.5 else self.text_str(6))
        return self.encode("".join(tokens))

    def json_string(self) -> str:
        r = self.r
        roll = r.random()
        if roll < 0.6:
            return self.text_str(20)
        if roll < 0.7:
            return r.choice(DATES)
        if roll < 0.75:
            return "".join(r.choices(TAGS, k=r.randint(1, 20)))
        if roll < 0.995:
            return " ".join(r.choices(NEWS, k=r.randint(1, 30)))
        return r.choice(SURROGATES) + self.text_str(3)

    def json_value(self, depth: int = 0):
        r = self.r
        roll = r.random()
        if roll < 0.55 or depth > 3:
            return self.json_string()
        if roll < 0.65:
            return r.choice([None, True, False, 0, -1, 2 ** 63, 1e308, float("nan"), float("inf"), 1.5])
        if roll < 0.8:
            return [self.json_value(depth + 1) for _ in range(r.randint(0, 3))]
        return {self.json_string()[:8]: self.json_value(depth + 1) for _ in range(r.randint(0, 3))}

    def jsonl_line(self) -> bytes:
        r = self.r
        roll = r.random()
        if roll < 0.01:
            return r.choice(self.special_lines)(r).replace(b"\n", b" ")
        if roll < 0.07:
            return r.choice([b"", b" ", b"\t", b"\r", b"\x0c"])
        if roll < 0.12:
            return self.encode(self.text_str(10)).replace(b"\n", b" ")
        record = {}
        for _ in range(r.randint(0, 5)):
            key = r.choice(RECORD_KEYS) if r.random() < 0.9 else self.json_string()[:6]
            if key == "html" and r.random() < 0.95:
                continue  # HTML lines go through trafilatura: keep them few, or the JSONL target is an HTML target
            record[key] = self.json_value()
        if r.random() < 0.7:
            record.setdefault("text", self.json_string())
        line = json.dumps(record, ensure_ascii=r.random() < 0.5).encode("utf-8", "surrogatepass")
        if r.random() < 0.15:
            line = self.mutate(line)
        return line.replace(b"\n", b" ")

    def jsonl(self) -> bytes:
        r = self.r
        lines = [self.jsonl_line() for _ in range(r.randint(1, 6))]
        return b"".join(line + r.choice([b"\n", b"\n", b"\r\n", b"\n\n", b" \n"]) for line in lines)[
            : None if r.random() < 0.9 else -1]

    def stdin(self) -> bytes:
        roll = self.r.random()
        return self.jsonl() if roll < 0.4 else self.html() if roll < 0.5 else self.text()

    def warc(self) -> bytes:
        """1-3 WARC records (responses mostly, some gzipped, chunked or compressed), sometimes mutated."""
        r = self.r
        records = []
        for i in range(r.randint(0, 3)):
            body = self.html() if r.random() < 0.8 else self.text()
            http = [r.choice(["HTTP/1.1 200 OK", "HTTP/1.1 200 OK", "HTTP/1.0 404 Not Found", "HTTP/1.1 301 Moved",
                              "HTTP/1.1 200", "HTTP/9 999 ?", "garbage"]),
                    r.choice(["Content-Type: text/html; charset=utf-8", "Content-Type: text/html",
                              "Content-Type: application/xhtml+xml", "Content-Type: text/plain",
                              "Content-Type: text/html; charset=latin-1", "Content-Type: text/html; charset=x-bad"])]
            if r.random() < 0.1:
                body = gzip.compress(body) if r.random() < 0.8 else body[:20]
                http.append("Content-Encoding: " + r.choice(["gzip", "br", "deflate", "x-bad"]))
            if r.random() < 0.1:
                size = r.randint(1, 50)
                body = b"".join(b"%x\r\n%s\r\n" % (len(body[k:k + size]), body[k:k + size])
                                for k in range(0, len(body), size)) + (b"0\r\n\r\n" if r.random() < 0.8 else b"")
                http.append("Transfer-Encoding: chunked")
            payload = "\r\n".join(http).encode() + b"\r\n\r\n" + body
            length = len(payload) if r.random() < 0.9 else r.randint(0, len(payload) + 10)
            warc = [r.choice(["WARC/1.0", "WARC/1.1", "WARC/0.9", "WARC/1.0"]),
                    "WARC-Type: " + r.choice(["response", "response", "response", "request", "metadata", "revisit",
                                              "warcinfo", ""]),
                    "WARC-Target-URI: " + r.choice(["https://example.com/2024/03/05/fire", f"http://x.test/{i}",
                                                    "not a url", "https://example.com/a?b=1#c", ""]),
                    "WARC-Date: " + r.choice(["2024-03-05T10:00:00Z", "yesterday", ""]),
                    f"WARC-Record-ID: <urn:uuid:{r.getrandbits(64):016x}>",
                    "Content-Type: application/http; msgtype=response", f"Content-Length: {length}"]
            record = "\r\n".join(warc).encode() + b"\r\n\r\n" + payload + b"\r\n\r\n"
            records.append(gzip.compress(record) if r.random() < 0.3 else record)
        data = b"".join(records)
        return self.mutate(data) if data and r.random() < 0.3 else data

    def analyze_text(self) -> str:
        r = self.r
        pieces = []
        for _ in range(r.randint(1, 120)):
            roll = r.random()
            if roll < 0.6:
                pieces.append(r.choice(NEWS))
            elif roll < 0.97:
                pieces.append(r.choice(TEXT_POOL))
            else:  # any code point but a surrogate
                pieces.append(chr(r.randint(0, 0x10FFFF)).encode("utf-8", "surrogatepass").decode("utf-8", "replace"))
        if r.random() < 0.005:  # a lone surrogate: analyze_articles refuses the article alone
            pieces.insert(r.randint(0, len(pieces)), r.choice(SURROGATES))
        if r.random() < 0.03:
            pieces = pieces * r.randint(2, 40)  # up to the length cap
        return r.choice([" ", "", "\n"]).join(pieces)[:MAX_ANALYZE_CHARS]


# ---------------------------------------------------------------------------------------------------------------
# Targets: run one input, return the problems of its output (empty when valid); raise what the code raises.

def _article_problem(item) -> str | None:
    """What is wrong with one item a reader gave, as 'kind: detail' (the kind names the signature), or None."""
    from storyline.ingest.article import Article, ArticleError

    if isinstance(item, ArticleError):
        return None if isinstance(item.reason, str) and item.reason.strip() else "ArticleError without a reason: -"
    if not isinstance(item, Article):
        return f"neither Article nor ArticleError: {type(item).__name__}"
    if not isinstance(item.text, str) or not item.text.strip():
        return f"Article.text is not a non-blank str: {item.text!r:.60}"
    for name in ("text", "title", "id", "url", "outlet", "published"):
        value = getattr(item, name)
        if value is None:
            continue
        if not isinstance(value, str):
            return f"Article.{name} is not a str: {type(value).__name__}"
        try:
            value.encode("utf-8")
        except UnicodeEncodeError as error:
            where = f"{value[error.start]!r} at {error.start}"
            return f"Article.{name} holds a lone surrogate (not encodable as UTF-8): {where}"
    for bad, what in (("\x00", "NUL"), ("\r", "CR")):
        if bad in item.text:
            return f"Article.text holds {what}: at {item.text.index(bad)}"
    if item.title is not None and (item.title != item.title.strip() or "\n" in item.title):
        return f"Article.title is not one stripped line: {item.title[:60]!r}"
    return None


def _jsonl_origins(data: bytes, origin: str) -> list[str]:
    from storyline.ingest.text import looks_binary

    lines = io.BytesIO(data).readlines()
    if lines and looks_binary(lines[0]):
        return [origin]
    return [f"{origin}:{n}" for n, line in enumerate(lines, 1) if line.strip()] or [origin]


def run_text(data: bytes) -> list[str]:
    from storyline.ingest.article import ArticleError
    from storyline.ingest.text import read_text

    try:
        item = read_text(data, "fuzz.txt")
    except ArticleError as error:
        item = error
    problem = _article_problem(item)
    return [problem] if problem else []


def run_html(data: bytes) -> list[str]:
    from storyline.ingest.article import ArticleError
    from storyline.ingest.html import read_html

    try:
        item = read_html(data, "fuzz.html")
    except ArticleError as error:
        item = error
    problem = _article_problem(item)
    return [problem] if problem else []


def run_jsonl(data: bytes) -> list[str]:
    from storyline.ingest.jsonl import read_jsonl

    items = list(read_jsonl(data, "fuzz.jsonl"))
    problems = [p for p in map(_article_problem, items) if p]
    expected = _jsonl_origins(data, "fuzz.jsonl")
    if [i.origin for i in items] != expected:
        problems.append(f"{len(items)} items for {len(expected)} non-blank lines")
    return problems


def run_stdin(data: bytes) -> list[str]:
    from storyline.ingest.read import iter_articles

    items = list(iter_articles(["-"], stdin=io.BytesIO(data)))
    problems = [p for p in map(_article_problem, items) if p]
    if not items:
        problems.append("no item for stdin")
    return problems


def run_warc(data: bytes) -> list[str]:
    from storyline.ingest.warc import read_warc

    items = list(read_warc(io.BytesIO(data), "fuzz.warc"))  # none at all is right for requests/metadata only
    return [p for p in map(_article_problem, items) if p]


class AnalysisCrash(Exception):
    """An 'analysis failed' ArticleError: an exception the pipeline caught; raised again with its traceback."""


def run_analyze(text: str) -> list[str]:
    from storyline.ingest.article import Article, ArticleError
    from storyline.invariants import analysis_problems
    from storyline.model import Analysis
    from storyline.pipeline import analyze_articles

    article = Article(text=text, origin="fuzz")
    results = list(analyze_articles([article], english_only=False))
    if len(results) != 1:
        return [f"{len(results)} results for one article"]
    result = results[0]
    if isinstance(result, ArticleError):
        if result.reason.startswith("analysis failed"):
            _reraise_analysis_failure(article, result.reason)
        if result.reason == "empty" and not text.strip() or "time budget" in result.reason:
            return []
        if result.reason.startswith("text is not valid Unicode") and not _encodable(text):
            return []  # a lone surrogate: refused alone, as it should be
        return [f"unexpected ArticleError: {result.reason}"]
    problems = analysis_problems(result)
    serialised = result.to_json()
    if Analysis.model_validate_json(serialised).to_json() != serialised:
        problems.append("the Analysis JSON does not read back to the same JSON")
    return problems


def _encodable(text: str) -> bool:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def _reraise_analysis_failure(article, reason: str) -> None:
    """Run the failing analysis again outside the batch's guard, so the crash has its traceback."""
    from storyline.nlp import load_nlp
    from storyline.pipeline import analyze_doc

    try:
        analyze_doc(load_nlp()(article.text), article)
    except Exception as exc:
        raise AnalysisCrash(reason) from exc
    raise AnalysisCrash(reason + " (not reproduced outside the batch)")


@dataclass
class Target:
    name: str
    generate: Callable
    run: Callable
    repro: str  # Python that reproduces one input, with `data` read from the .bin file


TARGETS = {
    "text": Target("text", Generators.text, run_text,
                   "from storyline.ingest.text import read_text\nread_text(data, 'fuzz.txt')"),
    "html": Target("html", Generators.html, run_html,
                   "from storyline.ingest.html import read_html\nread_html(data, 'fuzz.html')"),
    "jsonl": Target("jsonl", Generators.jsonl, run_jsonl,
                    "from storyline.ingest.jsonl import read_jsonl\nlist(read_jsonl(data, 'fuzz.jsonl'))"),
    "stdin": Target("stdin", Generators.stdin, run_stdin,
                    "import io\nfrom storyline.ingest.read import iter_articles\n"
                    "list(iter_articles(['-'], stdin=io.BytesIO(data)))"),
    "warc": Target("warc", Generators.warc, run_warc,
                   "import io\nfrom storyline.ingest.warc import read_warc\n"
                   "list(read_warc(io.BytesIO(data), 'fuzz.warc'))"),
    "analyze": Target("analyze", Generators.analyze_text, run_analyze,
                      "from storyline.ingest.article import Article\nfrom storyline.pipeline import analyze_articles\n"
                      "text = data.decode('utf-8', 'surrogatepass')\n"
                      "list(analyze_articles([Article(text=text, origin='fuzz')], english_only=False))"),
}


WARM_UP = {
    "text": b"Harbour fire\n\nPolice said twelve people died.",
    "html": b"<html><head><title>Harbour fire</title></head><body><article><p>Police said twelve people died in "
            b"the fire on Monday, officials told Reuters.</p></article></body></html>",
    "jsonl": b'{"text": "Police said twelve people died.", "published": "2024-03-05"}\n',
    "stdin": b"Harbour fire\n\nPolice said twelve people died.",
    "warc": b"",
    "analyze": "Police said twelve people died in the fire on Monday, officials told Reuters.",
}


# ---------------------------------------------------------------------------------------------------------------
# The loop: budget, hang detection, failure records.

class Hang(BaseException):
    """Raised by SIGALRM in the input that overran --hang-seconds (a BaseException: `except Exception` misses it)."""


@dataclass
class Tally:
    target: str
    inputs: int = 0
    seconds: float = 0.0
    cpu_seconds: float = 0.0  # this process's CPU time: on a shared machine, the fairer rate
    crashes: int = 0
    hangs: int = 0
    invalid: int = 0
    slowest: float = 0.0
    slowest_input: object = None
    slow: int = 0  # inputs over --slow-seconds (not failures: a hang is over --hang-seconds)
    signatures: dict = field(default_factory=dict)  # signature -> count
    examples: dict = field(default_factory=dict)  # signature -> first saved file

    @property
    def rate(self) -> float:
        return self.inputs / self.seconds if self.seconds else 0.0

    @property
    def cpu_rate(self) -> float:
        return self.inputs / self.cpu_seconds if self.cpu_seconds else 0.0


class Watch:
    """What the main thread is running, for the watchdog thread."""

    def __init__(self):
        self.started = 0.0  # 0: idle
        self.data = None
        self.target = None


def signature(exc: BaseException) -> str:
    """Exception type and the innermost storyline frame (else the innermost frame) it went through."""
    chain = exc.__cause__ or exc
    frames = traceback.extract_tb(chain.__traceback__)
    ours = [f for f in frames if "/storyline/" in f.filename.replace(os.sep, "/")]
    frame = (ours or frames or [None])[-1]
    where = f"{Path(frame.filename).name}:{frame.lineno} {frame.name}" if frame else "?"
    kind = type(chain).__name__
    if isinstance(exc, AnalysisCrash):
        kind = f"analysis failed -> {kind}"
    return f"{kind} at {where}"


def save_failure(folder: Path, target: Target, kind: str, sig: str, data, detail: str, tally: Tally) -> Path | None:
    """Write the input and a repro under folder/target/; at most SAVED_PER_SIGNATURE per signature."""
    count = tally.signatures.get(sig, 0)
    if count > SAVED_PER_SIGNATURE:
        return None
    raw = data.encode("utf-8", "surrogatepass") if isinstance(data, str) else data
    digest = hashlib.sha256(raw).hexdigest()[:12]
    base = folder / target.name / f"{kind}-{hashlib.sha256(sig.encode()).hexdigest()[:8]}-{digest}"
    base.parent.mkdir(parents=True, exist_ok=True)
    base.with_suffix(".bin").write_bytes(raw)
    base.with_suffix(".txt").write_text(
        f"target: {target.name}\nkind: {kind}\nsignature: {sig}\ninput: {len(raw):,} bytes, {raw[:200]!r}\n\n"
        f"{detail}\n\nrepro (from the repository root):\n\n"
        f"    .venv/bin/python - <<'EOF'\n    data = open({str(base.with_suffix('.bin'))!r}, 'rb').read()\n"
        + "".join(f"    {line}\n" for line in target.repro.splitlines()) + "    EOF\n", encoding="utf-8")
    return base.with_suffix(".bin")


def _warm_dateparser(_) -> None:
    """htmldate's fallback to dateparser compiles the regexes of ~400 locales on first use: about 5 s, once."""
    from htmldate.extractors import get_external_parser

    get_external_parser().get_date_data("warm up 2024")


def fuzz_target(target: Target, gens: Generators, seconds: float | None, inputs: int | None, hang_seconds: float,
                folder: Path, watch: Watch, slow_seconds: float = 1.0) -> Tally:
    tally = Tally(target.name)
    generate, run = target.generate, target.run
    deadline = None if inputs else time.perf_counter() + seconds

    def on_alarm(signum, frame):
        raise Hang()

    # First calls load what the readers need (trafilatura's first pages take seconds): not timed.
    pages = gens.html_seeds if target.name in ("html", "jsonl", "stdin", "warc") else []
    for warm, data in [(run, WARM_UP.get(target.name, b"")), *((run_html, page) for page in pages),
                       *([(_warm_dateparser, None)] if pages else [])]:
        try:
            warm(data)
        except Exception:  # noqa: BLE001 - warm-up inputs are not under test
            pass
    previous = signal.signal(signal.SIGALRM, on_alarm)
    started, cpu_started = time.perf_counter(), time.process_time()
    try:
        while (tally.inputs < inputs) if inputs else (time.perf_counter() < deadline):
            data = generate(gens)
            watch.data, watch.target = data, target
            t0 = watch.started = time.perf_counter()
            try:
                signal.setitimer(signal.ITIMER_REAL, hang_seconds)
                try:
                    problems = run(data)
                finally:
                    signal.setitimer(signal.ITIMER_REAL, 0)
            except Hang:
                tally.hangs += 1
                sig = f"hang over {hang_seconds:g} s"
                tally.signatures[sig] = tally.signatures.get(sig, 0) + 1
                saved = save_failure(folder, target, "hang", sig, data,
                                     f"still running after {hang_seconds:g} s (SIGALRM)", tally)
                tally.examples.setdefault(sig, saved)
                problems = []
            except Exception as exc:  # a crash: anything but ArticleError escaping the target
                tally.crashes += 1
                sig = signature(exc)
                tally.signatures[sig] = tally.signatures.get(sig, 0) + 1
                detail = "".join(traceback.format_exception(exc))
                saved = save_failure(folder, target, "crash", sig, data, detail, tally)
                tally.examples.setdefault(sig, saved)
                problems = []
            elapsed = time.perf_counter() - t0
            watch.started = 0.0
            if elapsed > tally.slowest:
                tally.slowest, tally.slowest_input = elapsed, data
            tally.slow += elapsed > slow_seconds
            tally.inputs += 1
            if problems:
                tally.invalid += 1
                sig = f"invalid output: {problems[0].split(': ', 1)[0][:160]}"
                tally.signatures[sig] = tally.signatures.get(sig, 0) + 1
                saved = save_failure(folder, target, "invalid", sig, data, "\n".join(problems), tally)
                tally.examples.setdefault(sig, saved)
    finally:
        signal.signal(signal.SIGALRM, previous)
        tally.seconds = time.perf_counter() - started
        tally.cpu_seconds = time.process_time() - cpu_started
    if tally.slowest > slow_seconds:  # kept for a look, not counted as a failure
        save_failure(folder, target, "slowest", "slowest", tally.slowest_input,
                     f"the slowest input of the run: {tally.slowest:.3f} s", Tally(target.name))
    return tally


def start_watchdog(watch: Watch, hang_seconds: float, folder: Path) -> threading.Event:
    """A thread that catches a hang in C code (SIGALRM runs only between bytecodes): save it, report, exit.

    Returns the event that stops the thread."""
    limit = 3 * hang_seconds
    stop = threading.Event()

    def guard():
        while not stop.wait(0.5):
            started, data, target = watch.started, watch.data, watch.target
            if started and time.perf_counter() - started > limit and target is not None:
                tally = Tally(target.name)
                saved = save_failure(folder, target, "hang", "hard hang", data,
                                     f"still running after {limit:g} s: SIGALRM did not stop it (C code?)", tally)
                print(f"\n{target.name}: HARD HANG, an input ran over {limit:g} s and did not stop on SIGALRM; "
                      f"saved as {saved}", flush=True)
                print(f"result: FAIL (hard hang in {target.name}, input saved as {saved})", flush=True)
                os._exit(EXIT_FAIL)

    threading.Thread(target=guard, daemon=True, name="fuzz-watchdog").start()
    return stop


# ---------------------------------------------------------------------------------------------------------------

def has_warc_reader() -> bool:
    try:
        from storyline.ingest.warc import read_warc  # noqa: F401
    except ImportError:
        return False
    return True


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--targets", default=",".join(ALL_TARGETS),
                        help=f"comma-separated, of {', '.join(ALL_TARGETS)} (default all)")
    parser.add_argument("--seconds", type=float, default=60.0, help="budget per reader target (default 60)")
    parser.add_argument("--inputs", type=int, default=None, help="inputs per reader target, instead of --seconds")
    parser.add_argument("--analyze-seconds", type=float, default=60.0, help="budget of analyze (default 60)")
    parser.add_argument("--analyze-inputs", type=int, default=None, help="inputs of analyze, instead of seconds")
    parser.add_argument("--budget", default="", metavar="NAME=N,...",
                        help="inputs per named target, overriding the options above (e.g. html=20000,analyze=5000)")
    parser.add_argument("--hang-seconds", type=float, default=10.0, help="an input running longer is a hang")
    parser.add_argument("--slow-seconds", type=float, default=1.0,
                        help="inputs slower than this are counted (not failures); the slowest is saved")
    parser.add_argument("--min-total", type=int, default=MIN_TOTAL,
                        help=f"inputs needed in all for PASS (default {MIN_TOTAL:,})")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--failures", type=Path, default=FAILURES_DIR, help="where failing inputs are saved")
    parser.add_argument("--check", action="store_true", help="exit 1 on FAIL")
    args = parser.parse_args(argv)
    args.targets = [t.strip() for t in args.targets.split(",") if t.strip()]
    try:
        args.budget = {name.strip(): int(n) for name, n in (part.split("=") for part in args.budget.split(",") if part)}
    except ValueError:
        parser.error(f"--budget wants NAME=N,NAME=N, not {args.budget!r}")
    unknown = [t for t in [*args.targets, *args.budget] if t not in ALL_TARGETS]
    if unknown:
        parser.error(f"unknown target(s) {', '.join(unknown)}; choose from {', '.join(ALL_TARGETS)}")
    return args


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    # The model loads before the clock starts (the pipeline's own time budget nests under our SIGALRM).
    try:
        import storyline.ingest.read  # noqa: F401
        if "analyze" in args.targets:
            from storyline.nlp import load_nlp
            from storyline.pipeline import analyze_articles
            from storyline.ingest.article import Article

            load_nlp()
            list(analyze_articles([Article(text="Police said twelve people died on Monday.")]))  # warm up
    except Exception as exc:  # noqa: BLE001 - any import or model failure means the run cannot happen
        print(f"cannot run: storyline is not importable or its model does not load ({type(exc).__name__}: {exc})",
              file=sys.stderr)
        return EXIT_SETUP_ERROR

    watch = Watch()
    stop_watchdog = start_watchdog(watch, args.hang_seconds, args.failures)
    print(f"fuzzing {', '.join(args.targets)}: seed {args.seed}, hang limit {args.hang_seconds:g} s, "
          f"failing inputs saved under {args.failures}")
    tallies: list[Tally] = []
    for name in args.targets:
        if name == "warc" and not has_warc_reader():
            print("warc: skipped, storyline.ingest has no WARC reader (storyline.ingest.warc.read_warc) yet")
            continue
        gens = Generators(args.seed)  # per target: the seed alone decides
        analyze = name == "analyze"
        inputs = args.budget.get(name, args.analyze_inputs if analyze else args.inputs)
        tally = fuzz_target(TARGETS[name], gens, args.analyze_seconds if analyze else args.seconds, inputs,
                            args.hang_seconds, args.failures, watch, args.slow_seconds)
        tallies.append(tally)
        print(f"{name}: {tally.inputs:,} inputs in {tally.seconds:.1f} s ({tally.rate:,.0f} inputs/s; "
              f"{tally.cpu_rate:,.0f} per CPU second); "
              f"crashes {tally.crashes:,}, hangs {tally.hangs:,}, invalid outputs {tally.invalid:,}; "
              f"slowest input {tally.slowest:.3f} s, {tally.slow:,} over {args.slow_seconds:g} s", flush=True)
        for sig, count in sorted(tally.signatures.items(), key=lambda kv: -kv[1]):
            saved = tally.examples.get(sig)
            print(f"    {count:>8,} x {sig}" + (f"  (e.g. {saved})" if saved else ""))

    stop_watchdog.set()
    total = sum(t.inputs for t in tallies)
    readers = sum(t.inputs for t in tallies if t.target != "analyze")
    crashes, hangs, invalid = (sum(t.crashes for t in tallies), sum(t.hangs for t in tallies),
                               sum(t.invalid for t in tallies))
    seconds, cpu_seconds = sum(t.seconds for t in tallies), sum(t.cpu_seconds for t in tallies)
    print(f"total: {total:,} inputs in {seconds:.1f} s, {cpu_seconds:.1f} CPU s (readers {readers:,}, "
          f"analyze {total - readers:,}); "
          f"crashes {crashes:,}, hangs {hangs:,}, invalid outputs {invalid:,}")
    reasons = []
    for t in tallies:
        bad = [f"{n:,} {what}" for n, what in ((t.crashes, "crashes"), (t.hangs, "hangs"), (t.invalid, "invalid"))
               if n]
        if bad:
            reasons.append(f"{t.target}: {', '.join(bad)}")
    if total < args.min_total:
        reasons.append(f"{total:,} inputs < {args.min_total:,}")
    print("result: PASS" if not reasons else f"result: FAIL ({'; '.join(reasons)})")
    return EXIT_FAIL if reasons and args.check else 0


if __name__ == "__main__":
    sys.exit(main())
