"""The rows a coded document adds to the store, by table, in the store's column order.

This is the one conversion from the pipeline's values to stored rows: `detente ingest` writes them
into DuckDB, `detente batch` into Parquet (locally or from Spark executors).
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from datetime import UTC, datetime
from typing import Any

from detente._version import __version__
from detente.types import CodedDocument, Event, Mention

# The tables a document's rows go into, children first (the order deletes go in).
DOCUMENT_TABLES = ("event_mentions", "events", "mentions", "sentences", "documents")


def content_hash(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def first_day(published: str | None) -> str | None:
    """YYYY, YYYY-MM or YYYY-MM-DD as the first day it covers (None stays None)."""
    if not published:
        return None
    parts = published.split("-")
    return "-".join(parts + ["01"] * (3 - len(parts)))


def document_row(coded: CodedDocument, now: datetime) -> list[Any]:
    doc = coded.document
    return [
        doc.doc_id,
        doc.title,
        doc.published,
        first_day(doc.published),
        doc.published_inferred,
        doc.source,
        doc.url,
        doc.path,
        doc.language,
        content_hash(doc.text),
        doc.raw_text,
        doc.text,
        len(coded.sentences),
        coded.coded,
        __version__,
        now,
        coded.actors_version,
    ]


def mention_row(m: Mention) -> list[Any]:
    return [
        m.doc_id,
        m.sent_index,
        m.start,
        m.end,
        m.text,
        m.actor,
        m.sector,
        m.method,
        m.head,
        m.person,
    ]


def event_row(e: Event) -> list[Any]:
    return [
        e.doc_id,
        e.event_id,
        e.source,
        e.source_sector,
        e.target,
        e.target_sector,
        e.code,
        e.root,
        e.quad_class,
        e.goldstein,
        e.plover,
        e.date,
        first_day(e.date),
        e.date_precision,
        e.date_source,
        e.trigger,
        e.confidence,
        e.mentions[0].sent_index,
        e.start,
        e.end,
        e.evidence,
        len(e.mentions),
        e.lexicon_version,
        e.ontology_version,
        __version__,
        None,  # merged_id: set by the cross-document merge after writing
        None,  # sort_key: set by store.duckdb.assign_sort_keys() after writing
        e.model_version,
        e.prefilter_version,
    ]


def coded_rows(coded: CodedDocument, now: datetime) -> dict[str, list[list[Any]]]:
    """Every row one coded document adds, by table in insertion order (a table may get none)."""
    return {
        "documents": [document_row(coded, now)],
        "sentences": [[s.doc_id, s.index, s.start, s.end, s.text] for s in coded.sentences],
        "mentions": [mention_row(m) for m in coded.mentions],
        "events": [event_row(e) for e in coded.events],
        "event_mentions": [
            [e.doc_id, e.event_id, m.sent_index, m.start, m.end, m.trigger_start, m.trigger_end]
            for e in coded.events
            for m in e.mentions
        ],
    }


def utc_now() -> datetime:
    """The time stamp of a write (`ingested_at`), naive UTC as the store keeps it."""
    return datetime.now(UTC).replace(tzinfo=None)


def table_rows(batch: Sequence[CodedDocument]) -> dict[str, list[list[Any]]]:
    """Every row a batch of coded documents adds, by table, in insertion order."""
    now = utc_now()
    rows: dict[str, list[list[Any]]] = {t: [] for t in reversed(DOCUMENT_TABLES)}
    for coded in batch:
        for table, added in coded_rows(coded, now).items():
            rows[table] += added
    return {table: table_rows for table, table_rows in rows.items() if table_rows}
