"""Stance predicates: a copula with a stance adjective or role noun, and a light verb with a stance noun.

"Ort was confident that the dam would hold", "The board is critical of the plan",
"Ort has been a vocal supporter of the ferry", "The council expressed deep concern
about the budget", "Ort took a swipe at the board". The source is the subject; the
cue runs from the auxiliaries through the predicate and, when the content is a
prepositional object, the preposition ("is critical of", "took a swipe at"), as in
PolNeAR; the content is the clause or the preposition's object.
"""
from __future__ import annotations

from spacy.tokens import Token

from storyline.extract import certainty as certainty_rules
from storyline.extract.attribution.builder import (
    CATENATIVE_HEADS,
    _Builder,
    _cue_start,
    _inside,
    _marked_by,
    _subject,
    _subtree_range,
    _trimmed,
)
from storyline.model import Certainty

# copular verbs that link a subject to its attitude: "is wary", "remains convinced", "grew frustrated"
COPULAS = frozenset("be remain become seem appear feel grow stay".split())

# adjectives of stance toward a proposition or a thing (belief, doubt, emotion, will, evaluation),
# with the certainty their clause complement gets from the holder's point of view; left out for want
# of precision on PolNeAR train: happy, interested, satisfied, enthusiastic, surprised, ready, able, clear
STANCE_ADJECTIVES = {
    # conviction and knowledge
    "confident": "certain", "sure": "certain", "certain": "certain", "convinced": "certain",
    "adamant": "certain", "aware": "certain", "mindful": "certain", "conscious": "certain",
    # hope and expectation
    "hopeful": "possible", "optimistic": "probable", "pessimistic": "possible",
    # doubt
    "skeptical": "possible", "sceptical": "possible", "doubtful": "possible", "dubious": "possible",
    "unsure": "unknown", "uncertain": "unknown", "undecided": "unknown",
    # worry and fear
    "worried": "possible", "concerned": "possible", "anxious": "possible", "nervous": "possible",
    "fearful": "possible", "afraid": "possible", "wary": "possible", "leery": "possible", "uneasy": "possible",
    # will ("willing", "reluctant", "inclined" are left out: their infinitive is mostly not annotated,
    # or the cue runs on into its verb: "was reluctant to endorse | X")
    "eager": "unknown",
    # evaluation of a person, plan or idea
    "critical": "certain", "supportive": "certain", "hostile": "certain", "sympathetic": "certain",
    "opposed": "certain", "dismissive": "certain", "distrustful": "certain", "mistrustful": "certain",
    "enamored": "certain", "enamoured": "certain", "fond": "certain",
    "lukewarm": "certain", "ambivalent": "certain", "cynical": "certain", "appreciative": "certain",
    "complimentary": "certain", "contemptuous": "certain", "scornful": "certain", "disdainful": "certain",
    "upbeat": "certain", "bullish": "certain", "bearish": "certain", "sanguine": "certain",
    # emotion about something
    "proud": "certain", "glad": "certain", "pleased": "certain", "dissatisfied": "certain", "unhappy": "certain",
    "disappointed": "certain", "frustrated": "certain",
    "angry": "certain", "furious": "certain", "upset": "certain", "outraged": "certain", "alarmed": "certain",
    "troubled": "certain", "dismayed": "certain", "impressed": "certain", "unimpressed": "certain",
    "grateful": "certain", "thankful": "certain", "shocked": "certain",
    "stunned": "certain", "irritated": "certain", "annoyed": "certain", "disturbed": "certain",
    "appalled": "certain", "horrified": "certain", "disgusted": "certain", "offended": "certain",
    "delighted": "certain", "thrilled": "certain", "excited": "certain", "heartened": "certain",
    "encouraged": "certain", "saddened": "certain", "relieved": "certain", "tired": "certain",
    "weary": "certain",
    # speaking out
    "vocal": "certain", "outspoken": "certain", "candid": "certain", "frank": "certain", "upfront": "certain",
    "emphatic": "certain", "unapologetic": "certain",
    # loyalty, candour and unease toward someone or something
    "loyal": "certain", "shy": "certain", "coy": "certain", "passionate": "certain", "incensed": "certain", "honest": "certain", "uncomfortable": "certain",
    # a single aim, and a split opinion ("is bent on winning", "voters are divided on X")
    "focused": "certain", "bent": "certain", "divided": "certain", "split": "certain",
}

# adjectives whose infinitive is a prediction, not a stance: "is sure to lose", "is certain to be challenged"
RAISING_ADJECTIVES = frozenset("sure certain".split())

# prepositions that introduce what an attitude is about: "critical of", "worried about", "hostile to"
STANCE_PREPS = frozenset("of about with on to at over toward towards in by regarding against for".split())

# prepositions that introduce the issue a group is split on
DIVIDED_PREPS = frozenset("on over about between".split())

# participles parsed as passives that state a stance or a reputation, with the prepositions that introduce
# its object: a split opinion ("voters are divided on X", "the board is split over Y") and what someone
# is known for ("Ort is best known for her attacks on the board")
STANCE_PARTICIPLES = {"divide": DIVIDED_PREPS, "split": DIVIDED_PREPS, "know": frozenset(("for",))}

# adjectives whose other prepositions give another sense: "critical to success" means crucial
ADJECTIVE_PREPS = {"critical": ("of",), "bent": ("on",), "focused": ("on",), "honest": ("about", "with"),
                   "divided": tuple(DIVIDED_PREPS), "split": tuple(DIVIDED_PREPS)}

# nouns for a person by the side they take, with the prepositions that introduce the side:
# "a vocal supporter of", "the leading critic of", "a voice for" ("advocate for" and "champion of"
# are as often someone's job or title as a stance)
ROLE_NOUNS = {noun: ("of",) for noun in """supporter critic opponent proponent backer defender foe detractor
skeptic sceptic admirer""".split()}
ROLE_NOUNS.update({"cheerleader": ("for",), "booster": ("of", "for"), "voice": ("for",), "campaigner": ("for",),
                   "fan": ("of",), "surrogate": ("for",)})


# nouns for what someone said or thinks, which a copula equates with its content: "Ort's answer was that
# ...", "the hope is that ...", "her slogan is 'Ferries first'"; the cue runs from the noun (with its
# modifiers, after the holder's possessive) through the copula
STATEMENT_NOUNS = frozenset("""answer response reply retort view idea hope fear worry concern message slogan
motto mantra refrain argument point position contention claim complaint belief conclusion theory assumption
suggestion proposal promise pledge warning advice explanation excuse rationale reasoning thesis premise
question assessment verdict prediction expectation suspicion impression sense feeling understanding
insistence demand request plea recommendation catchphrase line talking bet""".split())

# verbs that put an attitude into words ("expressed concern", "voiced support", "raised doubts");
# not "reiterate", whose object PolNeAR keeps as content ("reiterated | his support for X")
EXPRESSING_VERBS = frozenset("express voice raise offer share signal register air".split())

# nouns for an attitude or a judgement, with the certainty their clause complement gets
ATTITUDE_NOUNS = {
    "concern": "possible", "worry": "possible", "fear": "possible", "alarm": "possible", "anxiety": "possible",
    "doubt": "possible", "skepticism": "possible", "scepticism": "possible", "reservation": "possible",
    "misgiving": "possible", "hope": "possible", "optimism": "probable",
    "pessimism": "possible", "confidence": "certain", "certainty": "certain", "belief": "probable",
    "support": "certain", "opposition": "certain", "objection": "certain", "criticism": "certain",
    "praise": "certain", "approval": "certain", "disapproval": "certain", "frustration": "certain",
    "anger": "certain", "outrage": "certain", "dismay": "certain", "regret": "certain",
    "disappointment": "certain", "displeasure": "certain", "dissatisfaction": "certain",
    "satisfaction": "certain", "surprise": "certain", "shock": "certain", "sympathy": "certain",
    "solidarity": "certain", "gratitude": "certain", "appreciation": "certain", "admiration": "certain",
    "condolence": "certain", "interest": "certain", "enthusiasm": "certain", "unease": "possible",
    "willingness": "unknown", "reluctance": "unknown", "openness": "unknown", "view": "probable",
    "opinion": "probable", "faith": "certain",
}

# prepositions after an attitude noun that introduce what it is about ("to" and "of" more often
# name the addressee or the holder: "expressed gratitude to voters", "voiced the frustration of many")
ATTITUDE_PREPS = frozenset("about over for with at on toward towards against regarding".split())

# further prepositions that some attitude nouns take for their object: "confidence in", "opposition to"
ATTITUDE_NOUN_PREPS = {"interest": ("in",), "confidence": ("in",), "faith": ("in",), "belief": ("in",),
                       "opposition": ("to",), "objection": ("to",), "approval": ("of",),
                       "disapproval": ("of",), "criticism": ("of",)}

# fixed light-verb idioms of stance: verb -> stance noun -> prepositions that introduce the target
# ("took aim at", "took a shot at" are left out: in reports of fighting they are meant literally)
LIGHT_VERB_IDIOMS = {
    "take": {"issue": ("with",), "swipe": ("at",), "jab": ("at",),
             "dig": ("at",), "credit": ("for",), "exception": ("to",),
             "umbrage": ("at",)},
    "make": {"case": ("for", "against"), "secret": ("of",), "mention": ("of",), "argument": ("for", "against"),
             "pitch": ("for",), "plea": ("for",), "comment": ("about", "on"), "remark": ("about", "on"),
             "statement": ("about", "on"), "reference": ("to",), "joke": ("about",), "call": ("for",),
             "point": ("about",), "commitment": ("to",)},
    # ("had a favorable view of X" is mostly a poll figure, not a stance someone took)
    "have": {"view": ("on",), "feeling": ("about", "toward", "towards"),
             "doubt": ("about",), "reservation": ("about",), "misgiving": ("about",), "word": ("for",)},
    "launch": {"attack": ("on", "against"), "broadside": ("at", "against")},
    "unleash": {"attack": ("on", "against")},
    "mount": {"attack": ("on", "against"), "defense": ("of",), "defence": ("of",)},
    "deliver": {"defense": ("of",), "defence": ("of",), "critique": ("of",), "rebuke": ("of", "to")},
    "turn": {"attention": ("to", "toward", "towards")},
    "ask": {"question": ("about", "on")},
    "tell": {"story": ("of", "about")},
    "offer": {"thought": ("on", "about")},
    "poke": {"fun": ("at",)},
    "cast": {"doubt": ("on", "upon"), "aspersion": ("on", "upon"), "blame": ("on",), "vote": ("for", "against")},
    "draw": {"attention": ("to",)},
    "call": {"attention": ("to",)},
    "pay": {"tribute": ("to",), "homage": ("to",)},
    "lend": {"support": ("to",), "credence": ("to",)},
    "throw": {"support": ("behind",), "weight": ("behind",)},
    "heap": {"praise": ("on", "upon"), "scorn": ("on", "upon"), "criticism": ("on", "upon")},
    "pour": {"scorn": ("on",), "water": ("on",)},
    "level": {"criticism": ("at", "against"), "accusation": ("at", "against"), "charge": ("at", "against")},
    "sound": {"alarm": ("about", "over", "on"), "note": ("about", "on", "over")},
}


def _stance_predicates(b: _Builder) -> None:
    """'X is wary of Y', 'X is a critic of Y', 'X expressed concern about Y', 'X took a swipe at Y'."""
    for token in b.doc:
        if token.i in b.cue_tokens or _inside(token.idx, b.skip) or _inside(token.idx, b.quotes):
            continue
        adjective = token.lemma_.lower() in STANCE_ADJECTIVES or token.lower_ in STANCE_ADJECTIVES
        if token.dep_ == "acomp" and adjective:
            _copula_adjective(b, token)
        elif token.dep_ == "attr" and token.pos_ == "NOUN" and token.lemma_.lower() in ROLE_NOUNS:
            _copula_role(b, token, token)
        elif token.dep_ == "attr" and token.lower_ == "one":  # "is one of the loudest critics of"
            role = next((g for c in token.children if c.dep_ == "prep" and c.lower_ == "of"
                         for g in c.children if g.dep_ == "pobj" and g.lemma_.lower() in ROLE_NOUNS), None)
            if role is not None:
                _copula_role(b, token, role)
        elif token.lemma_.lower() in STANCE_PARTICIPLES and token.tag_ == "VBN" and any(
                c.dep_ == "auxpass" and c.lemma_ == "be" for c in token.children):
            _stance_participle(b, token)
        elif token.lemma_ == "be" and token.pos_ == "AUX" and token.dep_ not in ("aux", "auxpass"):
            _statement_copula(b, token)
        elif token.dep_ == "dobj" and token.pos_ == "NOUN":
            _light_verb(b, token)


def _holder(verb: Token) -> Token | None:
    """The verb's subject, or that of the catenative verb it hangs on ('tried to make the case',
    'did not seem to be worried'), which _cue_start also takes into the cue."""
    subject = _subject(verb)
    if subject is None and verb.dep_ == "xcomp" and verb.head.lemma_.lower() in CATENATIVE_HEADS:
        subject = _subject(verb.head)
    return subject


def _source_of(copula: Token) -> Token | None:
    """The subject that holds the attitude; none for 'it'/'there' or a relative pronoun."""
    subject = _holder(copula)
    if subject is None or subject.dep_ == "expl" or subject.lower_ in ("it", "there", "this", "that", "what"):
        return None
    return subject


def _copula_adjective(b: _Builder, adjective: Token) -> None:
    """'X is (not) sure whether Y', 'X was critical of Y', 'X remains convinced that Y'."""
    copula = adjective.head
    if copula.lemma_.lower() not in COPULAS or copula.i > adjective.i or copula.i in b.cue_tokens:
        return
    source = _source_of(copula)
    if source is None:
        return
    clause = next((c for c in adjective.children if c.dep_ in ("ccomp", "xcomp") and c.i > adjective.i), None)
    if clause is None:  # the parser may hang the clause on the copula: "is confident that ..."
        clause = next((c for c in copula.children
                       if c.dep_ == "ccomp" and c.left_edge.i == adjective.right_edge.i + 1), None)
    word = adjective.lemma_.lower() if adjective.lemma_.lower() in STANCE_ADJECTIVES else adjective.lower_
    if clause is not None and clause.dep_ == "xcomp" and word in RAISING_ADJECTIVES:
        clause = None
    preps = ADJECTIVE_PREPS.get(word, STANCE_PREPS)
    prep = next((c for c in adjective.children
                 if c.dep_ == "prep" and c.lower_ in preps and c.i > adjective.i), None)
    strength = STANCE_ADJECTIVES[word]
    _add_predicate(b, copula, adjective, [copula, adjective], source, clause, prep, strength)


def _copula_role(b: _Builder, attr: Token, noun: Token) -> None:
    """'X has been a vocal supporter of Y', 'X is the leading critic of Y', 'X is one of the critics of Y'."""
    copula = attr.head
    if copula.lemma_.lower() not in COPULAS or copula.i > attr.i or copula.i in b.cue_tokens:
        return
    source = _source_of(copula)
    if source is None:
        return
    preps = ROLE_NOUNS[noun.lemma_.lower()]
    prep = next((c for c in noun.children if c.dep_ == "prep" and c.lower_ in preps and c.i > noun.i), None)
    _add_predicate(b, copula, noun, [copula, noun], source, None, prep, None)


def _stance_participle(b: _Builder, participle: Token) -> None:
    """'Voters are divided on X', 'the board is split over whether Y', 'Ort is known for Y'."""
    source = _source_of(participle)
    if source is None:
        return
    preps = STANCE_PARTICIPLES[participle.lemma_.lower()]
    prep = next((c for c in participle.children
                 if c.dep_ == "prep" and c.lower_ in preps and c.i > participle.i), None)
    _add_predicate(b, participle, participle, [participle], source, None, prep, None)


def _statement_copula(b: _Builder, copula: Token) -> None:
    """'Ort's answer was that Y', 'The hope is that Y', 'Her slogan is "Y"': the holder is the possessor."""
    doc = b.doc
    noun = next((c for c in copula.children if c.dep_ == "nsubj" and c.i < copula.i), None)
    if noun is None or noun.pos_ != "NOUN" or noun.lemma_.lower() not in STATEMENT_NOUNS or copula.i in b.cue_tokens:
        return
    clause = next((c for c in copula.children if c.dep_ == "ccomp" and c.i > copula.i
                   and _marked_by(c, "that", "whether")), None)
    if clause is None:  # a quoted complement: 'the slogan is "Y"'
        attr = next((c for c in copula.children if c.dep_ == "attr" and c.i > copula.i), None)
        if attr is None or not doc[attr.left_edge.i].is_quote:
            return
        clause = attr
    if clause.left_edge.i != copula.i + 1:
        return  # "the point is, in short, that ...": keep to the plain construction
    owner = next((c for c in noun.children if c.dep_ == "poss"), None)
    cue_first = owner.right_edge.i + 1 if owner is not None else noun.left_edge.i
    if any(t.is_punct for t in doc[cue_first:copula.i]):
        return
    source = doc[owner.left_edge.i:owner.right_edge.i + 1] if owner is not None else None
    content = _trimmed(doc, *_subtree_range(clause))
    if content is None:
        return
    content_span = doc.char_span(*content, alignment_mode="expand")
    if content_span is None:
        return
    cue = (doc[cue_first].idx, copula.idx + len(copula.text))
    certainty = _certainty([copula], content_span, None)
    if b.add("indirect", cue, content, source, certainty) is not None:
        b.cue_tokens.add(copula.i)


def _light_verb(b: _Builder, noun: Token) -> None:
    """'X expressed deep concern about Y', 'X took a swipe at Y', 'X cast doubt on whether Y'."""
    verb = noun.head
    lemma, noun_lemma = verb.lemma_.lower(), noun.lemma_.lower()
    if verb.pos_ != "VERB" or verb.i > noun.i or verb.i in b.cue_tokens or _inside(verb.idx, b.quotes):
        return
    if lemma in EXPRESSING_VERBS and noun_lemma in ATTITUDE_NOUNS:
        preps = ATTITUDE_PREPS | frozenset(ATTITUDE_NOUN_PREPS.get(noun_lemma, ()))
        strength = ATTITUDE_NOUNS[noun_lemma]
    elif noun_lemma in LIGHT_VERB_IDIOMS.get(lemma, {}):
        preps, strength = LIGHT_VERB_IDIOMS[lemma][noun_lemma], None
    else:
        return
    if lemma == "make" and noun_lemma == "secret" and not any(c.lower_ == "no" for c in noun.children):
        return  # "made no secret of" states a stance; "made a secret of" hides one
    if any(c.dep_ in ("auxpass", "nsubjpass") for c in verb.children):
        return  # "concern was expressed": no holder in the subject
    source = _source_of(verb)
    if source is None:
        return
    # the target's preposition hangs on the noun or, as often, on the verb ("took a swipe at")
    prep = next((c for c in list(noun.children) + list(verb.children)
                 if c.dep_ == "prep" and c.lower_ in preps and c.i > noun.i), None)
    clause = next((c for c in noun.children if c.dep_ in ("acl", "ccomp") and c.i > noun.i
                   and _marked_by(c, "that", "whether")), None)
    _add_predicate(b, verb, noun, [verb, noun], source, clause, prep, strength)


def _add_predicate(b: _Builder, head: Token, last: Token, cue_tokens: list[Token], source: Token,
                   clause: Token | None, prep: Token | None, strength: str | None) -> None:
    """Add the attribution whose cue runs from `head`'s auxiliaries to `last` (or to `prep` before its object)."""
    doc = b.doc
    if any(t.is_punct and not (t.text == "-" and not t.whitespace_ and not doc[t.i - 1].whitespace_)
           for t in doc[head.i + 1:last.i]):
        return  # "has been, keen to ...": an aside splits the predicate ("high-profile" does not)
    if clause is not None and (prep is None or clause.i < prep.i):
        content = _trimmed(doc, *_subtree_range(clause))
        cue_stop = last.idx + len(last.text)
        clausal = True
    elif prep is not None:
        target = next((g for g in prep.children if g.dep_ in ("pobj", "pcomp")), None)
        if target is None or any(t.is_punct and t.text not in ("'", "’") for t in doc[last.i + 1:prep.i]):
            return
        if target.ent_type_ in ("DATE", "TIME"):
            return  # "expressed optimism over the weekend": when, not what
        content = _trimmed(doc, prep.i + 1, prep.right_edge.i + 1)  # all the objects of a split parse
        cue_stop = prep.idx + len(prep.text)
        clausal = False
    else:
        return
    if content is None or content[0] < cue_stop:
        return
    content_span = doc.char_span(*content, alignment_mode="expand")
    if content_span is None:
        return
    certainty = _certainty(cue_tokens, content_span, strength if clausal else None)
    if b.add("indirect", (_cue_start(head), cue_stop), content, source, certainty) is not None:
        b.cue_tokens.update(t.i for t in cue_tokens)


def _certainty(cue_tokens: list[Token], content_span, strength: str | None) -> Certainty:
    """The predicate's own strength ('is hopeful that' = possible), a negated predicate ('is not sure')
    as unknown, as certainty.py treats 'did not say', and the content's own hedges."""
    parts = [certainty_rules.certainty_of_span(content_span)]
    if strength and strength != "certain":
        parts.append(Certainty(value=strength, hedges=[cue_tokens[-1].lower_]))
    heads = cue_tokens + [cue_tokens[0].head] if cue_tokens[0].dep_ == "xcomp" else cue_tokens
    for token in heads:  # the catenative verb's negation too: "did not seem to be worried"
        for c in token.children:
            word = c.lower_
            if c.dep_ == "neg" or c.dep_ == "advmod" and word == "never":
                parts.append(Certainty(value="unknown", hedges=[word]))
            elif c.dep_ == "advmod" and word in certainty_rules.HEDGE_ADVERBS:
                parts.append(Certainty(value=certainty_rules.HEDGE_ADVERBS[word], hedges=[word]))
    return certainty_rules.combine(*parts)
