"""`detente train` and the `--model` option end to end, on a small gold file the test writes."""

from __future__ import annotations

import json
from pathlib import Path

import duckdb
import numpy as np
import pytest

from detente.events.model import read_model
from tests.conftest import EXAMPLES
from tests.e2e.small_gold import STORIES
from tests.runs import run

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def trained(gold: Path) -> tuple[Path, Path, str]:
    first, second = gold.parent / "a.npz", gold.parent / "b.npz"
    code, out, err = run("train", str(gold), "--out", str(first), "--cv", "2", "--seed", "3")
    assert code == 0, err
    code, _, err = run("train", str(gold), "--out", str(second), "--cv", "2", "--seed", "3")
    assert code == 0, err
    return first, second, out


def test_train_cross_validates_by_story_and_writes_a_model(trained: tuple[Path, Path, str]):
    first, _, out = trained
    assert "fold 1: 4 docs" in out
    assert "fold 2: 4 docs" in out
    assert "mean root F1 over 2 folds" in out
    model = read_model(str(first))
    assert model.header["trained_on"] == ["small.jsonl"]
    assert model.header["cv"]["k"] == 2
    assert model.version.endswith("-s3")


def test_train_is_deterministic(trained: tuple[Path, Path, str], gold: Path) -> None:
    first, second, _ = trained
    a, b = read_model(str(first)), read_model(str(second))
    assert a.vocabulary == b.vocabulary
    assert np.array_equal(a.weights, b.weights)
    assert np.array_equal(a.bias, b.bias)
    assert a.calibration == b.calibration
    scores = [run("eval", str(gold), "--json", "--model", str(m))[1] for m in (first, second)]
    assert scores[0] == scores[1]
    assert json.loads(scores[0])["docs"] == len(STORIES)


def test_ingest_records_the_model_version(trained: tuple[Path, Path, str], tmp_path: Path):
    first, _, _ = trained
    db = str(tmp_path / "m.duckdb")
    code, _, err = run("ingest", str(EXAMPLES), "--db", db, "--model", str(first))
    assert code == 0, err
    with duckdb.connect(db, read_only=True) as con:
        versions = {row[0] for row in con.sql("SELECT model_version FROM events").fetchall()}
    assert versions == {read_model(str(first)).version}
    ruled = str(tmp_path / "r.duckdb")
    assert run("ingest", str(EXAMPLES), "--db", ruled, "--model", "rules")[0] == 0
    with duckdb.connect(ruled, read_only=True) as con:
        versions = {row[0] for row in con.sql("SELECT model_version FROM events").fetchall()}
    assert versions == {None}


def test_a_model_of_another_version_is_refused(trained: tuple[Path, Path, str], gold: Path):
    first, _, _ = trained
    old = first.parent / "old.npz"
    with np.load(first) as archive:
        arrays = {name: archive[name] for name in archive.files}
    header = json.loads(str(arrays["header"]))
    header["format"] = 0
    arrays["header"] = np.array(json.dumps(header))
    np.savez(old, **arrays)
    code, _, err = run("eval", str(gold), "--model", str(old))
    assert code == 1
    assert "model format 0" in err
    assert "retrain" in err
    assert "Traceback" not in err
    code, _, err = run("eval", str(gold), "--model", str(first.parent / "missing.npz"))
    assert code == 2
    assert "no such model file" in err


def test_events_min_confidence_filters(tmp_path: Path) -> None:
    db = str(tmp_path / "c.duckdb")
    assert run("ingest", str(EXAMPLES), "--db", db)[0] == 0
    rows = [json.loads(x) for x in run("events", "--db", db, "--format", "jsonl")[1].splitlines()]
    cut = sorted(r["confidence"] for r in rows)[len(rows) // 2]
    code, out, err = run("events", "--db", db, "--format", "jsonl", "--min-confidence", str(cut))
    assert code == 0, err
    kept = [json.loads(x) for x in out.splitlines()]
    assert 0 < len(kept) < len(rows)
    assert all(r["confidence"] >= cut for r in kept)
    assert {r["model_version"] for r in rows} != {None}
