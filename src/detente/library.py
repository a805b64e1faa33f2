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

from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from detente.config import Settings, load_settings
from detente.errors import MissingExtraError
from detente.operations import (
    EVENT_COLUMNS,
    MERGED_COLUMNS,
    EventFilter,
    compare_profiles,
    dyad_series,
    list_documents,
    list_events,
    list_merged_events,
    multivector,
    network,
)


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


class Store:
    """A store of coded events, read through the same library calls as the CLI, the REST API and
    the dashboard."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings

    def __repr__(self) -> str:
        return f"detente.open({self.settings.db!r})"

    def events(self, **filters: Any) -> Result:
        """Events, one per report in a document (the fields of `detente events --format jsonl`).
        Filters: actor, source, target, root, since, until, doc_id, q, min_confidence."""
        rows = list_events(settings=self.settings, filters=EventFilter(**filters))
        return _result(rows, EVENT_COLUMNS)

    def merged_events(self, **filters: Any) -> Result:
        """Merged events, one per real event across documents; the filters of `events`."""
        rows = list_merged_events(settings=self.settings, filters=EventFilter(**filters))
        return _result(rows, MERGED_COLUMNS)

    def documents(self) -> Result:
        """Every stored document's metadata (not its text)."""
        return _result(list_documents(settings=self.settings))

    def dyads(
        self, actor: str | None = None, pair: tuple[str, str] | None = None, by: str = "month"
    ) -> Result:
        """Events per period and directed dyad, by quad class, with Goldstein sum and mean."""
        rows = dyad_series(settings=self.settings, actor=actor, pair=pair, by=by)
        return _result(rows)

    def multivector(
        self,
        actor: str,
        by: str = "year",
        pole_a: Sequence[str] | None = None,
        pole_b: Sequence[str] | None = None,
    ) -> Result:
        """A state's multi-vector index between two poles (default Russia and the West)."""
        rows = multivector(settings=self.settings, state=actor, by=by, pole_a=pole_a, pole_b=pole_b)
        return _result(rows)

    def network(self, since: str | None = None, until: str | None = None) -> Result:
        """Each actor's centrality on the cooperation and conflict networks; the brokers between
        parties are in `meta["brokers"]`."""
        found = network(settings=self.settings, since=since, until=until)
        result = _result(found["actors"])
        return replace(result, meta={"brokers": found["brokers"]})

    def profile(self, actor: str, compare: str) -> Result:
        """Two actors' event profiles (one row each); their cosine similarity and the roots that
        differ most are in `meta`."""
        found = compare_profiles(settings=self.settings, state=actor, other=compare)
        result = _result(found["profiles"])
        meta = {"similarity": found["similarity"], "differences": found["differences"]}
        return replace(result, meta=meta)


def open_store(db: str | Path | None = None, *, settings: Settings | None = None) -> Store:
    """A handle on the store at `db` (default: the settings' store, `detente.duckdb`)."""
    base = settings or load_settings()
    return Store(replace(base, db=str(db)) if db is not None else base)
