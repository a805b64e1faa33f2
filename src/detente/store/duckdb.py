"""The DuckDB store: open (and migrate), write a coded document atomically, read rows back."""

from __future__ import annotations

import json
import os
import tempfile
import threading
import time
from collections.abc import Iterator, Sequence
from contextlib import AbstractContextManager, contextmanager, suppress
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

import duckdb

from detente.errors import StoreBusyError, StoreError, ValidationError
from detente.store.rows import DOCUMENT_TABLES, first_day, table_rows
from detente.types import CodedDocument

MIGRATIONS = "detente.store.migrations"
SORT_KEY_MIGRATION = 5  # adds events.sort_key, numbered for the rows already stored


@lru_cache(maxsize=1)
def _migrations() -> tuple[tuple[int, str], ...]:
    files = resources.files(MIGRATIONS)
    found = [
        (int(f.name.split("_", 1)[0]), f.read_text(encoding="utf-8"))
        for f in files.iterdir()
        if f.name.endswith(".sql")
    ]
    return tuple(sorted(found))


def migrate(con: duckdb.DuckDBPyConnection) -> int:
    """Apply every migration newer than the store's schema version; returns the version."""
    con.execute("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)")
    row = con.execute("SELECT max(version) FROM schema_version").fetchone()
    current = row[0] if row and row[0] is not None else 0
    for number, sql in _migrations():
        if number > current:
            con.execute("BEGIN TRANSACTION")
            con.execute(sql)
            if number == SORT_KEY_MIGRATION:
                assign_sort_keys(con)
            con.execute("INSERT INTO schema_version VALUES (?)", [number])
            con.execute("COMMIT")
            current = number
    return int(current)


def _connect(path: str, *, read_only: bool, wait: float = 0.0) -> duckdb.DuckDBPyConnection:
    """Connect; while another process holds the file, retry for up to `wait` seconds."""
    if path != ":memory:":
        if read_only and not Path(path).exists():
            raise StoreError(f"no store at {path}: run `detente ingest` first")
        Path(path).parent.mkdir(parents=True, exist_ok=True)
    deadline = time.monotonic() + wait
    pause, longest = 0.01, READER_PAUSE if read_only else WRITER_PAUSE
    while True:
        try:
            return duckdb.connect(path, read_only=read_only)
        except duckdb.IOException as e:
            if "lock" not in str(e).lower():
                raise StoreError(f"cannot open store {path}: {e}") from e
            if time.monotonic() + pause > deadline:
                raise StoreBusyError(
                    f"store {path} is busy: another process is using it (waited {wait:g} s)"
                ) from e
            if read_only:
                _say_reader_waits(path)
        time.sleep(pause)
        pause = min(pause * 2, longest)


# Retry pauses while another process holds the store: readers try often, so that they catch the
# writer's gaps between two batches; a writer backs off further.
READER_PAUSE = 0.02
WRITER_PAUSE = 0.25
# How long a writer leaves the store alone after a batch when readers are waiting, and how recent
# their sign must be.
READER_WINDOW = 0.1
READER_SIGN_SECONDS = 2.0


def reader_path(path: str) -> Path:
    return Path(f"{path}.reading")


def _say_reader_waits(path: str) -> None:
    with suppress(OSError):
        reader_path(path).touch()


def readers_waiting(path: str) -> bool:
    """Whether a reader found the store busy in the last moments (its sign is fresh)."""
    try:
        return time.time() - reader_path(path).stat().st_mtime < READER_SIGN_SECONDS
    except OSError:
        return False


def let_readers_in(path: str) -> None:
    """Between two writes: if readers are waiting, leave them a window to open the store."""
    if readers_waiting(path):
        time.sleep(READER_WINDOW)


def intent_path(path: str) -> Path:
    return Path(f"{path}.writing")


def writer_waiting(path: str) -> bool:
    """Whether a live process has announced it is writing to the store at `path`."""
    marker = intent_path(path)
    try:
        pid = int(marker.read_text(encoding="ascii").strip() or 0)
    except (OSError, ValueError):
        return False
    if pid <= 0:
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False  # its writer died (SIGKILL): the marker is stale
    except PermissionError:
        return True
    return True


def _claim(marker: Path) -> bool:
    try:
        marker.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(marker, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o644)
    except FileExistsError:
        return False
    except OSError as e:  # a folder that cannot be made or written
        store = str(marker)[: -len(".writing")]
        raise ValidationError("db", f"cannot write the store {store}: {e.strerror or e}") from e
    with os.fdopen(fd, "w", encoding="ascii") as handle:
        handle.write(str(os.getpid()))
    return True


@contextmanager
def announce_writer(path: str) -> Iterator[None]:
    """Claim the store for writing, for the length of the block. Readers (a `detente serve`
    keeper) see the claim and let the store go; another writer gets StoreBusyError. The claim is
    a marker file next to the store holding this process's id; a dead process's claim is void."""
    if path == ":memory:":
        yield
        return
    marker = intent_path(path)
    if not _claim(marker):
        if writer_waiting(path):
            holder = marker.read_text(encoding="ascii").strip()
            raise StoreBusyError(
                f"store {path} is busy: process {holder} is writing to it; try again when it ends"
            )
        marker.unlink(missing_ok=True)  # left by a writer that died
        if not _claim(marker):
            raise StoreBusyError(f"store {path} is busy: another process claimed it just now")
    try:
        yield
    finally:
        with suppress(OSError):
            if marker.read_text(encoding="ascii").strip() == str(os.getpid()):
                marker.unlink()


class Keeper:
    """Holds one read-only connection to a store so that this process's other connections to it
    open at once (DuckDB shares the open database; a cold open costs ~20 ms). While held, no
    other process can write to the store: `release()` lets a writer in."""

    def __init__(self, path: str) -> None:
        self.path = path
        self._con: duckdb.DuckDBPyConnection | None = None
        self._lock = threading.Lock()

    def hold(self) -> bool:
        """Open the connection unless it is open; False when the store is missing or busy, or a
        writer has announced itself (then any held connection is let go)."""
        if writer_waiting(self.path):
            self.release()
            return False
        if self._con is not None:
            return True
        with self._lock:
            if self._con is None and Path(self.path).exists():
                try:
                    self._con = duckdb.connect(self.path, read_only=True)
                except duckdb.Error:
                    return False
            return self._con is not None

    def release(self) -> None:
        with self._lock:
            if self._con is not None:
                self._con.close()
                self._con = None

    def writer_waiting(self) -> bool:
        """Whether a writer has announced itself (then `release()` should let it in)."""
        return writer_waiting(self.path)


class Store:
    """A DuckDB store. Use `open_store()`; close it (or use it as a context manager) when done."""

    def __init__(self, con: duckdb.DuckDBPyConnection, path: str) -> None:
        self.con = con
        self.path = path

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        self.con.close()

    def transaction(self) -> AbstractContextManager[duckdb.DuckDBPyConnection]:
        """BEGIN … COMMIT, or ROLLBACK on any exception."""
        return transaction(self.con)

    def stored_hashes(self, doc_ids: Sequence[str]) -> dict[str, str]:
        """doc_id → content hash of those of `doc_ids` that are stored."""
        sql = "SELECT doc_id, content_hash FROM documents WHERE list_contains(?, doc_id)"
        return dict(self.con.execute(sql, [list(doc_ids)]).fetchall())

    def write(self, coded: CodedDocument) -> None:
        """Replace whatever was stored for this document, in one transaction."""
        self.write_many([coded])

    def write_many(self, batch: Sequence[CodedDocument]) -> None:
        """Replace whatever was stored for these documents, all in one transaction: each
        document is stored whole or not at all. Rows go in as multi-row inserts, one statement
        per table and chunk (DuckDB's executemany runs one statement per row)."""
        if not batch:
            return
        doc_ids = [c.document.doc_id for c in batch]
        with self.transaction() as con:
            # Only documents stored before have rows to remove (the documents table is the
            # small one: new documents cost no scan of the events).
            stored = list(self.stored_hashes(doc_ids))
            if stored:
                mark_merge_pending(con, stored, "removed")
                delete_document_rows(con, stored)
            for table, rows in table_rows(batch).items():
                insert_rows(con, table, rows)
            added = [
                [
                    e.source,
                    e.target,
                    e.root,
                    "added",
                    e.doc_id,
                    e.event_id,
                    first_day(e.date),
                    None,
                    e.code,
                    e.date_precision,
                    e.evidence,
                ]
                for c in batch
                for e in c.events
            ]
            if added:
                insert_rows(con, "merge_pending", added)
            assign_sort_keys(con)

    def query(self, sql: str, params: list[Any] | None = None) -> list[dict[str, Any]]:
        """Rows of a SELECT as dicts."""
        return dict_rows(self.con.execute(sql, params or []))


@contextmanager
def transaction(con: duckdb.DuckDBPyConnection) -> Iterator[duckdb.DuckDBPyConnection]:
    """BEGIN … COMMIT on `con`, or ROLLBACK on any exception."""
    con.execute("BEGIN TRANSACTION")
    try:
        yield con
    except BaseException:
        con.execute("ROLLBACK")
        raise
    con.execute("COMMIT")


def dict_rows(cursor: duckdb.DuckDBPyConnection) -> list[dict[str, Any]]:
    """Every row of an executed query as a dict of column name → value."""
    names = [d[0] for d in cursor.description or []]
    return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]


# Rows per INSERT statement: DuckDB binds every value, so statements stay moderate in size.
INSERT_CHUNK_ROWS = 400


def mark_merge_pending(con: duckdb.DuckDBPyConnection, doc_ids: Sequence[str], change: str) -> None:
    """Note these documents' events as `change` ("removed" before they go, "added" once in) for
    the next merge (analysis/remerge.py)."""
    con.execute(
        "INSERT INTO merge_pending SELECT source, target, root, ?, doc_id, event_id, date_start, "
        "merged_id, code, date_precision, evidence FROM events WHERE list_contains(?, doc_id)",
        [change, list(doc_ids)],
    )


def delete_document_rows(con: duckdb.DuckDBPyConnection, doc_ids: Sequence[str]) -> None:
    for table in DOCUMENT_TABLES:
        con.execute(f"DELETE FROM {table} WHERE list_contains(?, doc_id)", [list(doc_ids)])  # noqa: S608 (fixed names)


# From this many rows on, an insert goes through a temporary JSON Lines file that DuckDB reads in
# one statement: binding each value of a multi-row INSERT costs about 0.1 ms a row, writing JSON
# a few microseconds (what makes a full merge of millions of events take minutes, not hours).
BULK_ROWS = 200


def insert_rows(con: duckdb.DuckDBPyConnection, table: str, rows: Sequence[Sequence[Any]]) -> None:
    """Insert `rows` (values in the table's column order) into `table`."""
    if len(rows) >= BULK_ROWS:
        _insert_through_file(con, table, rows)
        return
    for start in range(0, len(rows), INSERT_CHUNK_ROWS):
        chunk = rows[start : start + INSERT_CHUNK_ROWS]
        width = len(chunk[0])
        values = ", ".join(["(" + ", ".join(["?"] * width) + ")"] * len(chunk))
        con.execute(f"INSERT INTO {table} VALUES {values}", [v for row in chunk for v in row])  # noqa: S608 (fixed names)


def _insert_through_file(
    con: duckdb.DuckDBPyConnection, table: str, rows: Sequence[Sequence[Any]]
) -> None:
    columns = con.execute(f"DESCRIBE {table}").fetchall()
    names = [c[0] for c in columns]
    spec = ", ".join(f"'{name}': '{kind}'" for name, kind, *_ in columns)
    handle, path = tempfile.mkstemp(prefix="detente-rows-", suffix=".jsonl")
    longest = 0
    try:
        with os.fdopen(handle, "w", encoding="ascii") as out:
            for row in rows:
                line = json.dumps(dict(zip(names, row, strict=True)), default=str)
                longest = max(longest, len(line))
                out.write(line + "\n")
        # the reader's buffer is sized by the longest object it may meet: the longest written
        size = max(longest + 1, 1 << 20)
        quoted = path.replace("'", "''")
        con.execute(
            f"INSERT INTO {table} SELECT * FROM read_json('{quoted}', "  # noqa: S608 (fixed names; our own temporary file)
            f"format = 'newline_delimited', columns = {{{spec}}}, maximum_object_size = {size})"
        )
    finally:
        os.unlink(path)


def compact_events(con: duckdb.DuckDBPyConnection) -> int:
    """Rewrite the events table in sort-key order (the order the event list reads it), in one
    transaction; returns the number of events. DuckDB skips the row groups whose keys lie outside
    a page, so a page reads a few of them instead of one per event (a page of ten million events
    shuffled in time: 0.6 s before, 0.02 s after). Events stored day by day are nearly in order
    already; a backfill of old news is not."""
    row = con.execute(
        "SELECT sql FROM duckdb_tables() WHERE table_name = 'events' AND NOT temporary"
    ).fetchone()
    if row is None:
        raise StoreError("the store has no events table")
    create = str(row[0]).replace("CREATE TABLE events(", "CREATE TABLE events_in_order(", 1)
    with transaction(con):
        con.execute(create)
        con.execute("INSERT INTO events_in_order SELECT * FROM events ORDER BY sort_key")
        con.execute("DROP TABLE events")
        con.execute("ALTER TABLE events_in_order RENAME TO events")
    con.execute("CHECKPOINT")
    found = con.execute("SELECT count(*) FROM events").fetchone()
    return int(found[0]) if found else 0


# sort_key = days since 1900 (65535 when undated) << 47 | a running number of the store's events.
SORT_DAY_SHIFT = 47
SORT_UNDATED = 65535


def assign_sort_keys(con: duckdb.DuckDBPyConnection) -> None:
    """Give every event without one its sort key: after all the store's events of the same day,
    in document and position order. Call inside the writing transaction."""
    con.execute(
        f"""
        UPDATE events SET sort_key = k.key FROM (
            SELECT rowid AS r,
                   (coalesce(least(greatest(date_start - DATE '1900-01-01', 0), {SORT_UNDATED - 1}),
                             {SORT_UNDATED})::BIGINT << {SORT_DAY_SHIFT})
                   + (SELECT coalesce(max(sort_key & ((1::BIGINT << {SORT_DAY_SHIFT}) - 1)), 0) FROM events)
                   + row_number() OVER (ORDER BY doc_id, start_char, event_id) AS key
            FROM events WHERE sort_key IS NULL
        ) k
        WHERE events.rowid = k.r
        """  # noqa: S608 (fixed numbers)
    )


def _outdated(con: duckdb.DuckDBPyConnection) -> bool:
    try:
        rows = con.execute("SELECT max(version) FROM schema_version").fetchall()
    except duckdb.CatalogException:
        return True
    return not rows or rows[0][0] is None or int(rows[0][0]) < _migrations()[-1][0]


# DuckDB's own memory in a process that writes (the buffer cache included).
WRITER_MEMORY = "256MB"


def open_store(path: str, *, read_only: bool = False, wait: float = 0.0) -> Store:
    """Open (creating and migrating when writable) the store at `path`, waiting up to `wait`
    seconds while another process holds it."""
    con = _connect(path, read_only=read_only, wait=wait)
    if read_only and path != ":memory:" and _outdated(con):
        con.close()  # a store from an older detente: migrate it once, then read
        open_store(path, wait=wait).close()
        con = _connect(path, read_only=True, wait=wait)
    if not read_only:
        # DuckDB keeps what it reads cached up to 80 % of the machine's memory by default: a writer
        # scanning a big store would grow with it. Its own memory stays within this (it spills
        # to disk beyond), so that a write's peak does not depend on the store's size.
        con.execute(f"SET memory_limit = '{WRITER_MEMORY}'")
        try:
            migrate(con)
        except duckdb.Error as e:
            con.close()
            raise StoreError(f"cannot migrate store {path}: {e}") from e
    return Store(con, path)
