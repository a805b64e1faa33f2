"""Actor resolution on the bundled seed articles (loads the model)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from detente.config import Settings
from detente.operations import get_document, ingest, list_documents, list_mentions
from tests.conftest import EXAMPLES

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def settings(tmp_path_factory: pytest.TempPathFactory) -> Settings:
    settings = Settings(db=str(Path(tmp_path_factory.mktemp("seeds")) / "seeds.duckdb"))
    summary = ingest([str(EXAMPLES)], settings=settings)
    assert summary.failed == 0
    return settings


@pytest.fixture(scope="module")
def mentions(settings: Settings) -> list[dict[str, object]]:
    return list_mentions(settings=settings)


def resolved(mentions: list[dict[str, object]], pattern: str) -> set[tuple[object, object]]:
    found = {(m["actor"], m["sector"]) for m in mentions if re.search(pattern, str(m["text"]))}
    assert found, f"no mention matches {pattern!r}"
    return found


@pytest.mark.parametrize(
    ("pattern", "actor"),
    [
        (r"Lukashenk", "BLR"),
        (r"^Minsk$", "BLR"),
        (r"Belarusian (diplomats|defence officials|officials)", "BLR"),
        (r"Carpenter", "USA"),
        (r"OSCE Parliamentary Assembly", "OSCE"),
        (r"Witkoff", "USA"),
        (r"Kushner", "USA"),
        (r"Ushakov", "RUS"),
    ],
)
def test_seeds_actor_resolves(mentions: list[dict[str, object]], pattern: str, actor: str) -> None:
    assert {a for a, _ in resolved(mentions, pattern)} == {actor}


@pytest.mark.parametrize(
    ("pattern", "actor", "sector"),
    [
        (r"^NUG$", "MMR", "OPP"),
        (r"Tikhanovskaya", "BLR", "OPP"),
        (r"Carpenter", "USA", "MIL"),
        (r"Yakubovich", "BLR", "MED"),
        (r"senior Belarusian defence officials", "BLR", "MIL"),
    ],
)
def test_seeds_actor_and_sector(
    mentions: list[dict[str, object]], pattern: str, actor: str, sector: str
) -> None:
    assert resolved(mentions, pattern) == {(actor, sector)}


def test_seeds_mentions_point_at_their_text(
    settings: Settings, mentions: list[dict[str, object]]
) -> None:
    texts = {
        d["doc_id"]: get_document(str(d["doc_id"]), settings=settings)
        for d in list_documents(settings=settings)
    }
    for m in mentions:
        document = texts[m["doc_id"]]
        assert document is not None
        assert document["text"][m["start"] : m["end"]] == m["text"]  # type: ignore[index]
    methods = {m["method"] for m in mentions}
    assert {"leader", "name", "sector", "title", "apposition", "pronoun"} <= methods
