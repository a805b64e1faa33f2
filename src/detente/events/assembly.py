"""From proposals to events: each proposal dated, located and scored, and the reports of one act
between the same parties merged into one event with several mentions."""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from typing import Any

from detente.events.dates import event_date
from detente.events.proposals import EventContext, Proposal
from detente.types import Event, EventMention, Mention

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
