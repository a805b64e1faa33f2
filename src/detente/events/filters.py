"""What the guidelines keep out: negated, hypothetical, questioned and speculative events."""

from __future__ import annotations

from itertools import pairwise
from typing import Any

from detente.events.arguments import is_reduced_relative

NEGATIONS = frozenset({"not", "n't", "never", "no", "neither", "nor", "without"})
CONDITIONAL_MARKS = frozenset({"if", "unless", "whether", "lest"})
# Modal auxiliaries that make an event possible rather than reported.
SPECULATIVE_AUX = frozenset({"could", "might", "may", "should", "must", "can", "ought"})
SPECULATIVE_ADVERBS = frozenset(
    {"perhaps", "probably", "possibly", "maybe", "likely", "hardly", "supposedly"}
)
SPECULATIVE_HEADS = frozenset(
    {"expect", "suppose", "imagine", "speculate", "wonder", "guess", "predict"}
)
# Nouns whose clause is hearsay the text does not assert ("reports that Iran intended to
# threaten shipping were baseless", "denied a report that a jet was shot down").
HEARSAY_NOUNS = frozenset(
    {"report", "rumour", "rumor", "speculation", "allegation", "claim", "suggestion", "possibility"}
)
# Adjectives of capacity: "able to lift" says the act can happen, not that it does.
CAPABILITY = frozenset({"able", "unable", "capable", "incapable"})
# Future markers that turn a reported act into a statement of intent (03x).
FUTURE_AUX = frozenset({"will", "shall", "'ll", "would", "wo"})


def _clause_chain(token: Any) -> list[Any]:
    """The token and the verbs governing it up to the sentence root."""
    chain = [token]
    while chain[-1].head.i != chain[-1].i and len(chain) < 8:
        chain.append(chain[-1].head)
    return chain


def is_negated(token: Any) -> bool:
    """A negation on the trigger itself, or a "no" determining a noun trigger."""
    for child in token.children:
        if child.dep_ == "neg" or (child.dep_ == "det" and child.lower_ in ("no", "neither")):
            return True
    return False


def is_conditional(token: Any) -> bool:
    """Inside an if/unless clause, or a would-have counterfactual."""
    for node in _clause_chain(token):
        for child in node.children:
            if child.dep_ == "mark" and child.lower_ in CONDITIONAL_MARKS:
                return True
        auxes = [c.lower_ for c in node.children if c.dep_ in ("aux", "auxpass")]
        if "have" in auxes and any(a in ("would", "could", "might") for a in auxes):
            return True
        if node.dep_ in ("ROOT",):
            break
    return False


def is_speculative(token: Any) -> bool:
    """The writer's speculation: may/could/might, perhaps/probably, "expect ..."."""
    if _modal(token):
        return True
    for child in token.children:
        if child.dep_ == "advmod" and child.lower_ in SPECULATIVE_ADVERBS:
            return True
    chain = _clause_chain(token)
    for below, node in pairwise(chain):
        if below.dep_ in ("pcomp", "pobj") and _alleged(node):
            return True  # "accused Washington of violating the law": a charge, not a report
        if below.dep_ in ("conj", "advcl") and _charged_before(node, below):
            return True  # "... of violating the law, ignoring treaties": the parse's conjunct
        if below.dep_ in ("acl", "ccomp") and _hearsay(node):
            return True  # "reports that Iran intended to threaten shipping"
        if node.lower_ in CAPABILITY and node.pos_ == "ADJ":
            return True  # "will be able to lift the sanctions": a capacity, not an act
        if below.dep_ == "xcomp" and node.lemma_ in NECESSITY:
            return True  # "when Belarus needed to acquire aircraft": a need, not an act
        if node.lemma_ in SPECULATIVE_HEADS and not any(c.dep_ == "nsubj" for c in node.children):
            return True  # an imperative "Expect ..." by the writer
        if node.lemma_ == "likely" and node.pos_ == "ADJ":
            return True
        if below.dep_ in ADJUNCT_DEPS and _modal(node):
            return True  # "Minsk can act as a mentor in defending ...": only possible
        if below.dep_ in HEDGED_DEPS and node.lemma_ in HEDGES and node.pos_ in ("VERB", "AUX"):
            return True  # "he appears ready to sacrifice ...": a guess, not a report
    return False


# How an adjunct hangs on the verb whose speculative modal it shares ("can act ... in defending").
ADJUNCT_DEPS = frozenset({"pcomp", "advcl", "prep"})
# Verbs whose complement is wanted, not done.
NECESSITY = frozenset({"need"})
# Verbs that hedge what their complement says (not their adverbial clauses: "he appeared to
# consider it when he hosted X" reports the hosting).
HEDGES = frozenset({"appear", "seem"})
HEDGED_DEPS = frozenset({"xcomp", "ccomp", "acomp", "oprd"})


def _modal(node: Any) -> bool:
    """A speculative modal on the node: may, could, might, should, must, can, ought."""
    return any(c.dep_ in ("aux", "auxpass") and c.lower_ in SPECULATIVE_AUX for c in node.children)


# Verbs of accusation whose of/for-phrase names the act charged, which the text does not assert.
ACCUSING = frozenset({"accuse", "blame", "suspect", "fault", "criticise", "criticize", "condemn"})


def _alleged(prep: Any) -> bool:
    return (
        prep.dep_ == "prep"
        and prep.lower_ in ("of", "for")
        and prep.head.lemma_.lower() in ACCUSING
    )


def _charged_before(verb: Any, conjunct: Any) -> bool:
    """An accusing verb whose of/for-phrase with a verb in it comes before the conjunct."""
    if verb.lemma_.lower() not in ACCUSING:
        return False
    return any(
        child.dep_ == "prep"
        and child.lower_ in ("of", "for")
        and child.i < conjunct.i
        and any(c.dep_ == "pcomp" for c in child.children)
        for child in verb.children
    )


def _hearsay(node: Any) -> bool:
    return node.pos_ == "NOUN" and node.lemma_.lower() in HEARSAY_NOUNS


def is_question(sent: Any) -> bool:
    return bool(sent.text.rstrip().rstrip("\"'”’)").endswith("?"))


def is_future(token: Any) -> bool:
    return any(c.dep_ == "aux" and c.lower_ in FUTURE_AUX for c in token.children)


def blocked(token: Any) -> str | None:
    """Why an event at this trigger must not be coded, or None."""
    if is_question(token.sent):
        return "question"
    if is_negated(token):
        return "negated"
    if is_conditional(token):
        return "conditional"
    if is_speculative(token):
        return "speculative"
    if is_prevented(token):
        return "prevented"
    return None


# Verbs whose "from"-clause names what does not happen ("bar Ukraine from joining NATO").
PREVENTION = frozenset(
    {
        "bar",
        "prevent",
        "stop",
        "ban",
        "block",
        "keep",
        "prohibit",
        "exclude",
        "deter",
        "restrain",
        "forbid",
        "preclude",
        "discourage",
        "dissuade",
        "refrain",
        "abstain",
        "withhold",
    }
)


def is_prevented(token: Any) -> bool:
    """An act a prevention keeps from happening: "barred Ukraine from joining NATO",
    "refrained from attacking"."""
    prep = token.head
    return (
        token.dep_ == "pcomp" and prep.lower_ == "from" and prep.head.lemma_.lower() in PREVENTION
    )


def blocked_verb(verb: Any) -> str | None:
    """Why a verb's event must not be coded: a reduced relative reports a fact of its own
    whatever its governing clause says ("may lift the sanctions imposed last week")."""
    if is_reduced_relative(verb):
        if is_negated(verb) or is_question(verb.sent) or is_conditional(verb):
            return "negated, questioned or conditional"
        return None
    return blocked(verb)


def blocked_by_governor(noun: Any) -> bool:
    """Whether the verb governing a noun event (up to two heads up) is blocked: a noun in a
    negated, questioned, conditional or speculative clause reports no event either."""
    head = noun.head
    hops = 0
    while head.i != noun.i and hops < 2:
        if head.pos_ in ("VERB", "AUX"):
            return blocked(head) is not None
        noun, head, hops = head, head.head, hops + 1
    return False
