"""Attributions marked by a phrase, not a verb: 'according to', 'per', a speaker's colon, 'reportedly'."""
from __future__ import annotations

import re

from spacy.tokens import Token

from storyline.extract import certainty as certainty_rules
from storyline.extract.attribution.builder import (
    _Coverage,
    _SUBJECTS,
    _Builder,
    _inside,
    _token_range,
    _trimmed,
)
from storyline.extract.attribution.relays import (
    _attach_relays,
)
from storyline.extract.lexicon import (
    DOCUMENT_NOUNS,
    GROUP_NOUNS,
    ORG_NOUNS,
    REPORTING_VERBS,
    STATE_OF_MIND,
)
from storyline.extract.spans import Ranges, sentence_of
from storyline.model import Certainty

# a transcript turn may open with a quote mark ('"SMITH: We will win.')
_COLON_LINE = re.compile(r"^[ \t]*[\"“]?(?P<src>[A-Z][\w.'’&-]*(?:[ \t]+[A-Z][\w.'’&-]*){0,5})[ \t]*(?P<cue>:)[ \t]+(?P<rest>\S[^\n]*)",
                         re.MULTILINE)

# a speaker and colon after a dash, before a quote: 'Poll finds shift - Ann Lee: “We saw it coming.”'
_COLON_QUOTE = re.compile(r"(?:^|[ \t][-–—][ \t]*|[-–—]|\. )(?P<more>(?:More )?[Ff]rom[ \t]+)?(?P<src>[A-Za-z][\w.'’&-]*"
                          r"(?:[ \t]+[A-Za-z&][\w.'’&-]*){0,5}?)[ \t]*(?P<cue>:)[ \t\xa0]*(?P<rest>[“\"])", re.MULTILINE)
# a capitalised name of up to four words ('Ann P. Lee', 'HarbourWatch'): a signer even when no entity was found
_CAPITALISED_NAME = re.compile(r"[A-Z][\w.'’&-]*(?:[ \t]+[A-Z][\w.'’&-]*){0,3}")

# a headline that opens the text with a speaker and a colon, the speaker's phrase possibly holding lower-case
# words ('Harbour board chief: Dam will hold', 'Ort to voters: We will win'); a tag before a dash is not
# the speaker ('EXCLUSIVE – Ann Lee: ...'), nor is whom or what the words are addressed to
_HEADLINE_COLON = re.compile(r"\A\s*(?:[A-Z]+[ \t]+[-–—][ \t]+)?(?P<src>[A-Z][\w.'’&-]*(?:[ \t]+\w[\w.'’&-]*){0,6}?)"
                             r"(?:[ \t]+(?:[Tt]o|[Oo]n)[ \t][^:\n]{1,60})?[ \t]*(?P<cue>:)[ \t]+(?P<rest>\S[^\n]*)")


def _line_colons(text: str):
    """Speaker-colon lines: the headline's first (it may hold lower-case words), then every other line."""
    first = _HEADLINE_COLON.match(text)
    if first is not None:
        yield first
    for m in _COLON_LINE.finditer(text):
        if first is None or m.start("cue") != first.start("cue"):
            yield m


_NOT_SPEAKERS = frozenset("update note photo video watch read related editor's correction source sources "
                          "warning breaking exclusive analysis opinion q a latest".split())

def _punctuation_reports(b: _Builder) -> None:
    """'SMITH: We will win.', 'Daily News: Storm Hits Coast': a speaker and a colon opening a line."""
    doc = b.doc
    speakers = set()  # last words of the speakers found so far: 'Ann Lee: ...' and later 'Lee: ...'
    for m in _line_colons(b.text):
        name = m.group("src")
        words = name.lower().replace("’", "'").split()
        if words[0] in _NOT_SPEAKERS or words[-1] in _NOT_SPEAKERS or _inside(m.start("src"), b.skip):
            continue
        if not any(c.isalpha() for c in m.group("rest")):
            continue  # 'Ann Lee: 1,769' is a tally, not words
        start, end = m.start("src"), m.end("src")
        named = b.sources.index.entity_in(start, end) is not None
        if words[0] == "the" and not named:
            continue  # 'The Latest: ...', 'The Morning Brief: ...' name a column, not a speaker
        headline = start == len(b.text) - len(b.text.lstrip())  # "Outlet Name: Headline" on the first line
        if not (named or name.isupper() or headline or name.split()[-1] in speakers):
            continue
        speakers.add(name.split()[-1])
        span = doc.char_span(start, end, alignment_mode="contract")
        if span is None or len(span) == 0:
            continue
        transcript = name.isupper() and not headline  # 'SMITH: ...' in a transcript, not 'WATCH: ...' atop it
        rest = (m.start("rest"), _turn_end(b.text, m.end("rest")) if transcript else m.end("rest"))
        content = _trimmed(doc, *_token_range(doc, *rest))
        if content is None:
            continue
        content_span = doc.char_span(*content, alignment_mode="expand")
        certainty = certainty_rules.certainty_of_span(content_span) if content_span is not None else Certainty()
        speaker = b.sources.index.by_id.get(b.sources.index.entity_in(start, end) or "")
        kind = "direct" if speaker is None and not headline or speaker is not None and speaker.kind == "person" \
            else "indirect"
        b.add(kind, (m.start("cue"), m.end("cue")), content, span, certainty)
    _colon_quotes(b)
    _named_before_colon(b)

# a paragraph that does not continue a transcript turn: the next speaker's turn, a stage direction
# ('(CROSSTALK)', '[applause]'), or an ellipsis marking a cut
_NOT_TURN_CONTINUATION = re.compile(r"[\"“]?(?:[A-Z][\w.'’&-]*(?:[ \t]+[A-Z][\w.'’&-]*){0,5}[ \t]*:"
                                    r"|[(\[]|[.…]+$)")

# a social-media handle: the line is a credit or a link ('Follow Ann Lee on Twitter @annlee'), not speech
_HANDLE = re.compile(r"(?<![\w.])@\w+")

def _turn_end(text: str, end: int) -> int:
    """End of a transcript turn ('SMITH: We will win.') that goes on over the paragraphs after it, up to
    the next speaker, a stage direction, or a line that is not prose (a credit: 'Follow Ann on Twitter')."""
    while True:
        start = end
        while start < len(text) and text[start] == "\n":
            start += 1
        if start == end or start >= len(text):
            return end
        stop = text.find("\n", start)
        stop = len(text) if stop < 0 else stop
        line = text[start:stop].strip()
        if (not line or _NOT_TURN_CONTINUATION.match(line) or not line.endswith((".", "?", "!", '"', "”", "—"))
                or _HANDLE.search(line)):
            return end
        end = start + len(text[start:stop].rstrip())

def _colon_quotes(b: _Builder) -> None:
    """'- Ann Lee: “We saw it coming.”', '- More from the report: “...”': the quote is the speaker's."""
    for m in _COLON_QUOTE.finditer(b.text):
        start, end = m.start("src"), m.end("src")
        quote = _inside(m.start("rest"), b.quotes)
        if quote is None or quote[0] != m.start("rest") or _inside(start, b.skip) or _inside(start, b.quotes):
            continue
        after_dash = m.group(0)[:1] in "-–—" or m.group(0).lstrip()[:1] in "-–—"
        if not (m.group("more") or b.sources.index.entity_in(start, end) is not None
                or after_dash and _CAPITALISED_NAME.fullmatch(m.group("src"))):
            continue
        span = b.doc.char_span(start, end, alignment_mode="contract")
        words = b.doc.char_span(*quote, alignment_mode="expand")
        if span is None or len(span) == 0 or words is None:
            continue
        # 'Pollsters agree - Ann Lee: "..."': the name at the colon, not a verb before the dash, speaks the quote
        b.out = [a for a in b.out if not (after_dash and a.cue.end <= start and a.content.start <= quote[0]
                                          and a.content.end >= quote[1])]
        if b.add("direct", (m.start("cue"), m.end("cue")), quote, span, certainty_rules.certainty_of_span(words)):
            b.used_quotes.add(quote)  # the quote is this speaker's, not a continuation of the one before

def _named_before_colon(b: _Builder) -> None:
    """'The surge does not surprise pollster Ann Lee: “...”', 'Here is Ort in 1992: “...”': a person named
    at the end of a sentence with no reporting cue of its own, a colon, then a quote nobody else speaks."""
    doc = b.doc
    for colon in doc:
        if colon.text != ":" or colon.i + 1 >= len(doc) or not doc[colon.i + 1].is_quote:
            continue
        quote = _inside(doc[colon.i + 1].idx, b.quotes)
        if quote is None or quote[0] != doc[colon.i + 1].idx or _inside(colon.idx, b.skip):
            continue
        if any(a.content.start <= quote[0] < a.content.end or quote[0] <= a.content.start < quote[1]
               for a in b.out):
            continue  # the quote already has a speaker
        if _sentence_has_cue(b, colon) or any(t.lemma_.lower() in REPORTING_VERBS and t.pos_ == "VERB"
                                               for t in doc[sentence_of(colon).start:colon.i]):
            continue
        # the last person named before the colon, followed at most by a short phrase of time or place
        person = next((t for t in reversed(doc[max(sentence_of(colon).start, colon.i - 6):colon.i])
                       if t.ent_type_ == "PERSON"), None)
        if person is None or any(t.is_punct or t.pos_ in ("VERB", "AUX") for t in doc[person.i + 1:colon.i]):
            continue
        first = person.i
        while doc[first].ent_iob_ != "B" and first > sentence_of(colon).start and doc[first - 1].ent_type_ == "PERSON":
            first -= 1
        name = doc[first:person.i + 1]
        words = doc.char_span(*quote, alignment_mode="expand")
        if words is None:
            continue
        if b.add("direct", (colon.idx, colon.idx + 1), quote, name, certainty_rules.certainty_of_span(words)):
            b.used_quotes.add(quote)

# documents whose findings a clause reports when it opens 'in a poll ...' or 'in the survey ...'
_FINDING_NOUNS = frozenset("poll survey study".split())
# 'in her view', 'in Ort's words': the possessor's opinion or words
_VIEW_NOUNS = frozenset("view views words eyes opinion estimation judgment".split())


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
        elif low == "in" and tok.dep_ == "prep" and tok.head.pos_ in ("VERB", "AUX") and tok.i < tok.head.i:
            pobj = next((c for c in tok.children if c.dep_ == "pobj"), None)
            # "In a poll released Monday, Ort leads": the poll says so; "in her view" is hers (after the
            # verb, "Ort slid in the polls" places a fact, not a source)
            if pobj is not None and (pobj.lemma_.lower() in _FINDING_NOUNS or pobj.lower_ in _VIEW_NOUNS and any(
                    c.dep_ == "poss" for c in pobj.children)) and not _sentence_has_cue(b, tok):
                yield tok, tok, pobj
        elif low == "as" and tok.i + 2 < len(doc) and doc[tok.i + 2].lower_ == "by" \
                and doc[tok.i + 1].lemma_.lower() in ("cite", "report", "quote", "say", "state"):
            by = doc[tok.i + 2]
            pobj = next((c for c in by.children if c.dep_ == "pobj"), None)
            if pobj is not None and not _sentence_has_cue(b, tok):
                yield tok, by, pobj

def _sentence_has_cue(b: _Builder, tok: Token) -> bool:
    sent = sentence_of(tok)
    return any(sent.start_char <= a.cue.start < sent.end_char for a in b.out)

def _according_to(b: _Builder) -> None:
    """'According to X, ...', '..., per X', '..., as cited by X': the rest of the clause is X's claim."""
    doc = b.doc
    for tok, last, pobj in list(_source_phrases(b)):
        if _inside(tok.idx, b.skip) or _inside(tok.idx, b.quotes):
            continue
        phrase_lo, phrase_hi = tok.i, pobj.right_edge.i + 1
        head = tok.head if tok.head.i != tok.i else None
        if head is not None and head.i < phrase_lo:
            while head.dep_ == "conj" and head.head.pos_ in ("VERB", "AUX"):
                head = head.head  # "A got 37 percent and B got 13, according to X": the whole coordination
        if head is None or head.i in range(phrase_lo, phrase_hi) or head.lower_ in ("cited", "reported", "quoted"):
            sent = sentence_of(tok)
            start, end = sent.start, sent.end
        else:
            start, end = _clause_bounds(head, b)
            if head.i >= phrase_hi and not any(c.dep_ in _SUBJECTS for c in head.children):
                phrase_hi = _subject_in_phrase(pobj, phrase_hi)
        if phrase_lo <= start:
            content = _trimmed(doc, max(phrase_hi, start), end)
        elif phrase_hi < end and doc[phrase_hi:end].text.strip(" ,.;") and tok.lower_ == "per":
            # "The plan, per the report, was doomed": the claim surrounds the phrase
            content = _trimmed(doc, start, end)
        else:
            if head is not None and head.lower_ in _COPULAS and head.i == phrase_lo - 1:
                phrase_lo = head.i  # "That's according to X": the claim is "That"
            content = _trimmed(doc, _past_connective(doc, start, phrase_lo), phrase_lo)
        if content is None:
            continue
        content_span = doc.char_span(*content, alignment_mode="expand")
        certainty = certainty_rules.certainty_of_span(content_span) if content_span is not None else Certainty()
        cue = (tok.idx, last.idx + len(last.text))
        attribution = b.add("according_to", cue, content, pobj, certainty)
        if attribution is not None:
            _attach_relays(b, attribution, tok.head)

# forms of "be" that link a claim to its source ("That's according to X")
_COPULAS = frozenset({"is", "was", "'s", "’s", "are", "were"})

# sentence connectives that tie a claim to the text before it, not part of what the source says
_CONNECTIVES = ("still", "however", "meanwhile", "moreover", "indeed", "yet", "instead", "nevertheless",
                "nonetheless", "furthermore", "besides", "in fact", "in addition", "at the same time",
                "by contrast", "in contrast", "for example", "for instance", "on the other hand")


def _past_connective(doc, start: int, end: int) -> int:
    """Start of a claim after a connective and its comma ('Still, most voters agree, according to X')."""
    for n in (1, 2, 3, 4):
        if start + n < end and doc[start + n].text == "," and doc[start:start + n].text.lower() in _CONNECTIVES:
            return start + n + 1
    return start


def _subject_in_phrase(pobj: Token, phrase_hi: int) -> int:
    """End of an 'according to' phrase whose parse swallowed the claim's subject as an apposition:
    'According to polls by X, most voters want Y' (the verb is left without a subject)."""
    doc = pobj.doc
    for t in pobj.subtree:
        if t.dep_ == "appos" and t.left_edge.i > pobj.i and doc[t.left_edge.i - 1].text == ",":
            return t.left_edge.i
    return phrase_hi


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
    found = Ranges((a.content.start, a.content.end) for a in b.out)  # the contents so far, indexed
    added = _Coverage(len(b.text))  # and those added here
    for tok in doc:
        if tok.lower_ not in ("reportedly", "allegedly", "purportedly") or _inside(tok.idx, b.skip):
            continue
        if found.containing(tok.idx) is not None or added.at(tok.idx) > 0:
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
        attribution = b.add("reported", tok, content, source, cert)
        if attribution is not None:
            added.add(attribution.content.start, attribution.content.end)
