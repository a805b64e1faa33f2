"""One document through the pipeline: nlp → actors → events. Pure: no I/O, no globals."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

from detente.nlp import sentences_of
from detente.types import CodedDocument, Document

# Documents handed to spaCy's nlp.pipe at once.
PIPE_BATCH_SIZE = 32


def code_parsed(document: Document, doc: Any) -> CodedDocument:
    """Build the coded document from a parsed spaCy Doc."""
    return CodedDocument(
        document=document, sentences=tuple(sentences_of(doc, document.doc_id)), coded=True
    )


def code_documents(documents: Iterable[Document], nlp: Any) -> Iterator[CodedDocument]:
    """Parse and code documents in batches; documents not in English are passed through uncoded."""
    batch: list[Document] = []
    for document in documents:
        if document.language != "en":
            yield from _code_batch(batch, nlp)
            batch = []
            yield CodedDocument(document=document, sentences=(), coded=False)
            continue
        batch.append(document)
        if len(batch) >= PIPE_BATCH_SIZE:
            yield from _code_batch(batch, nlp)
            batch = []
    yield from _code_batch(batch, nlp)


def _code_batch(batch: list[Document], nlp: Any) -> Iterator[CodedDocument]:
    texts = (d.text for d in batch)
    for document, doc in zip(batch, nlp.pipe(texts, batch_size=PIPE_BATCH_SIZE), strict=True):
        yield code_parsed(document, doc)
