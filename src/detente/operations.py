"""The library calls under each command: ingest, list, page, analyse, export, import. The public
handle (`detente.open`, library.py) wraps them; every face calls the handle."""

from __future__ import annotations

import logging
import re
import time
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from detente.analysis.remerge import remerge
from detente.coding import code_documents, load_coder
from detente.config import Settings
from detente.errors import ValidationError
from detente.formats import Actors
from detente.importing import ImportSummary, coded_documents
from detente.ingest import ReadOptions, read_inputs, unique_documents
from detente.parallel import batches, code_in_parallel, workers_for
from detente.store import Store, open_store
from detente.store.duckdb import announce_writer, let_readers_in
from detente.store.rows import content_hash, first_day
from detente.types import CodedDocument, Document, Failure
from detente.validation import actor_code, partial_date, period, probability

if TYPE_CHECKING:
    from detente.analysis.multivector import Leaning
    from detente.analysis.network import Brokerage, Edge
    from detente.analysis.profile import Profile

log = logging.getLogger(__name__)


@dataclass(slots=True)
class IngestSummary:
    """What one ingest run did. Mutable while the run counts; returned when it ends."""

    added: int = 0
    updated: int = 0
    skipped: int = 0
    not_coded: int = 0
    sentences: int = 0
    unparsed: int = 0  # sentences the prefilter judged could hold no event
    words: int = 0
    seconds: float = 0.0
    startup_seconds: float = 0.0  # loading the model (in every worker)
    failures: list[Failure] = field(default_factory=list)
    stored_before: set[str] = field(default_factory=set, repr=False)

    @property
    def failed(self) -> int:
        return len(self.failures)

    def as_dict(self) -> dict[str, Any]:
        return {
            "added": self.added,
            "updated": self.updated,
            "skipped": self.skipped,
            "failed": self.failed,
            "not_coded": self.not_coded,
            "sentences": self.sentences,
            "unparsed_sentences": self.unparsed,
            "words": self.words,
            "seconds": round(self.seconds, 2),
            "startup_seconds": round(self.startup_seconds, 2),
        }

    def count(self, coded: CodedDocument) -> None:
        doc_id = coded.document.doc_id
        self.updated += doc_id in self.stored_before
        self.added += doc_id not in self.stored_before
        self.not_coded += not coded.coded
        self.sentences += len(coded.sentences)
        self.unparsed += coded.unparsed
        self.words += len(coded.document.text.split())


def _reader(settings: Settings) -> Store:
    """The store, read-only, waiting while a writer holds it (up to `settings.busy_timeout`)."""
    return open_store(settings.db, read_only=True, wait=settings.busy_timeout)


def _writer(settings: Settings) -> Store:
    """The store, writable, waiting while readers hold it (up to `settings.busy_timeout`)."""
    return open_store(settings.db, wait=settings.busy_timeout)


# Documents whose stored versions are looked up together (memory stays bounded by this, not by
# the store's size).
LOOKUP_CHUNK = 256


def _new_documents(
    items: Iterable[Document | Failure],
    hashes_of: Callable[[list[str]], dict[str, str]],
    summary: IngestSummary,
    *,
    force: bool,
) -> Iterator[Document]:
    """Documents that need coding; failures and unchanged documents are counted and dropped.
    `hashes_of(ids)` gives the stored content hash of those of `ids` that are stored."""

    def failed(failure: Failure) -> None:
        log.warning("%s", failure)
        summary.failures.append(failure)

    def repeated(_: Document) -> None:
        summary.skipped += 1

    on_repeat = None if force else repeated
    unique = unique_documents(items, on_failure=failed, on_repeat=on_repeat)
    for chunk in batches(unique, LOOKUP_CHUNK):
        stored_hashes = hashes_of([d.doc_id for d in chunk])
        for item in chunk:
            stored = stored_hashes.get(item.doc_id)
            if stored == content_hash(item.text) and not force:
                summary.skipped += 1
                continue
            if stored is not None:
                summary.stored_before.add(item.doc_id)
            yield item


def ingest(
    paths: Iterable[str],
    *,
    settings: Settings,
    date: str | None = None,
    force: bool = False,
    on_document: Callable[[], None] | None = None,
) -> IngestSummary:
    """Read, clean, parse and store every document under `paths` into `settings.db`.

    A document whose content is already stored is skipped unless `force`. Each document is
    written in one transaction. Bad inputs are counted in `failures`; the run goes on.
    """
    started = time.perf_counter()
    paths = list(paths)
    summary = IngestSummary()
    opts = ReadOptions(
        default_date=date,
        max_chars=settings.max_doc_chars,
        max_decompressed_bytes=settings.max_decompressed_bytes,
    )
    with announce_writer(settings.db):
        # Short write transactions: the store is open only to read what is stored, to write each
        # batch and to merge, so that readers (detente serve) get in between.
        _writer(settings).close()  # creates or migrates the store, or fails before any work

        def hashes_of(ids: list[str]) -> dict[str, str]:
            with _writer(settings) as store:
                return store.stored_hashes(ids)

        todo = _new_documents(read_inputs(paths, opts), hashes_of, summary, force=force)
        coded_batches = code_in_parallel(
            todo,
            settings.coder,
            workers=workers_for(paths, settings.workers),
            on_started=lambda seconds: setattr(summary, "startup_seconds", seconds),
        )
        for batch in coded_batches:
            good = [c for c in batch if c.failure is None]
            with _writer(settings) as store:
                store.write_many(good)
            let_readers_in(settings.db)
            summary.failures += [c.failure for c in batch if c.failure is not None]
            for coded in good:
                summary.count(coded)
            for _ in batch:
                if on_document:
                    on_document()
        if summary.added or summary.updated:
            with _writer(settings) as store:
                remerge(store.con)
    summary.seconds = time.perf_counter() - started
    return summary


DOCUMENT_COLUMNS = (
    "doc_id, title, published, published_inferred, language, source, url, path, "
    "n_sentences, coded, length(text) AS chars"
)


_DOCUMENTS_SQL = (
    f"SELECT {DOCUMENT_COLUMNS} FROM documents ORDER BY published_date NULLS LAST, doc_id"  # noqa: S608 (fixed column list)
)


def list_documents(*, settings: Settings) -> list[dict[str, Any]]:
    """Every stored document's metadata (not its text), oldest first, undated last."""
    with _reader(settings) as store:
        return store.query(_DOCUMENTS_SQL)


def page_documents(
    *, settings: Settings, limit: int = 50, offset: int = 0
) -> tuple[int, list[dict[str, Any]]]:
    """One page of `list_documents`, with each document's event count, and how many there are."""
    with _reader(settings) as store:
        row = store.con.execute("SELECT count(*) FROM documents").fetchone()
        rows = store.query(
            f"SELECT {DOCUMENT_COLUMNS}, coalesce(n.events, 0) AS events FROM documents "  # noqa: S608 (fixed text)
            "LEFT JOIN (SELECT doc_id, count(*) AS events FROM events GROUP BY doc_id) n "
            "USING (doc_id) ORDER BY published_date NULLS LAST, doc_id LIMIT ? OFFSET ?",
            [limit, offset],
        )
    return (int(row[0]) if row else 0), rows


def get_document(doc_id: str, *, settings: Settings) -> dict[str, Any] | None:
    """One stored document with its text and sentences, or None."""
    with _reader(settings) as store:
        rows = store.query("SELECT * FROM documents WHERE doc_id = ?", [doc_id])
        if not rows:
            return None
        document = rows[0]
        document["sentences"] = store.query(
            "SELECT sent_index, start_char, end_char, text FROM sentences "
            "WHERE doc_id = ? ORDER BY sent_index",
            [doc_id],
        )
        return document


MENTION_COLUMNS = (
    "doc_id, sent_index, start_char AS start, end_char AS end, text, actor, sector, method, person"
)


def list_mentions(*, settings: Settings, doc_id: str | None = None) -> list[dict[str, Any]]:
    """Stored actor mentions, in document and text order; of one document when `doc_id` is given."""
    where, params = ("WHERE doc_id = ?", [doc_id]) if doc_id else ("", [])
    with _reader(settings) as store:
        return store.query(
            f"SELECT {MENTION_COLUMNS} FROM mentions {where} "  # noqa: S608 (fixed text)
            "ORDER BY doc_id, start_char",
            params,
        )


EVENT_COLUMNS = (
    "doc_id",
    "event_id",
    "source",
    "source_sector",
    "target",
    "target_sector",
    "code",
    "root",
    "quad_class",
    "goldstein",
    "plover",
    "date",
    "date_precision",
    "date_source",
    "trigger",
    "evidence",
    "start",
    "end",
    "confidence",
    "n_mentions",
    "lexicon_version",
    "model_version",
    "prefilter_version",
    "merged_id",
)
# The columns a reader scans first: shown by `detente events` as a table and in the report.
EVENT_SUMMARY_COLUMNS = (
    "date",
    "source",
    "source_sector",
    "code",
    "target",
    "target_sector",
    "trigger",
    "evidence",
)
_EVENT_SELECT = ", ".join(
    {"start": "start_char AS start", "end": 'end_char AS "end"'}.get(c, c) for c in EVENT_COLUMNS
)


@dataclass(frozen=True, slots=True)
class EventFilter:
    """Filters of `detente events` (and of the REST API). Dates are YYYY[-MM[-DD]]."""

    actor: str | None = None  # source or target
    source: str | None = None
    target: str | None = None
    root: str | None = None
    since: str | None = None
    until: str | None = None
    doc_id: str | None = None
    q: str | None = None  # words and "quoted phrases" that must all occur in the evidence
    min_confidence: float | None = None  # events at least this confident (0-1)

    def __post_init__(self) -> None:
        for name in ("actor", "source", "target"):  # codes are upper case in the store
            object.__setattr__(self, name, actor_code(getattr(self, name), name))
        object.__setattr__(
            self, "min_confidence", probability(self.min_confidence, "min_confidence")
        )
        partial_date(self.since, "since")
        partial_date(self.until, "until")

    def where(self) -> tuple[str, list[Any]]:
        clauses: list[str] = []
        params: list[Any] = []
        if self.actor:
            clauses.append("(source = ? OR target = ?)")
            params += [self.actor, self.actor]
        for column in ("source", "target", "doc_id"):
            value = getattr(self, column)
            if value:
                clauses.append(f"{column} = ?")
                params.append(value)
        if self.min_confidence is not None:
            clauses.append("confidence >= ?")
            params.append(self.min_confidence)
        if self.root:
            clauses.append("root = ?")
            params.append(self.root.zfill(2))
        if self.since:
            clauses.append("date_start >= CAST(? AS DATE)")
            params.append(first_day(self.since))
        if self.until:
            clauses.append("date_start <= CAST(? AS DATE)")
            params.append(first_day(self.until))
        for term in search_terms(self.q or ""):
            clauses.append("evidence ILIKE ? ESCAPE '\\'")
            params.append(f"%{_escape_like(term)}%")
        return ("WHERE " + " AND ".join(clauses)) if clauses else "", params


_TERM = re.compile(r'"([^"]+)"|(\S+)')


def search_terms(q: str) -> list[str]:
    """The words and "quoted phrases" of a search, in order, each once (case kept)."""
    terms = [(phrase or word).strip().strip('"') for phrase, word in _TERM.findall(q)]
    return list(dict.fromkeys(t for t in terms if t))


def _escape_like(term: str) -> str:
    return term.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def _events_sql(filters: EventFilter) -> tuple[str, list[Any]]:
    where, params = filters.where()
    sql = (
        f"SELECT {_EVENT_SELECT} FROM events {where} "  # noqa: S608 (fixed column list; values bound)
        "ORDER BY sort_key"
    )
    return sql, params


def list_events(*, settings: Settings, filters: EventFilter | None = None) -> list[dict[str, Any]]:
    """Stored events, one row per event in its document, oldest first, undated last."""
    sql, params = _events_sql(filters or EventFilter())
    with _reader(settings) as store:
        return store.query(sql, params)


def page_events(
    *, settings: Settings, filters: EventFilter | None = None, limit: int = 50, offset: int = 0
) -> tuple[int, list[dict[str, Any]]]:
    """One page of the filtered events (in `list_events` order) and how many match in all."""
    page = events_page(settings=settings, filters=filters, limit=limit, offset=offset)
    return page.total, page.rows


@dataclass(frozen=True, slots=True)
class EventPage:
    """One page of the event list: how many match in all, the rows, and the cursor of the page
    after it (None on the last page)."""

    total: int
    rows: list[dict[str, Any]]
    next: str | None


_CURSOR = re.compile(r"k[0-9a-f]{1,16}")


def _cursor(sort_key: int) -> str:
    return f"k{sort_key:x}"


def _cursor_key(cursor: str) -> int:
    if not _CURSOR.fullmatch(cursor):
        raise ValidationError("after", f"{cursor!r} is not a cursor of this event list")
    return int(cursor[1:], 16)


def events_page(
    *,
    settings: Settings,
    filters: EventFilter | None = None,
    limit: int = 50,
    offset: int = 0,
    after: str | None = None,
) -> EventPage:
    """One page of the filtered events (in `list_events` order): the `limit` events after the
    cursor `after` (keyset pagination: as fast deep in the list as at its head), or after
    skipping `offset` of them; with the cursor of the next page."""
    filters = filters or EventFilter()
    where, params = filters.where()
    select = f"SELECT {_EVENT_SELECT}, sort_key AS _cursor FROM events"  # noqa: S608 (fixed column list)
    # The page's sort keys first, then their rows: DuckDB sorting whole rows to keep a page
    # reads every column of every match (0.6 s on ten million events, 30 ms for the keys).
    if after is not None:
        keyed = f"{where} AND sort_key > ?" if where else "WHERE sort_key > ?"
        keys = f"SELECT sort_key FROM events {keyed} ORDER BY sort_key LIMIT ?"  # noqa: S608 (fixed text; values bound)
        values = [*params, _cursor_key(after), limit + 1]
    else:
        keys = f"SELECT sort_key FROM events {where} ORDER BY sort_key LIMIT ? OFFSET ?"  # noqa: S608 (fixed text; values bound)
        values = [*params, limit + 1, offset]
    sql = f"{select} WHERE sort_key IN ({keys}) ORDER BY sort_key"
    with _reader(settings) as store:
        row = store.con.execute(f"SELECT count(*) FROM events {where}", params).fetchone()  # noqa: S608 (fixed text; values bound)
        rows = store.query(sql, values)
    more = len(rows) > limit
    rows = rows[:limit]
    last = rows[-1].get("_cursor") if rows else None
    for r in rows:
        del r["_cursor"]
    return EventPage(int(row[0]) if row else 0, rows, _cursor(last) if more and last else None)


def iter_events(
    *, settings: Settings, filters: EventFilter | None = None, chunk: int = 5000
) -> Iterator[dict[str, Any]]:
    """Every filtered event, in `list_events` order, fetched a chunk at a time (for exports)."""
    sql, params = _events_sql(filters or EventFilter())
    with _reader(settings) as store:
        cursor = store.con.execute(sql, params)
        names = [d[0] for d in cursor.description or []]
        while rows := cursor.fetchmany(chunk):
            yield from (dict(zip(names, r, strict=True)) for r in rows)


def export_events_parquet(
    out: str, *, settings: Settings, filters: EventFilter | None = None
) -> int:
    """Write the filtered events to a Parquet file; returns the number of rows."""
    sql, params = _events_sql(filters or EventFilter())
    with _reader(settings) as store:
        relation = store.con.sql(sql, params=params)
        relation.write_parquet(out)
        row = store.con.execute(f"SELECT count(*) FROM ({sql})", params).fetchone()  # noqa: S608
        return int(row[0]) if row else 0


def _stored_documents(store: Store, summary: IngestSummary) -> Iterator[Document]:
    """Every stored document in doc_id order, read a page at a time (the store may be rewritten
    between two pages: each page starts after the last doc_id read)."""
    last = ""
    while rows := store.query(
        "SELECT doc_id, text, raw_text, title, published, published_inferred, source, url, path, "
        "language FROM documents WHERE doc_id > ? ORDER BY doc_id LIMIT ?",
        [last, LOOKUP_CHUNK],
    ):
        last = rows[-1]["doc_id"]
        summary.stored_before.update(r["doc_id"] for r in rows)
        yield from (Document(**row) for row in rows)


def recode(*, settings: Settings, on_document: Callable[[], None] | None = None) -> IngestSummary:
    """Recode every stored document with the current lexicon and actor data (texts unchanged)."""
    started = time.perf_counter()
    summary = IngestSummary()
    coder = load_coder(settings.coder)
    with announce_writer(settings.db), _writer(settings) as store:
        for coded in code_documents(_stored_documents(store, summary), coder):
            if coded.failure is not None:  # keeps what was stored before
                summary.failures.append(coded.failure)
                continue
            store.write(coded)
            summary.count(coded)
            if on_document:
                on_document()
        remerge(store.con)
    summary.seconds = time.perf_counter() - started
    return summary


@dataclass(frozen=True, slots=True)
class MergeSummary:
    """What one merge did: merged events written, and the store's totals after it."""

    written: int
    merged_events: int
    events: int
    seconds: float


def merge(*, settings: Settings, full: bool = False) -> MergeSummary:
    """Bring the merged events up to date: the keys that writes left pending, or every key when
    `full` (a rebuild from scratch, for a store whose merge is in doubt)."""
    started = time.perf_counter()
    with announce_writer(settings.db), _writer(settings) as store:
        written = remerge(store.con, full=full)
        row = store.con.execute(
            "SELECT (SELECT count(*) FROM merged_events), (SELECT count(*) FROM events)"
        ).fetchone()
    merged, events = (int(row[0]), int(row[1])) if row else (0, 0)
    return MergeSummary(written, merged, events, time.perf_counter() - started)


def compact(*, settings: Settings) -> int:
    """Rewrite the stored events in the event list's order (see store.duckdb.compact_events);
    returns their number."""
    from detente.store.duckdb import compact_events

    with announce_writer(settings.db), _writer(settings) as store:
        return compact_events(store.con)


def dyad_series(
    *,
    settings: Settings,
    actor: str | None = None,
    pair: tuple[str, str] | None = None,
    by: str = "month",
) -> list[dict[str, Any]]:
    """Events per period and directed dyad, by quad class, with Goldstein sum and mean."""
    from detente.analysis.queries import dyad_rows

    period(by)
    with _reader(settings) as store:
        return dyad_rows(store.con, actor=actor, pair=pair, by=by)


def multivector(
    *,
    settings: Settings,
    state: str,
    by: str = "year",
    pole_a: Sequence[str] | None = None,
    pole_b: Sequence[str] | None = None,
) -> list[dict[str, Any]]:
    """The multi-vector index of a state between two poles (default Russia and the West)."""
    from detente.analysis.multivector import RUSSIA, WEST
    from detente.analysis.queries import multivector_rows, require_actor

    with _reader(settings) as store:
        require_actor(store.con, state, "actor")
        rows = multivector_rows(
            store.con, state, by=by, pole_a=pole_a or RUSSIA, pole_b=pole_b or WEST
        )
    return [
        {
            "period": r.period,
            "toward_a": r.toward_a,
            "toward_b": r.toward_b,
            "events": r.events,
            "index": r.index,
            "low": r.low,
            "high": r.high,
        }
        for r in rows
    ]


MERGED_COLUMNS = (
    "merged_id",
    "source",
    "target",
    "root",
    "code",
    "date",
    "n_docs",
    "n_reports",
    "doc_ids",
    "first_report",
    "last_report",
    "evidence",
)


def _merged_sql(filters: EventFilter | None) -> tuple[str, list[Any]]:
    where, params = (filters or EventFilter()).where()
    sql = (
        f"SELECT {', '.join(MERGED_COLUMNS)} FROM merged_events "  # noqa: S608 (fixed text; values bound)
        f"WHERE merged_id IN (SELECT merged_id FROM events {where}) "
        "ORDER BY date NULLS LAST, merged_id"
    )
    return sql, params


def list_merged_events(
    *, settings: Settings, filters: EventFilter | None = None
) -> list[dict[str, Any]]:
    """Merged events (one per real event across documents) with their reports' documents."""
    sql, params = _merged_sql(filters)
    with _reader(settings) as store:
        return store.query(sql, params)


def page_merged_events(
    *, settings: Settings, filters: EventFilter | None = None, limit: int = 50, offset: int = 0
) -> tuple[int, list[dict[str, Any]]]:
    """One page of `list_merged_events` and how many there are in all."""
    sql, params = _merged_sql(filters)
    with _reader(settings) as store:
        row = store.con.execute(f"SELECT count(*) FROM ({sql})", params).fetchall()  # noqa: S608 (fixed text; values bound)
        rows = store.query(f"{sql} LIMIT ? OFFSET ?", [*params, limit, offset])
    return int(row[0][0]), rows


def _broker_row(b: Any) -> dict[str, Any]:
    return {
        "broker": b.broker,
        "party_a": b.party_a,
        "party_b": b.party_b,
        "times": b.times,
        "evidence": b.evidence,
    }


def network(
    *, settings: Settings, since: str | None = None, until: str | None = None
) -> dict[str, Any]:
    """Centrality on the cooperation and conflict networks, and the brokers between parties."""
    from detente.analysis.network import brokers, centrality
    from detente.analysis.queries import edge_counts, edge_rows

    partial_date(since, "since")
    partial_date(until, "until")
    with _reader(settings) as store:
        counts = edge_counts(store.con, since=since, until=until)
        edges = edge_rows(store.con, since=since, until=until, brokering=True)
    return {
        "actors": centrality(counts),
        "brokers": [_broker_row(b) for b in brokers(edges)],
    }


def compare_profiles(*, settings: Settings, state: str, other: str) -> dict[str, Any]:
    """Two states' event profiles, their cosine similarity, and the roots that differ most."""
    from detente.analysis.profile import differences, similarity
    from detente.analysis.queries import profile_of, require_actor

    with _reader(settings) as store:
        require_actor(store.con, state, "actor")
        require_actor(store.con, other, "compare")
        a, b = profile_of(store.con, state), profile_of(store.con, other)
    return {
        "state": state,
        "other": other,
        "similarity": similarity(a, b),
        "profiles": [
            {
                "state": p.state,
                "events": p.events,
                "goldstein_mean": p.goldstein_mean,
                "roots": p.roots,
                "partners": p.partners,
            }
            for p in (a, b)
        ],
        "differences": [{"root": r, state: x, other: y} for r, x, y in differences(a, b)],
    }


@dataclass(frozen=True, slots=True)
class ReportData:
    """What `detente report` shows of one actor: its events, its yearly dyads, multi-vector
    index, network edges and brokers, and its profile beside another state's."""

    actor: str
    compare: str | None
    events: list[dict[str, Any]]
    dyads: list[dict[str, Any]]
    leaning: list[Leaning]
    edges: list[Edge]
    brokers: list[Brokerage]
    profile: Profile
    other: Profile | None
    similarity: float | None
    differences: list[tuple[str, float, float]]


def _default_compare(events: list[dict[str, Any]], actor: str) -> str | None:
    """The state the actor deals with most, outside the two default poles."""
    from detente.analysis.multivector import RUSSIA, WEST

    partners = Counter(
        e["target"] if e["source"] == actor else e["source"]
        for e in events
        if e["target"] and e["source"] != e["target"]
    )
    poles = set(RUSSIA) | set(WEST)
    ranked = [p for p, _ in partners.most_common() if p not in poles and len(p) == 3]
    return ranked[0] if ranked else None


def report_data(*, settings: Settings, actor: str, compare: str | None = None) -> ReportData:
    """Everything `detente report` draws about `actor`; `compare` defaults to the state it
    deals with most outside the poles."""
    from detente.analysis.profile import differences, similarity
    from detente.analysis.queries import (
        brokers_around,
        dyad_rows,
        edge_rows,
        multivector_rows,
        profile_of,
        require_actor,
    )

    with _reader(settings) as store:
        require_actor(store.con, actor, "actor")
        if compare:
            require_actor(store.con, compare, "compare")
        sql, params = _events_sql(EventFilter(actor=actor))
        events = store.query(sql, params)
        other_code = compare or _default_compare(events, actor)
        profile = profile_of(store.con, actor)
        other = profile_of(store.con, other_code) if other_code else None
        return ReportData(
            actor=actor,
            compare=other_code,
            events=events,
            dyads=dyad_rows(store.con, actor=actor, by="year"),
            leaning=multivector_rows(store.con, actor, by="year"),
            edges=edge_rows(store.con, actor=actor),
            brokers=brokers_around(store.con, actor),
            profile=profile,
            other=other,
            similarity=similarity(profile, other) if other else None,
            differences=differences(profile, other) if other else [],
        )


def actor_names(settings: Settings) -> dict[str, str]:
    """Code → name of every state, organisation and bloc the actor data knows."""
    return dict(_actors_known(settings).names)


def overview(*, settings: Settings, top: int = 10) -> dict[str, Any]:
    """What the store holds: counts, the date range, events per month by quad class, the most
    active dyads and actors, and events per CAMEO root."""
    from detente.analysis.queries import overview_rows

    with _reader(settings) as store:
        return overview_rows(store.con, top=top)


def list_actors(*, settings: Settings) -> list[dict[str, Any]]:
    """Every actor in the events with its name, most active first, and its event counts."""
    from detente.analysis.queries import actor_rows

    names = actor_names(settings)
    with _reader(settings) as store:
        rows = actor_rows(store.con)
    return [{"actor": r["actor"], "name": names.get(r["actor"]), **r} for r in rows]


def actor_detail(*, settings: Settings, actor: str) -> dict[str, Any] | None:
    """One actor: its counts, its partners, its events per month and its ego network (the
    events between it and its partners, and the brokers it stands between); None if unknown."""
    from detente.analysis.queries import actor_rows, brokers_around, dyad_rows, partner_rows

    with _reader(settings) as store:
        rows = [r for r in actor_rows(store.con) if r["actor"] == actor]
        if not rows:
            return None
        partners = partner_rows(store.con, actor)
        series = dyad_rows(store.con, actor=actor, by="month")
        found = brokers_around(store.con, actor)
    names = actor_names(settings)
    return {
        **rows[0],
        "name": names.get(actor),
        "partners": [{**p, "name": names.get(p["partner"])} for p in partners],
        "series": series,
        "brokers": [_broker_row(b) for b in found],
    }


def document_view(*, settings: Settings, doc_id: str) -> dict[str, Any] | None:
    """One document with its text, sentences, actor mentions, and events; each event with the
    sentence it was coded from and every report of it (sentence, span, trigger span)."""
    with _reader(settings) as store:
        sql = f"SELECT {DOCUMENT_COLUMNS}, text FROM documents WHERE doc_id = ?"  # noqa: S608 (fixed text)
        rows = store.query(sql, [doc_id])
        if not rows:
            return None
        sentences = store.query(
            "SELECT sent_index, start_char, end_char, text FROM sentences "
            "WHERE doc_id = ? ORDER BY sent_index",
            [doc_id],
        )
        sql, params = _events_sql(EventFilter(doc_id=doc_id))
        events = store.query(sql.replace(" FROM events", ", sent_index FROM events", 1), params)
        reports = store.query(
            'SELECT event_id, sent_index, start_char AS start, end_char AS "end", trigger_start, '
            "trigger_end FROM event_mentions WHERE doc_id = ? ORDER BY start_char",
            [doc_id],
        )
        mentions = store.query(
            f"SELECT {MENTION_COLUMNS} FROM mentions WHERE doc_id = ? ORDER BY start_char",  # noqa: S608 (fixed text; values bound)
            [doc_id],
        )
    by_event: dict[str, list[dict[str, Any]]] = {}
    for r in reports:
        by_event.setdefault(r.pop("event_id"), []).append(r)
    return {
        **rows[0],
        "sentences": sentences,
        "events": [{**e, "reports": by_event.get(e["event_id"], [])} for e in events],
        "mentions": mentions,
    }


def export_records(
    *, settings: Settings, filters: EventFilter | None = None
) -> tuple[Actors, list[dict[str, Any]]]:
    """The filtered events (in `list_events` order) with what the field's layouts also carry:
    the document's URL, publisher and ingest time, the merged event's counts of reports, documents
    and publishers, and the code's name; and what the layouts need to know of actor codes."""
    from detente.events.ontology import load_ontology

    where, params = (filters or EventFilter()).where()
    sql = f"""
        WITH reports AS (SELECT merged_id, unnest(doc_ids) AS doc_id FROM merged_events),
        publishers AS (
            SELECT r.merged_id, count(DISTINCT coalesce(d.source, d.doc_id)) AS n_sources
            FROM reports r JOIN documents d USING (doc_id) GROUP BY r.merged_id
        )
        SELECT e.*, d.url, d.path, d.source AS publisher, d.ingested_at,
               m.n_docs, m.n_reports, p.n_sources
        FROM (SELECT * FROM events {where}) e
        JOIN documents d USING (doc_id)
        LEFT JOIN merged_events m USING (merged_id)
        LEFT JOIN publishers p USING (merged_id)
        ORDER BY e.sort_key
    """  # noqa: S608 (fixed text; values bound)
    with _reader(settings) as store:
        rows = store.query(sql, params)
    ontology = load_ontology()
    for row in rows:
        entry = ontology.codes.get(row["code"])
        row["code_name"] = entry.name if entry else None
    return _actors_known(settings), rows


def import_events(paths: Sequence[str], *, fmt: str, settings: Settings) -> ImportSummary:
    """Load event files of another layout (GDELT 2.0, ICEWS, POLECAT) into the store as events
    of their origin (see importing.py); the merge is recomputed once at the end."""
    from detente.events.ontology import load_ontology

    summary = ImportSummary()
    actors = _actors_known(settings)
    ontology = load_ontology()
    for name in paths:  # every file checked before anything is written
        if not Path(name).is_file():
            raise ValidationError("files", f"no such file: {name}")
    with announce_writer(settings.db):
        for name in paths:
            path = Path(name)
            documents, failures = coded_documents(path, fmt, actors, ontology)
            summary.failures += failures
            with _writer(settings) as store:
                store.write_many(documents)
            summary.documents += len(documents)
            summary.events += sum(len(d.events) for d in documents)
        if summary.documents:
            with _writer(settings) as store:
                remerge(store.con)
    return summary


def _actors_known(settings: Settings) -> Actors:
    from detente.actors.data import load_actor_data

    data = load_actor_data(settings.actors)
    return Actors(
        names={e.code: e.names[0] for e in data.entities if e.names},
        states=frozenset(e.code for e in data.entities if e.kind == "state"),
    )
