from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from detente.errors import StoreBusyError, StoreError
from detente.store import open_store
from detente.store.duckdb import migrate
from detente.types import CodedDocument, Document, Sentence


def coded(doc_id: str = "d1", text: str = "Minsk hosted talks. Kyiv agreed.") -> CodedDocument:
    document = Document(doc_id=doc_id, text=text, raw_text=text, published="2016-04")
    sentences = (
        Sentence(doc_id, 0, 0, 19, text[0:19]),
        Sentence(doc_id, 1, 20, len(text), text[20:]),
    )
    return CodedDocument(document=document, sentences=sentences, coded=True)


def test_store_write_and_read_back(tmp_path: Path) -> None:
    with open_store(str(tmp_path / "s.duckdb")) as store:
        store.write(coded())
        (row,) = store.query("SELECT doc_id, published, published_date, n_sentences FROM documents")
        assert row["published"] == "2016-04"
        assert str(row["published_date"]) == "2016-04-01"
        assert row["n_sentences"] == 2
        for sent in store.query(
            "SELECT d.text AS doc, s.* FROM sentences s JOIN documents d USING (doc_id)"
        ):
            assert sent["doc"][sent["start_char"] : sent["end_char"]] == sent["text"]


def test_store_rewrite_replaces_rows(tmp_path: Path) -> None:
    with open_store(str(tmp_path / "s.duckdb")) as store:
        store.write(coded())
        store.write(coded())
        assert store.query("SELECT count(*) AS n FROM documents")[0]["n"] == 1
        assert store.query("SELECT count(*) AS n FROM sentences")[0]["n"] == 2


def test_store_failed_write_leaves_no_partial_document(tmp_path: Path) -> None:
    broken = CodedDocument(
        document=coded("d2").document,
        sentences=(Sentence("d2", 0, 0, 5, "Minsk"), Sentence("d2", None, 0, 5, "x")),  # type: ignore[arg-type]
        coded=True,
    )
    with open_store(str(tmp_path / "s.duckdb")) as store:
        store.write(coded("d1"))
        with pytest.raises(Exception, match="NOT NULL"):
            store.write(broken)
        assert store.query("SELECT doc_id FROM documents") == [{"doc_id": "d1"}]
        assert store.query("SELECT count(*) AS n FROM sentences WHERE doc_id = 'd2'")[0]["n"] == 0


def test_store_migrations_are_idempotent(tmp_path: Path) -> None:
    path = str(tmp_path / "s.duckdb")
    with open_store(path) as store:
        first = migrate(store.con)
    with open_store(path) as store:
        assert migrate(store.con) == first
        assert store.query("SELECT count(*) AS n FROM schema_version")[0]["n"] == first


def test_store_read_only_missing_file(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="no store"):
        open_store(str(tmp_path / "missing.duckdb"), read_only=True)


def test_store_busy_when_another_process_writes(tmp_path: Path) -> None:
    path = tmp_path / "s.duckdb"
    open_store(str(path)).close()
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            f"import duckdb,sys,time; c=duckdb.connect({str(path)!r}); print('ok', flush=True); time.sleep(30)",
        ],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout is not None
        assert holder.stdout.readline().strip() == "ok"
        with pytest.raises(StoreBusyError, match="busy"):
            open_store(str(path))
    finally:
        holder.kill()
        holder.wait()
