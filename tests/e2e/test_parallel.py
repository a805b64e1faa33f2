"""Parallel ingest gives exactly what in-process ingest gives (loads the model in workers)."""

from __future__ import annotations

from pathlib import Path

import pytest

from detente.config import Settings
from detente.operations import ingest, list_events, list_mentions
from detente.parallel import batches, worker_count
from detente.types import Document
from tests.conftest import EXAMPLES

pytestmark = pytest.mark.slow


def test_parallel_same_events_as_in_process(tmp_path: Path) -> None:
    one = Settings(db=str(tmp_path / "one.duckdb"), workers=1)
    two = Settings(db=str(tmp_path / "two.duckdb"), workers=2)
    first = ingest([str(EXAMPLES)], settings=one)
    second = ingest([str(EXAMPLES)], settings=two)
    assert first.as_dict()["added"] == second.as_dict()["added"] == 4
    assert list_events(settings=one) == list_events(settings=two)
    assert list_mentions(settings=one) == list_mentions(settings=two)


def test_parallel_batches_and_worker_count() -> None:
    docs = [Document(doc_id=str(i), text="x", raw_text="x") for i in range(5)]
    assert [len(b) for b in batches(docs, 2)] == [2, 2, 1]
    assert worker_count(3) == 3
    assert worker_count(0) >= 1


def test_workers_for_codes_a_small_input_in_process(tmp_path: Path) -> None:
    from detente.parallel import IN_PROCESS, SMALL_INPUT_BYTES, workers_for

    small, large = tmp_path / "small.txt", tmp_path / "large.txt"
    small.write_text("Russia met Belarus.", encoding="utf-8")
    large.write_text("x" * SMALL_INPUT_BYTES, encoding="utf-8")
    assert workers_for([str(small)], 0) == IN_PROCESS
    assert workers_for([str(small)], 1) == IN_PROCESS
    assert workers_for([str(small)], 2) == 2
    assert workers_for([str(large)], 1) == 1  # one worker beside the writing main process
    assert workers_for(["-"], 1) == 1
    packed = tmp_path / "packed.jsonl.gz"
    packed.write_bytes(b"x" * (SMALL_INPUT_BYTES // 2))
    assert workers_for([str(packed)], 1) == 1  # about three times as much text inside
