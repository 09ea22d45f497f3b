"""A guess at a report's language, from py3langid's character n-gram model, with English as the default.

The pipeline analyses only reports tagged "en" in full, so the guess leans to English where the
text leaves room for doubt: a short text (a headline, a caption) is English unless another
named language is plainly ahead, and text with no letters at all is English too. py3langid
scores byte n-grams, so repetitive English (one sentence many times, thousands of '"Yes," he
said.' quotes) stays English, where the function-word count this replaced called it foreign
(issue 11, item 5; benchmarks/language_id.py measures both).
"""
from __future__ import annotations

import re
import threading

SAMPLE_CHARS = 2000  # the opening of a report says enough about its language
SHORT_TEXT_WORDS = 20  # below this, English is assumed unless another language is plain
MIN_SHORT_WORDS = 3  # a word or two ("Hamburg", "Fiesta") never overturns English
SHORT_MIN_PROBABILITY = 0.5  # "plain" in a short text: that language's probability at least this...
SHORT_MIN_LEAD = 3.0  # ...and this many times English's (English headlines peak near 0.3 elsewhere)

# The languages guess_language names: those benchmarks/language_id.py measures (its corpus has
# texts in each). A text in any other Latin-script language is "und"; so is one in another script.
NAMED_LANGUAGES = frozenset({"en", "de", "fr", "es", "it", "nl", "pt", "pl", "sv", "tr"})
# py3langid labels left out of the model: regional languages that share most of their vocabulary
# with a named one and take short texts from it (Luxembourgish from German, Aragonese from Spanish,
# Occitan and Walloon from French). Labels that are not ISO 639-1 codes are left out as well.
MODEL_LEAVES_OUT = frozenset({"lb", "an", "oc", "wa"})
NO_LANGUAGE = "zxx"  # py3langid's label for text without linguistic content

_WORD = re.compile(r"[^\W\d_]+")
_LATIN_LETTER_MAX = 0x024F  # Basic Latin to Latin Extended-B

_identifier = None
_identifier_lock = threading.Lock()


def _model():
    """py3langid's bundled model, loaded once per process, restricted to ISO 639-1 labels."""
    global _identifier
    if _identifier is None:
        with _identifier_lock:
            if _identifier is None:
                from py3langid.langid import MODEL_FILE, LanguageIdentifier

                identifier = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
                identifier.set_languages([label for label in identifier.labels
                                          if len(label) == 2 and label not in MODEL_LEAVES_OUT]
                                         + [NO_LANGUAGE])
                _identifier = identifier
    return _identifier


def guess_language(text: str) -> str:
    """ISO 639-1 code of the text's language ("en", "de", ...), or "und" when unsure."""
    sample = text[:SAMPLE_CHARS]
    words = _WORD.findall(sample.lower())
    if not words:
        return "en"
    letters = "".join(words)
    if sum(1 for char in letters if ord(char) > _LATIN_LETTER_MAX) > len(letters) / 2:
        return "und"  # another script: none of the named languages
    ranking = _model().rank(sample)
    best, probability = ranking[0]
    if len(words) < SHORT_TEXT_WORDS:
        # Too little to tell: only a named language plainly ahead of English overturns the default.
        english = dict(ranking).get("en", 0.0)
        plainly_other = (best in NAMED_LANGUAGES and best != "en" and len(words) >= MIN_SHORT_WORDS
                         and probability >= SHORT_MIN_PROBABILITY and probability >= SHORT_MIN_LEAD * english)
        return best if plainly_other else "en"
    if best == NO_LANGUAGE:
        return "en"  # codes, numbers, markup with a few words: as text without letters
    return best if best in NAMED_LANGUAGES else "und"
