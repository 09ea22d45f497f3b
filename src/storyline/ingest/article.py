"""The Article: one input report as read from a source, before analysis."""
from __future__ import annotations

import hashlib
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
