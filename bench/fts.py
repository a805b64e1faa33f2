"""Search benchmark: DuckDB's full-text extension (BM25, stemming) against detente's substring scan.

    python bench/fts.py [--events 1000000] [--queries 60]

Runs in an environment with DuckDB 1.4.x and the PyPI package duckdb-ext-fts (its wheel holds the
extension for 1.4.x only; detente itself runs on DuckDB 2.0, which that package does not serve):

    python -m venv /tmp/fts && /tmp/fts/bin/pip install duckdb==1.4.4 duckdb-ext-fts==1.4.4.20260205
    /tmp/fts/bin/python bench/fts.py

It writes N synthetic evidence sentences (words drawn unevenly from a vocabulary of news words, as
`bench/api_queries.py` draws actors), builds the FTS index (timed, with the file's growth), then
times, for the same word and two-word queries, `evidence ILIKE '%w%'` for every word (detente's
`q=`), and `match_bm25` (ranked), one at a time. It prints p50 and p95 of each.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import tempfile
import time
from pathlib import Path

import duckdb

WORDS = (
    "talks minister sanctions border troops president agreement ceasefire summit embassy "
    "election protest strike missile oil gas pipeline treaty envoy parliament opposition "
    "court police army navy drills exports imports tariff loan aid refugees visit meeting "
    "statement criticised condemned accused threatened signed agreed rejected demanded urged "
    "negotiations peace war attack shelling drone nuclear reactor grain trade bank currency"
).split()


def extension_dir() -> str:
    import site

    for base in site.getsitepackages():
        path = Path(base) / "duckdb_ext" / "extensions"
        if path.is_dir():
            return str(path)
    raise SystemExit("duckdb-ext-fts is not installed in this environment")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=1_000_000)
    parser.add_argument("--queries", type=int, default=60)
    args = parser.parse_args()
    path = str(Path(tempfile.mkdtemp()) / "fts.duckdb")
    con = duckdb.connect(path, config={"extension_directory": extension_dir()})
    con.execute("SET autoinstall_known_extensions = false")
    words = ", ".join(f"'{w}'" for w in WORDS)
    started = time.perf_counter()
    con.execute(
        f"""CREATE TABLE events AS
            SELECT i AS id, array_to_string(list_transform(range(18), x ->
                   list_extract([{words}], 1 + CAST(floor(pow(random(), 1.7) * {len(WORDS)}) AS INTEGER))),
                   ' ') || ' number ' || i AS evidence
            FROM range({args.events}) r(i)"""  # noqa: S608 (fixed text)
    )
    con.execute("CHECKPOINT")
    before = os.path.getsize(path)
    print(
        f"duckdb {duckdb.__version__}: {args.events:,} events in {time.perf_counter() - started:.1f} s"
    )
    started = time.perf_counter()
    con.execute("LOAD fts")
    con.execute("PRAGMA create_fts_index('events', 'id', 'evidence', stemmer='english')")
    con.execute("CHECKPOINT")
    print(
        f"FTS index built in {time.perf_counter() - started:.1f} s; the file grew from "
        f"{before / 1e6:.0f} MB to {os.path.getsize(path) / 1e6:.0f} MB"
    )
    rng = random.Random(7)
    queries = [" ".join(rng.sample(WORDS, 1 + (n % 2))) for n in range(args.queries)]
    scan, bm25 = [], []
    for q in queries:
        terms = q.split()
        where = " AND ".join("evidence ILIKE ?" for _ in terms)
        started = time.perf_counter()
        con.execute(
            f"SELECT id FROM events WHERE {where} ORDER BY id LIMIT 50",  # noqa: S608 (fixed text)
            [f"%{t}%" for t in terms],
        ).fetchall()
        scan.append((time.perf_counter() - started) * 1000)
        started = time.perf_counter()
        con.execute(
            "SELECT id FROM (SELECT id, fts_main_events.match_bm25(id, ?, conjunctive := 1) AS s "
            "FROM events) WHERE s IS NOT NULL ORDER BY s DESC LIMIT 50",
            [q],
        ).fetchall()
        bm25.append((time.perf_counter() - started) * 1000)
    for name, times in (("substring scan (ILIKE)", scan), ("FTS match_bm25", bm25)):
        times.sort()
        p95 = times[max(0, int(len(times) * 0.95) - 1)]
        print(f"{name:<24} p50 {statistics.median(times):8.1f} ms   p95 {p95:8.1f} ms")


if __name__ == "__main__":
    main()
