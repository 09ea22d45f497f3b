"""Attribution: who says so. Finds source, cue and content of every reported statement.

Constructions, each found from the dependency parse or the quote marks:
- direct quotes with the speaker before, after or around them, and quotes that
  continue over several sentences or paragraphs (`direct`, or `mixed` when a
  quote is only part of the content);
- indirect speech: a reporting verb with a clausal complement, with or without
  "that", or in parataxis ("..., officials said") (`indirect`);
- "according to X" (`according_to`); impersonal and passive reports ("it was
  reported that", "X is said to") and "reportedly" (`reported`);
- relays into `via`: "quoted in X", "as quoted by X", "cited by X", "told X"
  when X is a news outlet, and an outlet that "reported" the whole sentence.
Sources that are not named entities ("officials", "CCTV footage", "the
military") become entities of kind group, document or organization.
"""
from __future__ import annotations

import re

from spacy.tokens import Doc, Span as SpacySpan, Token

from storyline.extract import certainty as certainty_rules
from storyline.extract.entities import normalise_name
from storyline.extract.lexicon import (
    CLAIM_NOUNS,
    DOCUMENT_NOUNS,
    GROUP_NOUNS,
    ORG_NAME_WORDS,
    ORG_NOUNS,
    PERSON_NOUNS,
    RELAY_VERBS,
    REPORTING_NOUNS,
    REPORTING_VERBS,
    STANCE_PREPOSITIONS,
    STANCE_VERBS,
    STATE_OF_MIND,
    TITLE_WORDS,
)
from storyline.extract.spans import MentionIndex, quote_ranges
from storyline.model import Attribution, Certainty, Entity, Mention, Span, Time

_SUBJECTS = ("nsubj", "nsubjpass", "csubj")
# verbs that report speech only with an explicit "that" clause ("found that", not "found him hiding")
NEEDS_THAT = frozenset("find show indicate describe call order urge ask demand point post answer respond "
                       "observe recall feel hope fear worry promise vow pledge predict".split())
_PRONOUN_SUBJECTS = frozenset("it there this that".split())


class _Sources:
    """Resolves a source noun phrase to an entity id, creating entities for unnamed sources."""

    def __init__(self, doc: Doc, entities: list[Entity]):
        self.doc = doc
        self.entities = entities
        self.index = MentionIndex(entities)
        self.created: dict[str, Entity] = {}

    def resolve(self, head: Token, phrase: SpacySpan | None = None) -> tuple[str | None, SpacySpan]:
        """Entity id for the source headed by `head`, and the phrase that names it."""
        span = phrase if phrase is not None else source_phrase(head)
        eid = self.index.entity_in(head.idx, head.idx + len(head.text))
        if eid is None and (head.pos_ == "PROPN" or head.lower_ in TITLE_WORDS
                            or any(c.dep_ == "appos" for c in head.children)):
            # "Defense Minister Song" - the head may be the title; look across the whole phrase
            for start, end, mid in self.index.mentions_between(span.start_char, span.end_char):
                eid = mid
                break
        if eid is None:
            eid = self._by_descriptor(head)
        if eid is None:
            eid = self._create(head, span)
        return eid, span

    def _by_descriptor(self, head: Token) -> str | None:
        """'the minister added' -> the person described as a minister, mentioned most recently;
        'the company said' -> the organisation whose name or descriptors hold 'company', or the last one named."""
        lemma = head.lemma_.lower()
        if head.tag_ != "NN" or not any(c.lower_ == "the" for c in head.children):
            return None
        if lemma in PERSON_NOUNS:
            def fits(e):
                return e.kind == "person" and any(head.lower_ in d.lower().split() for d in e.descriptors)
        elif lemma in ORG_NOUNS:
            def fits(e):
                words = " ".join([e.name, *e.descriptors]).lower().split()
                return e.kind == "organization" and (lemma in words or lemma in ("company", "firm")
                                                     and words[-1] in ORG_NAME_WORDS)
        else:
            return None
        best, best_pos = None, -1
        for e in self.entities:
            if fits(e):
                pos = max((m.start for m in e.mentions if m.start < head.idx), default=-1)
                if pos > best_pos:
                    best, best_pos = e, pos
        if best is None:
            return None
        best.mentions.append(Mention(start=head.idx, end=head.idx + len(head.text), text=head.text))
        return best.id

    def _create(self, head: Token, span: SpacySpan) -> str | None:
        lemma = head.lemma_.lower()
        lower = head.lower_
        if lower in DOCUMENT_NOUNS or lemma in DOCUMENT_NOUNS:
            kind = "document"
        elif lower in GROUP_NOUNS:
            kind = "group"
        elif lemma in ORG_NOUNS:
            kind = "organization"
        elif lemma in PERSON_NOUNS:
            kind = "person"
        elif head.pos_ in ("NOUN", "PROPN"):
            kind = "other"
        else:
            return None
        key = normalise_name(span.text)
        entity = self.created.get(key)
        mention = Mention(start=span.start_char, end=span.end_char, text=span.text)
        if entity is None:
            name = span.text[4:] if span.text.lower().startswith("the ") else span.text
            entity = Entity(id=f"e{len(self.entities) + 1}", name=name, kind=kind, mentions=[mention])
            self.entities.append(entity)
            self.created[key] = entity
        else:
            entity.mentions.append(mention)
        return entity.id


def source_phrase(head: Token) -> SpacySpan:
    """The noun phrase naming a source, with its apposition and party tag, without relative clauses.

    "Ann Holt, a senior adviser to the mayor, said" -> "Ann Holt, a senior adviser to the mayor";
    "Sen. Ann Holt (D-Ore.) said" -> "Sen. Ann Holt (D-Ore.)" (PolNeAR's convention for sources).
    """
    doc = head.doc
    left = head.i
    for t in head.lefts:
        if t.dep_ not in ("punct", "cc"):
            left = min(left, t.left_edge.i)
            break
    right = head.i
    appos_end = -1
    for t in head.rights:
        if t.dep_ in ("relcl", "acl", "advcl"):
            break
        if t.is_punct or t.dep_ == "cc":
            continue
        right = t.right_edge.i
        if t.dep_ in ("appos", "conj"):  # "Jeb Bush and Chris Christie said": both speak
            appos_end = t.right_edge.i
    for i in range(head.i + 1, right + 1):
        if doc[i].text in (",", ";", "—", "--") and i > appos_end:
            right = i - 1  # "a source close to X, who spoke on ..." stops at the comma
            break
        if doc[i].text == "(" and not any(t.i > i for t in head.rights if t.dep_ == "appos"):
            right = i - 1
            break
    if right + 1 < len(doc) and doc[right + 1].text == ")" and doc[left:right + 1].text.count("(") == 1:
        right += 1
    while right > left and doc[right].is_punct and doc[right].text != ")":
        right -= 1
    while left < right and doc[left].is_punct:
        left += 1
    return doc[left:right + 1]


_OPENING_MARKS = ("\"", "“", "``", "''", "‘", "'")


def _trimmed(doc: Doc, start: int, end: int) -> tuple[int, int] | None:
    """Character range of tokens [start, end) without edge punctuation or spaces ("that" stays, as in PolNeAR)."""
    while start < end and (doc[start].is_punct and doc[start].text not in _OPENING_MARKS
                           or doc[start].is_space):
        start += 1
    while end > start and (doc[end - 1].is_space or doc[end - 1].text in (",", ";", ":", "--", "—", ".")):
        end -= 1  # a sentence's full stop is not part of what was said (a quote keeps its own)
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
    if verb.tag_ == "VBN" and verb.dep_ == "advcl":
        return None  # "Asked about X, Holt said ...": Holt was asked; who asked is not named
    if verb.tag_ in ("VBG", "VBN") and verb.dep_ in ("advcl", "xcomp", "conj") and head.pos_ in ("VERB", "AUX"):
        return _subject(head)  # "Holt rallied supporters, saying ..."
    if verb.tag_ == "VBG" and verb.dep_ == "acl" and head.pos_ in ("NOUN", "PROPN"):
        # "Holt released a statement saying ...": the one who issued it; else the document itself
        issuer = _subject(head.head) if head.dep_ in ("dobj", "pobj") and head.head.pos_ == "VERB" else None
        return issuer or head
    return None


def _agent(verb: Token) -> Token | None:
    for c in verb.children:
        if c.dep_ == "agent":
            for g in c.children:
                if g.dep_ == "pobj":
                    return g
    return None


def _clause_content(verb: Token) -> Token | None:
    for c in verb.children:
        if c.dep_ in ("ccomp", "xcomp") and c.pos_ in ("VERB", "AUX", "ADJ", "NOUN"):
            return c
    return None


def _subtree_range(token: Token) -> tuple[int, int]:
    return token.left_edge.i, token.right_edge.i + 1


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
        else:
            if q[0] > verb_end + 400:
                continue
            gap = text[verb_end:q[0]]
            if not (_speaker_gap(gap, verb_end, source, before=False) or _listener_gap(gap)):
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


def _reporting_verbs(b: _Builder) -> None:
    doc = b.doc
    for verb in doc:
        lemma = verb.lemma_.lower()
        if verb.pos_ != "VERB" or not (lemma in REPORTING_VERBS or lemma in STANCE_VERBS
                                       or lemma in STANCE_PREPOSITIONS or _takes_that_clause(verb)):
            continue
        if _inside(verb.idx, b.skip) or _inside(verb.idx, b.quotes):
            continue
        if verb.dep_ == "amod" or verb.tag_ == "VBN" and verb.dep_ == "acl":
            continue
        if verb.lower_ == "citing" and verb.dep_ in ("advcl", "xcomp", "conj", "acl", "pcomp"):
            continue  # "X reported, citing officials": a relay, folded into X's report
        passive = any(c.dep_ in ("auxpass", "nsubjpass") for c in verb.children) or _bare_participle(verb)
        subject = _subject(verb)
        # in the passive the subject is what was said or who was told; the speaker is the by-agent
        source = _agent(verb) if passive else (subject or _agent(verb))
        if source is not None and source.tag_ in ("WDT", "WP") and source.lower_ not in ("who", "which"):
            continue
        if passive and subject is not None and lemma in ("say", "report", "believe", "think", "expect", "know",
                                                         "rumor", "rumour", "understand", "allege"):
            source = subject  # "X is said to have fled": _reported_content makes X part of the content
        content, source = _reported_content(b, verb, lemma, source, passive)
        if content is None:
            continue
        if source is not None and (source.lower_ in _PRONOUN_SUBJECTS or source.dep_ == "expl"):
            source = None  # "it was reported that": no one named
        kind = _is_quote_content(b, content)
        if passive and source is None:
            kind = "reported"
        content_span = doc.char_span(*content, alignment_mode="expand")
        certainty = certainty_rules.certainty_of_cue(verb, content_span) if content_span is not None else Certainty()
        origin = _cited_origin(verb)
        relay_source = None
        if origin is not None and source is not None:
            source, relay_source = origin, source  # "X reported, citing officials": officials said it, via X
        cue_end = content[0] if _preposition_cue(verb, content, b.text) else _cue_end(verb)
        while cue_end > verb.idx and b.text[cue_end - 1].isspace():
            cue_end -= 1
        attribution = b.add(kind, verb, content, source, certainty, cue_end)
        if attribution is not None:
            _attach_relays(b, attribution, verb)
            if relay_source is not None:
                relay_id, _ = b.sources.resolve(relay_source)
                if relay_id and relay_id not in attribution.via and relay_id != attribution.source:
                    attribution.via.append(relay_id)


def _bare_participle(verb: Token) -> bool:
    """'Asked about X, Holt said': a past participle heading an adverbial clause is passive."""
    return verb.tag_ == "VBN" and verb.dep_ == "advcl" and not any(
        c.dep_ in ("aux", "nsubj", "nsubjpass") for c in verb.children)


def _embedded_question(clause: Token) -> bool:
    """'asked whether X', 'asked who leads': a clause opened by if/whether or a wh-word."""
    first = clause.left_edge
    return first.tag_ in ("WDT", "WP", "WP$", "WRB") or any(
        c.dep_ == "mark" and c.lower_ in ("if", "whether") for c in clause.children)


def _takes_that_clause(verb: Token) -> bool:
    """Any verb with a 'that' clause states an attitude to it ('X fears that ...', 'X knows that ...')."""
    return any(c.dep_ == "ccomp" and any(m.dep_ == "mark" and m.lower_ == "that" for m in c.children)
               for c in verb.children) and any(c.dep_ in ("nsubj", "nsubjpass") for c in verb.children)


def _reporting_nouns(b: _Builder) -> None:
    """'his claim that ...', 'the ministry's statement that ...': a reporting noun with its clause."""
    doc = b.doc
    for noun in doc:
        if noun.pos_ != "NOUN" or noun.lemma_.lower() not in REPORTING_NOUNS:
            continue
        if _inside(noun.idx, b.skip) or _inside(noun.idx, b.quotes):
            continue
        clause = next((c for c in noun.children if c.dep_ in ("acl", "ccomp")
                       and any(m.dep_ == "mark" and m.lower_ == "that" for m in c.children)), None)
        if clause is None:
            continue
        content = _trimmed(doc, *_subtree_range(clause))
        if content is None:
            continue
        source = next((c for c in noun.children if c.dep_ == "poss"), None)
        if source is None:
            by = next((c for c in noun.children if c.dep_ == "prep" and c.lower_ in ("by", "from", "of")), None)
            source = next((g for g in by.children if g.dep_ == "pobj"), None) if by is not None else None
        if source is None and noun.dep_ == "dobj":
            source = _subject(noun.head)  # "X issued a statement that ..."
        content_span = doc.char_span(*content, alignment_mode="expand")
        certainty = certainty_rules.certainty_of_span(content_span) if content_span is not None else Certainty()
        b.add("indirect", noun, content, source, certainty)


def _reported_content(b: _Builder, verb: Token, lemma: str, source: Token | None, passive: bool):
    """What a reporting verb reports, as a character range, and its (possibly updated) source token."""
    doc = b.doc
    content_head = _clause_content(verb)
    document_subject = source is not None and source.lower_ in DOCUMENT_NOUNS
    if lemma in NEEDS_THAT and content_head is not None and not document_subject and not any(
            c.dep_ == "mark" and c.lower_ == "that" for c in content_head.children) and not (
            lemma in STANCE_VERBS and content_head.dep_ == "xcomp") and not _embedded_question(content_head):
        content_head = None
    if content_head is not None and content_head.dep_ == "xcomp" and not passive \
            and lemma not in _INFINITIVE_STANCES:
        content_head = None  # "continues to rise" reports nothing; "agreed to pay" and "is said to" do
    quote = _quote_near(b, verb, source) if source is not None else None
    if quote is None and source is not None and _stance_object(verb, lemma) is None:
        quote = _governed_quote(b, verb)
    if quote and (content_head is None or _inside(content_head.idx, [quote])):
        b.used_quotes.add(quote)
        following = _quote_resumed_after(b, verb, quote)
        if following is not None:  # "The plan," she said, "was doomed."
            b.used_quotes.add(following)
            return (quote[0], following[1]), source
        return _quote_in_clause(doc, quote, content_head), source
    if content_head is not None and not (lemma in ("tell", "ask") and content_head.dep_ == "xcomp"):
        content = _trimmed(doc, *_subtree_range(content_head))
        if content_head.dep_ == "xcomp" and passive and source is not None:
            # "X is said to have fled": the content is X + the infinitive, from nobody named
            return ((source.left_edge.idx, content[1]) if content else None), None
        return content, source
    claim = _claim_object(verb)
    if claim is not None:  # "dismissed speculation that ...", "denied reports that ..."
        return _trimmed(doc, *_subtree_range(claim)), source
    stance = _stance_object(verb, lemma)
    if stance is not None and source is not None:
        return _trimmed(doc, *stance), source
    if document_subject:  # "Video footage shows the guards firing"
        obj = next((c for c in verb.children if c.dep_ == "dobj"), None)
        if obj is not None:
            return _trimmed(doc, *_subtree_range(obj)), source
    inverted = _content_of_inverted_parse(verb)
    if inverted is not None:
        return inverted, source
    if verb.dep_ == "parataxis" or (verb.dep_ == "ROOT" and source is not None and verb.i > source.i
                                    and verb.i > verb.sent.start + 3 and doc[verb.i - 1].is_punct is False
                                    and any(t.is_punct and t.text == "," for t in doc[source.left_edge.i - 1:source.left_edge.i])):
        return _parataxis_content(verb), source
    return None, source


def _quote_in_clause(doc: Doc, quote: tuple[int, int], content_head: Token | None) -> tuple[int, int]:
    """A quote that is only part of the reported clause takes in the rest of it:
    'said that "X" despite Y' -> 'that "X" despite Y' (a clause wholly inside the quote adds nothing)."""
    if content_head is None:
        return quote
    clause = _trimmed(doc, *_subtree_range(content_head))
    if clause is None or clause[1] <= quote[0] or clause[0] >= quote[1]:
        return quote
    return min(clause[0], quote[0]), max(clause[1], quote[1])


_INFINITIVE_STANCES = frozenset("want seek promise pledge vow threaten refuse hope plan intend expect decline "
                                "offer agree urge ask claim tell order warn advise".split())
_CLAUSE_COMPLEMENTS = ("oprd", "xcomp", "ccomp", "acomp")


# reporting verbs whose noun object is mostly not something said ("claimed victory", "maintains a lead")
_OBJECT_NOT_REPORTED = frozenset("maintain claim continue post add feel find write comment".split())
_CONTENT_PRONOUNS = frozenset("what this that so it nothing something anything everything".split())


def _stance_object(verb: Token, lemma: str) -> tuple[int, int] | None:
    """Token range of what a stance verb takes: 'endorsed Cruz', 'called Trump "unhinged"', 'called for X'."""
    if lemma in STANCE_VERBS or lemma in REPORTING_VERBS and lemma not in _OBJECT_NOT_REPORTED:
        # "endorsed Cruz", "said so", "told the story"
        obj = next((c for c in verb.children if c.dep_ == "dobj"), None)
        if obj is not None and obj.pos_ != "PRON" or obj is not None and obj.lower_ in _CONTENT_PRONOUNS:
            lo, hi = _subtree_range(obj)
            for c in verb.rights:  # "called X Y", "accused X of Y", "described X as Y", "wants X to Z"
                if c.i > obj.i and (c.dep_ in _CLAUSE_COMPLEMENTS or c.dep_ == "prep" and c.lower_ in ("of", "as")):
                    hi = max(hi, c.right_edge.i + 1)
            return lo, hi
    for prep in STANCE_PREPOSITIONS.get(lemma, ()):
        p = next((c for c in verb.children if c.dep_ in ("prep", "prt") and c.lower_ == prep), None)
        pobj = next((g for g in p.children if g.dep_ in ("pobj", "pcomp")), None) if p is not None else None
        if pobj is not None:
            return _subtree_range(pobj)
    return None


def _preposition_cue(verb: Token, content: tuple[int, int], text: str) -> bool:
    """'called for X': the preposition belongs to the cue when it sits right before the content."""
    between = text[verb.idx + len(verb.text):content[0]].strip()
    return bool(between) and between.lower() in STANCE_PREPOSITIONS.get(verb.lemma_.lower(), ())


def _claim_object(verb: Token) -> Token | None:
    """The clause of a claim noun object: 'denied reports that X' -> X."""
    for obj in verb.children:
        if obj.dep_ == "dobj" and obj.lemma_.lower() in CLAIM_NOUNS:
            for c in obj.children:
                if c.dep_ in ("acl", "ccomp") and any(m.dep_ == "mark" and m.lower_ == "that" for m in c.children):
                    return c
    return None


def _quote_resumed_after(b: _Builder, verb: Token, quote: tuple[int, int]) -> tuple[int, int] | None:
    """The rest of a quote its speaker interrupts: '"...," she said, "..."', or that goes on in the
    next sentence ('"...," she said. "..."'). PolNeAR annotates both as one discontinuous content,
    so the content spans from the first mark to the last."""
    if quote[1] > verb.idx:
        return None
    verb_end = verb.idx + len(verb.text)
    clause_end = verb.right_edge.idx + len(verb.right_edge.text)
    for q in b.quotes:
        if q[0] < verb_end or q in b.used_quotes:
            continue
        gap = b.text[verb_end:q[0]]
        between = b.doc.char_span(verb_end, q[0], alignment_mode="contract")
        if (gap.rstrip().endswith(",") and len(gap.split()) <= 8 and "\n" not in gap
                and between is not None and not any(t.pos_ in ("VERB", "AUX") for t in between)):
            return q  # '..., Girard told a news conference, "..."'
        if q[0] >= clause_end and b.text[clause_end:q[0]].strip() in (",", ":", "", "."):
            return q
        return None
    return None


def _cited_origin(verb: Token) -> Token | None:
    """'..., Wire reported, citing harbour officials': the cited party is where the words came from."""
    nearby = list(verb.children)
    if verb.dep_ in ("ccomp", "advcl") and verb.head.i > verb.i:
        nearby += [c for c in verb.head.children if c.i > verb.i]  # the parse hung "citing" on the content
    for c in nearby:
        if c.dep_ in ("advcl", "xcomp", "conj") and c.lower_ == "citing":
            return next((g for g in c.children if g.dep_ == "dobj"), None)
    return None


def _content_of_inverted_parse(verb: Token) -> tuple[int, int] | None:
    """'X reported, citing officials, that Y': the parser made Y the head of 'reported'; Y is the content."""
    head = verb.head
    if verb.dep_ not in ("ccomp", "advcl") or head.i <= verb.i or head.pos_ not in ("VERB", "AUX"):
        return None
    mark = next((c for c in head.children if c.dep_ == "mark" and c.lower_ == "that" and c.i > verb.i), None)
    if mark is None:
        return None
    return _trimmed(verb.doc, mark.i, head.right_edge.i + 1)


_CUE_ADVERBS = frozenset("also previously repeatedly later again publicly privately often earlier "
                         "first initially separately".split())


def _cue_start(verb: Token) -> int:
    """A cue takes in the auxiliaries, negation and 'also' right before its verb ('has also said')."""
    doc = verb.doc
    i = verb.i
    while i > 0:
        t = doc[i - 1]
        if t.head.i == verb.i and (t.dep_ in ("aux", "auxpass", "neg") or t.lower_ in _CUE_ADVERBS):
            i -= 1
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


def _parataxis_content(verb: Token) -> tuple[int, int] | None:
    """'The plan failed, officials said.': the content is the rest of the sentence."""
    doc = verb.doc
    sent = verb.sent
    lo, hi = _subtree_range(verb)
    head = verb.head if verb.dep_ == "parataxis" else None
    if head is not None:
        start, end = head.left_edge.i, head.right_edge.i + 1
    else:
        start, end = sent.start, sent.end
    if lo <= start:
        return _trimmed(doc, hi, end)
    return _trimmed(doc, start, lo)


_COLON_LINE = re.compile(r"^[ \t]*(?P<src>[A-Z][\w.'’&-]*(?:[ \t]+[A-Z][\w.'’&-]*){0,5})[ \t]*(?P<cue>:)[ \t]+(?P<rest>\S[^\n]*)",
                         re.MULTILINE)
_NOT_SPEAKERS = frozenset("update note photo video watch read related editor's correction source sources "
                          "warning breaking exclusive analysis opinion q a".split())


def _punctuation_reports(b: _Builder) -> None:
    """'SMITH: We will win.', 'Daily News: Storm Hits Coast': a speaker and a colon opening a line."""
    doc = b.doc
    for m in _COLON_LINE.finditer(b.text):
        name = m.group("src")
        if name.lower().split()[0] in _NOT_SPEAKERS or _inside(m.start("src"), b.skip):
            continue
        start, end = m.start("src"), m.end("src")
        named = b.sources.index.entity_in(start, end) is not None
        headline = start == len(b.text) - len(b.text.lstrip())  # "Outlet Name: Headline" on the first line
        if not (named or name.isupper() or headline):
            continue
        span = doc.char_span(start, end, alignment_mode="contract")
        if span is None or len(span) == 0:
            continue
        rest = (m.start("rest"), m.end("rest"))
        content = _trimmed(doc, *_token_range(doc, *rest))
        if content is None:
            continue
        content_span = doc.char_span(*content, alignment_mode="expand")
        certainty = certainty_rules.certainty_of_span(content_span) if content_span is not None else Certainty()
        speaker = b.sources.index.by_id.get(b.sources.index.entity_in(start, end) or "")
        kind = "direct" if speaker is None and not headline or speaker is not None and speaker.kind == "person" \
            else "indirect"
        b.add(kind, (m.start("cue"), m.end("cue")), content, span, certainty)


def _token_range(doc: Doc, start: int, end: int) -> tuple[int, int]:
    span = doc.char_span(start, end, alignment_mode="expand")
    return (span.start, span.end) if span is not None else (0, 0)


def _source_phrases(b: _Builder):
    """(cue start token, cue end token, source token) for 'according to X', 'per X', 'as cited by X'."""
    doc = b.doc
    for tok in doc:
        low = tok.lower_
        if low == "according":
            to = next((c for c in tok.children if c.lower_ == "to"), None)
            if to is None and tok.i + 1 < len(doc) and doc[tok.i + 1].lower_ == "to":
                to = doc[tok.i + 1]
            pobj = next((c for c in to.children if c.dep_ == "pobj"), None) if to is not None else None
            if pobj is not None:
                yield tok, to, pobj
        elif low == "per" and tok.dep_ == "prep":
            pobj = next((c for c in tok.children if c.dep_ == "pobj"), None)
            # "per cent", "per day" are rates; "per the ministry" names a source
            if pobj is not None and (pobj.pos_ == "PROPN" or pobj.ent_type_ in ("PERSON", "ORG", "GPE", "NORP")
                                     or pobj.lower_ in DOCUMENT_NOUNS
                                     or pobj.lemma_.lower() in ORG_NOUNS or pobj.lower_ in GROUP_NOUNS):
                yield tok, tok, pobj
        elif low == "as" and tok.i + 2 < len(doc) and doc[tok.i + 2].lower_ == "by" \
                and doc[tok.i + 1].lemma_.lower() in ("cite", "report", "quote", "say", "state"):
            by = doc[tok.i + 2]
            pobj = next((c for c in by.children if c.dep_ == "pobj"), None)
            if pobj is not None and not _sentence_has_cue(b, tok):
                yield tok, by, pobj


def _sentence_has_cue(b: _Builder, tok: Token) -> bool:
    sent = tok.sent
    return any(sent.start_char <= a.cue.start < sent.end_char for a in b.out)


def _according_to(b: _Builder) -> None:
    """'According to X, ...', '..., per X', '..., as cited by X': the rest of the clause is X's claim."""
    doc = b.doc
    for tok, last, pobj in list(_source_phrases(b)):
        if _inside(tok.idx, b.skip) or _inside(tok.idx, b.quotes):
            continue
        phrase_lo, phrase_hi = tok.i, pobj.right_edge.i + 1
        head = tok.head if tok.head.i != tok.i else None
        if head is None or head.i in range(phrase_lo, phrase_hi) or head.lower_ in ("cited", "reported", "quoted"):
            sent = tok.sent
            start, end = sent.start, sent.end
        else:
            start, end = _clause_bounds(head, b)
        if phrase_lo <= start:
            content = _trimmed(doc, max(phrase_hi, start), end)
        elif phrase_hi < end and doc[phrase_hi:end].text.strip(" ,.;") and tok.lower_ == "per":
            # "The plan, per the report, was doomed": the claim surrounds the phrase
            content = _trimmed(doc, start, end)
        else:
            content = _trimmed(doc, start, phrase_lo)
        if content is None:
            continue
        content_span = doc.char_span(*content, alignment_mode="expand")
        certainty = certainty_rules.certainty_of_span(content_span) if content_span is not None else Certainty()
        cue = (tok.idx, last.idx + len(last.text))
        attribution = b.add("according_to", cue, content, pobj, certainty)
        if attribution is not None:
            _attach_relays(b, attribution, tok.head)


def _clause_bounds(head: Token, b: _Builder) -> tuple[int, int]:
    """Token range of a clause without coordinated clauses that carry their own report."""
    start, end = head.left_edge.i, head.right_edge.i + 1
    for c in head.rights:
        if c.dep_ in ("conj", "parataxis") and _has_reporting(c):
            # cut before the coordinating conjunction or comma
            cut = c.left_edge.i
            while cut > head.i + 1 and (b.doc[cut - 1].dep_ == "cc" or b.doc[cut - 1].is_punct):
                cut -= 1
            end = min(end, cut)
    return start, end


def _has_reporting(token: Token) -> bool:
    return any(t.lemma_.lower() in REPORTING_VERBS and t.pos_ == "VERB" for t in token.subtree)


def _reportedly(b: _Builder) -> None:
    """'X reportedly did Y': a report whose source is not named (or X, for a stated feeling)."""
    doc = b.doc
    for tok in doc:
        if tok.lower_ not in ("reportedly", "allegedly", "purportedly") or _inside(tok.idx, b.skip):
            continue
        if any(a.content.start <= tok.idx < a.content.end for a in b.out):
            continue  # a hedge inside someone's reported words: that attribution's certainty has it
        head = tok.head
        subject = next((c for c in head.children if c.dep_ in _SUBJECTS), None)
        lo = (subject.right_edge.i + 1) if subject is not None and subject.i < tok.i else tok.i + 1
        hi = head.right_edge.i + 1
        if lo >= hi:
            continue
        content = _trimmed(doc, lo if lo != tok.i else tok.i + 1, hi)
        if content is None or content[0] < tok.idx:
            content = _trimmed(doc, tok.i + 1, hi)
        if content is None:
            continue
        # a stated state of mind ("lawmakers reportedly impressed") is the subject's own report
        feeling = head.lower_ in STATE_OF_MIND and subject is not None
        source = subject if feeling and subject.pos_ in ("NOUN", "PROPN") else None
        cert = Certainty(value="possible", hedges=[tok.text.lower()])
        b.add("reported", tok, content, source, cert)


def _attach_relays(b: _Builder, attribution: Attribution, anchor: Token) -> None:
    """Outlets that passed the words on: 'quoted in X', 'as quoted by X', 'told X', 'X reported'."""
    sent = anchor.sent
    relays: list[str] = []
    for tok in sent:
        if _inside(tok.idx, [(attribution.content.start, attribution.content.end)]):
            continue
        lemma = tok.lemma_.lower()
        outlet = None
        if lemma in ("quote", "cite") and tok.tag_ == "VBN":
            prep = next((c for c in tok.children if c.dep_ in ("prep", "agent")), None)
            outlet = next((g for g in prep.children if g.dep_ == "pobj"), None) if prep is not None else None
        elif lemma == "tell" and tok.i == anchor.i:
            outlet = next((c for c in tok.children if c.dep_ in ("dative", "dobj")), None)
        elif lemma in RELAY_VERBS and tok.pos_ == "VERB" and tok.i != anchor.i:
            outlet = next((c for c in tok.children if c.dep_ == "nsubj"), None)
        if outlet is None:
            continue
        eid = b.sources.index.entity_in(outlet.idx, outlet.idx + len(outlet.text))
        if eid is None:  # "news agency Baltica reported": the name sits in the subject's phrase
            lo, hi = outlet.left_edge.idx, outlet.right_edge.idx + len(outlet.right_edge.text)
            eid = next((m[2] for m in b.sources.index.mentions_between(lo, hi)), None)
        if eid is None or eid == attribution.source:
            continue
        entity = b.sources.index.by_id.get(eid)
        if entity is not None and entity.kind == "media" and eid not in relays:
            relays.append(eid)
    if relays:
        attribution.via = relays


def _fold_outlet_reports(b: _Builder) -> None:
    """'..., Agency reported.' closing a sentence relays the reports inside it rather than adding one.

    The outlet goes into `via` of every other attribution in the sentence, and
    its own words are cut from their contents.
    """
    doc = b.doc
    drop = set()
    for a in b.out:
        src = b.sources.index.by_id.get(a.source) if a.source else None
        if src is None or src.kind != "media" or a.cue.start < a.content.end or a.source_span is None:
            continue
        sent = doc.char_span(a.cue.start, a.cue.end, alignment_mode="expand")[0].sent
        inner = [o for o in b.out if o is not a and sent.start_char <= o.cue.start < sent.end_char]
        if not inner:
            continue
        for o in inner:
            if o.content.start < a.source_span.start < o.content.end:
                cut = a.source_span.start
                while cut > o.content.start and b.text[cut - 1] in " ,;":
                    cut -= 1
                o.content = _span(b.text, o.content.start, cut)
            if a.source not in o.via and a.source != o.source:
                o.via.append(a.source)
        drop.add(a.id)
    b.out = [a for a in b.out if a.id not in drop]
    seen = set()
    unique = []
    for a in b.out:  # cutting may have made two contents equal
        key = (a.content.start, a.content.end, a.source)
        if key not in seen:
            seen.add(key)
            unique.append(a)
    b.out = unique


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


def _nested_pronoun_sources(b: _Builder) -> None:
    """'Officials said they believed ...': an unresolved pronoun source inside a report is its reporter."""
    for a in b.out:
        if a.source is not None or not a.source_text or a.source_text.lower() not in ("they", "he", "she", "we", "i"):
            continue
        outer = [o for o in b.out if o is not a and o.source and o.content.start <= a.cue.start < o.content.end]
        if outer:
            a.source = min(outer, key=lambda o: o.content.end - o.content.start).source


def _speech_times(b: _Builder) -> None:
    """When it was said: a date near the cue, in the cue's sentence, outside the content."""
    for a in b.out:
        cue = b.doc.char_span(a.cue.start, a.cue.end, alignment_mode="expand")
        if cue is None:
            continue
        sent = cue[0].sent
        best = None
        for t in b.times:
            if a.content.start <= t.start < a.content.end or not (sent.start_char <= t.start < sent.end_char):
                continue
            if t.type != "date" or abs(t.start - a.cue.end) > 40:
                continue
            if best is None or abs(t.start - a.cue.end) < abs(best.start - a.cue.end):
                best = t
        if best is not None:
            a.time = best.id


def extract_attributions(
    doc: Doc, entities: list[Entity], times: list[Time] = (), skip: list[tuple[int, int]] = ()
) -> list[Attribution]:
    """Attributions in text order. Appends entities it creates for unnamed sources to `entities`.

    `skip` holds character ranges (captions, credits) where nothing is attributed.
    """
    b = _Builder(doc, entities, list(times), list(skip))
    _reporting_verbs(b)
    _according_to(b)
    _punctuation_reports(b)
    _reporting_nouns(b)
    _reportedly(b)
    _continuing_quotes(b)
    _fold_outlet_reports(b)
    _nested_pronoun_sources(b)
    _speech_times(b)
    b.out.sort(key=lambda a: a.content.start)
    for i, a in enumerate(b.out, 1):
        a.id = f"a{i}"
    return b.out
