"""Analysis over the store: dyad series and the multi-vector index. SQL in, plain rows out."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import duckdb

from detente.analysis.multivector import RUSSIA, WEST, Leaning, PoleEvent, multivector_index
from detente.store.duckdb import first_day

PERIODS = ("day", "week", "month", "year")
DYAD_COLUMNS = (
    "period",
    "source",
    "target",
    "events",
    "verbal_cooperation",
    "material_cooperation",
    "verbal_conflict",
    "material_conflict",
    "goldstein_sum",
    "goldstein_mean",
)
UNDATED = "undated"


def period_sql(by: str) -> str:
    """A SQL expression naming each event's period. An event dated less precisely than the period
    keeps its own date ("2016" in a monthly series); an undated one is "undated", never dropped."""
    if by not in PERIODS:
        raise ValueError(f"period must be one of {', '.join(PERIODS)}")
    if by == "week":
        return (
            f"CASE WHEN date IS NULL THEN '{UNDATED}' WHEN length(date) = 10 "
            "THEN strftime(date_start, '%G-W%V') ELSE date END"
        )
    width = {"day": 10, "month": 7, "year": 4}[by]
    return f"CASE WHEN date IS NULL THEN '{UNDATED}' ELSE substr(date, 1, {width}) END"


def dyad_rows(
    con: duckdb.DuckDBPyConnection,
    *,
    actor: str | None = None,
    pair: tuple[str, str] | None = None,
    by: str = "month",
) -> list[dict[str, Any]]:
    """Per period and directed dyad: events by quad class, Goldstein sum and mean."""
    clauses, params = [], []
    if actor:
        clauses.append("(source = ? OR target = ?)")
        params += [actor, actor]
    if pair:
        clauses.append("((source = ? AND target = ?) OR (source = ? AND target = ?))")
        params += [pair[0], pair[1], pair[1], pair[0]]
    where = "WHERE target IS NOT NULL" + "".join(f" AND {c}" for c in clauses)
    sql = f"""
        SELECT period, source, target, count(*) AS events,
               count(*) FILTER (WHERE quad_class = 1) AS verbal_cooperation,
               count(*) FILTER (WHERE quad_class = 2) AS material_cooperation,
               count(*) FILTER (WHERE quad_class = 3) AS verbal_conflict,
               count(*) FILTER (WHERE quad_class = 4) AS material_conflict,
               round(sum(goldstein), 2) AS goldstein_sum, round(avg(goldstein), 2) AS goldstein_mean
        FROM (SELECT {period_sql(by)} AS period, * FROM events {where})
        GROUP BY period, source, target
        ORDER BY period = '{UNDATED}', period, source, target
    """  # noqa: S608 (fixed expressions; values bound)
    cursor = con.execute(sql, params)
    names = [d[0] for d in cursor.description or []]
    return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]


def multivector_rows(
    con: duckdb.DuckDBPyConnection,
    state: str,
    *,
    by: str = "year",
    pole_a: Sequence[str] = RUSSIA,
    pole_b: Sequence[str] = WEST,
) -> list[Leaning]:
    """The multi-vector index of `state` between two poles, per period (see multivector.py)."""
    sql = f"""
        SELECT {period_sql(by)} AS period, CASE WHEN source = ? THEN target ELSE source END, quad_class
        FROM events WHERE (source = ? OR target = ?) AND target IS NOT NULL AND source <> target
    """  # noqa: S608 (fixed expressions; values bound)
    rows = con.execute(sql, [state, state, state]).fetchall()
    return multivector_index((PoleEvent(p, c, q) for p, c, q in rows), pole_a=pole_a, pole_b=pole_b)


def remerge(con: duckdb.DuckDBPyConnection) -> int:
    """Recompute the merged events of the whole store, in one transaction; returns their number."""
    from detente.analysis.merge import Report, merge_reports, summary
    from detente.store.duckdb import insert_rows

    rows = con.execute(
        "SELECT e.doc_id, e.event_id, e.source, e.target, e.root, e.code, e.date, e.date_start, "
        "e.date_precision, e.evidence, d.published FROM events e JOIN documents d USING (doc_id)"
    ).fetchall()
    groups = merge_reports(Report(*row) for row in rows)
    con.execute("BEGIN TRANSACTION")
    try:
        con.execute("DELETE FROM merged_events")
        con.execute(
            "CREATE OR REPLACE TEMP TABLE merge_map (doc_id VARCHAR, event_id VARCHAR, merged_id VARCHAR)"
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
        con.execute("DROP TABLE merge_map")
    except BaseException:
        con.execute("ROLLBACK")
        raise
    con.execute("COMMIT")
    return len(groups)


def edge_rows(
    con: duckdb.DuckDBPyConnection,
    *,
    since: str | None = None,
    until: str | None = None,
    actor: str | None = None,
) -> list[Any]:
    """Directed events with a target, as network edges, optionally within dates or around an actor."""
    from detente.analysis.network import Edge

    clauses, params = ["target IS NOT NULL", "source <> target"], []
    if since:
        clauses.append("date_start >= CAST(? AS DATE)")
        params.append(first_day(since))
    if until:
        clauses.append("date_start <= CAST(? AS DATE)")
        params.append(first_day(until))
    if actor:
        clauses.append("(source = ? OR target = ?)")
        params += [actor, actor]
    sql = (
        "SELECT doc_id, sent_index, source, target, code, quad_class, evidence FROM events "  # noqa: S608 (fixed text; values bound)
        f"WHERE {' AND '.join(clauses)} ORDER BY doc_id, sent_index"
    )
    return [Edge(*row) for row in con.execute(sql, params).fetchall()]


def profile_of(con: duckdb.DuckDBPyConnection, state: str) -> Any:
    from detente.analysis.profile import profile

    rows = con.execute(
        "SELECT source, target, root, goldstein FROM events WHERE source = ? OR target = ?",
        [state, state],
    ).fetchall()
    return profile(state, rows)
