from __future__ import annotations

import pytest

from detente.evaluation.score import Report, Scored, score_document

IGO = frozenset({"UN", "NATO", "IGO"})


def ev(
    source: str,
    target: str | None,
    code: str | None = None,
    plover: str | None = None,
    **kw: str | None,
) -> Scored:
    return Scored(source, target, code, plover, **kw)  # type: ignore[arg-type]


def score(gold: list[Scored], coded: list[Scored], *, plover: bool = False) -> dict[str, object]:
    report = Report(plover_file=plover)
    score_document(report, "d", gold, coded, IGO, lambda e: e.evidence)
    return report.as_dict()


def test_score_bag_matching_one_to_one() -> None:
    gold = [ev("USA", "BLR", "042"), ev("BLR", "USA", "043"), ev("RUS", "UKR", "190")]
    coded = [ev("USA", "BLR", "040"), ev("USA", "BLR", "040"), ev("RUS", "UKR", "111")]
    result = score(gold, coded)
    assert result["root"] == {
        "p": 0.3333,
        "r": 0.3333,
        "f1": 0.3333,
        "match": 1,
        "coded": 3,
        "gold": 3,
    }
    assert result["code3"]["match"] == 0  # type: ignore[index]
    assert result["dyad"]["match"] == 2  # type: ignore[index]


def test_score_igo_matches_any_organisation() -> None:
    result = score([ev("IGO", "IRQ", "020")], [ev("UN", "IRQ", "022")])
    assert result["root"]["match"] == 1  # type: ignore[index]


def test_score_targetless_kept_apart() -> None:
    gold = [ev("BLR", None, "141"), ev("BLR", "RUS", "111")]
    coded = [ev("BLR", None, "143"), ev("BLR", "RUS", "111")]
    result = score(gold, coded)
    assert result["root"] == {"p": 1.0, "r": 1.0, "f1": 1.0, "match": 1, "coded": 1, "gold": 1}
    assert result["targetless"]["match"] == 1  # type: ignore[index]


def test_score_plover_file_scores_types() -> None:
    result = score(
        [ev("USA", "JOR", plover="AGREE")], [ev("USA", "JOR", "057", "SUPPORT")], plover=True
    )
    assert result["root"] is None
    assert result["type"]["match"] == 0  # type: ignore[index]
    assert result["dyad"]["match"] == 1  # type: ignore[index]


@pytest.mark.parametrize(("coded_sector", "match"), [("MIL", 1), ("GOV", 0), (None, 0)])
def test_score_sectors_on_matched_events(coded_sector: str | None, match: int) -> None:
    gold = [ev("USA", "BLR", "042", source_sector="MIL")]
    coded = [ev("USA", "BLR", "040", source_sector=coded_sector)]
    assert score(gold, coded)["sectors"]["match"] == match  # type: ignore[index]


def test_score_agrees_with_an_independent_count() -> None:
    """The invariant of DESIGN.md: the scorer and a plain multiset count agree."""
    from collections import Counter

    gold = [ev("A", "B", "010"), ev("A", "B", "011"), ev("B", "A", "190"), ev("C", "D", "057")]
    coded = [ev("A", "B", "012"), ev("B", "A", "195"), ev("B", "A", "190"), ev("D", "C", "057")]
    expected = sum(
        (
            Counter((e.source, e.target, e.code[:2]) for e in gold)  # type: ignore[index]
            & Counter((e.source, e.target, e.code[:2]) for e in coded)
        ).values()
    )  # type: ignore[index]
    assert score(gold, coded)["root"]["match"] == expected == 2  # type: ignore[index]
