"""What the rules find at a trigger, what every rule reads, and how sure each kind of find is.

The rules read one sentence at a time (see `sentence.py`) with a `RuleContext`, and keep one
piece of state across a document: the tokens an earlier trigger took as part of its own event
("promised to release" takes the release), passed to the rules that take or skip them as
`consumed`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from detente.events.arguments import ActorIndex
from detente.events.lexicon import Lexicon
from detente.types import Mention

# Confidence by kind of evidence; tuned on the dev gold files (retune together).
CONFIDENCE_FRAME = 0.85  # a verb whose object or preposition matched a frame
CONFIDENCE_VERB = 0.75  # a verb on its own
CONFIDENCE_NOUN = 0.65  # a nominal event
PENALTY_CONTEXT = 0.15  # an actor resolved from context only
PENALTY_TARGETLESS = 0.2
PENALTY_SENTENCE = 0.2  # a target taken from the sentence rather than the parse


@dataclass(slots=True)
class Finding:
    """One trigger's event before it is split into (source, target) pairs: its code, the
    actors on each side, and the evidence (see `proposals.propose`)."""

    trigger: Any
    code: str
    sources: list[Mention]
    targets: list[Mention]
    confidence: float
    reciprocal: bool = False
    extra: list[Any] = field(default_factory=list)  # tokens of the evidence span


@dataclass(frozen=True, slots=True)
class RuleContext:
    """What every rule reads about a document: the lexicon, its actors by token, and the state
    codes (a sentence's one other state may be a target)."""

    lexicon: Lexicon
    index: ActorIndex
    states: frozenset[str] = frozenset()
