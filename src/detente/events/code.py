"""Code the events of a parsed document: the public entry points of the hand-written rules.

The rules read a document in these steps, each a module of `detente.events`:

- `proposals`: `propose`, sentence by sentence, and the (source, target, code) pairs of each act;
- `sentence`: one sentence in two passes, verbs and modal adjectives first (left to right, so
  that "promised to release" codes the promise and consumes the release), then noun triggers
  that no verb took as its object ("the meeting of X with Y", "sanctions against Z");
- `verbs` and `frames` (the verb pass, the lexicon's frames and modal wrappers), `nouns` (the
  noun pass), `roles` (the actors a trigger's phrases name), `parties` (which mention may be
  which party), `fallbacks` (parties taken from the sentence, the sentences before, or the
  actor's own state), `filters` (negated, questioned, conditional, speculative);
- `assembly`: `assemble`, the proposals into events, one per act, pair and date.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from detente.events.assembly import assemble, event_id
from detente.events.proposals import EventContext, Proposal, propose
from detente.types import Event, Mention

__all__ = ["EventContext", "Proposal", "assemble", "code_doc", "event_id", "propose"]


def code_doc(doc: Any, mentions: Sequence[Mention], context: EventContext) -> list[Event]:
    """Every event the hand-written rules find in a parsed document, one per real event (the
    learned coder's step between proposing and assembling is `coding.code_events`)."""
    return assemble(propose(doc, mentions, context), context)
