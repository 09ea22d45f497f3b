"""Notes: what the author flags about the account itself: corrections, unknowns and conditionals.

Each note is a phrase pattern (kept as data below) matched over the text; the
note spans the sentence it is in, and points at the attribution in that
sentence when there is one. Background (habitual, statistical) events are
marked by `events.background_notes`, which needs the parse of each event.
"""
from __future__ import annotations

import bisect
import re

from spacy.tokens import Doc

from storyline.extract.spans import Ranges
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
    skip = Ranges(skip)
    # (offset, position in the list) of each content and trigger, to find the first one in a sentence by bisection
    contents = sorted((a.content.start, k) for k, a in enumerate(attributions))
    triggers = sorted((v.trigger.start, k) for k, v in enumerate(events))
    for sent in doc.sents:
        start, end = sent.start_char, sent.end_char
        while end > start and text[end - 1].isspace():
            end -= 1
        if end <= start or skip.containing(start) is not None:
            continue
        sentence = text[start:end]
        for kind, pattern in _COMPILED.items():
            if pattern.search(sentence):
                target = _first_within(attributions, contents, start, end)
                target = target.id if target is not None else None
                if not target:
                    target = _first_within(events, triggers, start, end)
                    target = target.id if target is not None else None
                notes.append(Note(type=kind, text=sentence, start=start, end=end, target=target))
    return notes


def _first_within(items: list, index: list[tuple[int, int]], start: int, end: int):
    """The first item (in list order) whose offset in `index` (sorted (offset, position)) lies in [start, end)."""
    lo, hi = bisect.bisect_left(index, (start, -1)), bisect.bisect_left(index, (end, -1))
    return items[min(k for _, k in index[lo:hi])] if hi > lo else None
