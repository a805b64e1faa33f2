from __future__ import annotations

import os
from pathlib import Path

import pytest

from detente.config import Settings, load_settings
from detente.errors import ConfigError


def test_config_defaults(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    assert load_settings(environ={}) == Settings()


def test_config_file_then_environment(tmp_path: Path) -> None:
    path = tmp_path / "detente.toml"
    path.write_text('[detente]\ndb = "from-file.duckdb"\nworkers = 3\nactors = ["a.yaml"]\n')
    settings = load_settings(config_file=str(path), environ={"DETENTE_WORKERS": "2"})
    assert settings.db == "from-file.duckdb"
    assert settings.workers == 2
    assert settings.actors == ("a.yaml",)
    env = {"DETENTE_ACTORS": os.pathsep.join(["x.yaml", "y.yaml"])}
    assert load_settings(config_file=str(path), environ=env).actors == ("x.yaml", "y.yaml")


@pytest.mark.parametrize(
    ("content", "message"),
    [("workers = -1\n", "workers"), ("bogus = 1\n", "unknown"), ("db = \n", "cannot read")],
)
def test_config_bad_values(tmp_path: Path, content: str, message: str) -> None:
    path = tmp_path / "detente.toml"
    path.write_text(content)
    with pytest.raises(ConfigError, match=message):
        load_settings(config_file=str(path), environ={})
