"""`detente serve` keeps answering while `detente ingest` writes to the same store, shows new
documents soon after they are committed, and a second writer is told the store is busy."""

from __future__ import annotations

import json
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from detente.config import Settings
from detente.operations import ingest
from tests.reliability.corpus import write_corpus
from tests.server import running_server

pytestmark = pytest.mark.slow
N_DOCS = 120


def get(url: str) -> tuple[int, dict[str, object]]:
    try:
        with urllib.request.urlopen(url, timeout=30) as response:  # noqa: S310 (our server)
            return response.status, json.loads(response.read())
    except urllib.error.HTTPError as e:
        return e.code, json.loads(e.read() or b"{}")


def test_serve_answers_while_ingest_writes(tmp_path: Path) -> None:
    db = str(tmp_path / "shared.duckdb")
    first, rest = tmp_path / "first", tmp_path / "rest"
    first.mkdir()
    (first / "opening.txt").write_text(
        "Serbia and Hungary opened a new border crossing on 2 June 2020, the ministers said.\n",
        encoding="utf-8",
    )
    write_corpus(rest, N_DOCS)
    ingest([str(first)], settings=Settings(db=db, workers=1))

    detente = str(Path(sys.executable).with_name("detente"))
    with running_server(db) as base:
        writer = subprocess.Popen(
            [detente, "ingest", str(rest), "--db", db, "--workers", "1"],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        statuses: list[int] = []
        totals: list[int] = []
        second: subprocess.CompletedProcess[str] | None = None
        while writer.poll() is None:
            status, body = get(base + "/api/documents?limit=1")
            statuses.append(status)
            if status == 200:
                totals.append(int(body["total"]))  # type: ignore[call-overload]
            status, _ = get(base + "/api/events?actor=BLR&limit=5")
            statuses.append(status)
            if second is None and len(totals) > 5 and totals[-1] > 1:
                second = subprocess.run(
                    [detente, "ingest", str(first), "--db", db, "--force"],
                    capture_output=True,
                    text=True,
                    check=False,
                )
            time.sleep(0.02)
        assert writer.wait() == 0
        status, body = get(base + "/api/documents?limit=1")
    assert status == 200
    assert body["total"] == 1 + N_DOCS
    assert set(statuses) == {200}, statuses
    assert totals == sorted(totals)
    assert len(set(totals)) >= 3  # new documents showed while the ingest ran
    assert second is not None
    assert second.returncode == 1
    assert "busy" in second.stderr
