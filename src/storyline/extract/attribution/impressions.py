"""Reports without a reporting verb's usual shape: impressions ("the plan appears to have failed"),
judgments with a small clause ("voters consider Ort honest"), words that writing bears ("the sign read
'Ort out'") and self-given labels ("a self-described socialist")."""
from __future__ import annotations

import itertools

from spacy.tokens import Token

from storyline.extract.attribution.builder import (
    _agent,
    _Builder,
    _cue_end,
    _cue_start,
    _inside,
    _span,
    _subject,
    _trimmed,
)
from storyline.extract.attribution.quotes import _is_quote_content
from storyline.model import Certainty

# raising verbs of appearance: "The plan appears to have failed", "Ort seemed irritated". The writer (no one
# named) vouches for the clause only as an impression; the cue is the verb, the content its subject and complement
RAISING_VERBS = frozenset("seem appear".split())

# complements that carry what seems so: "appears to have failed", "seemed irritated", "seems that ...",
# "seems like a fair idea"
_RAISING_COMPLEMENTS = ("xcomp", "ccomp", "oprd", "acomp", "attr")


def _raising_verbs(b: _Builder) -> None:
    """'X appears to Y', 'it seems that Y': an impression reported without a source."""
    doc = b.doc
    for verb in doc:
        if verb.lemma_.lower() not in RAISING_VERBS or verb.pos_ not in ("VERB", "AUX") or verb.i in b.cue_tokens:
            continue
        if _inside(verb.idx, b.skip) or _inside(verb.idx, b.quotes):
            continue
        complements = [c for c in verb.children if c.dep_ in _RAISING_COMPLEMENTS
                       or c.dep_ == "prep" and c.lower_ == "like"]
        if not complements or any(c.i in b.cue_tokens for c in complements):
            continue  # "appeared on television" is no impression; "seemed to blame X" is X's report
        subject = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass", "expl")), None)
        if subject is None or subject.lower_ == "what" or verb.head.lemma_.lower() in ("make", "let"):
            continue  # "to appear fair", "what appeared to be X", "made him seem kinder": no impression stated
        cue_start = _cue_start(verb)
        if any(a.cue.start <= cue_start < a.cue.end or cue_start <= a.cue.start < verb.idx + len(verb.text)
               for a in b.out):
            continue
        start = min(c.left_edge.i for c in complements)
        if subject.dep_ != "expl" and subject.lower_ not in ("it", "there"):
            start = min(start, subject.left_edge.i)
        end = max(c.right_edge.i for c in complements) + 1
        content = _trimmed(doc, start, end)
        if content is None:
            continue
        b.add("reported", verb, content, None, Certainty(value="probable"))


# verbs that judge what their object is, with the judgment as a small clause or an "as" phrase: "voters consider
# Ort honest", "the levy is considered an asset", "Ort cast her rival as a puppet"; without it they are no stance
# ("considering a run", "cast a net")
_JUDGING_VERBS = frozenset("consider cast".split())


def _judgments_and_inscriptions(b: _Builder) -> None:
    """Judgments with a small clause ('consider X honest') and written words that 'read' a quote."""
    doc = b.doc
    for verb in doc:
        if verb.pos_ != "VERB" or verb.i in b.cue_tokens or _inside(verb.idx, b.skip) or _inside(verb.idx, b.quotes):
            continue
        lemma = verb.lemma_.lower()
        if lemma in _JUDGING_VERBS:
            found = _judgment(verb)
        elif lemma == "read":
            found = _inscription(b, verb)
        else:
            continue
        if found is None:
            continue
        content, source = found
        kind = "reported" if source is None else _is_quote_content(b, content) if lemma == "read" else "indirect"
        if content is not None:
            b.add(kind, verb, content, source, Certainty(value="probable" if lemma in _JUDGING_VERBS else "certain"),
                  _cue_end(verb))


def _judgment(verb: Token):
    """Content and source of 'consider X Y', 'X is considered Y', 'cast X as Y', or None."""
    doc = verb.doc
    children = list(verb.children)
    passive = any(c.dep_ == "auxpass" for c in children)
    obj = next((c for c in children if c.dep_ == "dobj"), None)
    complement = next((c for c in children if c.dep_ in ("oprd", "ccomp", "xcomp", "attr") and c.i > verb.i
                       and c.tag_ != "VBG" and not any(m.dep_ == "mark" for m in c.children)), None)
    if verb.lemma_.lower() == "cast":
        complement = next((c for c in children if c.dep_ == "prep" and c.lower_ == "as"), None) if obj else None
    if complement is None:
        return None
    if complement.dep_ == "ccomp" and not any(c.dep_ == "nsubj" for c in complement.children):
        return None  # "consider whether ...", a clause with no subject of its own: deliberation, not a judgment
    if passive:
        target = next((c for c in children if c.dep_ == "nsubjpass"), None)
        if target is None or target.pos_ == "PRON":
            return None
        return _trimmed(doc, target.left_edge.i, complement.right_edge.i + 1), _agent(verb)
    source = _subject(verb)
    if source is None:
        return None
    start = obj.left_edge.i if obj is not None else complement.left_edge.i
    return _trimmed(doc, start, complement.right_edge.i + 1), source


def _inscription(b: _Builder, verb: Token):
    """'One sign read "Ort out"', 'the headline reads: "..."': the quoted words the writing bears."""
    subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    if subject is None or subject.pos_ == "PRON" and subject.lower_ not in ("it", "one"):
        return None
    after = verb.idx + len(verb.text)
    quotes = itertools.takewhile(lambda q: q[0] <= after + 3, b.quotes.from_index(b.quotes.first_from(after)))
    quote = next((q for q in quotes if not b.text[after:q[0]].strip(" :,")), None)
    if quote is None:
        return None
    return quote, subject


# participles that, after "self-", make a label the bearer gives themselves: "a self-described socialist"
_SELF_LABELS = frozenset("described proclaimed styled identified declared appointed anointed".split())


def _self_descriptions(b: _Builder) -> None:
    """'a self-described socialist': 'self' says 'socialist' of itself (PolNeAR's source is the word 'self')."""
    doc = b.doc
    for verb in doc:
        if verb.lower_ not in _SELF_LABELS or verb.dep_ != "amod" or verb.i < 2 or verb.i in b.cue_tokens:
            continue
        self_word, hyphen = doc[verb.i - 2], doc[verb.i - 1]
        if self_word.lower_ != "self" or hyphen.text != "-" or _inside(verb.idx, b.skip):
            continue
        label = verb.head
        content = _trimmed(doc, verb.i + 1, label.i + 1)
        if content is None:
            continue
        attribution = b.add("indirect", (verb.idx, verb.idx + len(verb.text)), content, None, Certainty())
        if attribution is None:
            continue
        # the words come from the one the label is for ("Ort, a self-described socialist"); the span is "self"
        attribution.source_text = self_word.text
        attribution.source_span = _span(b.text, self_word.idx, self_word.idx + len(self_word.text))
        if label.dep_ == "appos":
            attribution.source, _ = b.sources.resolve(label.head)
