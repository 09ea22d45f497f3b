"""The per-document collector of attributions, and the span helpers every construction shares."""
from __future__ import annotations

import bisect

from spacy.tokens import Doc, Token
from spacy.tokens import Span as SpacySpan

from storyline.extract.attribution.sources import _Sources
from storyline.extract.spans import Ranges, quote_ranges
from storyline.model import Attribution, Certainty, Entity, Span, Time

_SUBJECTS = ("nsubj", "nsubjpass", "csubj")

_OPENING_MARKS = ("\"", "“", "``", "''", "‘", "'")

def _trimmed(doc: Doc, start: int, end: int) -> tuple[int, int] | None:
    """Character range of tokens [start, end) without edge punctuation or spaces ("that" stays, as in PolNeAR)."""
    while start < end and (doc[start].is_punct and doc[start].text not in _OPENING_MARKS
                           or doc[start].is_space):
        start += 1
    while end > start and (doc[end - 1].is_space or doc[end - 1].text in (",", ";", ":", "--", "—", ".")
                           or doc[end - 1].dep_ == "cc"):
        end -= 1  # a sentence's full stop, or an "and" left over from the next clause, is not what was said
    if start >= end:
        return None
    return doc[start].idx, doc[end - 1].idx + len(doc[end - 1].text)

def _span(text: str, start: int, end: int) -> Span:
    return Span(text=text[start:end], start=start, end=end)

def _close_quote(text: str, start: int, end: int) -> int:
    """Extend a content that opens a quote mark to take in its closing mark ('...movie."')."""
    inside = text[start:end]
    straight = inside.count('"') % 2 == 1 or inside.count("''") % 2 == 1 and "``" not in inside
    if straight or inside.count("“") > inside.count("”") or inside.count("``") > inside.count("''"):
        tail = text[end:end + 4]
        for i, ch in enumerate(tail):
            if tail.startswith("''", i):
                return end + i + 2
            if ch in '"”':
                return end + i + 1
            if ch not in ".,!? ":
                break
    return end

# wh-words that open a non-restrictive relative clause after a comma: ", who leads the board"
_ASIDE_RELATIVES = frozenset("who whom whose which where when".split())

def _without_trailing_aside(doc: Doc, content: tuple[int, int]) -> tuple[int, int]:
    """A content without a comma-set relative clause at its end (", who leads the board"): it describes
    someone or something in the content, an aside of the writer, not part of what was said."""
    span = doc.char_span(*content, alignment_mode="expand")
    if span is None or len(span) < 4:
        return content
    last = span.end - 1
    for i in range(span.end - 1, span.start + 1, -1):
        t = doc[i]
        if t.text != ",":
            continue
        nxt = doc[i + 1] if i + 1 < span.end else None
        if nxt is None:
            break
        aside = None
        for c in (nxt, nxt.head):  # the wh-word itself, or the verb of the clause it opens
            if c.dep_ == "relcl" and c.left_edge.i == i + 1 and c.left_edge.lower_ in _ASIDE_RELATIVES:
                aside = c
                break
        if aside is not None and aside.right_edge.i >= last and span.start <= aside.head.i < i:
            return content[0], doc[i - 1].idx + len(doc[i - 1].text)
        break  # only the last comma of the content is looked at
    return content

def _inside(pos: int, ranges) -> tuple[int, int] | None:
    """The first of the ranges that holds `pos`; O(log n) for the builder's indexed quotes and skip ranges."""
    if isinstance(ranges, Ranges):
        return ranges.containing(pos)
    for s, e in ranges:
        if s <= pos < e:
            return (s, e)
    return None

# Contents nest: 'A said B thinks C is right' holds B's report inside A's. In news text a cue lies inside at
# most three contents found before it (331 real reports); a run like 'he said that he said that ...' would
# nest every report in all the earlier ones, and reading each content costs its length: quadratic. So a
# cue inside this many contents already found starts no report.
MAX_NESTING = 8


class _Coverage:
    """How many of the ranges added so far hold a position: a Fenwick tree over character offsets."""

    def __init__(self, size: int):
        self.tree = [0] * (size + 2)

    def _bump(self, i: int, delta: int) -> None:
        i += 1
        while i < len(self.tree):
            self.tree[i] += delta
            i += i & -i

    def add(self, start: int, end: int) -> None:
        if start < end:
            self._bump(start, 1)
            self._bump(end, -1)

    def at(self, pos: int) -> int:
        total, i = 0, min(pos, len(self.tree) - 2) + 1
        while i > 0:
            total += self.tree[i]
            i -= i & -i
        return total


class _Builder:
    """Collects attributions for one document."""

    def __init__(self, doc: Doc, entities: list[Entity], times: list[Time], skip: list[tuple[int, int]]):
        self.doc = doc
        self.text = doc.text  # Doc.text rebuilds the string on every access
        self.sources = _Sources(doc, entities)
        self.times = times
        self.skip = Ranges(skip)
        self.quotes = Ranges(q for q in quote_ranges(self.text) if not _inside(q[0], self.skip))
        assert self.quotes.sorted_disjoint  # quote_ranges pairs marks in text order; look-ups rely on it
        self.used_quotes: set[tuple[int, int]] = set()
        self.out: list[Attribution] = []
        self.cue_tokens: set[int] = set()
        # attributions by content range, so that add() finds a repeated content without a scan of self.out
        self._by_content: dict[tuple[int, int], list[Attribution]] = {}
        self._live: set[int] = set()  # ids of the attributions in self.out when it was last looked at
        self._live_list: list[Attribution] | None = None
        self._live_len = 0
        self._coverage = _Coverage(len(self.text))  # the contents added so far, for nested_too_deep()
        self._newlines = [i for i, ch in enumerate(self.text) if ch == "\n"]

    def add(self, kind: str, cue: Token | tuple[int, int], content: tuple[int, int], source: Token | None,
            certainty: Certainty, cue_end: int | None = None) -> Attribution | None:
        if self.nested_too_deep(cue.idx if isinstance(cue, Token) else cue[0]):
            return None
        if isinstance(cue, Token):
            cue_start, cue_stop = _cue_start(cue), cue_end or cue.idx + len(cue.text)
            self.cue_tokens.add(cue.i)
        else:
            cue_start, cue_stop = cue
        if content[1] - content[0] < 2:
            return None
        if kind not in ("direct", "mixed"):
            content = _without_trailing_aside(self.doc, content)
        content = (content[0], self._quote_end(*content))
        if self.has_content(*content):
            return None
        source_id = source_text = source_span = None
        if source is not None:
            if isinstance(source, SpacySpan):  # an exact phrase, e.g. the speaker before a colon
                source_id, phrase = self.sources.resolve(source.root, source)
            else:
                source_id, phrase = self.sources.resolve(source)
            source_text = phrase.text
            source_span = _span(self.text, phrase.start_char, phrase.end_char)
        attribution = Attribution(
            id=f"a{len(self.out) + 1}", type=kind, source=source_id, source_text=source_text,
            source_span=source_span, cue=_span(self.text, cue_start, cue_stop), content=_span(self.text, *content),
            certainty=certainty,
        )
        self.out.append(attribution)
        self.content_changed(attribution)
        self._coverage.add(*content)
        return attribution

    def line_at(self, pos: int) -> tuple[int, int]:
        """(start, end) of the line holding `pos`, as rfind/find of line breaks would give, without the scan."""
        k = bisect.bisect_left(self._newlines, pos)
        start = self._newlines[k - 1] + 1 if k > 0 else 0
        end = self._newlines[k] if k < len(self._newlines) else len(self.text)
        return start, end

    def nested_too_deep(self, pos: int) -> bool:
        """Whether a cue at `pos` lies inside MAX_NESTING contents already found (see MAX_NESTING)."""
        return self._coverage.at(pos) >= MAX_NESTING

    def has_content(self, start: int, end: int) -> bool:
        """Whether an attribution in self.out has exactly this content range."""
        if self.out is not self._live_list or len(self.out) != self._live_len:  # self.out was filtered or replaced
            self._live = {id(a) for a in self.out}
            self._live_list, self._live_len = self.out, len(self.out)
        return any(id(a) in self._live and a.content.start == start and a.content.end == end
                   for a in self._by_content.get((start, end), ()))

    def content_changed(self, attribution: Attribution) -> None:
        """Index an attribution (in self.out) under its content range; call it again when that range changes."""
        self._by_content.setdefault((attribution.content.start, attribution.content.end), []).append(attribution)
        if self.out is self._live_list and len(self.out) == self._live_len + 1:
            self._live.add(id(attribution))
            self._live_len += 1

    def _quote_end(self, start: int, end: int) -> int:
        """A content that opens a quote runs to its closing mark, past the sentence the parse ended in
        ('argued that "X can win. Y cannot."')."""
        q = self.quotes.containing(end)  # quotes do not overlap: only this one can hold the end
        if q is not None and start <= q[0] < end:
            return q[1]
        return _close_quote(self.text, start, end)

def _subject(verb: Token) -> Token | None:
    """The verb's subject; a coordinated verb or a participle ('..., saying') shares its head's."""
    for c in verb.children:
        if c.dep_ in _SUBJECTS:
            return c
    head = verb.head
    if verb.dep_ == "conj" and head.pos_ in ("VERB", "AUX"):
        return _subject(head)
    if verb.dep_ in ("xcomp", "advcl") and verb.tag_ == "VB":
        # "Ort continued to insist", "went on to say", "was quick to point out": the report is the subject's
        if head.pos_ == "ADJ" and head.dep_ == "acomp" and head.lower_ in RAISING_AND_WILL_ADJECTIVES:
            return _subject(head.head)
        if head.pos_ == "VERB" and head.lemma_.lower() in CATENATIVE_HEADS:
            return _subject(head)
    if verb.tag_ == "VBN" and verb.dep_ == "advcl" and not any(
            c.dep_ == "aux" and c.lower_ == "having" for c in verb.children):
        # "Having announced X, Ort left" is Ort's own act (perfect participle), so it falls through to the head's
        return None  # "Asked about X, Holt said ...": Holt was asked; who asked is not named
    if verb.tag_ in ("VBG", "VBN") and verb.dep_ in ("advcl", "xcomp", "conj") and head.pos_ in ("VERB", "AUX"):
        return _subject(head)  # "Holt rallied supporters, saying ..."
    if verb.tag_ == "VBG" and verb.dep_ == "pcomp" and head.dep_ == "prep" and head.head.pos_ in ("VERB", "AUX"):
        return _subject(head.head)  # "Ort won by talking about the wall", "after saying ...": the doer's words
    if verb.tag_ == "VBG" and verb.dep_ == "acl" and head.pos_ in ("NOUN", "PROPN"):
        # "Holt released a statement saying ...": the one who issued it; else the document itself
        issuer = _subject(head.head) if head.dep_ in ("dobj", "pobj") and head.head.pos_ == "VERB" else None
        return issuer or head
    return None

def _marked_by(clause: Token, *words: str) -> bool:
    """Whether a clause is opened by one of these subordinators ('that', 'whether', 'if')."""
    return any(m.dep_ == "mark" and m.lower_ in words for m in clause.children)

def _agent(verb: Token) -> Token | None:
    for c in verb.children:
        if c.dep_ == "agent":
            for g in c.children:
                if g.dep_ == "pobj":
                    return g
    return None

def _clause_content(verb: Token) -> Token | None:
    """The clause a verb reports; not a clause before it across a semicolon ('X said Y; Z said W'), which
    the parser sometimes hangs on the second verb but is a report of its own."""
    for c in verb.children:
        if c.dep_ in ("ccomp", "xcomp") and c.pos_ in ("VERB", "AUX", "ADJ", "NOUN"):
            if c.i < verb.i and any(t.text == ";" for t in verb.doc[c.right_edge.i + 1:verb.i]):
                continue
            return c
    return None

def _subtree_range(token: Token) -> tuple[int, int]:
    return token.left_edge.i, token.right_edge.i + 1

def _token_range(doc: Doc, start: int, end: int) -> tuple[int, int]:
    span = doc.char_span(start, end, alignment_mode="expand")
    return (span.start, span.end) if span is not None else (0, 0)

# adverbs that stay out of a cue: "so" and "as" start comparisons, wh-words start clauses
_NOT_CUE_ADVERBS = frozenset("so as how when where why however".split())

# verbs that carry a reporting verb in their infinitive without reporting anything themselves:
# "continued to insist", "seemed to suggest", "went on to say", "tried to argue"
CATENATIVE_HEADS = frozenset("try continue seem appear begin start tend struggle choose go use have fail "
                             "attempt stop avoid move rush hasten keep resist bother dare manage "
                             "proceed return".split())

# adjectives that pass their infinitive's report on to their subject: "was quick to point out", "is likely to
# say", "was reluctant to endorse"; the cue runs from the copula to the verb
# ("eager to see" is left out: there the adjective is the cue, see predicates.py)
RAISING_AND_WILL_ADJECTIVES = frozenset("quick slow likely unlikely reluctant willing unwilling careful loath loth "
                                        "hesitant prepared determined".split())

def _is_cue_adverb(t: Token, verb: Token) -> bool:
    """A one-word adverb on the verb ('also', 'repeatedly', 'publicly'), which PolNeAR keeps in the cue."""
    return (t.head.i == verb.i and t.dep_ == "advmod" and t.tag_ in ("RB", "RBR", "RBS")
            and t.lower_ not in _NOT_CUE_ADVERBS and t.left_edge.i == t.right_edge.i == t.i)

def _cue_start(verb: Token) -> int:
    """A cue takes in the auxiliaries, negation and adverbs right before its verb ('has also said'), and
    a catenative verb it depends on ('continued to insist', 'went on to say')."""
    doc = verb.doc
    i = verb.i
    # the parser hangs an infinitive on its catenative head as xcomp, or as advcl after a particle
    infinitive = verb.dep_ in ("xcomp", "advcl") and any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.lefts)
    while i > 0:
        t = doc[i - 1]
        if t.head.i == verb.i and t.dep_ in ("aux", "auxpass", "neg") or _is_cue_adverb(t, verb):
            i -= 1
        elif infinitive and t.i == verb.head.i + 1 and t.dep_ == "prt":
            i -= 1  # "went on to say": the particle of the catenative head
        elif infinitive and t.i == verb.head.i and verb.head.lemma_.lower() in CATENATIVE_HEADS:
            return _cue_start(verb.head)
        elif (infinitive and t.i == verb.head.i and verb.head.pos_ == "ADJ" and verb.head.dep_ == "acomp"
              and verb.head.lower_ in RAISING_AND_WILL_ADJECTIVES):
            return _cue_start(verb.head.head)  # "was quick to point out", "is likely to say"
        else:
            break
    return doc[i].idx

def _cue_end(verb: Token) -> int:
    """A cue ends after its verb, a following particle ('called on') or colon ('said:')."""
    doc = verb.doc
    end = verb.idx + len(verb.text)
    nxt = doc[verb.i + 1] if verb.i + 1 < len(doc) else None
    if nxt is not None and nxt.dep_ == "prt":
        end = nxt.idx + len(nxt.text)
    elif nxt is not None and nxt.text == ":":
        end = nxt.idx + 1
    return end
