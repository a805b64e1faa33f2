"""`detente eval`: code a gold file's documents in a temporary store and score them."""

from __future__ import annotations

import tempfile
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from detente.coding import Coder, code_documents, load_coder
from detente.config import Settings
from detente.evaluation.gold import GoldDocument, load_gold
from detente.evaluation.score import Report, Scored, Tally, score_document
from detente.ingest.build import Metadata, make_document
from detente.store import open_store
from detente.types import Document

__all__ = ["Evaluation", "evaluate", "gold_documents", "igo_codes"]


@dataclass(frozen=True, slots=True)
class Evaluation:
    report: Report
    actors: Tally  # gold sources and targets found among their document's resolved mentions

    def as_dict(self) -> dict[str, Any]:
        out = self.report.as_dict()
        out["actors"] = {**self.actors.as_dict(), "p": None, "f1": None}
        return out


def _gold_scored(doc: GoldDocument, plover_of: dict[str, str | None]) -> list[Scored]:
    return [
        Scored(
            e.source,
            e.target,
            e.code,
            e.plover or (plover_of.get(e.code) if e.code else None),
            e.source_sector,
            e.target_sector,
            e.date,
            e.evidence,
        )
        for e in doc.events
    ]


def _coded_scored(rows: list[dict[str, Any]]) -> list[Scored]:
    return [
        Scored(
            r["source"],
            r["target"],
            r["code"],
            r["plover"],
            r["source_sector"],
            r["target_sector"],
            r["date"],
            r["evidence"],
        )
        for r in rows
    ]


def _actor_recall(doc: GoldDocument, actors: set[str], igo: frozenset[str]) -> tuple[int, int]:
    wanted = [a for e in doc.events for a in (e.source, e.target) if a]
    found = sum(a in actors or (a == "IGO" and bool(actors & igo)) for a in wanted)
    return found, len(wanted)


def igo_codes(coder: Coder) -> frozenset[str]:
    """The codes of international organisations: a gold `IGO` matches any of them."""
    return frozenset(e.code for e in coder.actors.data.entities if e.kind == "igo")


def gold_documents(gold: Sequence[GoldDocument], path: str, *, max_chars: int) -> list[Document]:
    """The gold file's documents as ingest makes them (each dated by its `published`)."""
    return [
        make_document(
            g.text,
            Metadata(doc_id=g.doc_id, title=g.title, published=g.published),
            path=path,
            line=i,
            max_chars=max_chars,
        )
        for i, g in enumerate(gold, start=1)
    ]


def evaluate(gold_path: str, *, settings: Settings, min_confidence: float = 0.0) -> Evaluation:
    """Score the coder on a gold file (each document dated by its `published`), counting only
    events at least `min_confidence` confident."""
    gold = load_gold(gold_path)
    coder = load_coder(settings.coder)
    igo = igo_codes(coder)
    plover_of = {code: entry.plover for code, entry in coder.ontology.codes.items()}
    documents = gold_documents(gold, gold_path, max_chars=settings.max_doc_chars)
    report = Report(plover_file=any(e.plover and not e.code for g in gold for e in g.events))
    actors = Tally()
    with tempfile.TemporaryDirectory() as tmp, open_store(str(Path(tmp) / "eval.duckdb")) as store:
        for coded in code_documents(documents, coder):
            store.write(coded)
        events: dict[str, list[dict[str, Any]]] = defaultdict(list)
        rows = store.query(
            "SELECT * FROM events WHERE confidence >= ? ORDER BY doc_id, start_char",
            [min_confidence],
        )
        for row in rows:
            events[row["doc_id"]].append(row)
        mentioned: dict[str, set[str]] = defaultdict(set)
        for row in store.query("SELECT doc_id, actor FROM mentions"):
            mentioned[row["doc_id"]].add(row["actor"])
    for doc in gold:
        coded_events = _coded_scored(events[doc.doc_id])
        score_document(
            report,
            doc.doc_id,
            _gold_scored(doc, plover_of),
            coded_events,
            igo,
            _sentence,
        )
        found, wanted = _actor_recall(doc, mentioned[doc.doc_id], igo)
        actors.add(found, 0, wanted)
    return Evaluation(report=report, actors=actors)


# Longest evidence shown in an error list.
MAX_EVIDENCE_CHARS = 400


def _sentence(event: Scored) -> str | None:
    """The gold evidence, or the coded event's sentence, cut to a readable length."""
    text = event.evidence
    return (
        text if text is None or len(text) < MAX_EVIDENCE_CHARS else text[:MAX_EVIDENCE_CHARS] + "…"
    )
