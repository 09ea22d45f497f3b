"""The web UI's URL scheme in one place, so pages, charts and exports link alike."""
from __future__ import annotations

import re
from urllib.parse import quote

_KEY_JUNK = re.compile(r"[^\w]+", re.UNICODE)


def story_url(story_id: str) -> str:
    return f"/stories/{quote(story_id, safe='')}"


def article_url(article_id: str, start: int | None = None, end: int | None = None) -> str:
    """An article page, optionally at one span: highlighted (`?hl=START-END`) and scrolled to (`#span-START-END`)."""
    url = f"/articles/{quote(article_id, safe='')}"
    if start is not None and end is not None:
        url += f"?hl={int(start)}-{int(end)}#{span_anchor(start, end)}"
    return url


def span_anchor(start: int, end: int) -> str:
    """The element id of a highlighted span on an article page."""
    return f"span-{int(start)}-{int(end)}"


def entity_key(name: str, kind: str) -> str:
    """A name's key across stories: its kind and its casefolded words ('person:kim-jong-un')."""
    words = _KEY_JUNK.sub("-", name.casefold()).strip("-")
    return f"{kind}:{words or 'unnamed'}"


def entity_url(key: str) -> str:
    return f"/entities/{quote(key, safe='')}"
