"""The trigger lexicon: verbs, nouns and modal frames, from versioned YAML (data/lexicon/)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache, lru_cache
from importlib import resources
from typing import Any

import yaml

from detente.errors import DataError
from detente.events.ontology import Ontology, load_ontology

# libyaml's C loader when present: ten times faster on the leader lists.
SAFE_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

LEXICON_PACKAGE = "detente.data.lexicon"
# Prepositions whose object may be a trigger's target when its entry names none.
DEFAULT_TARGET_PREPS = ("with", "to", "against", "on", "toward", "towards", "into", "upon", "at")


@dataclass(frozen=True, slots=True)
class Frame:
    """A code that applies when the trigger's object, preposition or particle matches."""

    code: str | None  # None: where this frame holds, the trigger is no event ("yield results")
    objects: frozenset[str] = frozenset()
    preps: frozenset[str] = frozenset()
    particles: frozenset[str] = frozenset()
    target_preps: tuple[str, ...] | None = None

    def matches(self, objects: set[str], preps: set[str], particles: set[str]) -> bool:
        return (
            (not self.objects or bool(self.objects & objects))
            and (not self.preps or bool(self.preps & preps))
            and (not self.particles or bool(self.particles & particles))
        )


@dataclass(frozen=True, slots=True)
class Trigger:
    lemma: str
    code: str | None
    frames: tuple[Frame, ...]
    target_preps: tuple[str, ...]

    def code_for(
        self,
        objects: set[str],
        preps: set[str],
        particles: set[str],
        heads: frozenset[str] = frozenset(),
    ) -> tuple[str, tuple[str, ...], bool] | None:
        """(code, target prepositions, whether a frame matched), or None when nothing applies.
        A frame naming an object's head word beats one naming only a modifier ("war games"
        are games, not a war)."""
        named = [f for f in self.frames if f.objects & heads]
        for frame in [*named, *self.frames]:
            if frame.matches(objects, preps, particles):
                if frame.code is None:
                    return None
                return frame.code, frame.target_preps or self.target_preps, True
        return (self.code, self.target_preps, False) if self.code else None


@dataclass(frozen=True, slots=True)
class Modal:
    """A family of wrapping frames (intent 03x, appeal 02x, demand 10x, refuse 12x, threat 13x)."""

    kind: str
    default: str
    mapping: dict[str, str]
    needs_act: frozenset[str] = frozenset()  # wrapping verbs that code nothing without an act
    reported: frozenset[str] = frozenset()  # reporting verbs whose "should" clause is this act

    def apply(self, embedded: str | None) -> str:
        """The family's code for a wrapped event code: longest matching prefix, else default."""
        if embedded:
            for size in (4, 3, 2):
                if embedded[:size] in self.mapping:
                    return self.mapping[embedded[:size]]
        return self.default


@dataclass(frozen=True, slots=True)
class Lexicon:
    version: str
    verbs: dict[str, Trigger]
    nouns: dict[str, Trigger]
    modal_verbs: dict[str, Modal]
    modal_nouns: dict[str, Modal]
    modal_adjectives: dict[str, Modal]
    modals: dict[str, Modal]
    converse: dict[str, str]  # code → the code of the same act seen from the other side
    joint: dict[str, str] = field(default_factory=dict)  # code → its code when done together
    mediation: dict[str, str] = field(default_factory=dict)  # an act on others' conflict
    domestic: frozenset[str] = frozenset()  # code prefixes of acts on the source's own people
    domestic_at_once: frozenset[str] = frozenset()  # ... whatever else the sentence names
    responses: tuple[str, ...] = ()  # code prefixes of acts that answer the last act before
    gatherings: dict[str, str] = field(default_factory=dict)  # an organisation's session abroad

    def is_domestic(self, code: str, *, at_once: bool = False) -> bool:
        """An act that, with no one else named, is done to the actor's own people (`at_once`:
        even when the sentence names other actors)."""
        prefixes = self.domestic_at_once if at_once else self.domestic | self.domestic_at_once
        return any(code.startswith(prefix) for prefix in prefixes)


def _codes(ontology: Ontology, value: Any, where: str) -> str | None:
    if value is None:
        return None
    code = str(value)
    if code not in ontology:
        raise DataError(f"{where}: unknown CAMEO code {code!r}")
    return code


def _words(value: Any) -> frozenset[str]:
    if value is None:
        return frozenset()
    items = value if isinstance(value, list) else [value]
    return frozenset(str(v).lower() for v in items)


def _code_map(data: Any, key: str, ontology: Ontology) -> dict[str, str]:
    """A mapping of modifiers.yaml from words or codes to CAMEO codes, each code checked."""
    where = f"modifiers.yaml: {key}"
    return {str(k): str(_codes(ontology, v, where)) for k, v in (data.get(key) or {}).items()}


def _prefixes(data: Any, key: str) -> tuple[str, ...]:
    """A list of code prefixes of modifiers.yaml ("084", "17")."""
    return tuple(str(c) for c in data.get(key) or ())


def _frame(item: Any, ontology: Ontology, where: str) -> Frame:
    if not isinstance(item, dict):
        raise DataError(f"{where}: a frame must be a mapping")
    if "code" not in item:
        raise DataError(f"{where}: a frame needs a code (null: the frame is no event)")
    code = _codes(ontology, item.get("code"), where)
    preps = item.get("target_preps")
    return Frame(
        code=code,
        objects=_words(item.get("object")),
        preps=_words(item.get("prep")),
        particles=_words(item.get("particle")),
        target_preps=tuple(preps) if preps is not None else None,
    )


def _triggers(items: Iterable[Any], ontology: Ontology, where: str) -> dict[str, Trigger]:
    triggers: dict[str, Trigger] = {}
    for i, item in enumerate(items):
        if not isinstance(item, dict) or not item.get("lemma"):
            raise DataError(f"{where}[{i}]: an entry needs a lemma")
        lemma = str(item["lemma"]).lower()
        here = f"{where}[{i}] ({lemma})"
        preps = item.get("target_preps")
        triggers[lemma] = Trigger(
            lemma=lemma,
            code=_codes(ontology, item.get("code"), here),
            frames=tuple(_frame(f, ontology, here) for f in item.get("frames") or []),
            target_preps=tuple(preps) if preps is not None else DEFAULT_TARGET_PREPS,
        )
    return triggers


def _modals(data: Any, ontology: Ontology) -> tuple[dict[str, Modal], ...]:
    families: dict[str, Modal] = {}
    by_verb: dict[str, Modal] = {}
    by_noun: dict[str, Modal] = {}
    by_adjective: dict[str, Modal] = {}
    for kind, item in (data.get("frames") or {}).items():
        where = f"modifiers.yaml: {kind}"
        mapping = {
            str(k): str(_codes(ontology, v, where)) for k, v in (item.get("map") or {}).items()
        }
        default = _codes(ontology, item.get("default"), where)
        if default is None:
            raise DataError(f"{where}: needs a default code")
        modal = Modal(
            kind=kind,
            default=default,
            mapping=mapping,
            needs_act=_words(item.get("needs_act")),
            reported=_words(item.get("reported")),
        )
        families[kind] = modal
        by_verb.update(dict.fromkeys(_words(item.get("verbs")), modal))
        by_noun.update(dict.fromkeys(_words(item.get("nouns")), modal))
        by_adjective.update(dict.fromkeys(_words(item.get("adjectives")), modal))
    return families, by_verb, by_noun, by_adjective


def _read(name: str) -> Any:
    text = resources.files(LEXICON_PACKAGE).joinpath(name).read_text(encoding="utf-8")
    try:
        return yaml.load(text, Loader=SAFE_LOADER) or {}  # noqa: S506 (a safe loader)
    except yaml.YAMLError as e:
        raise DataError(f"{name}: not valid YAML ({e})") from e


@lru_cache(maxsize=1)
def load_lexicon() -> Lexicon:
    ontology = load_ontology()
    verbs_data, nouns_data, modal_data = (
        _read("verbs.yaml"),
        _read("nouns.yaml"),
        _read("modifiers.yaml"),
    )
    families, by_verb, by_noun, by_adjective = _modals(modal_data, ontology)
    versions = [
        str(d.get("version"))
        for d in (verbs_data, nouns_data, modal_data, _word_data())
        if d.get("version")
    ]
    return Lexicon(
        version=max(versions) if versions else "unversioned",
        verbs=_triggers(verbs_data.get("verbs") or [], ontology, "verbs.yaml"),
        nouns=_triggers(nouns_data.get("nouns") or [], ontology, "nouns.yaml"),
        modal_verbs=by_verb,
        modal_nouns=by_noun,
        modal_adjectives=by_adjective,
        modals=families,
        converse=_code_map(modal_data, "converse", ontology),
        domestic=frozenset(_prefixes(modal_data, "domestic")),
        domestic_at_once=frozenset(_prefixes(modal_data, "domestic_at_once")),
        responses=_prefixes(modal_data, "responses"),
        gatherings=_code_map(modal_data, "gatherings", ontology),
        joint=_code_map(modal_data, "joint", ontology),
        mediation=_code_map(modal_data, "mediation", ontology),
    )


@cache
def _word_data() -> Any:
    return _read("words.yaml")


@cache
def word_list(name: str) -> frozenset[str]:
    """A named list of cue words from words.yaml ("place_nouns"); a missing list is a DataError."""
    words = _word_data().get(name)
    if not isinstance(words, list) or not words:
        raise DataError(f"words.yaml: no list named {name!r}")
    return frozenset(str(w).lower() for w in words)
