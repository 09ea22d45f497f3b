"""Who is speaking: the phrase that names a source, resolved to an entity (created for unnamed sources)."""
from __future__ import annotations

from spacy.tokens import Doc, Token
from spacy.tokens import Span as SpacySpan

from storyline.extract.entities import normalise_name
from storyline.extract.lexicon import (
    DOCUMENT_NOUNS,
    GROUP_NOUNS,
    ORG_NAME_WORDS,
    ORG_NOUNS,
    PERSON_NOUNS,
    TITLE_WORDS,
)
from storyline.extract.spans import MentionIndex
from storyline.model import Entity, Mention


class _Sources:
    """Resolves a source noun phrase to an entity id, creating entities for unnamed sources."""

    def __init__(self, doc: Doc, entities: list[Entity]):
        self.doc = doc
        self.entities = entities
        self.index = MentionIndex(entities)
        self.created: dict[str, Entity] = {}

    def resolve(self, head: Token, phrase: SpacySpan | None = None) -> tuple[str | None, SpacySpan]:
        """Entity id for the source headed by `head`, and the phrase that names it."""
        if phrase is None:
            head = _past_dateline(head)
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
            name = name.rstrip(" ,")
            entity = Entity(id=f"e{len(self.entities) + 1}", name=name, kind=kind, mentions=[mention])
            self.entities.append(entity)
            self.created[key] = entity
        else:
            entity.mentions.append(mention)
        return entity.id

# left dependents of a source's head that are not part of its name: punctuation, a conjunction, and
# adverbials the parser hung on the noun ('Saturday at the convention Sen. Ort said')
_NOT_IN_NAME = frozenset({"punct", "cc", "npadvmod", "prep"})

# where a person stands in a picture, said in brackets after the name ('Ann Lee (left) said')
_PICTURE_PLACES = frozenset("left right center centre pictured above below top bottom".split())

# dashes that end a dateline ("OSLO (Reuters) — ...") or set off an aside
_DATELINE_DASHES = frozenset({"—", "–", "--"})

# closing quote marks (a title in a source's apposition: 'the host of "Morning Desk"')
_CLOSING_QUOTES = frozenset({"”", '"'})


def _is_dash(token: Token) -> bool:
    """A dash token, or a hyphen standing between spaces ('OSLO (Reuters) - Mayor Ort said')."""
    if token.text in _DATELINE_DASHES:
        return True
    return token.text == "-" and bool(token.whitespace_) and token.i > 0 and bool(token.doc[token.i - 1].whitespace_)


def _past_dateline(head: Token) -> Token:
    """'OSLO (Reuters) — A spokesman for Ort said': the parser may take the dateline for the subject; the
    speaker is the verb's other subject after the dash."""
    dash = next((c for c in head.rights if _is_dash(c)), None)
    if dash is None or not (head.text.isupper() or head.doc[dash.i - 1].text == ")"):
        return head
    return next((c for c in head.head.children if c.dep_ == head.dep_ and c.i > dash.i), head)


def _closing_mark(doc: Doc, left: int, right: int, opening: str, closing: str, reach: int) -> int:
    """The phrase end moved onto the mark that closes one left open, over at most `reach` punctuation tokens."""
    if doc[left:right + 1].text.count(opening) <= doc[left:right + 1].text.count(closing):
        return right
    for i in range(right + 1, min(right + 1 + reach, len(doc))):
        if doc[i].text == closing:
            return i
        if not doc[i].is_punct:
            break
    return right


def source_phrase(head: Token) -> SpacySpan:
    """The noun phrase naming a source, with its apposition and party tag, without non-restrictive clauses.

    "Ann Holt, a senior adviser to the mayor, said" -> "Ann Holt, a senior adviser to the mayor," (the
    apposition keeps its closing comma, as PolNeAR marks it); "those who live nearby say" keeps its clause;
    "Sen. Ann Holt (D-Ore.) said" -> "Sen. Ann Holt (D-Ore.)" (PolNeAR's convention for sources).
    """
    doc = head.doc
    left = head.i
    for t in head.lefts:
        if t.dep_ not in _NOT_IN_NAME:
            left = min(left, t.left_edge.i)
            break
    right = head.i
    appos_end = -1
    for t in head.rights:
        if t.dep_ == "acl" and t.tag_ == "VBN" and not any(c.dep_ == "agent" for c in t.children):
            right = t.right_edge.i  # "a poll released Sunday", "exit polls taken in Ohio" name the document
            continue
        if t.dep_ == "relcl" and doc[t.left_edge.i - 1].text != ",":
            right = appos_end = t.right_edge.i  # "those who voted early say": a restrictive clause names them
            continue
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
        if doc[i].text == "(" and (i + 1 < len(doc) and doc[i + 1].lower_ in _PICTURE_PLACES or not any(
                t.i > i for t in head.rights if t.dep_ == "appos") and not (
                i + 1 < len(doc) and doc[i + 1].text.startswith("@"))):  # "Ben Holt (@benholt)" keeps the handle
            right = i - 1  # "Ben Holt (left)" places him in a picture
            break
    # "(I-Vt.)": the parser may hang the abbreviation's dot apart; close the party tag
    right = _closing_mark(doc, left, right, "(", ")", reach=3)
    # 'star of "Dune,"': the comma before a closing mark sits inside the title
    right = _closing_mark(doc, left, right, "“", "”", reach=2)
    while right > left and doc[right].is_punct and doc[right].text != ")" and not (
            doc[right].text in _CLOSING_QUOTES and "“" in doc[left:right].text):
        right -= 1  # a closing mark stays with its opening one ('star of "Dune,"')
    for i in range(head.i - 1, left - 1, -1):
        if _is_dash(doc[i]):
            # "OSLO (Reuters) — Mayor Ort said": a dateline (capitals or an agency tag) is not the source
            if i > left and (doc[i - 1].text == ")" or doc[i - 1].text.isupper()):
                left = i + 1
            break
    while left < right and doc[left].is_punct:
        left += 1
    if right == head.i + 2 and doc[head.i + 1].text == "," and doc[right].like_num:
        right = head.i  # "Ann Holt, 58, said": an age alone is not part of the name
    if (right + 1 < len(doc) and doc[right + 1].text == "," and right + 1 < head.head.i
            and any(t.text == "," for t in doc[head.i:right])):
        # "Ann Holt, a Democrat, said": an apposition set off by commas keeps its closing comma
        right += 1
    return doc[left:right + 1]
