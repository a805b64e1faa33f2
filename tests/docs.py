"""Hand-built spaCy Docs for unit tests: no model is loaded."""

from __future__ import annotations

from typing import Any

import spacy
from spacy.tokens import Doc

_VOCAB = spacy.blank("en").vocab


def make_doc(
    rows: list[tuple[str, str, str, str, int]],
    ents: list[tuple[int, int, str]] = (),  # type: ignore[assignment]
    tags: dict[int, str] | None = None,
) -> Any:
    """rows: (word, lemma, pos, dep, head index); every sentence root is its own head.
    `tags`: fine-grained tags of some tokens by index ("VBG")."""
    words = [r[0] for r in rows]
    spaces = [
        i + 1 < len(rows) and rows[i + 1][2] != "PUNCT" and not rows[i + 1][0].startswith("'")
        for i in range(len(rows))
    ]
    doc = Doc(
        _VOCAB,
        words=words,
        spaces=spaces,
        lemmas=[r[1] for r in rows],
        pos=[r[2] for r in rows],
        deps=[r[3] for r in rows],
        tags=[(tags or {}).get(i, "") for i in range(len(rows))],
        heads=[r[4] for r in rows],
        sent_starts=[i == 0 or rows[i - 1][0] in (".", "?", "!") for i in range(len(rows))],
    )
    doc.ents = [spacy.tokens.Span(doc, s, e, label=label) for s, e, label in ents]
    return doc
