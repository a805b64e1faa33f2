"""`detente events`, `eval` and `recode` end to end on the bundled examples (loads the model)."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import duckdb
import pytest

from tests.runs import events, run

pytestmark = pytest.mark.slow
REQUIRED = {
    "doc_id",
    "event_id",
    "source",
    "source_sector",
    "target",
    "target_sector",
    "code",
    "root",
    "quad_class",
    "goldstein",
    "plover",
    "date",
    "evidence",
    "start",
    "end",
    "confidence",
}


@pytest.fixture(scope="module")
def db(examples_db: str) -> str:
    return examples_db


def test_events_jsonl_fields_and_evidence_offsets(db: str) -> None:
    rows = events(db)
    assert len(rows) >= 20
    texts = dict(
        duckdb.connect(db, read_only=True).execute("SELECT doc_id, text FROM documents").fetchall()
    )
    for row in rows:
        assert set(row) >= REQUIRED
        span = texts[row["doc_id"]][row["start"] : row["end"]]  # type: ignore[index]
        assert span
        assert span in str(row["evidence"])
        assert str(row["code"]).startswith(str(row["root"]))
        assert row["quad_class"] in (1, 2, 3, 4)


def test_events_filters(db: str) -> None:
    everything = events(db)
    belarus = events(db, "--actor", "BLR")
    assert belarus
    assert all("BLR" in (r["source"], r["target"]) for r in belarus)
    assert all(r["source"] == "RUS" for r in events(db, "--source", "RUS"))
    assert all(r["root"] == "04" for r in events(db, "--root", "4"))
    late = events(db, "--since", "2025")
    assert late
    assert all(str(r["date"]) >= "2025" for r in late)
    early = events(db, "--until", "2017-12")
    assert {r["event_id"] for r in early}.isdisjoint({r["event_id"] for r in late})
    assert len(everything) >= len(late) + len(early)


def test_events_csv_and_parquet(db: str, tmp_path: Path) -> None:
    code, out, _ = run("events", "--db", db, "--format", "csv")
    assert code == 0
    rows = list(csv.DictReader(io.StringIO(out)))
    assert len(rows) == len(events(db))
    parquet = tmp_path / "events.parquet"
    code, _, err = run("events", "--db", db, "--format", "parquet", "--out", str(parquet))
    assert code == 0, err
    count = (
        duckdb.connect().execute("SELECT count(*) FROM read_parquet(?)", [str(parquet)]).fetchall()
    )
    assert count == [(len(rows),)]


@pytest.mark.parametrize("args", [["--root", "21"], ["--since", "2016-4"], ["--format", "parquet"]])
def test_events_bad_options(db: str, args: list[str]) -> None:
    code, _, _ = run("events", "--db", db, *args)
    assert code == 2


def test_events_recode_keeps_events(db: str) -> None:
    before = {r["event_id"] for r in events(db)}
    code, _, err = run("recode", "--db", db)
    assert code == 0, err
    assert "4 recoded" in err
    assert {r["event_id"] for r in events(db)} == before


def test_eval_on_a_small_gold_file(tmp_path: Path) -> None:
    gold = tmp_path / "gold.jsonl"
    gold.write_text(
        json.dumps(
            {
                "id": "g1",
                "published": "2020-05-04",
                "title": None,
                "text": "Poland imposed sanctions on Belarus. Russia and Belarus held talks in Minsk.",
                "events": [
                    {"source": "POL", "target": "BLR", "code": "163"},
                    {"source": "RUS", "target": "BLR", "code": "046"},
                    {"source": "BLR", "target": "RUS", "code": "046"},
                ],
            }
        )
        + "\n",
        encoding="utf-8",
    )
    code, out, err = run("eval", str(gold), "--json")
    assert code == 0, err
    scores = json.loads(out)
    assert set(scores) >= {
        "docs",
        "root",
        "code3",
        "dyad",
        "type",
        "targetless",
        "sectors",
        "dates",
    }
    assert scores["root"]["gold"] == 3
    assert scores["root"]["match"] == 3
    code, out, _ = run("eval", str(gold), "--errors")
    assert "confusion" in out


def test_dyads_and_multivector_cli(db: str) -> None:
    code, out, err = run(
        "dyads", "--db", db, "--pair", "BLR,RUS", "--by", "year", "--format", "jsonl"
    )
    assert code == 0, err
    rows = [json.loads(line) for line in out.splitlines()]
    assert rows
    assert all({r["source"], r["target"]} == {"BLR", "RUS"} for r in rows)
    assert all(
        r["events"]
        == sum(
            r[k]
            for k in (
                "verbal_cooperation",
                "material_cooperation",
                "verbal_conflict",
                "material_conflict",
            )
        )
        for r in rows
    )
    code, out, err = run("multivector", "--db", db, "--actor", "BLR", "--format", "jsonl")
    assert code == 0, err
    years = {json.loads(line)["period"]: json.loads(line) for line in out.splitlines()}
    assert {"2016", "2017", "2025"} <= set(years)
    for row in years.values():
        assert -1 <= row["low"] <= row["index"] <= row["high"] <= 1
    code, _, _ = run("dyads", "--db", db, "--pair", "BLR")
    assert code == 2


def test_events_merged_across_documents(tmp_path: Path) -> None:
    folder = tmp_path / "one-event"
    folder.mkdir()
    texts = [
        "Poland imposed sanctions on Belarus on 3 May 2021, the government said.",
        "Poland on 3 May 2021 imposed new sanctions on Belarus over the crackdown.",
        "Poland imposed economic sanctions on Belarus on 3 May 2021 after the disputed vote.",
    ]
    for i, text in enumerate(texts):
        (folder / f"{i}.txt").write_text(text, encoding="utf-8")
    db = str(tmp_path / "m.duckdb")
    code, _, err = run("ingest", str(folder), "--db", db, "--date", "2021-05-04")
    assert code == 0, err
    per_doc = [
        r for r in events(db) if (r["source"], r["target"], r["root"]) == ("POL", "BLR", "16")
    ]
    assert len({r["doc_id"] for r in per_doc}) == 3
    assert len({r["merged_id"] for r in per_doc}) == 1
    code, out, _ = run("events", "--db", db, "--merged", "--format", "jsonl")
    merged = [json.loads(line) for line in out.splitlines()]
    (sanction,) = [
        m for m in merged if (m["source"], m["target"], m["root"]) == ("POL", "BLR", "16")
    ]
    assert (sanction["n_docs"], sanction["date"]) == (3, "2021-05-03")


def test_ingests_one_by_one_merge_as_a_full_rebuild_does(tmp_path: Path) -> None:
    texts = [
        "Poland imposed sanctions on Belarus on 3 May 2021, the government said.",
        "Poland on 3 May 2021 imposed new sanctions on Belarus over the crackdown.",
        "Poland imposed economic sanctions on Belarus on 3 May 2021 after the disputed vote.",
    ]
    db = str(tmp_path / "m.duckdb")
    for i, text in enumerate(texts):  # each ingest merges only the keys it changed
        (tmp_path / f"{i}.txt").write_text(text, encoding="utf-8")
        code, _, err = run("ingest", str(tmp_path / f"{i}.txt"), "--db", db)
        assert code == 0, err
    merged = run("events", "--db", db, "--merged", "--format", "jsonl")[1]
    assert '"n_docs": 3' in merged
    code, _, err = run("merge", "--db", db)
    assert code == 0
    assert err.startswith("0 merged events written")  # nothing was left pending
    code, _, err = run("merge", "--full", "--db", db)
    assert code == 0, err
    assert run("events", "--db", db, "--merged", "--format", "jsonl")[1] == merged


def test_events_search_keeps_events_whose_evidence_has_every_term(db: str) -> None:
    code, out, _ = run(
        "events", "--db", db, "--search", '"Minsk" negotiations', "--format", "jsonl"
    )
    rows = [json.loads(line) for line in out.splitlines()]
    assert code == 0
    assert rows
    assert all("minsk" in r["evidence"].lower() for r in rows)
    assert all("negotiations" in r["evidence"].lower() for r in rows)
    _, everything, _ = run("events", "--db", db, "--format", "jsonl")
    assert len(rows) < len(everything.splitlines())


def test_compact_rewrites_the_events_in_list_order_and_loses_nothing(
    tmp_path: Path, examples_db: str
) -> None:
    import shutil

    db = str(tmp_path / "c.duckdb")
    shutil.copyfile(examples_db, db)
    with duckdb.connect(db) as con:  # shuffle the physical order, as a backfill would
        con.execute("CREATE TEMP TABLE t AS SELECT * FROM events ORDER BY random()")
        con.execute("DELETE FROM events")
        con.execute("INSERT INTO events SELECT * FROM t")
    before = events(db)
    code, _, err = run("compact", "--db", db)
    assert code == 0, err
    assert err.startswith(f"{len(before)} events rewritten in order")
    assert events(db) == before
    with duckdb.connect(db, read_only=True) as con:
        keys = [r[0] for r in con.execute("SELECT sort_key FROM events ORDER BY rowid").fetchall()]
        nullable = dict(con.execute('SELECT column_name, "null" FROM (DESCRIBE events)').fetchall())
    assert keys == sorted(keys)
    assert nullable["doc_id"] == "NO"  # the table's constraints survive the rewrite
    news = tmp_path / "news.txt"
    news.write_text("Poland imposed sanctions on Belarus on 3 May 2021.", encoding="utf-8")
    code, _, err = run("ingest", str(news), "--db", db)  # the rewritten table takes new events
    assert code == 0, err
    assert len(events(db)) > len(before)
