"""One sentence in two passes: verbs and modal adjectives first (left to right, so that
"promised to release" codes the promise and consumes the release), then noun triggers that no
verb took as its object ("the meeting of X with Y", "sanctions against Z")."""

from __future__ import annotations

from typing import Any

from detente.events.arguments import PREDICATE_DEPS, children, predicated
from detente.events.fallbacks import (
    Recent,
    domestic,
    with_discourse_target,
    with_sentence_target,
)
from detente.events.filters import blocked, blocked_by_governor, blocked_verb
from detente.events.findings import Finding, RuleContext
from detente.events.lexicon import Lexicon
from detente.events.nouns import code_gathering, code_noun, is_setting_of
from detente.events.verbs import code_adjective, code_verb

# Roots of noun events (demand, protest, force posture, coercion) that, when their phrase names
# no target, take one from the sentence as verbs do ("a protest by farmers over interest rates":
# at their government); for the other roots a sentence's other actor is mostly not the target.
# Tuned on the dev gold files.
NOUN_SENTENCE_TARGET_ROOTS = frozenset({"10", "14", "15", "17"})
# Dependents that make a gerund a clause of its own ("for selling arms to Iran").
CLAUSE_DEPS = frozenset({"nsubj", "dobj", "dative", "prep", "xcomp", "ccomp", "prt", "agent"})


def code_sentence(ctx: RuleContext, sent: Any, consumed: set[int], recent: Recent) -> list[Finding]:
    """The events of one sentence; `recent`: the acts of the sentences before (see
    `fallbacks.remember`), `consumed`: the tokens earlier triggers took (and this one adds to)."""
    found: list[Finding] = []
    for token in sent:
        if token.i in consumed:
            continue
        finding = None
        if _wrapped_by_noun(ctx.lexicon, token):
            continue  # "his intention to visit Myanmar": the noun pass codes the intent
        if token.pos_ == "VERB" and not _nominal_verb(token):
            finding = code_verb(ctx, token, consumed)
        elif token.pos_ == "ADJ":
            finding = code_adjective(ctx, token, consumed)
        if finding is not None and blocked_verb(token) is None:
            found.append(finding)
    found = [
        # the sentence, then the sentence before, then the actor's own people
        domestic(
            ctx,
            with_discourse_target(ctx, with_sentence_target(ctx, f, sent), sent, recent),
        )
        for f in found
    ]
    for token in sent:
        if token.i in consumed or token.pos_ not in ("NOUN", "PROPN"):
            continue
        if _names_another_act(token, ctx.lexicon):
            continue
        finding = code_gathering(ctx, token) or code_noun(ctx, token, consumed)
        if finding is not None and is_setting_of(token, finding, found):
            continue  # "hosted X for a meeting": the hosting is the meeting
        if finding is not None and blocked(token) is None and not blocked_by_governor(token):
            if finding.code[:2] in NOUN_SENTENCE_TARGET_ROOTS:
                finding = with_sentence_target(ctx, finding, sent)
            found.append(domestic(ctx, finding))
    return found


def _wrapped_by_noun(lexicon: Lexicon, verb: Any) -> bool:
    """The to-clause of a modal noun ("the intention to visit", "a plan to impose")."""
    if (
        verb.dep_ in ("acl", "relcl")
        and verb.head.lemma_.lower() in lexicon.modal_nouns
        and any(a.lower_ == "to" for a in verb.children)
    ):
        return True
    # "Russia's proposal was that Belarus host an airbase": what was proposed
    subjects = children(verb.head, "nsubj") if verb.dep_ in PREDICATE_DEPS else []
    return any(
        s.lemma_.lower() in lexicon.modal_nouns and getattr(predicated(s), "i", None) == verb.i
        for s in subjects
    )


def _names_another_act(noun: Any, lexicon: Lexicon) -> bool:
    """A trigger noun that only says what another one is about ("ceasefire talks", "the
    ceasefire agreement"): one event, the head's."""
    head = noun.head
    return noun.dep_ == "compound" and head.i != noun.i and head.lemma_.lower() in lexicon.nouns


def _nominal_verb(verb: Any) -> bool:
    """A verb form used as a noun or its modifier, with no clause of its own: "shipping lanes",
    "attacks on shipping"; it names an activity, not an act of particular actors."""
    if verb.dep_ in ("compound", "amod"):  # "shipping lanes", "declining production"
        return True
    return (
        verb.tag_ == "VBG"
        and verb.dep_ in ("pcomp", "pobj")
        and not any(c.dep_ in CLAUSE_DEPS for c in verb.children)
    )
