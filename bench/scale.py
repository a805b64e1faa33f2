"""Scale benchmark: a store of ten million events, and what a user does with it every day.

    .venv/bin/python bench/scale.py [--events 10000000] [--requests 300] [--keep FILE]

In one run it generates a synthetic store (bench/api_queries.py's generator: documents and events
written with SQL, then merged across documents by `remerge(full=True)`, the long part, and put
in the event list's order by `detente compact`), then measures:

- `detente ingest examples/` into an empty store and into a copy of the big one: wall time, their
  ratio, and peak memory (the process's maximum resident set, from /usr/bin/time);
- `detente load` of a batch output (`detente batch examples/`) into both, likewise;
- `GET /api/events` p50/p95 over the usual filters, deep pages by offset and by `after` cursor,
  through `detente serve`;
- `dyads` (every dyad by year; one actor by month), `multivector --actor BLR` and `network`,
  answered through `detente.open` in this process (the time of the call, no process start-up);
- `detente merge --full` on the big store, and the store's bytes per event.

Ratios are within this run; the machine's timings vary between runs. A 10-million-event store
takes about 2 GB of disk and a few minutes to generate; `--keep FILE` reuses it.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from api_queries import DEEP, DEEP_CURSOR, cursors_of, generate, p95, requests_of, timed

import detente
from tests.server import running_server

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"
DETENTE = Path(sys.executable).with_name("detente")


def run_measured(*args: str) -> tuple[float, float, str]:
    """Wall seconds, peak resident MB and standard error of `detente ARGS...`."""
    with tempfile.NamedTemporaryFile("r", suffix=".time") as out:
        started = time.perf_counter()
        done = subprocess.run(
            ["/usr/bin/time", "-f", "%M", "-o", out.name, str(DETENTE), *args],
            capture_output=True,
            text=True,
            check=False,
        )
        seconds = time.perf_counter() - started
        if done.returncode != 0:
            raise RuntimeError(f"detente {' '.join(args)} failed: {done.stderr}")
        kilobytes = int(out.read().split()[-1])
    return seconds, kilobytes / 1024, done.stderr.strip().splitlines()[-1]


def timed_call(call: Callable[[], Any], repeat: int = 3) -> float:
    """The median seconds of `repeat` calls (after one to warm the file cache)."""
    call()
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        call()
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def write_path(name: str, args: list[str], big: str, folder: Path) -> None:
    """One write path into an empty store and into a copy of the big one."""
    empty = str(folder / f"{name}-empty.duckdb")
    copy = str(folder / f"{name}-big.duckdb")
    shutil.copyfile(big, copy)
    small_s, small_mb, _ = run_measured(*args, "--db", empty)
    big_s, big_mb, said = run_measured(*args, "--db", copy)
    print(
        f"{name:<8} empty store {small_s:6.1f} s {small_mb:6.0f} MB | big store {big_s:6.1f} s "
        f"{big_mb:6.0f} MB | ratio {big_s / small_s:.2f}"
    )
    print(f"         ({said})")
    Path(copy).unlink()


PARTS = ("writes", "answers", "api", "merge")


def api(big: str, requests: int) -> None:
    """`GET /api/events` over the usual filters and deep pages, through `detente serve`."""
    cursors = cursors_of(big, 50)
    with running_server(big) as base:
        for _ in range(5):
            timed(base + "/api/events?actor=USA")
        by_kind: dict[str, list[float]] = {}
        for kind, query in requests_of(requests, cursors=cursors):
            by_kind.setdefault(kind, []).append(timed(f"{base}/api/events?{query}"))
    print(f"{'GET /api/events':<22}{'n':>5}{'p50 ms':>9}{'p95 ms':>9}")
    for kind, times in sorted(by_kind.items()):
        print(f"{kind:<22}{len(times):>5}{statistics.median(times):>9.1f}{p95(times):>9.1f}")
    usual = [t for kind, ts in by_kind.items() if kind not in (DEEP, DEEP_CURSOR) for t in ts]
    print(f"{'usual filters':<22}{len(usual):>5}{statistics.median(usual):>9.1f}{p95(usual):>9.1f}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=10_000_000)
    parser.add_argument("--requests", type=int, default=300)
    parser.add_argument("--keep", metavar="FILE", help="Keep (or reuse) the generated store here.")
    parser.add_argument(
        "--parts",
        default=",".join(PARTS),
        help=f"What to measure, comma-separated (default all: {','.join(PARTS)}).",
    )
    args = parser.parse_args()
    parts = set(args.parts.split(","))
    folder = Path(tempfile.mkdtemp(prefix="detente-scale-"))
    big = args.keep or str(folder / "big.duckdb")
    if not Path(big).exists():
        started = time.perf_counter()
        generate(big, args.events, merged=True)
        print(
            f"generated {args.events:,} events and merged them in "
            f"{time.perf_counter() - started:.0f} s → {big}"
        )
        seconds, mb, said = run_measured("compact", "--db", big)
        print(f"compact {seconds:.0f} s, {mb:.0f} MB ({said})")
    store = detente.open(big)
    size = Path(big).stat().st_size
    n = store.overview(top=1)["events"]
    print(f"store: {n:,} events, {size / 1e9:.2f} GB, {size / n:.0f} bytes per event")

    if "writes" in parts:
        write_path("ingest", ["ingest", str(EXAMPLES)], big, folder)
        batch = str(folder / "batch")
        subprocess.run(
            [str(DETENTE), "batch", str(EXAMPLES), "--out", batch], check=True, capture_output=True
        )
        write_path("load", ["load", batch], big, folder)

    answers = {
        "dyads --by year": lambda: store.dyads(by="year"),
        "dyads --actor BLR": lambda: store.dyads(actor="BLR", by="month"),
        "multivector --actor BLR": lambda: store.multivector("BLR"),
        "network": lambda: store.network(),
    }
    for name, call in answers.items() if "answers" in parts else ():
        print(f"{name:<24} {timed_call(call):6.2f} s")
    if "api" in parts:
        api(big, args.requests)
    if "merge" in parts:
        seconds, mb, said = run_measured("merge", "--full", "--db", big)
        print(f"merge --full {seconds:.0f} s, {mb:.0f} MB ({said})")
    if not args.keep:
        shutil.rmtree(folder)


if __name__ == "__main__":
    main()
