"""Tokenising in linear time: spaCy's tokenizer, kept away from the inputs that make it quadratic.

spaCy strips prefixes and suffixes off a whitespace-free chunk one at a time and searches
the rest again, so a chunk made of thousands of quote marks, brackets or commas costs the
square of its length (8,000 quote marks: 5 s; a 100 KB run: minutes). Ordinary text never
has such chunks, so it goes to spaCy untouched. A chunk longer than `LONG_CHUNK` is cut at
the borders between runs of word characters and runs of punctuation; short runs are
tokenised by spaCy as usual, and a punctuation run longer than `PUNCT_PIECE` becomes
tokens of that many characters. The Doc's text is always exactly the input text.
"""
from __future__ import annotations

import re

from spacy.tokens import Doc

LONG_CHUNK = 48  # characters without whitespace; longer chunks (long URLs included) are cut into runs
PUNCT_PIECE = 24  # a longer run of punctuation becomes tokens of this many characters
WORD_PIECE = 1_000  # a word run shorter than this goes through spaCy's exceptions ("cannot" -> "can", "not")

_LONG = re.compile(r"\S{%d,}" % (LONG_CHUNK + 1))
_RUNS = re.compile(r"\w+|[^\w\s]+")


class BoundedTokenizer:
    """Wraps a spaCy tokenizer: the same tokens for ordinary text, linear time for any text."""

    def __init__(self, inner):
        self.inner = inner
        self.vocab = inner.vocab

    def __call__(self, text: str) -> Doc:
        if _LONG.search(text) is None:
            return self.inner(text)
        words: list[str] = []
        spaces: list[bool] = []
        pos = 0
        for chunk in _LONG.finditer(text):
            if chunk.start() > pos:
                self._add(self.inner(text[pos:chunk.start()]), words, spaces)
            for run in _RUNS.finditer(chunk.group()):
                self._add_run(run.group(), words, spaces)
            pos = chunk.end()
            if text.startswith(" ", pos):  # a single space after the chunk belongs to its last token
                spaces[-1] = True
                pos += 1
        if pos < len(text):
            self._add(self.inner(text[pos:]), words, spaces)
        return Doc(self.vocab, words=words, spaces=spaces)

    def _add_run(self, run: str, words: list[str], spaces: list[bool]) -> None:
        if run[0].isalnum() or run[0] == "_":
            if len(run) < WORD_PIECE:
                self._add(self.inner(run), words, spaces)
            else:
                words.append(run)
                spaces.append(False)
        elif len(run) <= PUNCT_PIECE:
            self._add(self.inner(run), words, spaces)
        else:
            for i in range(0, len(run), PUNCT_PIECE):
                words.append(run[i:i + PUNCT_PIECE])
                spaces.append(False)

    @staticmethod
    def _add(doc: Doc, words: list[str], spaces: list[bool]) -> None:
        for token in doc:
            words.append(token.text)
            spaces.append(bool(token.whitespace_))

    # spaCy serialises and pickles the tokenizer with the pipeline; the wrapped one stands in for it.
    def to_bytes(self, **kwargs):
        return self.inner.to_bytes(**kwargs)

    def from_bytes(self, data, **kwargs):
        self.inner.from_bytes(data, **kwargs)
        return self

    def to_disk(self, path, **kwargs):
        self.inner.to_disk(path, **kwargs)

    def from_disk(self, path, **kwargs):
        self.inner.from_disk(path, **kwargs)
        return self
