"""Batch output layout, schema, manifest and the spark engine's checks (no model, no Spark job)."""

from __future__ import annotations

import builtins
import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest

from detente.batch.layout import (
    MANIFEST,
    BatchSummary,
    partition_of,
    prepare_out,
    read_manifest,
    store_columns,
    write_manifest,
)
from detente.batch.spark import check_spark, spark_value, typed_row
from detente.errors import BatchError, MissingExtraError, MissingJavaError
from detente.store import open_store


@pytest.mark.parametrize(
    ("published", "partition"),
    [
        ("2016-04-12", ("2016", "04")),
        ("2016-04", ("2016", "04")),
        ("2016", ("2016", "undated")),
        (None, ("undated", "undated")),
        ("", ("undated", "undated")),
    ],
)
def test_layout_partition_of(published: str | None, partition: tuple[str, str]) -> None:
    assert partition_of(published) == partition


def test_layout_store_columns_are_the_store_tables(tmp_path: Path) -> None:
    columns = store_columns()
    assert list(columns) == ["documents", "sentences", "mentions", "events", "event_mentions"]
    with open_store(str(tmp_path / "s.duckdb")) as store:
        for table, cols in columns.items():
            described = store.con.execute(f"DESCRIBE {table}").fetchall()
            assert [(c.name, c.type) for c in cols] == [(d[0], d[1]) for d in described]
    by_name = {c.name: c for c in columns["events"]}
    assert by_name["doc_id"].nullable is False
    assert by_name["target"].nullable is True


def test_layout_prepare_out_refuses_a_folder_in_use(tmp_path: Path) -> None:
    assert prepare_out(str(tmp_path / "new" / "out")).is_dir()
    (tmp_path / "used").mkdir()
    (tmp_path / "used" / "x").write_text("x")
    with pytest.raises(
        BatchError, match=r"\[E042\] .*used: the output folder exists and is not empty"
    ):
        prepare_out(str(tmp_path / "used"))


def test_layout_manifest_round_trip_and_missing(tmp_path: Path) -> None:
    with pytest.raises(BatchError, match=r"\[E042\] .*_detente.json: missing"):
        read_manifest(tmp_path)
    summary = BatchSummary(engine="local", out=str(tmp_path), rows={"documents": 2}, skipped=1)
    write_manifest(tmp_path, summary)
    manifest = read_manifest(tmp_path)
    assert (manifest["engine"], manifest["tables"], manifest["skipped"]) == (
        "local",
        {"documents": 2},
        1,
    )
    (tmp_path / MANIFEST).write_text(json.dumps({"format": 99}))
    with pytest.raises(BatchError, match="format 1"):
        read_manifest(tmp_path)


def test_layout_spark_values_follow_the_column_types() -> None:
    assert spark_value("DATE", "2016-04-01") == dt.date(2016, 4, 1)
    assert spark_value("DATE", None) is None
    assert spark_value("DOUBLE", 3) == 3.0
    assert isinstance(spark_value("DOUBLE", 3), float)
    assert spark_value("VARCHAR", "2016-04-01") == "2016-04-01"
    assert typed_row(["VARCHAR", "DOUBLE"], ["a", 1]) == ("a", 1.0)
    with pytest.raises(ValueError, match="longer"):
        typed_row(["VARCHAR"], ["a", 1])


def test_layout_missing_java_names_what_to_install(monkeypatch: pytest.MonkeyPatch) -> None:
    pytest.importorskip("pyspark", reason="PySpark (extra [spark]) is not installed")
    monkeypatch.delenv("JAVA_HOME", raising=False)
    monkeypatch.setenv("PATH", "")
    with pytest.raises(MissingJavaError, match=r"\[E041\] .*openjdk-17-jre-headless.*JAVA_HOME"):
        check_spark()


def test_layout_missing_pyspark_names_the_extra(monkeypatch: pytest.MonkeyPatch) -> None:
    real_import = builtins.__import__

    def no_pyspark(name: str, *args: Any, **kwargs: Any) -> Any:
        if name == "pyspark" or name.startswith("pyspark."):
            raise ImportError(name)
        return real_import(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", no_pyspark)
    with pytest.raises(MissingExtraError, match=r"\[E040\] .*pip install 'detente\[spark\]'"):
        check_spark()
