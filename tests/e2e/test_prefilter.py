"""`detente train-prefilter`, `--prefilter` and `--no-prefilter` end to end."""

from __future__ import annotations

import re
from pathlib import Path

import duckdb
import pytest

from detente.events.prefilter import load_prefilter, read_prefilter
from tests.conftest import EXAMPLES
from tests.runs import run

pytestmark = pytest.mark.slow


def parsed_share(err: str) -> tuple[int, int]:
    match = re.search(r"(\d+) sentences \((\d+) parsed", err)
    assert match, err
    return int(match.group(1)), int(match.group(2))


def test_train_prefilter_writes_a_prefilter_that_ingest_uses(gold: Path, tmp_path: Path) -> None:
    out = tmp_path / "p.npz"
    code, stdout, err = run("train-prefilter", str(gold), "--out", str(out), "--recall", "0.9")
    assert code == 0, err
    assert "threshold" in stdout
    assert "of those with a gold event" in stdout
    prefilter = read_prefilter(out)
    assert prefilter.header["trained_on"] == ["small.jsonl"]
    assert prefilter.header["target_recall"] == 0.9
    again = tmp_path / "q.npz"
    assert run("train-prefilter", str(gold), "--out", str(again), "--recall", "0.9")[0] == 0
    assert read_prefilter(again).vocabulary == prefilter.vocabulary
    assert read_prefilter(again).threshold == prefilter.threshold
    db = str(tmp_path / "p.duckdb")
    code, _, err = run("ingest", str(EXAMPLES), "--db", db, "--prefilter", str(out))
    assert code == 0, err
    total, parsed = parsed_share(err)
    assert 0 < parsed <= total


def test_no_prefilter_parses_every_sentence_and_stores_the_same_sentences(tmp_path: Path) -> None:
    whole, partly = str(tmp_path / "w.duckdb"), str(tmp_path / "p.duckdb")
    code, _, err = run("ingest", str(EXAMPLES), "--db", whole, "--no-prefilter", "--workers", "1")
    assert code == 0, err
    total, parsed = parsed_share(err)
    assert parsed == total
    code, _, err = run("ingest", str(EXAMPLES), "--db", partly, "--workers", "1")
    assert code == 0, err
    assert parsed_share(err)[0] > 0
    for db in (whole, partly):
        with duckdb.connect(db, read_only=True) as con:
            rows = con.sql(
                "SELECT s.text, substr(d.text, s.start_char + 1, s.end_char - s.start_char) "
                "FROM sentences s JOIN documents d USING (doc_id)"
            ).fetchall()
        assert rows
        assert all(text == sliced for text, sliced in rows)
    # The store says which prefilter chose the parsed sentences (none: every one was parsed).
    for db, expected in ((whole, {None}), (partly, {load_prefilter().version})):
        with duckdb.connect(db, read_only=True) as con:
            versions = {r[0] for r in con.sql("SELECT prefilter_version FROM events").fetchall()}
        assert versions == expected


def test_prefilter_options_are_checked(tmp_path: Path) -> None:
    db = str(tmp_path / "x.duckdb")
    code, _, err = run("ingest", str(EXAMPLES), "--db", db, "--prefilter", "missing.npz")
    assert code == 2
    assert "no such prefilter file" in err
    code, _, err = run("ingest", str(EXAMPLES), "--db", db, "--prefilter", "off", "--no-prefilter")
    assert code == 2
    assert "not both" in err
    code, _, err = run("train-prefilter", str(EXAMPLES / "nothing.jsonl"), "--out", "p.npz")
    assert code == 2
