"""Entities: who and what the report names, with merged mentions, kinds and descriptors.

From spaCy's named entities: split photo credits ("Jo Roe/Agency"), type news
outlets as `media`, merge mentions of one referent (full name then surname,
acronyms in parentheses, possessives), collect descriptors from titles before a
name and appositions after it, and link recurring unnamed actors ("the
defector", "the man") and third-person pronouns to the person they refer to.
"""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field

from spacy.tokens import Doc, Token

from storyline.extract.lexicon import (
    HONORIFICS,
    MEDIA_DESCRIPTOR_NOUNS,
    MEDIA_NAME_WORDS,
    GROUP_NOUNS,
    MEDIA_NAMES,
    ORG_NAME_WORDS,
    ORG_NOUNS,
    PERSON_NOUNS,
    PERSON_TITLES,
    PLACE_NOUNS,
    TITLE_WORDS,
)
from storyline.extract.name_shapes import is_genus, is_latin_epithet, organism_end, whole_hyphenated
from storyline.extract.spans import Ranges, quote_ranges
from storyline.model import Entity, Mention, Section

LABEL_KINDS = {
    "PERSON": "person", "ORG": "organization", "GPE": "place", "LOC": "place", "FAC": "place",
    "NORP": "group", "EVENT": "other", "LAW": "document", "WORK_OF_ART": "other",
}
PRONOUNS_SINGULAR = frozenset("he him his she her himself herself".split())
FEMININE = frozenset("she her herself".split())
_BROADCAST_WORDS = frozenset("radio television tv news broadcasting".split())



@dataclass(eq=False)
class _Draft:
    """An entity being assembled: mentions are (start, end) character offsets."""

    name: str
    kind: str
    mentions: list[tuple[int, int]] = field(default_factory=list)
    aliases: set[str] = field(default_factory=set)
    descriptors: list[str] = field(default_factory=list)
    unnamed: bool = False
    gender: str | None = None  # "m"/"f" once a pronoun has been linked


def normalise_name(text: str) -> str:
    """Lowercase name without a leading article, possessive or honorific, for matching."""
    text = re.sub(r"[’`]", "'", text.strip())
    text = re.sub(r"'s?$", "", text)
    text = re.sub(r"^(?:the|a|an)\s+", "", text, flags=re.IGNORECASE)
    words = text.lower().replace(".", "").split()
    while words and words[0] in HONORIFICS:
        words = words[1:]
    return " ".join(words)


_SURNAME_FIRST = re.compile(r"^[A-Z][a-z]+\s+[A-Z][a-z]+-[a-z]+$")


def surname_first(text: str) -> bool:
    """A name in East Asian order, surname then a hyphenated given name: 'Lee Cook-jong', 'Chen Wei-lun'.

    Only the lowercase second syllable is a sure sign: 'Kim Hong-Ji' could as well
    be a given name and a double-barrelled surname."""
    words = re.sub(r"^(?:the\s+)?(?:[A-Z][a-z]{1,3}\.\s+)+", "", _display_name(text))
    return bool(_SURNAME_FIRST.match(words))


def _trim(doc: Doc, start: int, end: int) -> tuple[int, int]:
    """Narrow a token range to the name: no leading 'the', no trailing possessive or punctuation."""
    while start < end and (doc[start].lower_ in ("the", "a", "an") or doc[start].is_punct):
        start += 1
    while end > start and (doc[end - 1].tag_ == "POS" or doc[end - 1].is_punct or doc[end - 1].is_space):
        end -= 1
    return start, end


def _is_media(name: str, doc: Doc, start: int) -> bool:
    norm = normalise_name(name)
    if norm in MEDIA_NAMES:
        return True
    words = norm.split()
    if len(words) >= 2 and (words[-1] in MEDIA_NAME_WORDS or words[0] in _BROADCAST_WORDS):
        return True
    return _has_media_descriptor(doc, start)


def _has_media_descriptor(doc: Doc, start: int) -> bool:
    """'news agency Yonhap', 'the broadcaster KBS': a media noun right before the name."""
    before = [t.lower_ for t in doc[max(0, start - 2):start]]
    return bool(before) and before[-1] in MEDIA_DESCRIPTOR_NOUNS


def _titled_names(doc: Doc) -> dict[int, int]:
    """Names announced by a capitalised title that NER missed or cut: 'Mayor Ana Ruiz' -> start: end."""
    found = {}
    i = 0
    while i < len(doc) - 1:
        t = doc[i]
        if t.is_title and t.lower_.rstrip(".") in PERSON_TITLES:
            j = i + 1
            while j < len(doc) and j - i <= 5 and (doc[j].pos_ == "PROPN" or doc[j].text == "-" or _inside_person(doc, j)) and (
                    doc[j].is_title or doc[j].text == "-" or doc[j - 1].text == "-"):
                if doc[j].lower_ in PERSON_TITLES or doc[j].ent_type_ in ("ORG", "GPE", "NORP"):
                    break
                j += 1
            if j > i + 1:
                found[i + 1] = j
            i = j
        else:
            i += 1
    return found


def _inside_person(doc: Doc, i: int) -> bool:
    """A token NER put inside a person's name it already began ('Oh' in 'Lena Oh', tagged an interjection)."""
    return doc[i].ent_iob_ == "I" and doc[i].ent_type_ == "PERSON"


def _candidate_spans(doc: Doc) -> list[tuple[int, int, str]]:
    """(start token, end token, kind) for each named mention worth keeping."""
    out = []
    titled = _titled_names(doc)
    covered = set()
    for ent in doc.ents:
        if ent.label_ == "PERSON":
            # "Mayor Ana" with the surname cut off: the title rule knows better
            inner = next((s for s in titled if ent.start <= s - 1 < ent.end or ent.start <= s < ent.end), None)
            if inner is not None:
                continue
        covered.update(range(ent.start, ent.end))
    for s, e in titled.items():
        if not covered.intersection(range(s, e)):
            out.append((s, whole_hyphenated(doc, s, e), "person"))
    for ent in doc.ents:
        kind = LABEL_KINDS.get(ent.label_)
        if kind is None:
            continue
        if ent.label_ == "PERSON" and any(ent.start <= s - 1 < ent.end or ent.start <= s < ent.end for s in titled):
            continue
        start, end = _trim(doc, ent.start, ent.end)
        if start >= end:
            continue
        if ent.label_ == "PERSON":
            end = whole_hyphenated(doc, start, end)
        if ent.label_ == "NORP":
            # "North Korean soldiers" is a modifier, not a mention; "North Koreans" or "Yonhap" is
            head = doc[end - 1]
            if head.dep_ in ("amod", "compound") or head.tag_ == "JJ":
                if not _is_media(doc[start:end].text, doc, start):
                    continue
        # "Kim Roe/Reuters": a photographer and an outlet in one span
        pieces = _split_on_slash(doc, start, end)
        if len(pieces) > 1 and "/" in doc[start:end].text:
            for s, e in pieces:  # a photo credit: photographer / agency
                out.append((s, e, "media" if _is_media(doc[s:e].text, doc, s) else "person"))
        else:
            out.extend((s, e, kind) for s, e in pieces)
    return sorted(out)


def _split_on_slash(doc: Doc, start: int, end: int) -> list[tuple[int, int]]:
    pieces, s = [], start
    for t in doc[start:end]:
        if t.text in ("/", "(", ")") or t.text.lower() == "via":
            if t.i > s:
                pieces.append((s, t.i))
            s = t.i + 1
    if end > s:
        pieces.append((s, end))
    return pieces


def _title_run(doc: Doc, start: int, lower_bound: int) -> int:
    """Start token of the title words directly before a name ("Defense Minister", "Army General")."""
    i = start
    while i > lower_bound:
        t = doc[i - 1]
        if t.text == "-" and i - 2 >= lower_bound and not t.whitespace_ and not doc[i - 2].whitespace_ \
                and doc[i - 2].is_alpha and i < start:
            i -= 2  # "co-pilot Anna Berg": the title is one hyphenated word, not "pilot"
            continue
        if not t.text.replace("-", "").isalpha() or t.lower_ in ("the", "a", "an") or t.pos_ in ("VERB", "AUX", "ADP", "PRON", "DET", "NUM"):
            break
        if t.dep_ in ("compound", "amod", "nmod") or t.lower_ in TITLE_WORDS:
            i -= 1
            continue
        break
    return i


def _appositive(doc: Doc, start: int, end: int) -> str | None:
    """The apposition after a name: 'X, chief of staff at Y, said' -> 'chief of staff at Y'."""
    head = doc[start:end].root
    for child in head.children:
        if child.dep_ == "appos" and child.i > end and doc[end].text == ",":
            sub = list(child.subtree)
            text = doc[sub[0].i:sub[-1].i + 1].text.strip(" ,")
            if 0 < len(text) <= 150:
                return text
    return None


class _Registry:
    """Drafts keyed for merging: full names, surnames and acronyms."""

    def __init__(self, headline: tuple[int, int] | None = None):
        self.headline = headline  # title-case headlines glue verbs to names ("Obama Says"): no weak keys there
        self.drafts: list[_Draft] = []
        self.by_key: dict[tuple[str, str], _Draft] = {}
        self.surnames: dict[str, list[_Draft]] = {}  # bare surname -> every person who has it, in order

    def add(self, doc: Doc, start: int, end: int, kind: str, certain_kind: bool = False) -> _Draft:
        """Add a mention; `certain_kind` (from a dateline or an apposition) overrides NER's earlier guess."""
        span = doc[start:end]
        norm = normalise_name(span.text)
        draft = self._match(norm, kind)
        if draft is None:
            draft = _Draft(name=_display_name(span.text), kind=kind)
            self.drafts.append(draft)
        elif (draft.kind == "organization" and kind == "media") or (certain_kind and draft.kind != kind):
            draft.kind = kind
        draft.mentions.append((span.start_char, span.end_char))
        if _display_name(span.text) != draft.name:
            draft.aliases.add(_display_name(span.text))
        in_headline = self.headline is not None and self.headline[0] <= span.start_char < self.headline[1]
        self._index(draft, norm, kind, span.text, weak_keys=not in_headline)
        return draft

    def _match(self, norm: str, kind: str) -> _Draft | None:
        family = "person" if kind == "person" else "named"
        found = self.by_key.get((family, norm))
        if found is None and kind == "person":
            # the same name already seen as a place or organisation: NER flip-flops, the referent does not
            found = self.by_key.get(("named", norm))
        if found is None and kind != "person":
            found = self.by_key.get(("person", norm))  # a name already seen as a person stays one
        if found is None and kind in ("person", "organization", "other"):
            # "Wang" after "Wang Lifen": the first word of a name written surname first, when no one
            # has it last (NER often calls such a bare word an organisation; never a place)
            found = self.by_key.get(("given", norm))
        return found

    def _index(self, draft: _Draft, norm: str, kind: str, text: str = "", weak_keys: bool = True) -> None:
        family = "person" if draft.kind == "person" else "named"
        self.by_key.setdefault((family, norm), draft)
        words = norm.split()
        if draft.kind == "person" and len(words) == 1:
            self._surname(words[0], draft)
        if draft.kind == "person" and len(words) >= 2:
            # a later bare surname refers to the most recent person with it
            self.by_key[("person", words[-1])] = draft
            self._surname(words[-1], draft)
            first = words[0]
            if first.isalpha() and len(first) >= 2 and first not in TITLE_WORDS:
                if surname_first(text):
                    self.by_key[("person", first)] = draft  # "Lee Cook-jong": Lee is the surname
                    self._surname(first, draft)
                elif weak_keys:
                    # "Wang Lifen" or "Maria Tanaka": the first word may be either; a weaker key
                    self.by_key.setdefault(("given", first), draft)
        if draft.kind != "person" and len(words) >= 2:
            acronym = "".join(w[0] for w in words if w not in ("of", "the", "and", "for"))
            if len(acronym) >= 2:
                self.by_key.setdefault(("named", acronym), draft)

    def _surname(self, word: str, draft: _Draft) -> None:
        drafts = self.surnames.setdefault(word, [])
        if draft not in drafts:
            drafts.append(draft)

    def alias(self, draft: _Draft, doc: Doc, start: int, end: int) -> None:
        """Register an explicit alias such as an acronym in parentheses."""
        span = doc[start:end]
        draft.mentions.append((span.start_char, span.end_char))
        draft.aliases.add(span.text)
        self.by_key.setdefault(("named", normalise_name(span.text)), draft)


def _display_name(text: str) -> str:
    text = re.sub(r"(?:'|’)s?$", "", text.strip())
    return re.sub(r"^(?:the|The)\s+", "", text)


def extract_entities(doc: Doc, sections: list[Section] = ()) -> list[Entity]:
    """Entities with merged mentions, kinds and descriptors, in order of first mention.

    Title-case headlines confuse NER, so an organisation or 'other' entity seen
    only in the headline is dropped. A dateline ("NARVA, Estonia (Wire) -") names
    a place first; pronouns in captions and credits are not resolved.
    """
    caption_ranges = [(x.start, x.end) for x in sections if x.kind in ("caption", "byline")]
    headline_range = next(((x.start, x.end) for x in sections if x.kind == "headline"), None)
    datelines = [(x.start, x.end) for x in sections if x.kind == "other"]
    registry = _Registry(headline_range)
    for start, end, kind in _candidate_spans(doc):
        name = doc[start:end].text
        if kind in ("organization", "group", "person") and _is_media(name, doc, start):
            kind = "media"
        elif _has_media_descriptor(doc, start):
            kind = "media"  # "news agency Baltica", whatever NER thought it was
        if kind in ("person", "other") and end - start >= 2 and doc[end - 1].lower_ in ORG_NAME_WORDS:
            kind = "organization"  # "Van Keulen Coatings" is a company whatever NER said
        if kind == "organization" and end - start == 1 and doc[start].lower_ in TITLE_WORDS:
            continue  # "Defense" in "Defense Minister X" is part of a title
        if not any(t.is_title or t.is_upper or t.like_num for t in doc[start:end]):
            continue  # "grey uniform": NER on lowercase words is noise
        in_dateline = any(ds <= doc[start].idx < de for ds, de in datelines)
        certain_kind = binomial = False
        organism_stop = organism_end(doc, start, end) if kind in ("person", "organization", "group") else None
        if organism_stop is not None and doc[end - 1].lower_ not in ORG_NAME_WORDS:
            end, kind, certain_kind = organism_stop, "other", True  # "the Hendra virus": not a person, whatever NER said
            binomial = end - start == 2 and is_genus(doc[start]) and is_latin_epithet(doc[end - 1])
        elif in_dateline:
            if any(doc[start].idx == ds for ds, _ in datelines):
                kind, certain_kind = "place", True  # a dateline opens with the city it was filed from
        else:
            told = _kind_from_apposition(doc, start, end, kind)
            kind, certain_kind = told, told != kind
        draft = registry.add(doc, start, end, kind, certain_kind)
        if kind == "other" and certain_kind and binomial:
            # "the Giardia strain" after "Giardia lamblia": the genus alone names the organism again
            registry.by_key.setdefault(("named", normalise_name(doc[start].text)), draft)
        if not in_dateline:
            _collect_descriptors(doc, start, end, draft)
        _parenthesised_alias(doc, end, draft, registry)
    _dateline_places(doc, registry, datelines)
    _national_bodies(doc, registry)
    _unrecognised_surnames(doc, registry)
    drafts = registry.drafts
    if headline_range:
        hs, he = headline_range
        drafts = [d for d in drafts if d.kind in ("person", "place", "media")
                  or any(not (hs <= s < he) for s, _ in d.mentions)]
    unnamed = _link_unnamed_and_pronouns(doc, registry, caption_ranges, headline_range)
    unnamed = _name_unnamed(doc.text, drafts, unnamed)
    drafts += [d for d in unnamed if len(d.mentions) >= 2]
    return _finish(doc, drafts)


# ", identified only by his surname, Vann", " named as Ana Vidal", ", surnamed Oh": the text names an unnamed actor.
_NAMING = re.compile(  # (?<!\s): a match never starts inside a run of spaces, which would make it quadratic
    r"(?<!\s),?\s+(?:who\s+(?:was|has\s+been)\s+)?(?:(?:identified|named|known)(?:\s+only)?\s+"
    r"(?:as|by\s+(?:his|her|their|the)\s+(?:(?:sur|family\s|first\s|last\s|given\s)?name))|surnamed)\s*,?\s+")
_NAME_WORD_DESCRIPTOR = re.compile(r"^(?:his|her|their|the)\s+(?:sur|family\s|first\s|last\s|given\s)?name$", re.I)
NAMING_REACH = 160  # characters an unnamed mention may stand before the phrase that names it


def _name_unnamed(text: str, drafts: list[_Draft], unnamed: list[_Draft]) -> list[_Draft]:
    """Join an unnamed actor to the person the text names it as; returns the actors left unnamed.

    The named person takes the actor's mentions and its noun phrase as a descriptor
    ("border guard"), which is also what lets reports that never name it join it later."""
    starts = {s: d for d in drafts if d.kind == "person" for s, _ in d.mentions}
    left = list(unnamed)
    for m in _NAMING.finditer(text):
        person = starts.get(m.end())
        if person is None:
            continue
        # the last full stop within reach (one further back would not move lo past the reach)
        lo = max(text.rfind(".", max(0, m.start() - NAMING_REACH), m.start()) + 1, m.start() - NAMING_REACH)
        before = [(s, e, d) for d in left for s, e in d.mentions if lo <= s and e <= m.start()]
        if not before:
            continue
        s, e, actor = max(before)
        person.mentions.extend(actor.mentions)
        person.descriptors[:] = [x for x in person.descriptors if not _NAME_WORD_DESCRIPTOR.match(x)]
        phrase = re.sub(r"^(?:the|a|an)\s+", "", text[s:e], flags=re.IGNORECASE)
        if phrase and phrase.lower() not in (x.lower() for x in person.descriptors):
            person.descriptors.append(phrase)
        left.remove(actor)
    return left


_DATELINE_CITY = re.compile(r"[A-Z][A-Za-z'’.]*(?:[ -][A-Z][A-Za-z'’.]*){0,3}")


def _dateline_places(doc: Doc, registry: _Registry, datelines: list[tuple[int, int]]) -> None:
    """The city a dateline opens with is a place even when NER saw nothing there ('TORRINGTON -')."""
    text = doc.text
    taken = {s for d in registry.drafts for s, _ in d.mentions}
    for start, end in datelines:
        m = _DATELINE_CITY.match(text, start, end)
        if m is None or start in taken:
            continue
        span = doc.char_span(m.start(), m.end(), alignment_mode="contract")
        if span is not None and len(span):
            registry.add(doc, span.start, span.end, "place", certain_kind=True)


def _national_bodies(doc: Doc, registry: _Registry) -> None:
    """'the North Korean army' (an organisation), 'South Korean soldiers' (a group): named by nationality."""
    for token in doc:
        if token.pos_ != "NOUN" or token.ent_type_:
            continue
        lemma = token.lemma_.lower()
        if lemma in ORG_NOUNS:
            kind = "organization"
        elif token.tag_ == "NNS" and (token.lower_ in GROUP_NOUNS or lemma in PERSON_NOUNS):
            kind = "group"
        elif lemma in PERSON_NOUNS and any(c.dep_ == "nummod" for c in token.children):
            kind = "person"  # "one American soldier"
        else:
            continue
        mods = [c for c in token.lefts if c.dep_ in ("amod", "compound") and c.ent_type_ in ("NORP", "GPE")]
        if not mods:
            continue
        start = min(m.left_edge.i for m in mods)
        while start < token.i and (doc[start].like_num or doc[start].pos_ == "DET"):
            start += 1  # "two South Korean soldiers": the number is a quantity, not part of the name
        if any(t.ent_type_ in ("PERSON", "ORG") for t in doc[start:token.i]):
            continue
        registry.add(doc, start, token.i + 1, kind)


def _kind_from_apposition(doc: Doc, start: int, end: int, kind: str) -> str:
    """'Kaja Roosmaa, a spokeswoman for ...' is a person; 'Narva, a town of ...' a place, whatever NER said.

    The other order counts too: 'the police chief, Laurent Girard,' names a person."""
    head = doc[start:end].root
    if head.dep_ == "appos" and head.head.lemma_.lower() in PERSON_NOUNS | PERSON_TITLES:
        return "person"
    for child in head.children:
        if child.dep_ == "appos" and child.i > end and doc[end].text == ",":
            noun = child.lemma_.lower()
            if noun in PERSON_NOUNS or noun in TITLE_WORDS and noun not in ORG_NOUNS:
                return "person"
            if noun in PLACE_NOUNS:
                return "place"
            if noun in MEDIA_DESCRIPTOR_NOUNS:
                return "media"
            if noun in ORG_NOUNS and kind == "person":
                return "organization"
    return kind


def _unrecognised_surnames(doc: Doc, registry: _Registry) -> None:
    """Bare surnames of people already named, where NER missed them ('Later, Lindqvist said').

    The surname goes to the person with it named most recently before it."""
    if not registry.surnames:
        return
    for token in doc:
        if token.ent_type_ or not (token.pos_ == "PROPN" or _surname_as_subject(token)):
            continue
        drafts = registry.surnames.get(token.lower_)
        if not drafts:
            continue
        before = [(max((s for s, _ in d.mentions if s < token.idx), default=-1), d)
                  for d in drafts if d.kind == "person"]
        before = [(s, d) for s, d in before if s >= 0]
        if before:
            draft = max(before, key=lambda x: x[0])[1]
            draft.mentions.append((token.idx, token.idx + len(token.text)))


_SURNAME_LOOKALIKE_POS = frozenset({"INTJ", "NOUN", "ADJ", "VERB", "X"})  # 'Oh', 'Song', 'Young', 'Park'; never 'He'


def _surname_as_subject(token: Token) -> bool:
    """A capitalised surname the tagger took for another word ('Oh told reporters'): a verb follows it."""
    doc = token.doc
    if not token.is_title or token.i + 1 >= len(doc) or token.pos_ not in _SURNAME_LOOKALIKE_POS:
        return False
    after = doc[token.i + 1]
    return after.pos_ in ("VERB", "AUX") or after.tag_ == "POS"


def _collect_descriptors(doc: Doc, start: int, end: int, draft: _Draft) -> None:
    if draft.kind == "person":
        title_start = _title_run(doc, start, max(0, start - 8))
        if title_start < start:
            _add_descriptor(draft, doc[title_start:start].text)
    if draft.kind in ("person", "media", "organization"):
        appos = _appositive(doc, start, end)
        if appos:
            _add_descriptor(draft, appos)
    root = doc[start:end].root
    if draft.kind == "person" and root.dep_ == "appos" and root.head.i < start:
        title = root.head  # "the regional police chief, Laurent Girard"
        first = min([title.i] + [c.left_edge.i for c in title.lefts if c.dep_ not in ("det", "punct")])
        _add_descriptor(draft, doc[first:title.i + 1].text)
    if draft.kind == "media":
        before = doc[max(0, start - 3):start]
        words = [t.text for t in before if t.lower_ in MEDIA_DESCRIPTOR_NOUNS or t.lower_ == "news"]
        if words:
            _add_descriptor(draft, " ".join(words))


def _add_descriptor(draft: _Draft, text: str) -> None:
    text = text.strip(" ,")
    if text and text not in draft.descriptors:
        draft.descriptors.append(text)


def _parenthesised_alias(doc: Doc, end: int, draft: _Draft, registry: _Registry) -> None:
    """'the Joint Security Area (JSA)': the acronym is another name of the same entity."""
    if end + 2 < len(doc) and doc[end].text == "(" and doc[end + 2].text == ")":
        token = doc[end + 1]
        if token.text.isupper() and 2 <= len(token.text) <= 8:
            registry.alias(draft, doc, end + 1, end + 2)


def _inside_quote(pos: int, quotes: Ranges) -> tuple[int, int] | None:
    return quotes.containing(pos)


def _link_unnamed_and_pronouns(doc: Doc, registry: _Registry, caption_ranges,
                               headline_range: tuple[int, int] | None = None) -> list[_Draft]:
    """Chain unnamed person mentions and pronouns to the person they most likely denote; returns the unnamed actors.

    Salience is recency, with subjects preferred. A pronoun inside a quote never
    resolves to a person named in the same paragraph outside the quote (a speaker
    does not call himself "he"), and "she" never continues a chain of "he".
    """
    text = doc.text
    quotes = Ranges(quote_ranges(text))
    newlines = [m.start() for m in re.finditer("\n", text)]
    captions = Ranges(caption_ranges)

    def line_break_before(pos):  # text.rfind("\n", 0, pos), by bisection rather than a scan back over a long line
        k = bisect.bisect_left(newlines, pos) - 1
        return newlines[k] if k >= 0 else -1

    named_at = {}
    for d in registry.drafts:
        if d.kind == "person":
            for s, _ in d.mentions:
                named_at[s] = d
    unnamed: list[_Draft] = []
    salient: list[tuple[_Draft, int]] = []  # (draft, sentence index) most recent last

    def in_caption(pos):
        return captions.containing(pos) is not None

    # persons named in each paragraph outside quotes: a speaker does not call himself "he" in his quote
    named_in_paragraph: dict[int, set] = {}
    for pos, draft in named_at.items():
        if not _inside_quote(pos, quotes):
            named_in_paragraph.setdefault(line_break_before(pos), set()).add(draft)
    for sent_i, sent in enumerate(doc.sents):
        if in_caption(sent.start_char):
            continue
        named_here = named_in_paragraph.get(line_break_before(sent.start_char + 1), set())
        for token in sent:
            if token.idx in named_at:
                salient.append((named_at[token.idx], sent_i))
                continue
            low = token.lower_
            if low in PRONOUNS_SINGULAR and token.pos_ == "PRON":
                quote = _inside_quote(token.idx, quotes)
                gender = "f" if low in FEMININE else "m"
                for draft, _ in reversed(salient[-8:]):
                    if quote and draft in named_here:
                        continue
                    if draft.gender not in (None, gender):
                        continue  # "she" does not continue a chain of "he"
                    if token.dep_ == "nsubj" and token.head.dep_ == "ROOT":
                        draft.gender = gender  # only a main-clause subject is sure enough to fix gender
                    draft.mentions.append((token.idx, token.idx + len(token.text)))
                    if token.dep_ in ("nsubj", "nsubjpass"):
                        salient.append((draft, sent_i))
                    break
                continue
            # A headline's bare nouns ("..., lawyer says") start no actor: they lack the articles that tell who is who.
            in_headline = headline_range is not None and headline_range[0] <= token.idx < headline_range[1]
            if token.pos_ == "NOUN" and token.lemma_.lower() in PERSON_NOUNS and token.tag_ == "NN" and not in_headline:
                draft = _unnamed_mention(doc, token, unnamed, salient, sent_i)
                if draft is not None:
                    salient.append((draft, sent_i))
    return unnamed


def _unnamed_mention(doc, token: Token, unnamed: list[_Draft], salient, sent_i) -> _Draft | None:
    """Attach a singular person noun phrase to an unnamed actor, or start a new one."""
    if any(c.dep_ == "compound" and c.ent_type_ == "PERSON" for c in token.children):
        return None
    if token.dep_ in ("appos", "attr", "compound", "poss") or token.ent_type_:
        return None
    dets = [c for c in token.children if c.dep_ in ("det", "poss")]
    definite = any(c.lower_ in ("the", "this", "that") or c.dep_ == "poss" for c in dets)
    first = min([token.i] + [c.i for c in token.lefts if c.dep_ in ("det", "poss", "amod", "compound", "nmod")])
    span = doc[first:token.i + 1]
    start, end = span.start_char, span.end_char
    lemma = token.lemma_.lower()
    if definite:
        for draft in reversed(unnamed):
            if lemma in draft.aliases or (lemma in ("man", "woman", "person", "individual") and draft in [d for d, _ in salient[-6:]]):
                draft.mentions.append((start, end))
                draft.aliases.add(lemma)
                return draft
        recent_unnamed = [d for d, _ in salient[-6:] if d.unnamed]
        # "his lawyer", "her surgeon": a possessive names someone related to the actor, not the actor again
        possessed = any(c.dep_ == "poss" for c in dets)
        if recent_unnamed and not possessed:
            draft = recent_unnamed[-1]
            draft.mentions.append((start, end))
            draft.aliases.add(lemma)
            return draft
    if token.dep_ not in ("nsubj", "nsubjpass", "dobj", "pobj"):
        return None
    draft = _Draft(name=span.text, kind="person", unnamed=True)
    draft.mentions.append((start, end))
    draft.aliases.add(lemma)
    unnamed.append(draft)
    return draft


def _finish(doc: Doc, drafts: list[_Draft]) -> list[Entity]:
    text = doc.text
    drafts = [d for d in drafts if d.mentions]
    drafts.sort(key=lambda d: min(s for s, _ in d.mentions))
    entities = []
    for i, d in enumerate(drafts, 1):
        mentions = sorted(set(d.mentions))
        name = d.name
        if d.unnamed:
            # name an unnamed actor by its most informative noun phrase
            name = max((text[s:e] for s, e in mentions if e - s > 3), key=len, default=d.name)
            name = re.sub(r"^(?:The|A|An)\s", lambda m: m.group().lower(), name)
            aliases = sorted({text[s:e] for s, e in mentions if e - s > 3} - {name})
        else:
            aliases = sorted(a for a in d.aliases if a != name)
        entities.append(Entity(
            id=f"e{i}", name=name, kind=d.kind, aliases=aliases, descriptors=d.descriptors,
            mentions=[Mention(start=s, end=e, text=text[s:e]) for s, e in mentions],
        ))
    return entities
