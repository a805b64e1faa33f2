"""`detente import`: event files analysts already hold (GDELT 2.0, ICEWS, POLECAT) into the store.

Each record becomes an event of its origin: the story it came from becomes a document with no
text (its URL, publisher and file kept, `source` saying the origin), the event's coder version is
the origin's name, its evidence the record's text where it has one. Actor codes map to detente's
(CAMEO's old three-letter country codes to ISO, as the gold guidelines do), event codes through
the CAMEO table to root, quad class, Goldstein and PLOVER. A record that cannot be used is reported
with its file and line, and skipped. Importing the same file again replaces what it added.
"""

from __future__ import annotations

import csv
import hashlib
import json
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from detente.errors import E_RECORD, E_UNREADABLE, InputError, ValidationError
from detente.events.code import event_id
from detente.events.ontology import Ontology
from detente.formats import GDELT_COLUMNS, ICEWS_COLUMNS, Actors
from detente.types import CodedDocument, Document, Event, EventMention, Failure
from detente.validation import partial_date

FORMATS = ("gdelt", "icews", "polecat")
# CAMEO's country codes that differ from ISO 3166-1 alpha-3.
OLD_CAMEO = {"ROM": "ROU", "ZAR": "COD", "TMP": "TLS", "BYE": "BLR", "YUG": "SRB", "SER": "SRB"}


@dataclass(frozen=True, slots=True)
class Record:
    """One event record of any layout, in detente's terms."""

    line: int
    story: str  # what groups records into one document (a URL, a story id)
    key: str  # the record's own id in its layout
    date: str | None
    source: str
    source_sector: str | None
    target: str | None
    target_sector: str | None
    code: str
    url: str | None = None
    publisher: str | None = None
    evidence: str = ""


@dataclass(slots=True)
class ImportSummary:
    documents: int = 0
    events: int = 0
    failures: list[Failure] = field(default_factory=list)


def _actor(value: str | None, actors: Actors) -> str | None:
    code = (value or "").strip().upper()
    code = OLD_CAMEO.get(code, code)
    return code if code in actors.names else None


def _by_name(name: str | None, actors: Actors) -> str | None:
    wanted = (name or "").strip().lower()
    for code, known in actors.names.items():
        if known.lower() == wanted:
            return code
    return _actor(name, actors)


def _day(value: str) -> str | None:
    value = value.strip()
    if len(value) == 8 and value.isdigit():  # GDELT's YYYYMMDD
        return f"{value[:4]}-{value[4:6]}-{value[6:]}"
    return value or None


def gdelt_records(lines: Iterator[str], actors: Actors) -> Iterator[Record | tuple[int, str]]:
    for n, line in enumerate(lines, start=1):
        fields = line.rstrip("\n").split("\t")
        if len(fields) != len(GDELT_COLUMNS):
            yield n, f"{len(fields)} fields, GDELT 2.0 has {len(GDELT_COLUMNS)}"
            continue
        row = dict(zip(GDELT_COLUMNS, fields, strict=True))
        sides = []
        for prefix in ("Actor1", "Actor2"):
            code = (
                _actor(row[f"{prefix}CountryCode"], actors)
                or _actor(row[f"{prefix}KnownGroupCode"], actors)
                or _actor(row[f"{prefix}Code"][:3], actors)
            )
            sides.append((code, row[f"{prefix}Type1Code"] or None))
        (source, source_sector), (target, target_sector) = sides
        if source is None:
            yield n, f"no known actor in Actor1 ({row['Actor1Code']!r})"
            continue
        yield Record(
            n,
            row["SOURCEURL"] or f"line {n}",
            row["GLOBALEVENTID"],
            _day(row["SQLDATE"]),
            source,
            source_sector,
            target,
            target_sector,
            row["EventCode"],
            url=row["SOURCEURL"] or None,
        )


def icews_records(lines: Iterator[str], actors: Actors) -> Iterator[Record | tuple[int, str]]:
    reader = csv.DictReader(lines, delimiter="\t", quoting=csv.QUOTE_NONE)
    if reader.fieldnames is None or not {"CAMEO Code", "Source Name"} <= set(reader.fieldnames):
        yield 1, f"not an ICEWS header (expected {', '.join(ICEWS_COLUMNS[:4])}, ...)"
        return
    for n, row in enumerate(reader, start=2):
        source = _by_name(row.get("Source Name"), actors) or _by_name(
            row.get("Source Country"), actors
        )
        target = _by_name(row.get("Target Name"), actors) or _by_name(
            row.get("Target Country"), actors
        )
        if source is None:
            yield n, f"no known source actor ({row.get('Source Name')!r})"
            continue
        yield Record(
            n,
            row.get("Story ID") or f"line {n}",
            row.get("Event ID") or str(n),
            _day(row.get("Event Date") or ""),
            source,
            (row.get("Source Sectors") or "").split(",")[0].strip() or None,
            target,
            (row.get("Target Sectors") or "").split(",")[0].strip() or None,
            (row.get("CAMEO Code") or "").strip(),
            publisher=row.get("Publisher") or None,
        )


def polecat_records(lines: Iterator[str], actors: Actors) -> Iterator[Record | tuple[int, str]]:
    for n, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            item = json.loads(line)
        except json.JSONDecodeError as e:
            yield n, f"not JSON ({e.msg})"
            continue
        if not isinstance(item, dict):
            yield n, "not a JSON object"
            continue
        sides = []
        for role in ("actor", "recipient"):
            who = item.get(role) or {}
            if not isinstance(who, dict):  # a bare code
                who = {"code": str(who)}
            code = _actor(str(who.get("code") or ""), actors) or _actor(
                str(who.get("country") or ""), actors
            )
            sector = who.get("sector")
            sides.append((code, str(sector) if sector else None))
        (source, source_sector), (target, target_sector) = sides
        if source is None:
            yield n, "no known actor"
            continue
        yield Record(
            n,
            str(item.get("story_id") or f"line {n}"),
            str(item.get("event_id") or n),
            str(item["event_date"]) if item.get("event_date") is not None else None,
            source,
            source_sector,
            target,
            target_sector,
            str(item.get("cameo_code") or ""),
            url=item.get("url"),
            publisher=item.get("publisher"),
            evidence=str(item.get("event_text") or ""),
        )


READERS = {"gdelt": gdelt_records, "icews": icews_records, "polecat": polecat_records}


def _story_id(path: Path, story: str, fmt: str) -> str:
    key = f"{path.resolve()}|{story}"
    return f"{fmt}-{hashlib.sha256(key.encode('utf-8')).hexdigest()[:16]}"


def event_of(record: Record, doc_id: str, fmt: str, ontology: Ontology) -> Event | str:
    """The record as an event of its origin, or why it cannot be one."""
    entry = ontology.codes.get(record.code)
    if entry is None:
        return f"unknown CAMEO code {record.code!r}"
    try:
        partial_date(record.date, "date")
    except ValidationError as e:
        return e.reason
    return Event(
        doc_id=doc_id,
        event_id=event_id(doc_id, record.source, record.target, record.code, record.key),
        source=record.source,
        source_sector=record.source_sector,
        target=record.target,
        target_sector=record.target_sector,
        code=record.code,
        root=entry.root,
        quad_class=entry.quad_class,
        goldstein=entry.goldstein,
        plover=entry.plover,
        date=record.date,
        date_precision=None,
        date_source="document",
        trigger="",
        confidence=1.0,
        mentions=(EventMention(0, 0, 0, 0, 0, record.evidence),),
        lexicon_version=fmt,
        ontology_version=ontology.version,
        model_version=None,
    )


def coded_documents(
    path: Path, fmt: str, actors: Actors, ontology: Ontology
) -> tuple[list[CodedDocument], list[Failure]]:
    """Every story of one file as a document with no text and the events of its records."""
    failures: list[Failure] = []
    by_story: dict[str, list[Event]] = defaultdict(list)
    first: dict[str, Record] = {}
    try:
        with path.open(encoding="utf-8") as handle:
            for item in READERS[fmt](iter(handle), actors):
                if isinstance(item, tuple):
                    failures.append(_failure(path, *item))
                    continue
                doc_id = _story_id(path, item.story, fmt)
                event = event_of(item, doc_id, fmt, ontology)
                if isinstance(event, str):
                    failures.append(_failure(path, item.line, event))
                    continue
                by_story[doc_id].append(event)
                first.setdefault(doc_id, item)
    except (OSError, UnicodeDecodeError, csv.Error) as e:
        raise InputError(f"cannot read it ({e})", path=str(path), code=E_UNREADABLE) from e
    documents = []
    for doc_id, events in by_story.items():
        record = first[doc_id]
        unique = {e.event_id: e for e in events}
        document = Document(
            doc_id=doc_id,
            text="",
            raw_text="",
            published=min((e.date for e in events if e.date), default=None),
            source=record.publisher or fmt,
            url=record.url,
            path=str(path),
        )
        documents.append(
            CodedDocument(
                document=document, sentences=(), coded=False, events=tuple(unique.values())
            )
        )
    return documents, failures


def _failure(path: Path, line: int, message: str) -> Failure:
    return Failure(path=str(path), line=line, code=E_RECORD, message=f"skipped: {message}")
