"""Dictionary matching: token sequences → actor atoms, longest match first.

Names match case-sensitively on token text ("Turkey" the state, not "turkey"); the sector
vocabulary matches on lower-cased text. Strings are tokenized with the pipeline's own tokenizer,
so that "U.S." or "Belarus’" split the way the document does.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import TypeVar

from detente.actors.data import ActorData, Person

# Kinds of atom.
NAME = (
    "name"  # a state, organisation or body: "Belarus", "the Kremlin", "OSCE Parliamentary Assembly"
)
ADJECTIVE = "adjective"  # "Belarusian": names the actor of the phrase it modifies
DEMONYM = "demonym"  # "Belarusians": the people, CVL
OFFICE = "office"  # "UN Secretary-General": a person acting for an organisation
PERSON = "person"  # a known person or named group, resolved by date


@dataclass(frozen=True, slots=True)
class Atom:
    """A dictionary match over tokens [start, end) of a document."""

    start: int
    end: int
    kind: str
    actor: str | None  # None for a person: see `people`
    sector: str | None = None
    people: tuple[Person, ...] = ()  # a person's candidates ("Bush"): the document date picks


@dataclass(frozen=True, slots=True)
class SectorAtom:
    start: int
    end: int
    sector: str
    title: bool  # a person's title ("foreign minister") rather than a group noun ("troops")


Key = tuple[str, ...]
Tokenize = Callable[[str], Sequence[str]]


@dataclass(frozen=True, slots=True)
class _Template:
    kind: str
    actor: str | None
    sector: str | None = None
    people: tuple[Person, ...] = ()


V = TypeVar("V")
Index = dict[str, list[tuple[Key, V]]]


def _index(items: Iterable[tuple[Key, V]]) -> Index[V]:
    """first token → [(key, value)], longest key first; a later duplicate key wins."""
    by_key: dict[Key, V] = {}
    for key, value in items:
        if key:
            by_key[key] = value
    index: Index[V] = {}
    for key, value in by_key.items():
        index.setdefault(key[0], []).append((key, value))
    for entries in index.values():
        entries.sort(key=lambda kv: -len(kv[0]))
    return index


def _longest(index: Index[V], words: Sequence[str], i: int) -> tuple[Key, V] | None:
    for key, value in index.get(words[i], ()):
        if tuple(words[i : i + len(key)]) == key:
            return key, value
    return None


class Gazetteer:
    """All actor strings, indexed by first token. Build once per process with `build_gazetteer`."""

    def __init__(
        self,
        names: Index[_Template],
        sectors: Index[tuple[str, bool]],
        regions: frozenset[str] = frozenset(),
    ) -> None:
        self._names = names
        self._sectors = sectors
        self._regions = regions

    def atoms(self, words: Sequence[str]) -> list[Atom]:
        """Non-overlapping name matches, leftmost-longest. A region's name that begins a longer
        proper name is no region ("West Darfur", "West Africans")."""
        found: list[Atom] = []
        for start, end, value in _scan(self._names, words):
            after = words[end] if end < len(words) else ""
            if value.actor in self._regions and after[:1].isupper():
                continue
            found.append(Atom(start, end, value.kind, value.actor, value.sector, value.people))
        return found

    def sector_atoms(self, lower_words: Sequence[str]) -> list[SectorAtom]:
        """Non-overlapping sector vocabulary matches on lower-cased words, leftmost-longest."""
        return [
            SectorAtom(start, end, sector, title)
            for start, end, (sector, title) in _scan(self._sectors, lower_words)
        ]


def _scan(index: Index[V], words: Sequence[str]) -> Iterator[tuple[int, int, V]]:
    """(start, end, value) of each leftmost-longest match, left to right, never overlapping."""
    i = 0
    while i < len(words):
        match = _longest(index, words, i)
        if match is None:
            i += 1
            continue
        key, value = match
        yield i, i + len(key), value
        i += len(key)


def _name_templates(data: ActorData, tokenize: Tokenize) -> list[tuple[Key, _Template]]:
    items: list[tuple[Key, _Template]] = []
    for entity in data.entities:
        for kind, strings, sector in (
            (NAME, entity.names, None),
            (OFFICE, entity.offices, None),
            (ADJECTIVE, entity.adjectives, None),
            (DEMONYM, entity.demonyms, "CVL"),
        ):
            items += [(tuple(tokenize(s)), _Template(kind, entity.code, sector)) for s in strings]
    # People after entities: a person's name wins over a place spelled the same.
    people: dict[Key, list[Person]] = {}
    for person in data.people:
        for name in (person.name, *person.aliases):
            people.setdefault(tuple(tokenize(name)), []).append(person)
    items += [(key, _Template(PERSON, None, None, tuple(ps))) for key, ps in people.items()]
    return items


def build_gazetteer(data: ActorData, tokenize: Tokenize) -> Gazetteer:
    names = _index(_name_templates(data, tokenize))
    sector_items: list[tuple[Key, tuple[str, bool]]] = []
    for phrase, sector in data.nouns.items():
        sector_items.append((tuple(w.lower() for w in tokenize(phrase)), (sector, False)))
    for phrase, sector in data.titles.items():
        sector_items.append((tuple(w.lower() for w in tokenize(phrase)), (sector, True)))
    regions = frozenset(e.code for e in data.entities if e.kind == "region")
    return Gazetteer(names, _index(sector_items), regions)
