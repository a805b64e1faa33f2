"""Who acts and who is acted upon: from the dependency parse to resolved actor mentions."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import replace
from typing import Any

from detente.types import Mention

SUBJECT_DEPS = ("nsubj", "csubj")
OBJECT_DEPS = ("dobj", "dative", "iobj", "attr", "oprd")
# Relative pronouns that stand for the noun a relative clause modifies.
RELATIVE = frozenset({"which", "who", "that", "whom", "whose"})
# A verb with no subject of its own shares the subject of the word it depends on through these
# ("Cossiga is due to meet", "X met Y and signed", "X wants to settle").
CLIMB_DEPS = frozenset({"xcomp", "conj", "advcl", "ccomp", "pcomp", "acomp"})
# How many of-phrases deep an argument looks for its actor ("the transit of Russian oil").
ARGUMENT_DEPTH = 2


class ActorIndex:
    """Token index → mention: by phrase head first, then any token a mention covers."""

    def __init__(self, doc: Any, mentions: Sequence[Mention]) -> None:
        self.mentions = list(mentions)
        self.by_head = {m.head: m for m in mentions}
        self.by_token: dict[int, Mention] = {}
        starts = {t.idx: t.i for t in doc}
        # The narrowest mention claims a token: "Belarusian" in "Russian and Belarusian armed
        # forces" is Belarus, not the phrase's first actor.
        for mention in sorted(mentions, key=lambda m: m.end - m.start):
            token = doc.char_span(mention.start, mention.end, alignment_mode="expand")
            if token is None:
                first = starts.get(mention.start)
                if first is None:
                    continue
                token = doc[first : first + 1]
            for t in token:
                self.by_token.setdefault(t.i, mention)

    def mentions_in(self, start: int, end: int) -> list[Mention]:
        """Mentions that begin within [start, end) of the document text."""
        return [m for m in self.mentions if start <= m.start < end]

    def mention_of(self, token: Any, depth: int = 0) -> Mention | None:
        """The actor a noun phrase stands for: its own mention, else one among its modifiers or
        of-phrases ("Russia's troops", "the transit of Russian oil")."""
        found = self.by_head.get(token.i) or self.by_token.get(token.i)
        if found is not None:
            return found
        for child in token.children:
            if child.dep_ in ("poss", "compound", "amod", "nmod"):
                found = self.by_head.get(child.i) or self.by_token.get(child.i)
                if found is not None:
                    return found
        if depth >= ARGUMENT_DEPTH:
            return None
        # Of several of-/from-phrases, one that names its actor beats one resolved from context
        # ("a mission of observers from the OSCE" is the OSCE's).
        chained = [
            found
            for prep in children(token, "prep")
            if prep.lower_ in ("of", "from")
            for pobj in children(prep, "pobj")
            if (found := self.mention_of(pobj, depth + 1)) is not None
        ]
        named = [m for m in chained if m.method != "context"]
        best = named or chained
        return best[0] if best else None

    def mentions_of(self, token: Any) -> list[Mention]:
        """The actors of a phrase and of every phrase coordinated with it ("Russia and Belarus"),
        and of coordinated modifiers ("Russian and Belarusian armed forces")."""
        found: list[Mention] = []
        for item in (token, *_conjuncts(token)):
            mention = self.mention_of(item)
            if mention is not None and all(mention is not m for m in found):
                found.append(mention)
            for modifier in children(item, "amod", "compound", "nmod"):
                for other in modifier.conjuncts:
                    # its own mention first: the phrase's covers it too ("French and Egyptian ships")
                    extra = self.by_head.get(other.i) or self.by_token.get(other.i)
                    if extra is not None and all(extra.actor != m.actor for m in found):
                        if extra.sector is None and mention is not None:  # "... armed forces"
                            extra = replace(extra, sector=mention.sector)
                        found.append(extra)
        return found


def _conjuncts(token: Any) -> list[Any]:
    return [t for t in token.conjuncts if t.pos_ in ("NOUN", "PROPN", "PRON")]


def children(token: Any, *deps: str) -> list[Any]:
    return [c for c in token.children if c.dep_ in deps]


def pobjects(token: Any, preps: Iterable[str]) -> list[Any]:
    """Objects of the token's prepositions, in the order the prepositions are listed."""
    wanted = list(preps)
    found: list[tuple[int, Any]] = []
    for prep in children(token, "prep", "dative"):
        if prep.lower_ in wanted:
            found += [(wanted.index(prep.lower_), p) for p in children(prep, "pobj")]
    return [p for _, p in sorted(found, key=lambda x: x[0])]


def agent_of(verb: Any) -> Any | None:
    for agent in children(verb, "agent"):
        for pobj in children(agent, "pobj"):
            return pobj
    return None


def is_reduced_relative(verb: Any) -> bool:
    """A past participle modifying a noun ("sanctions imposed on Japan last week"): a passive
    clause of its own whose patient is that noun."""
    return verb.dep_ == "acl" and verb.tag_ == "VBN" and verb.head.pos_ in ("NOUN", "PROPN")


def is_passive(verb: Any) -> bool:
    return bool(children(verb, "nsubjpass", "auxpass"))


def subject_of(verb: Any, depth: int = 0) -> Any | None:
    """The acting phrase of a verb: its subject, the agent of a passive, or the subject it
    shares with the verb it is coordinated with or controlled by."""
    if is_passive(verb):
        return agent_of(verb)
    subjects = children(verb, *SUBJECT_DEPS)
    if subjects:
        subject = subjects[0]
        if subject.lower_ in RELATIVE and verb.dep_ == "relcl":
            return verb.head
        inner = children(subject, "nsubj") if subject.pos_ == "VERB" else []
        # "The Red Cross operating in Iraq said ...", parsed with the participle as the subject
        return inner[0] if inner else subject
    if depth >= 4 or verb.head.i == verb.i:
        return None
    if verb.dep_ == "relcl":
        return verb.head
    if verb.dep_ == "acl":
        if any(c.lower_ == "to" for c in children(verb, "aux")):
            # "Trump's efforts to broker", "a Belarusian initiative to organise": the noun's owner
            owners = children(verb.head, "poss")
            return owners[0] if owners else verb.head
        if verb.tag_ == "VBG":  # "the Ukrainian resolution condemning X": the noun acts
            return verb.head
        return agent_of(verb)
    if verb.dep_ == "xcomp" and is_passive(verb.head) and agent_of(verb.head) is None:
        # "Moscow was forced to back down": the one forced does the act
        passive = children(verb.head, "nsubjpass")
        if passive:
            return passive[0]
    if verb.dep_ in CLIMB_DEPS and verb.head.pos_ in ("VERB", "AUX", "ADJ"):
        return subject_of(verb.head, depth + 1)
    return None


def direct_objects(verb: Any) -> list[Any]:
    """The direct object, or the subject of a passive (the noun of a reduced relative)."""
    if is_reduced_relative(verb):
        return [verb.head]
    if is_passive(verb):
        return children(verb, "nsubjpass")
    return children(verb, "dobj")


# Prepositions whose object can carry a frame's object ("agreed to a ceasefire", "called for talks").
FRAME_PREPS = ("to", "on", "upon", "for", "into", "over", "in")


def frame_objects(verb: Any) -> list[Any]:
    """What a verb's frames look at: its direct objects, else the objects of its prepositions."""
    return direct_objects(verb) or pobjects(verb, FRAME_PREPS)


def object_lemmas(tokens: Iterable[Any]) -> set[str]:
    """Lemmas of object heads and their compound or adjective modifiers ("trade sanctions")."""
    lemmas: set[str] = set()
    for token in tokens:
        lemmas.add(token.lemma_.lower())
        lemmas.add(token.lower_)
        lemmas.update(c.lemma_.lower() for c in token.children if c.dep_ in ("compound", "amod"))
        lemmas.update(c.lemma_.lower() for c in token.conjuncts)
        # "waves of bombings", "part of an aid program": the of-object names the act
        for pobj in pobjects(token, ("of",)):
            lemmas.add(pobj.lemma_.lower())
            lemmas.update(c.lemma_.lower() for c in children(pobj, "compound"))
    return lemmas


def complement(token: Any) -> Any | None:
    """The clause a word wraps: its verbal xcomp or ccomp ("promised to release", "said that")."""
    for child in token.children:
        if child.dep_ in ("xcomp", "ccomp") and child.pos_ in ("VERB", "AUX"):
            return child
    return None


# How a copula links a noun to the clause that says what it is ("the plan was to ...").
PREDICATE_DEPS = frozenset({"ccomp", "xcomp", "attr"})


def predicated(noun: Any) -> Any | None:
    """The clause a copula says the noun is ("Russia's proposal was that Belarus host an
    airbase", "the plan is to impose sanctions"), or None."""
    head = noun.head
    if noun.dep_ != "nsubj" or head.lemma_ != "be":
        return None
    return next(
        (c for c in head.children if c.dep_ in PREDICATE_DEPS and c.pos_ in ("VERB", "AUX")),
        None,
    )


def is_adverbial(noun: Any) -> bool:
    """A nominal act that says why or how its clause's subject acts ("went on strike in
    protest of the ban", "fired in retaliation for the raid"): its of-phrase names whom the act
    is aimed at, the clause's subject acts."""
    prep = noun.head
    return (
        noun.dep_ == "pobj"
        and prep.lower_ == "in"
        and prep.dep_ == "prep"
        and prep.head.pos_ in ("VERB", "AUX", "NOUN")
    )


# How a noun of circumstance climbs to its verb: through appositions and objects, and through
# nested prepositions ("declared, in addition to the accusations against X, that ...").
SETTING_DEPS = frozenset({"appos", "dobj", "dative", "pobj", "prep"})
SETTING_HOPS = 5
# The addressee of a noun of circumstance is the verb's object only when the noun hangs on the
# verb or its object ("told Y, Z's adviser, in a call"), not deeper ("positioned X as a
# platform for negotiations").
ADDRESSEE_DEPS = frozenset({"appos", "dobj", "dative"})


def setting_verb(noun: Any, through: frozenset[str] | None = None) -> Any | None:
    """The verb a noun of circumstance belongs to ("told Y in a phone call"), also when the
    parse hangs the phrase on the object or its apposition ("told Y, Z's adviser, in a call")."""
    if noun.dep_ != "pobj" or noun.head.dep_ != "prep":
        return None
    node = noun.head.head
    for _ in range(SETTING_HOPS):
        if node.pos_ in ("VERB", "AUX"):
            return node
        if node.dep_ not in (through or SETTING_DEPS) or node.head.i == node.i:
            return None
        node = node.head
    return None
