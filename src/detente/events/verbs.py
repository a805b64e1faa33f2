"""The first pass over a sentence: events of verbs and modal adjectives, with their frames.

A modal word wraps a clause ("promised to release prisoners", "is ready to talk"): the event is
the wrapper's, coded after the wrapped act, and the wrapped verb is consumed. A reported
prescription ("X said Y must ...") is an appeal by X to Y.
"""

from __future__ import annotations

from typing import Any

from detente.events.arguments import (
    agent_of,
    children,
    complement,
    frame_objects,
    is_passive,
)
from detente.events.filters import is_future, is_negated
from detente.events.findings import (
    CONFIDENCE_FRAME,
    CONFIDENCE_VERB,
    Finding,
    RuleContext,
)
from detente.events.frames import MODAL_ROOTS, announced, embedded_code, modal_code, verb_code
from detente.events.lexicon import Modal
from detente.events.parties import other_party
from detente.events.roles import (
    conflict_parties,
    sources_of,
    subject_mentions,
    targets_of_verb,
)
from detente.types import Mention

# Modal families whose wrapped clause has not happened (demanded, urged, threatened, refused):
# acts inside that clause are part of it, not reported events of their own. An intent's clause
# may name real acts ("promised to free those it arrested"). Tuned on the dev gold files.
UNREALISED_KINDS = frozenset({"appeal", "demand", "threat", "refuse"})
# Auxiliaries that turn a reported clause into a prescription ("should adhere", "must stop").
PRESCRIPTIVE_AUX = frozenset({"should", "must", "ought"})
# Codes of a visit: made by people, not by armed forces arriving somewhere.
VISIT_CODES = frozenset({"042", "043"})


def wrapped(
    ctx: RuleContext,
    token: Any,
    modal: Modal,
    inner: Any,
    sources: list[Mention],
    consumed: set[int],
) -> Finding | None:
    """A modal frame around an inner clause: the code is the frame's, the target the clause's
    (or, for appeals and demands, the addressee: "urged Belarus to ...")."""
    consumed.add(inner.i)
    if modal.kind in UNREALISED_KINDS:  # "demanded that the US cancel plans to sell arms"
        consumed.update(t.i for t in inner.subtree)
    embedded = embedded_code(ctx, inner, consumed)
    if embedded is None and token.lemma_.lower() in modal.needs_act:
        return None
    code = modal_code(ctx.lexicon, modal, embedded)
    inner_coded = verb_code(ctx, inner, consumed)
    preps = inner_coded.target_preps if inner_coded else ("with", "to", "on", "against")
    targets: list[Mention] = []
    if modal.kind in ("appeal", "demand"):
        targets = targets_of_verb(ctx, token, ("on", "upon", "to")) if token.pos_ == "VERB" else []
        if not targets:
            targets = subject_mentions(ctx, inner)
    if not targets:
        targets = targets_of_verb(ctx, inner, preps, sources, code)
    if not targets and any(c.dep_ == "mark" for c in inner.children):
        # "the proposal was that the country host an airbase": proposed to the country
        own = {s.actor for s in sources}
        targets = [m for m in subject_mentions(ctx, inner) if m.actor not in own]
    return Finding(token, code, sources, targets, CONFIDENCE_FRAME, extra=[inner])


def code_reported(ctx: RuleContext, verb: Any, consumed: set[int]) -> Finding | None:
    """ "X said Y should/must do Z": an appeal by X to Y (02x after what Z is)."""
    appeal = ctx.lexicon.modals.get("appeal")
    if appeal is None or verb.lemma_.lower() not in appeal.reported:
        return None
    for clause in children(verb, "ccomp"):
        auxes = {c.lower_ for c in children(clause, "aux")}
        if not auxes & PRESCRIPTIVE_AUX or is_negated(clause):
            continue
        subjects = children(clause, "nsubj", "nsubjpass")
        sources = sources_of(ctx, verb)
        found = ctx.index.mentions_of(subjects[0]) if subjects else []
        targets = [m for m in found if all(other_party(m, s) for s in sources)]
        if not targets:
            continue
        consumed.update(t.i for t in clause.subtree)  # what Y should do: not done yet
        code = appeal.apply(embedded_code(ctx, clause, consumed))
        return Finding(verb, code, sources, targets, CONFIDENCE_VERB, extra=[clause])
    return None


def code_verb(ctx: RuleContext, verb: Any, consumed: set[int]) -> Finding | None:
    """A verb's event: a reported prescription, a modal wrapper, or the verb's own frame."""
    reported = code_reported(ctx, verb, consumed)
    if reported is not None:
        return reported
    modal = ctx.lexicon.modal_verbs.get(verb.lemma_.lower())
    inner = complement(verb)
    if is_passive(verb) and agent_of(verb) is None and modal is not None:
        inner = None  # "was forced to back down": no one named forced; the act stays
    if modal is not None and inner is not None and inner.i not in consumed:
        return wrapped(ctx, verb, modal, inner, sources_of(ctx, verb), consumed)
    coded = verb_code(ctx, verb, consumed)
    if coded is None:
        return None
    code = coded.code
    if modal is not None and not coded.framed:  # "demanded the withdrawal of the troops"
        code = _wrapped_noun_code(ctx, verb, modal) or code
    if is_future(verb) and code[:2] not in MODAL_ROOTS:
        # "will meet" announces cooperation (03x); "would tighten the blockade" threatens (13x);
        # "will withdraw its force unless ..." sets a condition on the other side: a threat.
        code = announced(ctx.lexicon, code, ultimatum=_ultimatum(verb))
    confidence = CONFIDENCE_FRAME if coded.framed else CONFIDENCE_VERB
    sources = sources_of(ctx, verb)
    if code[:3] in VISIT_CODES and sources and all(_forces(m) for m in sources):
        return None  # "troops arrived in Bosnia": a deployment, not a visit
    targets = targets_of_verb(ctx, verb, coded.target_preps, sources, code)
    mediated = ctx.lexicon.mediation.get(code[:3]) or ctx.lexicon.mediation.get(code[:2])
    if mediated is not None:
        parties = conflict_parties(ctx, verb, sources)
        if parties:  # "ended the fighting between Israel and Hamas", "brokered ..."
            return Finding(verb, mediated, sources, parties, confidence)
    return Finding(verb, code, sources, targets, confidence)


def _wrapped_noun_code(ctx: RuleContext, verb: Any, modal: Modal) -> str | None:
    """The wrapper's code for an act its verb takes as a noun object ("demanded the
    meeting" 106, "refused the withdrawal" 1246); None when the object names no act."""
    for obj in frame_objects(verb):
        entry = ctx.lexicon.nouns.get(obj.lemma_.lower())
        if entry is not None and entry.code and entry.code[:2] != modal.default[:2]:
            return modal_code(ctx.lexicon, modal, entry.code)
    return None


def code_adjective(ctx: RuleContext, adjective: Any, consumed: set[int]) -> Finding | None:
    """A modal adjective's event ("is ready to talk"): the wrapper of its clause."""
    modal = ctx.lexicon.modal_adjectives.get(adjective.lemma_.lower())
    inner = complement(adjective)
    if modal is None or inner is None or adjective.head.i == adjective.i:
        return None
    return wrapped(ctx, adjective, modal, inner, sources_of(ctx, adjective.head), consumed)


def _forces(mention: Mention) -> bool:
    """Armed forces as a body, not a person who commands them ("troops", "the navy")."""
    return mention.sector == "MIL" and not mention.person and mention.method != "pronoun"


def _ultimatum(verb: Any) -> bool:
    """An announced act on a condition the other side must meet ("will withdraw unless ...")."""
    return any(
        c.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ == "unless" for m in c.children)
        for c in verb.children
    )
