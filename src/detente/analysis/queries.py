"""Analysis over the store: dyad series and the multi-vector index. SQL in, plain rows out."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import duckdb

from detente.analysis.multivector import RUSSIA, WEST, Leaning, PoleEvent, multivector_index
from detente.errors import ValidationError
from detente.store.duckdb import dict_rows
from detente.store.rows import first_day

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
    return dict_rows(con.execute(sql, params))


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


def _edge_clauses(since: str | None, until: str | None) -> tuple[list[str], list[Any]]:
    clauses, params = ["target IS NOT NULL", "source <> target"], []
    if since:
        clauses.append("date_start >= CAST(? AS DATE)")
        params.append(first_day(since))
    if until:
        clauses.append("date_start <= CAST(? AS DATE)")
        params.append(first_day(until))
    return clauses, params


def edge_counts(
    con: duckdb.DuckDBPyConnection, *, since: str | None = None, until: str | None = None
) -> list[tuple[str, str, bool, int]]:
    """(source, target, cooperation?, events) of each directed edge and kind, counted in the
    store (what network.centrality needs, however many events there are)."""
    clauses, params = _edge_clauses(since, until)
    sql = (
        "SELECT source, target, quad_class <= 2, count(*) FROM events "  # noqa: S608 (fixed text; values bound)
        f"WHERE {' AND '.join(clauses)} GROUP BY ALL ORDER BY ALL"
    )
    return [(s, t, bool(c), int(n)) for s, t, c, n in con.execute(sql, params).fetchall()]


def edge_rows(
    con: duckdb.DuckDBPyConnection,
    *,
    since: str | None = None,
    until: str | None = None,
    actor: str | None = None,
    around: str | None = None,
    brokering: bool = False,
) -> list[Any]:
    """Directed events with a target, as network edges, optionally within dates, of an actor, or
    in the sentences where an actor acts or is acted upon (`around`: what brokerage needs).
    `brokering` keeps only the sentences where brokerage can be found (three events or more,
    one of them a consultation), all network.brokers reads."""
    from detente.analysis.network import Edge

    clauses, params = _edge_clauses(since, until)
    if actor:
        clauses.append("(source = ? OR target = ?)")
        params += [actor, actor]
    if around:
        clauses.append(
            "(doc_id, sent_index) IN (SELECT (doc_id, sent_index) FROM events "
            "WHERE source = ? OR target = ?)"
        )
        params += [around, around]
    where = " AND ".join(clauses)
    if brokering:
        where += (
            " AND (doc_id, sent_index) IN (SELECT (doc_id, sent_index) FROM events "  # noqa: S608 (fixed text; values bound)
            f"WHERE {where} GROUP BY doc_id, sent_index "
            "HAVING count(*) >= 3 AND bool_or(code LIKE '04%'))"
        )
        params = params + params
    sql = (
        "SELECT doc_id, sent_index, source, target, code, quad_class, evidence FROM events "  # noqa: S608 (fixed text; values bound)
        f"WHERE {where} ORDER BY doc_id, sent_index, event_id"
    )
    return [Edge(*row) for row in con.execute(sql, params).fetchall()]


def brokers_around(con: duckdb.DuckDBPyConnection, actor: str) -> list[Any]:
    """The brokerage an actor takes part in: as the broker, or as one of the parties."""
    from detente.analysis.network import brokers

    found = brokers(edge_rows(con, around=actor))
    return [b for b in found if actor in (b.broker, b.party_a, b.party_b)]


def profile_of(con: duckdb.DuckDBPyConnection, state: str) -> Any:
    from detente.analysis.profile import profile

    rows = con.execute(
        "SELECT source, target, root, goldstein FROM events WHERE source = ? OR target = ?",
        [state, state],
    ).fetchall()
    return profile(state, rows)


_DIRECTED = "target IS NOT NULL AND source <> target"
_QUAD_COUNTS = (
    "count(*) FILTER (WHERE quad_class <= 2) AS cooperation, "
    "count(*) FILTER (WHERE quad_class >= 3) AS conflict, "
    "round(avg(goldstein), 2) AS goldstein_mean"
)


def overview_rows(con: duckdb.DuckDBPyConnection, *, top: int = 10) -> dict[str, Any]:
    """What the store holds: counts, the date range, events per month by quad class, the most
    active dyads and actors, and events per root."""
    counts = dict_rows(
        con.execute(
            "SELECT (SELECT count(*) FROM documents) AS documents, "
            "(SELECT count(*) FROM documents WHERE coded) AS coded_documents, "
            "(SELECT count(*) FROM events) AS events, "
            "(SELECT count(*) FROM merged_events) AS merged_events, "
            "(SELECT count(DISTINCT actor) FROM (SELECT source AS actor FROM events "
            "UNION ALL SELECT target FROM events WHERE target IS NOT NULL)) AS actors, "
            "(SELECT min(date) FROM events) AS first_date, "
            "(SELECT max(date) FROM events) AS last_date"
        )
    )[0]
    timeline = dict_rows(
        con.execute(
            f"SELECT {period_sql('month')} AS period, count(*) AS events, "  # noqa: S608 (fixed text)
            "count(*) FILTER (WHERE quad_class = 1) AS verbal_cooperation, "
            "count(*) FILTER (WHERE quad_class = 2) AS material_cooperation, "
            "count(*) FILTER (WHERE quad_class = 3) AS verbal_conflict, "
            "count(*) FILTER (WHERE quad_class = 4) AS material_conflict "
            f"FROM events GROUP BY period ORDER BY period = '{UNDATED}', period"
        )
    )
    dyads = dict_rows(
        con.execute(
            f"SELECT source, target, count(*) AS events, {_QUAD_COUNTS} FROM events "  # noqa: S608 (fixed text)
            f"WHERE {_DIRECTED} GROUP BY source, target ORDER BY events DESC, source, target LIMIT ?",
            [top],
        )
    )
    return {
        **counts,
        "timeline": timeline,
        "top_dyads": dyads,
        "top_actors": actor_rows(con, limit=top),
        "roots": dict_rows(
            con.execute("SELECT root, count(*) AS events FROM events GROUP BY root ORDER BY root")
        ),
    }


def actor_stored(con: duckdb.DuckDBPyConnection, actor: str) -> bool:
    """Whether any event or mention of the store names this actor."""
    sql = """
        SELECT EXISTS (SELECT 1 FROM events WHERE source = $a OR target = $a)
            OR EXISTS (SELECT 1 FROM mentions WHERE actor = $a)
    """
    row = con.execute(sql, {"a": actor}).fetchone()
    return bool(row and row[0])


def require_actor(con: duckdb.DuckDBPyConnection, actor: str, option: str) -> str:
    """The actor, when the store names it; else a ValidationError naming the option."""
    if not actor_stored(con, actor):
        raise ValidationError(
            option, f"no actor {actor!r} is stored (`detente actors` lists those that are)"
        )
    return actor


def actor_rows(con: duckdb.DuckDBPyConnection, *, limit: int | None = None) -> list[dict[str, Any]]:
    """Every actor in the events, most active first: events as source, as target, in all, how
    many cooperative and conflictual, mean Goldstein, first and last date."""
    sql = f"""
        SELECT actor, count(*) AS events, count(*) FILTER (WHERE side = 'source') AS as_source,
               count(*) FILTER (WHERE side = 'target') AS as_target, {_QUAD_COUNTS},
               min(date) AS first_date, max(date) AS last_date
        FROM (SELECT source AS actor, 'source' AS side, quad_class, goldstein, date FROM events
              UNION ALL
              SELECT target, 'target', quad_class, goldstein, date FROM events WHERE {_DIRECTED})
        GROUP BY actor ORDER BY events DESC, actor
    """  # noqa: S608 (fixed text)
    if limit is not None:
        sql += f" LIMIT {int(limit)}"
    return dict_rows(con.execute(sql))


def partner_rows(con: duckdb.DuckDBPyConnection, actor: str) -> list[dict[str, Any]]:
    """An actor's partners, both directions together, most events first."""
    sql = f"""
        SELECT CASE WHEN source = ? THEN target ELSE source END AS partner, count(*) AS events,
               count(*) FILTER (WHERE source = ?) AS sent, count(*) FILTER (WHERE target = ?) AS received,
               {_QUAD_COUNTS}
        FROM events WHERE (source = ? OR target = ?) AND {_DIRECTED}
        GROUP BY partner ORDER BY events DESC, partner
    """  # noqa: S608 (fixed text; values bound)
    return dict_rows(con.execute(sql, [actor] * 5))
