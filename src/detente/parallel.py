"""Coding in parallel: worker processes parse and code; the main process alone writes the store.

Workers are started with "spawn" (a forked child must not inherit a DuckDB connection) and load
the model once each. Work goes out in batches, and at most a few batches per worker are in flight,
so a corpus of any size streams through in bounded memory.
"""

from __future__ import annotations

import multiprocessing
import os
import threading
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from itertools import islice
from multiprocessing.pool import AsyncResult
from pathlib import Path

from detente.coding import check_files, code_documents, load_coder
from detente.config import CoderSpec
from detente.types import CodedDocument, Document

# Documents per task sent to a worker: large enough to amortise pickling and spaCy's batching.
WORKER_BATCH = 32
# Batches per worker in flight at once: keeps every worker busy while bounding memory.
INFLIGHT_PER_WORKER = 2


def worker_count(requested: int) -> int:
    """0 means every core."""
    return requested if requested > 0 else max(1, os.cpu_count() or 1)


# Below this much input, starting worker processes (each loads the model, about 3 s) costs more
# than it saves: the documents are coded in-process.
SMALL_INPUT_BYTES = 400_000


def _input_bytes(paths: Sequence[str]) -> int | None:
    """Total size of the input files' text (compressed ones estimated), or None when unknown
    (standard input)."""
    total = 0
    for name in paths:
        if name == "-":
            return None
        path = Path(name)
        files = path.rglob("*") if path.is_dir() else [path]
        total += sum(_text_bytes(f) for f in files if f.is_file())
    return total


# How much text a compressed file holds per byte, about (news in JSON Lines, gzip).
GZIP_RATIO = 3


def _text_bytes(path: Path) -> int:
    size = path.stat().st_size
    return size * GZIP_RATIO if path.suffix == ".gz" else size


# `code_in_parallel` with no worker process: everything in the calling process.
IN_PROCESS = 0


def workers_for(paths: Sequence[str], requested: int) -> int:
    """Worker processes for coding these inputs: as requested (0: every core), or none (the
    documents are coded in-process) for a small input unless more than one was asked for. A
    single worker beside the main process, which reads and writes meanwhile, outruns coding
    in-process on a large input."""
    size = _input_bytes(paths)
    if requested <= 1 and size is not None and size < SMALL_INPUT_BYTES:
        return IN_PROCESS
    return worker_count(requested)


def _warm(spec: CoderSpec, parent: int) -> None:
    threading.Thread(target=_exit_with, args=(parent,), daemon=True).start()
    load_coder(spec)


def _exit_with(parent: int, every: float = 0.5) -> None:
    """A worker ends when the process that started it dies, even by SIGKILL (which runs no
    clean-up there): orphaned, it would parse on for nobody."""
    while os.getppid() == parent:
        time.sleep(every)
    os._exit(1)


def _ready(_: int) -> int:
    return os.getpid()


def _code_batch(spec: CoderSpec, batch: list[Document]) -> list[CodedDocument]:
    coder = load_coder(spec)
    return list(code_documents(batch, coder))


def batches(items: Iterable[Document], size: int) -> Iterator[list[Document]]:
    iterator = iter(items)
    while batch := list(islice(iterator, size)):
        yield batch


def code_in_parallel(
    documents: Iterable[Document],
    spec: CoderSpec,
    *,
    workers: int,
    on_started: Callable[[float], None] | None = None,
) -> Iterator[list[CodedDocument]]:
    """Coded documents in input order, in batches. With no worker (IN_PROCESS), everything runs
    in the calling process."""
    started = time.perf_counter()
    if workers <= IN_PROCESS:
        coder = load_coder(spec)
        if on_started:
            on_started(time.perf_counter() - started)
        for batch in batches(documents, WORKER_BATCH):
            yield list(code_documents(batch, coder))
        return
    check_files(spec)  # a bad model file is one error here, not a worker pool failing forever
    context = multiprocessing.get_context("spawn")
    with context.Pool(workers, initializer=_warm, initargs=(spec, os.getpid())) as pool:
        pool.map(_ready, range(workers))  # every worker has loaded the model
        if on_started:
            on_started(time.perf_counter() - started)
        inflight: deque[AsyncResult[list[CodedDocument]]] = deque()
        for batch in batches(documents, WORKER_BATCH):
            inflight.append(pool.apply_async(_code_batch, (spec, batch)))
            while len(inflight) >= workers * INFLIGHT_PER_WORKER:
                yield inflight.popleft().get()
        while inflight:
            yield inflight.popleft().get()
