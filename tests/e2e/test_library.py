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


def test_the_handle_writes_and_pages_as_the_readme_shows(tmp_path: Path) -> None:
    store = detente.open(tmp_path / "my.duckdb")
    summary = store.ingest([str(Path(__file__).parents[2] / "examples")])
    assert summary.added == 4
    assert summary.failed == 0
    assert store.ingest([str(Path(__file__).parents[2] / "examples")]).skipped == 4

    everything = store.events(actor="BLR").rows
    first = store.events_page(actor="BLR", limit=3)
    assert first.total == len(everything) > 3
    assert first.rows == list(everything[:3])
    second = store.events_page(actor="BLR", limit=3, after=first.next)
    assert second.rows == list(everything[3:6])

    doc = store.document(first.rows[0]["doc_id"])
    assert doc is not None
    assert first.rows[0]["event_id"] in {e["event_id"] for e in doc["events"]}
    assert store.document("no such document") is None
    assert {m["doc_id"] for m in store.mentions(doc["doc_id"])} == {doc["doc_id"]}
    blr = store.actor("BLR")
    assert blr is not None
    assert blr["partners"]
    assert store.actor("ZZZ") is None
    assert store.overview()["events"] == len(store.events())
    report = store.report_data("BLR", compare="RUS")
    assert report.compare == "RUS"
    assert report.events == list(store.events(actor="BLR").rows)
    assert report.similarity is not None
    assert 0 <= report.similarity <= 1

    out = tmp_path / "blr.parquet"
    assert store.export_parquet(str(out), actor="BLR") == len(everything)
    assert out.stat().st_size > 0
    before = {r["event_id"] for r in store.events()}
    assert store.recode().updated == 4
    assert {r["event_id"] for r in store.events()} == before


def test_the_network_counted_in_the_store_is_the_network_of_every_edge(db: str) -> None:
    from detente.analysis import network
    from detente.analysis.queries import edge_counts, edge_rows
    from detente.store import open_store

    with open_store(db, read_only=True) as store:
        every = edge_rows(store.con)
        assert network.centrality(edge_counts(store.con)) == network.centrality(
            network.edge_counts(every)
        )
        some = edge_rows(store.con, brokering=True)
        assert len(some) < len(every)
        assert network.brokers(some) == network.brokers(every) != []
        since = edge_counts(store.con, since="2025")
        assert sum(n for *_, n in since) == len(edge_rows(store.con, since="2025"))
