"""SIGKILL in the middle of an ingest: workers end with their parent, no document is half-stored,
and reruns end with exactly what an uninterrupted run stores."""

from __future__ import annotations

import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from detente.config import Settings
from detente.operations import ingest
from detente.store import open_store
from tests.reliability.corpus import write_corpus

pytestmark = pytest.mark.slow
N_DOCS = 300
PATIENCE = 6.0  # seconds of coding after which a run is killed anyway


def store_state(db: str) -> dict[str, object]:
    """Row counts per table and the set of event keys of a store."""
    with open_store(db, read_only=True, wait=30) as store:
        con = store.con
        counts = {
            t: con.execute(f"SELECT count(*) FROM {t}").fetchall()[0][0]
            for t in ("documents", "sentences", "mentions", "events", "event_mentions")
        }
        keys = set(
            con.execute("SELECT doc_id, event_id, code, source, target FROM events").fetchall()
        )
    return {**counts, "event_keys": keys}


def half_stored(db: str) -> list[str]:
    """Documents whose rows are incomplete, and rows whose document is missing."""
    with open_store(db, read_only=True, wait=30) as store:
        con = store.con
        partial = con.execute(
            "SELECT d.doc_id FROM documents d LEFT JOIN (SELECT doc_id, count(*) AS n FROM sentences "
            "GROUP BY doc_id) s USING (doc_id) WHERE coalesce(s.n, 0) <> d.n_sentences"
        ).fetchall()
        orphans = con.execute(
            "SELECT doc_id FROM (SELECT doc_id FROM sentences UNION SELECT doc_id FROM mentions "
            "UNION SELECT doc_id FROM events UNION SELECT doc_id FROM event_mentions) "
            "WHERE doc_id NOT IN (SELECT doc_id FROM documents)"
        ).fetchall()
    return [r[0] for r in partial + orphans]


def pool_workers(pid: int) -> list[int]:
    """The coding worker processes (multiprocessing's spawned children) of process `pid`."""
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text()
                command = (entry / "cmdline").read_bytes()
            except OSError:
                continue
            if int(stat.rsplit(")", 1)[1].split()[1]) == pid and b"spawn_main" in command:
                found.append(int(entry.name))
    return found


def alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state not in ("Z", "X")  # a zombie has ended; only its exit status is left


def stored_documents(db: str) -> int:
    if not Path(db).exists():
        return 0
    try:
        with open_store(db, read_only=True, wait=2) as store:  # between two batch writes
            return int(store.con.execute("SELECT count(*) FROM documents").fetchall()[0][0])
    except Exception:  # busy, or not created yet
        return -1


def kill_when(db: str, corpus: Path, at_least: int) -> tuple[int, int]:
    """Start `detente ingest --workers 2`, SIGKILL its main process once `at_least` documents are
    stored; returns (documents stored just before the kill, workers it had)."""
    detente = Path(sys.executable).with_name("detente")
    process = subprocess.Popen(
        [str(detente), "ingest", str(corpus), "--db", db, "--workers", "2"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    seen, workers, pool_up = 0, [], None
    deadline = time.monotonic() + 180
    while time.monotonic() < deadline and process.poll() is None:
        seen = max(seen, stored_documents(db))
        workers = pool_workers(process.pid)
        if len(workers) >= 2:  # still coding: the pool is up
            pool_up = pool_up or time.monotonic()
            # kill once new documents are stored, or a while into coding on a machine so busy
            # that the store is never free between two batch writes to count them
            if seen >= at_least or time.monotonic() - pool_up > PATIENCE:
                break
        time.sleep(0.02)
    assert process.poll() is None, (
        f"the ingest ended before it could be killed ({seen} documents seen, "
        f"workers {workers}, pool up: {pool_up is not None})"
    )
    process.send_signal(signal.SIGKILL)
    process.wait()
    for _ in range(100):  # the workers notice within half a second
        if not any(alive(w) for w in workers):
            break
        time.sleep(0.05)
    assert not [w for w in workers if alive(w)], "workers outlived their killed parent"
    return seen, len(workers)


def test_sigkill_mid_ingest_loses_nothing_and_reruns_complete(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    write_corpus(corpus, N_DOCS)
    clean = str(tmp_path / "clean.duckdb")
    ingest([str(corpus)], settings=Settings(db=clean, workers=1))
    expected = store_state(clean)
    assert expected["documents"] == N_DOCS

    crashed = str(tmp_path / "crashed.duckdb")
    for _ in range(2):  # kill each run once it has stored something new
        before = store_state(crashed)["documents"] if Path(crashed).exists() else 0
        seen, workers = kill_when(crashed, corpus, int(str(before)) + 1)
        assert workers >= 2
        assert not half_stored(crashed)
        state = store_state(crashed)
        assert seen <= int(str(state["documents"])) < N_DOCS
    summary = ingest([str(corpus)], settings=Settings(db=crashed, workers=1))
    assert summary.failed == 0
    assert not half_stored(crashed)
    assert store_state(crashed) == expected
