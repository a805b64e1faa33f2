"""The public Python API: `detente.open(db)`, a handle on a store whose answers convert to the
DataFrames analysts work in.

    import detente
    store = detente.open("demo.duckdb")
    store.events(actor="BLR", since="2016").df()      # pandas
    store.dyads(actor="BLR", by="year").arrow()        # pyarrow
    for row in store.multivector("BLR"): ...           # dicts

Each method takes the filters of the command of the same name, checks them as the commands do (a
ValidationError names the bad one) and returns a `Result`. pandas and pyarrow come with the extra
`frames` (`pip install 'detente[frames]'`), polars when it is installed; nothing here loads spaCy.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

import detente.operations as ops
from detente.analysis.queries import DYAD_COLUMNS, UNDATED
from detente.config import Settings, load_settings
from detente.errors import MissingExtraError
from detente.operations import (
    EVENT_COLUMNS,
    EVENT_SUMMARY_COLUMNS,
    MERGED_COLUMNS,
    EventFilter,
    EventPage,
    IngestSummary,
    MergeSummary,
    ReportData,
)
from detente.store.duckdb import Keeper

if TYPE_CHECKING:
    from detente.batch import LoadSummary
    from detente.formats import Actors
    from detente.importing import ImportSummary

__all__ = [
    "DYAD_COLUMNS",
    "EVENT_COLUMNS",
    "EVENT_SUMMARY_COLUMNS",
    "MERGED_COLUMNS",
    "UNDATED",
    "EventFilter",
    "EventPage",
    "IngestSummary",
    "Keeper",
    "MergeSummary",
    "ReportData",
    "Result",
    "Store",
    "open_store",
]


@dataclass(frozen=True, slots=True)
class Result:
    """The rows of one answer, in order. Iterate them as dicts, or convert them whole."""

    rows: tuple[dict[str, Any], ...]
    columns: tuple[str, ...]
    meta: dict[str, Any] = field(default_factory=dict)  # what is not a row (a similarity, ...)

    def __iter__(self) -> Iterator[dict[str, Any]]:
        return iter(self.rows)

    def __len__(self) -> int:
        return len(self.rows)

    def df(self) -> Any:
        """A pandas DataFrame, one column per field."""
        pandas = _extra("pandas")
        return pandas.DataFrame.from_records(list(self.rows), columns=list(self.columns))

    def arrow(self) -> Any:
        """A pyarrow Table, one column per field."""
        pyarrow = _extra("pyarrow")
        if not self.rows:
            return pyarrow.table({c: [] for c in self.columns})
        return pyarrow.Table.from_pylist(list(self.rows)).select(list(self.columns))

    def pl(self) -> Any:
        """A polars DataFrame (polars is not a dependency of detente: install it to use this)."""
        polars = _extra("polars")
        if not self.rows:
            return polars.DataFrame(schema=list(self.columns))
        return polars.DataFrame(list(self.rows)).select(list(self.columns))


def _extra(module: str) -> Any:
    import importlib

    try:
        return importlib.import_module(module)
    except ImportError as e:
        hint = "pip install polars" if module == "polars" else "pip install 'detente[frames]'"
        raise MissingExtraError(f"{module} is not installed: {hint}") from e


def _result(rows: Sequence[dict[str, Any]], columns: Sequence[str] = ()) -> Result:
    names = tuple(columns) or (tuple(rows[0]) if rows else ())
    return Result(tuple(rows), names)


def _filter(filters: EventFilter | None, extra: dict[str, Any]) -> EventFilter:
    """One EventFilter from a given one and keyword filters (the keywords win)."""
    if filters is None:
        return EventFilter(**extra)
    return replace(filters, **extra) if extra else filters


class Store:
    """A store of coded events. The CLI, the REST API, the dashboard and the report all read and
    write through these methods; a notebook uses the same ones.

    Reading methods take `filters` (an EventFilter) and/or the same filters as keywords (actor,
    source, target, root, since, until, doc_id, q, min_confidence)."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings

    def __repr__(self) -> str:
        return f"detente.open({self.settings.db!r})"

    def keeper(self) -> Keeper:
        """A holder of one read-only connection that makes this process's reads open at once
        (the server keeps one; it lets go whenever a writer announces itself)."""
        return Keeper(self.settings.db)

    # -- writing ---------------------------------------------------------------------------

    def ingest(
        self,
        paths: Iterable[str],
        *,
        date: str | None = None,
        force: bool = False,
        on_document: Callable[[], None] | None = None,
    ) -> IngestSummary:
        """Read, code and store every document under `paths` (files or folders); documents
        already stored with the same text are skipped unless `force`."""
        return ops.ingest(
            paths, settings=self.settings, date=date, force=force, on_document=on_document
        )

    def recode(self, *, on_document: Callable[[], None] | None = None) -> IngestSummary:
        """Recode every stored document with the current coder and actor data."""
        return ops.recode(settings=self.settings, on_document=on_document)

    def merge(self, *, full: bool = False) -> MergeSummary:
        """Bring the merged events up to date (every write does it for what it changed);
        `full=True` rebuilds them from scratch."""
        return ops.merge(settings=self.settings, full=full)

    def compact(self) -> int:
        """Rewrite the events in the event list's order, so that its pages stay fast after a
        backfill of old news; returns the number of events."""
        return ops.compact(settings=self.settings)

    def import_files(self, paths: Sequence[str], *, fmt: str) -> ImportSummary:
        """Load event files of another layout (gdelt, icews, polecat) as events of their origin."""
        return ops.import_events(paths, fmt=fmt, settings=self.settings)

    def load(self, folder: str) -> LoadSummary:
        """Add the documents of a batch output folder (`detente batch`) that the store lacks."""
        from detente.batch import load_batch

        return load_batch(folder, settings=self.settings)

    # -- reading ---------------------------------------------------------------------------

    def events(self, filters: EventFilter | None = None, **extra: Any) -> Result:
        """Events, one per report in a document (the fields of `detente events --format jsonl`)."""
        rows = ops.list_events(settings=self.settings, filters=_filter(filters, extra))
        return _result(rows, EVENT_COLUMNS)

    def events_page(
        self,
        filters: EventFilter | None = None,
        *,
        limit: int = 50,
        offset: int = 0,
        after: str | None = None,
        **extra: Any,
    ) -> EventPage:
        """One page of `events`: after the cursor `after` (a page's `next`) or `offset` rows."""
        found = _filter(filters, extra)
        return ops.events_page(
            settings=self.settings, filters=found, limit=limit, offset=offset, after=after
        )

    def iter_events(
        self, filters: EventFilter | None = None, **extra: Any
    ) -> Iterator[dict[str, Any]]:
        """Every event of `events`, fetched a chunk at a time (for long exports)."""
        return ops.iter_events(settings=self.settings, filters=_filter(filters, extra))

    def merged_events(self, filters: EventFilter | None = None, **extra: Any) -> Result:
        """Merged events, one per real event across documents; the filters of `events`."""
        rows = ops.list_merged_events(settings=self.settings, filters=_filter(filters, extra))
        return _result(rows, MERGED_COLUMNS)

    def merged_page(
        self, filters: EventFilter | None = None, *, limit: int = 50, offset: int = 0, **extra: Any
    ) -> tuple[int, list[dict[str, Any]]]:
        """One page of `merged_events` and how many there are in all."""
        return ops.page_merged_events(
            settings=self.settings, filters=_filter(filters, extra), limit=limit, offset=offset
        )

    def documents(self) -> Result:
        """Every stored document's metadata (not its text)."""
        return _result(ops.list_documents(settings=self.settings))

    def documents_page(
        self, *, limit: int = 50, offset: int = 0
    ) -> tuple[int, list[dict[str, Any]]]:
        """One page of `documents` with each one's event count, and how many there are."""
        return ops.page_documents(settings=self.settings, limit=limit, offset=offset)

    def document(self, doc_id: str) -> dict[str, Any] | None:
        """One document with its text, sentences, mentions and events (each with its reports)."""
        return ops.document_view(settings=self.settings, doc_id=doc_id)

    def mentions(self, doc_id: str | None = None) -> Result:
        """Actor mentions in text order, of one document when `doc_id` is given."""
        return _result(ops.list_mentions(settings=self.settings, doc_id=doc_id))

    def actors(self) -> Result:
        """Every actor in the events with its name and counts, most active first."""
        return _result(ops.list_actors(settings=self.settings))

    def actor(self, code: str) -> dict[str, Any] | None:
        """One actor's counts, partners, monthly series and brokers; None if it has no event."""
        return ops.actor_detail(settings=self.settings, actor=code)

    def overview(self, *, top: int = 10) -> dict[str, Any]:
        """What the store holds: counts, dates, months by quad class, top dyads and actors."""
        return ops.overview(settings=self.settings, top=top)

    # -- analysis --------------------------------------------------------------------------

    def dyads(
        self, actor: str | None = None, pair: tuple[str, str] | None = None, by: str = "month"
    ) -> Result:
        """Events per period and directed dyad, by quad class, with Goldstein sum and mean."""
        rows = ops.dyad_series(settings=self.settings, actor=actor, pair=pair, by=by)
        return _result(rows, DYAD_COLUMNS)

    def multivector(
        self,
        actor: str,
        by: str = "year",
        pole_a: Sequence[str] | None = None,
        pole_b: Sequence[str] | None = None,
    ) -> Result:
        """A state's multi-vector index between two poles (default Russia and the West)."""
        rows = ops.multivector(
            settings=self.settings, state=actor, by=by, pole_a=pole_a, pole_b=pole_b
        )
        return _result(rows)

    def network(self, since: str | None = None, until: str | None = None) -> Result:
        """Each actor's centrality on the cooperation and conflict networks; the brokers between
        parties are in `meta["brokers"]`."""
        found = ops.network(settings=self.settings, since=since, until=until)
        result = _result(found["actors"])
        return replace(result, meta={"brokers": found["brokers"]})

    def profile(self, actor: str, compare: str) -> Result:
        """Two actors' event profiles (one row each); their cosine similarity and the roots that
        differ most are in `meta`."""
        found = ops.compare_profiles(settings=self.settings, state=actor, other=compare)
        result = _result(found["profiles"])
        meta = {"similarity": found["similarity"], "differences": found["differences"]}
        return replace(result, meta=meta)

    def report_data(self, actor: str, *, compare: str | None = None) -> ReportData:
        """What `detente report` draws about `actor` (see report.py to render it)."""
        return ops.report_data(settings=self.settings, actor=actor, compare=compare)

    # -- export ----------------------------------------------------------------------------

    def export_parquet(self, out: str, filters: EventFilter | None = None, **extra: Any) -> int:
        """Write the filtered events to a Parquet file; returns how many."""
        return ops.export_events_parquet(
            out, settings=self.settings, filters=_filter(filters, extra)
        )

    def export_records(
        self, filters: EventFilter | None = None, **extra: Any
    ) -> tuple[Actors, list[dict[str, Any]]]:
        """The filtered events with what the field's layouts also carry (see formats.py)."""
        return ops.export_records(settings=self.settings, filters=_filter(filters, extra))


def open_store(db: str | Path | None = None, *, settings: Settings | None = None) -> Store:
    """A handle on the store at `db` (default: the settings' store, `detente.duckdb`)."""
    base = settings or load_settings()
    return Store(replace(base, db=str(db)) if db is not None else base)
