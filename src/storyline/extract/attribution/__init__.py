"""Attribution: who says so. Finds source, cue and content of every reported statement.

Constructions, each found from the dependency parse or the quote marks:
- direct quotes with the speaker before, after or around them, and quotes that
  continue over several sentences or paragraphs (`direct`, or `mixed` when a
  quote is only part of the content);
- indirect speech: a reporting verb with a clausal complement, with or without
  "that", or in parataxis ("..., officials said") (`indirect`);
- stance predicates: a copula with a stance adjective or role noun ("X is wary
  of Y", "X is a critic of Y") and a light verb with a stance noun ("X expressed
  concern about Y", "X took a swipe at Y") (`indirect`);
- "according to X" (`according_to`); impersonal and passive reports ("it was
  reported that", "X is said to") and "reportedly" (`reported`);
- relays into `via`: "quoted in X", "as quoted by X", "cited by X", "told X"
  when X is a news outlet, and an outlet that "reported" the whole sentence.
Sources that are not named entities ("officials", "CCTV footage", "the
military") become entities of kind group, document or organization.

Modules: `builder` (the collector and span helpers), `sources` (source phrases
and entities), `quotes`, `verbs` (reporting and stance verbs), `nouns` (reporting nouns),
`predicates` (stance adjectives, role nouns and light verbs), `impressions` ("appears to",
"consider X honest", "the sign read", "self-described"),
`phrases` ("according to", colon lines, "reportedly"), `headlines` (reports in
title-case lines, whose verbs the tagger takes for names), `signatures` (words
signed after a dash: pull quotes, embedded tweets), `relays` (via, nested
pronoun sources, speech time). Spans follow PolNeAR's conventions (a leading
"that" and quote marks stay in the content; cues take their auxiliaries).
"""
from __future__ import annotations

from spacy.tokens import Doc

from storyline.extract.attribution.builder import _Builder
from storyline.extract.attribution.headlines import _title_case_reports
from storyline.extract.attribution.impressions import (
    _judgments_and_inscriptions,
    _raising_verbs,
    _self_descriptions,
)
from storyline.extract.attribution.nouns import _reporting_nouns
from storyline.extract.attribution.phrases import (
    _according_to,
    _punctuation_reports,
    _reportedly,
)
from storyline.extract.attribution.predicates import _stance_predicates
from storyline.extract.attribution.quotes import _continuing_quotes
from storyline.extract.attribution.relays import (
    _cut_parallel_reports,
    _fold_nested_reports,
    _fold_outlet_reports,
    _nested_pronoun_sources,
    _speech_times,
)
from storyline.extract.attribution.signatures import _signed_words
from storyline.extract.attribution.sources import source_phrase
from storyline.extract.attribution.verbs import _reporting_verbs
from storyline.model import Attribution, Entity, Time

__all__ = ["extract_attributions", "source_phrase"]


def extract_attributions(
    doc: Doc, entities: list[Entity], times: list[Time] = (), skip: list[tuple[int, int]] = ()
) -> list[Attribution]:
    """Attributions in text order. Appends entities it creates for unnamed sources to `entities`.

    `skip` holds character ranges (captions, credits) where nothing is attributed.
    """
    b = _Builder(doc, entities, list(times), list(skip))
    _stance_predicates(b)  # first: it claims light verbs ("expressed concern about") from _reporting_verbs
    _reporting_verbs(b)
    _raising_verbs(b)
    _judgments_and_inscriptions(b)
    _self_descriptions(b)
    _according_to(b)
    _punctuation_reports(b)
    _title_case_reports(b)
    _signed_words(b)
    _reporting_nouns(b)
    _reportedly(b)
    _continuing_quotes(b)
    _fold_outlet_reports(b)
    _fold_nested_reports(b)
    _cut_parallel_reports(b)
    _nested_pronoun_sources(b)
    _speech_times(b)
    b.out.sort(key=lambda a: a.content.start)
    for i, a in enumerate(b.out, 1):
        a.id = f"a{i}"
    return b.out
