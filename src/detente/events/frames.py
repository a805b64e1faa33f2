"""The code of a verb: its lexicon frame (object, preposition, particle), the code of a wrapped
clause, and the code of a wrapper (modal) around a wrapped act.

Coding a verb takes its object as part of its event ("boycott all contact"): the object's tokens
go into `consumed`, so that the noun pass does not code them again.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from detente.events.arguments import (
    children,
    complement,
    frame_objects,
    is_reduced_relative,
    object_lemmas,
    pobjects,
)
from detente.events.findings import RuleContext
from detente.events.lexicon import Lexicon, Modal

# Roots that already express intent, request, threat or rejection: a future tense adds nothing.
MODAL_ROOTS = frozenset({"01", "02", "03", "10", "11", "12", "13"})
# Roots of acts whose announced intent is a threat (13x) rather than an intent to cooperate.
HOSTILE_ROOTS = frozenset({"13", "14", "16", "17", "18", "19", "20"})
# Prepositions whose object names the act when a verb's direct object is the one addressed.
ADDRESSEE_ACT_PREPS = ("of", "about", "against", "with")


@dataclass(frozen=True, slots=True)
class VerbCode:
    """A verb's code by the lexicon, the prepositions that name its target, and whether a frame
    (rather than the verb alone) gave the code."""

    code: str
    target_preps: tuple[str, ...]
    framed: bool


def verb_code(ctx: RuleContext, verb: Any, consumed: set[int]) -> VerbCode | None:
    """The verb's code by its lexicon entry and frames, or None; takes its object into
    `consumed` as part of its event."""
    entry = ctx.lexicon.verbs.get(verb.lemma_.lower())
    if entry is None:
        return None
    objects = frame_objects(verb)
    preps = {c.lower_ for c in children(verb, "prep", "agent")}
    particles = {c.lower_ for c in children(verb, "prt")}
    reduced = is_reduced_relative(verb)
    lemmas = {verb.head.lemma_.lower()} if reduced else object_lemmas(objects)
    own_lemmas = lemmas
    acts: list[Any] = []
    if objects and all(ctx.index.mentions_of(o) for o in objects):
        # "warned Iran of reprisals": the object is the addressee, the phrase names the act
        acts = pobjects(verb, ADDRESSEE_ACT_PREPS)
        lemmas = lemmas | object_lemmas(acts)
    heads = frozenset(  # "10 days of war games": the of-object is a head too
        w for o in objects for t in (o, *pobjects(o, ("of",))) for w in (t.lemma_.lower(), t.lower_)
    )
    found = entry.code_for(lemmas, preps, particles, heads)
    if found is None or (reduced and not found[2]):
        # a reduced relative is an event only when its noun is the act's own object
        # ("sanctions imposed on Japan"), not any noun it hangs on ("a plan proposed by X")
        return None
    code, target_preps, framed = found
    if acts and framed:
        plain = entry.code_for(own_lemmas, preps, particles, heads)
        if plain is None or not plain[2]:  # the phrase's act is this one ("of reprisals")
            consumed.update(t.i for a in acts for t in _own_part(a))
    if reduced:  # the noun is this act's patient; what else hangs on it is not
        consumed.add(verb.head.i)
        return VerbCode(code, target_preps, framed)
    # The object is part of this verb's event ("boycott all contact"), unless it names
    # parties of its own ("opened the negotiations between Russia and Ukraine").
    consumed.update(
        t.i
        for o in objects
        if not pobjects(o, ("between", "among"))
        for t in _own_part(o)  # "rejected an Indian proposal for signing a pact": one event
        if t.i not in _own_clauses(ctx, o, verb)
    )
    return VerbCode(code, target_preps, framed)


def _own_clauses(ctx: RuleContext, obj: Any, verb: Any) -> set[int]:
    """Tokens of the object's reduced relatives that report an act of their own ("lift the
    sanctions imposed on Japan last week": the imposition happened)."""
    return {
        t.i
        for c in obj.children
        if c.i != verb.i and is_reduced_relative(c) and c.lemma_.lower() in ctx.lexicon.verbs
        for t in c.subtree
    }


def _own_part(phrase: Any) -> list[Any]:
    """The tokens of an object phrase that belong to its verb's event: all but a participle
    clause acting on its own ("supported the declaration, including the resolution
    condemning X": the resolution condemns)."""
    clauses = [t for t in phrase.subtree if t.dep_ == "acl" and t.tag_ == "VBG" and t.i != phrase.i]
    inside = {t.i for c in clauses for t in c.subtree}
    return [t for t in phrase.subtree if t.i not in inside]


def embedded_code(ctx: RuleContext, verb: Any, consumed: set[int]) -> str | None:
    """The code of a wrapped clause ("to release prisoners", "that Minsk free them")."""
    modal = ctx.lexicon.modal_verbs.get(verb.lemma_.lower())
    inner = complement(verb)
    if modal is not None and inner is not None:
        return modal_code(ctx.lexicon, modal, embedded_code(ctx, inner, consumed))
    coded = verb_code(ctx, verb, consumed)
    if coded is not None:
        return coded.code
    for obj in children(verb, "dobj", "attr"):
        entry = ctx.lexicon.nouns.get(obj.lemma_.lower())
        if entry is not None and entry.code:
            return entry.code
    return None


def modal_code(lexicon: Lexicon, modal: Modal, embedded: str | None) -> str:
    """The wrapper's code for a wrapped act; an intent to do harm is a threat ("is prepared
    to impose martial law", "plans to impose restrictions" are 13x, not 03x)."""
    threat = lexicon.modals.get("threat")
    if modal.kind == "intent" and embedded and embedded[:2] in HOSTILE_ROOTS and threat:
        return threat.apply(embedded)
    return modal.apply(embedded)


def announced(lexicon: Lexicon, code: str, *, ultimatum: bool = False) -> str:
    """The code of an act announced for later: an intent to cooperate (03x), or a threat
    (13x) for harm or an act set on a condition the other side must meet."""
    harm = int(code[:2]) > 8 or ultimatum
    return lexicon.modals["threat" if harm else "intent"].apply(code)
