"""`detente batch --engine local` and `detente load` end to end (loads the model)."""

from __future__ import annotations

import json
from pathlib import Path

import duckdb
import pytest
from click.testing import CliRunner

from detente.batch.layout import store_columns
from detente.cli import cli
from tests.conftest import EXAMPLES

pytestmark = pytest.mark.slow

TABLES = ("documents", "sentences", "mentions", "events", "event_mentions")


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, list(args), catch_exceptions=False)
    return result.exit_code, result.stdout, result.stderr


def corpus(folder: Path) -> Path:
    """The seed articles, an undated article, one dated to the year, a repeated id, a bad line."""
    folder.mkdir()
    (folder / "undated.txt").write_text(
        "Poland criticised Belarus over the detention of journalists.", encoding="utf-8"
    )
    lines = [
        {"id": "y1", "published": "2019", "text": "Russia and Belarus signed a treaty in Minsk."},
        {"id": "y1", "published": "2019", "text": "Russia and Belarus signed a treaty in Minsk."},
    ]
    (folder / "lines.jsonl").write_text(
        "\n".join(json.dumps(line) for line in lines) + "\n{oops\n", encoding="utf-8"
    )
    return folder


@pytest.fixture(scope="module")
def batch_out(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str, Path]:
    """One local batch run over the seeds and the small corpus: (output, stderr, corpus)."""
    root = tmp_path_factory.mktemp("batch")
    extra = corpus(root / "corpus")
    out = root / "out"
    code, _, err = run("batch", str(EXAMPLES), str(extra), "--out", str(out), "--workers", "1")
    assert code == 1, err  # the malformed line fails; everything else is written
    return out, err, extra


def test_batch_local_layout_and_columns(batch_out: tuple[Path, str, Path]) -> None:
    out, err, extra = batch_out
    assert f"{extra / 'lines.jsonl'}:3: [E006]" in err
    assert "6 documents" in err
    assert "1 skipped (repeated id), 1 failed" in err
    partitions = {
        p.relative_to(out / "documents").as_posix() for p in (out / "documents").glob("*/*")
    }
    assert partitions == {
        "year=2016/month=04",
        "year=2017/month=07",
        "year=2025/month=11",
        "year=2019/month=undated",
        "year=undated/month=undated",
    }
    manifest = json.loads((out / "_detente.json").read_text())
    assert manifest["engine"] == "local"
    assert manifest["skipped"] == 1
    assert set(manifest["tables"]) == set(TABLES)
    con = duckdb.connect()
    for table, columns in store_columns().items():
        glob = str(out / table / "**" / "*.parquet")
        described = con.execute(
            f"DESCRIBE SELECT * FROM read_parquet('{glob}', hive_partitioning = false)"
        ).fetchall()
        assert [(d[0], d[1]) for d in described] == [(c.name, c.type) for c in columns]
        count = con.execute(f"SELECT count(*) FROM read_parquet('{glob}')").fetchone()
        assert count == (manifest["tables"][table],)
    undated = con.execute(
        "SELECT doc_id, published FROM read_parquet("
        f"'{out / 'documents' / 'year=undated' / '**' / '*.parquet'}')"
    ).fetchall()
    assert len(undated) == 1
    assert undated[0][1] is None


def test_load_is_idempotent_and_events_work(
    batch_out: tuple[Path, str, Path], tmp_path: Path
) -> None:
    out, _, _ = batch_out
    db = str(tmp_path / "s.duckdb")
    code, _, err = run("load", str(out), "--db", db)
    assert code == 0, err
    assert "6 added, 0 skipped" in err
    con = duckdb.connect(db, read_only=True)
    before = {t: con.execute(f"SELECT * FROM {t} ORDER BY ALL").fetchall() for t in TABLES}
    con.close()
    manifest = json.loads((out / "_detente.json").read_text())
    assert {t: len(rows) for t, rows in before.items()} == manifest["tables"]

    code, _, err = run("load", str(out), "--db", db)
    assert code == 0, err
    assert "0 added, 6 skipped" in err
    con = duckdb.connect(db, read_only=True)
    after = {t: con.execute(f"SELECT * FROM {t} ORDER BY ALL").fetchall() for t in TABLES}
    merged = con.execute("SELECT count(*) FROM events WHERE merged_id IS NULL").fetchone()
    con.close()
    assert after == before
    assert merged == (0,)  # cross-document merging ran

    code, stdout, err = run("events", "--db", db, "--format", "jsonl")
    assert code == 0, err
    events = [json.loads(line) for line in stdout.splitlines()]
    assert len(events) == manifest["tables"]["events"] > 0
    assert {"y1"} <= {e["doc_id"] for e in events}


def test_load_same_as_ingest_and_skips_stored_documents(
    batch_out: tuple[Path, str, Path], tmp_path: Path
) -> None:
    out, _, extra = batch_out
    ingested, loaded = str(tmp_path / "i.duckdb"), str(tmp_path / "l.duckdb")
    run("ingest", str(EXAMPLES), str(extra), "--db", ingested, "--workers", "1")
    run("ingest", str(EXAMPLES), "--db", loaded, "--workers", "1")
    code, _, err = run("load", str(out), "--db", loaded)
    assert code == 0, err
    assert "2 added, 4 skipped" in err
    for command in ("events", "docs", "actors"):
        assert (
            run(command, "--db", loaded, "--format", "jsonl")[1]
            == run(command, "--db", ingested, "--format", "jsonl")[1]
        )
    assert (
        run("events", "--merged", "--db", loaded, "--format", "jsonl")[1]
        == run("events", "--merged", "--db", ingested, "--format", "jsonl")[1]
    )


def test_load_refuses_an_incomplete_output(
    batch_out: tuple[Path, str, Path], tmp_path: Path
) -> None:
    out, _, _ = batch_out
    damaged = tmp_path / "damaged"
    damaged.mkdir()
    for table in TABLES:
        (damaged / table).symlink_to(out / table)
    code, _, err = run("load", str(damaged), "--db", str(tmp_path / "s.duckdb"))
    assert code == 1
    assert "[E042]" in err
    assert "_detente.json: missing" in err
    manifest = json.loads((out / "_detente.json").read_text())
    manifest["tables"]["events"] += 1
    (damaged / "_detente.json").write_text(json.dumps(manifest))
    code, _, err = run("load", str(damaged), "--db", str(tmp_path / "s.duckdb"))
    assert code == 1
    assert "the output is incomplete or was changed" in err


def test_batch_refuses_a_used_output_folder(batch_out: tuple[Path, str, Path]) -> None:
    out, _, _ = batch_out
    code, _, err = run("batch", str(EXAMPLES), "--out", str(out))
    assert code == 1
    assert f"[E042] {out}: the output folder exists and is not empty" in err
