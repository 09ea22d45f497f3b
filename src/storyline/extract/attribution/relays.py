"""Relays and context: outlets that passed words on (`via`), nested pronoun sources, when it was said."""
from __future__ import annotations

import bisect

from spacy.tokens import Token

from storyline.extract.attribution.builder import (
    _Builder,
    _inside,
    _span,
    _trimmed,
)
from storyline.extract.lexicon import (
    RELAY_VERBS,
    REPORTING_VERBS,
)
from storyline.extract.spans import ranges_holding, sentence_of
from storyline.model import Attribution


def _attach_relays(b: _Builder, attribution: Attribution, anchor: Token) -> None:
    """Outlets that passed the words on: 'quoted in X', 'as quoted by X', 'told X', 'X reported'."""
    sent = sentence_of(anchor)
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
        sent = sentence_of(doc.char_span(a.cue.start, a.cue.end, alignment_mode="expand")[0])
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

# attribution types whose content is the reporter's paraphrase: a report inside it is part of what was reported
_PARAPHRASED = ("indirect", "mixed", "according_to", "reported")

def _fold_nested_reports(b: _Builder) -> None:
    """'Ort said he believes the dam will hold': the inner report stays inside the outer content, not a claim
    of its own. (In PolNeAR, fewer than one in five such inner reports is marked; direct quotes keep theirs.)"""
    outers = sorted((a.content.start, a.content.end, a.id) for a in b.out if a.type in _PARAPHRASED)
    cues = sorted((a.cue.start, a.id) for a in b.out if not _parallel_report(b, a))
    covering: list[tuple[int, str]] = []  # the two furthest-reaching (end, id) among contents started so far
    nested, i = set(), 0
    for cue_start, aid in cues:
        while i < len(outers) and outers[i][0] <= cue_start:
            covering = sorted(covering + [(outers[i][1], outers[i][2])], reverse=True)[:2]
            i += 1
        if any(end > cue_start and oid != aid for end, oid in covering):
            nested.add(aid)
    b.out = [a for a in b.out if a.id not in nested]

def _cut_parallel_reports(b: _Builder) -> None:
    """'X said the vote was close, calling it a test': a further report by the same speaker that the parser
    hung inside the first content ends that content."""
    for p in b.out:
        if not _parallel_report(b, p):
            continue
        verb = b.doc.char_span(p.cue.start, p.cue.end, alignment_mode="expand").root
        start = verb.left_edge.idx
        end = verb.right_edge.idx + len(verb.right_edge.text)
        for o in b.out:
            if o is p or o.type not in _PARAPHRASED or not o.content.start < start < o.content.end <= end + 1:
                continue
            first = b.doc.char_span(o.content.start, o.content.end, alignment_mode="expand").start
            kept = _trimmed(b.doc, first, verb.left_edge.i)  # without the ", and" before the further report
            if kept is not None and kept[1] - o.content.start >= 2:
                o.content = _span(b.text, o.content.start, kept[1])
                if not _has_subject(verb):
                    # the parser took the participle's subject from inside the content; the speaker is o's
                    p.source, p.source_text, p.source_span = o.source, o.source_text, o.source_span

def _parallel_report(b: _Builder, a: Attribution) -> bool:
    """'X insisted that ..., claiming that ...', 'X says ... and calls her ...': a verb without a subject of its
    own, chained to another, is a further report by the same speaker, not one nested in the first."""
    verb = b.doc.char_span(a.cue.start, a.cue.end, alignment_mode="expand")
    verb = verb.root if verb is not None else None
    if verb is None or verb.pos_ != "VERB" or verb.dep_ not in ("advcl", "conj"):
        return False
    if verb.dep_ == "conj" and (verb.tag_ == "VB" or any(c.tag_ == "MD" for c in verb.children)):
        return False  # "said they would expand the port and push for X": a bare verb shares the content's modal
    # "A said X, and B said Y": a coordinated report with its own speaker, which the parser hung on X
    coordinated = verb.dep_ == "conj" and any(c.dep_ == "cc" for c in verb.head.children if c.i < verb.i)
    return not _has_subject(verb) or coordinated and verb.head.lemma_.lower() not in REPORTING_VERBS

def _has_subject(verb: Token) -> bool:
    """Whether the verb has a subject of its own."""
    return any(c.dep_ in ("nsubj", "nsubjpass") for c in verb.children)

def _nested_pronoun_sources(b: _Builder) -> None:
    """'Officials said they believed ...': an unresolved pronoun source inside a report is its reporter."""
    pronoun = [a for a in b.out if a.source is None and a.source_text
               and a.source_text.lower() in ("they", "he", "she", "we", "i")]
    # the contents holding each such cue, found in one sweep (their sources are read as the loop sets them)
    holding = dict(zip(map(id, pronoun), ranges_holding([(o.content.start, o.content.end) for o in b.out],
                                                        [a.cue.start for a in pronoun])))
    for a in b.out:
        if a.source is not None or not a.source_text or a.source_text.lower() not in ("they", "he", "she", "we", "i"):
            continue
        outer = [o for o in (b.out[k] for k in holding[id(a)]) if o is not a and o.source]
        if outer:
            a.source = min(outer, key=lambda o: o.content.end - o.content.start).source

def _speech_times(b: _Builder) -> None:
    """When it was said: a date near the cue, in the cue's sentence, outside the content."""
    by_start = sorted((t.start, k) for k, t in enumerate(b.times))
    starts = [s for s, _ in by_start]
    for a in b.out:
        cue = b.doc.char_span(a.cue.start, a.cue.end, alignment_mode="expand")
        if cue is None:
            continue
        sent = sentence_of(cue[0])
        best = None
        # only times within 40 characters of the cue's end can do; taken in their given order
        near = sorted(k for _, k in by_start[bisect.bisect_left(starts, a.cue.end - 40):
                                             bisect.bisect_right(starts, a.cue.end + 40)])
        for t in (b.times[k] for k in near):
            if a.content.start <= t.start < a.content.end or not (sent.start_char <= t.start < sent.end_char):
                continue
            if t.type != "date" or abs(t.start - a.cue.end) > 40:
                continue
            if best is None or abs(t.start - a.cue.end) < abs(best.start - a.cue.end):
                best = t
        if best is not None:
            a.time = best.id
