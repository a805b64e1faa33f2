"""Parsing part of a document: a cheap pass splits every sentence, the full pipeline parses only
the sentences chosen.

The cheap pass is the tokenizer and spaCy's `senter` (about 2 % of the full pipeline's time). The
sentences not chosen are blanked out of the text (each character but white space becomes a space,
so every offset stays where it was), and the full pipeline parses the blanked text: a run of
blanks is one white-space token, which costs next to nothing.

The parsed Doc knows every sentence of the document, parsed or not, in order: within a run of
kept sentences the parser draws the boundaries (as it would on the whole text), a blanked sentence
keeps the cheap pass's and is a span of white space, holding no mention and no event.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from detente.nlp.pipeline import BOUNDS_KEY, SENTS_KEY, TEXT_KEY, UNPARSED_KEY

SENTER = "senter"


@dataclass(frozen=True, slots=True)
class CheapDoc:
    """A document after the cheap pass: its tokens and its non-blank sentences."""

    doc: Any  # a spaCy Doc with tokens and sentence starts only
    sents: tuple[Any, ...]  # its non-blank sentences (spans), in order

    @property
    def bounds(self) -> list[tuple[int, int]]:
        return [(s.start_char, s.end_char) for s in self.sents]


def cheap_docs(nlp: Any, texts: Iterable[str], batch_size: int) -> Iterator[CheapDoc]:
    """Tokenize and split each text into sentences with the `senter` component alone."""
    senter = nlp.get_pipe(SENTER)
    for doc in senter.pipe((nlp.make_doc(t) for t in texts), batch_size=batch_size):
        yield CheapDoc(doc, tuple(s for s in doc.sents if s.text.strip()))


def blanked(text: str, bounds: Sequence[tuple[int, int]], keep: Sequence[bool]) -> str:
    """The text with the sentences not kept turned to spaces; white space and offsets unchanged."""
    chars = list(text)
    for (start, end), kept in zip(bounds, keep, strict=True):
        if not kept:
            for i in range(start, end):
                if not chars[i].isspace():
                    chars[i] = " "
    return "".join(chars)


def partial_doc(
    nlp: Any, text: str, bounds: Sequence[tuple[int, int]], keep: Sequence[bool]
) -> Any:
    """The tokenized blanked text, ready for the pipeline. Each run of kept sentences starts a
    sentence, so that the parser never joins two runs across a blank; within a run the parser
    draws the boundaries, as it does on the whole text."""
    doc = nlp.make_doc(blanked(text, bounds, keep))
    at = {token.idx: token for token in doc}
    for i, ((start, _), kept) in enumerate(zip(bounds, keep, strict=True)):
        if kept and (i == 0 or not keep[i - 1]) and (first := at.get(start)) is not None:
            first.is_sent_start = True
    doc.user_data[TEXT_KEY] = text
    blanks = [bound for bound, kept in zip(bounds, keep, strict=True) if not kept]
    doc.user_data[BOUNDS_KEY] = blanks
    return doc


def finish_partial(doc: Any) -> Any:
    """After the pipeline: the document's sentences in order, those the parser drew in the kept
    runs and the blanked ones of the cheap pass, as spans and as (start, end) in the text."""
    found: list[tuple[int, int, Any]] = []
    for start, end in doc.user_data[BOUNDS_KEY]:  # the blanked sentences
        found.append((start, end, doc.char_span(start, end, alignment_mode="expand")))
    for sent in doc.sents:  # the parsed ones, without the blanks the parser attached to them
        raw = sent.text
        if raw.strip():
            first = sent.start_char + (len(raw) - len(raw.lstrip()))
            found.append((first, sent.start_char + len(raw.rstrip()), sent))
    found.sort(key=lambda f: f[0])
    doc.user_data[UNPARSED_KEY] = len(doc.user_data[BOUNDS_KEY])
    doc.user_data[BOUNDS_KEY] = [(start, end) for start, end, _ in found]
    doc.user_data[SENTS_KEY] = [span for _, _, span in found]
    return doc


def parse_partially(
    nlp: Any,
    texts: Sequence[str],
    cheap: Sequence[CheapDoc],
    keep: Sequence[Sequence[bool]],
    batch_size: int,
) -> Iterator[Any]:
    """Parse each text's kept sentences with the full pipeline; one Doc per text, in order."""
    docs = (
        partial_doc(nlp, text, c.bounds, k) for text, c, k in zip(texts, cheap, keep, strict=True)
    )
    for doc in nlp.pipe(docs, batch_size=batch_size):
        yield finish_partial(doc)
