"""Whether a mention may be a party to an act, and which one: the same party named again,
another party, or no party at all (a place, an actor that only attributes the report)."""

from __future__ import annotations

from typing import Any

from detente.events.lexicon import word_list
from detente.types import Mention

# Object pronouns never refer to their own clause's subject (that would be "himself"): "Craxi
# told him" names someone else.
OBJECT_PRONOUNS = frozenset({"him", "her", "them"})
# Verbs whose subject attributes the sentence ("..., Thai military sources said").
ATTRIBUTION_VERBS = word_list("attribution_verbs")
# Nouns of places: a nationality adjective on one names where, not who ("on the Thai border").
PLACE_NOUNS = word_list("place_nouns")
# Directions whose of-phrase names a place ("120 miles east of Bahrain").
DIRECTIONS = word_list("directions")


def same_party(source: Mention, target: Mention, doc: Any) -> bool:
    """Whether two mentions may stand for one party: the same actor and sector, unless they
    name different people, or a person and a group ("President X met political leaders"), or
    the target is an object pronoun. Any other pronoun of the source's own actor refers back to
    the source ("Egypt broke with its ally")."""
    if source.actor != target.actor:
        return False
    if target.method == "pronoun" and doc[target.head].lower_ in OBJECT_PRONOUNS:
        return source.head == target.head
    if target.method == "pronoun":
        return True
    if source.sector != target.sector:
        return False
    if source.method == "pronoun":
        return True
    if source.person and target.person:
        return source.person == target.person
    return not (source.person or target.person)


def other_party(target: Mention, source: Mention) -> bool:
    """Another actor, or another named part of the same state ("rebels said the government
    must ..."); not the source itself under another name ("the Kremlin said Russia must")."""
    if target.actor != source.actor:
        return True
    return None not in (target.sector, source.sector) and target.sector != source.sector


def is_aside(token: Any, trigger: Any) -> bool:
    """An actor that only attributes, after the act, what the sentence reports ("..., Thai
    police said"): not the target of that act. One named before it may well be ("Iraq said
    Iranian boats attacked its terminal")."""
    node = token
    while node.head.i != node.i and node.dep_ not in ("nsubj", "nsubjpass"):
        if node.head.pos_ in ("VERB", "AUX"):
            return False
        node = node.head
    return (
        node.dep_ == "nsubj"
        and node.head.lemma_.lower() in ATTRIBUTION_VERBS
        and node.i > trigger.i
        and trigger in node.head.subtree
    )


def is_place(token: Any, mention: Mention) -> bool:
    """A mention that names where, not whom: a bare nationality adjective on a place noun
    ("the eastern Thai border"), the of-phrase of a direction or a place noun ("east of
    Bahrain", "off the coast of Iran")."""
    head = token.head
    if mention.method == "adjective":
        return head.lemma_.lower() in PLACE_NOUNS
    if token.dep_ != "pobj" or head.lower_ != "of":
        return False
    owner = head.head.lemma_.lower()
    return owner in DIRECTIONS or owner in PLACE_NOUNS


def may_be_party(mention: Mention, trigger: Any) -> bool:
    """Whether a mention of the trigger's sentence may be a party to its act: not the press
    that reports it, not an actor that only attributes it ("..., Thai police said"), not a
    place ("on the Thai border")."""
    token = trigger.doc[mention.head]
    return mention.sector != "MED" and not is_aside(token, trigger) and not is_place(token, mention)
