"""Notes: what the author flags about the account itself: corrections, unknowns and conditionals.

Each note is a phrase pattern (kept as data below) matched over the text; the
note spans the sentence it is in, and points at the attribution in that
sentence when there is one. Background (habitual, statistical) events are
marked by `events.background_notes`, which needs the parse of each event.
"""
from __future__ import annotations

import re

from spacy.tokens import Doc

from storyline.model import Attribution, Event, Note

NOTE_PATTERNS: dict[str, tuple[str, ...]] = {
    "correction": (
        r"contrary to (?:earlier|initial|previous|some) (?:reports?|accounts?|statements?|claims?)",
        r"an earlier version of this (?:article|story|report)",
        r"this (?:article|story|report) has been (?:corrected|updated|amended)",
        r"\bcorrection\s*:",
        r"\b(?:had )?(?:earlier|initially|previously|first) (?:said|reported|stated|claimed)\b[^.]{0,120}\bbut\b",
        r"\b(?:revised|corrected|updated) (?:its|their|his|her|the) (?:figure|toll|count|estimate|account|statement)",
        r"\bnot (?:as|like) (?:earlier|initially|previously) reported",
    ),
    "unknown": (
        r"\b(?:is|are|was|were|remains?|has|have) yet to be (?:established|determined|confirmed|identified|known|disclosed|verified)",
        r"\b(?:it )?(?:is|was|remains?) (?:still )?(?:unclear|unknown|not known|not clear)\b",
        r"\bcould not (?:be )?(?:independently )?(?:confirm|verif)",
        r"\bhas not been (?:independently )?(?:confirmed|verified)",
        r"\bwhether\b",
    ),
    "conditional": (
        r"^\s*(?:if|unless|should)\b[^.]{3,200}\b(?:would|could|might|will)\b",
        r"\bwould have (?:been|violated|breached|broken|had)\b",
    ),
}
_COMPILED = {kind: re.compile("|".join(f"(?:{p})" for p in pats), re.IGNORECASE) for kind, pats in NOTE_PATTERNS.items()}


def extract_notes(doc: Doc, attributions: list[Attribution] = (), skip: list[tuple[int, int]] = (),
                  events: list[Event] = ()) -> list[Note]:
    """One note per sentence and kind whose pattern matches, in text order.

    A note's target is the attribution whose content starts in its sentence, else the
    first event triggered there (what a correction corrects, what is unknown)."""
    notes = []
    text = doc.text
    for sent in doc.sents:
        start, end = sent.start_char, sent.end_char
        while end > start and text[end - 1].isspace():
            end -= 1
        if end <= start or any(s <= start < e for s, e in skip):
            continue
        sentence = text[start:end]
        for kind, pattern in _COMPILED.items():
            if pattern.search(sentence):
                target = next((a.id for a in attributions if start <= a.content.start < end), None) or next(
                    (v.id for v in events if start <= v.trigger.start < end), None)
                notes.append(Note(type=kind, text=sentence, start=start, end=end, target=target))
    return notes
