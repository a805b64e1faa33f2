"""Code the events of a parsed document: triggers, frames, modal wrappers, arguments, filters.

A sentence is read in two passes: verbs and modal adjectives first (left to right, so that
"promised to release" codes the promise and consumes the release), then noun triggers that no
verb took as its object ("the meeting of X with Y", "sanctions against Z").
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field, replace
from typing import Any

from detente.events.arguments import (
    ADDRESSEE_DEPS,
    PREDICATE_DEPS,
    ActorIndex,
    agent_of,
    children,
    complement,
    direct_objects,
    frame_objects,
    is_adverbial,
    is_passive,
    is_reduced_relative,
    object_lemmas,
    pobjects,
    predicated,
    setting_verb,
    subject_of,
)
from detente.events.dates import event_date
from detente.events.filters import blocked, blocked_by_governor, blocked_verb, is_future, is_negated
from detente.events.lexicon import Lexicon, Modal, word_list
from detente.events.ontology import Ontology
from detente.events.parties import PLACE_NOUNS, is_place, may_be_party, other_party, same_party
from detente.nlp import nonblank_sents
from detente.types import Event, EventMention, Mention

# Roots that already express intent, request, threat or rejection: a future tense adds nothing.
MODAL_ROOTS = frozenset({"01", "02", "03", "10", "11", "12", "13"})
# Modal families whose wrapped clause has not happened (demanded, urged, threatened, refused):
# acts inside that clause are part of it, not reported events of their own. An intent's clause
# may name real acts ("promised to free those it arrested"). Tuned on the dev gold files.
UNREALISED_KINDS = frozenset({"appeal", "demand", "threat", "refuse"})
# Roots of offers and acts of giving: an own-forces object is the thing given.
GIVING_ROOTS = frozenset({"03", "06", "07"})
# Roots of acts whose announced intent is a threat (13x) rather than an intent to cooperate.
HOSTILE_ROOTS = frozenset({"13", "14", "16", "17", "18", "19", "20"})
# Auxiliaries that turn a reported clause into a prescription ("should adhere", "must stop").
PRESCRIPTIVE_AUX = frozenset({"should", "must", "ought"})
# Roots whose noun's of-phrase names the patient ("the release of prisoners", "the invasion of
# Ukraine"); for the others it names the agent ("the meeting of X", "the visit of Y").
OF_IS_TARGET = frozenset({"08", "09", "11", "12", "16", "17", "18", "19", "20"})
# Roots whose noun's from-phrase names the agent ("condemnation from the West", "aid from
# Japan"); for withdrawals, expulsions or releases it names a place ("withdrawal from Bosnia").
FROM_IS_SOURCE = frozenset({"01", "02", "03", "05", "07", "10", "11", "12", "13", "14"})
# Roots of acts with no one acted upon unless the parse names someone (drills, mobilisation):
# another actor of the sentence is not their target.
TARGETLESS_ROOTS = frozenset({"15"})
# Roots of a symmetric noun that its parties' names make an event of their own ("the U.S.-Japan
# pact" was signed by both); talks named so ("the Israel-Gaza talks") are mostly a topic, not an
# act. Tuned on the dev gold files.
NAMED_BY_PARTIES = frozenset({"05"})
# Roots of noun events (demand, protest, force posture, coercion) that, when their phrase names
# no target, take one from the sentence as verbs do ("a protest by farmers over interest rates":
# at their government); for the other roots a sentence's other actor is mostly not the target.
# Tuned on the dev gold files.
NOUN_SENTENCE_TARGET_ROOTS = frozenset({"10", "14", "15", "17"})
# Roots whose target must come from the parse: a trade act with no partner of its own ("Japan
# is selling semiconductors at cost") is commerce, not a dyad with whoever else is named.
PARSE_TARGET_ROOTS = frozenset({"06"})
# Prepositions whose object names the act when a verb's direct object is the one addressed.
ADDRESSEE_ACT_PREPS = ("of", "about", "against", "with")
# Roots of harm done to someone: with no one named as doing it, the state where it happened.
HARM_ROOTS = frozenset({"18", "19", "20"})
# Parts of a state that act for it, and may be its means as well as its agents (None: the state).
STATE_SECTORS = frozenset({None, "GOV", "MIL"})
# Prepositions that name where an act took place.
LOCATIVE_PREPS = frozenset({"in", "near", "outside", "at", "around"})
# Nouns of the means of an attack, not of an attacker ("a car bomb killed ...").
MEANS_OF_HARM = word_list("means_of_harm")
# Verbs that say where a gathering took place ("the session, held in Minsk").
HOSTING_VERBS = word_list("hosting_verbs")
# Confidence by kind of evidence; tuned on the dev gold files (retune together).
CONFIDENCE_FRAME = 0.85  # a verb whose object or preposition matched a frame
CONFIDENCE_VERB = 0.75  # a verb on its own
CONFIDENCE_NOUN = 0.65  # a nominal event
PENALTY_CONTEXT = 0.15  # an actor resolved from context only
PENALTY_TARGETLESS = 0.2
PENALTY_SENTENCE = 0.2  # a target taken from the sentence rather than the parse


@dataclass(slots=True)
class _Candidate:
    trigger: Any
    code: str
    sources: list[Mention]
    targets: list[Mention]
    confidence: float
    reciprocal: bool = False
    extra: list[Any] = field(default_factory=list)  # tokens of the evidence span


@dataclass(frozen=True, slots=True)
class _Coded:
    code: str
    target_preps: tuple[str, ...]
    framed: bool


class SentenceCoder:
    """Codes one sentence at a time; holds the lexicon and the document's actor index."""

    def __init__(
        self, lexicon: Lexicon, index: ActorIndex, states: frozenset[str] = frozenset()
    ) -> None:
        self.lexicon, self.index, self.states = lexicon, index, states
        self.consumed: set[int] = set()
        self.recent: list[tuple[int, _Candidate]] = []  # (sentence start token, candidate)

    # -- codes -------------------------------------------------------------------------------

    def verb_code(self, verb: Any) -> _Coded | None:
        entry = self.lexicon.verbs.get(verb.lemma_.lower())
        if entry is None:
            return None
        objects = frame_objects(verb)
        preps = {c.lower_ for c in children(verb, "prep", "agent")}
        particles = {c.lower_ for c in children(verb, "prt")}
        reduced = is_reduced_relative(verb)
        lemmas = {verb.head.lemma_.lower()} if reduced else object_lemmas(objects)
        own_lemmas = lemmas
        acts: list[Any] = []
        if objects and all(self.index.mentions_of(o) for o in objects):
            # "warned Iran of reprisals": the object is the addressee, the phrase names the act
            acts = pobjects(verb, ADDRESSEE_ACT_PREPS)
            lemmas = lemmas | object_lemmas(acts)
        heads = frozenset(  # "10 days of war games": the of-object is a head too
            w
            for o in objects
            for t in (o, *pobjects(o, ("of",)))
            for w in (t.lemma_.lower(), t.lower_)
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
                self.consumed.update(t.i for a in acts for t in _own_part(a))
        if reduced:  # the noun is this act's patient; what else hangs on it is not
            self.consumed.add(verb.head.i)
            return _Coded(code, target_preps, framed)
        # The object is part of this verb's event ("boycott all contact"), unless it names
        # parties of its own ("opened the negotiations between Russia and Ukraine").
        self.consumed.update(
            t.i
            for o in objects
            if not pobjects(o, ("between", "among"))
            for t in _own_part(o)  # "rejected an Indian proposal for signing a pact": one event
            if t.i not in self._own_clauses(o, verb)
        )
        return _Coded(code, target_preps, framed)

    def _own_clauses(self, obj: Any, verb: Any) -> set[int]:
        """Tokens of the object's reduced relatives that report an act of their own ("lift the
        sanctions imposed on Japan last week": the imposition happened)."""
        return {
            t.i
            for c in obj.children
            if c.i != verb.i and is_reduced_relative(c) and c.lemma_.lower() in self.lexicon.verbs
            for t in c.subtree
        }

    def embedded_code(self, verb: Any) -> str | None:
        """The code of a wrapped clause ("to release prisoners", "that Minsk free them")."""
        modal = self.lexicon.modal_verbs.get(verb.lemma_.lower())
        inner = complement(verb)
        if modal is not None and inner is not None:
            return self.modal_code(modal, self.embedded_code(inner))
        coded = self.verb_code(verb)
        if coded is not None:
            return coded.code
        for obj in children(verb, "dobj", "attr"):
            entry = self.lexicon.nouns.get(obj.lemma_.lower())
            if entry is not None and entry.code:
                return entry.code
        return None

    def modal_code(self, modal: Modal, embedded: str | None) -> str:
        """The wrapper's code for a wrapped act; an intent to do harm is a threat ("is prepared
        to impose martial law", "plans to impose restrictions" are 13x, not 03x)."""
        threat = self.lexicon.modals.get("threat")
        if modal.kind == "intent" and embedded and embedded[:2] in HOSTILE_ROOTS and threat:
            return threat.apply(embedded)
        return modal.apply(embedded)

    def _announced(self, code: str, *, ultimatum: bool = False) -> str:
        """The code of an act announced for later: an intent to cooperate (03x), or a threat
        (13x) for harm or an act set on a condition the other side must meet."""
        harm = int(code[:2]) > 8 or ultimatum
        return self.lexicon.modals["threat" if harm else "intent"].apply(code)

    # -- arguments ---------------------------------------------------------------------------

    def _targets_of_verb(
        self, verb: Any, preps: Sequence[str], sources: Sequence[Mention] = (), code: str = ""
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
            found = self.index.mentions_of(phrase)
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
                code[:2] in GIVING_ROOTS
                and phrase in objects
                and all(m.sector == "MIL" for m in found)
            )
            if distinct and not fallback and not means:
                fallback = found
                owned_act = phrase in objects and phrase.lemma_.lower() in self.lexicon.nouns
        return fallback

    def _sources_of(self, verb: Any) -> list[Mention]:
        subject = subject_of(verb)
        if subject is None and is_reduced_relative(verb):
            # "U.S. sanctions imposed on Japan", "X lifted sanctions imposed on Y": the owner
            # of the noun, else the subject of the clause that names it
            return self._noun_sources(verb.head, False)
        return self.index.mentions_of(subject) if subject is not None else []

    # -- triggers ----------------------------------------------------------------------------

    def _wrapped(
        self, token: Any, modal: Modal, inner: Any, sources: list[Mention]
    ) -> _Candidate | None:
        """A modal frame around an inner clause: the code is the frame's, the target the clause's
        (or, for appeals and demands, the addressee: "urged Belarus to ...")."""
        self.consumed.add(inner.i)
        if modal.kind in UNREALISED_KINDS:  # "demanded that the US cancel plans to sell arms"
            self.consumed.update(t.i for t in inner.subtree)
        embedded = self.embedded_code(inner)
        if embedded is None and token.lemma_.lower() in modal.needs_act:
            return None
        code = self.modal_code(modal, embedded)
        inner_coded = self.verb_code(inner)
        preps = inner_coded.target_preps if inner_coded else ("with", "to", "on", "against")
        targets: list[Mention] = []
        if modal.kind in ("appeal", "demand"):
            targets = (
                self._targets_of_verb(token, ("on", "upon", "to")) if token.pos_ == "VERB" else []
            )
            if not targets:
                targets = self._subject_mentions(inner)
        if not targets:
            targets = self._targets_of_verb(inner, preps, sources, code)
        if not targets and any(c.dep_ == "mark" for c in inner.children):
            # "the proposal was that the country host an airbase": proposed to the country
            own = {s.actor for s in sources}
            targets = [m for m in self._subject_mentions(inner) if m.actor not in own]
        return _Candidate(token, code, sources, targets, CONFIDENCE_FRAME, extra=[inner])

    def _subject_mentions(self, clause: Any) -> list[Mention]:
        """The actors of a clause's own subject ("urged Belarus to free them": Belarus)."""
        subjects = children(clause, "nsubj")
        return self.index.mentions_of(subjects[0]) if subjects else []

    def code_reported(self, verb: Any) -> _Candidate | None:
        """ "X said Y should/must do Z": an appeal by X to Y (02x after what Z is)."""
        appeal = self.lexicon.modals.get("appeal")
        if appeal is None or verb.lemma_.lower() not in appeal.reported:
            return None
        for clause in children(verb, "ccomp"):
            auxes = {c.lower_ for c in children(clause, "aux")}
            if not auxes & PRESCRIPTIVE_AUX or is_negated(clause):
                continue
            subjects = children(clause, "nsubj", "nsubjpass")
            sources = self._sources_of(verb)
            found = self.index.mentions_of(subjects[0]) if subjects else []
            targets = [m for m in found if all(other_party(m, s) for s in sources)]
            if not targets:
                continue
            self.consumed.update(t.i for t in clause.subtree)  # what Y should do: not done yet
            code = appeal.apply(self.embedded_code(clause))
            return _Candidate(verb, code, sources, targets, CONFIDENCE_VERB, extra=[clause])
        return None

    def code_verb(self, verb: Any) -> _Candidate | None:
        reported = self.code_reported(verb)
        if reported is not None:
            return reported
        modal = self.lexicon.modal_verbs.get(verb.lemma_.lower())
        inner = complement(verb)
        if is_passive(verb) and agent_of(verb) is None and modal is not None:
            inner = None  # "was forced to back down": no one named forced; the act stays
        if modal is not None and inner is not None and inner.i not in self.consumed:
            return self._wrapped(verb, modal, inner, self._sources_of(verb))
        coded = self.verb_code(verb)
        if coded is None:
            return None
        code = coded.code
        if modal is not None and not coded.framed:  # "demanded the withdrawal of the troops"
            code = self._wrapped_noun_code(verb, modal) or code
        if is_future(verb) and code[:2] not in MODAL_ROOTS:
            # "will meet" announces cooperation (03x); "would tighten the blockade" threatens (13x);
            # "will withdraw its force unless ..." sets a condition on the other side: a threat.
            code = self._announced(code, ultimatum=_ultimatum(verb))
        confidence = CONFIDENCE_FRAME if coded.framed else CONFIDENCE_VERB
        sources = self._sources_of(verb)
        if code[:3] in VISIT_CODES and sources and all(_forces(m) for m in sources):
            return None  # "troops arrived in Bosnia": a deployment, not a visit
        targets = self._targets_of_verb(verb, coded.target_preps, sources, code)
        mediated = self.lexicon.mediation.get(code[:3]) or self.lexicon.mediation.get(code[:2])
        if mediated is not None:
            parties = self._conflict_parties(verb, sources)
            if parties:  # "ended the fighting between Israel and Hamas", "brokered ..."
                return _Candidate(verb, mediated, sources, parties, confidence)
        return _Candidate(verb, code, sources, targets, confidence)

    def _conflict_parties(self, verb: Any, sources: Sequence[Mention]) -> list[Mention]:
        """Two or more other actors whose conflict or deal the verb's object names: "an end to
        the Russia-Ukraine war", "two years of fighting between Israel and Hamas"."""
        own = {m.actor for m in sources}
        for obj in direct_objects(verb):
            for phrase in (obj, *pobjects(obj, ("to", "of"))):
                for part in (phrase, *pobjects(phrase, ("of",))):
                    named = [
                        m
                        for p in pobjects(part, ("between", "among"))
                        for m in self.index.mentions_of(p)
                    ] or self._modifier_parties(part)
                    found = {m.actor: m for m in named if m.actor not in own}
                    if len(found) >= 2 and len(found) == len({m.actor for m in named}):
                        return list(found.values())
        return []

    def _wrapped_noun_code(self, verb: Any, modal: Modal) -> str | None:
        """The wrapper's code for an act its verb takes as a noun object ("demanded the
        meeting" 106, "refused the withdrawal" 1246); None when the object names no act."""
        for obj in frame_objects(verb):
            entry = self.lexicon.nouns.get(obj.lemma_.lower())
            if entry is not None and entry.code and entry.code[:2] != modal.default[:2]:
                return self.modal_code(modal, entry.code)
        return None

    def code_adjective(self, adjective: Any) -> _Candidate | None:
        modal = self.lexicon.modal_adjectives.get(adjective.lemma_.lower())
        inner = complement(adjective)
        if modal is None or inner is None or adjective.head.i == adjective.i:
            return None
        return self._wrapped(adjective, modal, inner, self._sources_of(adjective.head))

    def _noun_sources(
        self, noun: Any, of_is_agent: bool, *, from_is_agent: bool = False
    ) -> list[Mention]:
        for child in noun.children:
            if child.dep_ in ("poss", "compound", "amod", "nmod"):
                found = self.index.mentions_of(child)
                if found:
                    return found
        by = pobjects(noun, ("by", *(("from",) if from_is_agent else ())))
        by += pobjects(noun, ("of",)) if of_is_agent else []
        for pobj in by:
            found = self.index.mentions_of(pobj)
            if found:
                return found
        head = noun.head
        if noun.dep_ in ("dobj", "attr", "oprd", "nsubjpass") and head.pos_ in ("VERB", "AUX"):
            return self._sources_of(head)
        if (
            is_adverbial(noun) and head.head.pos_ == "NOUN"
        ):  # "a strike in protest of": the strikers
            found = self._noun_sources(head.head, True)
            if found:
                return found
        verb = setting_verb(noun)
        return self._sources_of(verb) if verb is not None else []

    def code_noun(self, noun: Any) -> _Candidate | None:
        lemma = noun.lemma_.lower()
        modal = self.lexicon.modal_nouns.get(lemma)
        inner = next(
            (
                c
                for c in noun.children
                if c.dep_ in ("acl", "relcl", "ccomp")
                and c.pos_ == "VERB"
                # "to" or a "that" that marks the clause, not a relative "that" ("a call that
                # it would help" wraps; "the call that he made" does not)
                and any(
                    a.lower_ == "to" or (a.lower_ == "that" and a.dep_ == "mark")
                    for a in c.children
                )
            ),
            None,
        ) or predicated(noun)
        if modal is not None and inner is not None and inner.i not in self.consumed:
            wrapped = self._wrapped(noun, modal, inner, self._noun_sources(noun, True))
            if wrapped is not None:
                return wrapped
        entry = self.lexicon.nouns.get(lemma)
        if entry is None:
            return None
        of_objects = pobjects(noun, ("of",))
        found = entry.code_for(
            object_lemmas(of_objects)
            | {c.lemma_.lower() for c in children(noun, "compound", "amod")},
            {c.lower_ for c in children(noun, "prep")},
            set(),
        )
        if found is None:
            return None
        code, preps, _ = found
        wrapper = self.lexicon.modal_verbs.get(noun.head.lemma_.lower())
        if noun.dep_ == "dobj" and wrapper is not None and code[:2] not in MODAL_ROOTS:
            code = self.modal_code(wrapper, code)  # "planning trade reprisals" 13x
        elif _future(noun) and code[:2] not in MODAL_ROOTS:  # "her visit to Moscow next week"
            code = self._announced(code)
        of_is_agent = code[:2] not in OF_IS_TARGET and not is_adverbial(noun)
        between = [
            m for p in pobjects(noun, ("between", "among")) for m in self.index.mentions_of(p)
        ]
        if between:  # "talks between Russia and Ukraine": the parties act on each other
            return _Candidate(noun, code, between, [], CONFIDENCE_NOUN, reciprocal=True)
        parties = self._modifier_parties(noun)
        if len(parties) >= 2 and code in self.lexicon.converse and code[:2] in NAMED_BY_PARTIES:
            return _Candidate(noun, code, parties, [], CONFIDENCE_NOUN, reciprocal=True)
        from_is_agent = code[:2] in FROM_IS_SOURCE and "from" not in preps
        received = self._received(noun) if from_is_agent else None
        if received is not None:  # "Minsk drew condemnation from the West"
            return _Candidate(noun, code, *received, CONFIDENCE_NOUN)
        sources = self._noun_sources(noun, of_is_agent, from_is_agent=from_is_agent)
        targets = [m for p in pobjects(noun, preps) for m in self.index.mentions_of(p)]
        if not targets and not of_is_agent:
            targets = [m for p in of_objects for m in self.index.mentions_of(p)]
        if not targets:  # "Witkoff told Ushakov in a phone call": the verb's object
            targets = self._addressee(noun, sources)
        return _Candidate(noun, code, sources, targets, CONFIDENCE_NOUN)

    def code_gathering(self, noun: Any) -> _Candidate | None:
        """An organisation's session held in a state ("the session of the OSCE Parliamentary
        Assembly, held in Minsk", "the NATO summit in Vilnius"): the organisation visits (042)
        and the state hosts (043, the converse)."""
        code = self.lexicon.gatherings.get(noun.lemma_.lower())
        owner = self.index.mention_of(noun) if code else None
        if code is None or owner is None or owner.actor in self.states:
            return None
        if owner.method in ("context", "pronoun"):
            return None
        held = [c for c in children(noun, "acl") if c.lemma_.lower() in HOSTING_VERBS]
        venues = [
            m
            for phrase in (noun, *held)
            for p in pobjects(phrase, ("in", "at"))
            for m in self.index.mentions_of(p)
            if m.actor in self.states and m.method == "name" and m.actor != owner.actor
        ]
        if not venues:
            return None
        return _Candidate(noun, code, [owner], venues[:1], CONFIDENCE_NOUN, extra=held)

    def _received(self, noun: Any) -> tuple[list[Mention], list[Mention]] | None:
        """(sources, targets) of a noun event its verb's subject receives from someone ("Minsk
        drew condemnation from the West", "Egypt got support from Jordan"): the from-phrase
        acts on the subject. None when the verb has no such from-phrase."""
        head = noun.head
        if noun.dep_ != "dobj" or head.pos_ != "VERB" or pobjects(noun, ("from",)):
            return None
        sources = [m for p in pobjects(head, ("from",)) for m in self.index.mentions_of(p)]
        if not sources:
            return None
        return sources, self._sources_of(head)

    def _modifier_parties(self, noun: Any) -> list[Mention]:
        """Distinct actors named among a noun's modifiers ("U.S.-Japanese", "Russian-Belarusian")."""
        found: dict[str, Mention] = {}
        for child in children(noun, "compound", "amod", "nmod"):
            for token in child.subtree:
                mention = self.index.by_token.get(token.i)
                if mention is not None and mention.method not in ("pronoun", "context"):
                    found.setdefault(mention.actor, mention)
        return list(found.values())

    def _addressee(self, noun: Any, sources: Sequence[Mention]) -> list[Mention]:
        verb = setting_verb(noun, ADDRESSEE_DEPS)  # not through other prepositions
        if verb is not None and verb.pos_ == "VERB":
            for obj in [*children(verb, "dobj", "dative", "iobj"), *pobjects(verb, ("to",))]:
                found = self.index.mentions_of(obj)
                if found and {m.actor for m in found} - {m.actor for m in sources}:
                    return found
        return []

    def _with_sentence_target(self, candidate: _Candidate, sent: Any) -> _Candidate:
        """A verb whose parse gives no target acts on the state the sentence names besides its
        source ("Belarus promised to invite observers to West-2017"), at lower confidence:
        the actor named nearest after the trigger (else before it) that is not the source. With
        no source, the actor named nearest before the trigger; for coercion with no agent ("80
        people were detained"), the government of those coerced. A protest with no target is
        aimed at the protesters' own government; a trade act takes none (PARSE_TARGET_ROOTS)."""
        if not candidate.sources and candidate.code[:2] == "17" and candidate.targets:
            patient = candidate.targets[0]
            state = replace(patient, sector="GOV", method="implied")
            candidate = replace(
                candidate, sources=[state], confidence=candidate.confidence - PENALTY_SENTENCE
            )
        victims = [m for m in candidate.targets if m.method not in ("context", "pronoun")]
        if not candidate.sources and victims and candidate.code[:2] in HARM_ROOTS:
            scene = self._scene(sent)
            if scene is not None and not self._agent_named(candidate.trigger):
                # "a roadside bomb near the Iraqi city of Basra killed three U.S. soldiers":
                # an attack by no one named is the act of the state where it happened
                candidate = replace(
                    candidate, sources=[scene], confidence=candidate.confidence - PENALTY_SENTENCE
                )
        if not candidate.sources and not is_passive(candidate.trigger):
            before = [
                m
                for m in self.index.mentions_in(sent.start_char, candidate.trigger.idx)
                if m.method not in ("pronoun", "context", "adjective")
            ]
            if not before:
                return candidate
            candidate = replace(
                candidate,
                sources=[before[-1]],
                confidence=candidate.confidence - PENALTY_SENTENCE,
            )
        if candidate.targets or candidate.code[:2] in PARSE_TARGET_ROOTS:
            return candidate
        if candidate.code[:2] in TARGETLESS_ROOTS:  # "held drills, Lithuanian officials said"
            return candidate
        if _convened(candidate):  # "the cabinet met on Sunday": a body sitting, no one met
            return candidate
        if self.lexicon.is_domestic(candidate.code, at_once=True):
            # "a protest": at its own government; "the junta freed thousands": its own people
            return self._domestic(candidate)
        own = {m.actor for m in candidate.sources}
        doc = candidate.trigger.doc
        others = {
            m.actor: m
            for m in self.index.mentions_in(sent.start_char, sent.end_char)
            if m.actor not in own
            and m.method not in ("pronoun", "context")
            and may_be_party(m, candidate.trigger)
        }
        if not others and len(own) >= 2:
            return candidate  # "U.S. and Japanese negotiators will meet": with each other
        if not others:
            others = self._domestic_others(candidate, sent)
        if not others:
            return candidate
        if len(others) > 1:  # the nearest after the trigger, else the nearest before it
            at = candidate.trigger.idx
            after = [m for m in others.values() if m.start > at]
            pool = after or list(others.values())
            # a bare nationality on a thing ("Russian oil") says where from, not to whom
            named = [m for m in pool if m.method != "adjective"]
            nearest = min(named or pool, key=lambda m: abs(m.start - at))
            # with the actors coordinated with it ("to Iran, Libya and Cuba"): one event each
            listed = self.index.mentions_of(doc[nearest.head])
            candidates = list(others.values())
            others = {str(m.start): m for m in [nearest, *listed] if m in candidates}
        return replace(
            candidate,
            targets=list(others.values()),
            confidence=candidate.confidence - PENALTY_SENTENCE,
        )

    def _scene(self, sent: Any) -> Mention | None:
        """The state where a sentence's act took place: one it names as a place ("in Beirut",
        "outside the Iraqi city of Basra")."""
        doc = sent.doc
        for m in self.index.mentions_in(sent.start_char, sent.end_char):
            token = doc[m.head]
            located = token.dep_ == "pobj" and token.head.lower_ in LOCATIVE_PREPS
            if m.actor in self.states and m.method != "pronoun" and (located or is_place(token, m)):
                return replace(m, sector=None, method="implied")
        return None

    def _agent_named(self, verb: Any) -> bool:
        """Whether the act's subject or agent is a person or group at all (resolved or not):
        "gunmen killed two" names one, "a roadside bomb killed two" names only the means."""
        agent = subject_of(verb)
        return (
            agent is not None
            and agent.lemma_.lower() not in self.lexicon.nouns
            and (agent.pos_ in ("PROPN", "PRON") or agent.lemma_.lower() not in MEANS_OF_HARM)
        )

    def _wrapped_by_noun(self, verb: Any) -> bool:
        """The to-clause of a modal noun ("the intention to visit", "a plan to impose")."""
        if (
            verb.dep_ in ("acl", "relcl")
            and verb.head.lemma_.lower() in self.lexicon.modal_nouns
            and any(a.lower_ == "to" for a in verb.children)
        ):
            return True
        # "Russia's proposal was that Belarus host an airbase": what was proposed
        subjects = children(verb.head, "nsubj") if verb.dep_ in PREDICATE_DEPS else []
        return any(
            s.lemma_.lower() in self.lexicon.modal_nouns
            and getattr(predicated(s), "i", None) == verb.i
            for s in subjects
        )

    def _domestic_others(self, candidate: _Candidate, sent: Any) -> dict[str, Mention]:
        """Other parties of the source's own state named in the sentence ("the government
        ordered troops into the refineries ... the troops were removed"), by mention start."""
        doc = candidate.trigger.doc
        spans = [(m.start, m.end) for m in candidate.sources]
        # the state's own forces are the means of its attacks, not their target ("Reagan ordered
        # the strike by U.S. destroyers, which fired at the rig")
        state_harm = candidate.code[:2] in HARM_ROOTS and all(
            s.sector in STATE_SECTORS for s in candidate.sources
        )
        return {
            str(m.start): m
            for m in self.index.mentions_in(sent.start_char, sent.end_char)
            if m.method != "pronoun"
            and not any(start <= m.start < end for start, end in spans)
            and any(m.actor == s.actor for s in candidate.sources)
            and all(not same_party(s, m, doc) for s in candidate.sources)
            and not (state_harm and m.sector in STATE_SECTORS)
            and may_be_party(m, candidate.trigger)
        }

    def _domestic(self, candidate: _Candidate) -> _Candidate:
        """An act on the source's own people when the text names no one else ("police arrested
        12", "imposed a curfew", "students staged demonstrations"): see `domestic` in
        modifiers.yaml. Unchanged for other acts, or when there is no source."""
        if candidate.targets or not candidate.sources:
            return candidate
        if not self.lexicon.is_domestic(candidate.code):
            return candidate
        target = domestic_target(candidate.sources[0], candidate.code)
        return candidate if target is None else replace(candidate, targets=[target])

    def code_sentence(self, sent: Any) -> list[_Candidate]:
        found: list[_Candidate] = []
        for token in sent:
            if token.i in self.consumed:
                continue
            candidate = None
            if self._wrapped_by_noun(token):
                continue  # "his intention to visit Myanmar": the noun pass codes the intent
            if token.pos_ == "VERB" and not _nominal_verb(token):
                candidate = self.code_verb(token)
            elif token.pos_ == "ADJ":
                candidate = self.code_adjective(token)
            if candidate is not None and blocked_verb(token) is None:
                found.append(candidate)
        found = [
            # the sentence, then the sentence before, then the actor's own people
            self._domestic(self._with_discourse_target(self._with_sentence_target(c, sent), sent))
            for c in found
        ]
        for token in sent:
            if token.i in self.consumed or token.pos_ not in ("NOUN", "PROPN"):
                continue
            if _names_another_act(token, self.lexicon):
                continue
            candidate = self.code_gathering(token) or self.code_noun(token)
            if candidate is not None and self._setting_of(token, candidate, found):
                continue  # "hosted X for a meeting": the hosting is the meeting
            if candidate is not None and blocked(token) is None and not blocked_by_governor(token):
                if candidate.code[:2] in NOUN_SENTENCE_TARGET_ROOTS:
                    candidate = self._with_sentence_target(candidate, sent)
                found.append(self._domestic(candidate))
        self.recent = [
            *[(i, c) for i, c in self.recent if i >= sent.start - 200],
            *[(sent.start, c) for c in found if c.sources],
        ][-12:]
        return found

    def _setting_of(self, noun: Any, candidate: _Candidate, found: Sequence[_Candidate]) -> bool:
        """A noun event in a phrase of a verb event of the same root and parties ("hosted X for
        a meeting", "met Y for talks"): the verb's event, told again."""
        if noun.head.lower_ not in PURPOSE_PREPS:  # "met during X's visit": two acts
            return False
        verb = setting_verb(noun, ADDRESSEE_DEPS)
        sources = {m.actor for m in candidate.sources}
        targets = {m.actor for m in candidate.targets}
        return verb is not None and any(
            c.trigger.i == verb.i
            and c.code[:2] == candidate.code[:2]
            and c.targets
            and sources <= {m.actor for m in c.sources}
            and targets <= {m.actor for m in c.targets}
            for c in found
        )

    def _with_discourse_target(self, candidate: _Candidate, sent: Any) -> _Candidate:
        """ "Lukashenko declined the offer": an act on a definite noun with no actor of its own,
        or a yielding act with no one named ("Moscow backed down"), answers the latest act of
        another party in the sentences before."""
        if candidate.targets or not candidate.sources or candidate.trigger.pos_ != "VERB":
            return candidate
        answers = candidate.code.startswith(self.lexicon.responses)  # "Moscow backed down"
        if not answers and not any(
            any(c.lower_ in DEFINITE for c in o.children)
            and not self.index.mentions_of(o)
            and o.lemma_.lower() not in PLACE_NOUNS  # "visited the city of Mosul"
            for o in frame_objects(candidate.trigger)
        ):
            return candidate
        own = {m.actor for m in candidate.sources}
        last = max((start for start, _ in self.recent if start < sent.start), default=None)
        earlier = [c for start, c in self.recent if start == last]
        for act in reversed(earlier):
            # partners of the source in that act ("Spain and Portugal") are not its addressee
            allies = own & {m.actor for m in act.sources}
            parties = [*act.targets, *([] if allies else act.sources)]
            for party in parties:
                if party.actor not in own and party.method != "pronoun":
                    return replace(
                        candidate,
                        targets=[party],
                        confidence=candidate.confidence - 2 * PENALTY_SENTENCE,
                    )
        return candidate


# Prepositions of a purpose: "hosted X for a meeting" is one act, "met during a visit" two.
PURPOSE_PREPS = frozenset({"for"})
# Determiners of a noun phrase that points back to something already told ("the offer").
DEFINITE = frozenset({"the", "this", "that", "these", "those"})

# Sectors that are not the state: their domestic acts (a protest, a demand) are aimed at their
# government; the state's own domestic acts (an arrest, a curfew) at its civilians.
NON_STATE_SECTORS = frozenset({"OPP", "REB", "CVL", "HRI", "MED", "BUS", "ELI"})
# Groups that stand against their own state: a party apart from its government.
OPPOSING_SECTORS = frozenset({"OPP", "REB"})


def domestic_target(source: Mention, code: str) -> Mention | None:
    """The own-state target of a domestic act: the government for a non-state source (and for
    a protest by the people of a state), the civilians for the state's own acts. None for a
    government's protest: it is aimed at someone the text must name."""
    if code[:2] == "14" and source.sector == "GOV":
        return None
    if source.sector in NON_STATE_SECTORS or (source.sector is None and code[:2] == "14"):
        return replace(source, sector="GOV", method="implied")
    return replace(source, sector="CVL", method="implied")


def _own_part(phrase: Any) -> list[Any]:
    """The tokens of an object phrase that belong to its verb's event: all but a participle
    clause acting on its own ("supported the declaration, including the resolution
    condemning X": the resolution condemns)."""
    clauses = [t for t in phrase.subtree if t.dep_ == "acl" and t.tag_ == "VBG" and t.i != phrase.i]
    inside = {t.i for c in clauses for t in c.subtree}
    return [t for t in phrase.subtree if t.i not in inside]


def _names_another_act(noun: Any, lexicon: Lexicon) -> bool:
    """A trigger noun that only says what another one is about ("ceasefire talks", "the
    ceasefire agreement"): one event, the head's."""
    head = noun.head
    return noun.dep_ == "compound" and head.i != noun.i and head.lemma_.lower() in lexicon.nouns


# Dependents that make a gerund a clause of its own ("for selling arms to Iran").
CLAUSE_DEPS = frozenset({"nsubj", "dobj", "dative", "prep", "xcomp", "ccomp", "prt", "agent"})


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


# Roots of consultations: with neither object nor phrase, their verb says a body sat.
CONSULT_ROOTS = frozenset({"04"})


def _convened(candidate: _Candidate) -> bool:
    """A consultation verb with no object or phrase and one actor as its subject ("the cabinet
    met on Sunday", "ministers conferred"): the actor sat, it met no one else of the sentence."""
    verb = candidate.trigger
    return (
        candidate.code[:2] in CONSULT_ROOTS
        and verb.pos_ == "VERB"
        and not children(verb, "dobj", "dative", "iobj", "prep", "agent", "prt")
        and len({m.actor for m in candidate.sources}) == 1
    )


# Codes of a visit: made by people, not by armed forces arriving somewhere.
VISIT_CODES = frozenset({"042", "043"})


def _forces(mention: Mention) -> bool:
    """Armed forces as a body, not a person who commands them ("troops", "the navy")."""
    return mention.sector == "MIL" and not mention.person and mention.method != "pronoun"


def _ultimatum(verb: Any) -> bool:
    """An announced act on a condition the other side must meet ("will withdraw unless ...")."""
    return any(
        c.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ == "unless" for m in c.children)
        for c in verb.children
    )


FUTURE_MODIFIERS = word_list("future_modifiers")


def _future(noun: Any) -> bool:
    """A nominal event announced for later: "the upcoming summit", "her visit next week"."""
    words = {t.lower_ for t in noun.children} | {
        t.lower_ for c in noun.children if c.ent_type_ == "DATE" for t in c.subtree
    }
    return bool(words & FUTURE_MODIFIERS)


# -- from candidates to events -----------------------------------------------------------------


def _pairs(
    candidate: _Candidate, lexicon: Lexicon
) -> Iterator[tuple[Mention, Mention | None, str]]:
    """(source, target, code) triples: compound actors give one event each; a symmetric act
    (meet, negotiate, sign) is also coded from the other side, and a compound actor with no
    target does it with each other ("Russia and Belarus held talks"; "A and B held exercises"
    is military cooperation)."""
    code = candidate.code
    sources = candidate.sources
    if not candidate.targets and len({m.actor for m in sources}) >= 2:
        code = lexicon.joint.get(code, code)
    other = lexicon.converse.get(code)
    # "Jordan and Britain agreed to hold exercises": cooperation by a compound actor with no
    # target of its own is cooperation with each other.
    mutual = candidate.reciprocal or (
        not candidate.targets and (other is not None or code[:2] in COOPERATIVE_ROOTS)
    )
    if mutual and len({m.actor for m in sources}) >= 2:
        for a in sources:
            for b in sources:
                if a.actor != b.actor:
                    yield a, b, code
        return
    for source in sources:
        if not candidate.targets:
            yield source, None, code
        for target in candidate.targets:
            if target is source or same_party(source, target, candidate.trigger.doc):
                continue
            yield source, target, code
            if other is not None:
                yield target, source, other


COOPERATIVE_ROOTS = frozenset({"03", "04", "05", "06"})


def _confidence(candidate: _Candidate, source: Mention, target: Mention | None) -> float:
    value = candidate.confidence
    if source.method == "context" or (target is not None and target.method == "context"):
        value -= PENALTY_CONTEXT
    if target is None:
        value -= PENALTY_TARGETLESS
    return round(max(value, 0.05), 2)


def _span(
    trigger: Any, extra: Sequence[Any], source: Mention, target: Mention | None
) -> tuple[int, int]:
    sent = trigger.sent
    tokens = [trigger, *extra]
    starts = [t.idx for t in tokens] + [
        m.start for m in (source, target) if m and sent.start_char <= m.start < sent.end_char
    ]
    ends = [t.idx + len(t) for t in tokens] + [
        m.end for m in (source, target) if m and sent.start_char < m.end <= sent.end_char
    ]
    return min(starts), max(ends)


def event_id(doc_id: str, source: str, target: str | None, code: str, when: str | None) -> str:
    """Unique within a document: `when` is what tells two reports apart (see `_when`)."""
    key = "|".join([doc_id, source, target or "", code, when or ""])
    return hashlib.sha256(key.encode("utf-8")).hexdigest()[:16]


@dataclass(frozen=True, slots=True)
class EventContext:
    doc_id: str
    published: str | None
    lexicon: Lexicon
    ontology: Ontology
    states: frozenset[str] = (
        frozenset()
    )  # state codes: a sentence's one other state may be a target
    model_version: str | None = None  # the learned coder's that judged the proposals, if any
    prefilter_version: str | None = None  # the prefilter's that chose the parsed sentences


@dataclass(frozen=True, slots=True)
class Proposal:
    """One (source, target, code) put forward for a sentence, by the rules or by the model, with
    what an event needs of it: the trigger, the evidence tokens and a confidence."""

    sent_index: int
    trigger: Any
    extra: tuple[Any, ...]
    source: Mention
    target: Mention | None
    code: str
    confidence: float


def propose(doc: Any, mentions: Sequence[Mention], context: EventContext) -> list[Proposal]:
    """What the hand-written rules find in a document, sentence by sentence, pair by pair."""
    coder = SentenceCoder(context.lexicon, ActorIndex(doc, mentions), context.states)
    proposals = []
    for sent_index, sent in enumerate(nonblank_sents(doc)):
        for candidate in coder.code_sentence(sent):
            for source, target, code in _pairs(candidate, context.lexicon):
                proposals.append(
                    Proposal(
                        sent_index,
                        candidate.trigger,
                        tuple(candidate.extra),
                        source,
                        target,
                        code,
                        _confidence(candidate, source, target),
                    )
                )
    return proposals


def code_doc(doc: Any, mentions: Sequence[Mention], context: EventContext) -> list[Event]:
    """Every event the hand-written rules find in a parsed document, one per real event (the
    learned coder's step between proposing and assembling is `coding.code_events`)."""
    return assemble(propose(doc, mentions, context), context)


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


def _when(event: Event) -> str | int | None:
    """What must agree for two reports in one document to be one event: the date the text
    gives, or, when it gives none, the sentence (two undated reports may be two acts)."""
    return event.date if event.date_source == "text" else event.mentions[0].sent_index
