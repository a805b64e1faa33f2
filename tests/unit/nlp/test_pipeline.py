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


def test_sentence_offsets_leave_out_a_paragraph_break() -> None:
    import spacy

    from detente.nlp.pipeline import sentences_of

    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    text = "Russia met Belarus.\n\nThen Ukraine protested."
    first, second = sentences_of(nlp(text), "d")
    assert first.text == "Russia met Belarus."
    assert text[first.start : first.end] == first.text
    assert text[second.start : second.end] == "Then Ukraine protested."
