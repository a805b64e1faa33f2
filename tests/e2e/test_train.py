"""`detente train` and the `--model` option end to end, on a small gold file the test writes."""

from __future__ import annotations

import json
from pathlib import Path

import duckdb
import numpy as np
import pytest
from click.testing import CliRunner

from detente.cli import cli
from detente.events.model import read_model
from tests.conftest import EXAMPLES

pytestmark = pytest.mark.slow

STORIES = [
    (
        "Russian and Belarusian ministers met in Minsk on Monday. Russia criticised Ukraine "
        "for the shelling of its border towns.",
        [("RUS", "BLR", "040"), ("BLR", "RUS", "040"), ("RUS", "UKR", "111")],
    ),
    (
        "Ukrainian forces attacked Russian positions near the border. The Kremlin condemned "
        "the attack and accused Kyiv of escalating the war.",
        [("UKR", "RUS", "190"), ("RUS", "UKR", "111"), ("RUS", "UKR", "112")],
    ),
    (
        "The French president visited Berlin, where he met the German chancellor. "
        "France praised Germany for its support.",
        [
            ("FRA", "DEU", "042"),
            ("DEU", "FRA", "043"),
            ("FRA", "DEU", "040"),
            ("DEU", "FRA", "040"),
            ("FRA", "DEU", "051"),
        ],
    ),
    (
        "Japan criticised China over its naval drills. Chinese officials met Japanese "
        "diplomats in Beijing on Tuesday.",
        [("JPN", "CHN", "111"), ("CHN", "JPN", "040"), ("JPN", "CHN", "040")],
    ),
    (
        "The United States accused Iran of attacking a tanker. Iranian gunboats fired on the "
        "American ship in the Gulf.",
        [("USA", "IRN", "112"), ("IRN", "USA", "190")],
    ),
    (
        "Poland met Lithuania to discuss border security. Lithuania condemned Belarus for "
        "sending migrants across the border.",
        [("POL", "LTU", "040"), ("LTU", "POL", "040"), ("LTU", "BLR", "111")],
    ),
    ("The home side beat the visitors 3-1 in a thrilling match on Saturday.", []),
    (
        "Turkey hosted talks between Russia and Ukraine in Istanbul. Turkey criticised "
        "Greece over its military build-up.",
        [("RUS", "UKR", "040"), ("UKR", "RUS", "040"), ("TUR", "GRC", "111")],
    ),
]


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, list(args), catch_exceptions=False)
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture(scope="module")
def gold(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("gold") / "small.jsonl"
    lines = []
    for n, (text, events) in enumerate(STORIES):
        lines.append(
            json.dumps(
                {
                    "id": f"story-{n}",
                    "published": "2024-03-04",
                    "text": text,
                    "events": [
                        {"source": s, "target": t, "code": c, "evidence": text.split(". ")[0]}
                        for s, t, c in events
                    ],
                }
            )
        )
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


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
