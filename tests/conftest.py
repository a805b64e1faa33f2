"""Global fixtures only."""

from __future__ import annotations

from pathlib import Path

import pytest

from detente.config import Settings

REPO = Path(__file__).resolve().parent.parent
EXAMPLES = REPO / "examples"
SHARED = REPO.parent / "shared"


@pytest.fixture(scope="module")
def examples_db(tmp_path_factory: pytest.TempPathFactory) -> str:
    """A store holding the bundled examples, ingested once per test module."""
    from tests.runs import run

    path = str(tmp_path_factory.mktemp("examples") / "examples.duckdb")
    code, _, err = run("ingest", str(EXAMPLES), "--db", path)
    assert code == 0, err
    return path


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    """Settings pointing at a fresh store in a temporary folder."""
    return Settings(db=str(tmp_path / "store.duckdb"))
