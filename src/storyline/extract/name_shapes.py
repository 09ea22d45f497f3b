"""The shape of a name: where a hyphenated name ends, and whether a name is an organism's.

spaCy cuts "Han Seo-jin" at the hyphen and types "Taenia solium" or "the Hendra virus"
as people; these checks read the tokens around a name. Word lists are in name_context.tsv.
"""
from __future__ import annotations

import re
from pathlib import Path

from spacy.tokens import Doc, Token
from wordfreq import zipf_frequency

from storyline.extract.spans import sentence_of

NAME_CONTEXT_PATH = Path(__file__).with_name("name_context.tsv")


def _load_name_context(path: Path = NAME_CONTEXT_PATH) -> dict[str, frozenset[str]]:
    """role -> words, from name_context.tsv."""
    roles: dict[str, set[str]] = {}
    with open(path, encoding="utf-8") as f:
        for line in f:
            if line.strip() and not line.startswith("#"):
                role, word = line.rstrip("\n").split("\t")[:2]
                roles.setdefault(role.strip(), set()).add(word.strip().lower())
    return {role: frozenset(words) for role, words in roles.items()}


_NAME_CONTEXT = _load_name_context()
ORGANISM_NOUNS = _NAME_CONTEXT["organism_noun"]
EPITHET_ENDINGS = tuple(sorted(_NAME_CONTEXT["epithet_ending"], key=len, reverse=True))
HYPHEN_MODIFIERS = _NAME_CONTEXT["hyphen_modifier"]
# A species word is rare in English ("solium" 1.5, "canis" 2.5 on wordfreq's Zipf scale); a
# word after a name that ends like one but is less rare ("vendetta" 3.2, "era" 4.7) is English.
# After an initial ("E. coli", 3.3) the shape says enough that a less rare word will do. A genus
# is rare too ("Giardia" 2.1, "Salmonella" 3.1), unlike the names of the famous ("Trump" 4.9).
EPITHET_MAX_ZIPF = 3.0
EPITHET_MAX_ZIPF_AFTER_INITIAL = 3.8
GENUS_MAX_ZIPF = 3.8
EPITHET_MIN_LENGTH = 4  # "da" in "Lula da Silva" is a particle, not a species
HYPHEN_PIECE_MAX_LENGTH = 6  # a romanised syllable: "in", "jong", "hsiung"; longer pieces are words


def whole_hyphenated(doc: Doc, start: int, end: int) -> int:
    """The end of a person's name that spaCy cut at a hyphen: 'Han Seo' or 'Han Seo-' -> 'Han Seo-jin'.

    The piece after the hyphen must be attached on both sides and be a name piece: capitalised
    ('Jean-Luc', unless NER starts another name there, as in 'Ruiz-Kim talks'), or a short lowercase
    syllable after a name of two words or more ('Choi Yu-na'), and not a word that makes the name a
    modifier ('Ruiz-led', 'Ortega-era')."""
    if end - start >= 3 and doc[end - 2].text == "-" and _hyphen_modifier(doc[end - 1]):
        return end - 2  # NER took "-era" in: "Joe Biden-era officials"
    if doc[end - 1].text == "-" and end - 1 > start:
        hyphen = end - 1
    elif end < len(doc) and doc[end].text == "-":
        hyphen = end
    else:
        return end
    before = doc[hyphen - 1]
    if hyphen + 1 >= len(doc) or before.whitespace_ or doc[hyphen].whitespace_ or not before.is_alpha:
        return hyphen if hyphen < end else end  # a dangling hyphen is no part of the name
    piece = doc[hyphen + 1]
    if not piece.is_alpha or piece.ent_iob_ == "B":
        return hyphen if hyphen < end else end
    after = doc[hyphen + 2] if hyphen + 2 < len(doc) else None
    if piece.is_title:
        # "a Ruiz-Kim rematch", "the Ruiz-Kim Debate": two names joined to modify a noun, not one
        # double-barrelled name
        ok = not (after is not None and after.is_lower and after.tag_ in ("NN", "NNS")
                  or start > 0 and doc[start - 1].tag_ == "DT")
    else:
        ok = (piece.is_lower and hyphen - 1 > start and len(piece.text) <= HYPHEN_PIECE_MAX_LENGTH
              and not _hyphen_modifier(piece))
    if not ok:
        return hyphen if hyphen < end else end
    return hyphen + 2


def _hyphen_modifier(token: Token) -> bool:
    """A word that, hyphened to a name, makes a modifier of it: 'led', 'era', 'loving' ('ling' is a syllable)."""
    word = token.lower_
    return token.is_lower and (word in HYPHEN_MODIFIERS or word.endswith("ed")
                               or word.endswith("ing") and len(word) > 4)


def is_latin_epithet(token: Token, after_initial: bool = False) -> bool:
    """A species word of a Latin binomial: lowercase, ending as Latin does, no verb, and rare in English
    even as the stem of a plural ('postpones', 'aides' are English). After an abbreviated genus
    ('E. coli') a less rare word will do."""
    word = token.text
    if not (word.isalpha() and word.islower() and len(word) >= EPITHET_MIN_LENGTH
            and word.endswith(EPITHET_ENDINGS)):
        return False
    if token.pos_ in ("VERB", "AUX"):
        return False
    if after_initial:
        return zipf_frequency(word, "en") < EPITHET_MAX_ZIPF_AFTER_INITIAL
    stems = [word[:-1]] if word.endswith("s") else []
    stems += [word[:-2]] if word.endswith("es") else []
    stems += [word[:-3] + "y"] if word.endswith("ies") else []
    return (zipf_frequency(word, "en") < EPITHET_MAX_ZIPF
            and all(zipf_frequency(stem, "en") < EPITHET_MAX_ZIPF for stem in stems))


def is_genus(token: Token) -> bool:
    """A capitalised word that may open a binomial: not a common English word ('Trump', 'Congress')."""
    return token.is_title and token.is_alpha and zipf_frequency(token.lower_, "en") < GENUS_MAX_ZIPF


_ABBREVIATED_GENUS = re.compile(r"[A-Z]\.")


def organism_end(doc: Doc, start: int, end: int) -> int | None:
    """The end of a name that names an organism or a disease, not a person; None when it does not.

    A Latin binomial ('Taenia solium', 'E. coli'; the species word is taken into the name when
    NER left it out), or a name right beside a word such as 'virus' or 'parasite' ('the Hendra
    virus', 'the parasite Toxocara'). Before the name such a word counts only when no verb follows
    the name, which would make it the subject of a clause of its own ('the virus Chen studied')."""
    first, last = doc[start], doc[end - 1]
    initial = bool(_ABBREVIATED_GENUS.fullmatch(first.text))
    if end - start == 2 and (initial or is_genus(first)) and is_latin_epithet(last, initial):
        return end
    if end - start == 1 and (initial or is_genus(first)) and end < len(doc) and first.whitespace_ == " " \
            and not doc[end].ent_type_ and is_latin_epithet(doc[end], initial):
        return end + 1
    sent = sentence_of(first)
    if end < sent.end and doc[end].lower_ in ORGANISM_NOUNS:
        return end
    if start > sent.start and doc[start - 1].lower_ in ORGANISM_NOUNS and (
            end >= sent.end or doc[end].pos_ not in ("VERB", "AUX")):
        return end
    return None
