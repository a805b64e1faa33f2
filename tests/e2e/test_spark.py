"""The spark engine in local mode finds exactly what `detente ingest` finds (loads the model in
Spark's Python workers). Skipped only where PySpark or Java is truly absent; CI has both."""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

pyspark = pytest.importorskip(
    "pyspark", reason="PySpark is not installed: pip install 'detente[spark]'"
)

from detente.batch.spark import java_command, spark_session  # noqa: E402 (after the skip)
from detente.cli import cli  # noqa: E402
from tests.conftest import EXAMPLES  # noqa: E402

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(
        java_command() is None, reason="no Java runtime: the spark engine needs Java 17+"
    ),
]


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, list(args), catch_exceptions=False)
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture(scope="module")
def spark() -> Iterator[Any]:
    """One local Spark session for the module: `detente batch --engine spark` reuses it."""
    os.environ.setdefault("SPARK_LOCAL_IP", "127.0.0.1")
    session, _ = spark_session("local[2]")
    yield session
    session.stop()


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("corpus")
    (folder / "undated.txt").write_text(
        "Poland criticised Belarus over the detention of journalists. "
        "The European Union imposed sanctions on Belarus.",
        encoding="utf-8",
    )
    lines = [
        {"id": "j1", "published": "2019", "text": "Russia and Belarus signed a treaty in Minsk."},
        {"id": "j2", "published": "2020-08-10", "text": "Lithuania condemned Belarus."},
        {"id": "j1", "published": "2019", "text": "Russia and Belarus signed a treaty in Minsk."},
    ]
    (folder / "lines.jsonl").write_text(
        "\n".join(json.dumps(line) for line in lines) + "\n", encoding="utf-8"
    )
    return folder


def listed(command: str, db: str) -> list[str]:
    """The command's jsonl lines, sorted: rows tied on the command's order (two mentions at one
    offset) come in insertion order, which differs between engines."""
    code, out, err = run(command, "--db", db, "--format", "jsonl")
    assert code == 0, err
    return sorted(out.splitlines())


def event_keys(db: str) -> set[tuple[Any, ...]]:
    code, out, err = run("events", "--db", db, "--format", "jsonl")
    assert code == 0, err
    events = [json.loads(line) for line in out.splitlines()]
    return {
        (e["doc_id"], e["source"], e["target"], e["code"], e["date"], e["start"], e["end"])
        for e in events
    }


def test_spark_engine_finds_what_ingest_finds(spark: Any, corpus: Path, tmp_path: Path) -> None:
    out = tmp_path / "spark"
    code, _, err = run(
        "batch",
        str(EXAMPLES),
        str(corpus),
        "--out",
        str(out),
        "--engine",
        "spark",
        "--master",
        "local[2]",
        "--partitions",
        "3",
    )
    assert code == 0, err
    assert "7 documents" in err
    assert "1 skipped (repeated id), 0 failed" in err
    manifest = json.loads((out / "_detente.json").read_text())
    assert manifest["engine"] == "spark"
    assert (out / "events" / "year=2019" / "month=undated").is_dir()
    assert (out / "documents" / "year=undated" / "month=undated").is_dir()

    ingested, loaded = str(tmp_path / "i.duckdb"), str(tmp_path / "s.duckdb")
    assert run("ingest", str(EXAMPLES), str(corpus), "--db", ingested, "--workers", "1")[0] == 0
    code, _, err = run("load", str(out), "--db", loaded)
    assert code == 0, err
    expected = event_keys(ingested)
    assert len(expected) > 60  # the learned coder keeps few events with no target
    assert event_keys(loaded) == expected
    for command in ("docs", "actors", "events"):
        assert listed(command, loaded) == listed(command, ingested)


def test_spark_and_local_outputs_load_alike(spark: Any, corpus: Path, tmp_path: Path) -> None:
    outputs = {engine: tmp_path / engine for engine in ("local", "spark")}
    for engine, out in outputs.items():
        code, _, err = run(
            "batch", str(corpus), "--out", str(out), "--engine", engine, "--workers", "1"
        )
        assert code == 0, err
    stores = {engine: str(tmp_path / f"{engine}.duckdb") for engine in outputs}
    for engine, out in outputs.items():
        assert run("load", str(out), "--db", stores[engine])[0] == 0
    for command in ("docs", "actors", "events"):
        local = listed(command, stores["local"])
        assert local
        assert listed(command, stores["spark"]) == local
    assert (
        json.loads((outputs["spark"] / "_detente.json").read_text())["tables"]
        == json.loads((outputs["local"] / "_detente.json").read_text())["tables"]
    )
