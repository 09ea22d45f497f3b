"""Reporting verbs, stance verbs and reporting nouns, with the content each one reports."""
from __future__ import annotations

from spacy.tokens import Token

from storyline.extract import certainty as certainty_rules
from storyline.extract.attribution.builder import (
    _agent,
    _Builder,
    _clause_content,
    _cue_end,
    _cue_start,
    _inside,
    _marked_by,
    _subject,
    _subtree_range,
    _trimmed,
)
from storyline.extract.attribution.quotes import (
    _governed_quote,
    _is_quote_content,
    _joined_with_quotes,
    _quote_content,
    _quote_near,
    _quote_speaker,
)
from storyline.extract.attribution.relays import (
    _attach_relays,
)
from storyline.extract.lexicon import (
    CLAIM_NOUNS,
    DOCUMENT_NOUNS,
    GROUP_NOUNS,
    MEDIA_DESCRIPTOR_NOUNS,
    ORG_NOUNS,
    PERSON_NOUNS,
    REPORTING_VERBS,
    STANCE_PREPOSITIONS,
    STANCE_VERBS,
)
from storyline.extract.spans import sentence_of
from storyline.model import Certainty

# verbs that report speech only with an explicit "that" clause ("found that", not "found him hiding")
NEEDS_THAT = frozenset("find show indicate describe call order urge ask demand point post answer respond "
                       "observe recall feel promise vow pledge predict".split())

_PRONOUN_SUBJECTS = frozenset("it there this that".split())

# of those, the pronouns that as an active subject point back to a document or speaker ("It says that ...")
_REFERRING_PRONOUNS = frozenset("it this that".split())

# surface forms the parser's lemmatiser gets wrong ("hoping" -> "hop")
_LEMMA_FIXES = {"hoping": "hope", "hoped": "hope", "hopes": "hope", "retweeted": "retweet", "retweeting": "retweet",
                "retweets": "retweet"}

def cue_lemma(verb: Token) -> str:
    """The verb's lemma, lowercased, with the lemmatiser's known slips corrected."""
    return _LEMMA_FIXES.get(verb.lower_) or verb.lemma_.lower()

def _reporting_verbs(b: _Builder) -> None:
    doc = b.doc
    for verb in doc:
        if verb.i in b.cue_tokens:
            continue
        lemma = cue_lemma(verb)
        if verb.pos_ != "VERB" or not (lemma in REPORTING_VERBS or lemma in STANCE_VERBS
                                       or lemma in STANCE_PREPOSITIONS or _takes_that_clause(verb)):
            continue
        if _inside(verb.idx, b.skip) or _inside(verb.idx, b.quotes) or b.nested_too_deep(verb.idx):
            continue
        if verb.dep_ == "amod" or verb.tag_ == "VBN" and verb.dep_ == "acl":
            continue
        if _purpose_complement(verb) or _unasserted_gerund(verb) or _permitted_act(verb):
            continue
        if verb.lower_ == "citing" and verb.dep_ in ("advcl", "xcomp", "conj", "acl", "pcomp") and _cites_a_party(verb):
            continue  # "X reported, citing officials": a relay, folded into X's report
        passive = any(c.dep_ in ("auxpass", "nsubjpass") for c in verb.children) or _bare_participle(verb)
        subject = _subject(verb)
        # in the passive the subject is what was said or who was told; the speaker is the by-agent
        source = _agent(verb) if passive else (subject or _agent(verb))
        if source is not None and source.tag_ in ("WDT", "WP") and source.lower_ not in ("who", "which"):
            continue
        if not passive and _generic_addressee(verb, lemma, source):
            continue
        if passive and subject is not None and lemma in ("say", "report", "believe", "think", "expect", "know",
                                                         "rumor", "rumour", "understand", "allege"):
            source = subject  # "X is said to have fled": _reported_content makes X part of the content
        content, source = _reported_content(b, verb, lemma, source, passive)
        if content is None:
            continue
        content = _joined_with_quotes(b, verb, content)
        if source is not None and (source.lower_ in _PRONOUN_SUBJECTS or source.dep_ == "expl") and not (
                not passive and source.dep_ == "nsubj" and source.lower_ in _REFERRING_PRONOUNS
                and lemma not in ("appear", "seem")):
            source = None  # "it was reported that": no one named; but "it (the ad) claims that" names the ad
        kind = _is_quote_content(b, content)
        if passive and source is None:
            kind = "reported"
        content_span = doc.char_span(*content, alignment_mode="expand")
        certainty = certainty_rules.certainty_of_cue(verb, content_span) if content_span is not None else Certainty()
        origin = _cited_origin(verb)
        relay_source = None
        if origin is not None and source is not None:
            source, relay_source = origin, source  # "X reported, citing officials": officials said it, via X
        cue_end = content[0] if _preposition_cue(verb, content, b.text) else _cue_end(verb)
        cue_end = _medium_end(verb, content, cue_end)
        while cue_end > verb.idx and b.text[cue_end - 1].isspace():
            cue_end -= 1
        attribution = b.add(kind, verb, content, source, certainty, cue_end)
        if attribution is not None:
            _attach_relays(b, attribution, verb)
            if relay_source is not None:
                relay_id, _ = b.sources.resolve(relay_source)
                if relay_id and relay_id not in attribution.via and relay_id != attribution.source:
                    attribution.via.append(relay_id)

# verbs whose object does what their infinitive or participle complement says: "forced X to admit",
# "left X wondering", "heard X asking", "got X to agree"
_OBJECT_CONTROL_HEADS = frozenset("force leave hear get compel press pressure push prompt lead drive "
                                  "persuade convince cause".split())

# verbs of letting and causing, whose complement is an act allowed or brought about, not one that happened:
# "allows voters to vote for anyone", "made residents feel safe", "let them know", "dared him to say"
_PERMISSIVE_HEADS = frozenset("let make allow permit enable help dare".split())

def _permitted_act(verb: Token) -> bool:
    """'let editorials tell them how to vote': a permitted or caused act (a bare verb, which the parser may tag
    VBP); but 'let me say' is the writer's."""
    head = verb.head
    if verb.dep_ not in ("ccomp", "xcomp") or verb.tag_ not in ("VB", "VBP") or head.i > verb.i \
            or head.lemma_.lower() not in _PERMISSIVE_HEADS:
        return False
    return not any(c.dep_ == "nsubj" and c.lower_ in ("me", "us") for c in verb.children)

def _purpose_complement(verb: Token) -> bool:
    """'used the speech to call for X', 'waited to see if X', 'tweeted to say X': a complement or purpose clause
    that says what someone meant or tried to do, not a report; a catenative head the cue takes in
    ('continued to insist') or an object made to speak ('forced X to admit') still reports."""
    head = verb.head
    infinitive_of_purpose = verb.dep_ == "advcl" and verb.tag_ == "VB" and any(
        c.dep_ == "aux" and c.lower_ == "to" for c in verb.lefts)  # "went on Twitter to applaud X"
    return ((verb.dep_ == "xcomp" or infinitive_of_purpose) and head.i < verb.i and _cue_start(verb) > head.idx
            and head.lemma_.lower() not in _OBJECT_CONTROL_HEADS)

# prepositions whose gerund is a reason or a thing left undone, not a report of its own: "blamed for saying",
# "left without saying", "refrained from attacking", "tricked into thinking", "instead of denying"
_UNASSERTING_PREPOSITIONS = frozenset("for without from into instead".split())

def _unasserted_gerund(verb: Token) -> bool:
    """'criticized for saying X', 'without naming X': the gerund after such a preposition is not reported."""
    head = verb.head
    if head.lower_ == "of" and head.i > 0 and head.doc[head.i - 1].lower_ == "instead":
        head = head.doc[head.i - 1]
    return verb.dep_ == "pcomp" and verb.tag_ == "VBG" and head.lower_ in _UNASSERTING_PREPOSITIONS

def _generic_addressee(verb: Token, lemma: str, subject: Token | None) -> bool:
    """'Do you think X?', 'you can see the problem', 'we've seen this before': the writer asking the reader,
    or 'you'/'we' as anyone who looks, states no one's view."""
    if subject is None or subject.lower_ not in ("you", "we"):
        return False
    if lemma == "see":
        return True
    sentence = sentence_of(verb)
    return subject.lower_ == "you" and sentence.text.rstrip().rstrip("\"”’'").endswith("?")

def _bare_participle(verb: Token) -> bool:
    """'Asked about X, Holt said': a past participle heading an adverbial clause is passive."""
    return verb.tag_ == "VBN" and verb.dep_ == "advcl" and not any(
        c.dep_ in ("aux", "nsubj", "nsubjpass") for c in verb.children)

def _embedded_question(clause: Token) -> bool:
    """'asked whether X', 'asked who leads': a clause opened by if/whether or a wh-word."""
    first = clause.left_edge
    return first.tag_ in ("WDT", "WP", "WP$", "WRB") or _marked_by(clause, "if", "whether")

def _takes_that_clause(verb: Token) -> bool:
    """Any verb with a 'that' clause states an attitude to it ('X fears that ...', 'X knows that ...')."""
    return any(c.dep_ == "ccomp" and _marked_by(c, "that")
               for c in verb.children) and any(c.dep_ in ("nsubj", "nsubjpass") for c in verb.children)

def _reported_content(b: _Builder, verb: Token, lemma: str, source: Token | None, passive: bool):
    """What a reporting verb reports, as a character range, and its (possibly updated) source token."""
    doc = b.doc
    if source is not None and lemma in REPORTING_VERBS and _is_as_clause(verb):
        return _as_clause_content(verb), source
    content_head = _clause_content(verb)
    document_subject = source is not None and (source.lower_ in DOCUMENT_NOUNS
                                               or source.lemma_.lower() in DOCUMENT_NOUNS)
    if lemma in NEEDS_THAT and content_head is not None and not document_subject and not _marked_by(
            content_head, "that") and not (
            lemma in STANCE_VERBS and content_head.dep_ == "xcomp") and not _embedded_question(content_head):
        content_head = None
    if content_head is not None and content_head.dep_ == "xcomp" and not passive \
            and lemma not in _INFINITIVE_STANCES and not _gerund_clause(content_head):
        content_head = None  # "continues to rise" reports nothing; "agreed to pay" and "is said to" do
    quote = _quote_near(b, verb, source) if source is not None else None
    stance = _stance_object(verb, lemma)
    addressee = None
    if stance is not None and lemma in _TELLING_VERBS and _is_addressee(doc[stance[0]:stance[1]]):
        # "told reporters, ...", "told CNN that ...": the one told is no content; look for what was told
        addressee, stance = stance, None
        if quote is None:
            quote = _quote_after(b, doc[addressee[1] - 1])  # "telling the crowd, “...”"
    if quote is None and source is not None and stance is None:
        quote = _governed_quote(b, verb)
    if quote and content_head is None and stance is not None and _quote_is_part_of(doc, quote, stance):
        quote = None  # "accused him of a 'freak out'": the object, with its quoted words, is the content
    if quote and (content_head is None or _inside(content_head.idx, [quote])):
        return _quote_content(b, verb, quote, content_head), _quote_speaker(b, verb, quote, source)
    if content_head is not None and not (lemma in ("tell", "ask") and content_head.dep_ == "xcomp"):
        content = _trimmed(doc, *_subtree_range(content_head))
        if content_head.dep_ == "xcomp" and passive and source is not None:
            # "X is said to have fled": the content is X + the infinitive, from nobody named
            return ((source.left_edge.idx, content[1]) if content else None), None
        return content, source
    question = _question_clause(verb, lemma) if content_head is None else None
    if question is not None:  # "Asked if he was bullied, ...": the question, from an unnamed asker
        return _trimmed(doc, *_subtree_range(question)), source
    answer = _one_word_answer(verb, lemma)
    if answer is not None:  # "said no", "said so"
        return (answer.idx, answer.idx + len(answer.text)), source
    if stance is not None and source is None and passive and lemma == "ask":
        return _trimmed(doc, *stance), source  # "when asked about the loan": the asker is not named
    medium = _medium_clause(verb)
    if medium is not None:  # "said in a statement that ...": the parser hung the clause on the statement
        return _trimmed(doc, *_subtree_range(medium)), source
    claim = _claim_object(verb)
    if claim is not None:  # "dismissed speculation that ...", "denied reports that ..."
        return _trimmed(doc, *_subtree_range(claim)), source
    if stance is not None and source is not None:
        return _trimmed(doc, *stance), source
    target = next((c for c in verb.children if c.dep_ == "nsubjpass"), None) if passive else None
    if target is not None and source is not None and (lemma in STANCE_VERBS or lemma == "claim") \
            and target.pos_ != "PRON":
        return _trimmed(doc, *_subtree_range(target)), source  # "The plan was criticized by the board"
    if document_subject:  # "Video footage shows the guards firing"
        obj = next((c for c in verb.children if c.dep_ == "dobj"), None)
        if obj is not None:
            return _trimmed(doc, *_subtree_range(obj)), source
    inverted = _content_of_inverted_parse(verb)
    if inverted is not None:
        return inverted, source
    if verb.dep_ == "parataxis" or (verb.dep_ == "ROOT" and source is not None and verb.i > source.i
                                    and verb.i > sentence_of(verb).start + 3 and doc[verb.i - 1].is_punct is False
                                    and any(t.is_punct and t.text == "," for t in doc[source.left_edge.i - 1:source.left_edge.i])):
        return _parataxis_content(verb), source
    if addressee is not None:
        return _trimmed(doc, *addressee), source  # nothing else found: keep the report, with what was told unknown
    return None, source

def _quote_after(b: _Builder, last: Token) -> tuple[int, int] | None:
    """An unused quote that opens right after a token, past a comma or colon ('told reporters: "..."')."""
    end = last.idx + len(last.text)
    for q in b.quotes.from_index(b.quotes.first_from(end)):
        if q[0] >= end:
            gap = b.text[end:q[0]]
            return q if q not in b.used_quotes and gap.strip() in (",", ":", "") and "\n" not in gap else None
    return None

# verbs of telling, whose first object is the one told: "told reporters", "assured voters", "reminded the board"
_TELLING_VERBS = frozenset("tell inform assure remind notify brief".split())

# nouns for what is told rather than who is told: "told the story", "told a lie", "informed the decision"
_TOLD_THINGS = frozenset("story stories tale truth lie joke anecdote secret news fact version account "
                         "decision".split())

def _is_addressee(phrase) -> bool:
    """Whether a telling verb's object names who was told ('reporters', 'CNN', 'him'), not a story told."""
    root = phrase.root
    if any(t.dep_ in _CLAUSE_COMPLEMENTS or t.dep_ == "prep" and t.head.i == root.i for t in phrase):
        return False  # "told them to leave", "reminded voters of X": the object comes with what was told
    return root.lower_ not in _CONTENT_PRONOUNS and root.lemma_.lower() not in _TOLD_THINGS

# verbs of asking, whose question the parser may hang on them as an adverbial clause ("Asked if X, ...")
_ASKING_VERBS = frozenset("ask wonder inquire enquire question".split())

def _question_clause(verb: Token, lemma: str) -> Token | None:
    """'Asked if he was bullied': the if/whether clause the parser made adverbial."""
    if lemma not in _ASKING_VERBS:
        return None
    return next((c for c in verb.rights if c.dep_ == "advcl" and any(
        m.dep_ == "mark" and m.lower_ in ("if", "whether") and m.i == c.left_edge.i for m in c.children)), None)

# one-word contents of a verb of saying: "said no", "said so", "answered yes"
_ANSWER_WORDS = frozenset("so no yes".split())

def _one_word_answer(verb: Token, lemma: str) -> Token | None:
    """'half said so', 'the mayor said no': the word right after the verb stands for what was said."""
    if lemma not in ("say", "answer", "reply", "respond", "tell", "think", "believe", "suggest", "hope"):
        return None
    nxt = verb.doc[verb.i + 1] if verb.i + 1 < len(verb.doc) else None
    if nxt is None or nxt.head.i != verb.i or nxt.lower_ not in _ANSWER_WORDS:
        return None
    after = verb.doc[nxt.i + 1] if nxt.i + 1 < len(verb.doc) else None
    if after is not None and not after.is_punct and after.head.i == nxt.i:
        return None  # "said so many times" is no answer
    return nxt

def _quote_is_part_of(doc, quote: tuple[int, int], tokens: tuple[int, int]) -> bool:
    """Whether a quote lies inside a token range that holds more words than the quote."""
    start, end = doc[tokens[0]].idx, doc[tokens[1] - 1].idx + len(doc[tokens[1] - 1].text)
    return start <= quote[0] and quote[1] <= end + 1 and (start < quote[0] - 1 or quote[1] < end - 1)

def _gerund_clause(head: Token) -> bool:
    """'said legalizing it could create jobs': a gerund the parser made the complement, over a clause."""
    return head.tag_ == "VBG" and any(c.dep_ == "ccomp" and c.i > head.i for c in head.children)

_INFINITIVE_STANCES = frozenset("want seek promise pledge vow threaten refuse hope plan intend expect decline "
                                "offer agree urge ask claim tell order warn advise".split())

_CLAUSE_COMPLEMENTS = ("oprd", "xcomp", "ccomp", "acomp")

# reporting verbs whose noun object is mostly not something said ("claimed victory", "maintains a lead")
_OBJECT_NOT_REPORTED = frozenset("maintain continue post add feel find write comment".split())

_CONTENT_PRONOUNS = frozenset("what this that so it nothing something anything everything".split())

# verbs of approval and disapproval (Levin's judgment verbs and kin), whose object is the one judged, even a
# pronoun: "voters supported her", "the board criticized him"
_EVALUATIVE_VERBS = frozenset("""
support oppose endorse back criticize criticise praise condemn slam blast attack defend applaud welcome mock
ridicule denounce fault knock chide scold assail lambast deride rebuke trash rip insult belittle disparage berate
castigate chastise censure scorn champion hammer boo snub hail laud favor favour prefer dislike resent
""".split())

def _stance_object(verb: Token, lemma: str) -> tuple[int, int] | None:
    """Token range of what a stance verb takes: 'endorsed Cruz', 'called Trump "unhinged"', 'called for X'."""
    if lemma in STANCE_VERBS or lemma in REPORTING_VERBS and lemma not in _OBJECT_NOT_REPORTED:
        # "endorsed Cruz", "said so", "told the story"
        obj = next((c for c in verb.children if c.dep_ == "dobj"), None)
        if obj is not None:
            lo, hi = _subtree_range(obj)
            end = _object_complements_end(verb, obj, hi)
            # a personal pronoun alone says nothing ("thanked them"); with its complement it does ("called him X")
            if obj.pos_ != "PRON" or obj.lower_ in _CONTENT_PRONOUNS or end > hi or lemma in _EVALUATIVE_VERBS:
                return lo, end
    for prep in STANCE_PREPOSITIONS.get(lemma, ()):
        clause = _for_clause(verb, prep)
        if clause is not None:  # "called for the board to resign", parsed as a clause opened by "for"
            return clause
        p = next((c for c in verb.children if c.dep_ in ("prep", "prt") and c.lower_ == prep), None)
        pobj = next((g for g in p.children if g.dep_ in ("pobj", "pcomp")), None) if p is not None else None
        if pobj is not None:
            lo, hi = _subtree_range(pobj)
            return lo, _object_complements_end(verb, pobj, hi)  # "called on X to resign"
    return None

def _for_clause(verb: Token, prep: str) -> tuple[int, int] | None:
    """Token range after 'for' of 'called for X to Y', which the parser reads as a clause marked by 'for'."""
    if prep != "for" or verb.i + 1 >= len(verb.doc) or verb.doc[verb.i + 1].lower_ != "for":
        return None
    marker = verb.doc[verb.i + 1]
    if marker.dep_ != "mark" or marker.head.head.i != verb.i or marker.head.dep_ not in ("advcl", "ccomp"):
        return None
    return marker.i + 1, marker.head.right_edge.i + 1

# prepositions whose phrase after a stance verb's object is part of the stance:
# "accused X of Y", "described X as Y", "criticized X for Y", "likened X to Y", "credited X with Y"
_OBJECT_PREPOSITIONS = frozenset("of as for to with against over about".split())

def _object_complements_end(verb: Token, obj: Token, end: int) -> int:
    """Token end of an object with what completes it: 'called X Y', 'accused X of Y', 'wants X to Z'."""
    for c in verb.rights:
        if c.i > obj.i and (c.dep_ in _CLAUSE_COMPLEMENTS or c.dep_ == "prep" and c.lower_ in _OBJECT_PREPOSITIONS
                            or _by_name(c)):
            end = max(end, c.right_edge.i + 1)
    return end

def _by_name(prep: Token) -> bool:
    """'criticized X by name': the phrase says how X was singled out, so it is part of the stance."""
    return prep.dep_ == "prep" and prep.lower_ == "by" and any(
        g.dep_ == "pobj" and g.lower_ == "name" for g in prep.children)

def _preposition_cue(verb: Token, content: tuple[int, int], text: str) -> bool:
    """'called for X': the preposition belongs to the cue when it sits right before the content."""
    between = text[verb.idx + len(verb.text):content[0]].strip()
    return bool(between) and between.lower() in STANCE_PREPOSITIONS.get(cue_lemma(verb), ())

def _claim_object(verb: Token) -> Token | None:
    """The clause of a claim noun object: 'denied reports that X' -> X."""
    for obj in verb.children:
        if obj.dep_ == "dobj" and obj.lemma_.lower() in CLAIM_NOUNS:
            for c in obj.children:
                if c.dep_ in ("acl", "ccomp") and _marked_by(c, "that"):
                    return c
    return None

def _cited_origin(verb: Token) -> Token | None:
    """'..., Wire reported, citing harbour officials': the cited party is where the words came from."""
    nearby = list(verb.children)
    if verb.dep_ in ("ccomp", "advcl") and verb.head.i > verb.i:
        nearby += [c for c in verb.head.children if c.i > verb.i]  # the parse hung "citing" on the content
    for c in nearby:
        if c.dep_ in ("advcl", "xcomp", "conj") and c.lower_ == "citing" and _cites_a_party(c):
            return next((g for g in c.children if g.dep_ == "dobj"), None)
    return None

# named-entity kinds that can be the origin of words ("citing Reuters", "citing the interior ministry")
_PARTY_ENTITY_TYPES = ("PERSON", "ORG", "NORP", "GPE")

def _cites_a_party(citing: Token) -> bool:
    """'citing officials', 'citing a police report': a party or document passed the words on; 'citing low
    growth' gives a reason, which is a further report of the speaker's own."""
    obj = next((g for g in citing.children if g.dep_ == "dobj"), None)
    if obj is None:
        return False
    lemma = obj.lemma_.lower()
    return (obj.ent_type_ in _PARTY_ENTITY_TYPES or obj.pos_ == "PROPN" or lemma in DOCUMENT_NOUNS
            or obj.lower_ in DOCUMENT_NOUNS or lemma in GROUP_NOUNS or obj.lower_ in GROUP_NOUNS
            or lemma in ORG_NOUNS or lemma in PERSON_NOUNS or lemma in MEDIA_DESCRIPTOR_NOUNS)

def _content_of_inverted_parse(verb: Token) -> tuple[int, int] | None:
    """'X reported, citing officials, that Y': the parser made Y the head of 'reported'; Y is the content."""
    head = verb.head
    if verb.dep_ not in ("ccomp", "advcl") or head.i <= verb.i or head.pos_ not in ("VERB", "AUX"):
        return None
    mark = next((c for c in head.children if c.dep_ == "mark" and c.lower_ == "that" and c.i > verb.i), None)
    if mark is None:
        return None
    return _trimmed(verb.doc, mark.i, head.right_edge.i + 1)

def _is_as_clause(verb: Token) -> bool:
    """'As the mayor noted, ...', '..., as police have said': a reporting clause opened by 'as'."""
    return verb.dep_ == "advcl" and any(
        c.dep_ == "mark" and c.lower_ == "as" and c.i == verb.left_edge.i for c in verb.children)

def _as_clause_content(verb: Token) -> tuple[int, int] | None:
    """What an 'as X said' clause vouches for: the clause it hangs on, without the 'as' clause itself."""
    head = verb.head if verb.head.pos_ in ("VERB", "AUX") else sentence_of(verb).root  # misparse: hung on a noun
    lo, hi = _subtree_range(verb)
    start, end = _subtree_range(head)
    if lo <= start:
        return _trimmed(verb.doc, hi, end)
    if any(not t.is_punct and not t.is_space for t in verb.doc[hi:end]):
        return _trimmed(verb.doc, start, end)  # "The bridge, as she noted, is old": interrupted content
    return _trimmed(verb.doc, start, lo)

def _parataxis_content(verb: Token) -> tuple[int, int] | None:
    """'The plan failed, officials said.': the content is the rest of the sentence."""
    doc = verb.doc
    sent = sentence_of(verb)
    lo, hi = _subtree_range(verb)
    head = verb.head if verb.dep_ == "parataxis" else None
    if head is not None:
        start, end = head.left_edge.i, head.right_edge.i + 1
    else:
        start, end = sent.start, sent.end
    if lo <= start:
        return _trimmed(doc, hi, end)
    if any(not t.is_punct and not t.is_space for t in doc[hi:end]):
        # "The plan, he said, would fail": the cue interrupts the content, which spans both parts
        return _trimmed(doc, start, end)
    return _trimmed(doc, start, lo)

# the medium a report was issued in, right after the verb: "said in a statement", "wrote on Facebook"
# (the parser may hang the reported clause on it: "said in a statement that ...")
_CUE_MEDIA = {prep: frozenset(nouns.split()) for prep, nouns in
              (("in", "statement statements release"), ("on", "facebook twitter instagram"))}
# of those, the ones PolNeAR keeps in the cue clearly more often than not ("wrote on Facebook"); a statement
# and Twitter it splits about evenly, so the cue stays the verb there
_CUE_MEDIA_IN_CUE = frozenset(["facebook"])


def _medium_phrase(verb: Token) -> tuple[Token, Token] | None:
    """The 'in a statement' / 'on Facebook' phrase right after a reporting verb, as (preposition, noun)."""
    nxt = verb.doc[verb.i + 1] if verb.i + 1 < len(verb.doc) else None
    if nxt is None or nxt.head.i != verb.i or nxt.dep_ != "prep" or nxt.lower_ not in _CUE_MEDIA:
        return None
    noun = next((c for c in nxt.children if c.dep_ == "pobj"), None)
    if noun is None or noun.lower_ not in _CUE_MEDIA[nxt.lower_]:
        return None
    return nxt, noun


def _medium_end(verb: Token, content: tuple[int, int], cue_end: int) -> int:
    """Cue end taking in the medium after the verb ('said in a statement'), unless the content starts there."""
    phrase = _medium_phrase(verb)
    if phrase is None or cue_end > phrase[0].idx or phrase[1].lower_ not in _CUE_MEDIA_IN_CUE:
        return cue_end
    end = phrase[1].idx + len(phrase[1].text)
    if content[0] < end and content[1] > verb.idx:
        return cue_end
    return end


def _medium_clause(verb: Token) -> Token | None:
    """'said in a statement that X': the 'that' clause the parser hung on the statement noun."""
    phrase = _medium_phrase(verb)
    if phrase is None:
        return None
    return next((c for c in phrase[1].children if c.dep_ in ("acl", "ccomp", "relcl")
                 and _marked_by(c, "that")), None)
