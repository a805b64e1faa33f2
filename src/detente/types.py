"""Frozen value types that flow through the pipeline: ingest → nlp → actors → events → store."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Document:
    """One article, cleaned, with its provenance.

    `published` keeps the precision the source gave (YYYY, YYYY-MM or YYYY-MM-DD);
    `published_inferred` says it was read off the text rather than given.
    """

    doc_id: str
    text: str
    raw_text: str
    title: str | None = None
    published: str | None = None
    published_inferred: bool = False
    source: str | None = None
    url: str | None = None
    path: str | None = None
    language: str = "en"


@dataclass(frozen=True, slots=True)
class Failure:
    """An input that could not be read: where it is, and why."""

    path: str
    message: str
    code: str
    line: int | None = None

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line is not None else self.path
        return f"{where}: [{self.code}] {self.message}"


@dataclass(frozen=True, slots=True)
class Sentence:
    """A sentence of a document, with its character offsets in `Document.text`."""

    doc_id: str
    index: int
    start: int
    end: int
    text: str


@dataclass(frozen=True, slots=True)
class Mention:
    """A span of a document resolved to an actor (and maybe a sector), and how it was resolved.

    `head` is the token index (in the document) of the phrase's head, which events point to.
    """

    doc_id: str
    sent_index: int
    start: int
    end: int
    text: str
    actor: str
    sector: str | None
    method: str
    head: int
    person: str | None = None


@dataclass(frozen=True, slots=True)
class EventMention:
    """Where a report of an event stands in a document: its sentence and character offsets."""

    sent_index: int
    start: int  # the evidence span (trigger and arguments) in the document text
    end: int
    trigger_start: int
    trigger_end: int
    evidence: str  # the sentence


@dataclass(frozen=True, slots=True)
class Event:
    """Who did what to whom, when: one event as one document reports it (maybe several times)."""

    doc_id: str
    event_id: str
    source: str
    source_sector: str | None
    target: str | None
    target_sector: str | None
    code: str
    root: str
    quad_class: int
    goldstein: float
    plover: str | None
    date: str | None
    date_precision: str | None
    date_source: str  # text | document | none
    trigger: str
    confidence: float
    mentions: tuple[EventMention, ...]
    lexicon_version: str
    ontology_version: str
    model_version: str | None = None  # the learned coder's, None for the rules alone
    prefilter_version: str | None = None  # the prefilter's that chose the parsed sentences

    @property
    def evidence(self) -> str:
        return self.mentions[0].evidence

    @property
    def start(self) -> int:
        return self.mentions[0].start

    @property
    def end(self) -> int:
        return self.mentions[0].end


@dataclass(frozen=True, slots=True)
class CodedDocument:
    """Everything the pipeline produced for one document, stored together or not at all.

    `coded` is false for a document that was stored but not parsed (not in English). A document
    whose coding failed carries the `failure` and is not stored.
    """

    document: Document
    sentences: tuple[Sentence, ...]
    coded: bool
    mentions: tuple[Mention, ...] = ()
    actors_version: str | None = None
    events: tuple[Event, ...] = ()
    failure: Failure | None = None
    unparsed: int = 0  # sentences the prefilter left out of the full pipeline
