"""Attributions in title-case lines (headlines), whose capitalised verbs the parser takes for names.

'Harbour Board Chief Praises Mayor Ort's Ferry Plan', 'Ort Calls For Inquiry Into Dam',
'Ort Hid Illness, Former Port Doctor Says': the tagger reads 'Praises', 'Calls' and 'Says' as
proper nouns, so `verbs` never sees them. Here a word whose lowercase form is a reporting or
stance verb form splits the line into source (the capitalised phrase before it) and content
(the rest of the line).

Headline style also misleads the parser the other way: in 'Harbour Board postpones plan to reopen pier' it
takes 'postpones' for a plural noun and 'plan' for the verb, and reports 'to reopen pier' from a source
'Harbour Board postpones'. A headline cue is a cue only when a source and a content stand around it, so
such reports are dropped before the title-case lines are read.
"""
from __future__ import annotations

import bisect
import functools
import re

from spacy.tokens import Doc, Token

from storyline.extract import certainty as certainty_rules
from storyline.extract.attribution.builder import _Builder, _inside, _span, _trimmed
from storyline.extract.attribution.quotes import _is_quote_content
from storyline.extract.lexicon import (
    DOCUMENT_NOUNS,
    GROUP_NOUNS,
    MEDIA_DESCRIPTOR_NOUNS,
    ORG_NAME_WORDS,
    ORG_NOUNS,
    PERSON_NOUNS,
    REPORTING_VERBS,
    STANCE_PREPOSITIONS,
    STANCE_VERBS,
    TITLE_WORDS,
)
from storyline.model import Attribution, Certainty

_LINE = re.compile(r"[^\n]+")

# lemmas a headline cue may have: reporting verbs, stance verbs, and verbs that report through a preposition
_CUE_LEMMAS = frozenset(REPORTING_VERBS) | STANCE_VERBS | frozenset(STANCE_PREPOSITIONS)

# short function words that headline style may leave lowercase ("Calls for Inquiry Into Dam"):
# they count neither for nor against a line being in title case
_FUNCTION_WORDS = frozenset("a an the and or nor but of in on at to for by with from as into onto over about "
                            "after before than via vs per up off out".split())

# irregular past forms (and participles) of common English verbs, by lemma; regular forms are derived by rule.
# Forms identical to the lemma ("put", "set", "forecast") are left out: a bare lemma is no past form here.
_IRREGULAR_PAST = {
    "said": "say", "told": "tell", "wrote": "write", "written": "write", "thought": "think", "found": "find",
    "felt": "feel", "knew": "know", "known": "know", "saw": "see", "seen": "see", "sought": "seek",
    "spoke": "speak", "spoken": "speak", "held": "hold", "meant": "mean", "taught": "teach",
    "brought": "bring", "gave": "give", "given": "give", "took": "take", "taken": "take", "made": "make",
    "swore": "swear", "sworn": "swear", "forbade": "forbid", "foresaw": "foresee", "foretold": "foretell",
    "withdrew": "withdraw", "withheld": "withhold", "upheld": "uphold", "overheard": "overhear",
    "mistook": "mistake", "understood": "understand", "chose": "choose", "chosen": "choose",
    "forgave": "forgive", "forgot": "forget", "sent": "send", "spent": "spend", "stood": "stand",
    "struck": "strike", "fought": "fight", "won": "win", "lost": "lose", "led": "lead", "left": "leave",
}

# words of a verb group that stand before its verb and belong to the cue, as the parser-based cues take
# their auxiliaries and adverbs: auxiliaries and modals (with the stems "Wo", "Ca" of "Won't", "Can't"),
# the passive "Gets", negation, and the one-word adverbs headlines put there ("Now Says", "Never Denied")
_AUXILIARIES = frozenset("has have had does do did doesn't didn't don't will would may might can could should "
                         "must shall wo ca is are was were be been being gets got".split())
# auxiliaries after which a cue verb stands in its bare form ("Won't Renounce", "Did Not Deny")
_MODALS = frozenset("will would may might can could should must shall wo ca do does did doesn't didn't "
                    "don't".split())
# auxiliaries of the passive and progressive ("Is Called", "Gets Praised", "Is Now Calling")
_BE_WORDS = frozenset("is are was were be been being 's ’s get gets got getting".split())
_GROUP_ADVERBS = frozenset("not n't n’t never also still now just again already even finally once publicly "
                           "privately quietly repeatedly openly formally officially flatly strongly sharply "
                           "fully actually apparently effectively".split())

# lowercase words that may stand inside a source phrase among its capitalised words
# ("Leaders of the Harbour Board", "Ort and Lee", "Ort's Aide")
_SOURCE_JOINERS = frozenset("of the and for & 's ’s - de da del van von al".split())

# words that open a clause: a source never runs back across them ("Why Ort Backs The Dam")
_CLAUSE_OPENERS = frozenset("if when why how after as while before because that who whom whose which what "
                            "where whether though although since until unless amid despite".split())

# pronouns that name no one a headline reader could identify ("It Says", "This Shows", "You Know")
_NOT_SOURCES = frozenset("it this that these those there what who which you we i one".split())

# words after which a headline cue's content ends: the next clause or sentence of the line
_CONTENT_STOPS = frozenset(". ? ! ; – — -- - |".split())

# words after which a capitalised verb form is a noun: determiners, possessives, numbers
# ("Ort's Attacks", "These 2 States", "Their Claims")
_NOUN_MARKERS = frozenset("a an the this that these those his her its their our my your 's ’s ' ’ - "
                          "some many several few all no two three four five".split())

# third-person forms that in headlines are nearly always plural nouns ("Battleground States", "Leaked Documents")
_NOUN_FORMS = frozenset("states documents thanks".split())

# a preposition that, right after a cue verb, belongs to the cue whatever the verb ("Thinks About", "Says About")
_ANY_VERB_PREPOSITIONS = frozenset(["about"])

# words that join two cues of one source ("Ort Backs Ferry And Praises Lee", "Ort Backs Ferry, Praises Lee")
_COORDINATORS = frozenset("and but , ;".split())

# a line read as a headline when not in title case: no longer than this, and ending no sentence
HEADLINE_WORDS = 16
HEADLINE_CHARS = 300  # a longer line is never a headline
_SENTENCE_END = re.compile(r"[.!?][\"'”’)]*\s*$")

# nouns that name who speaks: a word of a source that is one of them is no misread verb ("Port doctors call
# for aid") and a phrase before a colon that ends in one is a speaker ("Harbour board chief: ...")
_SPEAKER_NOUNS = PERSON_NOUNS | GROUP_NOUNS | ORG_NOUNS | ORG_NAME_WORDS | TITLE_WORDS | DOCUMENT_NOUNS \
    | MEDIA_DESCRIPTOR_NOUNS
# endings of nouns for people ("parents", "residents", "workers"), which may also be verbs
_AGENT_ENDINGS = ("er", "or", "ist", "ian", "ent", "ant", "ee")

# verbs whose object is whom the words are for ("Ort Warns Rivals", "Police warn drivers"): with nothing
# but that object after them they report nothing
_HEARER_VERBS = frozenset("warn tell remind assure inform notify alert caution brief".split())


def _title_case_reports(b: _Builder) -> None:
    """'Ort Praises Ferry Plan', 'Ort Calls For Inquiry', 'ORT WARNS OF FLOODS': reports in title-case lines.

    First the parser's reports on headline lines that have no source or content around their cue go,
    and sources that ran back into skipped text (a ' date 2019-05-02 ' field) are cut where it ends."""
    doc = b.doc
    _sources_outside_skipped_text(b)
    _drop_misread_headline_reports(b)
    earlier = sorted(((a.cue.start, n) for n, a in enumerate(b.out)))  # reports found so far, by cue position
    for m in _LINE.finditer(b.text):
        start = _readable_start(b, m.start(), m.end())
        if start is None:
            continue
        line = doc.char_span(start, m.end(), alignment_mode="expand")
        if line is None or not _is_title_case(line):
            continue
        first, last = bisect.bisect_left(earlier, (m.start(), -1)), bisect.bisect_left(earlier, (m.end(), -1))
        _line_reports(b, line.start, line.end, [b.out[n] for _, n in earlier[first:last]])


def _readable_start(b: _Builder, start: int, end: int) -> int | None:
    """Where a line's own words start, past skipped text opening it (' date 2019-05-02 Ort Says ...'),
    or None when the whole line is skipped."""
    while True:
        while start < end and b.text[start].isspace():
            start += 1
        skipped = _inside(start, b.skip)
        if start >= end or skipped is None:
            return start if start < end else None
        start = skipped[1]


def _sources_outside_skipped_text(b: _Builder) -> None:
    """Cut a source phrase that the parser ran back into skipped text (' date 2019-05-02 Ort said ...');
    for one wholly inside it ('date') the words between that text and the cue are the source, if any."""
    for a in b.out:
        span = a.source_span
        if span is None:
            continue
        first = span.start + len(span.text) - len(span.text.lstrip())  # its first and last character
        last = span.start + len(span.text.rstrip()) - 1
        skipped = _inside(first, b.skip) if first <= last else None
        if skipped is not None and _inside(last, b.skip) == skipped:
            source = a.source
            a.source = a.source_text = a.source_span = None
            _forget_created_source(b, source, span)
            _source_after_skipped_text(b, a, skipped[1])
            continue
        cut = b.skip.last_end_between(span.start, span.end)
        if cut is None:
            continue
        while cut < span.end and b.text[cut].isspace():
            cut += 1
        span.start, span.text = cut, b.text[cut:span.end]
        a.source_text = span.text


def _source_after_skipped_text(b: _Builder, a: Attribution, start: int) -> None:
    """The noun phrase from `start` right up to the cue as the report's source ('Harbour master Ann Ort')."""
    if a.cue.start <= start:
        return
    words = b.doc.char_span(start, a.cue.start, alignment_mode="contract")
    if words is None or not 0 < len(words) <= 8 or not words[0].text[0].isupper() \
            or any(t.pos_ in ("VERB", "AUX") or t.is_punct for t in words):
        return
    a.source, phrase = b.sources.resolve(words.root, words)
    a.source_text = phrase.text
    a.source_span = _span(b.text, phrase.start_char, phrase.end_char)


def _drop_misread_headline_reports(b: _Builder) -> None:
    """Drop reports on headline lines whose cue has no source or no content around it."""
    dropped = [a for a in b.out if _headline_line(b, a.cue.start) and _misread(b, a)]
    if not dropped:
        return
    b.out[:] = [a for a in b.out if a not in dropped]
    for a in dropped:
        cue = b.doc.char_span(a.cue.start, a.cue.end, alignment_mode="expand")
        b.cue_tokens.difference_update(t.i for t in cue or ())  # the title-case rule may read the line anew
        _forget_created_source(b, a.source, a.source_span)


def _headline_line(b: _Builder, pos: int) -> bool:
    """Whether the line at `pos` reads as a headline: title case, or short and ending no sentence."""
    start, end = b.line_at(pos)
    if end - start > HEADLINE_CHARS:
        return False  # a paragraph, not a headline (and reading it again per cue would be quadratic)
    line = b.doc.char_span(start, end, alignment_mode="expand")
    if line is None:
        return False
    if _is_title_case(line):
        return True
    words = sum(1 for t in line if t.is_alpha)
    return 3 <= words <= HEADLINE_WORDS and not _SENTENCE_END.search(b.text[start:end])


def _misread(b: _Builder, a: Attribution) -> bool:
    """Whether a report on a headline line lacks a source or content around its cue.

    'Harbour Board postpones | plan | to reopen pier': the source holds the line's verb; 'Lindholm ferry
    rescue: Two saved': a topic before a colon, not a speaker; 'What We Know': a question word for content;
    'Police | warn | drivers': only the hearer after the cue; 'Council Plans To Close Library' with no
    source read: the title-case rule's business."""
    doc = b.doc
    cue = doc.char_span(a.cue.start, a.cue.end, alignment_mode="expand")
    if cue is None:
        return False
    source = doc.char_span(a.source_span.start, a.source_span.end, alignment_mode="expand") \
        if a.source_span is not None else None
    if a.cue.text == ":":
        return source is not None and _is_topic(source)
    if a.content.text.strip().lower() in _CLAUSE_OPENERS:
        return True  # "Why the pier fell and what we know": a question word is no content
    verb = cue[-1]
    if source is None:
        return verb.tag_ in ("VBZ", "VBP", "VBD") and verb.text[0].isupper()
    if source.end == cue.start and _swallowed_verb(source, verb):
        return True
    content = doc.char_span(a.content.start, a.content.end, alignment_mode="expand")
    return (verb.lemma_.lower() in _HEARER_VERBS and len(cue) == 1 and content is not None
            and a.content.start > a.cue.start and not _has_verb(content))


def _swallowed_verb(source, cue: Token) -> bool:
    """'Harbour Board postpones' before 'plan': the source ends in a present-tense verb of the line, and the
    parser's cue is a noun it governs ('plan', 'pledge', 'calls')."""
    if len(source) < 2:
        return False
    last = source[-1]
    word = last.lower_
    if not (last.is_alpha and last.is_lower and word.endswith("s") and not word.endswith("ss")):
        return False
    stems = [word[:-1], word[:-2]] + ([word[:-3] + "y"] if word.endswith("ies") else [])
    verbs, nouns = _verbs_and_nouns()
    if word in _SPEAKER_NOUNS or not any(stem in verbs for stem in stems):
        return False
    if any(stem in _SPEAKER_NOUNS or stem.endswith(_AGENT_ENDINGS) for stem in stems):
        return False  # "Harbour Board members plan", "Local parents plan": a plural noun after all
    return cue.lower_ in nouns or cue.lemma_.lower() in nouns


def _is_topic(source) -> bool:
    """'Lindholm ferry rescue', 'Harbourton flood': a phrase ending in a common noun that names no speaker."""
    last = source[-1]
    return last.is_alpha and last.is_lower and last.lemma_.lower() not in _SPEAKER_NOUNS \
        and last.lower_ not in _SPEAKER_NOUNS


def _has_verb(span) -> bool:
    """A clause ('floods will worsen'), not a noun phrase alone ('drivers', 'Rivals')."""
    return any(t.pos_ in ("VERB", "AUX") or t.lower_ in _AUXILIARIES or t.lower_ in ("to", "that")
               or t.text in ("“", '"', "‘") for t in span)


def _forget_created_source(b: _Builder, source: str | None, span) -> None:
    """Remove the entity made for a dropped source ('Harbour Board postpones') at `span` when nothing else
    names it; entities made after it move down one id, since the next one made takes the count's id."""
    entities = b.sources.entities
    entity = next((e for e in b.sources.created.values() if e.id == source), None)
    if entity is None or span is None or any(x.source == source or source in x.via for x in b.out) \
            or any(not (span.start <= m.start and m.end <= span.end) for m in entity.mentions):
        return
    at = entities.index(entity)
    ids = [e.id for e in entities[at:]]
    renamed = {e.id: new for e, new in zip(entities[at + 1:], ids)}
    del entities[at]
    b.sources.created = {k: v for k, v in b.sources.created.items() if v is not entity}
    for e in entities[at:]:
        e.id = renamed[e.id]
    for x in b.out:
        x.source = renamed.get(x.source, x.source)
        x.via = [renamed.get(v, v) for v in x.via]


@functools.lru_cache(maxsize=1)
def _verbs_and_nouns() -> tuple[frozenset[str], frozenset[str]]:
    """Verb and noun lemmas of the model's lemmatiser tables (empty when it has none)."""
    from storyline.nlp import load_nlp  # the model is loaded already: its doc is being read

    try:
        index = load_nlp().get_pipe("lemmatizer").lookups.get_table("lemma_index")
        return frozenset(index["verb"]), frozenset(index["noun"])
    except (KeyError, ValueError):
        return frozenset(), frozenset()


def _is_title_case(line) -> bool:
    """Most content words capitalised ('Ort Calls For Inquiry Into Dam', 'ORT QUITS'), not sentence case."""
    words = [t for t in line if t.is_alpha and t.lower_ not in _FUNCTION_WORDS]
    capitalised = sum(1 for t in words if t.text[0].isupper())
    return len(words) >= 3 and capitalised >= 0.85 * len(words)


def _verb_lemma(word: str) -> str | None:
    """The cue lemma of a 3rd-person or past form ('praises', 'denied', 'admitted', 'told'), else None."""
    if word in _IRREGULAR_PAST:
        candidates = [_IRREGULAR_PAST[word]]
    elif len(word) > 3 and word.endswith("s") and not word.endswith("ss"):
        candidates = [word[:-1], word[:-2], word[:-3] + "y"] if word.endswith("ies") else [word[:-1], word[:-2]]
    elif len(word) > 4 and word.endswith("ed"):
        candidates = [word[:-1], word[:-2]]
        if word.endswith("ied"):
            candidates.append(word[:-3] + "y")  # "denied" -> "deny"
        elif word[-3] == word[-4]:
            candidates.append(word[:-3])  # "admitted" -> "admit"
    else:
        return None
    return next((c for c in candidates if c in _CUE_LEMMAS), None)


def _verb_lemma_after_auxiliary(doc: Doc, verb: Token, group: int) -> str | None:
    """The cue lemma of a bare form after a modal or 'do' ('Won't Renounce', 'Will Endorse') or of an
    -ing form after 'be' ('Is Now Calling'), else None."""
    auxiliaries = {doc[i].lower_ for i in range(group, verb.i)}
    word = verb.lower_
    if auxiliaries & _MODALS and word in _CUE_LEMMAS:
        return word
    if auxiliaries & _BE_WORDS and word.endswith("ing") and len(word) > 5:
        stem = word[:-3]
        candidates = [stem, stem + "e"] + ([stem[:-1]] if stem[-1] == stem[-2] else [])
        return next((c for c in candidates if c in _CUE_LEMMAS), None)
    return None


def _is_past(word: str) -> bool:
    """A past form, which may be a passive participle ('Praised', 'Told')."""
    return word in _IRREGULAR_PAST or word.endswith("ed")


def _line_reports(b: _Builder, lo: int, hi: int, reports: list) -> None:
    """The reports of one title-case line (token range [lo, hi)), left to right; `reports` are those
    other constructions found on the line."""
    doc = b.doc
    cues = _LineCues(reports)
    content_ends = _ContentEnds(doc, lo, hi)
    for t in doc[lo:hi]:
        if not t.text[0].isupper() or t.i == lo or not t.is_alpha:
            continue
        group = _group_start(doc, t, lo)
        lemma = _verb_lemma(t.lower_) or _verb_lemma_after_auxiliary(doc, t, group)
        if lemma is None or _reads_as_noun(doc, t, hi):
            continue
        if _inside(t.idx, b.skip) or _inside(t.idx, b.quotes) or t.i in b.cue_tokens or cues.covers(t.idx):
            continue
        if b.nested_too_deep(doc[group].idx):
            continue  # as add() would find, before the content is read (see MAX_NESTING)
        if _is_passive(doc, t, group, lemma, hi):
            continue
        cue_end = t.i + 1
        prep = doc[t.i + 1] if t.i + 1 < hi else None
        if prep is not None and (prep.lower_ in STANCE_PREPOSITIONS.get(lemma, ())
                                 or prep.lower_ in _ANY_VERB_PREPOSITIONS):
            cue_end += 1  # "Calls For", "Warns Of": the preposition is part of the cue
        elif lemma not in REPORTING_VERBS and lemma not in STANCE_VERBS:
            continue  # "Points", "Votes" report only through their preposition
        source, stop = _source_before(doc, group, lo)
        content_end = content_ends.after(cue_end)
        before = cues.last_ending_by(t.idx)
        if source is None and before is not None and before.source_span is not None and stop is not None \
                and stop.lower_ in _COORDINATORS and stop.i == group - 1 and stop.i > lo \
                and before.content.end >= doc[stop.i - 1].idx + len(doc[stop.i - 1].text):
            # "Ort Backs Ferry And Praises Lee": both cues are Ort's, and the first content ends at "And"
            source = doc.char_span(before.source_span.start, before.source_span.end, alignment_mode="expand")
            _shorten(b, before, stop.i)
        elif before is not None and before.content.start <= t.idx < before.content.end:
            continue  # "Ort Says Lee Praises Plan": a report inside another report's content
        if source is None:
            continue
        rest = doc[cue_end:content_end]
        inverted = lemma in REPORTING_VERBS and stop is not None and _after_comma(doc, stop)
        if inverted and (not any(w.is_alpha for w in rest) or lemma == "tell" and _all_capitalised(rest)):
            # "Ort Hid Illness, Former Port Doctor Says", "..., Ort Tells Council": the content comes first
            content = _trimmed(doc, lo, stop.i + 1 if stop.text != "," else stop.i)  # a closing quote stays
        else:
            content = _trimmed(doc, cue_end, content_end)
        if content is None:
            continue
        if lemma in _HEARER_VERBS and cue_end == t.i + 1 and content[0] > t.idx \
                and not _has_verb(doc.char_span(*content, alignment_mode="expand")):
            continue  # "Ort Warns Rivals": whom Ort warned, not of what
        while content[1] > content[0] and b.text[content[1] - 1] == "-":
            content = (content[0], content[1] - 1)
        cue = (doc[group].idx, doc[cue_end - 1].idx + len(doc[cue_end - 1].text))
        attribution = b.add(_is_quote_content(b, content), cue, content, source,
                            _certainty(doc, lemma, t, content))
        if attribution is not None:
            b.cue_tokens.add(t.i)
            cues.append(attribution)


class _LineCues:
    """The reports on a title-case line, read left to right: `reports` (found by other constructions, in cue
    order) and those the line adds. Positions asked about only grow, so each answer takes amortised O(log n),
    where a scan of the reports per word would make a long line quadratic."""

    def __init__(self, reports: list):
        self.reports = reports
        self.added: list = []
        self._by_start = sorted(range(len(reports)), key=lambda k: reports[k].cue.start)
        self._by_end = sorted(range(len(reports)), key=lambda k: reports[k].cue.end)
        self._started = self._ended = 0
        self._reach = -1  # the furthest cue end of the cues starting at or before the last position
        self._last_ended = -1  # the last of `reports` (in list order) ending by the last position

    def append(self, attribution) -> None:
        self.added.append(attribution)
        self._reach = max(self._reach, attribution.cue.end)  # it starts before any later position

    def covers(self, pos: int) -> bool:
        """Whether a cue holds `pos` (any(a.cue.start <= pos < a.cue.end))."""
        while self._started < len(self._by_start) and self.reports[self._by_start[self._started]].cue.start <= pos:
            self._reach = max(self._reach, self.reports[self._by_start[self._started]].cue.end)
            self._started += 1
        return self._reach > pos

    def last_ending_by(self, pos: int):
        """The last report (the line's own after the others) whose cue ends by `pos`, or None."""
        for a in reversed(self.added):  # their cues end in order: at most the last one or two are passed over
            if a.cue.end <= pos:
                return a
        while self._ended < len(self._by_end) and self.reports[self._by_end[self._ended]].cue.end <= pos:
            self._last_ended = max(self._last_ended, self._by_end[self._ended])
            self._ended += 1
        return self.reports[self._last_ended] if self._last_ended >= 0 else None


class _ContentEnds:
    """_content_end for every start on one line, from one right-to-left pass made when first asked."""

    def __init__(self, doc: Doc, lo: int, hi: int):
        self.doc, self.lo, self.hi = doc, lo, hi
        self.ends: list[int] | None = None

    def after(self, start: int) -> int:
        if self.ends is None:
            self.ends = _content_ends(self.doc, self.lo, self.hi)
        return self.ends[start - self.lo] if self.lo <= start <= self.hi else _content_end(self.doc, start, self.hi)


def _reads_as_noun(doc: Doc, t: Token, hi: int) -> bool:
    """'Ort's Attacks', 'These 2 States', 'Leaked Documents Reveal', 'Media Reports Show': a noun, not a cue."""
    before = doc[t.i - 1]
    if t.lower_ in _NOUN_FORMS or before.lower_ in _NOUN_MARKERS or before.like_num:
        return True
    if before.text == "-" and not before.whitespace_:
        return True  # "Well-Known"
    nxt = doc[t.i + 1] if t.i + 1 < hi else None
    # the verb of the line follows: this word ends its subject ("Media Reports Reveal Plan", "Plans Would Cost")
    return nxt is not None and nxt.text[0].isupper() and (nxt.lower_ in _CUE_LEMMAS or nxt.lower_ in _AUXILIARIES)


def _group_start(doc: Doc, verb: Token, lo: int) -> int:
    """First token of the verb group: auxiliaries and adverbs right before the verb ('Has Now Said')."""
    i = verb.i
    while i > lo + 1 and (doc[i - 1].lower_ in _AUXILIARIES or doc[i - 1].lower_ in _GROUP_ADVERBS
                          or doc[i - 1].lower_ in _BE_WORDS and doc[i - 1].text[0] in "'’"):
        i -= 1
    return i


def _is_passive(doc: Doc, verb: Token, group: int, lemma: str, hi: int) -> bool:
    """'Ort Praised By Board', 'Ort Is Called A Liar', 'Ort Accused Of Lying': the subject is not the speaker."""
    if not _is_past(verb.lower_):
        return False
    if any(doc[i].lower_ in _BE_WORDS for i in range(group, verb.i)):
        return True
    nxt = doc[verb.i + 1] if verb.i + 1 < hi else None
    # a bare participle before a preposition other than the verb's own ("Named As Chief", "Accused Of Lying")
    return group == verb.i and nxt is not None and nxt.lower_ in _FUNCTION_WORDS \
        and nxt.lower_ not in ("a", "an", "the") and nxt.lower_ not in STANCE_PREPOSITIONS.get(lemma, ())


def _source_before(doc: Doc, group: int, lo: int):
    """The capitalised phrase right before a verb group, and the token that stopped it (None at line start)."""
    i = group
    stop = None
    if doc[i - 1].lower_ in _COORDINATORS:
        return None, doc[i - 1]  # a second cue of the same source
    while i > lo:
        t = doc[i - 1]
        low = t.lower_
        if low in _CLAUSE_OPENERS or low in _AUXILIARIES or low in _GROUP_ADVERBS or _verb_lemma(low) is not None \
                or low in _FUNCTION_WORDS and low not in _SOURCE_JOINERS:
            stop = t
            break
        if t.is_punct and low not in ("-", "'s", "’s", "&"):
            stop = t
            break
        if not (t.text[0].isupper() or t.text[0].isdigit() or low in _SOURCE_JOINERS):
            stop = t
            break
        i -= 1
    while i < group and (doc[i].lower_ in _SOURCE_JOINERS and doc[i].lower_ != "the" or doc[i].is_punct):
        i += 1  # "... and Lee Says" -> "Lee"
    end = group
    while end > i and doc[end - 1].lower_ in _SOURCE_JOINERS and doc[end - 1].lower_ not in ("'s", "’s"):
        end -= 1
    if i >= end:
        return None, stop
    span = doc[i:end]
    if all(t.lower_ in _NOT_SOURCES or t.is_punct for t in span):
        return None, stop
    return span, stop


def _content_end(doc: Doc, start: int, hi: int) -> int:
    """Token end of a headline cue's content: the line's end, or the end of its clause or sentence."""
    for i in range(start, hi):
        t = doc[i]
        spaced = t.text != "-" or t.whitespace_ or doc[i - 1].whitespace_  # "Campaign- And", not "Long-Time"
        if t.text in _CONTENT_STOPS and spaced and i + 1 < hi and any(c.is_alpha for c in doc[i + 1:hi]):
            return i
        if len(t.text) > 1 and t.text[-1] == "-" and t.whitespace_:
            return i + 1  # "During Her Campaign- And It Says": a dash glued to the word before it
    return hi


def _content_ends(doc: Doc, lo: int, hi: int) -> list[int]:
    """[_content_end(doc, start, hi) for start in lo..hi], in one pass from the right (linear, not quadratic)."""
    ends = [hi] * (hi - lo + 1)
    alpha_after = False  # any alphabetic token in doc[i + 1:hi]
    for i in range(hi - 1, lo - 1, -1):
        t = doc[i]
        spaced = t.text != "-" or t.whitespace_ or doc[i - 1].whitespace_
        if t.text in _CONTENT_STOPS and spaced and i + 1 < hi and alpha_after:
            ends[i - lo] = i
        elif len(t.text) > 1 and t.text[-1] == "-" and t.whitespace_:
            ends[i - lo] = i + 1
        else:
            ends[i - lo] = ends[i + 1 - lo]
        alpha_after = alpha_after or t.is_alpha
    return ends


def _after_comma(doc: Doc, stop: Token) -> bool:
    """A source stopped by a comma ('..., Ort Says') or a comma with a closing quote ('...,’ Ort Says')."""
    return stop.text == "," or stop.text in ("’", "'", "”", '"') and stop.i > 0 and doc[stop.i - 1].text == ","


def _all_capitalised(tokens) -> bool:
    """Only capitalised words, punctuation and function words: a name ('Tells Harbour Board')."""
    return all(t.text[0].isupper() or t.is_punct or t.lower_ in _FUNCTION_WORDS for t in tokens)


def _shorten(b: _Builder, attribution, end: int) -> None:
    """End an earlier content before a coordinated cue ('Backs Ferry | And Praises Lee')."""
    tokens = b.doc.char_span(attribution.content.start, attribution.content.end, alignment_mode="expand")
    span = _trimmed(b.doc, tokens.start, end) if tokens is not None else None
    if span is not None and span[1] < attribution.content.end:
        attribution.content.end = span[1]
        attribution.content.text = b.text[attribution.content.start:span[1]]
        b.content_changed(attribution)


def _certainty(doc: Doc, lemma: str, verb: Token, content: tuple[int, int]) -> Certainty:
    """The cue verb's strength combined with the hedges inside the content."""
    span = doc.char_span(*content, alignment_mode="expand")
    found = certainty_rules.certainty_of_span(span) if span is not None else Certainty()
    strength = certainty_rules.CUE_STRENGTH.get(lemma, "certain")
    if strength == "certain":
        return found
    return certainty_rules.combine(Certainty(value=strength, hedges=[verb.lower_]), found)
