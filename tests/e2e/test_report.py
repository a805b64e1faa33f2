"""`detente report` on the bundled seed articles (loads the model)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from detente.cli import cli
from tests.conftest import EXAMPLES

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def report(tmp_path_factory: pytest.TempPathFactory) -> str:
    folder = tmp_path_factory.mktemp("report")
    db, out = str(folder / "s.duckdb"), str(folder / "blr.html")
    runner = CliRunner()
    assert runner.invoke(cli, ["ingest", str(EXAMPLES), "--db", db]).exit_code == 0
    result = runner.invoke(cli, ["report", "--actor", "BLR", "--db", db, "--out", out])
    assert result.exit_code == 0, result.stderr
    return Path(out).read_text(encoding="utf-8")


def test_report_shows_belarus_partners(report: str) -> None:
    events = report[report.index("<h2>Events</h2>") :]
    for code in ("RUS", "USA", "UKR", "MMR", "OSCE", "EU"):
        assert f"<td>{code}</td>" in events, code


def test_report_multivector_years_and_minsk_as_host(report: str) -> None:
    leaning = report[report.index("<h2>Multi-vector index</h2>") : report.index("<h2>Network")]
    for year in ("2016", "2017", "2025"):
        assert f"<td>{year}</td>" in leaning
    brokers = report[report.index("<h2>Network") : report.index("<h2>Profile")]
    assert "<td>BLR</td><td>RUS and UKR</td>" in brokers
    assert "Minsk" in brokers


def test_report_is_self_contained_with_real_charts(report: str) -> None:
    assert len(re.findall(r'<img alt="[^"]+" src="data:image/png;base64,', report)) == 5
    assert not re.search(r'(src|href)="https?://', report)
    assert "<script" not in report


def test_report_escapes_article_text(tmp_path: Path) -> None:
    from detente.report import _table

    cell = _table([{"evidence": "<script>alert(1)</script> & co"}], ["evidence"])
    assert "<script>" not in cell
    assert "&lt;script&gt;" in cell
