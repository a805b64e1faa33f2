"""The second pass over a sentence: events of nouns no verb took as its object ("the meeting of
X with Y", "sanctions against Z", "the NATO summit in Vilnius")."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from detente.events.arguments import (
    ADDRESSEE_DEPS,
    children,
    is_adverbial,
    object_lemmas,
    pobjects,
    predicated,
    setting_verb,
)
from detente.events.findings import CONFIDENCE_NOUN, Finding, RuleContext
from detente.events.frames import MODAL_ROOTS, announced, modal_code
from detente.events.lexicon import word_list
from detente.events.roles import addressee, modifier_parties, noun_sources, received
from detente.events.verbs import wrapped

# Roots whose noun's of-phrase names the patient ("the release of prisoners", "the invasion of
# Ukraine"); for the others it names the agent ("the meeting of X", "the visit of Y").
OF_IS_TARGET = frozenset({"08", "09", "11", "12", "16", "17", "18", "19", "20"})
# Roots whose noun's from-phrase names the agent ("condemnation from the West", "aid from
# Japan"); for withdrawals, expulsions or releases it names a place ("withdrawal from Bosnia").
FROM_IS_SOURCE = frozenset({"01", "02", "03", "05", "07", "10", "11", "12", "13", "14"})
# Roots of a symmetric noun that its parties' names make an event of their own ("the U.S.-Japan
# pact" was signed by both); talks named so ("the Israel-Gaza talks") are mostly a topic, not an
# act. Tuned on the dev gold files.
NAMED_BY_PARTIES = frozenset({"05"})
# Verbs that say where a gathering took place ("the session, held in Minsk").
HOSTING_VERBS = word_list("hosting_verbs")
# Words that announce a nominal event for later ("the upcoming summit", "her visit next week").
FUTURE_MODIFIERS = word_list("future_modifiers")
# Prepositions of a purpose: "hosted X for a meeting" is one act, "met during a visit" two.
PURPOSE_PREPS = frozenset({"for"})


def code_noun(ctx: RuleContext, noun: Any, consumed: set[int]) -> Finding | None:
    """A noun's event: a modal noun's wrapped clause ("a plan to impose"), or the noun's own
    act, with its parties from its phrases ("talks between X and Y", "aid from Japan")."""
    lemma = noun.lemma_.lower()
    modal = ctx.lexicon.modal_nouns.get(lemma)
    inner = next(
        (
            c
            for c in noun.children
            if c.dep_ in ("acl", "relcl", "ccomp")
            and c.pos_ == "VERB"
            # "to" or a "that" that marks the clause, not a relative "that" ("a call that
            # it would help" wraps; "the call that he made" does not)
            and any(
                a.lower_ == "to" or (a.lower_ == "that" and a.dep_ == "mark") for a in c.children
            )
        ),
        None,
    ) or predicated(noun)
    if modal is not None and inner is not None and inner.i not in consumed:
        found_wrapped = wrapped(ctx, noun, modal, inner, noun_sources(ctx, noun, True), consumed)
        if found_wrapped is not None:
            return found_wrapped
    entry = ctx.lexicon.nouns.get(lemma)
    if entry is None:
        return None
    of_objects = pobjects(noun, ("of",))
    found = entry.code_for(
        object_lemmas(of_objects) | {c.lemma_.lower() for c in children(noun, "compound", "amod")},
        {c.lower_ for c in children(noun, "prep")},
        set(),
    )
    if found is None:
        return None
    code, preps, _ = found
    wrapper = ctx.lexicon.modal_verbs.get(noun.head.lemma_.lower())
    if noun.dep_ == "dobj" and wrapper is not None and code[:2] not in MODAL_ROOTS:
        code = modal_code(ctx.lexicon, wrapper, code)  # "planning trade reprisals" 13x
    elif _future(noun) and code[:2] not in MODAL_ROOTS:  # "her visit to Moscow next week"
        code = announced(ctx.lexicon, code)
    of_is_agent = code[:2] not in OF_IS_TARGET and not is_adverbial(noun)
    between = [m for p in pobjects(noun, ("between", "among")) for m in ctx.index.mentions_of(p)]
    if between:  # "talks between Russia and Ukraine": the parties act on each other
        return Finding(noun, code, between, [], CONFIDENCE_NOUN, reciprocal=True)
    parties = modifier_parties(ctx, noun)
    if len(parties) >= 2 and code in ctx.lexicon.converse and code[:2] in NAMED_BY_PARTIES:
        return Finding(noun, code, parties, [], CONFIDENCE_NOUN, reciprocal=True)
    from_is_agent = code[:2] in FROM_IS_SOURCE and "from" not in preps
    given = received(ctx, noun) if from_is_agent else None
    if given is not None:  # "Minsk drew condemnation from the West"
        return Finding(noun, code, *given, CONFIDENCE_NOUN)
    sources = noun_sources(ctx, noun, of_is_agent, from_is_agent=from_is_agent)
    targets = [m for p in pobjects(noun, preps) for m in ctx.index.mentions_of(p)]
    if not targets and not of_is_agent:
        targets = [m for p in of_objects for m in ctx.index.mentions_of(p)]
    if not targets:  # "Witkoff told Ushakov in a phone call": the verb's object
        targets = addressee(ctx, noun, sources)
    return Finding(noun, code, sources, targets, CONFIDENCE_NOUN)


def code_gathering(ctx: RuleContext, noun: Any) -> Finding | None:
    """An organisation's session held in a state ("the session of the OSCE Parliamentary
    Assembly, held in Minsk", "the NATO summit in Vilnius"): the organisation visits (042)
    and the state hosts (043, the converse)."""
    code = ctx.lexicon.gatherings.get(noun.lemma_.lower())
    owner = ctx.index.mention_of(noun) if code else None
    if code is None or owner is None or owner.actor in ctx.states:
        return None
    if owner.method in ("context", "pronoun"):
        return None
    held = [c for c in children(noun, "acl") if c.lemma_.lower() in HOSTING_VERBS]
    venues = [
        m
        for phrase in (noun, *held)
        for p in pobjects(phrase, ("in", "at"))
        for m in ctx.index.mentions_of(p)
        if m.actor in ctx.states and m.method == "name" and m.actor != owner.actor
    ]
    if not venues:
        return None
    return Finding(noun, code, [owner], venues[:1], CONFIDENCE_NOUN, extra=held)


def is_setting_of(noun: Any, finding: Finding, found: Sequence[Finding]) -> bool:
    """A noun event in a phrase of a verb event of the same root and parties ("hosted X for
    a meeting", "met Y for talks"): the verb's event, told again."""
    if noun.head.lower_ not in PURPOSE_PREPS:  # "met during X's visit": two acts
        return False
    verb = setting_verb(noun, ADDRESSEE_DEPS)
    sources = {m.actor for m in finding.sources}
    targets = {m.actor for m in finding.targets}
    return verb is not None and any(
        c.trigger.i == verb.i
        and c.code[:2] == finding.code[:2]
        and c.targets
        and sources <= {m.actor for m in c.sources}
        and targets <= {m.actor for m in c.targets}
        for c in found
    )


def _future(noun: Any) -> bool:
    """A nominal event announced for later: "the upcoming summit", "her visit next week"."""
    words = {t.lower_ for t in noun.children} | {
        t.lower_ for c in noun.children if c.ent_type_ == "DATE" for t in c.subtree
    }
    return bool(words & FUTURE_MODIFIERS)
