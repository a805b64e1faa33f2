"""Batch: the ingest pipeline over a large corpus into partitioned Parquet, on this machine
(worker processes) or on Apache Spark; `load_batch` brings the output into a store."""

from __future__ import annotations

import time
from collections.abc import Iterable

from detente.batch.layout import BatchSummary, prepare_out, write_manifest
from detente.batch.load import LoadSummary, load_batch
from detente.config import Settings
from detente.ingest import ReadOptions

ENGINES = ("local", "spark")

__all__ = ["ENGINES", "BatchSummary", "LoadSummary", "load_batch", "run_batch"]


def run_batch(
    paths: Iterable[str],
    *,
    settings: Settings,
    out: str,
    engine: str = "local",
    master: str | None = None,
    partitions: int = 0,
    date: str | None = None,
) -> BatchSummary:
    """Read and code every document under `paths` as `detente ingest` does, and write the rows
    the store would get as Parquet under `out` (see `detente.batch.layout`)."""
    started = time.perf_counter()
    paths = list(paths)
    opts = ReadOptions(
        default_date=date,
        max_chars=settings.max_doc_chars,
        max_decompressed_bytes=settings.max_decompressed_bytes,
    )
    if engine == "spark":
        from detente.batch.spark import check_spark, run_spark

        check_spark()  # before anything is written
        folder = prepare_out(out)
        counts, skipped, failures, startup = run_spark(
            paths,
            opts,
            settings.coder,
            folder=folder,
            master=master,
            partitions=partitions,
        )
    elif engine == "local":
        from detente.batch.local import run_local

        folder = prepare_out(out)
        counts, skipped, failures, startup = run_local(
            paths, opts, settings=settings, folder=folder
        )
    else:
        raise ValueError(f"engine must be one of {', '.join(ENGINES)}")
    summary = BatchSummary(
        engine=engine,
        out=out,
        rows=counts,
        skipped=skipped,
        failures=tuple(failures),
        seconds=time.perf_counter() - started,
        startup_seconds=startup,
    )
    write_manifest(folder, summary)
    return summary
