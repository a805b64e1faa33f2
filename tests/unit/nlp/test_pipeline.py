"""The tokenizer rule added to the pipeline, on a blank English pipeline (no model)."""

from __future__ import annotations

import spacy

from detente.nlp.pipeline import _split_abbreviation_hyphens


def test_pipeline_splits_names_joined_after_an_abbreviation() -> None:
    nlp = spacy.blank("en")
    _split_abbreviation_hyphens(nlp)
    words = [t.text for t in nlp("the U.K.-Irish accord and a well-known rule")]
    assert words == [
        "the",
        "U.K.",
        "-",
        "Irish",
        "accord",
        "and",
        "a",
        "well",
        "-",
        "known",
        "rule",
    ]
