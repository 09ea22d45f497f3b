"""Reporting nouns with their clause: 'his claim that ...', 'the ministry's earlier statement that ...'."""
from __future__ import annotations

from spacy.tokens import Token

from storyline.extract import certainty as certainty_rules
from storyline.extract.attribution.builder import (
    _Builder,
    _inside,
    _marked_by,
    _subject,
    _subtree_range,
    _trimmed,
)
from storyline.extract.lexicon import REPORTING_NOUNS
from storyline.model import Certainty

# words before the noun that belong to the cue ("his earlier claim"): modifiers, not determiners or owners
_CUE_MODIFIERS = ("amod", "advmod", "compound", "nmod")


def _reporting_nouns(b: _Builder) -> None:
    """A reporting noun with a 'that' clause. Stance nouns with other complements ('her support for X',
    'his plan to Y') are left out: PolNeAR marks few of them, so they cost more precision than they add."""
    doc = b.doc
    for noun in doc:
        if noun.pos_ != "NOUN" or noun.lemma_.lower() not in REPORTING_NOUNS:
            continue
        if _inside(noun.idx, b.skip) or _inside(noun.idx, b.quotes):
            continue
        clause = next((c for c in noun.children if c.dep_ in ("acl", "ccomp")
                       and _marked_by(c, "that")), None)
        content = _trimmed(doc, *_subtree_range(clause)) if clause is not None else None
        if content is None:
            continue
        owner = next((c for c in noun.children if c.dep_ == "poss"), None)
        source = owner or _noun_source(noun)
        content_span = doc.char_span(*content, alignment_mode="expand")
        certainty = certainty_rules.certainty_of_span(content_span) if content_span is not None else Certainty()
        b.add("indirect", (_noun_cue_start(noun, owner), noun.idx + len(noun.text)), content, source, certainty)


def _noun_source(noun: Token) -> Token | None:
    """Who made a statement without a possessive: 'a statement by X', or the subject of 'X issued a statement'."""
    by = next((c for c in noun.children if c.dep_ == "prep" and c.lower_ in ("by", "from", "of")), None)
    source = next((g for g in by.children if g.dep_ == "pobj"), None) if by is not None else None
    if source is None and noun.dep_ == "dobj":
        source = _subject(noun.head)
    return source


def _noun_cue_start(noun: Token, owner: Token | None) -> int:
    """Start of a noun cue: the modifiers right before the noun, after its owner ('his earlier claim')."""
    doc = noun.doc
    i = noun.i
    floor = owner.right_edge.i + 1 if owner is not None else noun.left_edge.i
    while i > floor and doc[i - 1].head.i == noun.i and doc[i - 1].dep_ in _CUE_MODIFIERS:
        i -= 1
    return doc[i].idx
