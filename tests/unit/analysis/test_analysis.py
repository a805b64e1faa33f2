from __future__ import annotations

from pathlib import Path

import pytest

from detente.analysis.multivector import PoleEvent, leaning, multivector_index, wilson
from detente.analysis.queries import dyad_rows, multivector_rows, period_sql
from detente.store import open_store
from detente.types import CodedDocument, Document, Event, EventMention


def test_multivector_worked_example() -> None:
    events = (
        [PoleEvent("2016", "RUS", 1)] * 3
        + [PoleEvent("2016", "RUS", 4)]
        + [PoleEvent("2016", "EU", 2)] * 2
    )
    (year,) = multivector_index(events)
    assert (year.toward_a, year.toward_b, year.index) == (3, 3, 0.0)
    assert year.low == pytest.approx(-0.56, abs=0.01)
    assert year.high == pytest.approx(0.56, abs=0.01)


@pytest.mark.parametrize(
    ("events", "index"),
    [
        ([PoleEvent("2017", "POL", 1)] * 4, 1.0),  # an EU member counts as the West
        ([PoleEvent("2017", "RUS", 2)] * 4, -1.0),
        ([PoleEvent("2017", "USA", 4)] * 2, -1.0),  # conflict with the West leans toward Russia
        ([PoleEvent("2017", "CHN", 1)] * 5, None),  # neither pole: no index
    ],
)
def test_multivector_direction(events: list[PoleEvent], index: float | None) -> None:
    rows = multivector_index(events)
    assert (rows[0].index if rows else None) == index


def test_multivector_band_narrows_with_more_events() -> None:
    few, many = leaning("x", 1, 3), leaning("y", 10, 30)
    assert few.index == many.index == 0.5
    assert (few.high - few.low) > (many.high - many.low)  # type: ignore[operator]
    assert wilson(0, 0) == (0.0, 1.0)


def event(
    source: str, target: str, code: str, quad: int, goldstein: float, date: str | None
) -> Event:
    mention = EventMention(0, 0, 5, 0, 5, "text.")
    return Event(
        "d1",
        f"{source}{target}{code}{date}",
        source,
        None,
        target,
        None,
        code,
        code[:2],
        quad,
        goldstein,
        None,
        date,
        None,
        "text",
        "x",
        0.9,
        (mention,),
        "v",
        "v",
    )


def test_dyads_and_index_from_the_store(tmp_path: Path) -> None:
    events = (
        event("BLR", "RUS", "040", 1, 1.0, "2016-04"),
        event("RUS", "BLR", "190", 4, -10.0, "2016-05-02"),
        event("BLR", "EU", "051", 1, 3.4, "2017"),
        event("BLR", "USA", "112", 3, -2.0, None),
    )
    coded = CodedDocument(Document("d1", "text.", "text."), (), True, (), None, events)
    with open_store(str(tmp_path / "s.duckdb")) as store:
        store.write(coded)
        rows = dyad_rows(store.con, actor="BLR", by="year")
        assert [(r["period"], r["source"], r["target"], r["events"]) for r in rows] == [
            ("2016", "BLR", "RUS", 1),
            ("2016", "RUS", "BLR", 1),
            ("2017", "BLR", "EU", 1),
            ("undated", "BLR", "USA", 1),
        ]
        (russia,) = dyad_rows(store.con, pair=("RUS", "BLR"), by="month")[1:]
        assert (russia["period"], russia["material_conflict"], russia["goldstein_mean"]) == (
            "2016-05",
            1,
            -10.0,
        )
        index = {r.period: r.index for r in multivector_rows(store.con, "BLR", by="year")}
        assert index == {"2016": 0.0, "2017": 1.0, "undated": -1.0}


def test_period_sql_refuses_unknown_period() -> None:
    with pytest.raises(ValueError, match="period"):
        period_sql("decade")
