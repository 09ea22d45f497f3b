"""Direct quotes: which quote a reporting verb introduces or closes, and quotes that continue."""
from __future__ import annotations

from spacy.tokens import Doc, Token

from storyline.extract.attribution.builder import (
    _Builder,
    _inside,
    _span,
    _subtree_range,
    _trimmed,
)
from storyline.extract.lexicon import (
    REPORTING_VERBS,
)


def _quote_near(b: _Builder, verb: Token, source: Token | None) -> tuple[int, int] | None:
    """The direct quote a reporting verb closes ('"...," Holt said') or opens ('Holt said: "..."').

    Before the verb, only the speaker may stand between quote and verb; after it,
    only a comma or colon (or the speaker, in 'said Holt: "..."').
    """
    text = b.text
    verb_end = verb.idx + len(verb.text)
    best, best_gap = None, None
    for q in b.quotes:
        if q in b.used_quotes or q[0] <= verb.idx < q[1]:
            continue
        if q[1] <= verb.idx:
            if q[1] < verb.idx - 400:
                continue
            gap = text[q[1]:verb.idx]
            if not _speaker_gap(gap, q[1], source, before=True):
                continue
            distance = verb.idx - q[1]
            if text[q[0]:q[1]].rstrip("\"”'’ ").endswith((".", "!", "?")):
                distance += 2 * len(text)  # a finished sentence: 'Holt says, "..."' takes the quote after it
        else:
            if q[0] > verb_end + 400:
                continue
            gap = text[verb_end:q[0]]
            if not (_speaker_gap(gap, verb_end, source, before=False)
                    or _listener_gap(gap) and verb_end + gap.rfind(":") < verb.sent.end_char):
                continue
            distance = q[0] - verb_end + len(text)  # a quote before the verb wins: '"...," she said, "..."'
        if best_gap is None or distance < best_gap:
            best, best_gap = q, distance
    return best

def _governed_quote(b: _Builder, verb: Token) -> tuple[int, int] | None:
    """A quote in the verb's own phrase: 'called the plan "a disaster"', 'described it as "fair"'."""
    lo = verb.idx
    hi = verb.right_edge.idx + len(verb.right_edge.text) + 2
    for q in b.quotes:
        if q in b.used_quotes or not (lo < q[0] and q[1] <= hi):
            continue
        inner = b.doc.char_span(q[0], q[1], alignment_mode="expand")
        # the quote must hang off this verb, not off a clause with its own reporting verb
        if inner is not None and not any(t.lemma_.lower() in REPORTING_VERBS and t.pos_ == "VERB" and t.i != verb.i
                                         and t.i > verb.i and t.idx < q[0] for t in verb.subtree):
            return q
    return None

def _speaker_gap(gap: str, gap_start: int, source: Token | None, before: bool) -> bool:
    """Whether the text between a quote and its verb holds nothing but punctuation and the speaker."""
    if any(mark in gap for mark in ('"', "“", "”", "''", "``")):
        return False
    bare = gap.strip(" \n,:;—–-")
    if not bare:
        return "\n\n" not in gap or (not before and gap.strip() == ":")  # 'Cruz continued:' then the quote
    if "\n\n" in gap:
        return False
    if source is None or not (gap_start <= source.idx < gap_start + len(gap)):
        return False
    if before:
        return len(bare.split()) <= 30  # '"...," Ann Holt, a spokeswoman for the mayor, said'
    return len(bare.split()) <= 8 and gap.rstrip().endswith((",", ":"))

def _listener_gap(gap: str) -> bool:
    """'told reporters: "..."', 'said on Monday: "..."': a short phrase after the verb, then a colon."""
    head, _, tail = gap.rpartition(":")
    if not _ or tail.strip() or "\n" in head or any(mark in gap for mark in ('"', "“", "”", "''", "``")):
        return False
    return len(head.split()) <= 25  # 'reported after the agency left the scene:' then a block quote

def _is_quote_content(b: _Builder, content: tuple[int, int]) -> str:
    """'direct' when the content is one quote, 'mixed' when it contains one, else 'indirect'."""
    text = b.text[content[0]:content[1]]
    if text.startswith(('"', "“", "``", "''")) and text.endswith(('"', "”", "''")):
        return "direct"  # one quote, or a quote split by its speaker ('"...," she said, "..."')
    for q in b.quotes:
        if q[0] <= content[0] + 1 and q[1] >= content[1] - 1:
            return "direct"
        if content[0] <= q[0] and q[1] <= content[1]:
            return "mixed"
    return "indirect"

def _quote_in_clause(doc: Doc, quote: tuple[int, int], content_head: Token | None) -> tuple[int, int]:
    """A quote that is only part of the reported clause takes in the rest of it:
    'said that "X" despite Y' -> 'that "X" despite Y' (a clause wholly inside the quote adds nothing)."""
    if content_head is None:
        return quote
    clause = _trimmed(doc, *_subtree_range(content_head))
    if clause is None or clause[1] <= quote[0] or clause[0] >= quote[1]:
        return quote
    return min(clause[0], quote[0]), max(clause[1], quote[1])

def _quote_resumed_after(b: _Builder, verb: Token, quote: tuple[int, int]) -> tuple[int, int] | None:
    """The rest of a quote its speaker interrupts: '"...," she said, "..."', or that goes on in the
    next sentence ('"...," she said. "..."'). PolNeAR annotates both as one discontinuous content,
    so the content spans from the first mark to the last."""
    if quote[1] > verb.idx:
        return None
    verb_end = verb.idx + len(verb.text)
    last = verb.right_edge
    while last.i > verb.i and last.is_punct:  # the parser may hang the next quote's opening mark here
        last = last.doc[last.i - 1]
    clause_end = last.idx + len(last.text)
    for q in b.quotes:
        if q[0] < verb_end or q in b.used_quotes:
            continue
        if _has_own_verb(b, q):
            return None  # '"A," she said. "B," he said.': B is someone's own quote
        gap = b.text[verb_end:q[0]]
        between = b.doc.char_span(verb_end, q[0], alignment_mode="contract")
        if (gap.rstrip().endswith(",") and len(gap.split()) <= 8 and "\n" not in gap
                and between is not None and not any(t.pos_ in ("VERB", "AUX") for t in between)):
            return q  # '..., Girard told a news conference, "..."'
        if q[0] >= clause_end and b.text[clause_end:q[0]].strip() in (",", ":", "", "."):
            return q
        return None
    return None

def _has_own_verb(b: _Builder, quote: tuple[int, int]) -> bool:
    """Whether a reporting verb follows the quote in its sentence ('"...," Holt said')."""
    after = b.doc.char_span(quote[1], min(len(b.text), quote[1] + 80), alignment_mode="contract")
    for t in after if after is not None else ():
        if t.text in (".", "!", "?", ";") or "\n" in t.text:
            break
        if t.pos_ == "VERB" and t.lemma_.lower() in REPORTING_VERBS:
            return True
    return False

def _continuing_quotes(b: _Builder) -> None:
    """A quote standing alone right after an attributed one continues the same speaker."""
    if not b.out:
        return
    by_end = sorted((a for a in b.out if a.type == "direct"), key=lambda a: a.content.end)
    for q in b.quotes:
        if q in b.used_quotes or q[1] - q[0] < 20:
            continue
        previous = [a for a in by_end if a.content.end <= q[0] and q[0] - a.content.end < 400]
        if not previous:
            continue
        last = previous[-1]
        between = b.text[last.content.end:q[0]]
        if any(_inside(i, b.quotes) for i in range(last.content.end, q[0])):
            continue
        if len(between.strip(" \n,.")) > 80:
            continue
        b.used_quotes.add(q)
        b.out.append(last.model_copy(update={
            "id": f"a{len(b.out) + 1}", "content": _span(b.text, *q), "via": list(last.via),
        }))
