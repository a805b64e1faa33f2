"""What the hand-written rules propose for a document: one (source, target, code) per pair of
parties of each act they find, sentence by sentence."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from detente.events.arguments import ActorIndex
from detente.events.fallbacks import Recent, remember
from detente.events.findings import PENALTY_CONTEXT, PENALTY_TARGETLESS, Finding, RuleContext
from detente.events.lexicon import Lexicon
from detente.events.ontology import Ontology
from detente.events.parties import same_party
from detente.events.sentence import code_sentence
from detente.nlp import nonblank_sents
from detente.types import Mention

COOPERATIVE_ROOTS = frozenset({"03", "04", "05", "06"})


@dataclass(frozen=True, slots=True)
class EventContext:
    doc_id: str
    published: str | None
    lexicon: Lexicon
    ontology: Ontology
    states: frozenset[str] = (
        frozenset()
    )  # state codes: a sentence's one other state may be a target
    model_version: str | None = None  # the learned coder's that judged the proposals, if any
    prefilter_version: str | None = None  # the prefilter's that chose the parsed sentences


@dataclass(frozen=True, slots=True)
class Proposal:
    """One (source, target, code) put forward for a sentence, by the rules or by the model, with
    what an event needs of it: the trigger, the evidence tokens and a confidence."""

    sent_index: int
    trigger: Any
    extra: tuple[Any, ...]
    source: Mention
    target: Mention | None
    code: str
    confidence: float


def propose(doc: Any, mentions: Sequence[Mention], context: EventContext) -> list[Proposal]:
    """What the hand-written rules find in a document, sentence by sentence, pair by pair."""
    ctx = RuleContext(context.lexicon, ActorIndex(doc, mentions), context.states)
    consumed: set[int] = set()  # tokens an earlier trigger took as part of its event
    recent: Recent = ()
    proposals = []
    for sent_index, sent in enumerate(nonblank_sents(doc)):
        found = code_sentence(ctx, sent, consumed, recent)
        recent = remember(recent, sent, found)
        for finding in found:
            for source, target, code in _pairs(finding, context.lexicon):
                proposals.append(
                    Proposal(
                        sent_index,
                        finding.trigger,
                        tuple(finding.extra),
                        source,
                        target,
                        code,
                        _confidence(finding, source, target),
                    )
                )
    return proposals


def _pairs(finding: Finding, lexicon: Lexicon) -> Iterator[tuple[Mention, Mention | None, str]]:
    """(source, target, code) triples: compound actors give one event each; a symmetric act
    (meet, negotiate, sign) is also coded from the other side, and a compound actor with no
    target does it with each other ("Russia and Belarus held talks"; "A and B held exercises"
    is military cooperation)."""
    code = finding.code
    sources = finding.sources
    if not finding.targets and len({m.actor for m in sources}) >= 2:
        code = lexicon.joint.get(code, code)
    other = lexicon.converse.get(code)
    # "Jordan and Britain agreed to hold exercises": cooperation by a compound actor with no
    # target of its own is cooperation with each other.
    mutual = finding.reciprocal or (
        not finding.targets and (other is not None or code[:2] in COOPERATIVE_ROOTS)
    )
    if mutual and len({m.actor for m in sources}) >= 2:
        for a in sources:
            for b in sources:
                if a.actor != b.actor:
                    yield a, b, code
        return
    for source in sources:
        if not finding.targets:
            yield source, None, code
        for target in finding.targets:
            if target is source or same_party(source, target, finding.trigger.doc):
                continue
            yield source, target, code
            if other is not None:
                yield target, source, other


def _confidence(finding: Finding, source: Mention, target: Mention | None) -> float:
    value = finding.confidence
    if source.method == "context" or (target is not None and target.method == "context"):
        value -= PENALTY_CONTEXT
    if target is None:
        value -= PENALTY_TARGETLESS
    return round(max(value, 0.05), 2)
