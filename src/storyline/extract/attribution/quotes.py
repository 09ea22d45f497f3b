"""Direct and mixed quotes: which quote a reporting verb introduces or closes, how far the content reaches
around it (the quote resumed after the speaker, the phrase a quoted fragment sits in), and quotes that continue."""
from __future__ import annotations

import bisect
import re

from spacy.tokens import Doc, Token

from storyline.extract.attribution.builder import (
    _Builder,
    _inside,
    _span,
    _subject,
    _subtree_range,
    _trimmed,
)
from storyline.extract.lexicon import (
    REPORTING_VERBS,
)
from storyline.extract.spans import sentence_of

# quote marks, straight, curly and TeX-style
_MARKS = ('"', "“", "”", "''", "``")

def _quote_near(b: _Builder, verb: Token, source: Token | None) -> tuple[int, int] | None:
    """The direct quote a reporting verb closes ('"...," Holt said') or opens ('Holt said: "..."').

    Before the verb, only the speaker may stand between quote and verb; after it,
    only a comma or colon (or the speaker, in 'said Holt: "..."').
    """
    text = b.text
    verb_end = verb.idx + len(verb.text)
    best, best_gap = None, None
    quotes = b.quotes  # in text order, not overlapping: only those within 400 characters of the verb can do
    for k in range(quotes.first_reaching(verb.idx - 400), len(quotes)):
        q = quotes[k]
        if q[0] > verb_end + 400:
            break
        if q in b.used_quotes or q[0] <= verb.idx < q[1]:
            continue
        if q[1] <= verb.idx:
            if q[1] < verb.idx - 400 or source is not None and source.idx < q[0]:
                continue  # 'admires Holt as a "strong leader," comparing her': the speaker comes first
            gap = text[q[1]:verb.idx]
            if not _speaker_gap(gap, q[1], _quote_speaker(b, verb, q, source), before=True,
                                opens=_opens_sentence(text, q[0])):
                continue
            distance = verb.idx - q[1]
            if text[q[0]:q[1]].rstrip("\"”'’ ").endswith((".", "!", "?")):
                distance += 2 * len(text)  # a finished sentence: 'Holt says, "..."' takes the quote after it
        else:
            if q[0] > verb_end + 400:
                continue
            gap = text[verb_end:q[0]]
            if not (_speaker_gap(gap, verb_end, source, before=False)
                    or _listener_gap(gap) and verb_end + gap.rfind(":") < sentence_of(verb).end_char):
                continue
            distance = q[0] - verb_end + len(text)  # a quote before the verb wins: '"...," she said, "..."'
        if best_gap is None or distance < best_gap:
            best, best_gap = q, distance
    return best

def _quote_speaker(b: _Builder, verb: Token, quote: tuple[int, int], source: Token | None) -> Token | None:
    """The speaker of a quote that closes with its verb: the parse's subject, or, when the parser took a
    word inside the quote for the subject ('"We will win," Chief Ann Holt said'), the phrase between."""
    if source is None or not (quote[0] <= source.idx < quote[1]) or quote[1] > verb.idx:
        return source
    gap = b.doc.char_span(quote[1], verb.idx, alignment_mode="contract")
    words = [t for t in gap or () if not (t.is_punct or t.is_space)]
    if not words or len(words) > 12 or any(t.pos_ in ("VERB", "AUX") and not t.is_title for t in words):
        return source  # (a capitalised "verb" is a name the parser misread: 'Tulsa police chief')
    roots = [t for t in words if not (gap.start <= t.head.i < gap.end) and t.pos_ in ("NOUN", "PROPN", "PRON")]
    return roots[0] if len(roots) == 1 else source

def _governed_quote(b: _Builder, verb: Token) -> tuple[int, int] | None:
    """A quote in the verb's own phrase: 'called the plan "a disaster"', 'described it as "fair"'."""
    lo = verb.idx
    hi = verb.right_edge.idx + len(verb.right_edge.text) + 2
    for q in b.quotes.from_index(b.quotes.first_from(lo + 1)):
        if q[0] >= hi:
            break
        if q in b.used_quotes or not (lo < q[0] and q[1] <= hi):
            continue
        inner = b.doc.char_span(q[0], q[1], alignment_mode="expand")
        if inner is None:
            continue
        # the quote must hang off this verb, not off a clause with its own reporting verb (which, coming
        # before this quote, comes before every later one too)
        if any(t.lemma_.lower() in REPORTING_VERBS and t.pos_ == "VERB" and t.i != verb.i
               and t.i > verb.i and t.idx < q[0] for t in verb.subtree):
            return None
        return q
    return None

def _speaker_gap(gap: str, gap_start: int, source: Token | None, before: bool, opens: bool = False) -> bool:
    """Whether the text between a quote and its verb holds nothing but punctuation and the speaker.

    `opens` says that a quote before the verb opens its sentence: then words the parser left out of the
    speaker's phrase may come first ('"...," Tulsa police Chief Ann Holt said')."""
    if any(mark in gap for mark in _MARKS):
        return False
    bare = gap.strip(" \n,:;—–-")
    if not bare:
        return "\n\n" not in gap or (not before and gap.strip() == ":")  # 'Cruz continued:' then the quote
    if "\n\n" in gap:
        return False
    if source is None or not (gap_start <= source.idx < gap_start + len(gap)):
        return False
    if before:
        # '"...," Ann Holt, a spokeswoman for the mayor, said': the gap opens with the speaker's phrase
        # (not '"premium" just to be sure ... as we saw')
        between = source.doc.char_span(gap_start, gap_start + len(gap), alignment_mode="contract")
        leading = [t for t in between or () if t.i < source.left_edge.i and not (t.is_punct or t.is_space)]
        if between is None or len(bare.split()) > 30:
            return False
        return not leading or opens and not _SENTENCE_END.search(gap) and all(
            (t.pos_ in _NAME_PARTS or t.pos_ == "VERB" and t.is_title) and t.ent_type_ not in ("DATE", "TIME")
            for t in leading)
    return len(bare.split()) <= 8 and gap.rstrip().endswith((",", ":"))

# word classes that may stand before the speaker's head word when the parser split a title or name
# ('Tulsa police Chief Ann Holt said')
_NAME_PARTS = frozenset("PROPN NOUN ADJ".split())

# a sentence ending inside a gap and the next one starting
_SENTENCE_END = re.compile(r"[.!?][\"”’)]*\s+[A-Z]")

def _listener_gap(gap: str) -> bool:
    """'told reporters: "..."', 'said on Monday: "..."': a short phrase after the verb, then a colon."""
    head, _, tail = gap.rpartition(":")
    if not _ or tail.strip() or "\n" in head or any(mark in gap for mark in _MARKS):
        return False
    return len(head.split()) <= 25  # 'reported after the agency left the scene:' then a block quote

def _is_quote_content(b: _Builder, content: tuple[int, int]) -> str:
    """'direct' when the content is one quote, 'mixed' when it contains one, else 'indirect'."""
    text = b.text[content[0]:content[1]]
    if text.startswith(('"', "“", "``", "''")) and text.endswith(('"', "”", "''")):
        return "direct"  # one quote, or a quote split by its speaker ('"...," she said, "..."')
    # the first quote (in text order) that holds the content, or that opens inside it
    # (quotes do not overlap, so their ends are in order too)
    holding = b.quotes.first_reaching(content[1] - 1)
    if holding < len(b.quotes) and b.quotes[holding][0] > content[0] + 1:
        holding = len(b.quotes)
    opening = b.quotes.first_from(content[0])
    if opening < len(b.quotes) and b.quotes[opening][0] >= content[1]:
        opening = len(b.quotes)
    if holding < len(b.quotes) and holding <= opening:
        return "direct"
    if opening < len(b.quotes):
        return "mixed"  # a quote that opens inside the content; the builder extends it to the close
    return "indirect"

def _quote_in_clause(doc: Doc, quote: tuple[int, int], content_head: Token | None) -> tuple[int, int]:
    """A quote that is only part of the reported clause takes in the rest of it:
    'said that "X" despite Y' -> 'that "X" despite Y' (a clause wholly inside the quote adds nothing)."""
    if content_head is None:
        return quote
    clause = _trimmed(doc, *_subtree_range(content_head))
    if clause is None or clause[1] <= quote[0] or clause[0] >= quote[1]:
        return quote
    return min(clause[0], quote[0]), max(clause[1], quote[1])

# what may join a quote to the one its speaker interrupts it with: '"A," she said, but "B"'
_CONJUNCTION_GAP = re.compile(r"[ \t]*,?[ \t]*(?:and|but)(?:[ \t]+(?:still|also|then|yet))?[ \t]*")

def _quote_resumed_after(b: _Builder, verb: Token, quote: tuple[int, int]) -> tuple[int, int] | None:
    """The rest of a quote its speaker interrupts: '"...," she said, "..."', or that goes on in the
    next sentence ('"...," she said. "..."'). PolNeAR annotates both as one discontinuous content,
    so the content spans from the first mark to the last."""
    if quote[1] > verb.idx:
        return None
    verb_end = verb.idx + len(verb.text)
    last = verb.right_edge
    while last.i > verb.i and last.is_punct:  # the parser may hang the next quote's opening mark here
        last = last.doc[last.i - 1]
    clause_end = last.idx + len(last.text)
    for q in b.quotes.from_index(b.quotes.first_from(verb_end)):
        if q[0] < verb_end or q in b.used_quotes:
            continue
        if _has_own_verb(b, q):
            return None  # '"A," she said. "B," he said.': B is someone's own quote
        gap = b.text[verb_end:q[0]]
        between = b.doc.char_span(verb_end, q[0], alignment_mode="contract")
        if (gap.rstrip().endswith(",") and len(gap.split()) <= 8 and "\n" not in gap
                and between is not None and not any(t.pos_ in ("VERB", "AUX") and not _participle_of(t, verb)
                                                    for t in between)):
            return q  # '..., Girard told a news conference, "..."', '..., Holt said, referring to the plan, "..."'
        if _CONJUNCTION_GAP.fullmatch(gap):
            return q  # '"...," she said, but "..."', '..., she said, and still "..."'
        if q[0] >= clause_end and b.text[clause_end:q[0]].strip() in (",", ":", "", "."):
            return q
        return None
    return None

def _participle_of(token: Token, verb: Token) -> bool:
    """'said, referring to the plan,': a participle that only adds to the reporting verb."""
    return token.tag_ in ("VBG", "VBN") and token.head.i == verb.i and token.lemma_.lower() not in REPORTING_VERBS

def _has_own_verb(b: _Builder, quote: tuple[int, int]) -> bool:
    """Whether a reporting verb follows the quote in its sentence ('"...," Holt said')."""
    after = b.doc.char_span(quote[1], min(len(b.text), quote[1] + 80), alignment_mode="contract")
    for t in after if after is not None else ():
        if t.text in (".", "!", "?", ";") or "\n" in t.text:
            break
        if t.pos_ == "VERB" and t.lemma_.lower() in REPORTING_VERBS:
            return True
    return False

def _continuing_quotes(b: _Builder) -> None:
    """A quote standing alone right after an attributed one continues the same speaker."""
    if not b.out:
        return
    by_end = sorted((a for a in b.out if a.type == "direct"), key=lambda a: a.content.end)
    ends = [a.content.end for a in by_end]
    for q in b.quotes:
        if q in b.used_quotes or q[1] - q[0] < 20:
            continue
        k = bisect.bisect_right(ends, q[0]) - 1  # the last one ending by the quote's start
        if k < 0 or q[0] - ends[k] >= 400:
            continue
        last = by_end[k]
        between = b.text[last.content.end:q[0]]
        if b.quotes.overlaps(last.content.end, q[0]):
            continue
        if len(between.strip(" \n,.")) > 80 or not _opens_sentence(b.text, q[0]) or _has_own_verb(b, q):
            continue  # ('"A," Ort said. "B" to save money, she said': B is the next speaker's)
        b.used_quotes.add(q)
        b.out.append(last.model_copy(update={
            "id": f"a{len(b.out) + 1}", "content": _span(b.text, *q), "via": list(last.via),
        }))

def _opens_sentence(text: str, pos: int) -> bool:
    """Whether only a sentence end, a colon or a line break comes before `pos`: a quote that stands alone,
    not one inside a sentence ('called it a "good story"')."""
    before = text[max(0, pos - 40):pos].rstrip(" \t\xa0")  # a bounded look-back keeps this constant-time
    return not before or before.endswith(("\n", ".", "!", "?", ":", '"', "”", "''", "—", "–"))

def _quote_content(b: _Builder, verb: Token, quote: tuple[int, int], content_head: Token | None) -> tuple[int, int]:
    """What a reporting verb with a quote reports: the quote with its resumption after the speaker
    ('"A," she said, "B"'), with the words the speaker interrupts ('So when X, Holt said, "we were floored."'),
    the phrase that embeds it ('reported "2,521 incidents" in the city'), or the clause around it."""
    b.used_quotes.add(quote)
    clause = _quote_in_clause(b.doc, quote, content_head)
    if quote[1] <= verb.idx:  # a quote the verb closes ends with its marks: what follows is the speaker
        clause = clause[0], quote[1]
    following = _quote_resumed_after(b, verb, quote)
    if following is not None:
        b.used_quotes.add(following)
        return clause[0], following[1]  # 'Mills "got immunity," Jordan said, and still "sat in"'
    lead = _interrupted_lead(b, verb, quote)
    if lead is not None:
        return lead, quote[1]
    phrase = _phrase_around_quote(b, verb, quote) if content_head is None else None
    return phrase or clause

def _interrupted_lead(b: _Builder, verb: Token, quote: tuple[int, int]) -> int | None:
    """Start of the words before the speaker when a quote after the verb finishes their sentence:
    'So when the deal came, Holt said, "we were floored."' (the quote opens in lower case)."""
    verb_end = verb.idx + len(verb.text)
    if quote[0] < verb_end or b.text[verb_end:quote[0]].strip() != ",":
        return None
    inner = b.text[quote[0]:quote[1]].lstrip("\"“'`‘ ")
    if not inner[:1].islower():
        return None  # 'Holt said, "We were floored."': the quote is a sentence of its own
    subject = next((c for c in verb.lefts if c.dep_ in ("nsubj", "nsubjpass")), None)
    if subject is None:
        return None
    sent_start = sentence_of(verb).start_char
    lead = b.text[sent_start:subject.left_edge.idx]
    words = lead.strip(" \n")
    if not words.endswith(",") or len(words) < 3 or any(m in lead for m in _MARKS):
        return None
    return sent_start + len(lead) - len(lead.lstrip(" \n"))

def _introduced_quote(b: _Builder, verb: Token) -> tuple[int, int] | None:
    """The quote a colon right after the verb introduces ('Holt said: "..."'), which is what it reports."""
    end = verb.idx + len(verb.text)
    colon = b.text[end:end + 3].lstrip(" ")
    if not colon.startswith(":"):
        return None
    start = end + b.text[end:end + 3].index(":") + 1
    k = bisect.bisect_left(b.quotes, (start, -1))
    quote = b.quotes[k] if k < len(b.quotes) else None
    if quote is None or b.text[start:quote[0]].strip(" \t") or quote in b.used_quotes:
        return None
    return quote

# dependencies of a verb's right children that carry what it reports (objects, complements, clauses)
_PHRASE_DEPS = frozenset("dobj ccomp xcomp oprd attr acomp advcl prep dative npadvmod".split())

def _phrase_around_quote(b: _Builder, verb: Token, quote: tuple[int, int]) -> tuple[int, int] | None:
    """The verb's phrase that a quote sits inside ('tweeted that Ort was "rude" and "a fraud"',
    'reported "2,521 incidents" in the city', 'called for pay to be "clawed back"'), when the quote is
    embedded in it, not introduced as the speaker's words ('said: "..."', 'said, "..."')."""
    verb_end = verb.idx + len(verb.text)
    gap = b.text[verb_end:quote[0]]
    if quote[0] < verb_end or gap.rstrip().endswith((",", ":")) or "\n" in gap:
        return None
    doc = b.doc
    words = [t for t in doc.char_span(*quote, alignment_mode="expand") or () if not (t.is_punct or t.is_space)]
    if not words:
        return None
    def holds_quote(t: Token | None) -> bool:
        return t is not None and t.left_edge.i <= words[0].i and words[-1].i <= t.right_edge.i

    for child in verb.rights:
        if child.dep_ not in _PHRASE_DEPS or not holds_quote(child):
            continue
        if child.dep_ == "prep":  # 'called for X': the preposition stays with the cue
            child = next((g for g in child.children if g.dep_ in ("pobj", "pcomp")), None)
            if not holds_quote(child):
                return None
        start, end = _subtree_range(child)
        for c in child.rights:  # '... and encouraged voters to ...': another act of the speaker's, not the report
            if (c.dep_ == "conj" and c.pos_ in ("VERB", "AUX") and c.idx >= quote[1]
                    and not any(g.dep_ in ("nsubj", "nsubjpass", "mark") for g in c.children)):
                end = c.left_edge.i
                while end > start and (doc[end - 1].dep_ == "cc" or doc[end - 1].is_punct):
                    end -= 1
                break
        if child.head.i == verb.i:
            for c in verb.rights:  # 'called him "a genius" for his tax plans'
                if c.i > child.i and c.dep_ == "prep" and c.lower_ in _STANCE_OBJECT_PREPOSITIONS:
                    end = max(end, c.right_edge.i + 1)
        phrase = _trimmed(doc, start, end)
        if phrase is None:
            return None
        phrase = min(phrase[0], quote[0]), max(phrase[1], quote[1])
        if not gap.strip() and not _embedded(words, quote):
            return None  # 'said "we will win" at the rally': the quote is all the verb reports
        return phrase
    return None

# dependencies of a word after a quote that complete a word inside it ('"Ort exaggerates" the cost')
_CORE_ARGUMENTS = frozenset("dobj attr oprd acomp ccomp xcomp dative".split())

def _embedded(words: list[Token], quote: tuple[int, int]) -> bool:
    """Whether a quote right after its verb is part of a larger phrase: a quoted noun phrase with words
    after it ('reported "2,521 incidents" in the city'), or quoted words whose object follows the marks."""
    inside = {t.i for t in words}
    if not any(t.pos_ in ("VERB", "AUX") for t in words):
        return True
    return any(c.i not in inside and c.idx >= quote[1] and c.dep_ in _CORE_ARGUMENTS
               for t in words for c in t.children)

# prepositions whose phrase after a quoted object still belongs to what was said ('"a genius" for X')
_STANCE_OBJECT_PREPOSITIONS = frozenset("for of as over about against".split())

def _joined_with_quotes(b: _Builder, verb: Token, content: tuple[int, int]) -> tuple[int, int]:
    """A content found from the parse, aligned with the quotes around it: a content the parse cut short
    inside a quote becomes the whole quote, and one before the verb takes in the quote that resumes it
    after the speaker ('The summit did "too little," he added. "Europe risks a lot."')."""
    quote = _inside(content[0], b.quotes)
    snapped = quote is not None and content[1] <= quote[1] and not b.text[quote[0]:content[0]].strip("\"“'`‘ \n")
    if snapped:
        content = quote  # 'Scott said, "I could have written it. ..."': the parse kept one sentence
    introduced = _introduced_quote(b, verb)
    if content[1] <= verb.idx and introduced is not None:
        b.used_quotes.add(introduced)  # 'The vote will be close, Holt said: "We need every seat."'
        return introduced
    if content[1] <= verb.idx:
        following = _quote_resumed_after(b, verb, content)
        if following is not None:
            b.used_quotes.add(following)
            content = content[0], following[1]
    elif snapped and quote[0] >= verb.idx + len(verb.text):
        opening = _quote_near(b, verb, _subject(verb))
        if opening is not None and opening[1] <= verb.idx and _quote_resumed_after(b, verb, opening) == quote:
            b.used_quotes.add(opening)  # '"A," Scott said, "B."' where the parse took B alone
            content = opening[0], quote[1]
    if snapped:
        b.used_quotes.add(quote)
    return _without_setting(b, content)

# nouns naming the occasion or medium of a statement ('in an interview', 'on Wednesday's show', 'in a Facebook
# post'): a phrase headed by one at the end of a content says where the words were said, not what was said
_SETTING_NOUNS = frozenset("interview statement post tweet op-ed broadcast show appearance briefing email e-mail "
                           "message podcast radio television tv remarks editorial column memo release segment "
                           "episode blog condition".split())
# prepositions that introduce such an occasion
_SETTING_PREPOSITIONS = frozenset("in on at during via".split())

def _without_setting(b: _Builder, content: tuple[int, int]) -> tuple[int, int]:
    """A content without a closing phrase naming where it was said ('Ort said the plan "works" in an interview
    on Sunday' -> 'the plan "works"'): the occasion belongs to the report, not to its content."""
    span = b.doc.char_span(*content, alignment_mode="expand")
    if span is None or len(span) < 4:
        return content
    quoted_end = b.quotes.last_end_within(content[0], content[1])
    if quoted_end is None:
        return content  # in a paraphrase the phrase may tell where the reported act took place
    for t in span[2:]:
        if t.idx < quoted_end or t.dep_ != "prep" or t.lower_ not in _SETTING_PREPOSITIONS:
            continue
        noun = next((c for c in t.children if c.dep_ == "pobj"), None)
        if noun is None or noun.lemma_.lower() not in _SETTING_NOUNS:
            continue
        rest = b.doc[t.i:span.end]
        if len(rest) > 14 or any(r.pos_ in ("VERB", "AUX") or r.is_quote for r in rest):
            continue  # a clause or another quote after the occasion: the phrase is not a closing one
        stop = t.i
        while (stop > span.start and b.doc[stop - 1].ent_type_ in ("DATE", "TIME")
               and b.doc[stop - 1].idx >= quoted_end):
            stop -= 1  # '"a disgrace" Wednesday on the show': the day, too, dates the report
        cut = _trimmed(b.doc, span.start, stop)
        if cut is not None and cut[1] > content[0]:
            return content[0], cut[1]
        return content
    return content
