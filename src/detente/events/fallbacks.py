"""Parties the parse does not name, taken from elsewhere at lower confidence: from the rest of
the sentence, from the acts of the sentences before, or from the actor's own state ("police
arrested 12": its civilians)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from typing import Any

from detente.events.arguments import children, frame_objects, is_passive, subject_of
from detente.events.findings import PENALTY_SENTENCE, Finding, RuleContext
from detente.events.lexicon import word_list
from detente.events.parties import PLACE_NOUNS, is_place, may_be_party, same_party
from detente.types import Mention

# Roots of acts with no one acted upon unless the parse names someone (drills, mobilisation):
# another actor of the sentence is not their target.
TARGETLESS_ROOTS = frozenset({"15"})
# Roots whose target must come from the parse: a trade act with no partner of its own ("Japan
# is selling semiconductors at cost") is commerce, not a dyad with whoever else is named.
PARSE_TARGET_ROOTS = frozenset({"06"})
# Roots of harm done to someone: with no one named as doing it, the state where it happened.
HARM_ROOTS = frozenset({"18", "19", "20"})
# Parts of a state that act for it, and may be its means as well as its agents (None: the state).
STATE_SECTORS = frozenset({None, "GOV", "MIL"})
# Prepositions that name where an act took place.
LOCATIVE_PREPS = frozenset({"in", "near", "outside", "at", "around"})
# Nouns of the means of an attack, not of an attacker ("a car bomb killed ...").
MEANS_OF_HARM = word_list("means_of_harm")
# Roots of consultations: with neither object nor phrase, their verb says a body sat.
CONSULT_ROOTS = frozenset({"04"})
# Determiners of a noun phrase that points back to something already told ("the offer").
DEFINITE = frozenset({"the", "this", "that", "these", "those"})
# Sectors that are not the state: their domestic acts (a protest, a demand) are aimed at their
# government; the state's own domestic acts (an arrest, a curfew) at its civilians.
NON_STATE_SECTORS = frozenset({"OPP", "REB", "CVL", "HRI", "MED", "BUS", "ELI"})

# The findings of the sentences before, by the token where their sentence starts.
Recent = tuple[tuple[int, Finding], ...]


def with_sentence_target(ctx: RuleContext, finding: Finding, sent: Any) -> Finding:
    """A verb whose parse gives no target acts on the state the sentence names besides its
    source ("Belarus promised to invite observers to West-2017"), at lower confidence:
    the actor named nearest after the trigger (else before it) that is not the source. With
    no source, the actor named nearest before the trigger; for coercion with no agent ("80
    people were detained"), the government of those coerced. A protest with no target is
    aimed at the protesters' own government; a trade act takes none (PARSE_TARGET_ROOTS)."""
    if not finding.sources and finding.code[:2] == "17" and finding.targets:
        patient = finding.targets[0]
        state = replace(patient, sector="GOV", method="implied")
        finding = replace(
            finding, sources=[state], confidence=finding.confidence - PENALTY_SENTENCE
        )
    victims = [m for m in finding.targets if m.method not in ("context", "pronoun")]
    if not finding.sources and victims and finding.code[:2] in HARM_ROOTS:
        scene = _scene(ctx, sent)
        if scene is not None and not _agent_named(ctx, finding.trigger):
            # "a roadside bomb near the Iraqi city of Basra killed three U.S. soldiers":
            # an attack by no one named is the act of the state where it happened
            finding = replace(
                finding, sources=[scene], confidence=finding.confidence - PENALTY_SENTENCE
            )
    if not finding.sources and not is_passive(finding.trigger):
        before = [
            m
            for m in ctx.index.mentions_in(sent.start_char, finding.trigger.idx)
            if m.method not in ("pronoun", "context", "adjective")
        ]
        if not before:
            return finding
        finding = replace(
            finding,
            sources=[before[-1]],
            confidence=finding.confidence - PENALTY_SENTENCE,
        )
    if finding.targets or finding.code[:2] in PARSE_TARGET_ROOTS:
        return finding
    if finding.code[:2] in TARGETLESS_ROOTS:  # "held drills, Lithuanian officials said"
        return finding
    if _convened(finding):  # "the cabinet met on Sunday": a body sitting, no one met
        return finding
    if ctx.lexicon.is_domestic(finding.code, at_once=True):
        # "a protest": at its own government; "the junta freed thousands": its own people
        return domestic(ctx, finding)
    own = {m.actor for m in finding.sources}
    doc = finding.trigger.doc
    others = {
        m.actor: m
        for m in ctx.index.mentions_in(sent.start_char, sent.end_char)
        if m.actor not in own
        and m.method not in ("pronoun", "context")
        and may_be_party(m, finding.trigger)
    }
    if not others and len(own) >= 2:
        return finding  # "U.S. and Japanese negotiators will meet": with each other
    if not others:
        others = _domestic_others(ctx, finding, sent)
    if not others:
        return finding
    if len(others) > 1:  # the nearest after the trigger, else the nearest before it
        at = finding.trigger.idx
        after = [m for m in others.values() if m.start > at]
        pool = after or list(others.values())
        # a bare nationality on a thing ("Russian oil") says where from, not to whom
        named = [m for m in pool if m.method != "adjective"]
        nearest = min(named or pool, key=lambda m: abs(m.start - at))
        # with the actors coordinated with it ("to Iran, Libya and Cuba"): one event each
        listed = ctx.index.mentions_of(doc[nearest.head])
        candidates = list(others.values())
        others = {str(m.start): m for m in [nearest, *listed] if m in candidates}
    return replace(
        finding,
        targets=list(others.values()),
        confidence=finding.confidence - PENALTY_SENTENCE,
    )


def _scene(ctx: RuleContext, sent: Any) -> Mention | None:
    """The state where a sentence's act took place: one it names as a place ("in Beirut",
    "outside the Iraqi city of Basra")."""
    doc = sent.doc
    for m in ctx.index.mentions_in(sent.start_char, sent.end_char):
        token = doc[m.head]
        located = token.dep_ == "pobj" and token.head.lower_ in LOCATIVE_PREPS
        if m.actor in ctx.states and m.method != "pronoun" and (located or is_place(token, m)):
            return replace(m, sector=None, method="implied")
    return None


def _agent_named(ctx: RuleContext, verb: Any) -> bool:
    """Whether the act's subject or agent is a person or group at all (resolved or not):
    "gunmen killed two" names one, "a roadside bomb killed two" names only the means."""
    agent = subject_of(verb)
    return (
        agent is not None
        and agent.lemma_.lower() not in ctx.lexicon.nouns
        and (agent.pos_ in ("PROPN", "PRON") or agent.lemma_.lower() not in MEANS_OF_HARM)
    )


def _convened(finding: Finding) -> bool:
    """A consultation verb with no object or phrase and one actor as its subject ("the cabinet
    met on Sunday", "ministers conferred"): the actor sat, it met no one else of the sentence."""
    verb = finding.trigger
    return (
        finding.code[:2] in CONSULT_ROOTS
        and verb.pos_ == "VERB"
        and not children(verb, "dobj", "dative", "iobj", "prep", "agent", "prt")
        and len({m.actor for m in finding.sources}) == 1
    )


def _domestic_others(ctx: RuleContext, finding: Finding, sent: Any) -> dict[str, Mention]:
    """Other parties of the source's own state named in the sentence ("the government
    ordered troops into the refineries ... the troops were removed"), by mention start."""
    doc = finding.trigger.doc
    spans = [(m.start, m.end) for m in finding.sources]
    # the state's own forces are the means of its attacks, not their target ("Reagan ordered
    # the strike by U.S. destroyers, which fired at the rig")
    state_harm = finding.code[:2] in HARM_ROOTS and all(
        s.sector in STATE_SECTORS for s in finding.sources
    )
    return {
        str(m.start): m
        for m in ctx.index.mentions_in(sent.start_char, sent.end_char)
        if m.method != "pronoun"
        and not any(start <= m.start < end for start, end in spans)
        and any(m.actor == s.actor for s in finding.sources)
        and all(not same_party(s, m, doc) for s in finding.sources)
        and not (state_harm and m.sector in STATE_SECTORS)
        and may_be_party(m, finding.trigger)
    }


def domestic(ctx: RuleContext, finding: Finding) -> Finding:
    """An act on the source's own people when the text names no one else ("police arrested
    12", "imposed a curfew", "students staged demonstrations"): see `domestic` in
    modifiers.yaml. Unchanged for other acts, or when there is no source."""
    if finding.targets or not finding.sources:
        return finding
    if not ctx.lexicon.is_domestic(finding.code):
        return finding
    target = domestic_target(finding.sources[0], finding.code)
    return finding if target is None else replace(finding, targets=[target])


def domestic_target(source: Mention, code: str) -> Mention | None:
    """The own-state target of a domestic act: the government for a non-state source (and for
    a protest by the people of a state), the civilians for the state's own acts. None for a
    government's protest: it is aimed at someone the text must name."""
    if code[:2] == "14" and source.sector == "GOV":
        return None
    if source.sector in NON_STATE_SECTORS or (source.sector is None and code[:2] == "14"):
        return replace(source, sector="GOV", method="implied")
    return replace(source, sector="CVL", method="implied")


def with_discourse_target(ctx: RuleContext, finding: Finding, sent: Any, recent: Recent) -> Finding:
    """ "Lukashenko declined the offer": an act on a definite noun with no actor of its own,
    or a yielding act with no one named ("Moscow backed down"), answers the latest act of
    another party in the sentences before."""
    if finding.targets or not finding.sources or finding.trigger.pos_ != "VERB":
        return finding
    answers = finding.code.startswith(ctx.lexicon.responses)  # "Moscow backed down"
    if not answers and not any(
        any(c.lower_ in DEFINITE for c in o.children)
        and not ctx.index.mentions_of(o)
        and o.lemma_.lower() not in PLACE_NOUNS  # "visited the city of Mosul"
        for o in frame_objects(finding.trigger)
    ):
        return finding
    own = {m.actor for m in finding.sources}
    last = max((start for start, _ in recent if start < sent.start), default=None)
    earlier = [c for start, c in recent if start == last]
    for act in reversed(earlier):
        # partners of the source in that act ("Spain and Portugal") are not its addressee
        allies = own & {m.actor for m in act.sources}
        parties = [*act.targets, *([] if allies else act.sources)]
        for party in parties:
            if party.actor not in own and party.method != "pronoun":
                return replace(
                    finding,
                    targets=[party],
                    confidence=finding.confidence - 2 * PENALTY_SENTENCE,
                )
    return finding


def remember(recent: Recent, sent: Any, found: Sequence[Finding]) -> Recent:
    """The acts a later sentence may answer: the last few with a source, from nearby sentences."""
    return (
        *[(i, c) for i, c in recent if i >= sent.start - 200],
        *[(sent.start, c) for c in found if c.sources],
    )[-12:]
