"""Hostile input: every kind named in the reliability issue, and arbitrary bytes and text from
hypothesis, give a clear per-file error or are processed; nothing half-written is stored."""

from __future__ import annotations

import random
import tempfile
from dataclasses import replace
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from detente.coding import code_documents, load_coder
from detente.config import Settings
from detente.errors import InputError
from detente.ingest import ReadOptions, read_inputs
from detente.ingest.build import Metadata, make_document
from detente.operations import ingest, list_documents
from detente.types import Document, Failure
from tests.reliability.hostile import GOOD, write_hostile
from tests.reliability.test_crash import half_stored

OPTS = ReadOptions(default_date=None, max_chars=2_000_000, max_decompressed_bytes=10_000_000)
SUFFIXES = [".txt", ".md", ".html", ".docx", ".jsonl", ".jsonl.gz", ".ndjson"]
EXPECTED = {  # what each hostile file must give
    "binary.txt": "E003",
    "huge-line.txt": "E008",
    "huge-line.jsonl": "E008",  # its second line, an article, is read
    "empty.txt": "E005",
    "blank.md": "E005",
    "latin1.txt": "E004",
    "bomb.jsonl.gz": "E008",
    "truncated.jsonl.gz": "E004",
    "not-a-zip.docx": "E004",
    "empty-zip.docx": "E004",
    "script-only.html": "E005",
}


@pytest.fixture(scope="module")
def hostile(tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    return write_hostile(tmp_path_factory.mktemp("hostile"), random.Random(20261123))  # noqa: S311


def test_each_hostile_file_gives_a_named_error_or_documents(hostile: list[Path]) -> None:
    for path in hostile:
        items = list(read_inputs([str(path)], OPTS))
        assert items, path.name
        for item in items:
            assert isinstance(item, Document | Failure)
            if isinstance(item, Failure):
                assert item.path == str(path)
                assert item.code.startswith("E")
                assert item.message
        failures = {i.code for i in items if isinstance(i, Failure)}
        if path.name in EXPECTED:
            assert failures == {EXPECTED[path.name]}, (path.name, items)


def test_wrong_shaped_json_lines_are_each_reported_and_good_lines_read(hostile: list[Path]) -> None:
    shapes = next(p for p in hostile if p.name == "shapes.jsonl")
    items = list(read_inputs([str(shapes)], OPTS))
    failures = [i for i in items if isinstance(i, Failure)]
    assert all(f.code == "E006" and f.line for f in failures)
    assert len({f.line for f in failures}) == len(failures) >= 10
    assert any(isinstance(i, Document) and "Kaunas" in i.text for i in items)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.binary(max_size=4000), suffix=st.sampled_from(SUFFIXES))
def test_arbitrary_bytes_never_crash_a_reader(data: bytes, suffix: str) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / f"input{suffix}"
        path.write_bytes(data)
        for item in read_inputs([str(path)], OPTS):
            assert isinstance(item, Document | Failure)
            if isinstance(item, Failure):
                assert item.path == str(path)


@pytest.mark.slow
@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=st.text(min_size=1, max_size=2000))
def test_arbitrary_text_is_coded_with_offsets_inside_it(text: str) -> None:
    try:
        document = make_document(
            text, Metadata(), path="fuzz.txt", default_date="2024-05-01", max_chars=100_000
        )
    except InputError:  # a clean, coded refusal (e.g. nothing left after cleaning)
        return
    coder = load_coder(Settings().coder)
    [coded] = list(code_documents([replace(document, language="en")], coder))
    assert coded.failure is None
    body = coded.document.text
    for sentence in coded.sentences:
        assert body[sentence.start : sentence.end] == sentence.text
    for mention in coded.mentions:
        assert body[mention.start : mention.end] == mention.text
    for event in coded.events:
        assert 0 <= event.start < event.end <= len(body)


@pytest.mark.slow
def test_ingest_of_hostile_folder_goes_on_and_keeps_the_store_whole(
    hostile: list[Path], tmp_path: Path
) -> None:
    settings = Settings(
        db=str(tmp_path / "store.duckdb"), workers=1, max_decompressed_bytes=10_000_000
    )
    before = tmp_path / "before.txt"
    before.write_text("Japan and China held talks in Beijing on 4 April 2024.\n", encoding="utf-8")
    ingest([str(before)], settings=settings)
    summary = ingest([str(p) for p in hostile], settings=settings)
    failed_files = {Path(f.path).name for f in summary.failures}
    assert set(EXPECTED) <= failed_files
    stored = {Path(d["path"]).name for d in list_documents(settings=settings)}
    assert {"before.txt", "good.txt", "controls.txt", "utf16.txt", "huge-line.jsonl:2"} <= stored
    assert summary.added == len(stored) - 1
    assert not half_stored(settings.db)
    assert GOOD  # the good article came through with the hostile ones


@pytest.mark.slow
def test_a_coder_failure_costs_one_document(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import detente.coding

    real = detente.coding.code_parsed

    def fragile(document: Document, doc: object, coder: object) -> object:
        if "Tallinn" in document.text:
            raise ValueError("a bug in the coder")
        return real(document, doc, coder)  # type: ignore[arg-type]

    monkeypatch.setattr(detente.coding, "code_parsed", fragile)
    folder = tmp_path / "in"
    folder.mkdir()
    for city in ("Riga", "Tallinn", "Vilnius"):
        (folder / f"{city}.txt").write_text(GOOD.replace("Vilnius", city), encoding="utf-8")
    settings = Settings(db=str(tmp_path / "store.duckdb"), workers=1)
    summary = ingest([str(folder)], settings=settings)
    assert summary.added == 2
    [failure] = summary.failures
    assert failure.code == "E011"
    assert failure.path.endswith("Tallinn.txt")
    assert "a bug in the coder" in failure.message
    assert not half_stored(settings.db)


@pytest.mark.slow
@pytest.mark.parametrize(
    "text",
    [
        "Rallies were held in Manila, police said.",  # an agentless protest once crashed the coder
        "A strike was called by dockworkers in Poland.",
    ],
)
def test_sentences_that_once_crashed_the_coder(text: str) -> None:
    document = make_document(
        text, Metadata(), path="once.txt", default_date="2024-05-01", max_chars=10_000
    )
    coder = load_coder(Settings().coder)
    [coded] = list(code_documents([document], coder))
    assert coded.failure is None
    assert all(event.source for event in coded.events)
