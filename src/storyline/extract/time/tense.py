"""Which way a time points from its reference date: read from the tense of the verb that governs it.

"past" or "future" decides the year of "March 3" and the week of a bare "Friday"; None means no
clue (plain present, or no verb found), and callers then lean to the past, as news mostly does.
"""
from __future__ import annotations

from storyline.extract.time import patterns as tp

Direction = str | None  # "past", "future" or None (no clue)

_FUTURE_AUX = {"will", "'ll", "ll", "shall", "wo", "sha"}
_PERFECT_AUX = {"has", "have", "'ve", "had", "'d"}
# words between a time and its verb that make the time a deadline or start, which may lie ahead
_OPEN_ENDED = {"to", "until", "till", "through", "by", "effective", "payable", "before", "starting", "beginning",
               "from", "due", "scheduled", "set", "expected", "next", "upcoming"}
_PRESENT_BE = {"is", "are", "am", "'s", "'re"}
_MODAL_AUX = {"would", "could", "might", "may", "should", "can", "must", "'d"}
_PLANNING_LEMMAS = {"plan", "expect", "schedule", "due", "set", "intend", "hope", "aim", "want", "agree", "promise",
                    "prepare", "vow", "pledge", "threaten", "seek", "likely", "poise", "slate"}


def verb_direction(verb, depth: int = 0) -> Direction:
    """Past or future from a verb's own tense and auxiliaries; None for plain present or modals."""
    auxes = [c for c in verb.children if c.dep_ in ("aux", "auxpass")]
    words = {c.lower_ for c in auxes}
    if words & _FUTURE_AUX:
        return "future"
    if verb.tag_ == "VB" and words & {"to", "going"}:
        # an infinitive looks ahead only under a verb of planning; else it takes its governor's tense
        if verb.head.lemma_ in _PLANNING_LEMMAS or "going" in words or verb.head.lemma_ == "go":
            return "future"
        governor = verb.head
        while governor.pos_ not in ("VERB", "AUX") and governor.head.i != governor.i and depth < 4:
            governor, depth = governor.head, depth + 1
        if governor.pos_ in ("VERB", "AUX") and governor.i != verb.i and depth < 4:
            return verb_direction(governor, depth + 1)
        return None
    if verb.tag_ == "VBD" or any(c.tag_ == "VBD" for c in auxes) or verb.tag_ == "VBN" and words & _PERFECT_AUX:
        return "past"
    if verb.tag_ == "VBG" and words & _PRESENT_BE:
        return "future"  # "talks are resuming Monday": the progressive schedules
    if verb.tag_ == "VBN" and not words:
        return "past"  # reduced clause: "quoted Tuesday"
    if words & _MODAL_AUX:
        return "future"  # "would meet Friday", "could come as soon as Tuesday"
    return None


def direction_in_doc(doc, start: int, end: int) -> Direction:
    """Direction of the verb governing doc.text[start:end], found by walking up the parse."""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or not len(span):
        return None
    token = span.root
    for _ in range(8):
        if token.pos_ in ("VERB", "AUX"):
            return verb_direction(token)
        if token.lower_ in _OPEN_ENDED or token.head.i == token.i:
            return None  # "payable Dec. 7", "extended to Nov. 20": a deadline may lie ahead of a past verb
        token = token.head
    return None


def direction_in_text(text: str, start: int, end: int) -> Direction:
    """Without a parse: future when the sentence around the time has a future cue, else no clue."""
    floor = max(0, start - 160)
    left = max([floor] + [text.rfind(c, floor, start) + 1 for c in ".!?\n"])
    rights = [i for i in (text.find(c, end, end + 80) for c in ".!?\n") if i >= 0]
    window = text[left:min(rights) if rights else end + 80]
    return "future" if tp.FUTURE_CUES.search(window) else None
