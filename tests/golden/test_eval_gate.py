"""The eval gate: `detente eval` on every development gold file must stay at or above its floor.

Floors are in baseline.json beside this file. The gold files are read from ../shared/gold at test
time; when they are absent the gate skips and says why.
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


@pytest.mark.parametrize("name", sorted(BASELINE["files"]))
def test_eval_gate_floor(name: str, tmp_path: Path) -> None:
    path = GOLD / name
    if not path.is_file():
        pytest.skip(f"gold file {path} is absent (shared/ is not beside this checkout)")
    scores = evaluate(str(path), settings=Settings(db=str(tmp_path / "unused.duckdb"))).as_dict()
    failures = []
    for key, floor in BASELINE["files"][name].items():
        score, field = key.split(".")
        value = scores[score][field]
        if value < floor - BASELINE["epsilon"]:
            failures.append(f"{key} = {value:.4f} is below its floor {floor}")
    assert not failures, f"{name}: " + "; ".join(failures)
