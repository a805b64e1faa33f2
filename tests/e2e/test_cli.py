"""The command line end to end, on the bundled examples and small fixtures (loads the model)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from detente.cli import cli
from tests.conftest import EXAMPLES

pytestmark = pytest.mark.slow


def run(*args: str, stdin: str | None = None) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, list(args), input=stdin, catch_exceptions=False)
    return result.exit_code, result.stdout, result.stderr


def docs(db: str) -> list[dict[str, object]]:
    code, out, _ = run("docs", "--db", db, "--format", "jsonl")
    assert code == 0
    return [json.loads(line) for line in out.splitlines()]


def test_cli_ingest_examples_splits_third_file_and_is_idempotent(tmp_path: Path) -> None:
    db = str(tmp_path / "s.duckdb")
    code, _, err = run("ingest", str(EXAMPLES), "--db", db)
    assert code == 0, err
    assert "4 added, 0 updated, 0 skipped, 0 failed" in err
    stored = docs(db)
    assert [d["published"] for d in stored] == ["2016-04", "2017-07", "2025-11", "2025-11"]
    titles = [str(d["title"]) for d in stored]
    assert titles[2].startswith("The Belarus Playbook")
    assert titles[3].startswith("Pushing an end")
    assert all(d["n_sentences"] for d in stored)

    code, _, err = run("ingest", str(EXAMPLES), "--db", db)
    assert code == 0
    assert "0 added, 0 updated, 4 skipped" in err
    assert docs(db) == stored

    code, _, err = run("ingest", str(EXAMPLES), "--db", db, "--force")
    assert "0 added, 4 updated, 0 skipped" in err
    assert len(docs(db)) == 4


def test_cli_bad_inputs_reported_good_ones_stored(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "good.txt").write_text(
        "Russia and Belarus signed a treaty in Minsk.", encoding="utf-8"
    )
    (folder / "bad.pdf").write_bytes(b"%PDF")
    (folder / "binary.txt").write_bytes(b"\x00\x01")
    (folder / "lines.jsonl").write_text(
        '{"id": "j1", "text": "Poland criticised Belarus."}\n{oops\n', encoding="utf-8"
    )
    db = str(tmp_path / "s.duckdb")
    code, _, err = run("ingest", str(folder), "--db", db)
    assert code == 1
    assert f"{folder / 'bad.pdf'}: [E002] unsupported file type" in err
    assert f"{folder / 'binary.txt'}: [E003]" in err
    assert f"{folder / 'lines.jsonl'}:2: [E006] malformed JSON" in err
    assert "2 added, 0 updated, 0 skipped, 3 failed" in err
    assert {d["doc_id"] for d in docs(db)} >= {"j1"}


def test_cli_stdin_text_and_date(tmp_path: Path) -> None:
    db = str(tmp_path / "s.duckdb")
    code, _, err = run(
        "ingest",
        "-",
        "--db",
        db,
        "--date",
        "2020-02-03",
        stdin="Ukraine and Russia held talks in Minsk.",
    )
    assert code == 0, err
    (doc,) = docs(db)
    assert doc["published"] == "2020-02-03"
    assert doc["published_inferred"] is False


def test_cli_non_english_stored_not_coded(tmp_path: Path) -> None:
    db = str(tmp_path / "s.duckdb")
    text = (
        "El presidente de Bielorrusia se reunió hoy en Minsk con el ministro de Asuntos "
        "Exteriores de Rusia para hablar de la cooperación militar."
    )
    code, _, err = run("ingest", "-", "--db", db, stdin=text)
    assert code == 0
    assert "1 not coded" in err
    (doc,) = docs(db)
    assert (doc["language"], doc["coded"], doc["n_sentences"]) == ("es", False, 0)


@pytest.mark.parametrize("bad", ["2020-13-01", "yesterday", "2020-1-1"])
def test_cli_bad_date_option(tmp_path: Path, bad: str) -> None:
    code, _, err = run("ingest", "-", "--db", str(tmp_path / "s.duckdb"), "--date", bad, stdin="x")
    assert code == 2
    assert "--date" in err
    assert "YYYY-MM-DD" in err or "not a day of the calendar" in err


def test_cli_date_option_may_be_a_month(tmp_path: Path) -> None:
    db = str(tmp_path / "s.duckdb")
    code, _, err = run("ingest", "-", "--db", db, "--date", "2021-05", stdin="Belarus met Russia.")
    assert code == 0, err
    assert [d["published"] for d in docs(db)] == ["2021-05"]


def test_cli_docs_without_store(tmp_path: Path) -> None:
    code, _, err = run("docs", "--db", str(tmp_path / "none.duckdb"))
    assert code == 1
    assert "no store" in err
