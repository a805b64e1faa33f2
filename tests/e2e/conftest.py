"""Fixtures of the end-to-end tests."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.e2e.small_gold import write_gold


@pytest.fixture(scope="module")
def gold(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A small gold file of eight stories (tests/e2e/small_gold.py)."""
    return write_gold(tmp_path_factory.mktemp("gold") / "small.jsonl")
