"""Gold files (shared/gold/GUIDELINES.md section 5): one document a line, with its events."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from detente.errors import E_JSON, InputError


@dataclass(frozen=True, slots=True)
class GoldEvent:
    source: str
    target: str | None
    code: str | None  # CAMEO, or None in PLOVER files
    plover: str | None
    source_sector: str | None = None
    target_sector: str | None = None
    date: str | None = None
    evidence: str | None = None


@dataclass(frozen=True, slots=True)
class GoldDocument:
    doc_id: str
    text: str
    published: str | None
    title: str | None
    events: tuple[GoldEvent, ...]


def _event(item: Any, where: str) -> GoldEvent:
    if not isinstance(item, dict) or not isinstance(item.get("source"), str):
        raise InputError("an event needs a source", path=where, code=E_JSON)
    if not item.get("code") and not item.get("plover"):
        raise InputError("an event needs a code or a plover type", path=where, code=E_JSON)
    return GoldEvent(
        source=item["source"],
        target=item.get("target") or None,
        code=str(item["code"]) if item.get("code") else None,
        plover=item.get("plover") or None,
        source_sector=item.get("source_sector") or None,
        target_sector=item.get("target_sector") or None,
        date=item.get("date") or None,
        evidence=item.get("evidence") or None,
    )


def load_gold(path: str) -> list[GoldDocument]:
    """Every document of a gold file; raises InputError naming the line of a bad one."""
    documents = []
    try:
        lines = Path(path).read_text(encoding="utf-8").splitlines()
    except OSError as e:
        raise InputError(f"cannot read gold file: {e.strerror or e}", path=path) from e
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            item = json.loads(line)
            documents.append(
                GoldDocument(
                    doc_id=str(item["id"]),
                    text=str(item["text"]),
                    published=item.get("published"),
                    title=item.get("title"),
                    events=tuple(_event(e, f"{path}:{number}") for e in item.get("events") or []),
                )
            )
        except (ValueError, KeyError, TypeError) as e:
            raise InputError(f"bad gold line ({e})", path=path, line=number, code=E_JSON) from e
    return documents
