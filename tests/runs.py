"""Running the `detente` command in-process, for the end-to-end tests."""

from __future__ import annotations

import json

from click.testing import CliRunner

from detente.cli import cli


def run(*args: str) -> tuple[int, str, str]:
    """Exit status, standard output and standard error of `detente ARGS...`."""
    result = CliRunner().invoke(cli, list(args), catch_exceptions=False)
    return result.exit_code, result.stdout, result.stderr


def events(db: str, *args: str) -> list[dict[str, object]]:
    """`detente events --format jsonl` on a store, as dicts."""
    code, out, err = run("events", "--db", db, "--format", "jsonl", *args)
    assert code == 0, err
    return [json.loads(line) for line in out.splitlines()]
