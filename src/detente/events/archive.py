"""Model files: NumPy archives of a JSON header, a feature vocabulary and weight arrays.

Read with `allow_pickle=False`, so that a model file can hold no code. The header's `format` is
checked before anything else: a file of another format version is refused with a clear error.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import numpy as np

from detente.errors import DataError


def write_archive(
    path: str | Path, header: dict[str, Any], vocabulary: dict[str, int], **arrays: np.ndarray
) -> None:
    """Write the header, the vocabulary (names in index order) and the arrays (as float32)."""
    names = sorted(vocabulary, key=vocabulary.__getitem__)
    contents: dict[str, Any] = {name: array.astype(np.float32) for name, array in arrays.items()}
    contents["header"] = np.array(json.dumps(header, sort_keys=True))
    contents["vocabulary"] = np.array(names, dtype=str)
    with Path(path).open("wb") as f:
        np.savez_compressed(f, **contents)


def read_archive(
    path: str | Path, *, kind: str, version: int, retrain: str, arrays: tuple[str, ...]
) -> tuple[dict[str, Any], dict[str, int], dict[str, np.ndarray]]:
    """(header, vocabulary, arrays as float64) of a `kind` file of format `version`; DataError
    when it is unreadable or of another format (`retrain` names the command that makes one)."""
    try:
        with np.load(path, allow_pickle=False) as archive:
            header = json.loads(str(archive["header"]))
            if header.get("format") != version:
                raise DataError(
                    f"{path}: {kind} format {header.get('format')!r}, this detente reads format "
                    f"{version}: retrain it with '{retrain}'"
                )
            names = [str(n) for n in archive["vocabulary"]]
            loaded = {name: archive[name].astype(np.float64) for name in arrays}
    except DataError:
        raise
    except (OSError, ValueError, KeyError, TypeError, json.JSONDecodeError) as e:
        raise DataError(f"{path}: not a detente {kind} file ({e})") from e
    if not isinstance(header, dict):
        raise DataError(f"{path}: not a detente {kind} file (no header)")
    return header, {name: n for n, name in enumerate(names)}, loaded
