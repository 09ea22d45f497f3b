"""The per-document collector of attributions, and the span helpers every construction shares."""
from __future__ import annotations

from spacy.tokens import Doc, Token
from spacy.tokens import Span as SpacySpan

from storyline.extract.attribution.sources import _Sources
from storyline.extract.spans import quote_ranges
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
    for s, e in ranges:
        if s <= pos < e:
            return (s, e)
    return None

class _Builder:
    """Collects attributions for one document."""

    def __init__(self, doc: Doc, entities: list[Entity], times: list[Time], skip: list[tuple[int, int]]):
        self.doc = doc
        self.text = doc.text  # Doc.text rebuilds the string on every access
        self.sources = _Sources(doc, entities)
        self.times = times
        self.skip = skip
        self.quotes = [q for q in quote_ranges(self.text) if not _inside(q[0], skip)]
        self.used_quotes: set[tuple[int, int]] = set()
        self.out: list[Attribution] = []
        self.cue_tokens: set[int] = set()

    def add(self, kind: str, cue: Token | tuple[int, int], content: tuple[int, int], source: Token | None,
            certainty: Certainty, cue_end: int | None = None) -> Attribution | None:
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
        if any(a.content.start == content[0] and a.content.end == content[1] for a in self.out):
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
        return attribution

    def _quote_end(self, start: int, end: int) -> int:
        """A content that opens a quote runs to its closing mark, past the sentence the parse ended in
        ('argued that "X can win. Y cannot."')."""
        for q in self.quotes:
            if start <= q[0] < end < q[1]:
                return q[1]
            if q[0] >= end:
                break
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
