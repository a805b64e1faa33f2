"""Global fixtures only."""

from __future__ import annotations

from pathlib import Path

import pytest

from detente.config import Settings

REPO = Path(__file__).resolve().parent.parent
EXAMPLES = REPO / "examples"
SHARED = REPO.parent / "shared"


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    """Settings pointing at a fresh store in a temporary folder."""
    return Settings(db=str(tmp_path / "store.duckdb"))
