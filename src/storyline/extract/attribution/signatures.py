"""Words signed after them with a dash and a name: pull quotes ('"..." ― Ann Lee') and embedded tweets."""
from __future__ import annotations

import re

from storyline.extract import certainty as certainty_rules
from storyline.extract.attribution.builder import _Builder, _inside
from storyline.model import Certainty

_NAME = r"[A-Z][\w.'’-]*(?:[ \t]+[A-Z][\w.'’-]*){0,4}"
# the dash, the signer's name and an optional handle, right after the signed words
_SIGNATURE = re.compile(rf"[ \t]*(?P<cue>[―—–])[ \t]*(?P<src>{_NAME})(?:[ \t]+\(@\w+\))?")
# an embedded tweet: its text, a picture link, then the signature with a handle and a date
# (a link ends the words: what follows it is a picture or page furniture)
_TWEET = re.compile(rf"<tweet[^>\n]*>(?P<content>[^<\n]*?)[ \t]*(?:(?:pic\.twitter\.com|https?://)[^<\n]*?)?"
                    rf"[ \t]+(?P<cue>[―—–])[ \t]*(?P<src>{_NAME})[ \t]+\(@\w+\)")


def _signed_words(b: _Builder) -> None:
    """'"We will win." ― Ann Lee': the name after the dash is the speaker of the words before it."""
    found = [(q, _SIGNATURE.match(b.text, q[1])) for q in b.quotes]
    found += [((m.start("content"), m.end("content")), m) for m in _TWEET.finditer(b.text)]
    for content, m in found:
        if m is None or _inside(content[0], b.skip) or content[1] - content[0] < 2:
            continue
        source = b.doc.char_span(m.start("src"), m.end("src"), alignment_mode="contract")
        words = b.doc.char_span(*content, alignment_mode="expand")
        if source is None or len(source) == 0 or words is None:
            continue
        certainty = certainty_rules.certainty_of_span(words) if len(words) else Certainty()
        b.add("direct", (m.start("cue"), m.end("cue")), content, source, certainty)
