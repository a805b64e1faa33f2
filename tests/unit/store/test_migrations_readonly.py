"""A store written by an older detente is migrated when first opened, even to read."""

from __future__ import annotations

from pathlib import Path

import duckdb

from detente.store import open_store
from detente.store.duckdb import _migrations


def test_read_only_open_migrates_an_old_store_once(tmp_path: Path) -> None:
    path = str(tmp_path / "old.duckdb")
    con = duckdb.connect(path)
    con.execute("CREATE TABLE schema_version (version INTEGER NOT NULL)")
    con.execute("INSERT INTO schema_version VALUES (0)")
    con.close()
    with open_store(path, read_only=True) as store:
        version = store.con.execute("SELECT max(version) FROM schema_version").fetchone()
        columns = {r[0] for r in store.con.execute("DESCRIBE events").fetchall()}
    assert version == (_migrations()[-1][0],)
    assert {"sort_key", "merged_id"} <= columns
