"""The cooperation and conflict network, and who brokers between parties.

Brokerage: in one sentence, parties A and B consult or negotiate with each other (root 04) while a
third actor M acts toward both with intent or consultation (roots 03, 04): M hosts or convenes
them ("he agreed to open in Minsk the negotiations between Russia and Ukraine"). An actor that
mediates (045, 039) between them counts too.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

MEDIATION_CODES = frozenset({"045", "039"})
BROKERING_ROOTS = frozenset({"03", "04"})


@dataclass(frozen=True, slots=True)
class Edge:
    """What the network needs of an event."""

    doc_id: str
    sent_index: int
    source: str
    target: str
    code: str
    quad_class: int
    evidence: str


@dataclass(frozen=True, slots=True)
class Brokerage:
    broker: str
    party_a: str
    party_b: str
    times: int
    evidence: str


def brokers(edges: Iterable[Edge]) -> list[Brokerage]:
    """Actors that host, convene or mediate between two other parties, most frequent first
    (then by broker and parties)."""
    by_sentence: dict[tuple[str, int], list[Edge]] = defaultdict(list)
    for edge in edges:
        by_sentence[(edge.doc_id, edge.sent_index)].append(edge)
    found: Counter[tuple[str, str, str]] = Counter()
    evidence: dict[tuple[str, str, str], str] = {}
    for sentence in by_sentence.values():
        consulting = {frozenset((e.source, e.target)) for e in sentence if e.code[:2] == "04"}
        toward: dict[str, set[str]] = defaultdict(set)
        for e in sentence:
            if e.code[:2] in BROKERING_ROOTS or e.code in MEDIATION_CODES:
                toward[e.source].add(e.target)
        for broker, partners in toward.items():
            for pair in consulting:
                if broker in pair or not pair <= partners:
                    continue
                a, b = sorted(pair)
                found[(broker, a, b)] += 1
                evidence.setdefault((broker, a, b), sentence[0].evidence)
    ranked = sorted(found.items(), key=lambda kv: (-kv[1], kv[0]))
    return [Brokerage(m, a, b, n, evidence[(m, a, b)]) for (m, a, b), n in ranked]


def edge_counts(edges: Iterable[Edge]) -> list[tuple[str, str, bool, int]]:
    """(source, target, cooperation?, events) of each directed edge and kind."""
    counts: Counter[tuple[str, str, bool]] = Counter(
        (e.source, e.target, e.quad_class <= 2) for e in edges
    )
    return [(s, t, coop, n) for (s, t, coop), n in counts.items()]


def centrality(counts: Iterable[tuple[str, str, bool, int]]) -> list[dict[str, Any]]:
    """Per actor: events, partners, and betweenness on the cooperation and the conflict networks,
    from the events of each directed edge and kind (`edge_counts`, or counted by the store);
    most events first."""
    import networkx as nx

    graphs = {True: nx.Graph(), False: nx.Graph()}
    events: Counter[str] = Counter()
    for source, target, cooperation, n in counts:
        graph = graphs[cooperation]
        weight = graph.get_edge_data(source, target, {"weight": 0})["weight"]
        graph.add_edge(source, target, weight=weight + n)
        events[source] += n
        events[target] += n
    between = {k: nx.betweenness_centrality(g) for k, g in graphs.items()}
    rows = []
    for actor, n in sorted(events.items(), key=lambda kv: (-kv[1], kv[0])):
        partners = set()
        for g in graphs.values():
            if actor in g:
                partners |= set(g.neighbors(actor))
        rows.append(
            {
                "actor": actor,
                "events": n,
                "partners": len(partners),
                "cooperation_betweenness": round(between[True].get(actor, 0.0), 4),
                "conflict_betweenness": round(between[False].get(actor, 0.0), 4),
            }
        )
    return rows
