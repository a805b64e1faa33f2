"""The merged events kept in the store, brought up to date after every write.

Each write notes in `merge_pending` the (source, target, root) keys of the events it removes and of
those it adds (store.duckdb.mark_merge_pending). `remerge()` recomputes the merged events of those
keys only and clears them: merge.py groups reports by that key before anything else, so a key's
merged events depend on its own reports alone, and recomputing the changed keys gives what a
recompute of the whole store would. Keys go a chunk at a time, each chunk in one transaction, so
that memory stays bounded whatever the store's size; a run cut short leaves its keys pending for
the next. `full=True` marks every key first and drops every merged event (`detente merge --full`).
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import Any

import duckdb

from detente.analysis.merge import Report, merge_reports, summary
from detente.store.duckdb import insert_rows, transaction

# Events read into memory at once (a key with more is read alone).
CHUNK_EVENTS = 200_000


def _same_key(a: str, b: str) -> str:
    return (
        f"{a}.source = {b}.source AND {a}.target IS NOT DISTINCT FROM {b}.target "
        f"AND {a}.root = {b}.root"
    )


def remerge(
    con: duckdb.DuckDBPyConnection, *, full: bool = False, chunk_events: int = CHUNK_EVENTS
) -> int:
    """Recompute the merged events of every pending key (of every key when `full`); returns the
    number of merged events written."""
    if full:
        with transaction(con):
            con.execute("DELETE FROM merged_events")
            con.execute("DELETE FROM merge_pending")
            con.execute(
                "INSERT INTO merge_pending SELECT DISTINCT source, target, root FROM events"
            )
    written = 0
    for keys in _chunks(_pending(con), chunk_events):
        written += _remerge_keys(con, keys)
    return written


def _pending(con: duckdb.DuckDBPyConnection) -> list[tuple[Any, ...]]:
    """Each pending key with its number of events, in key order."""
    return con.execute(
        "SELECT k.source, k.target, k.root, count(e.source) "  # noqa: S608 (fixed text)
        "FROM (SELECT DISTINCT source, target, root FROM merge_pending) k "
        f"LEFT JOIN events e ON {_same_key('e', 'k')} "
        "GROUP BY ALL ORDER BY k.source, k.target NULLS FIRST, k.root"
    ).fetchall()


def _chunks(counted: Sequence[tuple[Any, ...]], limit: int) -> Iterator[list[list[Any]]]:
    """Consecutive keys whose events add up to at most `limit` (a bigger key alone)."""
    chunk: list[list[Any]] = []
    total = 0
    for source, target, root, n in counted:
        if chunk and total + n > limit:
            yield chunk
            chunk, total = [], 0
        chunk.append([source, target, root])
        total += n
    if chunk:
        yield chunk


def _remerge_keys(con: duckdb.DuckDBPyConnection, keys: list[list[Any]]) -> int:
    con.execute(
        "CREATE OR REPLACE TEMP TABLE merge_keys (source VARCHAR, target VARCHAR, root VARCHAR)"
    )
    insert_rows(con, "merge_keys", keys)
    rows = con.execute(
        "SELECT e.doc_id, e.event_id, e.source, e.target, e.root, e.code, e.date, e.date_start, "  # noqa: S608 (fixed text)
        "e.date_precision, e.evidence, d.published FROM events e "
        f"JOIN merge_keys k ON {_same_key('e', 'k')} "
        "JOIN documents d ON d.doc_id = e.doc_id"
    ).fetchall()
    groups = merge_reports(Report(*row) for row in rows)
    with transaction(con):
        con.execute(f"DELETE FROM merged_events m USING merge_keys k WHERE {_same_key('m', 'k')}")  # noqa: S608 (fixed text)
        con.execute(
            "CREATE OR REPLACE TEMP TABLE merge_map "
            "(doc_id VARCHAR, event_id VARCHAR, merged_id VARCHAR)"
        )
        insert_rows(
            con,
            "merge_map",
            [[r.doc_id, r.event_id, g.merged_id] for g in groups for r in g.reports],
        )
        con.execute(
            "UPDATE events SET merged_id = m.merged_id FROM merge_map m "
            "WHERE events.doc_id = m.doc_id AND events.event_id = m.event_id"
        )
        insert_rows(con, "merged_events", [list(summary(g).values()) for g in groups])
        con.execute(f"DELETE FROM merge_pending p USING merge_keys k WHERE {_same_key('p', 'k')}")  # noqa: S608 (fixed text)
        con.execute("DROP TABLE merge_map")
    con.execute("DROP TABLE merge_keys")
    return len(groups)
