"""A fast guess at a report's language from how often it uses each language's function words."""
from __future__ import annotations

import re
from collections import Counter

SAMPLE_CHARS = 2000  # the opening of a report says enough about its language
SHORT_TEXT_WORDS = 20  # below this, English is assumed unless another language is plain
SHORT_MIN_SCORE = 1.5  # "plain" in a short text: a few of that language's own function words
MIN_SHARE = 0.10  # function words are a third of running text; a tenth is the least we trust
MIN_LEAD = 1.5  # how far the best language must score ahead of the runner-up
MIN_CLEAR_SCORE, CLEAR_LEAD = 5, 3  # ...or, in text poor in function words, a lone clear winner
MIN_DISTINCT = 5  # distinct function words a guess rests on: one homograph ("dan") is not a language

# The commonest function words of each language; words shared by several languages count
# for each of them in proportion (see _WEIGHTS), so sharing needs no special cases.
FUNCTION_WORDS = {
    "en": "the a and of to in is that it was for on are with as his her they be at by this had from but "
          "not have were which their has said been will would who an its after he she we or you your "
          "can more about there if what when out up into than them could also over",
    "de": "der die und das ist nicht ein eine zu den mit sich auf dem des von für auch es im wurde sind "
          "werden bei nach wie noch aus einer hat dass oder aber vor über sie er wir",
    "fr": "le la les et des est une un du que qui dans pour pas sur au avec ce il elle sont par plus ont "
          "mais été aux cette ses son nous leur de en",
    "es": "el la los las y que en del se por un una con para es su al lo como más pero sus fue ha este "
          "esta ya han también entre desde de",
    "it": "il di che la e per un una del della non sono con è le si gli da dei nel alla anche più ha come "
          "ma questo delle lo degli",
    "pt": "o a os as de que e do da em um uma para com não no na por dos das se mais foi ao como mas ele "
          "ela são também pelo pela",
    "nl": "de het een en van in is dat op te met voor zijn niet aan er die ook als bij om maar dan wordt "
          "door naar heeft nog was werd uit",
}

_LISTS = {language: frozenset(words.split()) for language, words in FUNCTION_WORDS.items()}
_SHARED_BY = Counter(word for words in _LISTS.values() for word in words)
_WEIGHTS = {
    language: {word: 1 / _SHARED_BY[word] for word in words} for language, words in _LISTS.items()
}
_WORD = re.compile(r"[^\W\d_]+")
_LATIN_LETTER_MAX = 0x024F  # Basic Latin to Latin Extended-B


def guess_language(text: str) -> str:
    """ISO 639-1 code of the text's language ("en", "de", ...), or "und" when unsure."""
    words = _WORD.findall(text[:SAMPLE_CHARS].lower())
    if not words:
        return "en"
    letters = "".join(words)
    if sum(1 for char in letters if ord(char) > _LATIN_LETTER_MAX) > len(letters) / 2:
        return "und"  # another script: none of the listed languages
    counts = Counter(words)
    scores, distinct = {}, {}
    for language, weights in _WEIGHTS.items():
        found = [word for word in weights if word in counts]
        scores[language] = sum(weights[word] * counts[word] for word in found)
        distinct[language] = len(found)
    best, runner_up = sorted(scores, key=scores.get, reverse=True)[:2]
    if len(words) < SHORT_TEXT_WORDS:
        # Too little to tell: only a clear lead over English overturns the default.
        plainly_other = (best != "en" and distinct[best] >= 2 and scores[best] >= SHORT_MIN_SCORE
                         and scores[best] >= 2 * scores["en"] and scores[best] >= MIN_LEAD * scores[runner_up])
        return best if plainly_other else "en"
    if distinct[best] < min(MIN_DISTINCT, 1 + len(words) // 10):  # fewer words, fewer kinds
        return "und"
    if scores[best] >= MIN_SHARE * len(words) and scores[best] >= MIN_LEAD * scores[runner_up]:
        return best
    if scores[best] >= MIN_CLEAR_SCORE and scores[best] >= CLEAR_LEAD * scores[runner_up]:
        return best  # few function words (tables, lists, names), but only one language's
    return "und"
