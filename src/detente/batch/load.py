"""`detente load`: bring a batch output folder into a store, whole documents only, then merge
events across documents as ingest does. Loading the same folder again changes nothing."""

from __future__ import annotations

import time
from dataclasses import dataclass
from pathlib import Path

import duckdb

from detente.analysis.remerge import remerge
from detente.batch.layout import Column, read_manifest, store_columns, table_files
from detente.config import Settings
from detente.errors import BatchError
from detente.store import Store, open_store
from detente.store.duckdb import announce_writer, assign_sort_keys, mark_merge_pending


@dataclass(frozen=True, slots=True)
class LoadSummary:
    """What one load did: documents added and skipped (already stored), rows added per table."""

    added: int
    skipped: int
    rows: dict[str, int]
    seconds: float


def _sql_text(value: str) -> str:
    return "'" + value.replace("'", "''") + "'"


def _view_sql(table: str, columns: tuple[Column, ...], files: list[Path]) -> str:
    """A view of one table's dataset with the store's columns in the store's order (the
    partition columns left out); an empty table's dataset has no files."""
    names = ", ".join(f'"{c.name}"' for c in columns)
    if not files:
        return (
            f"CREATE OR REPLACE TEMP VIEW batch_{table} AS SELECT {names} FROM {table} WHERE false"  # noqa: S608 (fixed names)
        )
    listed = ", ".join(_sql_text(str(f)) for f in files)
    return (
        f"CREATE OR REPLACE TEMP VIEW batch_{table} AS SELECT {names} "  # noqa: S608 (fixed names; paths quoted)
        f"FROM read_parquet([{listed}], hive_partitioning = true, union_by_name = true)"
    )


def _attach_views(con: duckdb.DuckDBPyConnection, folder: Path, expected: dict[str, int]) -> None:
    """A view per table of the output, checked against the manifest's row counts."""
    for table, columns in store_columns().items():
        try:
            con.execute(_view_sql(table, columns, table_files(folder, table)))
            row = con.execute(f"SELECT count(*) FROM batch_{table}").fetchone()  # noqa: S608 (fixed names)
        except duckdb.Error as e:
            raise BatchError(f"{folder / table}: cannot read the Parquet files: {e}") from e
        found = int(row[0]) if row else 0
        if found != int(expected.get(table, 0)):
            raise BatchError(
                f"{folder / table}: {found} rows where the manifest says {expected.get(table, 0)}; "
                "the output is incomplete or was changed"
            )


def _insert_new(store: Store) -> tuple[int, int, dict[str, int]]:
    """Insert the rows of the documents not stored yet, in one transaction."""
    con = store.con
    rows: dict[str, int] = {}
    with store.transaction():
        con.execute(
            "CREATE OR REPLACE TEMP TABLE batch_new AS SELECT DISTINCT doc_id FROM batch_documents "
            "WHERE doc_id NOT IN (SELECT doc_id FROM documents)"
        )
        for table, columns in store_columns().items():
            # sort keys are the store's own running numbers: given afresh below
            names = ", ".join(f'"{c.name}"' for c in columns if c.name != "sort_key")
            row = con.execute(
                f"INSERT INTO {table} ({names}) SELECT {names} FROM batch_{table} "  # noqa: S608 (fixed names)
                "WHERE doc_id IN (SELECT doc_id FROM batch_new)"
            ).fetchone()
            rows[table] = int(row[0]) if row else 0
        new_ids = [r[0] for r in con.execute("SELECT doc_id FROM batch_new").fetchall()]
        mark_merge_pending(con, new_ids, "added")
        assign_sort_keys(con)
        total = con.execute("SELECT count(DISTINCT doc_id) FROM batch_documents").fetchone()
    added = rows.get("documents", 0)
    return added, (int(total[0]) if total else 0) - added, rows


def load_batch(out: str, *, settings: Settings) -> LoadSummary:
    """Add the documents of a batch output folder that the store lacks (with all their rows),
    then recompute the merged events."""
    started = time.perf_counter()
    folder = Path(out)
    manifest = read_manifest(folder)
    with (
        announce_writer(settings.db),
        open_store(settings.db, wait=settings.busy_timeout) as store,
    ):
        _attach_views(store.con, folder, manifest.get("tables", {}))
        added, skipped, rows = _insert_new(store)
        if added:
            remerge(store.con)
    return LoadSummary(
        added=added, skipped=skipped, rows=rows, seconds=time.perf_counter() - started
    )
