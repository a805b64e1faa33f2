"""The partial parse: blanked sentences keep every offset, kept ones parse as in the whole text."""

from __future__ import annotations

import itertools
from typing import Any

import pytest

from detente.nlp import load_nlp, nonblank_sents, sentences_of, unparsed_sentences
from detente.nlp.partial import cheap_docs, parse_partially, partial_doc

TEXT = (
    "Net profit rose 12 pct to 40 mln dlrs in the first quarter.\n"
    "    Japan accused the United States of breaking the trade pact, officials said.\n\n"
    "Sales were flat at 300 mln dlrs. The dividend is unchanged.\n"
    "Tokyo threatened that it won't hesitate to retaliate against Washington."
)


@pytest.fixture(scope="module")
def nlp() -> Any:
    return load_nlp()


def test_blanking_keeps_white_space_and_offsets(nlp: Any) -> None:
    text = "One two.\nThree four. Five."
    (cheap,) = cheap_docs(nlp, [text], 8)
    keep = ["Three" in s.text for s in cheap.sents]
    doc = partial_doc(nlp, cheap, keep)
    assert doc.text == "".join(c if c.isspace() or 9 <= i < 20 else " " for i, c in enumerate(text))
    assert [t.text for t in doc if not t.is_space] == ["Three", "four", "."]


def test_every_sentence_kept_parses_as_the_whole_text(nlp: Any) -> None:
    (cheap,) = cheap_docs(nlp, [TEXT], 8)
    (doc,) = parse_partially(nlp, [cheap], [[True] * len(cheap.sents)], 8)
    whole = nlp(TEXT)
    assert [s.text for s in nonblank_sents(doc)] == [s.text for s in nonblank_sents(whole)]
    assert [(t.dep_, t.head.i, t.ent_type_) for t in doc] == [
        (t.dep_, t.head.i, t.ent_type_) for t in whole
    ]
    assert sentences_of(doc, "d") == sentences_of(whole, "d")
    assert [t.norm_ for t in doc] == [t.norm_ for t in whole]  # "n't" is "not" to the models
    assert unparsed_sentences(doc) == 0


def test_skipped_sentences_are_stored_but_not_parsed(nlp: Any) -> None:
    (cheap,) = cheap_docs(nlp, [TEXT], 8)
    keep = ["Japan" in s.text or "Tokyo" in s.text for s in cheap.sents]
    assert 0 < sum(keep) < len(keep)
    (doc,) = parse_partially(nlp, [cheap], [keep], 8)
    sentences = sentences_of(doc, "d")
    # Every sentence is there, in order, each with its own text at its own offsets, together
    # covering every word of the text.
    assert all(TEXT[s.start : s.end] == s.text for s in sentences)
    assert all(a.end <= b.start for a, b in itertools.pairwise(sentences))
    assert " ".join(s.text for s in sentences).split() == TEXT.split()
    assert [s.index for s in sentences] == list(range(len(sentences)))
    assert unparsed_sentences(doc) == len(keep) - sum(keep)
    # The kept ones are parsed, the others hold white space only.
    ents = {e.text for e in doc.ents}
    assert {"Japan", "Tokyo", "Washington"} <= ents
    assert not any("12" in e or "first quarter" in e for e in ents)
    sents = nonblank_sents(doc)
    assert len(sents) == len(sentences)
    blank = [
        s.text for s, span in zip(sentences, sents, strict=True) if all(t.is_space for t in span)
    ]
    assert blank == [c.text.strip() for c, kept in zip(cheap.sents, keep, strict=True) if not kept]
