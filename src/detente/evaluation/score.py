"""Scoring coded events against gold, exactly as shared/gold/GUIDELINES.md section 6 says.

Per document, gold and coded events are bags of (source, target, key) triples matched one to one;
match, coded and gold counts are summed over the file (micro-averaged). A gold actor `IGO` matches
any international-organisation code. Events with no target are kept out of the main scores and
scored apart on (source, key). Sectors and dates are scored on the events matched at root level.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

# The view of an event that scoring needs; coded and gold events are both turned into it.


@dataclass(frozen=True, slots=True)
class Scored:
    source: str
    target: str | None
    code: str | None
    plover: str | None
    source_sector: str | None = None
    target_sector: str | None = None
    date: str | None = None
    evidence: str | None = None


@dataclass(slots=True)
class Tally:
    match: int = 0
    coded: int = 0
    gold: int = 0

    def add(self, match: int, coded: int, gold: int) -> None:
        self.match += match
        self.coded += coded
        self.gold += gold

    def as_dict(self) -> dict[str, Any]:
        p = self.match / self.coded if self.coded else 0.0
        r = self.match / self.gold if self.gold else 0.0
        f1 = 2 * p * r / (p + r) if p + r else 0.0
        return {
            "p": round(p, 4),
            "r": round(r, 4),
            "f1": round(f1, 4),
            "match": self.match,
            "coded": self.coded,
            "gold": self.gold,
        }


Key = Callable[[Scored], tuple[str | None, ...]]


def actor_match(gold: str | None, coded: str | None, igo: frozenset[str]) -> bool:
    """A coded actor matches a gold one when equal, or any organisation code a gold `IGO`."""
    if gold == coded:
        return True
    return gold == "IGO" and coded is not None and (coded in igo or coded == "IGO")


def pair(
    gold: Sequence[Scored], coded: Sequence[Scored], key: Key, igo: frozenset[str]
) -> list[tuple[Scored, Scored]]:
    """One-to-one matches: exact triples first, then those matching through IGO."""
    free = list(coded)
    pairs: list[tuple[Scored, Scored]] = []
    rest: list[Scored] = []
    for g in gold:
        hit = next((c for c in free if key(c) == key(g)), None)
        if hit is None:
            rest.append(g)
            continue
        free.remove(hit)
        pairs.append((g, hit))
    for g in rest:
        hit = next(
            (
                c
                for c in free
                if key(c)[2:] == key(g)[2:]
                and actor_match(g.source, c.source, igo)
                and actor_match(g.target, c.target, igo)
            ),
            None,
        )
        if hit is not None:
            free.remove(hit)
            pairs.append((g, hit))
    return pairs


def root_key(e: Scored) -> tuple[str | None, ...]:
    return (e.source, e.target, e.code[:2] if e.code else None)


def code3_key(e: Scored) -> tuple[str | None, ...]:
    return (e.source, e.target, e.code[:3] if e.code else None)


def dyad_key(e: Scored) -> tuple[str | None, ...]:
    return (e.source, e.target)


def type_key(e: Scored) -> tuple[str | None, ...]:
    return (e.source, e.target, e.plover)


@dataclass(slots=True)
class Report:
    """Every score of one gold file, and the material for error analysis."""

    docs: int = 0
    tallies: dict[str, Tally] = field(default_factory=dict)
    confusion: Counter[tuple[str, str]] = field(default_factory=Counter)
    per_root: dict[str, Tally] = field(default_factory=dict)
    errors: list[dict[str, Any]] = field(default_factory=list)
    plover_file: bool = False

    def tally(self, name: str) -> Tally:
        return self.tallies.setdefault(name, Tally())

    def as_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"docs": self.docs}
        for name in ("root", "code3", "dyad", "type", "targetless", "sectors", "dates"):
            tally = self.tallies.get(name)
            out[name] = tally.as_dict() if tally is not None else None
        return out


def _attribute_tally(
    pairs: Sequence[tuple[Scored, Scored]], fields: Sequence[str]
) -> tuple[int, int, int]:
    match = coded = gold = 0
    for g, c in pairs:
        for name in fields:
            gv, cv = getattr(g, name), getattr(c, name)
            gold += gv is not None
            coded += cv is not None
            match += gv is not None and gv == cv
    return match, coded, gold


def score_document(
    report: Report,
    doc_id: str,
    gold: Sequence[Scored],
    coded: Sequence[Scored],
    igo: frozenset[str],
    sentence_of: Callable[[Scored], str | None],
) -> None:
    """Add one document's counts to the report."""
    report.docs += 1
    g_main = [g for g in gold if g.target]
    c_main = [c for c in coded if c.target]
    keys: dict[str, Key] = {"dyad": dyad_key, "type": type_key}
    if not report.plover_file:
        keys.update({"root": root_key, "code3": code3_key})
    main_key = type_key if report.plover_file else root_key
    for name, key in keys.items():
        report.tally(name).add(len(pair(g_main, c_main, key, igo)), len(c_main), len(g_main))
    matched = pair(g_main, c_main, main_key, igo)
    report.tally("sectors").add(*_attribute_tally(matched, ("source_sector", "target_sector")))
    report.tally("dates").add(*_attribute_tally(matched, ("date",)))
    g_none = [g for g in gold if not g.target]
    c_none = [c for c in coded if not c.target]
    targetless = pair(g_none, c_none, lambda e: (e.source, None, main_key(e)[2]), igo)
    report.tally("targetless").add(len(targetless), len(c_none), len(g_none))
    _confusion(report, g_main, c_main, igo)
    _errors(report, doc_id, g_main, c_main, matched, sentence_of)


def _confusion(
    report: Report, gold: Sequence[Scored], coded: Sequence[Scored], igo: frozenset[str]
) -> None:
    def label(e: Scored) -> str:
        return (e.plover or "-") if report.plover_file else (e.code or "--")[:2]

    for g, c in pair(gold, coded, dyad_key, igo):
        report.confusion[(label(g), label(c))] += 1
    for e in gold:
        report.per_root.setdefault(label(e), Tally()).gold += 1
    for e in coded:
        report.per_root.setdefault(label(e), Tally()).coded += 1
    key = type_key if report.plover_file else root_key
    for g, _ in pair(gold, coded, key, igo):
        report.per_root[label(g)].match += 1


def _errors(
    report: Report,
    doc_id: str,
    gold: Sequence[Scored],
    coded: Sequence[Scored],
    matched: Sequence[tuple[Scored, Scored]],
    sentence_of: Callable[[Scored], str | None],
) -> None:
    hit_gold = {id(g) for g, _ in matched}
    hit_coded = {id(c) for _, c in matched}

    def row(e: Scored) -> dict[str, Any]:
        return {
            "source": e.source,
            "target": e.target,
            "code": e.code,
            "plover": e.plover,
            "evidence": sentence_of(e),
        }

    missed = [row(g) for g in gold if id(g) not in hit_gold]
    spurious = [row(c) for c in coded if id(c) not in hit_coded]
    if missed or spurious:
        report.errors.append({"doc_id": doc_id, "missed": missed, "spurious": spurious})
