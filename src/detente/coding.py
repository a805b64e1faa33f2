"""One document through the pipeline: nlp → actors → events. Pure: no I/O, no globals."""

from __future__ import annotations

import logging
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from detente.actors import ActorModel, load_actor_model, mentions_of
from detente.config import CoderSpec
from detente.errors import E_CODING
from detente.events.code import EventContext, assemble, propose
from detente.events.lexicon import Lexicon, load_lexicon
from detente.events.model import EventModel, decide, load_model
from detente.events.ontology import Ontology, load_ontology
from detente.events.prefilter import Cues, Prefilter, chosen, cues_of, load_prefilter, sentence_rows
from detente.nlp import load_nlp, sentences_of, unparsed_sentences
from detente.nlp.partial import cheap_docs, parse_partially
from detente.types import CodedDocument, Document, Event, Failure, Mention

log = logging.getLogger(__name__)

# The `event_model` setting that turns the learned coder off.
RULES_ONLY = "rules"
# The `prefilter` setting that parses every sentence.
NO_PREFILTER = "off"
# Documents handed to spaCy's nlp.pipe at once.
PIPE_BATCH_SIZE = 32


@dataclass(frozen=True, slots=True)
class Coder:
    """What coding needs, loaded once per process: the pipeline and the actor model."""

    nlp: Any
    actors: ActorModel
    lexicon: Lexicon
    ontology: Ontology
    events: EventModel | None = None  # the learned coder; None: the rules alone
    prefilter: Prefilter | None = None  # which sentences to parse; None: all of them
    cues: Cues | None = None  # what the prefilter looks up


@lru_cache(maxsize=2)
def load_coder(spec: CoderSpec) -> Coder:
    """The coder of this process (each worker process loads its own once)."""
    nlp = load_nlp(spec.model)
    actors = load_actor_model(nlp, spec.actor_files)
    lexicon = load_lexicon()
    return Coder(
        nlp=nlp,
        actors=actors,
        lexicon=lexicon,
        ontology=load_ontology(),
        events=None if spec.event_model == RULES_ONLY else load_model(spec.event_model or None),
        prefilter=None
        if spec.prefilter == NO_PREFILTER
        else load_prefilter(spec.prefilter or None),
        cues=cues_of(nlp, actors.gazetteer, lexicon, actors.state_codes),
    )


def check_files(spec: CoderSpec) -> None:
    """Read the learned coder's and the prefilter's files (no spaCy): a bad one is a DataError
    here, before worker processes that would each fail on it are started."""
    if spec.event_model != RULES_ONLY:
        load_model(spec.event_model or None)
    if spec.prefilter != NO_PREFILTER:
        load_prefilter(spec.prefilter or None)


def code_parsed(document: Document, doc: Any, coder: Coder) -> CodedDocument:
    """Build the coded document from a parsed spaCy Doc."""
    mentions = mentions_of(doc, document, coder.actors)
    context = EventContext(
        document.doc_id,
        document.published,
        coder.lexicon,
        coder.ontology,
        coder.actors.state_codes,
        coder.events.version if coder.events is not None else None,
        coder.prefilter.version if coder.prefilter is not None else None,
    )
    return CodedDocument(
        document=document,
        sentences=tuple(sentences_of(doc, document.doc_id)),
        coded=True,
        mentions=tuple(mentions),
        actors_version=coder.actors.data.version,
        events=tuple(code_events(doc, mentions, context, coder)),
        unparsed=unparsed_sentences(doc),
    )


def code_events(
    doc: Any, mentions: Sequence[Mention], context: EventContext, coder: Coder
) -> list[Event]:
    """The rules propose, the learned coder (when there is one) judges and completes, and the
    proposals are assembled into events."""
    proposals = propose(doc, mentions, context)
    if coder.events is not None:
        proposals = decide(coder.events, doc, mentions, proposals, coder.lexicon)
    return assemble(proposals, context)


def code_documents(documents: Iterable[Document], coder: Coder) -> Iterator[CodedDocument]:
    """Parse and code documents in batches; documents not in English are passed through uncoded."""
    batch: list[Document] = []
    for document in documents:
        if document.language != "en":
            yield from _code_batch(batch, coder)
            batch = []
            yield CodedDocument(document=document, sentences=(), coded=False)
            continue
        batch.append(document)
        if len(batch) >= PIPE_BATCH_SIZE:
            yield from _code_batch(batch, coder)
            batch = []
    yield from _code_batch(batch, coder)


def parse(texts: Sequence[str], coder: Coder) -> Iterator[Any]:
    """The texts through the pipeline: whole, or (with a prefilter) only the sentences that may
    hold an event (see `nlp/partial.py` and `events/prefilter.py`)."""
    if coder.prefilter is None or coder.cues is None:
        yield from coder.nlp.pipe(texts, batch_size=PIPE_BATCH_SIZE)
        return
    cheap = list(cheap_docs(coder.nlp, texts, PIPE_BATCH_SIZE))
    threshold = coder.prefilter.threshold
    keep = [
        chosen(coder.prefilter.probabilities(sentence_rows(c.doc, c.sents, coder.cues)), threshold)
        for c in cheap
    ]
    yield from parse_partially(coder.nlp, cheap, keep, PIPE_BATCH_SIZE)


def _code_batch(batch: list[Document], coder: Coder) -> Iterator[CodedDocument]:
    texts = [d.text for d in batch]
    for document, doc in zip(batch, parse(texts, coder), strict=True):
        try:
            yield code_parsed(document, doc, coder)
        except Exception as e:  # a coder bug costs this document, never the run
            log.exception("coding failed on %s", document.path or document.doc_id)
            yield failed(document, e)


def failed(document: Document, error: Exception) -> CodedDocument:
    """A document that could not be coded: it carries the failure and is not stored."""
    return CodedDocument(
        document=document,
        sentences=(),
        coded=False,
        failure=Failure(
            path=document.path or document.doc_id,
            code=E_CODING,
            message=f"coding failed ({type(error).__name__}: {str(error)[:200]}); not stored",
        ),
    )
