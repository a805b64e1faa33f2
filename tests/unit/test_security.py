"""The web server's guards: bearer tokens, the default address, the content security policy."""

from __future__ import annotations

import pytest

pytest.importorskip("fastapi")

from click.testing import CliRunner

from detente.api.security import CSP, CSP_DOCS, token_matches
from detente.cli import cli


@pytest.mark.parametrize(
    ("header", "ok"),
    [
        ("Bearer s3cret", True),
        ("Bearer s3cret ", False),
        ("Bearer s3cre", False),
        ("bearer s3cret", False),
        ("Basic s3cret", False),
        ("s3cret", False),
        ("", False),
        (None, False),
    ],
)
def test_token_must_match_exactly(header: str | None, ok: bool) -> None:
    assert token_matches(header, "s3cret") is ok


def test_serve_listens_on_localhost_by_default() -> None:
    result = CliRunner().invoke(cli, ["serve", "--help"])
    assert "default: 127.0.0.1" in result.output


def test_only_the_openapi_page_may_run_inline_script() -> None:
    assert "unsafe-inline" not in CSP
    assert "script-src 'self' 'unsafe-inline'" in CSP_DOCS
    assert "frame-ancestors 'none'" in CSP
