"""Resolve the noun phrases of a parsed document to actors, as of the document's date.

Per phrase head, in order of evidence:
  leader     a known person (dated roles) or named group: "Lukashenko", "Hamas"
  name       a state, organisation, body, capital or seat: "Minsk", "the Kremlin"
  office     an organisation's office: "the UN Secretary-General"
  demonym    a people: "Belarusians" (CVL)
  sector     a sector noun or title with its actor among the modifiers or an of-phrase:
             "Belarusian diplomats", "the government of Belarus", "Russia's troops"
  title      an unknown person with a title: "US Deputy Assistant Secretary of Defense Michael Carpenter"
  apposition an unknown person described by an apposition: "Yakubovich, the chief editor of ..."
  surname    a later mention of a person resolved earlier in the document
  pronoun    he/she/his/her → the last person resolved, within a few sentences
  context    a sector noun with no actor of its own ("the opposition", "the junta"): the state most
             mentioned in the last few sentences, else in the whole document
  adjective  a bare nationality adjective ("Belarusian UAVs") not part of a resolved phrase
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

from detente.actors.data import Person
from detente.actors.gazetteer import (
    ADJECTIVE,
    DEMONYM,
    NAME,
    OFFICE,
    PERSON,
    Atom,
    Gazetteer,
    SectorAtom,
)
from detente.nlp import nonblank_sents
from detente.types import Mention

# Dependency labels that attach a modifier inside a noun phrase.
MODIFIER_DEPS = frozenset(
    {"compound", "amod", "nmod", "poss", "det", "nummod", "flat", "case", "quantmod"}
)
# Dependency labels of tokens that are never phrase heads of their own.
NON_HEAD_DEPS = frozenset({"compound", "amod", "nmod", "flat", "poss", "case", "det"})
NOMINAL = frozenset({"NOUN", "PROPN"})
PRONOUNS = frozenset({"he", "him", "his", "she", "her", "hers", "himself", "herself"})
FEMALE_PRONOUNS = frozenset({"she", "her", "hers", "herself"})
# Pronouns for states and organisations; they refer back only from subject position to an
# earlier subject ("Belarus retaliated: it imposed duties"), where that reading is most reliable.
GROUP_PRONOUNS = frozenset({"it", "its", "itself", "they", "their", "them", "themselves"})
SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass", "poss"})
# Words that make a people's name an ethnic group rather than its state ("ethnic Albanians").
ETHNIC = frozenset({"ethnic"})
# Modifiers that say a group belongs to no one state ("international observers").
UNBOUND = frozenset({"international", "foreign", "multinational", "global"})
FORMER = frozenset({"former", "ex", "ex-", "then-former", "retired", "late"})
# Named-entity labels of unknown names that act for the state in context.
CONTEXT_ENTITIES = frozenset({"PERSON", "ORG"})
# How far back (in sentences) a pronoun or a context noun looks.
PRONOUN_WINDOW = (
    4  # tuned on the seed articles: "He" two sentences after the name still refers back
)
CONTEXT_WINDOW = 3
# How many of-phrases deep a phrase looks for its actor ("the editor of the outlet of the government").
OF_DEPTH = 3


@dataclass(frozen=True, slots=True)
class _Resolved:
    actor: str
    sector: str | None
    method: str
    person: str | None = None


@dataclass(slots=True)
class _DocState:
    """What resolution remembers while it walks one document."""

    people: dict[str, _Resolved] = field(default_factory=dict)  # name or surname → resolution
    last_person: tuple[int, _Resolved] | None = None  # (sentence index, resolution)
    named: list[tuple[int, _Resolved]] = field(default_factory=list)  # every person, in order
    women: set[str] = field(default_factory=set)  # people the text marks as women
    last_group: tuple[int, _Resolved] | None = None  # the last state or organisation subject
    recent_states: list[tuple[int, str]] = field(default_factory=list)
    document_states: Counter[str] = field(default_factory=Counter)


def pick_person(people: Sequence[Person], day: str | None) -> Person:
    """Among people sharing a name, the one in a role on `day`, else the one whose last role
    began most recently before it, else the first."""
    active = [p for p in people if p.active_on(day)]
    if active:
        return active[0]
    started = [
        (max(r.start or "" for r in p.roles if day is None or (r.start or "") <= day), i)
        for i, p in enumerate(people)
        if any(day is None or (r.start or "") <= day for r in p.roles)
    ]
    return people[max(started)[1]] if started else people[0]


def _phrase(head: Any, depth: int = 0) -> list[Any]:
    """The head and its noun-phrase modifiers, and (for nouns) its of-phrases, recursively;
    never past a line break (a parse may join a headline to the next line)."""
    tokens = [head]
    for child in head.children:
        if child.dep_ in MODIFIER_DEPS:
            tokens += _phrase(child, depth)
        elif child.dep_ == "prep" and child.lower_ in ("of", "from") and depth < OF_DEPTH:
            tokens.append(child)
            tokens += [t for g in child.children if g.dep_ == "pobj" for t in _phrase(g, depth + 1)]
    return [t for t in tokens if _same_line(t, head)]


def _same_line(token: Any, head: Any) -> bool:
    # Token.sent_start is cheap; a newline inside the span between the two tokens is not, so
    # look at the tokens' own text and trailing white space only.
    low, high = sorted((token.i, head.i))
    doc = head.doc
    return not any("\n" in doc[i].text_with_ws for i in range(low, high))


def _subject_phrase(head: Any) -> bool:
    """A subject, or a name inside one ("the Baghdad communique said", "Russia's troops
    attacked"); a possessor elsewhere ("at Iran's Ahvaz field") is no subject."""
    if head.dep_ in ("nsubj", "nsubjpass"):
        return True
    return head.dep_ in ("poss", "compound") and head.head.dep_ in ("nsubj", "nsubjpass")


def _appositions(head: Any) -> list[Any]:
    return [c for c in head.children if c.dep_ == "appos"]


# Words after a state's name that make it a currency, not an actor ("US $50 million", "U.S.
# dollars", "Hong Kong dollars").
CURRENCY_WORDS = frozenset({"$", "dollar", "dollars", "dlr", "dlrs", "cents"})


def _stance(head: Any) -> bool:
    """A noun followed by a to-phrase ("opposition to the plan"), however the parse attached it."""
    if any(c.dep_ == "prep" and c.lower_ == "to" for c in head.children):
        return True
    after = [t for t in head.doc[head.i + 1 : head.i + 3] if not t.is_space]
    return bool(after) and after[0].lower_ == "to" and after[0].dep_ == "prep"


def _currency(doc: Any, atom: Atom) -> bool:
    """A state's name that only qualifies a currency ("US $50 million")."""
    return atom.kind == NAME and atom.end < len(doc) and doc[atom.end].lower_ in CURRENCY_WORDS


class Resolver:
    """Resolves one document. Build per document: it holds the document's token-level matches."""

    def __init__(
        self,
        doc: Any,
        *,
        doc_id: str,
        day: str | None,
        gazetteer: Gazetteer,
        state_codes: frozenset[str],
        context_nouns: frozenset[str] = frozenset(),
        female_names: frozenset[str] = frozenset(),
    ) -> None:
        self.doc, self.doc_id, self.day = doc, doc_id, day
        self.state_codes = state_codes
        self.context_nouns = context_nouns
        self.female_names = female_names
        words = [t.text for t in doc]
        self.atoms = [a for a in gazetteer.atoms(words) if not _currency(doc, a)]
        self.atom_at: dict[int, Atom] = {i: a for a in self.atoms for i in range(a.start, a.end)}
        sector_atoms = [
            s
            for s in gazetteer.sector_atoms([t.lower_ for t in doc])
            if doc[s.end - 1].pos_ in NOMINAL or doc[s.end - 1].pos_ == "ADJ"
        ]
        self.sector_at: dict[int, SectorAtom] = {
            i: s for s in sector_atoms for i in range(s.start, s.end)
        }
        self.state = _DocState()
        self.state.document_states.update(
            a.actor for a in self.atoms if a.actor in state_codes and a.kind in (NAME, ADJECTIVE)
        )

    # -- pieces of evidence ------------------------------------------------------------------

    def _atom_actor(self, atom: Atom) -> tuple[str, str | None] | None:
        if atom.kind == PERSON:
            person = pick_person(atom.people, self.day)
            return person.role_on(self.day)
        return (atom.actor, atom.sector) if atom.actor else None

    def _actor_among(self, tokens: Sequence[Any], skip: Any) -> tuple[str, str | None] | None:
        """The first actor named among `tokens` (nearest the head first), ignoring `skip`."""
        for token in sorted(tokens, key=lambda t: abs(t.i - skip.i)):
            atom = self.atom_at.get(token.i)
            if token.i != skip.i and atom is not None and atom.kind != DEMONYM:
                found = self._atom_actor(atom)
                if found:
                    return found
        return None

    def _modifier_sector(self, tokens: Sequence[Any], head: Any) -> str | None:
        for token in tokens:
            found = self.sector_at.get(token.i)
            if (
                token.i != head.i
                and found is not None
                and head.i not in range(found.start, found.end)
            ):
                return found.sector
        return None

    def _context_state(self, sent_index: int, *, besides: str | None = None) -> str | None:
        recent = Counter(
            a
            for i, a in self.state.recent_states
            if sent_index - i <= CONTEXT_WINDOW and a != besides
        )
        counts = recent or Counter(
            {a: n for a, n in self.state.document_states.items() if a != besides}
        )
        if not counts:
            return None
        top = max(counts.values())
        # Ties go to the most recently mentioned state.
        for _, actor in reversed(self.state.recent_states):
            if counts.get(actor) == top:
                return actor
        return counts.most_common(1)[0][0]

    # -- one phrase ------------------------------------------------------------------------------

    def _former(self, tokens: Sequence[Any]) -> bool:
        return any(t.lower_ in FORMER for t in tokens)

    def _by_atom(self, head: Any, atom: Atom, tokens: Sequence[Any]) -> _Resolved | None:
        found = self._atom_actor(atom)
        if found is None:
            return None
        actor, sector = found
        if atom.kind == PERSON:
            person = pick_person(atom.people, self.day)
            if self._former(tokens):
                sector = "ELI"
            outside = [t for t in tokens if not atom.start <= t.i < atom.end]
            titled = self._titled_elsewhere(head, outside, actor)
            return titled or _Resolved(actor, sector, "leader", person.name)
        method = {NAME: "name", OFFICE: "office", DEMONYM: "demonym", ADJECTIVE: "adjective"}[
            atom.kind
        ]
        return _Resolved(actor, sector or self._modifier_sector(tokens, head), method)

    def _titled_elsewhere(self, head: Any, tokens: Sequence[Any], actor: str) -> _Resolved | None:
        """A known name with a title of another state ("Deputy U.S. Trade Representative
        Michael Smith" is not the namesake in the leader lists): the title's state wins."""
        title = self._modifier_sector(tokens, head)
        named = self._actor_among(tokens, head)
        if not tokens or title is None or named is None or named[0] == actor:
            return None
        return _Resolved(named[0], title, "title", self._person_name(head))

    def _by_sector(
        self, head: Any, found: SectorAtom, tokens: Sequence[Any], sent_index: int
    ) -> _Resolved | None:
        sector = found.sector
        if sector == "OPP" and _stance(head):
            return None  # "their opposition to the scheme": a stance, not the opposition
        modifier = self._modifier_sector(tokens, head)
        if sector == "GOV" and modifier:  # "defence officials": the modifier is more specific
            sector = modifier
        if self._former(tokens):
            sector = "ELI"
        actor = self._actor_among(tokens, head)
        if actor:
            return _Resolved(actor[0], sector, "sector")
        if any(t.lower_ in UNBOUND and not found.start <= t.i < found.end for t in tokens):
            return None  # "international observers" are nobody's in context
        for owner in head.children:  # "his opponents": the state of the one "his" refers to
            if owner.dep_ == "poss" and owner.pos_ == "PRON":
                referent = self._by_pronoun(owner, sent_index)
                if referent is not None:
                    return _Resolved(referent.actor, sector, "context")
        context = self._context_state(sent_index)
        return _Resolved(context, sector, "context") if context else None

    def _by_person_evidence(
        self, head: Any, tokens: Sequence[Any], sent_index: int
    ) -> _Resolved | None:
        """An unknown person: a title among the modifiers, or an apposition, names the actor."""
        name = self._person_name(head)
        title = self._modifier_sector(tokens, head)
        actor = self._actor_among(tokens, head)
        if actor and title:
            return _Resolved(actor[0], title, "title", name)
        for appos in _appositions(head):
            inner = _phrase(appos)
            sector_atom = self.sector_at.get(appos.i)
            appos_actor = self._actor_among(inner, appos)
            if appos_actor:  # "Kirill Dmitriev, a close ally of Putin's": RUS, no sector
                sector = sector_atom.sector if sector_atom else title
                return _Resolved(appos_actor[0], sector, "apposition", name)
        known = self.state.people.get(name) or self.state.people.get(head.text)
        if known:
            return _Resolved(known.actor, known.sector, "surname", known.person)
        return self._by_entity_context(head, name, title, sent_index)

    def _by_entity_context(
        self, head: Any, name: str, title: str | None, sent_index: int
    ) -> _Resolved | None:
        """A named person or organisation no list knows, with nothing in its phrase that names a
        state ("Deputy Prime Minister Arnaldo Forlani", "the Socialist Party"): it acts for the
        state the text is about. Events with such actors carry a lower confidence."""
        if head.ent_type_ not in CONTEXT_ENTITIES:
            return None
        context = self._context_state(sent_index)
        if context is None:
            return None
        person = name if head.ent_type_ == "PERSON" else None
        return _Resolved(context, title, "context", person)

    def _person_name(self, head: Any) -> str:
        if head.ent_type_ == "PERSON":
            for ent in head.doc.ents:
                if ent.start <= head.i < ent.end:
                    return str(ent.text)
        return str(head.text)

    def resolve_head(self, head: Any, sent_index: int) -> _Resolved | None:
        if head.pos_ == "PRON":
            return self._by_pronoun(head, sent_index)
        tokens = _phrase(head)
        ethnic = self._by_ethnicity(head, tokens, sent_index)
        if ethnic is not None:
            return ethnic
        atom = self.atom_at.get(head.i)
        if atom is not None:
            return self._by_atom(head, atom, tokens)
        found = self.sector_at.get(head.i)
        if found is not None:
            return self._by_sector(head, found, tokens, sent_index)
        if head.lemma_.lower() in self.context_nouns and any(
            c.dep_ in ("det", "poss") for c in head.children
        ):
            named = self._actor_among(tokens, head)  # "the autonomous Azerbaijani republic"
            if named:
                return _Resolved(named[0], None, "name")
            context = self._context_state(sent_index)
            return _Resolved(context, None, "context") if context else None
        if head.pos_ == "PROPN":
            return self._by_person_evidence(head, tokens, sent_index)
        return None

    def _by_ethnicity(self, head: Any, tokens: Sequence[Any], sent_index: int) -> _Resolved | None:
        """An ethnic group ("ethnic Albanians", "ethnic Turkish guerrillas") acts for the state
        it lives in, the one the text is about besides the group's namesake: civilians unless
        the head names a sector."""
        people = head.i in self.sector_at or head.i in self.atom_at  # not "ethnic unrest"
        if not people or not any(t.lower_ in ETHNIC for t in tokens):
            return None
        peoples = [
            atom.actor
            for t in tokens
            if (atom := self.atom_at.get(t.i)) is not None and atom.kind in (DEMONYM, ADJECTIVE)
        ]
        if not peoples or peoples[0] is None:
            return None
        state = self._context_state(sent_index, besides=peoples[0])
        if state is None:
            return None
        found = self.sector_at.get(head.i)
        return _Resolved(state, found.sector if found else "CVL", "context")

    def _by_pronoun(self, head: Any, sent_index: int) -> _Resolved | None:
        if head.lower_ in GROUP_PRONOUNS:
            group = self.state.last_group
            if head.dep_ not in SUBJECT_DEPS or group is None or sent_index - group[0] > 1:
                return None
            return _Resolved(group[1].actor, group[1].sector, "pronoun")
        last = self.state.last_person
        if head.lower_ not in PRONOUNS or last is None or sent_index - last[0] > PRONOUN_WINDOW:
            return None
        # "she" is the last woman named, "he" the last person not known to be one ("Thatcher
        # met Gorbachev, who had talks with her"); with no such person, the last person.
        female = head.lower_ in FEMALE_PRONOUNS
        women = self.state.women
        fitting = [
            r
            for i, r in self.state.named
            if sent_index - i <= PRONOUN_WINDOW and (r.person in women) == female
        ]
        if fitting and (female or last[1].person in women):
            last = (sent_index, fitting[-1])
        return _Resolved(last[1].actor, last[1].sector, "pronoun", last[1].person)

    def _woman(self, resolved: _Resolved, head: Any) -> bool:
        """A person the text marks as a woman: a title ("Mrs", "Queen") before the name, or a
        woman's given name."""
        words = [w.lower().rstrip(".") for w in (resolved.person or "").split()[:1]]
        words += [t.lower_.rstrip(".") for t in head.subtree if t.i < head.i]
        return any(w in self.female_names for w in words)

    # -- bookkeeping -----------------------------------------------------------------------------

    def _remember(self, resolved: _Resolved, sent_index: int, head: Any) -> None:
        if (
            not resolved.person
            and resolved.method not in ("pronoun", "adjective")
            and _subject_phrase(head)
        ):
            self.state.last_group = (sent_index, resolved)
        if resolved.person and resolved.method != "pronoun":
            self.state.named.append((sent_index, resolved))
            if self._woman(resolved, head):
                self.state.women.add(resolved.person)
            self.state.people[resolved.person] = resolved
            self.state.people[resolved.person.split()[-1]] = resolved
            # A pronoun refers back to the last person in subject position ("Thatcher left Bonn
            # after talks with Kohl, ahead of her visit"), else to the last person named.
            last = self.state.last_person
            if head.dep_ in SUBJECT_DEPS or last is None or sent_index - last[0] > 0:
                self.state.last_person = (sent_index, resolved)
        # Media and companies ("Reuters", "Gazprom") say little about which state a text is about.
        if (
            resolved.actor in self.state_codes
            and resolved.method != "context"
            and resolved.sector not in ("MED", "BUS")
        ):
            self.state.recent_states.append((sent_index, resolved.actor))

    def _mention(
        self, tokens: Sequence[Any], head: Any, resolved: _Resolved, sent_index: int
    ) -> Mention:
        start = min(t.i for t in tokens)
        end = max(t.i for t in tokens) + 1
        while start < head.i and self.doc[start].pos_ in ("DET", "PUNCT", "ADP"):
            start += 1
        span = self.doc[start:end]
        return Mention(
            doc_id=self.doc_id,
            sent_index=sent_index,
            start=span.start_char,
            end=span.end_char,
            text=span.text,
            actor=resolved.actor,
            sector=resolved.sector,
            method=resolved.method,
            head=head.i,
            person=resolved.person,
        )

    def _is_head(self, token: Any) -> bool:
        if token.pos_ == "PRON":
            return token.lower_ in PRONOUNS or token.lower_ in GROUP_PRONOUNS
        # A name inside a larger phrase ("Russia's troops") is not a head; when the phrase does
        # not resolve through it, the leftover-atom pass makes it a mention of its own.
        if token.pos_ not in NOMINAL:
            return False
        # A possessor that is no name is a phrase of its own ("the country's record").
        return token.dep_ not in NON_HEAD_DEPS or (
            token.dep_ == "poss" and token.i not in self.atom_at
        )

    def mentions(self) -> Iterator[Mention]:
        covered: set[int] = set()
        for sent_index, sent in enumerate(nonblank_sents(self.doc)):
            for token in sent:
                if not self._is_head(token):
                    continue
                resolved = self.resolve_head(token, sent_index)
                if resolved is None:
                    continue
                tokens = [token] if token.pos_ == "PRON" else _phrase(token)
                self._remember(resolved, sent_index, token)
                covered.update(t.i for t in tokens)
                yield self._mention(tokens, token, resolved, sent_index)
            yield from self._leftover_atoms(sent, sent_index, covered)

    def _leftover_atoms(self, sent: Any, sent_index: int, covered: set[int]) -> Iterator[Mention]:
        """Names inside phrases that resolved otherwise (or not at all) are mentions too."""
        for atom in self.atoms:
            if not (sent.start <= atom.start < sent.end) or atom.start in covered:
                continue
            tokens = list(self.doc[atom.start : atom.end])
            head = tokens[-1]
            resolved = self._by_atom(head, atom, tokens)
            if resolved is None:
                continue
            self._remember(resolved, sent_index, head)
            covered.update(range(atom.start, atom.end))
            yield self._mention(tokens, head, resolved, sent_index)


def resolve_mentions(
    doc: Any,
    *,
    doc_id: str,
    day: str | None,
    gazetteer: Gazetteer,
    state_codes: frozenset[str],
    context_nouns: frozenset[str] = frozenset(),
    female_names: frozenset[str] = frozenset(),
) -> list[Mention]:
    """Every resolved mention of a parsed document, in text order."""
    resolver = Resolver(
        doc,
        doc_id=doc_id,
        day=day,
        gazetteer=gazetteer,
        state_codes=state_codes,
        context_nouns=context_nouns,
        female_names=female_names,
    )
    return sorted(resolver.mentions(), key=lambda m: (m.start, m.end))
