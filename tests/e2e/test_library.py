"""`detente.open(db)`: the analyst's session of the README, on the seed articles."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

import detente
from detente.cli import cli
from detente.errors import MissingExtraError, ValidationError

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def db(examples_db: str) -> str:
    return examples_db


def test_events_as_a_dataframe_hold_the_jsonl_fields(db: str) -> None:
    frame = detente.open(db).events(actor="BLR").df()
    out = CliRunner().invoke(cli, ["events", "--db", db, "--actor", "BLR", "--format", "jsonl"])
    rows = [json.loads(line) for line in out.stdout.splitlines()]
    assert len(frame) == len(rows) > 0
    assert list(frame.columns) == list(rows[0])
    assert frame["event_id"].tolist() == [r["event_id"] for r in rows]
    assert set(frame["source"]) | set(frame["target"]) >= {"BLR"}


def test_every_answer_converts_and_iterates(db: str) -> None:
    store = detente.open(db)
    for result in (
        store.events(since="2025"),
        store.merged_events(actor="RUS"),
        store.documents(),
        store.dyads(actor="BLR", by="year"),
        store.multivector("BLR"),
        store.network(),
        store.profile("BLR", "RUS"),
    ):
        rows = list(result)
        assert rows, result
        assert all(isinstance(r, dict) for r in rows)
        assert len(result.df()) == len(rows)
        table = result.arrow()
        assert table.num_rows == len(rows)
        assert table.column_names == list(result.columns)
    assert "similarity" in store.profile("BLR", "RUS").meta
    assert "brokers" in store.network().meta
    assert detente.open(db).events(actor="ZZZ").df().empty


def test_bad_filters_are_refused_as_the_commands_refuse_them(db: str) -> None:
    store = detente.open(db)
    with pytest.raises(ValidationError, match="since"):
        store.events(since="2025-13-01")
    with pytest.raises(ValidationError, match="actor"):
        store.multivector("ZZZ")


def test_polars_is_optional(db: str) -> None:
    result = detente.open(db).dyads(actor="BLR")
    try:
        import polars  # noqa: F401
    except ImportError:
        with pytest.raises(MissingExtraError, match="pip install polars"):
            result.pl()
    else:
        assert result.pl().height == len(result)


def test_a_missing_store_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(detente.DetenteError, match="no store"):
        detente.open(str(tmp_path / "none.duckdb")).events()


def test_codes_in_any_case_and_values_are_checked(db: str) -> None:
    store = detente.open(db)
    assert len(store.events(actor="blr")) == len(store.events(actor="BLR")) > 0
    for bad in ({"min_confidence": "x"}, {"since": "２０２４"}, {"actor": "B L R"}):
        with pytest.raises(ValidationError):
            store.events(**bad)
    with pytest.raises(ValidationError, match="by"):
        store.dyads(by="decade")
