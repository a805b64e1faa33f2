"""`detente events --format gdelt|icews|polecat`: the field's layouts, read back by the test."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from detente.formats import GDELT_COLUMNS, ICEWS_COLUMNS, global_id
from tests.runs import events, run

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def db(examples_db: str) -> str:
    return examples_db


def test_gdelt_has_its_61_columns_filled_from_the_events(db: str) -> None:
    mine = events(db, "--actor", "BLR")
    code, out, err = run("events", "--db", db, "--actor", "BLR", "--format", "gdelt")
    assert code == 0, err
    records = [dict(zip(GDELT_COLUMNS, line.split("\t"), strict=True)) for line in out.splitlines()]
    assert len(GDELT_COLUMNS) == 61
    assert len(records) == len(mine) > 0
    for record, event in zip(records, mine, strict=True):
        assert record["GLOBALEVENTID"] == str(global_id(str(event["event_id"])))
        assert record["EventCode"] == event["code"]
        assert record["EventRootCode"] == event["root"]
        assert record["EventBaseCode"] == str(event["code"])[:3]
        assert float(record["GoldsteinScale"]) == event["goldstein"]
        assert record["QuadClass"] == str(event["quad_class"])
        assert record["Actor1Code"] == f"{event['source']}{event['source_sector'] or ''}"
        assert int(record["NumArticles"]) >= 1
        assert record["SQLDATE"][:4] == str(event["date"])[:4]
        assert record["AvgTone"] == ""  # detente has no tone: left empty, never made up
        assert record["ActionGeo_Lat"] == ""
    belarus = [r for r in records if r["Actor1Code"].startswith("BLR")]
    assert belarus
    assert all(r["Actor1CountryCode"] == "BLR" for r in belarus)
    assert all(r["Actor1Name"] == "Belarus" for r in belarus)


def test_icews_and_polecat_read_back(db: str, tmp_path: Path) -> None:
    mine = events(db, "--root", "04")
    out = tmp_path / "icews.tsv"
    code, _, err = run("events", "--db", db, "--root", "04", "--format", "icews", "--out", str(out))
    assert code == 0, err
    rows = list(csv.DictReader(io.StringIO(out.read_text(encoding="utf-8")), delimiter="\t"))
    assert tuple(rows[0]) == ICEWS_COLUMNS
    assert [r["CAMEO Code"] for r in rows] == [e["code"] for e in mine]
    assert [r["Story ID"] for r in rows] == [e["doc_id"] for e in mine]
    code, text, err = run("events", "--db", db, "--root", "04", "--format", "polecat")
    assert code == 0, err
    records = [json.loads(line) for line in text.splitlines()]
    assert [r["event_id"] for r in records] == [e["event_id"] for e in mine]
    assert {r["event_type"] for r in records} == {"CONSULT"}
    assert all(r["actor"]["code"] == e["source"] for r, e in zip(records, mine, strict=True))


def test_a_layout_of_merged_events_is_refused(db: str) -> None:
    code, _, err = run("events", "--db", db, "--merged", "--format", "gdelt")
    assert code == 2
    assert "--merged" in err


def keys(db: str) -> list[tuple[object, ...]]:
    rows = events(db)
    return sorted(
        (r["source"], r["source_sector"] or "", r["target"] or "", r["code"], str(r["date"])[:4])
        for r in rows
    )


@pytest.mark.parametrize("layout", ["gdelt", "icews", "polecat"])
def test_import_reads_back_what_export_wrote(db: str, tmp_path: Path, layout: str) -> None:
    exported = tmp_path / f"events.{layout}"
    code, _, err = run("events", "--db", db, "--format", layout, "--out", str(exported))
    assert code == 0, err
    again = str(tmp_path / "again.duckdb")
    code, _, err = run("import", str(exported), "--format", layout, "--db", again)
    assert code == 0, err
    assert "records skipped" in err
    assert keys(again) == keys(db)
    # Importing again replaces what the file added.
    assert run("import", str(exported), "--format", layout, "--db", again)[0] == 0
    assert len(keys(again)) == len(keys(db))
    # Every analysis works on imported events.
    out = tmp_path / "report.html"
    code, _, err = run("report", "--actor", "BLR", "--db", again, "--out", str(out))
    assert code == 0, err
    assert "<td>BLR</td>" in out.read_text(encoding="utf-8")


def test_import_reports_bad_records_with_file_and_line(tmp_path: Path) -> None:
    bad = tmp_path / "bad.jsonl"
    good = {
        "event_id": "1",
        "story_id": "s",
        "event_date": "2024-05-01",
        "cameo_code": "040",
        "actor": {"code": "RUS"},
        "recipient": {"code": "BLR"},
    }
    lines = [
        json.dumps(good),
        "{not json",
        json.dumps({**good, "cameo_code": "999"}),
        json.dumps({**good, "actor": {"code": "ZZZZ"}}),
        json.dumps({**good, "event_date": "2024-13-45"}),
        json.dumps({**good, "event_id": "2", "actor": "UKR", "event_date": 2024}),
    ]
    bad.write_text("\n".join(lines) + "\n", encoding="utf-8")
    db = str(tmp_path / "b.duckdb")
    code, _, err = run("import", str(bad), "--format", "polecat", "--db", db)
    assert code == 1
    assert f"{bad}:2:" in err
    assert f"{bad}:3:" in err
    assert "999" in err
    assert f"{bad}:4:" in err
    assert f"{bad}:5:" in err
    assert "2 events in 1 stories imported, 4 records skipped" in err
    assert keys(db) == [("RUS", "", "BLR", "040", "2024"), ("UKR", "", "BLR", "040", "2024")]
