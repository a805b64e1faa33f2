"""A store with the bundled examples and one hostile article, shared by the web tests."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from detente.config import Settings
from detente.operations import ingest
from tests.conftest import EXAMPLES

HOSTILE = (
    'Belarus <script>alert("x")</script> said on Monday that it would host talks between '
    "Russia and Ukraine in Minsk. The Kremlin & Kyiv welcomed the <b>offer</b>.\n"
)


@pytest.fixture(scope="session")
def web_settings(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Settings]:
    folder = tmp_path_factory.mktemp("web")
    article = folder / "hostile.txt"
    article.write_text(HOSTILE, encoding="utf-8")
    settings = Settings(db=str(folder / "web.duckdb"), workers=1)
    summary = ingest([str(EXAMPLES), str(article)], settings=settings, date="2025-11-20")
    assert summary.added == 5, summary.failures
    return settings


@pytest.fixture(scope="session")
def store_path(web_settings: Settings) -> Path:
    return Path(web_settings.db)
