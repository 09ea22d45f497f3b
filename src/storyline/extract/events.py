"""Events: who did what to whom, where, when, how many, typed by the incident ontology.

A trigger is a verb or event noun listed in `event_ontology`; its type comes from the
sense whose conditions its arguments meet ("fired 40 times at the guards" is an ATTACK,
"fired the coach" is nothing). Arguments come from the dependency parse and are kept
only when they are mentions of known entities. Nouns named by a light verb ("launched an
attack") take the verb's subject; verbs whose clause complement is an event
("agreed to withdraw") and the event itself are both kept.
"""
from __future__ import annotations

import bisect
from typing import Iterable, NamedTuple, Optional

from spacy.tokens import Doc, Token

from storyline.extract import event_ontology as O
from storyline.extract.certainty import certainty_of, combine
from storyline.extract.spans import MentionIndex, sentence_of
from storyline.model import Attribution, Entity, Event, Note, Participant, Quantity, Span, Time

PLACE_PREPS = frozenset({"in", "at", "near", "across", "through", "inside", "outside", "along", "around",
                         "within", "on", "over", "throughout", "beside"})
DESTINATION_PREPS = frozenset({"to", "toward", "towards", "into", "onto"})
TARGET_PREPS = frozenset({"at", "on", "upon", "against"})
MOVING = frozenset({"MOVE", "DEFECT", "EVACUATE", "RESCUE", "MOBILIZE", "RETREAT", "ARREST"})
RECIPROCAL = frozenset({"CONSULT", "COOPERATE", "AGREE", "ATTACK", "SUPPORT"})  # "with X" is the other party
GIVING = frozenset({"AID", "CONCEDE", "SUPPORT", "COOPERATE"})  # "to X" is who gets it
VIOLENT = frozenset({"ATTACK", "KILL", "INJURE"})
CLAUSE_DEPS = frozenset({"ccomp", "advcl", "relcl", "conj", "parataxis", "xcomp", "acl", "csubj"})
PARTICLE_ADVERBS = frozenset({"away", "off", "out", "back", "down", "up", "home", "over"})
FUTURE = frozenset({"will", "shall", "'ll", "wo", "would", "'d"})
DEONTIC = frozenset({"must", "should", "ought"})
SPEECH_CODES = frozenset({"AGREE", "THREATEN", "DEMAND", "REJECT", "DISAPPROVE"})
SAYING = frozenset({"say", "declare", "conclude", "reiterate", "insist", "warn", "state", "tell", "announce",
                    "stress", "add", "write", "argue", "believe", "think"})
RELATIVE_PRONOUNS = frozenset({"who", "whom", "that", "which", "whose"})
PLACE_KINDS = frozenset({"place"})
ORDINALS = frozenset({"first", "second", "third", "fourth", "fifth", "sixth", "last", "only", "latest"})
CORE_DEPS = frozenset({"compound", "amod", "nmod", "det", "nummod", "quantmod"})
PARTITIVES = frozenset({"one", "some", "many", "most", "all", "each", "none", "several", "few", "part",
                        "member", "group", "number", "dozen", "hundred", "thousand", "million", "both"})


class Reading(NamedTuple):
    """A token read as an event trigger: its type and the sense's code overrides."""

    type: str
    plover: Optional[str]
    acled: Optional[str]


class _Sentences:
    """Per-sentence lemma sets, computed once."""

    def __init__(self) -> None:
        self._cache: dict[int, frozenset] = {}

    def lemmas(self, token: Token) -> frozenset:
        sent = sentence_of(token)
        got = self._cache.get(sent.start)
        if got is None:
            got = frozenset(t.lemma_.lower() for t in sent) | frozenset(t.lower_ for t in sent)
            self._cache[sent.start] = got
        return got


class _Reader:
    """Decides which tokens are triggers and finds their arguments."""

    def __init__(self, doc: Doc, index: MentionIndex):
        self.doc = doc
        self.index = index
        self.sentences = _Sentences()

    # ---- features of argument tokens
    def entity(self, token: Token) -> Optional[str]:
        """The entity a token refers to: its own mention, one among its modifiers ('the North Korean
        army'), or for a partitive the entity of its 'of' phrase ('one of their men')."""
        token = antecedent(token)
        eid = self.index.entity_in(token.idx, token.idx + len(token))
        if eid is not None or token.pos_ == "PRON":
            return eid
        span = core_span(token)
        if span is not None:
            eid = self.index.entity_in(*span)
        if eid is None and (token.pos_ == "NUM" or token.lemma_.lower() in PARTITIVES):
            for c in token.children:
                if c.dep_ == "prep" and c.lower_ == "of":
                    for p in _pobjs(c):
                        return self.entity(p)
        return eid

    def kind(self, token: Token) -> Optional[str]:
        eid = self.entity(token)
        return self.index.by_id[eid].kind if eid else None

    def phrase_features(self, token: Optional[Token]) -> frozenset:
        """Features of an argument phrase: its head, conjuncts, compounds and partitive 'of' object."""
        if token is None:
            return frozenset()
        out = set()
        for t in with_conjuncts(antecedent(token)):
            out |= self.features(t)
            for c in t.children:
                if c.dep_ == "compound":
                    out.add(c.lemma_.lower())
                elif c.dep_ == "prep" and c.lower_ == "of":  # "700 kg of medicine", "part of a stronghold"
                    out |= {f for p in c.children if p.dep_ == "pobj" for f in self.features(p)}
        return frozenset(out)

    def features(self, token: Optional[Token]) -> frozenset:
        if token is None:
            return frozenset()
        token = antecedent(token)
        out = {token.lemma_.lower(), token.lower_}
        kind = self.kind(token)
        if (token.lower_ in O.PERSON_PRONOUNS or token.ent_type_ in ("PERSON", "NORP")
                or token.lemma_.lower() in O.PERSON_NOUNS or kind in ("person", "group")):
            out.add("@person")
        if token.ent_type_ == "ORG" or kind in ("organization", "media", "group"):
            out.add("@org")
        if token.ent_type_ in ("GPE", "LOC", "FAC") or kind == "place":
            out.add("@place")
        return frozenset(out)

    # ---- trigger reading
    def read(self, token: Token) -> Optional[Reading]:
        lemma = token.lemma_.lower()
        if token.pos_ == "VERB" and lemma in O.V:
            senses, verb = O.V[lemma], True
        elif token.pos_ == "NOUN" and (lemma in O.N or token.lower_ in O.N) and (
                token.dep_ != "compound" or token.head.lemma_.lower() in O.FRAME_NOUNS):
            senses, verb = O.N.get(lemma) or O.N[token.lower_], False
        else:
            return None
        if token.ent_type_ in ("ORG", "WORK_OF_ART", "EVENT", "LAW") and not verb:
            return None  # "Operation Desert Storm", "the Paris Agreement" are names
        frame = self._frame(token, verb)
        for sense in senses:
            if _matches(sense, frame):
                if sense.type is None:
                    return None
                return Reading(sense.type, sense.plover, sense.acled)
        return None

    def _frame(self, token: Token, verb: bool) -> dict:
        """The facts senses test: object/subject features, prepositions, particles, modifiers, context."""
        objs, subjs = objects(token), subjects(token)
        obj, subj = (objs[0] if objs else None), (subjs[0] if subjs else None)
        preps, prts, mods = set(), set(), set()
        for c in token.children:
            if c.dep_ in ("prep", "agent", "dative") and c.lower_ != "by":
                if any(p.ent_type_ in ("DATE", "TIME") for p in c.children):
                    continue  # "on Monday" says when, not at whom
                preps.add(c.lower_)
                for p in c.children:
                    if p.dep_ == "pobj":
                        preps.add(f"{c.lower_}:{p.lemma_.lower()}")
                        if not verb and c.lower_ == "of":
                            mods.add(p.lemma_.lower())
                            mods |= self.features(p)
            elif c.dep_ == "prt":
                prts.add(c.lower_)
            elif c.dep_ == "advmod" and c.lower_ in PARTICLE_ADVERBS:
                preps.add(c.lower_)
                prts.add(c.lower_)
            elif not verb and c.dep_ in ("compound", "amod", "nmod", "poss"):
                mods.add(c.lemma_.lower())
                mods |= self.features(c)
        if not verb:
            phrase = frame_head(token)
            if phrase.dep_ in ("dobj", "pobj", "nsubjpass") and phrase.head.pos_ in ("VERB", "ADP"):
                mods.add(phrase.head.lemma_.lower())  # "open fire", "on alert"
                if phrase.head.lower_ == "of":
                    mods.add(phrase.head.head.lemma_.lower())  # "state of siege"
            subj = subj or light_subject(token)
        return {"obj": self.phrase_features(obj), "subj": self.phrase_features(subj), "prep": frozenset(preps),
                "prt": frozenset(prts), "mod": frozenset(mods), "context": self.sentences.lemmas(token),
                "bare": obj is None, "clause": any(c.dep_ in ("xcomp", "ccomp") for c in token.children)}


def _matches(sense: O.Sense, frame: dict) -> bool:
    for name in ("obj", "subj", "prep", "prt", "mod", "context"):
        wanted = getattr(sense, name)
        if wanted and not (wanted & frame[name]):
            return False
    return (not sense.bare or frame["bare"]) and (not sense.clause or frame["clause"])


# ---- syntax helpers (pure functions of the parse)
def antecedent(token: Token) -> Token:
    """A relative pronoun stands for the noun its clause modifies: 'the man who fled' -> man."""
    if token.lower_ in RELATIVE_PRONOUNS and token.head.dep_ in ("relcl", "acl"):
        return token.head.head
    return token


def core_span(token: Token) -> Optional[tuple[int, int]]:
    """Character span of a noun with the modifiers that name what it is ('the North Korean army');
    never a possessor, a prepositional phrase or a clause."""
    keep = [t for c in token.children if c.dep_ in CORE_DEPS for t in c.subtree]
    if not keep:
        return None
    keep.append(token)
    return min(t.idx for t in keep), max(t.idx + len(t) for t in keep)


def with_conjuncts(token: Token) -> list[Token]:
    """The token and the tokens coordinated with it: 'two South Korean soldiers and one American'."""
    out, todo = [], [token]
    while todo:
        t = todo.pop()
        out.append(t)
        todo.extend(c for c in t.children if c.dep_ == "conj")
    return sorted(out, key=lambda t: t.i)


def is_passive(token: Token) -> bool:
    return any(c.dep_ in ("nsubjpass", "auxpass") for c in token.children) or (
        token.tag_ == "VBN" and token.dep_ in ("acl", "relcl") and not any(c.dep_ == "aux" for c in token.children))


def subjects(token: Token) -> list[Token]:
    """Who does it: nsubj, the by-agent of a passive, or the subject inherited from a governing verb."""
    if token.pos_ != "VERB":
        return []
    for c in token.children:
        if c.dep_ == "nsubj":
            return [c]
        if c.dep_ == "agent":
            return [p for p in c.children if p.dep_ == "pobj"]
    if is_passive(token):
        return []
    head = token.head
    if token.dep_ in ("acl", "relcl", "amod") and token.tag_ == "VBG":
        return [head]  # "soldiers firing shots", "their fleeing colleague"
    if token.dep_ == "conj" and head.pos_ == "VERB":
        if not is_passive(head):
            return subjects(head)
        # "He was shot and fell": the passive's subject; but not where that would be its own
        # object too ("He was rescued by soldiers, who ... dragged him"): then the by-agent
        patients = [c for c in head.children if c.dep_ == "nsubjpass"]
        own = {t.lemma_.lower() for t in token.subtree if t.dep_ in ("dobj", "pobj")}
        if patients and patients[0].lemma_.lower() in own:
            return [p for c in head.children if c.dep_ == "agent" for p in c.children if p.dep_ == "pobj"]
        return patients
    if token.dep_ in ("xcomp", "advcl") and head.pos_ in ("VERB", "AUX", "ADJ"):
        if token.dep_ == "xcomp" and head.lemma_ in O.OBJECT_CONTROL:
            objs = [c for c in head.children if c.dep_ == "dobj"]
            if objs:
                return objs
        if head.pos_ == "ADJ":  # "willing to withdraw"
            head = head.head
        if token.dep_ == "xcomp" and is_passive(head):  # "was caught crossing", "was forced to flee"
            return [c for c in head.children if c.dep_ == "nsubjpass"]
        return subjects(head) if head.pos_ in ("VERB", "AUX") else []
    return []


def objects(token: Token) -> list[Token]:
    """What it is done to: dobj, the subject of a passive, or the noun a passive participle modifies."""
    if token.pos_ != "VERB":
        return []
    for c in token.children:
        if c.dep_ in ("dobj", "nsubjpass"):
            return [c]
    if token.tag_ == "VBN" and token.dep_ in ("acl", "relcl") and not any(c.dep_ == "nsubj" for c in token.children):
        return [token.head]  # "the armistice signed in 1953", "a soldier shot by guards"
    if token.dep_ == "conj" and token.tag_ == "VBN" and is_passive(token.head):
        return objects(token.head)  # "was shot and wounded"
    return []


def frame_head(noun: Token) -> Token:
    """The noun phrase an event noun heads, or frames: 'a mediation effort' -> effort."""
    if noun.dep_ == "compound" and noun.head.lemma_.lower() in O.FRAME_NOUNS:
        return noun.head
    return noun


def light_verb(noun: Token) -> Optional[Token]:
    """The light verb whose object names the event: 'launched an attack' -> launched."""
    phrase = frame_head(noun)
    head = phrase.head
    if (noun.pos_ == "NOUN" and phrase.dep_ == "dobj" and head.lemma_.lower() in O.LIGHT_VERBS
            and not any(c.dep_ == "prt" for c in head.children)):  # "called off a strike" is no light use
        return head
    return None


def light_subject(noun: Token) -> Optional[Token]:
    """The subject a light verb lends its event noun: 'X launched an attack' -> X."""
    verb = light_verb(noun)
    if verb is not None:
        subs = subjects(verb)
        return subs[0] if subs else None
    return None


def clause_head(token: Token) -> Token:
    """The verb of the clause a token sits in (the token itself when it is a verb)."""
    node = token
    for _ in range(4):
        if node.pos_ in ("VERB", "AUX") or node.head.i == node.i:
            return node
        node = node.head
    return node


def clause_tokens(token: Token) -> set[int]:
    """Token indices in the trigger's own phrase: its subtree minus nested clauses."""
    out = {token.i}
    todo = [c for c in token.children if c.dep_ not in CLAUSE_DEPS]
    while todo:
        t = todo.pop()
        out.add(t.i)
        todo.extend(c for c in t.children if c.dep_ not in ("relcl", "ccomp", "advcl", "parataxis", "acl"))
    return out


class _ByOffset:
    """Items with start/end offsets, found by character range in O(log n)."""

    def __init__(self, items: Iterable):
        self.items = sorted(items, key=lambda x: x.start)
        self.starts = [x.start for x in self.items]

    def within(self, start: int, end: int) -> list:
        i = bisect.bisect_left(self.starts, start)
        out = []
        while i < len(self.items) and self.items[i].start < end:
            if self.items[i].end <= end:
                out.append(self.items[i])
            i += 1
        return out


def extract_events(doc: Doc, entities: list[Entity], times: list[Time], quantities: list[Quantity],
                   attributions: list[Attribution], skip_ranges: Iterable[tuple[int, int]] = ()) -> list[Event]:
    """Every typed event in the document, with participants, place, time, quantities and certainty."""
    index = MentionIndex(entities)
    reader = _Reader(doc, index)
    skip = sorted((start, end) for start, end in skip_ranges)
    readings: dict[int, Reading] = {}
    for token in doc:
        if _skipped(token.idx, skip):
            continue
        reading = reader.read(token) or _demand_reading(token, reader)
        if reading:
            readings[token.i] = reading
    _drop_duplicates(doc, readings)
    builder = _Builder(doc, reader, index, times, quantities, attributions, readings)
    events = []
    for i in sorted(readings):
        events.append(builder.build(doc[i], readings[i], f"v{len(events) + 1}"))
    return events


def _demand_reading(token: Token, reader: _Reader) -> Optional[Reading]:
    """'X said Y must Z' states a demand on Y (a named actor) even when Z is no event word."""
    if (token.pos_ == "VERB" and token.dep_ == "ccomp" and token.head.lemma_.lower() in SAYING
            and any(c.dep_ == "aux" and c.lower_ == "must" for c in token.children)
            and any(c.dep_ == "nsubj" and reader.entity(c) for c in token.children)):
        return Reading("DEMAND", None, None)
    return None


def _skipped(offset: int, ranges: list[tuple[int, int]]) -> bool:
    i = bisect.bisect_right(ranges, (offset, float("inf"))) - 1
    return i >= 0 and ranges[i][0] <= offset < ranges[i][1]


def _drop_duplicates(doc: Doc, readings: dict[int, Reading]) -> None:
    """One event per happening: light verbs give way to their event noun, nouns to a verb of the same type."""
    for i, r in list(readings.items()):
        token = doc[i]
        if token.pos_ != "NOUN":
            continue
        head = token.head
        # "signed a treaty", "the armistice signed in 1953": the verb already says it
        if head.i in readings and readings[head.i].type == r.type and token.dep_ in ("dobj", "nsubjpass"):
            del readings[i]
            continue
        if any(c.i in readings and readings[c.i].type == r.type and c.dep_ in ("acl", "relcl")
               for c in token.children):
            del readings[i]
            continue
        # "launched an attack", "held talks": the noun is the event
        verb = light_verb(token)
        if verb is not None and verb.i in readings:
            del readings[verb.i]


class _Builder:
    """Fills in an Event's participants, place, time, quantities, attribution and certainty."""

    def __init__(self, doc, reader, index, times, quantities, attributions, readings):
        self.doc, self.reader, self.index, self.readings = doc, reader, index, readings
        self.times = _ByOffset(times)
        self.quantities = _ByOffset(quantities)
        self.attributions = sorted(attributions, key=lambda a: a.content.start)
        self.speech_times = {a.time for a in attributions if a.time}

    def build(self, trigger: Token, reading: Reading, eid: str) -> Event:
        etype = O.TYPES[reading.type]
        light = light_verb(trigger)
        roles = self._participants(trigger, etype, light)
        place = self._place(trigger, light, etype, roles)
        attribution = self._attribution(trigger)
        certainty = certainty_of(trigger)
        if light is not None:
            certainty = combine(certainty, certainty_of(light))
        if attribution is not None:
            certainty = combine(certainty, attribution.certainty)
        return Event(
            id=eid, type=etype.name,
            trigger=Span(text=trigger.text, start=trigger.idx, end=trigger.idx + len(trigger)),
            participants=[Participant(entity=e, role=role) for e, role in roles],
            place=place, time=self._time(trigger, light), quantities=self._quantities(trigger, light),
            attribution=attribution.id if attribution else None, certainty=certainty,
            plover=self._plover(trigger, reading, etype, certainty), acled=reading.acled or etype.acled)

    # ---- who
    def _participants(self, trigger: Token, etype: O.EventType, light: Optional[Token]) -> list[tuple[str, str]]:
        out: list[tuple[str, str]] = []

        def add(tokens: Iterable[Token], role: str) -> None:
            for tok in tokens:
                for t in with_conjuncts(tok):
                    eid = self.reader.entity(t)
                    if eid and all(eid != e for e, _ in out):
                        out.append((eid, role))

        if trigger.pos_ == "VERB":
            add(subjects(trigger), "agent")
            moving_place = etype.name in MOVING and etype.name != "ARREST"
            for obj in objects(trigger):
                role = "target"
                if moving_place and self.reader.kind(obj) in PLACE_KINDS:
                    role = "location"
                add([obj], role)
            add([c for c in trigger.children if c.dep_ in ("dative", "iobj")],
                "beneficiary" if etype.name in GIVING or etype.name == "AID" else "target")
        else:
            lent = light_subject(trigger)
            if lent is not None:  # "X launched an attack" (agent), "X suffered wounds" (target)
                add([lent], O.LIGHT_VERBS[light.lemma_.lower()])
            for c in trigger.children:
                if c.dep_ == "poss":
                    add([c], "target" if etype.nominal == "patient" and not _has_prep(trigger, "of") else "agent")
                elif c.dep_ in ("compound", "amod") and self.reader.entity(c):
                    add([c], "agent")
        for head in _heads(trigger, light):
            for prep in head.children:
                if prep.dep_ == "agent" or (prep.dep_ == "prep" and prep.lower_ == "by" and trigger.pos_ == "NOUN"):
                    add(_pobjs(prep), "agent")
                elif prep.dep_ == "prep":
                    self._prep_role(prep, trigger, etype, add)
            for c in head.children:  # "using heat-detection equipment"
                if c.dep_ in ("advcl", "acl") and c.lemma_ == "use":
                    add([d for d in c.children if d.dep_ == "dobj"], "instrument")
        return out

    def _prep_role(self, prep: Token, trigger: Token, etype: O.EventType, add) -> None:
        word, pobjs = prep.lower_, _pobjs(prep)
        if not pobjs:
            return
        kind = self.reader.kind(pobjs[0])
        if word == "of" and trigger.pos_ == "NOUN":
            add(pobjs, "agent" if etype.nominal == "agentive" else "target")
        elif word in TARGET_PREPS and kind not in PLACE_KINDS:
            add(pobjs, "target")
        elif word == "with":
            if etype.name in RECIPROCAL and kind in ("person", "organization", "group", "media", "place"):
                add(pobjs, "target")
            elif kind not in ("person", "organization", "group", "media", "place"):
                add(pobjs, "instrument")
        elif word in DESTINATION_PREPS:
            if etype.name in MOVING or kind in PLACE_KINDS and etype.name not in GIVING:
                add(pobjs, "destination")
            elif etype.name in GIVING:
                add(pobjs, "beneficiary")
            else:
                add(pobjs, "target")
        elif word == "for" and etype.name in GIVING:
            add(pobjs, "beneficiary")
        elif word == "from" and etype.name in MOVING:
            add(pobjs, "other")
        elif word == "between":
            add(pobjs, "target")

    # ---- where
    def _place(self, trigger: Token, light: Optional[Token], etype: O.EventType,
               roles: list[tuple[str, str]]) -> Optional[str]:
        for head in _heads(trigger, light):
            for prep in head.children:
                if prep.dep_ == "prep" and prep.lower_ in PLACE_PREPS:
                    for p in _pobjs(prep):
                        eid = self.reader.entity(p)
                        if eid and self.index.by_id[eid].kind in PLACE_KINDS:
                            return eid
        for eid, role in roles:
            if role == "location":
                return eid
        # else the nearest place named in the trigger's own clause (not in clauses hanging on it)
        taken = {e for e, _ in roles}
        clause = clause_tokens(clause_head(trigger))
        best, best_distance = None, None
        for t in sorted(clause):
            tok = self.doc[t]
            if tok.dep_ == "pobj" and tok.head.lower_ in DESTINATION_PREPS | {"from"}:
                continue  # places one goes to or comes from are not where things happen
            eid = self.index.entity_in(tok.idx, tok.idx + len(tok))
            if eid is None or eid in taken or self.index.by_id[eid].kind not in PLACE_KINDS:
                continue
            distance = abs(tok.idx - trigger.idx)
            if best_distance is None or distance < best_distance:
                best, best_distance = eid, distance
        return best

    # ---- when
    def _time(self, trigger: Token, light: Optional[Token]) -> Optional[str]:
        """A Time attached to the trigger, else the nearest date/time in its own clause."""
        sent = sentence_of(trigger)
        anchors = {trigger.i} | ({light.i} if light is not None else set())
        clause = clause_tokens(clause_head(trigger))
        loose = []
        for t in self.times.within(sent.start_char, sent.end_char):
            span = self.doc.char_span(t.start, t.end, alignment_mode="expand")
            if span is None:
                continue
            node = span.root
            for _ in range(3):
                if node.i in anchors:
                    return t.id
                if node.head.i == node.i:
                    break
                node = node.head
            if t.type in ("date", "time") and t.id not in self.speech_times and span.root.i in clause:
                loose.append((abs(t.start - trigger.idx), t.id))
        return min(loose)[1] if loose else None

    # ---- how many
    def _quantities(self, trigger: Token, light: Optional[Token]) -> list[str]:
        own = clause_tokens(trigger)
        if light is not None:
            own |= clause_tokens(light) - {trigger.i}
        sent = sentence_of(trigger)
        out = []
        for q in self.quantities.within(sent.start_char, sent.end_char):
            span = self.doc.char_span(q.start, q.end, alignment_mode="expand")
            if span is not None and any(t.i in own for t in span):
                out.append(q.id)
        return out

    # ---- who says so
    def _attribution(self, trigger: Token) -> Optional[Attribution]:
        best = None
        for a in self.attributions:
            if a.content.start > trigger.idx:
                break
            if a.content.start <= trigger.idx < a.content.end and (
                    best is None or a.content.end - a.content.start < best.content.end - best.content.start):
                best = a
        return best

    # ---- PLOVER code
    def _plover(self, trigger: Token, reading: Reading, etype: O.EventType, certainty) -> Optional[str]:
        """The PLOVER code: the type's, refined by the weapons used and by how the act is stated."""
        code = reading.plover or etype.plover
        if etype.name in VIOLENT and not reading.plover:
            code = self._violence_code(trigger, code)
        node = light_verb(trigger) or trigger
        if code in SPEECH_CODES or code is None:
            if code == "AGREE" and certainty.value == "negated":
                return "REJECT"  # "failed to reach agreement"
            if trigger.lemma_.lower() in O.INTENT_VERBS and code == "AGREE":
                intended = self._complement_reading(trigger)
                if intended and O.TYPES[intended.type].stance == "conflictual":
                    return "THREATEN"  # "vowed to fight"
            return code
        if _deontic(node):
            return "DEMAND"  # "X said Y must withdraw": a demand on Y
        if _intended(node):  # PLOVER codes a stated intention as AGREE or THREATEN
            if _has_mark(node, "unless"):
                return "THREATEN"
            if certainty.value == "negated":
                return "REJECT" if etype.stance == "cooperative" else code
            if etype.stance:
                return "THREATEN" if etype.stance == "conflictual" else "AGREE"
            return code
        if certainty.value == "negated" and etype.stance == "cooperative":
            return "REJECT"  # "failed to reach agreement", "did not accept"
        return code

    def _violence_code(self, trigger: Token, code: Optional[str]) -> Optional[str]:
        """FIGHT for conventional arms (troops, artillery, aircraft), ASSAULT for bombs, knives, torture."""
        node = light_verb(trigger) or trigger
        subj = self.reader.phrase_features(subjects(node)[0]) if subjects(node) else frozenset()
        if subj & O.CONVENTIONAL:
            return "FIGHT"
        if subj & O.UNCONVENTIONAL:
            return "ASSAULT"
        context = self.reader.sentences.lemmas(trigger)
        if context & O.UNCONVENTIONAL:
            return "ASSAULT"
        if context & O.CONVENTIONAL:
            return "FIGHT"
        return code

    def _complement_reading(self, trigger: Token) -> Optional[Reading]:
        for c in trigger.children:
            if c.dep_ in ("xcomp", "ccomp") and c.i in self.readings:
                return self.readings[c.i]
            if c.dep_ in ("prep", "dobj"):
                for p in (c.children if c.dep_ == "prep" else [c]):
                    if p.i in self.readings:
                        return self.readings[p.i]
        return None


def _heads(trigger: Token, light: Optional[Token]) -> list[Token]:
    """The tokens whose attachments describe the event: trigger, framing noun, light verb."""
    out = [trigger]
    phrase = frame_head(trigger)
    if phrase.i != trigger.i:
        out.append(phrase)
    if light is not None:
        out.append(light)
    return out


def _pobjs(prep: Token) -> list[Token]:
    return [p for p in prep.children if p.dep_ in ("pobj", "pcomp")]


def _has_prep(token: Token, word: str) -> bool:
    return any(c.dep_ == "prep" and c.lower_ == word for c in token.children)


def _has_mark(verb: Token, word: str) -> bool:
    """An adverbial clause introduced by `word` hangs on the verb: 'will withdraw unless ...'."""
    return any(c.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ == word for m in c.children)
               for c in verb.children)


def _deontic(verb: Token) -> bool:
    """Obliged rather than done: 'must withdraw', 'should cooperate' (not 'must have seen')."""
    aux = {c.lower_ for c in verb.children if c.dep_ in ("aux", "auxpass")}
    return bool(aux & DEONTIC) and "have" not in aux


def _intended(verb: Token) -> bool:
    """Stated as a future or an intention: 'will withdraw', 'agreed to lift', 'ready to send troops'."""
    aux = {c.lower_ for c in verb.children if c.dep_ == "aux"}
    if aux & FUTURE:
        return True
    if aux & {"may", "might", "could"} and (_has_mark(verb, "if") or _has_mark(verb, "unless")):
        return True
    if verb.dep_ == "xcomp":
        head = verb.head
        if head.lemma_.lower() in O.INTENT_VERBS or any(
                c.dep_ == "acomp" and c.lemma_.lower() in O.INTENT_VERBS for c in head.children):
            return True
    return False


def _habitual_word(token: Token) -> bool:
    """'often', 'every year', 'on average': the clause tells what usually happens."""
    word = token.lower_
    if word in ("every", "each"):
        return token.head.lemma_.lower() in O.TIME_UNITS
    if word == "average":
        return token.head.lower_ == "on"
    return word in O.HABITUAL_WORDS


def _first_of_its_kind(verb: Token) -> bool:
    """'the third person to defect', 'he is the first pilot to defect': a count of past cases."""
    if not any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children):
        return False
    if verb.dep_ in ("acl", "relcl"):
        nouns = [verb.head]
    elif verb.dep_ == "xcomp":
        nouns = [c for c in verb.head.children if c.dep_ == "attr"]
    else:
        return False
    return any(c.dep_ == "amod" and c.lower_ in ORDINALS for n in nouns for c in n.children)


def background_notes(doc: Doc, events: list[Event], times: list[Time]) -> list[Note]:
    """Notes marking generic or habitual events ("have fled every year since 1998") as background."""
    sets = [t for t in times if t.type == "set"]
    notes = []
    for ev in events:
        span = doc.char_span(ev.trigger.start, ev.trigger.end, alignment_mode="expand")
        if span is None:
            continue
        token = span.root
        own = clause_tokens(token)
        habitual = any(_habitual_word(doc[i]) for i in own) or any(
            (s := doc.char_span(t.start, t.end, alignment_mode="expand")) is not None and any(x.i in own for x in s)
            for t in sets)
        if habitual or _first_of_its_kind(token):
            notes.append(Note(type="background", text=ev.trigger.text, start=ev.trigger.start,
                              end=ev.trigger.end, target=ev.id))
    return notes
