"""Throughput benchmark: the bare spaCy pipeline against `detente ingest` end to end, in one run.

    .venv/bin/python bench/throughput.py [--corpus PATH] [--docs N] [--workers 1 2] [--rules-too]

For each worker count it prints words/s and documents/s of (1) the bare pipeline (every component
of the model, nlp.pipe with batch_size 64, n_process = workers), (2) `detente ingest` of the same
articles from a .jsonl.gz file into a fresh store (reading, cleaning, the prefilter, NLP, actors,
events, writing) and (3) the same with `--no-prefilter`; the ratios of 2 and 3 to 1, the share of
sentences the prefilter left unparsed, and peak resident memory. Model loading is excluded from
every timing. `detente ingest` runs with the learned coder (the shipped model); with --rules-too it
also runs with the rules alone, so that the model's own cost shows in the same run.
"""

from __future__ import annotations

import argparse
import gzip
import itertools
import json
import os
import platform
import resource
import sys
import tempfile
import time
from pathlib import Path

import spacy

from detente.config import Settings
from detente.nlp import MODEL_PACKAGE
from detente.operations import ingest

DEFAULT_CORPUS = Path(__file__).resolve().parents[2] / "shared" / "bench" / "reuters21578.jsonl.gz"
BATCH_SIZE = 64


def read_corpus(path: Path, limit: int | None) -> list[dict[str, object]]:
    with gzip.open(path, "rt", encoding="utf-8") as handle:
        return [json.loads(line) for line in itertools.islice(handle, limit)]


def cpu_seconds() -> float:
    """CPU time used so far by this process and by its children that have ended."""
    own = resource.getrusage(resource.RUSAGE_SELF)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def bare_pipeline(texts: list[str], workers: int) -> tuple[float, float]:
    """Wall-clock and CPU seconds of the bare pipeline over the texts."""
    nlp = spacy.load(MODEL_PACKAGE)
    nlp.max_length = 3_000_000
    list(nlp.pipe(texts[:20]))  # warm up
    started, cpu = time.perf_counter(), cpu_seconds()
    for _ in nlp.pipe(texts, batch_size=BATCH_SIZE, n_process=workers):
        pass
    return time.perf_counter() - started, cpu_seconds() - cpu


def detente_ingest(
    corpus: Path, workers: int, folder: Path, event_model: str = "", prefilter: str = ""
) -> tuple[float, int, float]:
    """Seconds (model loading excluded), documents stored, share of sentences left unparsed.
    Prints the CPU seconds every process of the run used (model loading included)."""
    name = f"bench-{workers}-{event_model or 'model'}-{prefilter or 'prefilter'}.duckdb"
    settings = Settings(
        db=str(folder / name), workers=workers, event_model=event_model, prefilter=prefilter
    )
    cpu = cpu_seconds()
    summary = ingest([str(corpus)], settings=settings)
    print(
        f"  (ingest, workers={workers}, prefilter {prefilter or 'shipped'}: "
        f"{cpu_seconds() - cpu:,.1f} CPU s over all processes, model loading included)"
    )
    if summary.failed:
        sys.exit(f"ingest failed on {summary.failed} inputs: {summary.failures[:3]}")
    unparsed = summary.unparsed / summary.sentences if summary.sentences else 0.0
    return summary.seconds - summary.startup_seconds, summary.added, unparsed


def peak_mb() -> tuple[float, float]:
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    return own, children


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--docs", type=int, default=2000, help="articles to use (0: all)")
    parser.add_argument("--workers", type=int, nargs="+", default=[1, os.cpu_count() or 1])
    parser.add_argument("--rules-too", action="store_true", help="also time the rules alone")
    args = parser.parse_args()

    rows = read_corpus(args.corpus, args.docs or None)
    texts = [str(r["text"]) for r in rows]
    words = sum(len(t.split()) for t in texts)
    print(
        f"machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}, "
        f"spaCy {spacy.__version__}"
    )
    print(f"corpus: {args.corpus.name}, {len(texts):,} articles, {words:,} words")
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        subset = folder / "subset.jsonl.gz"
        with gzip.open(subset, "wt", encoding="utf-8") as handle:
            for row in rows:
                handle.write(json.dumps(row) + "\n")
        results = {}
        for workers in args.workers:
            bare, bare_cpu = bare_pipeline(texts, workers)
            print(f"  (bare pipeline, n_process={workers}: {bare_cpu:,.1f} CPU s)")
            full, stored, unparsed = detente_ingest(subset, workers, folder)
            results[workers] = (bare, full)
            own, children = peak_mb()
            print(
                f"workers={workers}: bare {words / bare:,.0f} words/s ({len(texts) / bare:,.1f} docs/s); "
                f"detente {words / full:,.0f} words/s ({stored / full:,.1f} docs/s), "
                f"{unparsed:.1%} of sentences unparsed; "
                f"ratio {bare / full:.2f}; peak RSS main {own:,.0f} MB, largest child {children:,.0f} MB"
            )
            whole, _, _ = detente_ingest(subset, workers, folder, prefilter="off")
            print(
                f"workers={workers}: detente --no-prefilter {words / whole:,.0f} words/s; "
                f"ratio to bare {bare / whole:.2f}; the prefilter saves {1 - full / whole:.1%}"
            )
            if args.rules_too:
                rules, _, _ = detente_ingest(subset, workers, folder, event_model="rules")
                print(
                    f"workers={workers}: detente, rules alone {words / rules:,.0f} words/s; "
                    f"ratio to bare {bare / rules:.2f}; the model costs {full / rules - 1:+.1%}"
                )
        if 1 in results:
            for workers, (bare, full) in results.items():
                if workers != 1:
                    print(
                        f"speed-up of {workers} workers over 1: bare {results[1][0] / bare:.2f}x, "
                        f"detente {results[1][1] / full:.2f}x"
                    )


if __name__ == "__main__":
    main()
