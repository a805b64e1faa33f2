"""Actor data: states, organisations, groups, sector vocabulary and dated people, from YAML files.

The built-in files live in `detente/data/actors/` (format in FORMAT.md there). Users add or correct
entries with their own files in the same format (`--actors FILE`, or the `actors` setting); a user
entry with the same code (states, organisations) or name (people, groups) replaces the built-in one.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

import yaml

from detente.errors import DataError

# libyaml's C loader when present: ten times faster on the leader lists.
SAFE_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

DATA_PACKAGE = "detente.data.actors"
SECTORS = (
    "GOV",
    "MIL",
    "LEG",
    "JUD",
    "SPY",
    "COP",
    "OPP",
    "REB",
    "MED",
    "BUS",
    "CVL",
    "HRI",
    "ELI",
)
_CODE = re.compile(r"^[A-Z][A-Z0-9]{1,5}$")
_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")


@dataclass(frozen=True, slots=True)
class Role:
    """A dated role: who a person acts for, and in which sector, between two days (inclusive)."""

    actor: str
    sector: str | None
    start: str | None  # YYYY-MM-DD; None = since ever
    end: str | None  # YYYY-MM-DD; None = still in office
    title: str | None = None

    def covers(self, day: str) -> bool:
        return (self.start is None or self.start <= day) and (self.end is None or day <= self.end)


@dataclass(frozen=True, slots=True)
class Person:
    """A named person (or a dated group) with every name it goes by and its roles."""

    name: str
    aliases: tuple[str, ...]
    roles: tuple[Role, ...]

    def role_on(self, day: str | None) -> tuple[str, str | None]:
        """(actor, sector) on `day`: the covering role; after one, ELI of it; before all, the first."""
        if not self.roles:
            raise DataError(f"person {self.name!r} has no roles")
        ordered = sorted(self.roles, key=lambda r: r.start or "")
        if day is None:
            latest = ordered[-1]
            return latest.actor, latest.sector
        covering = [r for r in ordered if r.covers(day)]
        if covering:
            return covering[-1].actor, covering[-1].sector
        earlier = [r for r in ordered if r.end is not None and r.end < day]
        if earlier:
            return earlier[-1].actor, "ELI"
        return ordered[0].actor, None

    def active_on(self, day: str | None) -> bool:
        return day is None or any(r.covers(day) for r in self.roles)


@dataclass(frozen=True, slots=True)
class Entity:
    """A state, an organisation or a bloc with the strings that name it."""

    code: str
    kind: str  # state | igo | bloc | region
    names: tuple[str, ...]  # proper names, capitals, seats, bodies, offices, former names
    adjectives: tuple[str, ...]  # "Belarusian": names the actor as a modifier
    demonyms: tuple[str, ...]  # "Belarusians": the people, coded CVL
    offices: tuple[str, ...] = ()  # organisation offices (their holder acts for it)


@dataclass(frozen=True, slots=True)
class ActorData:
    """Everything actor resolution knows, merged from the built-in and the user's files."""

    version: str
    entities: tuple[Entity, ...]
    people: tuple[Person, ...]  # people and named groups, both with dated roles
    titles: dict[str, str]  # lowercase title → sector ("foreign minister" → GOV)
    nouns: dict[str, str]  # lowercase group noun → sector ("troops" → MIL)
    context_nouns: frozenset[str] = frozenset()  # "the country": the state in context
    female_names: frozenset[str] = frozenset()  # "Mrs", "Margaret": a woman, for "she"/"her"

    def entity(self, code: str) -> Entity | None:
        return next((e for e in self.entities if e.code == code), None)


def _strings(value: Any, where: str) -> tuple[str, ...]:
    if value is None:
        return ()
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise DataError(f"{where}: expected a list of strings")
    return tuple(v.strip() for v in value if v.strip())


def _code(value: Any, where: str) -> str:
    if not isinstance(value, str) or not _CODE.match(value):
        raise DataError(f"{where}: bad actor code {value!r}")
    return value


def _sector(value: Any, where: str) -> str | None:
    if value is None or value == "":
        return None
    if value not in SECTORS:
        raise DataError(f"{where}: bad sector {value!r} (one of {', '.join(SECTORS)})")
    return str(value)


def _day(value: Any, where: str) -> str | None:
    if value is None:
        return None
    text = str(value)
    if not _DAY.match(text):
        raise DataError(f"{where}: bad date {value!r} (YYYY-MM-DD)")
    return text


def _role(item: Any, where: str) -> Role:
    if not isinstance(item, dict):
        raise DataError(f"{where}: a role must be a mapping")
    return Role(
        actor=_code(item.get("actor"), where),
        sector=_sector(item.get("sector"), where),
        start=_day(item.get("start"), where),
        end=_day(item.get("end"), where),
        title=item.get("title"),
    )


def _person(item: Any, where: str) -> Person:
    if not isinstance(item, dict) or not isinstance(item.get("name"), str):
        raise DataError(f"{where}: a person needs a name")
    name = item["name"].strip()
    where = f"{where} ({name})"
    roles = tuple(_role(r, where) for r in item.get("roles") or [])
    if not roles:
        raise DataError(f"{where}: no roles")
    return Person(name=name, aliases=_strings(item.get("aliases"), where), roles=roles)


def _group(item: Any, where: str) -> Person:
    """A named group is a person-like entry: names, and one (possibly dated) role."""
    if not isinstance(item, dict):
        raise DataError(f"{where}: a group must be a mapping")
    names = _strings(item.get("names"), where)
    if not names:
        raise DataError(f"{where}: a group needs names")
    role = Role(
        actor=_code(item.get("actor"), f"{where} ({names[0]})"),
        sector=_sector(item.get("sector"), f"{where} ({names[0]})"),
        start=_day(item.get("start"), where),
        end=_day(item.get("end"), where),
    )
    return Person(name=names[0], aliases=names[1:], roles=(role,))


def _state(code: str, item: Any, where: str) -> Entity:
    if not isinstance(item, dict):
        raise DataError(f"{where}: a state must be a mapping")
    names = sum(
        (_strings(item.get(k), f"{where}.{k}") for k in ("names", "capitals", "seats", "former")),
        (),
    )
    return Entity(
        code=_code(code, where),
        kind="state",
        names=names,
        adjectives=_strings(item.get("adjectives"), where),
        demonyms=_strings(item.get("demonyms"), where),
    )


def _organisation(code: str, item: Any, where: str) -> Entity:
    if not isinstance(item, dict):
        raise DataError(f"{where}: an organisation must be a mapping")
    return Entity(
        code=_code(code, where),
        kind=str(item.get("kind") or "igo"),
        names=_strings(item.get("names"), where) + _strings(item.get("bodies"), where),
        adjectives=_strings(item.get("adjectives"), where),
        demonyms=(),
        offices=_strings(item.get("offices"), where),
    )


@dataclass(frozen=True, slots=True)
class _Parsed:
    version: str | None
    entities: tuple[Entity, ...]
    people: tuple[Person, ...]
    titles: dict[str, str]
    nouns: dict[str, str]
    context_nouns: frozenset[str] = frozenset()
    female_names: frozenset[str] = frozenset()


def _mapping(data: Any, key: str, where: str) -> dict[str, Any]:
    value = data.get(key) or {}
    if not isinstance(value, dict):
        raise DataError(f"{where}: `{key}` must be a mapping")
    return value


def _list(data: Any, key: str, where: str) -> list[Any]:
    value = data.get(key) or []
    if not isinstance(value, list):
        raise DataError(f"{where}: `{key}` must be a list")
    return value


def _sectors(data: Any, where: str) -> tuple[dict[str, str], dict[str, str]]:
    titles: dict[str, str] = {}
    nouns: dict[str, str] = {}
    for sector, lists in _mapping(data, "sectors", where).items():
        code = _sector(sector, where)
        if code is None or not isinstance(lists, dict):
            raise DataError(f"{where}: sectors.{sector} must map titles and nouns")
        titles.update({t.lower(): code for t in _strings(lists.get("titles"), where)})
        nouns.update({n.lower(): code for n in _strings(lists.get("nouns"), where)})
    return titles, nouns


def parse_actor_file(text: str, where: str) -> _Parsed:
    """One actor file (any mix of states, organisations, groups, sectors, people)."""
    try:
        data = yaml.load(text, Loader=SAFE_LOADER) or {}  # noqa: S506 (a safe loader)
    except yaml.YAMLError as e:
        raise DataError(f"{where}: not valid YAML ({e})") from e
    if not isinstance(data, dict):
        raise DataError(f"{where}: expected a mapping at the top")
    states = [
        _state(c, v, f"{where}: states.{c}") for c, v in _mapping(data, "states", where).items()
    ]
    orgs = [
        _organisation(c, v, f"{where}: organisations.{c}")
        for c, v in _mapping(data, "organisations", where).items()
    ]
    people = [
        _person(p, f"{where}: people[{i}]") for i, p in enumerate(_list(data, "people", where))
    ]
    groups = [
        _group(g, f"{where}: groups[{i}]") for i, g in enumerate(_list(data, "groups", where))
    ]
    titles, nouns = _sectors(data, where)
    version = data.get("version")
    return _Parsed(
        str(version) if version else None,
        tuple(states + orgs),
        tuple(combine_people({}, people + groups).values()),
        titles,
        nouns,
        frozenset(w.lower() for w in _strings(data.get("context_nouns"), where)),
        frozenset(w.lower() for w in _strings(data.get("female_names"), where)),
    )


def _builtin_files() -> Iterator[tuple[str, str]]:
    root = resources.files(DATA_PACKAGE)
    names = ["states.yaml", "organisations.yaml", "sectors.yaml"]
    for name in names:
        yield name, root.joinpath(name).read_text(encoding="utf-8")
    leaders = root.joinpath("leaders")
    for item in sorted(leaders.iterdir(), key=lambda p: p.name):
        if item.name.endswith(".yaml"):
            yield f"leaders/{item.name}", item.read_text(encoding="utf-8")


def _user_files(paths: Iterable[str]) -> Iterator[tuple[str, str]]:
    for path in paths:
        try:
            yield path, Path(path).read_text(encoding="utf-8")
        except OSError as e:
            raise DataError(f"cannot read actor file {path}: {e.strerror or e}") from e


def combine_people(known: dict[str, Person], people: Iterable[Person]) -> dict[str, Person]:
    """Add people to `known`; a name already there gains the new aliases and roles (a group
    listed once per period, or a person whose roles are spread over two leader files)."""
    for person in people:
        earlier = known.get(person.name)
        known[person.name] = (
            Person(
                person.name,
                tuple(dict.fromkeys(earlier.aliases + person.aliases)),
                tuple(dict.fromkeys(earlier.roles + person.roles)),
            )
            if earlier
            else person
        )
    return known


def merge(parts: Iterable[_Parsed], *, replace_people: bool = True) -> ActorData:
    """Later parts win: same entity code replaces, titles and nouns override; a person of the
    same name replaces the earlier one (or, with `replace_people=False`, is combined with it)."""
    entities: dict[str, Entity] = {}
    people: dict[str, Person] = {}
    titles: dict[str, str] = {}
    nouns: dict[str, str] = {}
    context: set[str] = set()
    female: set[str] = set()
    versions: list[str] = []
    for part in parts:
        entities.update({e.code: e for e in part.entities})
        if replace_people:
            people.update({p.name: p for p in part.people})
        else:
            combine_people(people, part.people)
        titles.update(part.titles)
        nouns.update(part.nouns)
        context |= part.context_nouns
        female |= part.female_names
        if part.version:
            versions.append(part.version)
    return ActorData(
        version=max(versions) if versions else "unversioned",
        entities=tuple(entities.values()),
        people=tuple(people.values()),
        titles=titles,
        nouns=nouns,
        context_nouns=frozenset(context),
        female_names=frozenset(female),
    )


@lru_cache(maxsize=4)
def load_actor_data(user_files: tuple[str, ...] = ()) -> ActorData:
    """The built-in actor data, corrected and extended by the user's files (in order)."""
    builtin = merge(
        (parse_actor_file(text, where) for where, text in _builtin_files()), replace_people=False
    )
    if not user_files:
        return builtin
    base = _Parsed(
        builtin.version,
        builtin.entities,
        builtin.people,
        builtin.titles,
        builtin.nouns,
        builtin.context_nouns,
        builtin.female_names,
    )
    users = (parse_actor_file(text, where) for where, text in _user_files(user_files))
    return merge([base, *users])
