"""The merged events kept in the store, brought up to date after every write.

Each write notes in `merge_pending` every event it removes (with the merged event it was in) and
every event it adds (store.duckdb.mark_merge_pending). `remerge()` then reworks only what those
changes can reach, and gives what a merge of the whole store would (a property test holds it to
that):

- merge.py's greedy merge takes one (source, target, root) key's reports in date order, and a
  report's place depends only on the clusters still open before it, none older than MAX_SLACK.
  So for a key whose changes lie between days lo and hi, every report before lo keeps its merged
  event; the merge is replayed from lo, starting from the clusters the store holds open there,
  until past hi its open clusters are again those of the merge before the changes: from there
  on, everything stays as it was. Only the events in that window are read, whatever the store's
  size.
- A key with a 'whole' mark (a migration, `merge --full`), a change too big to be worth it
  (more than WINDOWED_LIMIT pending changes) or no convergence within the window read is rebuilt
  from all its reports, a chunk of keys per transaction so that memory stays bounded.

A run cut short leaves its pending rows for the next.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

import duckdb

from detente.analysis.merge import (
    MAX_SLACK,
    Cluster,
    Greedy,
    Merged,
    Report,
    merge_reports,
    merged_id,
    order,
    summary,
)
from detente.store.duckdb import insert_rows, transaction

# Events read into memory at once when whole keys are rebuilt (a key with more is read alone).
CHUNK_EVENTS = 200_000
# Above this many pending changes, the keys are rebuilt whole, in chunks (a big load or recode).
WINDOWED_LIMIT = 50_000
# How far past its last change a key's window is read at first.
REACH = 3 * MAX_SLACK

Key = tuple[str, str | None, str]
_REPORT = (
    "e.doc_id, e.event_id, e.source, e.target, e.root, e.code, e.date, e.date_start, "
    "e.date_precision, e.evidence, d.published"
)


def _same_key(a: str, b: str) -> str:
    return (
        f"{a}.source = {b}.source AND {a}.target IS NOT DISTINCT FROM {b}.target "
        f"AND {a}.root = {b}.root"
    )


def remerge(
    con: duckdb.DuckDBPyConnection, *, full: bool = False, chunk_events: int = CHUNK_EVENTS
) -> int:
    """Bring the merged events up to date with the pending changes (with every key rebuilt when
    `full`); returns the number of merged events written."""
    if full:
        with transaction(con):
            con.execute("DELETE FROM merged_events")
            con.execute("DELETE FROM merge_pending")
            con.execute(
                "INSERT INTO merge_pending (source, target, root, change) "
                "SELECT DISTINCT source, target, root, 'whole' FROM events"
            )
    keys = con.execute(
        "SELECT source, target, root, bool_or(change = 'whole' OR (change = 'removed' "
        "AND merged_id IS NULL)), min(date_start), max(date_start), count(*) "
        "FROM merge_pending GROUP BY ALL ORDER BY ALL"
    ).fetchall()
    too_many = sum(k[6] for k in keys) > WINDOWED_LIMIT
    whole = [tuple(k[:3]) for k in keys if k[3] or too_many]
    windows = {tuple(k[:3]): (k[4], k[5]) for k in keys if not (k[3] or too_many)}
    written = 0
    if windows:
        done, fallen_back = _remerge_windows(con, windows)
        written += done
        whole += fallen_back
    for chunk in _chunks(_counted(con, whole), chunk_events):
        written += _remerge_keys(con, chunk)
    return written


# -- whole keys ----------------------------------------------------------------------------


def _counted(con: duckdb.DuckDBPyConnection, keys: Sequence[Any]) -> list[tuple[Any, ...]]:
    """Each key with its number of events, in key order."""
    if not keys:
        return []
    _temp_keys(con, "merge_keys", keys)
    return con.execute(
        "SELECT k.source, k.target, k.root, count(e.source) FROM merge_keys k "  # noqa: S608 (fixed text)
        f"LEFT JOIN events e ON {_same_key('e', 'k')} "
        "GROUP BY ALL ORDER BY k.source, k.target NULLS FIRST, k.root"
    ).fetchall()


def _temp_keys(con: duckdb.DuckDBPyConnection, name: str, keys: Sequence[Any]) -> None:
    con.execute(
        f"CREATE OR REPLACE TEMP TABLE {name} (source VARCHAR, target VARCHAR, root VARCHAR)"
    )
    insert_rows(con, name, [list(k[:3]) for k in keys])


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
    """Rebuild the merged events of these keys from all their reports, in one transaction."""
    _temp_keys(con, "merge_keys", keys)
    rows = con.execute(
        f"SELECT {_REPORT} FROM events e "  # noqa: S608 (fixed text)
        f"JOIN merge_keys k ON {_same_key('e', 'k')} "
        "JOIN documents d ON d.doc_id = e.doc_id"
    ).fetchall()
    groups = merge_reports(Report(*row) for row in rows)
    with transaction(con):
        con.execute(f"DELETE FROM merged_events m USING merge_keys k WHERE {_same_key('m', 'k')}")  # noqa: S608 (fixed text)
        _write(
            con, groups, [[r.doc_id, r.event_id, g.merged_id] for g in groups for r in g.reports]
        )
        con.execute(f"DELETE FROM merge_pending p USING merge_keys k WHERE {_same_key('p', 'k')}")  # noqa: S608 (fixed text)
    return len(groups)


def _write(
    con: duckdb.DuckDBPyConnection, groups: Sequence[Merged], links: list[list[Any]]
) -> None:
    """Insert these merged events and point the events in `links` (doc, event, merged) at them."""
    insert_rows(con, "merged_events", [list(summary(g).values()) for g in groups])
    if links:
        con.execute(
            "CREATE OR REPLACE TEMP TABLE merge_map "
            "(doc_id VARCHAR, event_id VARCHAR, merged_id VARCHAR)"
        )
        insert_rows(con, "merge_map", links)
        con.execute(
            "UPDATE events SET merged_id = m.merged_id FROM merge_map m "
            "WHERE events.doc_id = m.doc_id AND events.event_id = m.event_id"
        )


# -- windows ---------------------------------------------------------------------------------


@dataclass(slots=True)
class Plan:
    """What one key's window changes: merged events to drop and to write, events to repoint."""

    drop: set[str] = field(default_factory=set)
    write: list[Merged] = field(default_factory=list)
    links: list[list[Any]] = field(default_factory=list)


def _remerge_windows(
    con: duckdb.DuckDBPyConnection, windows: dict[Key, tuple[dt.date | None, dt.date | None]]
) -> tuple[int, list[Key]]:
    """Rework each key's window (see the module's note) in one transaction; returns the merged
    events written and the keys that must be rebuilt whole instead."""
    con.execute(
        "CREATE OR REPLACE TEMP TABLE merge_windows (source VARCHAR, target VARCHAR, "
        "root VARCHAR, start DATE, stop DATE)"
    )
    insert_rows(
        con,
        "merge_windows",
        [
            [*key, lo - MAX_SLACK if lo else None, hi + REACH if hi else None]
            for key, (lo, hi) in windows.items()
        ],
    )
    current: dict[Key, list[tuple[Report, str | None]]] = defaultdict(list)
    for r in con.execute(
        f"SELECT w.source, w.target, w.root, {_REPORT}, e.merged_id FROM events e "  # noqa: S608 (fixed text)
        f"JOIN merge_windows w ON {_same_key('e', 'w')} "
        "JOIN documents d ON d.doc_id = e.doc_id "
        "WHERE e.date_start BETWEEN w.start AND w.stop "
        "OR (e.date_start IS NULL AND e.merged_id IS NULL)"
    ).fetchall():
        current[(r[0], r[1], r[2])].append((Report(*r[3:-1]), r[-1]))
    beyond = {
        (r[0], r[1], r[2])
        for r in con.execute(
            f"SELECT DISTINCT w.source, w.target, w.root FROM events e "  # noqa: S608 (fixed text)
            f"JOIN merge_windows w ON {_same_key('e', 'w')} WHERE e.date_start > w.stop"
        ).fetchall()
    }
    removed: dict[Key, list[tuple[Report, str]]] = defaultdict(list)
    for source, target, root, doc_id, event_id, start, merged, code, precision, text in con.execute(
        "SELECT source, target, root, doc_id, event_id, date_start, merged_id, code, "
        "date_precision, evidence FROM merge_pending WHERE change = 'removed'"
    ).fetchall():
        gone = Report(
            doc_id, event_id, source, target, root, code, None, start, precision, text, None
        )
        removed[(source, target, root)].append((gone, merged))

    plans: dict[Key, Plan] = {}
    fallen_back: list[Key] = []
    for key, (lo, hi) in windows.items():
        plan = _window_plan(current[key], removed[key], lo, hi, key in beyond)
        if plan is None:
            fallen_back.append(key)
        else:
            plans[key] = plan
    with transaction(con):
        drop = [[*key, m] for key, plan in plans.items() for m in plan.drop]
        if drop:
            con.execute(
                "CREATE OR REPLACE TEMP TABLE merge_drop "
                "(source VARCHAR, target VARCHAR, root VARCHAR, merged_id VARCHAR)"
            )
            insert_rows(con, "merge_drop", drop)
            con.execute(
                "DELETE FROM merged_events m USING merge_drop x "  # noqa: S608 (fixed text)
                f"WHERE m.merged_id = x.merged_id AND {_same_key('m', 'x')}"
            )
        groups = [g for plan in plans.values() for g in plan.write]
        _write(con, groups, [link for plan in plans.values() for link in plan.links])
        _temp_keys(con, "merge_keys", list(plans))
        con.execute(f"DELETE FROM merge_pending p USING merge_keys k WHERE {_same_key('p', 'k')}")  # noqa: S608 (fixed text)
    return len(groups), fallen_back


def _window_plan(
    current: list[tuple[Report, str | None]],
    removed: list[tuple[Report, str]],
    lo: dt.date | None,
    hi: dt.date | None,
    beyond: bool,
) -> Plan | None:
    """What the changes of one key do to its merged events, from the events of its window (with
    the merged event each was in, None for an added one) and the removed ones; None when the
    window read does not reach far enough (rebuild the key whole)."""
    plan = Plan()
    # Undated reports stay alone: a removed one takes its merged event along, an added one is one.
    plan.drop |= {m for r, m in removed if r.date_start is None}
    for report, merged in current:
        if report.date_start is None and merged is None:
            alone = Merged(merged_id(report), (report,))
            plan.write.append(alone)
            plan.links.append([report.doc_id, report.event_id, alone.merged_id])
    if lo is None or hi is None:
        return plan
    stop = hi + REACH
    new = _dated(current)
    current_ids = {(r.doc_id, r.event_id): m for _, r, m in new}
    old = _dated([(r, m) for r, m in current if m is not None] + list(removed))
    # Before lo nothing changed: the clusters open at lo are those the store holds.
    before: dict[str, Cluster] = {}
    for day, report, merged in old:
        if day >= lo:
            break
        if merged_id(report) == merged:
            before[merged] = Cluster(report, [report], {report.doc_id})
        elif merged in before:
            before[merged].add(report)
    clusters = {m: Cluster(c.seed, list(c.members), set(c.docs)) for m, c in before.items()}
    redo = Greedy(clusters.values())
    replay = Greedy(Cluster(c.seed, [], set(c.docs)) for c in before.values())
    placed: dict[tuple[str, str], str] = {}
    touched: set[str] = set()  # merged events that gain or lose a report
    replayed = next((i for i, (day, _, _) in enumerate(old) if day >= lo), len(old))
    stretch = [x for x in new if x[0] >= lo]
    rest: list[tuple[dt.date, Report, str | None]] = []
    for i, (day, report, _) in enumerate(stretch):
        if day > hi:  # past every change: has the merge come back to what it was?
            while replayed < len(old) and order(old[replayed][1]) < order(report):
                _, gone, was = old[replayed]
                replay.follow(gone, was or "")
                touched.add(was or "")
                replayed += 1
            if redo.state(day) == replay.state(day):
                if beyond and day + MAX_SLACK > stop:
                    return None
                rest = stretch[i:]
                break
        cluster = redo.place(report)
        clusters.setdefault(cluster.merged_id, cluster)
        placed[(report.doc_id, report.event_id)] = cluster.merged_id
        touched.add(cluster.merged_id)
    else:
        if beyond:
            return None
        touched |= {was or "" for _, _, was in old[replayed:]}
    # A merged event touched is dropped, and written again if it still has reports (those
    # before lo and placed anew, and those after the stretch, which stay where they were), unless
    # it holds the same reports as before.
    for _, report, merged in rest:
        if merged in touched and merged in clusters:
            clusters[merged].add(report)
    removed_now = {id(r) for r, _ in removed}
    before_changes: dict[str, list[tuple[str, str, str]]] = defaultdict(list)
    for _, report, merged in old:
        if merged in touched:
            kept = "removed" if id(report) in removed_now else "kept"
            before_changes[merged].append((report.doc_id, report.event_id, kept))

    def now(cluster: Cluster) -> list[tuple[str, str, str]]:
        return [
            (r.doc_id, r.event_id, "kept" if current_ids.get((r.doc_id, r.event_id)) else "added")
            for r in cluster.members
        ]

    changed = {m for m in touched if m not in clusters or before_changes.get(m) != now(clusters[m])}
    plan.drop |= changed
    plan.write += [Merged(m, tuple(clusters[m].members)) for m in changed if m in clusters]
    plan.links += [
        [r.doc_id, r.event_id, placed[(r.doc_id, r.event_id)]]
        for _, r, merged in stretch
        if (r.doc_id, r.event_id) in placed and placed[(r.doc_id, r.event_id)] != merged
    ]
    return plan


def _dated(
    rows: Sequence[tuple[Report, str | None]],
) -> list[tuple[dt.date, Report, str | None]]:
    """The dated reports among `rows`, in the greedy merge's order."""
    dated = [(r.date_start, r, m) for r, m in rows if r.date_start is not None]
    return sorted(dated, key=lambda x: order(x[1]))
