"""Words signed after them with a dash and a name: pull quotes ('"..." ― Ann Lee') and embedded tweets."""
from __future__ import annotations

import bisect
import re

from storyline.extract import certainty as certainty_rules
from storyline.extract.attribution.builder import _Builder, _inside
from storyline.model import Certainty

_NAME = r"[A-Z][\w.'’-]*(?:[ \t]+[A-Z][\w.'’-]*){0,4}"
# the dash, the signer's name and an optional handle, right after the signed words
# (web copy often puts a no-break space around the dash)
_SIGNATURE = re.compile(rf"[ \t\xa0]*(?P<cue>[―—–])[ \t\xa0]*(?P<src>{_NAME})(?:[ \t]+\(@\w+\))?")
# a closing mark with a signature after it, on a line that opens with a quote mark of either
# direction: web copy sometimes opens a quote with a closing mark ('”We will win.” ― Ann Lee')
_SIGNED_LINE = re.compile(r"^[ \t\xa0]*(?P<content>[\"“”][^\n]*?[\"”])(?=[ \t\xa0]*[―—–][ \t\xa0]*[A-Z])",
                          re.MULTILINE)
# short words that keep their full stop at the end of a name: initials and "Jr."
_NAME_ABBREVIATIONS = frozenset("jr sr st dr".split())
# an embedded tweet: its text, a picture link, then the signature with a handle and a date
# (a link ends the words: what follows it is a picture or page furniture)
_TWEET = re.compile(rf"<tweet[^>\n]*>(?P<content>[^<\n]*?)[ \t]*(?:(?:pic\.twitter\.com|https?://)[^<\n]*?)?"
                    rf"[ \t]+(?P<cue>[―—–])[ \t]*(?P<src>{_NAME})[ \t]+\(@\w+\)")


def _signed_words(b: _Builder) -> None:
    """'"We will win." ― Ann Lee': the name after the dash is the speaker of the words before it."""
    # a whole signed line first: its quote may hold quotes of its own ('what he calls "hell" than ...')
    signed = [m.span("content") for m in _SIGNED_LINE.finditer(b.text)]
    line_ends = {end for _, end in signed}
    signed += [q for q in b.quotes if q[1] not in line_ends]
    found = [(q, _SIGNATURE.match(b.text, q[1])) for q in signed]
    found += [((m.start("content"), m.end("content")), m) for m in _TWEET.finditer(b.text)]
    for content, m in found:
        if m is None or _inside(content[0], b.skip) or content[1] - content[0] < 2:
            continue
        end = _name_end(b.text, m.start("src"), m.end("src"))
        source = b.doc.char_span(m.start("src"), end, alignment_mode="contract")
        words = b.doc.char_span(*content, alignment_mode="expand")
        if source is None or len(source) == 0 or words is None:
            continue
        certainty = certainty_rules.certainty_of_span(words) if len(words) else Certainty()
        # a signed quote, and any quote inside it, is its signer's, not the continuation of another speaker's
        for q in b.quotes.from_index(bisect.bisect_left(b.quotes, (content[0], -1))):
            if q[0] >= content[1]:
                break
            if q[1] <= content[1]:
                b.used_quotes.add(q)
        b.add("direct", (m.start("cue"), m.end("cue")), content, source, certainty)

def _name_end(text: str, start: int, end: int) -> int:
    """End of a signer's name without a sentence's full stop ('― Ann Lee.'), keeping 'Ann P.' and 'Jr.'."""
    words = text[start:end - 1].split()
    if text[end - 1] != "." or not words or len(words[-1]) <= 1 or words[-1].lower() in _NAME_ABBREVIATIONS:
        return end
    return end - 1
