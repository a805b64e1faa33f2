"""The batch output folder: one Parquet dataset per store table, partitioned by the publication
year and month of each row's document, and a manifest written last.

    OUT/documents/year=2016/month=04/*.parquet
    OUT/events/year=undated/month=undated/*.parquet     (undated documents)
    OUT/events/year=2016/month=undated/*.parquet        (dated to the year only)
    OUT/_detente.json                                   {"engine": ..., "tables": {"events": 42, ...}}

The columns of each dataset are the store table's own (from the store's migrations), so that
`detente load` reads the local and the Spark engine's output alike.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import duckdb

from detente._version import __version__
from detente.errors import BatchError
from detente.store.duckdb import migrate
from detente.store.rows import DOCUMENT_TABLES
from detente.types import Failure

UNDATED = "undated"
PARTITION_COLUMNS = ("year", "month")
MANIFEST = "_detente.json"
MANIFEST_FORMAT = 1


@dataclass(frozen=True, slots=True)
class Column:
    name: str
    type: str  # DuckDB type name: VARCHAR, INTEGER, DOUBLE, BOOLEAN, DATE, TIMESTAMP
    nullable: bool


@dataclass(frozen=True, slots=True)
class BatchSummary:
    """What one batch run wrote: rows per table, and what it skipped or could not read."""

    engine: str
    out: str
    rows: dict[str, int]
    skipped: int  # documents whose id came earlier in the input
    failures: tuple[Failure, ...] = ()
    seconds: float = 0.0
    startup_seconds: float = 0.0  # starting Spark, or loading the model in every worker

    @property
    def documents(self) -> int:
        return self.rows.get("documents", 0)


def partition_of(published: str | None) -> tuple[str, str]:
    """The (year, month) partition of a document published on YYYY, YYYY-MM or YYYY-MM-DD;
    "undated" stands for what the date does not give."""
    parts = published.split("-") if published else []
    year = parts[0] if parts else UNDATED
    month = parts[1] if len(parts) > 1 else UNDATED
    return year, month


@lru_cache(maxsize=1)
def store_columns() -> dict[str, tuple[Column, ...]]:
    """The columns of each document table, as the store's migrations define them, in order.
    Only the tables the store has are listed, in the order rows are inserted."""
    con = duckdb.connect(":memory:")
    try:
        migrate(con)
        found = con.execute(
            "SELECT table_name, column_name, data_type, is_nullable = 'YES' "
            "FROM information_schema.columns ORDER BY table_name, ordinal_position"
        ).fetchall()
    finally:
        con.close()
    columns: dict[str, list[Column]] = {}
    for table, name, kind, nullable in found:
        columns.setdefault(table, []).append(Column(name, kind, bool(nullable)))
    return {t: tuple(columns[t]) for t in reversed(DOCUMENT_TABLES) if t in columns}


def prepare_out(out: str) -> Path:
    """The output folder, created; refused when it already holds anything."""
    folder = Path(out)
    if folder.exists() and (not folder.is_dir() or any(folder.iterdir())):
        raise BatchError(f"{out}: the output folder exists and is not empty")
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as e:
        raise BatchError(f"{out}: cannot create the output folder: {e.strerror or e}") from e
    return folder


def write_manifest(folder: Path, summary: BatchSummary) -> None:
    """Written after every table: its presence says the output is complete."""
    manifest = {
        "format": MANIFEST_FORMAT,
        "engine": summary.engine,
        "detente": __version__,
        "tables": summary.rows,
        "skipped": summary.skipped,
        "failed": [str(f) for f in summary.failures],
    }
    (folder / MANIFEST).write_text(json.dumps(manifest, indent=1) + "\n", encoding="utf-8")


def read_manifest(folder: Path) -> dict[str, Any]:
    """The manifest of a batch output folder; BatchError when it is missing or unreadable."""
    path = folder / MANIFEST
    try:
        manifest = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError as e:
        raise BatchError(
            f"{path}: missing; {folder} is not the output of a finished `detente batch` run"
        ) from e
    except (OSError, ValueError) as e:
        raise BatchError(f"{path}: cannot read the manifest: {e}") from e
    if not isinstance(manifest, dict) or manifest.get("format") != MANIFEST_FORMAT:
        raise BatchError(f"{path}: not a detente batch manifest of format {MANIFEST_FORMAT}")
    return manifest


def table_files(folder: Path, table: str) -> list[Path]:
    """The Parquet files of one table's dataset (Spark's _SUCCESS and .crc files left out)."""
    return sorted((folder / table).glob("**/*.parquet"))
