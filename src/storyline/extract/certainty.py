"""How sure a source is that something happened, after FactBank (Saurí & Pustejovsky 2009).

Values, from strongest to weakest commitment: certain, probable, possible, unknown;
`negated` is a certain negation (FactBank CT-). Choices:
- Polarity and strength are kept apart while combining: a negation under a hedge
  ("reportedly did not cross") keeps the hedged value (possible) and lists "not" in
  `hedges`, since FactBank's PS-/PR- have no value of their own here. Double
  negation ("did not deny") is not modelled.
- "will"/"shall" are certain: a stated future is a commitment, not a hedge. A bare
  "would" under a reporting verb ("said he would resign") is the same future, shifted.
- Any other "would", and could/might/may/can, give `possible`; "would" is also
  `conditional` (it implies a condition even when none is stated: "this would be the
  first time" = possible, conditional). "If"/"unless" clauses and "would have" are
  conditional too.
- Epistemic "must/should have done" is probable; deontic "must/should do" is
  unknown: a requirement says nothing about whether it happened.
- Governing words count only when the item sits in their clause (ccomp, xcomp,
  "whether" clauses), not in their object noun: "investigating the shooting"
  presupposes the shooting; "investigating whether shots were fired" does not.
  Relative clauses are presupposed, so the climb stops there.
- Verbs that undo their object ("cancelled the visit", "thwarted the attack") negate it,
  as do "fail/refuse/decline to" and "has yet to" for their complement.
- Attempts ("tried to seize") are possible; intentions, plans, agreements, orders and
  requests ("plans to", "agreed to", "demanded the withdrawal") are unknown: FactBank's
  underspecified Uu, since nothing says the thing happened.
"""
from __future__ import annotations

from spacy.tokens import Span as SpacySpan
from spacy.tokens import Token

from storyline.model import Certainty

STRENGTH = {"certain": 4, "probable": 3, "possible": 2, "unknown": 1}

NEGATING_DETERMINERS = frozenset({"no", "neither"})

# modal verb -> value; "would" is handled apart (conditional vs shifted future)
MODALS = {"could": "possible", "might": "possible", "may": "possible", "can": "possible",
          "ca": "possible", "must": "probable", "should": "probable", "ought": "probable"}
DEONTIC_MODALS = frozenset({"must", "should", "ought"})
FUTURE_MODALS = frozenset({"will", "shall", "'ll", "wo"})

HEDGE_ADVERBS = {
    "reportedly": "possible", "allegedly": "possible", "supposedly": "possible",
    "purportedly": "possible", "ostensibly": "possible", "possibly": "possible",
    "perhaps": "possible", "maybe": "possible", "conceivably": "possible",
    "apparently": "probable", "presumably": "probable", "probably": "probable",
    "likely": "probable", "seemingly": "probable", "evidently": "probable",
    "unlikely": "possible", "potentially": "possible",
}

# verbs, adjectives and nouns whose clause complement is hedged
HEDGE_GOVERNORS = {
    "believe": "probable", "think": "probable", "suspect": "probable", "presume": "probable",
    "assume": "probable", "expect": "probable", "estimate": "probable", "assess": "probable",
    "seem": "probable", "appear": "probable", "suggest": "probable", "indicate": "probable",
    "consider": "probable", "fear": "possible", "hope": "possible", "doubt": "possible",
    "claim": "possible", "allege": "possible", "purport": "possible", "rumor": "possible",
    "rumour": "possible", "speculate": "possible", "guess": "possible",
    "likely": "probable", "probable": "probable", "possible": "possible", "plausible": "possible",
    "assessment": "probable", "belief": "probable", "suspicion": "probable",
    "view": "probable", "impression": "probable", "allegation": "possible",
    "speculation": "possible", "possibility": "possible", "chance": "possible", "likelihood": "probable",
}
HEDGE_NOUNS = frozenset({"assessment", "belief", "suspicion", "estimate", "view", "impression",
                         "claim", "allegation", "rumor", "rumour", "speculation", "possibility",
                         "chance", "likelihood"})

DENIAL_GOVERNORS = frozenset({"deny", "dismiss", "reject", "refute", "rebut", "disprove", "dispute"})
# the governed clause or object did not happen
NEGATING_GOVERNORS = frozenset({"fail", "refuse", "decline", "avoid", "prevent", "thwart", "foil",
                                "cancel", "abort", "avert", "stop", "halt", "postpone", "deny"})
NEGATING_OBJECT_VERBS = frozenset({"cancel", "thwart", "foil", "prevent", "avert", "abort",
                                   "postpone", "call"})  # "call off" checked with its particle
# attempts: the governed event may or may not have happened
ATTEMPT_GOVERNORS = frozenset({"try", "attempt", "seek", "strive", "endeavor", "endeavour"})
# intentions, plans and requests: the governed event has not happened (yet); FactBank's Uu
INTENT_GOVERNORS = frozenset({"plan", "intend", "threaten", "want", "aim", "propose", "vow", "pledge",
                              "offer", "prepare", "promise", "agree", "decide", "demand", "urge",
                              "request", "ask", "order", "call", "press", "willing", "ready",
                              "prepared", "eager", "determined"})
UNKNOWN_GOVERNORS = frozenset({"investigate", "probe", "examine", "check", "determine", "verify",
                               "establish", "confirm", "ascertain", "inquire", "ask", "wonder",
                               "question", "study", "review"})
UNKNOWN_ADJECTIVES = frozenset({"unclear", "unknown", "uncertain", "unconfirmed", "unverified",
                                "undetermined", "unestablished"})
UNKNOWN_NOUNS = frozenset({"probe", "investigation", "inquiry", "enquiry", "question", "review"})
CONDITIONAL_MARKS = frozenset({"if", "unless"})
UNKNOWN_MARKS = frozenset({"whether"})
REPORTING_VERBS = frozenset({"say", "tell", "state", "announce", "add", "report", "claim", "insist",
                             "confirm", "declare", "warn", "write", "note", "explain", "reply"})

# reporting-cue strength, from the source's own point of view
CUE_STRENGTH = {
    "say": "certain", "tell": "certain", "state": "certain", "announce": "certain",
    "confirm": "certain", "add": "certain", "report": "certain", "according": "certain",
    "note": "certain", "explain": "certain", "write": "certain", "declare": "certain",
    "insist": "certain", "show": "certain", "reveal": "certain", "acknowledge": "certain",
    "admit": "certain", "quote": "certain", "statement": "certain",
    "claim": "possible", "allege": "possible", "purport": "possible", "suggest": "possible",
    "speculate": "possible", "hint": "possible", "rumor": "possible", "allegation": "possible",
    "believe": "probable", "think": "probable", "estimate": "probable", "assess": "probable",
    "expect": "probable", "suspect": "probable", "feel": "probable", "assessment": "probable",
    "belief": "probable", "guess": "possible", "fear": "possible",
    "deny": "negated", "dismiss": "negated", "refute": "negated", "reject": "negated",
    "denial": "negated", "rebut": "negated",
}

CLIMB = 3  # how many heads up the governing chain is searched
STOP_DEPS = frozenset({"relcl"})  # relative clauses are presupposed
ARGUMENT_DEPS = frozenset({"dobj", "nsubj", "nsubjpass", "attr", "iobj", "dative", "poss", "compound",
                           "amod", "nmod", "npadvmod", "appos"})


class _Judgement:
    """Running tally: weakest strength seen, polarity flips, conditionality, cue words."""

    def __init__(self) -> None:
        self.strength = "certain"
        self.negative = False
        self.conditional = False
        self.hedges: list[str] = []

    def hedge(self, value: str, word: str) -> None:
        if value == "negated":
            self.negative = True  # double negation ("did not deny") is rare enough to ignore
        elif STRENGTH[value] < STRENGTH[self.strength]:
            self.strength = value
        if word and word not in self.hedges:
            self.hedges.append(word)

    def result(self) -> Certainty:
        value = self.strength
        if self.negative and value == "certain":
            value = "negated"
        return Certainty(value=value, conditional=self.conditional, hedges=self.hedges)


def _lower(token: Token) -> str:
    return token.text.lower()


def _is_shifted_future(token: Token) -> bool:
    """A bare 'would' inside what someone said: 'said he would resign'."""
    head = token
    for _ in range(CLIMB):
        if head.dep_ not in ("ccomp", "conj", "xcomp") or head.head.i == head.i:
            return False
        head = head.head
        if head.lemma_ in REPORTING_VERBS:
            return True
    return False


def _has_if_clause(token: Token) -> bool:
    return any(c.dep_ == "advcl" and any(m.dep_ == "mark" and _lower(m) in CONDITIONAL_MARKS for m in c.children)
               for c in token.children)


def _own_cues(token: Token, j: _Judgement) -> None:
    """Cues among the token's own children: negation, modals, hedging adverbs, if/whether marks."""
    children = list(token.children)
    perfect = any(c.dep_ == "aux" and c.lemma_ == "have" for c in children)
    for c in children:
        word = _lower(c)
        if c.dep_ == "neg" or (c.dep_ == "advmod" and word in ("never", "no")):
            j.hedge("negated", word)
        elif c.dep_ == "det" and word in NEGATING_DETERMINERS and token.pos_ == "NOUN":
            j.hedge("negated", word)  # "no attack took place"
        elif c.dep_ in ("dobj", "nsubj", "nsubjpass") and any(
                d.dep_ == "det" and _lower(d) in NEGATING_DETERMINERS for d in c.children):
            j.hedge("negated", "no")  # "fired no shots", "no shots were fired"
        elif c.dep_ == "aux" and c.tag_ == "MD":
            if word in FUTURE_MODALS:
                continue
            if word in ("would", "'d"):
                if _has_if_clause(token) or perfect or not _is_shifted_future(token):
                    j.conditional = True
                    j.hedge("possible", word)
            elif word in MODALS:
                deontic = word in DEONTIC_MODALS and not perfect
                j.hedge("unknown" if deontic else MODALS[word], word)
        elif c.dep_ in ("advmod", "amod") and word in HEDGE_ADVERBS:
            j.hedge(HEDGE_ADVERBS[word], word)
        elif c.dep_ == "mark" and word in CONDITIONAL_MARKS:
            j.conditional = True
            j.hedge("possible", word)
        elif c.dep_ == "mark" and word in UNKNOWN_MARKS:
            j.hedge("unknown", word)
    if token.dep_ == "pcomp" and token.head.lower_ == "without":
        j.hedge("negated", "without")


def _governor_cues(node: Token, below: Token, j: _Judgement) -> None:
    """Cues on a governing word `node` for an item in its clause (`below` is the child on the path)."""
    lemma, word = node.lemma_.lower(), _lower(node)
    if below.dep_ in ARGUMENT_DEPS:
        if below.dep_ == "dobj" and lemma in INTENT_GOVERNORS:
            j.hedge("unknown", word)  # "demanded the withdrawal", "planned an attack"
        elif below.dep_ == "dobj" and (lemma in NEGATING_OBJECT_VERBS and lemma != "call"
                                     or lemma == "call" and any(c.dep_ == "prt" and c.lower_ == "off"
                                                                for c in node.children)):
            j.hedge("negated", word)
        return
    if lemma in DENIAL_GOVERNORS:
        j.hedge("negated", word)
    elif lemma in NEGATING_GOVERNORS and below.dep_ in ("xcomp", "pcomp", "prep", "pobj"):
        j.hedge("negated", word)
    elif lemma in HEDGE_GOVERNORS:
        j.hedge(HEDGE_GOVERNORS[lemma], word)
    elif lemma in ATTEMPT_GOVERNORS and below.dep_ in ("xcomp", "pcomp", "prep", "pobj"):
        j.hedge("possible", word)
    elif lemma in INTENT_GOVERNORS and below.dep_ in ("xcomp", "ccomp", "pcomp", "prep", "pobj"):
        j.hedge("unknown", word)
    elif lemma in UNKNOWN_GOVERNORS or lemma in UNKNOWN_ADJECTIVES or lemma in UNKNOWN_NOUNS:
        j.hedge("unknown", word)
    elif below.dep_ == "xcomp" and any(c.dep_ == "advmod" and c.lower_ == "yet" for c in node.children):
        j.hedge("negated", "yet")  # "has yet to regain consciousness"
    # copular frames: "Our assessment is that ...", "It is unclear whether ..."
    for c in node.children:
        if c.i == below.i:
            continue
        if c.dep_ in ("nsubj", "nsubjpass") and c.lemma_.lower() in HEDGE_NOUNS:
            j.hedge(HEDGE_GOVERNORS.get(c.lemma_.lower(), "probable"), _lower(c))
        elif c.dep_ == "acomp" and c.lemma_.lower() in UNKNOWN_ADJECTIVES:
            j.hedge("unknown", _lower(c))
        elif c.dep_ == "acomp" and c.lemma_.lower() in HEDGE_GOVERNORS:
            j.hedge(HEDGE_GOVERNORS[c.lemma_.lower()], _lower(c))
        elif c.dep_ == "advmod" and _lower(c) in HEDGE_ADVERBS and node.lemma_ in ("be", "seem", "appear"):
            j.hedge(HEDGE_ADVERBS[_lower(c)], _lower(c))


def _judge(token: Token, j: _Judgement) -> None:
    _own_cues(token, j)
    below, node = token, token.head
    for _ in range(CLIMB):
        if node.i == below.i or below.dep_ in STOP_DEPS:
            break
        _governor_cues(node, below, j)
        for m in node.children:
            if m.dep_ == "mark" and _lower(m) in UNKNOWN_MARKS:
                j.hedge("unknown", _lower(m))  # "... whether a bullet mark was the result of the chase"
        if below.dep_ == "advcl" and any(m.dep_ == "mark" and _lower(m) in CONDITIONAL_MARKS
                                         for m in below.children):
            break  # an if-clause's own hedges were counted; its host clause is the consequent
        # an if-clause anywhere up the chain makes the whole item hypothetical
        if node.dep_ == "advcl" and any(m.dep_ == "mark" and _lower(m) in CONDITIONAL_MARKS
                                        for m in node.children):
            j.conditional = True
            j.hedge("possible", next(_lower(m) for m in node.children if m.dep_ == "mark"))
        # a later conjunct shares the first one's modals and hedging adverbs
        if below.dep_ == "conj":
            _own_cues_shared(node, j)
        below, node = node, node.head


def _own_cues_shared(node: Token, j: _Judgement) -> None:
    """Modals and hedging adverbs of a first conjunct scope over the later ones ('may have fled and hidden')."""
    for c in node.children:
        word = _lower(c)
        if c.dep_ == "aux" and c.tag_ == "MD" and word in MODALS:
            j.hedge(MODALS[word], word)
        elif c.dep_ == "advmod" and word in HEDGE_ADVERBS:
            j.hedge(HEDGE_ADVERBS[word], word)


def certainty_of(token: Token) -> Certainty:
    """Factuality of the event or clause headed by `token`, from its own and its governors' cues."""
    j = _Judgement()
    _judge(token, j)
    return j.result()


def _span_roots(span: SpacySpan) -> list[Token]:
    return [t for t in span if t.head.i == t.i or not (span.start <= t.head.i < span.end)]


def _scan_lexical(span: SpacySpan, j: _Judgement) -> None:
    """Hedge words anywhere in a quoted content (outside presupposed relative clauses)."""
    presupposed = {d.i for t in span if t.dep_ == "relcl" for d in t.subtree}
    for t in span:
        if t.i in presupposed:
            continue
        word, lemma = _lower(t), t.lemma_.lower()
        if t.dep_ == "advmod" and word in HEDGE_ADVERBS:
            j.hedge(HEDGE_ADVERBS[word], word)
        elif t.dep_ == "mark" and word in UNKNOWN_MARKS:
            j.hedge("unknown", word)
        elif t.dep_ in ("nsubj", "nsubjpass") and lemma in HEDGE_NOUNS:
            j.hedge(HEDGE_GOVERNORS.get(lemma, "probable"), word)
        elif t.pos_ == "ADJ" and lemma in UNKNOWN_ADJECTIVES:
            j.hedge("unknown", word)
        elif t.pos_ == "VERB" and lemma in UNKNOWN_GOVERNORS and (
                any(c.dep_ == "neg" for c in t.children)
                or any(c.dep_ == "advmod" and c.lower_ == "yet" for c in t.head.children)):
            j.hedge("unknown", word)  # "yet to be established", "could not confirm"
            if "yet" not in j.hedges and any(c.lower_ == "yet" for c in t.head.children):
                j.hedges.append("yet")
        elif t.pos_ == "VERB" and lemma in ("investigate", "probe") and any(
                c.dep_ in ("ccomp", "advcl") and any(m.lower_ in UNKNOWN_MARKS for m in c.children)
                for c in t.children):
            j.hedge("unknown", word)
        elif t.pos_ == "VERB" and lemma in HEDGE_GOVERNORS and t.dep_ != "relcl" and any(
                c.dep_ in ("ccomp", "xcomp") for c in t.children):
            j.hedge(HEDGE_GOVERNORS[lemma], word)  # "he is presumed to be a soldier"


def certainty_of_span(span: SpacySpan) -> Certainty:
    """Factuality of an attributed content: its roots' cues plus hedge words anywhere inside it."""
    j = _Judgement()
    for root in _span_roots(span):
        sub = _Judgement()
        _own_cues(root, sub)
        _merge(j, sub)
    _scan_lexical(span, j)
    return j.result()


def _merge(into: _Judgement, other: _Judgement) -> None:
    if STRENGTH[other.strength] < STRENGTH[into.strength]:
        into.strength = other.strength
    into.negative = into.negative or other.negative
    into.conditional = into.conditional or other.conditional
    for h in other.hedges:
        if h not in into.hedges:
            into.hedges.append(h)


def _cue_judgement(cue: Token) -> _Judgement:
    j = _Judgement()
    lemma = cue.lemma_.lower()
    value = CUE_STRENGTH.get(lemma)
    if value and value != "certain":
        j.hedge(value, _lower(cue))
    # "is said to", "was reported to": the writer passes on hearsay
    if lemma in ("say", "report", "believe", "think", "rumor", "allege") and cue.tag_ == "VBN" and any(
            c.dep_ == "auxpass" for c in cue.children) and any(c.dep_ == "xcomp" for c in cue.children):
        j.hedge("possible", _lower(cue))
    for c in cue.children:
        word = _lower(c)
        if c.dep_ == "neg":
            j.hedge("unknown", word)  # "did not say", "would not confirm": no commitment either way
        elif c.dep_ == "advmod" and word in HEDGE_ADVERBS:
            j.hedge(HEDGE_ADVERBS[word], word)
    # "Our assessment is that ...": the cue is the copula, the hedge is its subject
    for c in cue.children:
        if c.dep_ in ("nsubj", "nsubjpass") and c.lemma_.lower() in HEDGE_NOUNS:
            j.hedge(HEDGE_GOVERNORS.get(c.lemma_.lower(), "probable"), _lower(c))
    return j


def certainty_of_cue(cue_token: Token, content_span: SpacySpan) -> Certainty:
    """Factuality of an attribution: the reporting verb's strength combined with the content's hedges."""
    j = _cue_judgement(cue_token)
    _merge(j, _as_judgement(certainty_of_span(content_span)))
    return j.result()


def _as_judgement(c: Certainty) -> _Judgement:
    j = _Judgement()
    if c.value == "negated":
        j.negative = True
    else:
        j.strength = c.value
    j.conditional = c.conditional
    j.hedges = list(c.hedges)
    return j


def combine(*certainties: Certainty) -> Certainty:
    """The less certain of several judgements on one item, negated if any is."""
    j = _Judgement()
    for c in certainties:
        _merge(j, _as_judgement(c))
    return j.result()
