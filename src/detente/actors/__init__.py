"""Actors: who is who, as of a document's date. Data files → gazetteer → resolved mentions."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from detente.actors.data import ActorData, load_actor_data
from detente.actors.gazetteer import Gazetteer, build_gazetteer
from detente.actors.resolve import resolve_mentions
from detente.types import Document, Mention

__all__ = ["ActorModel", "load_actor_model", "mentions_of", "reference_day"]


@dataclass(frozen=True, slots=True)
class ActorModel:
    """The actor data with its gazetteer, built once per process (and per set of user files)."""

    data: ActorData
    gazetteer: Gazetteer
    state_codes: frozenset[str]


@lru_cache(maxsize=4)
def _build(tokenizer: Any, user_files: tuple[str, ...]) -> ActorModel:
    data = load_actor_data(user_files)

    def tokenize(text: str) -> list[str]:
        return [t.text for t in tokenizer(text)]

    return ActorModel(
        data=data,
        gazetteer=build_gazetteer(data, tokenize),
        state_codes=frozenset(e.code for e in data.entities if e.kind == "state"),
    )


def load_actor_model(nlp: Any, user_files: tuple[str, ...] = ()) -> ActorModel:
    """The actor model for this pipeline's tokenizer, extended by the user's actor files."""
    return _build(nlp.tokenizer, tuple(user_files))


def reference_day(published: str | None) -> str | None:
    """The day a document's date stands for: a month's 15th, a year's 1 July; None if undated."""
    if not published:
        return None
    parts = published.split("-")
    if len(parts) == 1:
        return f"{parts[0]}-07-01"
    if len(parts) == 2:
        return f"{parts[0]}-{parts[1]}-15"
    return published


def mentions_of(doc: Any, document: Document, model: ActorModel) -> list[Mention]:
    """Every actor mention of a parsed document."""
    return resolve_mentions(
        doc,
        doc_id=document.doc_id,
        day=reference_day(document.published),
        gazetteer=model.gazetteer,
        state_codes=model.state_codes,
        context_nouns=model.data.context_nouns,
        female_names=model.data.female_names,
    )
