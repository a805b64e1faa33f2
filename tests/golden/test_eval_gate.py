"""The eval gate: `detente eval` on every development gold file must stay at or above its floor.

Floors are in baseline.json beside this file: `files` for the shipped coder (rules and learned
model), `rules` for the hand-written rules alone (`--model rules`), which guard the lexicon and the
parse-based rules that the model stands on. The gold files are read from ../shared/gold at test time;
when they are absent the gate skips and says why.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from detente.config import Settings
from detente.evaluation import evaluate
from tests.conftest import SHARED

pytestmark = pytest.mark.slow
BASELINE = json.loads((Path(__file__).parent / "baseline.json").read_text(encoding="utf-8"))
GOLD = SHARED / "gold"


@pytest.mark.parametrize(
    ("coder", "name"),
    [(coder, name) for coder in ("files", "rules") for name in sorted(BASELINE[coder])],
)
def test_eval_gate_floor(coder: str, name: str, tmp_path: Path) -> None:
    path = GOLD / name
    if not path.is_file():
        pytest.skip(f"gold file {path} is absent (shared/ is not beside this checkout)")
    settings = Settings(
        db=str(tmp_path / "unused.duckdb"), event_model="rules" if coder == "rules" else ""
    )
    scores = evaluate(str(path), settings=settings).as_dict()
    failures = []
    for key, floor in BASELINE[coder][name].items():
        score, field = key.split(".")
        value = scores[score][field]
        if value < floor - BASELINE["epsilon"]:
            failures.append(f"{key} = {value:.4f} is below its floor {floor}")
    assert not failures, f"{name} ({coder}): " + "; ".join(failures)


# How far the prefilter may move a dev file's scores from those of a full parse (issue 16).
PREFILTER_TOLERANCE = 0.005


@pytest.mark.parametrize("name", sorted(BASELINE["files"]))
def test_the_prefilter_keeps_dev_scores_within_tolerance(name: str, tmp_path: Path) -> None:
    path = GOLD / name
    if not path.is_file():
        pytest.skip(f"gold file {path} is absent (shared/ is not beside this checkout)")
    db = str(tmp_path / "unused.duckdb")
    partly = evaluate(str(path), settings=Settings(db=db)).as_dict()
    whole = evaluate(str(path), settings=Settings(db=db, prefilter="off")).as_dict()
    moved = {
        f"{score}.f1": round(partly[score]["f1"] - whole[score]["f1"], 4)
        for score in ("root", "type", "dyad")
        if whole[score] is not None
    }
    assert moved
    assert all(abs(delta) <= PREFILTER_TOLERANCE for delta in moved.values()), moved
