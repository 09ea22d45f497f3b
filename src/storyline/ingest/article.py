"""The Article: one input report as read from a source, before analysis."""
from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from typing import Optional


@dataclass
class Article:
    """Text plus metadata of one report; `text` is exactly what offsets will index into."""

    text: str
    id: Optional[str] = None
    title: Optional[str] = None
    url: Optional[str] = None
    outlet: Optional[str] = None
    published: Optional[str] = None  # ISO date YYYY-MM-DD
    origin: str = "<string>"  # where it came from (path, path:line), for messages
    headline_in_text: bool = False  # True when the first line of `text` is the headline
    extra: dict = field(default_factory=dict)

    def content_id(self) -> str:
        """The input's own id, else a short hash of the text."""
        if self.id:
            return str(self.id)
        return hashlib.sha256(self.text.encode("utf-8")).hexdigest()[:16]


class ArticleError(Exception):
    """An input item that cannot be read or analysed; the batch goes on without it."""

    def __init__(self, origin: str, reason: str):
        super().__init__(f"{origin}: {reason}")
        self.origin = origin
        self.reason = reason


# An ISO date (a timestamp's first ten characters) in ASCII digits: \\d would take any script's digits.
ISO_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
# Typographic variants that differ between a page's <title> and its on-page headline.
_HEADLINE_FOLD = str.maketrans({"‘": "'", "’": "'", "“": '"', "”": '"', "–": "-", "—": "-", "\u00a0": " "})
# A spaced separator between headline and site name in a page <title>: "Headline - Site", "Site | Headline".
_SITE_AFTER = re.compile(r" [-|·•»] ")
_SITE_BEFORE = re.compile(r" [-|·•»] $")


def _fold(line: str) -> str:
    """A headline reduced to what matters for comparing two copies of it."""
    return " ".join(line.translate(_HEADLINE_FOLD).casefold().split())


def starts_with_headline(title: str, body: str) -> bool:
    """True when the body's first line already is the title (possibly without a site suffix)."""
    first = _fold(body.lstrip().split("\n", 1)[0])
    wanted = _fold(title)
    if not first or not wanted:
        return False
    if first == wanted:
        return True
    # "Headline - Site Name" or "Site Name | Headline" as <title>, "Headline" on the page.
    if wanted.startswith(first):
        return _SITE_AFTER.match(wanted, len(first)) is not None
    if wanted.endswith(first):
        return _SITE_BEFORE.search(wanted, 0, len(wanted) - len(first)) is not None
    return False


def compose_text(title: str | None, body: str) -> tuple[str, bool]:
    """The text offsets will index into, and whether its first line is the headline.

    A title that is not already the body's first line is prepended, separated by a blank line,
    so the headline is analysed like the rest of the report.
    """
    body = body.lstrip("\n")
    if not title or not title.strip():
        return body, False
    if starts_with_headline(title, body):
        return body.lstrip(), True
    return f"{title.strip()}\n\n{body}", True
