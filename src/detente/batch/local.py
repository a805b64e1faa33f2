"""The local engine: the ingest path (worker processes, the same writer) into a scratch store,
then DuckDB writes each table as Parquet partitioned by year and month."""

from __future__ import annotations

import tempfile
from collections.abc import Sequence
from pathlib import Path

import duckdb

from detente.batch.layout import PARTITION_COLUMNS, partition_of, store_columns
from detente.config import Settings
from detente.ingest import ReadOptions, read_inputs, unique_documents
from detente.parallel import code_in_parallel, workers_for
from detente.store import open_store
from detente.store.duckdb import insert_rows
from detente.types import Failure


def _quoted(path: Path) -> str:
    return "'" + str(path).replace("'", "''") + "'"


def write_parquet(con: duckdb.DuckDBPyConnection, folder: Path) -> dict[str, int]:
    """Write every document table of a store as a Parquet dataset partitioned by the year and
    month of each row's document; returns the rows written per table."""
    documents = con.execute("SELECT doc_id, published FROM documents").fetchall()
    con.execute(
        "CREATE OR REPLACE TEMP TABLE doc_partition (doc_id VARCHAR, year VARCHAR, month VARCHAR)"
    )
    insert_rows(con, "doc_partition", [[d, *partition_of(p)] for d, p in documents])
    keys = ", ".join(PARTITION_COLUMNS)
    counts: dict[str, int] = {}
    for table in store_columns():
        row = con.execute(f"SELECT count(*) FROM {table}").fetchone()  # noqa: S608 (fixed names)
        counts[table] = int(row[0]) if row else 0
        if counts[table]:
            con.execute(
                f"COPY (SELECT t.*, {keys} FROM {table} t JOIN doc_partition USING (doc_id)) "  # noqa: S608 (fixed names; path quoted)
                f"TO {_quoted(folder / table)} (FORMAT PARQUET, PARTITION_BY ({keys}))"
            )
    con.execute("DROP TABLE doc_partition")
    return counts


def run_local(
    paths: Sequence[str], opts: ReadOptions, *, settings: Settings, folder: Path
) -> tuple[dict[str, int], int, list[Failure], float]:
    """Code every document under `paths` as `detente ingest` does and write the Parquet output.
    Returns rows per table, documents skipped (an id seen before), failures, start-up seconds."""
    failures: list[Failure] = []
    repeats: list[str] = []
    started: list[float] = []
    documents = unique_documents(
        read_inputs(paths, opts),
        on_failure=failures.append,
        on_repeat=lambda d: repeats.append(d.doc_id),
    )
    with (
        tempfile.TemporaryDirectory(prefix="detente-batch-") as scratch,
        open_store(str(Path(scratch) / "batch.duckdb")) as store,
    ):
        for batch in code_in_parallel(
            documents,
            settings.coder,
            workers=workers_for(paths, settings.workers),
            on_started=started.append,
        ):
            store.write_many(batch)
        counts = write_parquet(store.con, folder)
    return counts, len(repeats), failures, sum(started)
