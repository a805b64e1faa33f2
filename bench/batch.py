"""Batch benchmark: `detente batch` with the local engine against the spark engine, same articles.

    SPARK_LOCAL_IP=127.0.0.1 .venv/bin/python bench/batch.py [--corpus PATH] [--docs N]
        [--workers N] [--master local[N]] [--partitions N]

Both engines read the same .jsonl.gz, code every article and write the Parquet output. For each it
prints wall-clock seconds end to end (start-up included: worker processes loading the model, or
the Spark session and its Python workers loading it), documents/s and words/s, and rows written;
then Spark's overhead ratio (its seconds over the local engine's) and whether both wrote the same
rows.
"""

from __future__ import annotations

import argparse
import gzip
import itertools
import json
import os
import platform
import sys
import tempfile
import time
from pathlib import Path

from detente.batch import run_batch
from detente.batch.layout import BatchSummary
from detente.config import Settings

DEFAULT_CORPUS = Path(__file__).resolve().parents[2] / "shared" / "bench" / "reuters21578.jsonl.gz"


def write_subset(corpus: Path, limit: int | None, subset: Path, exclude: set[str]) -> int:
    """Copy the first `limit` articles (all when None) but those excluded to `subset`; returns
    their words."""
    words = 0
    with (
        gzip.open(corpus, "rt", encoding="utf-8") as source,
        gzip.open(subset, "wt", encoding="utf-8") as target,
    ):
        for line in itertools.islice(source, limit):
            article = json.loads(line)
            if article["id"] not in exclude:
                words += len(str(article["text"]).split())
                target.write(line)
    return words


def run(
    engine: str, subset: Path, out: Path, args: argparse.Namespace
) -> tuple[float, BatchSummary]:
    settings = Settings(workers=args.workers)
    started = time.perf_counter()
    summary = run_batch(
        [str(subset)],
        settings=settings,
        out=str(out),
        engine=engine,
        master=args.master,
        partitions=args.partitions,
    )
    if summary.failures:
        sys.exit(f"{engine}: {len(summary.failures)} inputs failed: {summary.failures[:3]}")
    return time.perf_counter() - started, summary


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--docs", type=int, default=1500, help="articles to use (0: all)")
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--master", default=f"local[{os.cpu_count() or 1}]")
    parser.add_argument("--partitions", type=int, default=0, help="0: Spark's default")
    parser.add_argument(
        "--exclude", action="append", default=[], metavar="ID", help="leave this article out"
    )
    args = parser.parse_args()
    os.environ.setdefault("SPARK_LOCAL_IP", "127.0.0.1")

    print(
        f"machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}"
    )
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        subset = folder / "subset.jsonl.gz"
        words = write_subset(args.corpus, args.docs or None, subset, set(args.exclude))
        results = {}
        for engine in ("local", "spark"):
            seconds, summary = run(engine, subset, folder / engine, args)
            results[engine] = (seconds, summary)
            setup = f"workers={args.workers}" if engine == "local" else f"master={args.master}"
            print(
                f"{engine} ({setup}): {summary.documents:,} docs, {words:,} words in {seconds:.1f} s "
                f"(start-up {summary.startup_seconds:.1f} s): {summary.documents / seconds:.1f} docs/s, "
                f"{words / seconds:,.0f} words/s; after start-up "
                f"{words / (seconds - summary.startup_seconds):,.0f} words/s; rows {summary.rows}"
            )
        local, spark = results["local"], results["spark"]
        left_out = f" but {', '.join(args.exclude)}" if args.exclude else ""
        print(f"corpus: {args.corpus.name}, first {args.docs or 'all'} articles{left_out}")
        print(f"spark overhead: {spark[0] / local[0]:.2f}x the local engine's time")
        print(f"same rows from both engines: {local[1].rows == spark[1].rows}")


if __name__ == "__main__":
    main()
