from __future__ import annotations

import pytest

from detente.analysis.network import Edge, brokers, centrality, edge_counts
from detente.analysis.profile import differences, profile, similarity


def edge(source: str, target: str, code: str, quad: int, sent: int = 0, doc: str = "d") -> Edge:
    return Edge(doc, sent, source, target, code, quad, "evidence")


def test_network_host_of_talks_is_a_broker() -> None:
    sentence = [
        edge("BLR", "RUS", "036", 1),
        edge("BLR", "UKR", "036", 1),
        edge("RUS", "UKR", "046", 1),
        edge("UKR", "RUS", "046", 1),
    ]
    (found,) = brokers(sentence)
    assert (found.broker, found.party_a, found.party_b, found.times) == ("BLR", "RUS", "UKR", 1)


def test_network_no_broker_across_sentences() -> None:
    assert (
        brokers(
            [
                edge("BLR", "RUS", "036", 1, 0),
                edge("BLR", "UKR", "036", 1, 0),
                edge("RUS", "UKR", "046", 1, 1),
            ]
        )
        == []
    )


def test_network_centrality_of_a_bridge() -> None:
    rows = {
        r["actor"]: r
        for r in centrality(
            edge_counts(
                [edge("A", "B", "040", 1), edge("B", "C", "040", 1), edge("C", "D", "190", 4)]
            )
        )
    }
    assert rows["B"]["cooperation_betweenness"] == pytest.approx(1.0)
    assert rows["A"]["cooperation_betweenness"] == 0.0
    assert rows["C"]["partners"] == 2


def test_profile_similarity_and_differences() -> None:
    belarus = profile(
        "BLR",
        [
            ("BLR", "RUS", "04", 1.0),
            ("BLR", "MMR", "04", 1.0),
            ("BLR", "EU", "11", -2.0),
            ("RUS", "BLR", "19", -10.0),
        ],
    )
    myanmar = profile(
        "MMR", [("MMR", "BLR", "04", 1.0), ("MMR", "CHN", "04", 1.0), ("MMR", "USA", "11", -2.0)]
    )
    assert belarus.roots == {"04": 0.6667, "11": 0.3333}
    assert belarus.partners == {"RUS": 2, "MMR": 1, "EU": 1}
    assert belarus.goldstein_mean == 0.0
    assert similarity(belarus, myanmar) == pytest.approx(1.0)
    other = profile("UKR", [("UKR", "RUS", "19", -10.0)])
    assert similarity(belarus, other) == 0.0
    assert differences(belarus, other)[0] == ("19", 0.0, 1.0)
