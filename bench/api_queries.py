"""Query benchmark: `GET /api/events` on a store of one million events, through a real server.

    .venv/bin/python bench/api_queries.py [--events 1000000] [--requests 400] [--keep FILE]

It generates a synthetic store (documents and events written with SQL, codes and Goldstein values
from the CAMEO table, actors drawn unevenly from 80 codes, dates over 1995-2026, each event its
own merged event), starts
`detente serve` on it, and times HTTP requests for the event list with the filters analysts use
(actor, source and target, root, date ranges, deep pages; no full-text search), one at a time;
pages beyond the 400th of the unfiltered list of a million events are reported apart, by offset
and by `after` cursor (keyset pagination).
It prints the 50th and 95th percentile per kind of filter and overall, and the same for `GET /api`
(no store access) as the server's own floor, measured in the same run.
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

from detente.events.ontology import load_ontology
from detente.store import open_store
from detente.analysis.remerge import remerge
from detente.store.duckdb import assign_sort_keys

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from tests.server import running_server

ACTORS = [
    "USA", "RUS", "CHN", "UKR", "BLR", "GBR", "FRA", "DEU", "POL", "LTU", "LVA", "EST", "TUR",
    "IRN", "ISR", "PSE", "SYR", "IRQ", "SAU", "ARE", "QAT", "EGY", "IND", "PAK", "AFG", "JPN",
    "KOR", "PRK", "MMR", "THA", "VNM", "IDN", "PHL", "AUS", "CAN", "MEX", "BRA", "ARG", "VEN",
    "COL", "CUB", "NGA", "ETH", "SDN", "SSD", "KEN", "ZAF", "COD", "MLI", "NER", "LBY", "TUN",
    "DZA", "MAR", "GEO", "ARM", "AZE", "KAZ", "UZB", "KGZ", "TJK", "MDA", "ROU", "HUN", "SRB",
    "BIH", "HRV", "GRC", "CYP", "ITA", "ESP", "NLD", "BEL", "SWE", "FIN", "NOR", "NATO", "EU",
    "UN", "OSCE",
]  # fmt: skip
# Pages deep into the unfiltered list sort every event's key (~0.1 s per million here): reported
# on their own line, apart from the lists analysts page through.
DEEP = "unfiltered deep page"
SECTORS = ["GOV", "MIL", "GOV", "", "BUS", "CVL", "GOV"]


def generate(path: str, n_events: int, *, merged: bool = False) -> None:
    """A store with `n_events` events over n_events/20 documents (a few MB of SQL, no NLP)."""
    ontology = load_ontology()
    codes = sorted(ontology.codes)
    with open_store(path) as store:
        con = store.con
        con.execute("SET enable_progress_bar = false")
        con.execute(
            "CREATE TEMP TABLE actors AS SELECT unnest(?) AS code, generate_subscripts(?, 1) AS i",
            [ACTORS, ACTORS],
        )
        con.execute(
            "CREATE TEMP TABLE codes AS SELECT * FROM (VALUES "
            + ", ".join(
                f"('{c}', '{ontology.get(c).root}', {ontology.get(c).quad_class}, {ontology.get(c).goldstein}, '{ontology.get(c).plover or ''}', {i + 1})"
                for i, c in enumerate(codes)
            )
            + ") t(code, root, quad_class, goldstein, plover, i)"
        )
        n_docs = max(1, n_events // 20)
        con.execute(
            f"""INSERT INTO documents SELECT
                printf('%016x', i), 'Synthetic article ' || i, strftime(d, '%Y-%m-%d'), d, false,
                'bench', NULL, NULL, 'en', printf('%064x', i), 'text', 'text', 20, true, 'bench',
                now(), 'bench'
              FROM (SELECT i, DATE '1995-01-01' + CAST(floor(random() * 11600) AS INTEGER) AS d
                    FROM range({n_docs}) r(i))"""  # noqa: S608 (numbers only)
        )
        n_actors, n_codes = len(ACTORS), len(codes)
        con.execute(
            f"""INSERT INTO events SELECT
                printf('%016x', e.i // 20), printf('%016x', e.i), s.code, '{SECTORS[0]}',
                CASE WHEN e.i % 9 = 0 THEN NULL ELSE t.code END, NULL, c.code, c.root,
                c.quad_class, c.goldstein, nullif(c.plover, ''), strftime(e.d, '%Y-%m-%d'), e.d,
                'day', 'text', 'said', 0.8, e.i % 20, 10, 60,
                'Synthetic evidence sentence number ' || e.i || ' about ' || s.code || ' and ' || t.code,
                1, 'bench', 'bench', 'bench', printf('%016x', e.i), NULL, NULL, NULL
              FROM (SELECT i, DATE '1995-01-01' + CAST(floor(random() * 11600) AS INTEGER) AS d,
                           1 + CAST(floor(pow(random(), 2.2) * {n_actors}) AS INTEGER) AS a,
                           1 + CAST(floor(pow(random(), 2.2) * {n_actors}) AS INTEGER) AS b,
                           1 + CAST(floor(random() * {n_codes}) AS INTEGER) AS k
                    FROM range({n_events}) r(i)) e
              JOIN actors s ON s.i = e.a JOIN actors t ON t.i = e.b JOIN codes c ON c.i = e.k"""  # noqa: S608 (numbers only)
        )
        assign_sort_keys(con)
        if merged:  # the merge a store of these events would hold
            remerge(con, full=True)
        else:  # each event its own merged event (not the merge's own result: writes would redo it)
            con.execute(
                "INSERT INTO merged_events SELECT e.merged_id, e.source, e.target, e.root, "
                "e.code, e.date, 1, 1, [e.doc_id], d.published, d.published, e.evidence "
                "FROM events e JOIN documents d USING (doc_id)"
            )


DEEP_CURSOR = "deep cursor (after=)"


def cursors_of(db: str, n: int, seed: int = 7) -> list[str]:
    """`after` cursors of pages deep in the unfiltered list (the sort keys at random positions)."""
    rng = random.Random(seed)
    with open_store(db, read_only=True) as store:
        total = store.con.execute("SELECT count(*) FROM events").fetchall()[0][0]
        positions = [rng.randint(min(20_000, total - 1), total - 1) for _ in range(n)]
        keys = [
            store.con.execute(
                "SELECT sort_key FROM events ORDER BY sort_key LIMIT 1 OFFSET ?", [p]
            ).fetchall()[0][0]
            for p in positions
        ]
    return [f"k{key:x}" for key in keys]


def requests_of(n: int, seed: int = 7, cursors: list[str] | None = None) -> list[tuple[str, str]]:
    rng = random.Random(seed)
    kinds = []
    for _ in range(n):
        a, b = rng.choice(ACTORS[:30]), rng.choice(ACTORS)
        year = rng.randint(1996, 2025)
        kinds += [
            ("actor", f"actor={a}"),
            ("dyad", f"source={a}&target={b}"),
            ("root", f"root={rng.randint(1, 20):02d}"),
            ("dates", f"since={year}-01&until={year}-06-30"),
            ("actor+root+dates", f"actor={a}&root={rng.randint(1, 20)}&since={year}"),
            ("deep page", f"actor={a}&offset={rng.randint(100, 5000)}"),
            ("no filter", f"offset={rng.randint(0, 200) * 50}"),
            (DEEP, f"offset={rng.randint(20_000, 999_000)}"),
        ]
        if cursors:
            kinds.append((DEEP_CURSOR, f"after={rng.choice(cursors)}"))
    rng.shuffle(kinds)
    return kinds[:n]


def timed(url: str) -> float:
    started = time.perf_counter()
    with urllib.request.urlopen(url, timeout=30) as response:  # noqa: S310 (our own server)
        response.read()
    return (time.perf_counter() - started) * 1000


def p95(values: list[float]) -> float:
    return statistics.quantiles(values, n=20)[-1] if len(values) > 1 else values[0]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=1_000_000)
    parser.add_argument("--requests", type=int, default=400)
    parser.add_argument("--port", type=int, default=0, help="0: any free port")
    parser.add_argument("--keep", metavar="FILE", help="Keep the generated store here.")
    args = parser.parse_args()
    folder = tempfile.mkdtemp(prefix="detente-bench-")
    db = args.keep or str(Path(folder) / "bench.duckdb")
    if not Path(db).exists():
        started = time.perf_counter()
        generate(db, args.events)
        print(f"generated {args.events:,} events in {time.perf_counter() - started:.1f} s → {db}")
    cursors = cursors_of(db, 50)
    with running_server(db, args.port or None) as base:
        for _ in range(5):  # warm the file cache and the server
            timed(base + "/api/events?actor=USA")
        floor = [timed(base + "/api") for _ in range(100)]
        by_kind: dict[str, list[float]] = {}
        for kind, query in requests_of(args.requests, cursors=cursors):
            by_kind.setdefault(kind, []).append(timed(f"{base}/api/events?{query}"))
    every = [t for kind, ts in by_kind.items() if kind not in (DEEP, DEEP_CURSOR) for t in ts]
    deep_too = [t for ts in by_kind.values() for t in ts]
    print(f"{'request':<20}{'n':>6}{'p50 ms':>10}{'p95 ms':>10}")
    for kind, times in sorted(by_kind.items()):
        print(f"{kind:<20}{len(times):>6}{statistics.median(times):>10.1f}{p95(times):>10.1f}")
    print(
        f"{'all event lists':<20}{len(every):>6}{statistics.median(every):>10.1f}{p95(every):>10.1f}"
    )
    print(
        f"{'GET /api (floor)':<20}{len(floor):>6}{statistics.median(floor):>10.1f}{p95(floor):>10.1f}"
    )
    print(
        f"{'+ unfiltered deep':<20}{len(deep_too):>6}{statistics.median(deep_too):>10.1f}{p95(deep_too):>10.1f}"
    )
    print(f"p95 of the event list / p95 of the floor: {p95(every) / p95(floor):.1f}x")


if __name__ == "__main__":
    main()
