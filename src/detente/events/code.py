"""Code the events of a parsed document: triggers, frames, modal wrappers, arguments, filters.

A sentence is read in two passes: verbs and modal adjectives first (left to right, so that
"promised to release" codes the promise and consumes the release), then noun triggers that no
verb took as its object ("the meeting of X with Y", "sanctions against Z").
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from detente.events.arguments import ActorIndex
from detente.events.dates import event_date
from detente.events.fallbacks import Recent, remember
from detente.events.findings import PENALTY_CONTEXT, PENALTY_TARGETLESS, Finding, RuleContext
from detente.events.lexicon import Lexicon
from detente.events.ontology import Ontology
from detente.events.parties import same_party
from detente.events.sentence import code_sentence
from detente.nlp import nonblank_sents
from detente.types import Event, EventMention, Mention

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


def code_doc(doc: Any, mentions: Sequence[Mention], context: EventContext) -> list[Event]:
    """Every event the hand-written rules find in a parsed document, one per real event (the
    learned coder's step between proposing and assembling is `coding.code_events`)."""
    return assemble(propose(doc, mentions, context), context)


# Groups that stand against their own state: a party apart from its government.
OPPOSING_SECTORS = frozenset({"OPP", "REB"})


def event_id(doc_id: str, source: str, target: str | None, code: str, when: str | None) -> str:
    """Unique within a document: `when` is what tells two reports apart (see `_when`)."""
    key = "|".join([doc_id, source, target or "", code, when or ""])
    return hashlib.sha256(key.encode("utf-8")).hexdigest()[:16]


def assemble(proposals: Sequence[Proposal], context: EventContext) -> list[Event]:
    """Events from proposals: the same act between the same actors on the same date (or, undated,
    in the same sentence) is one event with several mentions."""
    merged: dict[tuple[Any, ...], Event] = {}
    for proposal in proposals:
        event = _event(proposal, context)
        # One event per actor pair and act: "senior defence officials and President X"
        # of one state met Y once, not once per sector; the first report's sectors stay.
        # ... but a state and the armed or political group opposing it are two parties
        # ("urged the government and the rebels to agree": two appeals).
        key = (
            event.source,
            event.target,
            event.code,
            _when(event),
            event.source_sector in OPPOSING_SECTORS,
            event.target_sector in OPPOSING_SECTORS,
        )
        if key in merged:
            kept = merged[key]
            event = Event(
                **{
                    **_fields(kept),
                    "mentions": kept.mentions + event.mentions,
                    "confidence": max(kept.confidence, event.confidence),
                }
            )
        merged[key] = event
    return list(merged.values())


def _fields(event: Event) -> dict[str, Any]:
    return {name: getattr(event, name) for name in Event.__slots__}


def _event(proposal: Proposal, context: EventContext) -> Event:
    entry = context.ontology.get(proposal.code)
    trigger = proposal.trigger
    when = event_date(trigger, context.published)
    start, end = _span(trigger, proposal.extra, proposal.source, proposal.target)
    source, target = proposal.source, proposal.target
    target_code = target.actor if target else None
    return Event(
        doc_id=context.doc_id,
        event_id=event_id(
            context.doc_id,
            source.actor,
            target_code,
            proposal.code,
            when.value if when.source == "text" else f"sentence {proposal.sent_index}",
        ),
        source=source.actor,
        source_sector=source.sector,
        target=target_code,
        target_sector=target.sector if target else None,
        code=proposal.code,
        root=entry.root,
        quad_class=entry.quad_class,
        goldstein=entry.goldstein,
        plover=entry.plover,
        date=when.value,
        date_precision=when.precision,
        date_source=when.source,
        trigger=trigger.text,
        confidence=proposal.confidence,
        mentions=(
            EventMention(
                proposal.sent_index,
                start,
                end,
                trigger.idx,
                trigger.idx + len(trigger),
                trigger.sent.text.strip(),
            ),
        ),
        lexicon_version=context.lexicon.version,
        ontology_version=context.ontology.version,
        model_version=context.model_version,
        prefilter_version=context.prefilter_version,
    )


def _span(
    trigger: Any, extra: Sequence[Any], source: Mention, target: Mention | None
) -> tuple[int, int]:
    """The evidence's characters: the trigger, the evidence tokens, and the actors' mentions
    that lie inside the trigger's sentence."""
    sent = trigger.sent
    tokens = [trigger, *extra]
    starts = [t.idx for t in tokens] + [
        m.start for m in (source, target) if m and sent.start_char <= m.start < sent.end_char
    ]
    ends = [t.idx + len(t) for t in tokens] + [
        m.end for m in (source, target) if m and sent.start_char < m.end <= sent.end_char
    ]
    return min(starts), max(ends)


def _when(event: Event) -> str | int | None:
    """What must agree for two reports in one document to be one event: the date the text
    gives, or, when it gives none, the sentence (two undated reports may be two acts)."""
    return event.date if event.date_source == "text" else event.mentions[0].sent_index
