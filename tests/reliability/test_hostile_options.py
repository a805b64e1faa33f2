"""Every command with hostile options and values: a clear message and exit status, never a traceback.

A value that cannot be used (a date of the right shape that is no day, an actor that is not stored,
a store where nothing can be written) is answered with exit status 2 and the option's name.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from detente.cli import cli
from tests.conftest import EXAMPLES

pytestmark = pytest.mark.slow


# (arguments, the option a usage error must name, or None when any clean failure will do)
HOSTILE: list[tuple[list[str], str | None]] = [
    (["events", "--since", "2025-13-01"], "--since"),
    (["events", "--until", "2020-02-30"], "--until"),
    (["events", "--since", "20x5"], "--since"),
    (["events", "--root", "0"], "--root"),
    (["events", "--root", "abc"], "--root"),
    (["events", "--min-confidence", "-1"], "--min-confidence"),
    (["events", "--min-confidence", "nan"], "--min-confidence"),
    (["events", "--format", "xml"], "--format"),
    (["events", "--actor", "'; DROP TABLE events; --"], "--actor"),
    (["events", "--source", "B L R"], "--source"),
    (["events", "--format", "csv", "--out", "/proc/no/such.csv"], None),
    (["network", "--since", "2020-02-30"], "--since"),
    (["network", "--until", "9999-99-99"], "--until"),
    (["dyads", "--pair", "BLR"], "--pair"),
    (["dyads", "--pair", "A,B,C"], "--pair"),
    (["dyads", "--by", "decade"], "--by"),
    (["multivector", "--actor", "ZZZ"], "--actor"),
    (["profile", "--actor", "ZZZ", "--compare", "BLR"], "--actor"),
    (["profile", "--actor", "BLR", "--compare", "ZZZ"], "--compare"),
    (["report", "--actor", "ZZZ"], "--actor"),
    (["report", "--actor", "BLR", "--compare", "ZZZ"], "--compare"),
    (["docs", "--format", "xml"], "--format"),
]

# A file of prose, not of event records.
PROSE = str(sorted(EXAMPLES.glob("*.txt"))[0])

# Commands that write: the store option is given by the case itself.
WRITING: list[tuple[list[str], str | None]] = [
    (["ingest", str(EXAMPLES), "--db", "/proc/no/such.duckdb"], "--db"),
    (["ingest", str(EXAMPLES), "--date", "2020-02-30"], "--date"),
    (["ingest", str(EXAMPLES), "--workers", "-1"], "--workers"),
    (["ingest", "/no/such/path.txt"], None),
    (["eval", "/no/such/gold.jsonl"], None),
    (["train", "/no/such/gold.jsonl", "--out", "model.npz"], None),
    (["load", "/no/such/folder"], None),
    (["import", "/no/such/events.tsv", "--format", "gdelt"], None),
    (["import", PROSE, "--format", "xml"], "--format"),
    (["import", PROSE, "--format", "gdelt"], None),
    (["serve", "--port", "99999"], "--port"),
    (["batch", "/no/such/path.txt", "--out", "/proc/no/such"], None),
]


def check(args: list[str], option: str | None) -> None:
    result = CliRunner().invoke(cli, args)
    shown = result.output + (result.stderr if result.stderr_bytes is not None else "")
    assert "Traceback" not in shown, shown
    assert result.exception is None or isinstance(result.exception, SystemExit), (
        f"{args}: {result.exception!r}"
    )
    assert result.exit_code in (1, 2), f"{args} exited {result.exit_code}: {shown}"
    if option is not None:
        assert result.exit_code == 2, f"{args}: {shown}"
        assert option in shown, f"{args} does not name {option}: {shown}"


@pytest.mark.parametrize(("args", "option"), HOSTILE, ids=[" ".join(a) for a, _ in HOSTILE])
def test_reading_commands_refuse_hostile_values(
    examples_db: str, args: list[str], option: str | None, tmp_path: Path
) -> None:
    extra = ["--out", str(tmp_path / "r.html")] if args[0] == "report" else []
    check([*args, "--db", examples_db, *extra], option)


@pytest.mark.parametrize(("args", "option"), WRITING, ids=[" ".join(a) for a, _ in WRITING])
def test_writing_commands_refuse_hostile_values(
    args: list[str], option: str | None, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    check(args, option)


def test_a_bad_model_file_with_workers_is_one_clear_error(tmp_path: Path) -> None:
    bad = tmp_path / "bad.npz"
    bad.write_text("not a model", encoding="utf-8")
    db = str(tmp_path / "w.duckdb")
    for option in ("--prefilter", "--model"):
        args = ["ingest", str(EXAMPLES), "--db", db, option, str(bad), "--workers", "2"]
        result = CliRunner().invoke(cli, args)
        assert result.exit_code == 1, result.output
        assert "not a detente" in result.output + result.stderr


def test_train_prefilter_on_too_few_stories_is_a_clear_error(tmp_path: Path) -> None:
    gold = tmp_path / "one.jsonl"
    gold.write_text(
        '{"id": "a", "text": "Russia met Belarus. Prices rose.", "events": '
        '[{"source": "RUS", "target": "BLR", "code": "040", "evidence": "Russia met Belarus."}]}\n',
        encoding="utf-8",
    )
    result = CliRunner().invoke(
        cli, ["train-prefilter", str(gold), "--out", str(tmp_path / "p.npz")]
    )
    assert result.exit_code == 1
    assert "too few stories" in result.output + result.stderr
    assert "Traceback" not in result.output + result.stderr
