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


def partial_doc(nlp: Any, cheap: CheapDoc, keep: Sequence[bool]) -> Any:
    """The blanked text as a Doc ready for the pipeline, made from the cheap pass's own tokens
    (the tokenizer does not run twice): each run of tokens of sentences not kept becomes one
    white-space token of the same length. Each run of kept sentences starts a sentence, so that
    the parser never joins two runs across a blank; within a run the parser draws the
    boundaries, as it does on the whole text."""
    from spacy.attrs import NORM
    from spacy.tokens import Doc

    source = cheap.doc
    text: str = source.text
    blank = [False] * len(source)
    for sent, kept in zip(cheap.sents, keep, strict=True):
        if not kept:
            blank[sent.start : sent.end] = [True] * (sent.end - sent.start)
    words: list[str] = []
    spaces: list[bool] = []
    norms: list[int | None] = []  # the kept tokens' norms; None for a run of blanks
    run: int | None = None  # where the current run of blanked tokens starts
    for token in source:
        if blank[token.i]:
            run = token.idx if run is None else run
            continue
        if run is not None:
            words.append(_blank(text[run : token.idx]))
            spaces.append(False)
            norms.append(None)
            run = None
        words.append(token.text)
        spaces.append(bool(token.whitespace_))
        norms.append(token.norm)
    if run is not None:
        words.append(_blank(text[run:]))
        spaces.append(False)
        norms.append(None)
    doc = Doc(nlp.vocab, words=words, spaces=spaces)
    # The tokenizer's special cases set some tokens' norms ("n't" → "not"); the models read them.
    if len(doc):
        values: Any = doc.to_array([NORM])
        for i, norm in enumerate(norms):
            if norm is not None:
                values[i] = norm
        doc.from_array([NORM], values)
    at = {token.idx: token for token in doc}
    for i, (sent, kept) in enumerate(zip(cheap.sents, keep, strict=True)):
        if kept and (i == 0 or not keep[i - 1]) and (first := at.get(sent.start_char)) is not None:
            first.is_sent_start = True
    doc.user_data[TEXT_KEY] = text
    doc.user_data[BOUNDS_KEY] = [
        (sent.start_char, sent.end_char)
        for sent, kept in zip(cheap.sents, keep, strict=True)
        if not kept
    ]
    return doc


def _blank(text: str) -> str:
    return "".join(c if c.isspace() else " " for c in text)


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
    nlp: Any, cheap: Sequence[CheapDoc], keep: Sequence[Sequence[bool]], batch_size: int
) -> Iterator[Any]:
    """Parse each text's kept sentences with the full pipeline; one Doc per text, in order."""
    docs = (partial_doc(nlp, c, k) for c, k in zip(cheap, keep, strict=True))
    for doc in nlp.pipe(docs, batch_size=batch_size):
        yield finish_partial(doc)
