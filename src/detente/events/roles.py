"""The actors of a trigger's own phrases: who acts (its subject, agent or owner) and who is
acted upon (its object, addressee or prepositional object), as the parse names them."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from detente.events.arguments import (
    ADDRESSEE_DEPS,
    children,
    direct_objects,
    is_adverbial,
    is_reduced_relative,
    pobjects,
    setting_verb,
    subject_of,
)
from detente.events.findings import RuleContext
from detente.events.parties import same_party
from detente.types import Mention

# Roots of offers and acts of giving: an own-forces object is the thing given.
GIVING_ROOTS = frozenset({"03", "06", "07"})


def targets_of_verb(
    ctx: RuleContext,
    verb: Any,
    preps: Sequence[str],
    sources: Sequence[Mention] = (),
    code: str = "",
) -> list[Mention]:
    """The acted-upon: the object, the dative, a prepositional object, or one inside the
    object ("sanctions against Belarus"). A phrase standing for the source itself ("offered
    its troops to Lebanon") is passed over while another candidate remains."""
    own = {m.actor for m in sources}
    fallback: list[Mention] = []
    objects = direct_objects(verb)
    phrases = [*objects, *children(verb, "dative", "iobj"), *pobjects(verb, preps)]
    inner = [
        p
        for obj in objects
        for part in (obj, *obj.conjuncts)  # "artillery and rocket fire against X"
        for p in pobjects(part, (*preps, "between", "among"))
    ]
    owned_act = False  # the fallback is the owner of an act ("Reagan's strike")
    for phrase in [*phrases, *inner]:
        if owned_act and phrase in inner:
            # "the Senate backed Reagan's strike against Iran": the president, not Iran
            break
        found = ctx.index.mentions_of(phrase)
        if not found:
            continue
        if {m.actor for m in found} - own or not own:
            return found
        # The source's own state is a target only as another part of it ("Minsk arrested
        # the opposition", "the president promised to democratize Serbia"), never as the
        # very same actor and sector ("Spain and Portugal refuse to drop their opposition").
        doc = verb.doc
        distinct = all(not same_party(s, m, doc) for m in found for s in sources)
        # Its own forces are what it gives, not whom it acts on ("ready to contribute troops
        # to a force in Liberia"); a mobilisation does act on them ("ordered troops out").
        means = (
            code[:2] in GIVING_ROOTS and phrase in objects and all(m.sector == "MIL" for m in found)
        )
        if distinct and not fallback and not means:
            fallback = found
            owned_act = phrase in objects and phrase.lemma_.lower() in ctx.lexicon.nouns
    return fallback


def sources_of(ctx: RuleContext, verb: Any) -> list[Mention]:
    """The actors of a verb's subject or agent; for a reduced relative, those of its noun."""
    subject = subject_of(verb)
    if subject is None and is_reduced_relative(verb):
        # "U.S. sanctions imposed on Japan", "X lifted sanctions imposed on Y": the owner
        # of the noun, else the subject of the clause that names it
        return noun_sources(ctx, verb.head, False)
    return ctx.index.mentions_of(subject) if subject is not None else []


def noun_sources(
    ctx: RuleContext, noun: Any, of_is_agent: bool, *, from_is_agent: bool = False
) -> list[Mention]:
    """The actors of a nominal act: its owner ("Russia's"), its by-phrase (or of- and
    from-phrase where those name the agent), else the subject of the clause it belongs to."""
    for child in noun.children:
        if child.dep_ in ("poss", "compound", "amod", "nmod"):
            found = ctx.index.mentions_of(child)
            if found:
                return found
    by = pobjects(noun, ("by", *(("from",) if from_is_agent else ())))
    by += pobjects(noun, ("of",)) if of_is_agent else []
    for pobj in by:
        found = ctx.index.mentions_of(pobj)
        if found:
            return found
    head = noun.head
    if noun.dep_ in ("dobj", "attr", "oprd", "nsubjpass") and head.pos_ in ("VERB", "AUX"):
        return sources_of(ctx, head)
    if is_adverbial(noun) and head.head.pos_ == "NOUN":  # "a strike in protest of": the strikers
        found = noun_sources(ctx, head.head, True)
        if found:
            return found
    verb = setting_verb(noun)
    return sources_of(ctx, verb) if verb is not None else []


def subject_mentions(ctx: RuleContext, clause: Any) -> list[Mention]:
    """The actors of a clause's own subject ("urged Belarus to free them": Belarus)."""
    subjects = children(clause, "nsubj")
    return ctx.index.mentions_of(subjects[0]) if subjects else []


def conflict_parties(ctx: RuleContext, verb: Any, sources: Sequence[Mention]) -> list[Mention]:
    """Two or more other actors whose conflict or deal the verb's object names: "an end to
    the Russia-Ukraine war", "two years of fighting between Israel and Hamas"."""
    own = {m.actor for m in sources}
    for obj in direct_objects(verb):
        for phrase in (obj, *pobjects(obj, ("to", "of"))):
            for part in (phrase, *pobjects(phrase, ("of",))):
                named = [
                    m
                    for p in pobjects(part, ("between", "among"))
                    for m in ctx.index.mentions_of(p)
                ] or modifier_parties(ctx, part)
                found = {m.actor: m for m in named if m.actor not in own}
                if len(found) >= 2 and len(found) == len({m.actor for m in named}):
                    return list(found.values())
    return []


def modifier_parties(ctx: RuleContext, noun: Any) -> list[Mention]:
    """Distinct actors named among a noun's modifiers ("U.S.-Japanese", "Russian-Belarusian")."""
    found: dict[str, Mention] = {}
    for child in children(noun, "compound", "amod", "nmod"):
        for token in child.subtree:
            mention = ctx.index.by_token.get(token.i)
            if mention is not None and mention.method not in ("pronoun", "context"):
                found.setdefault(mention.actor, mention)
    return list(found.values())


def received(ctx: RuleContext, noun: Any) -> tuple[list[Mention], list[Mention]] | None:
    """(sources, targets) of a noun event its verb's subject receives from someone ("Minsk
    drew condemnation from the West", "Egypt got support from Jordan"): the from-phrase
    acts on the subject. None when the verb has no such from-phrase."""
    head = noun.head
    if noun.dep_ != "dobj" or head.pos_ != "VERB" or pobjects(noun, ("from",)):
        return None
    sources = [m for p in pobjects(head, ("from",)) for m in ctx.index.mentions_of(p)]
    if not sources:
        return None
    return sources, sources_of(ctx, head)


def addressee(ctx: RuleContext, noun: Any, sources: Sequence[Mention]) -> list[Mention]:
    """Whom a noun of circumstance's verb addresses ("Witkoff told Ushakov in a phone call"):
    its object, dative or to-phrase, when that names an actor other than the sources."""
    verb = setting_verb(noun, ADDRESSEE_DEPS)  # not through other prepositions
    if verb is not None and verb.pos_ == "VERB":
        for obj in [*children(verb, "dobj", "dative", "iobj"), *pobjects(verb, ("to",))]:
            found = ctx.index.mentions_of(obj)
            if found and {m.actor for m in found} - {m.actor for m in sources}:
                return found
    return []
