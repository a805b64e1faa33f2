from __future__ import annotations

import datetime as dt

import pytest

from detente.analysis.merge import MERGE_WINDOW_DAYS, Report, merge_reports, summary


def report(
    doc: str,
    day: str | None,
    code: str = "057",
    evidence: str = "Russia and Belarus signed a treaty in Minsk",
    precision: str = "day",
) -> Report:
    start = dt.date.fromisoformat(day) if day else None
    return Report(
        doc,
        f"e-{doc}-{day}-{code}",
        "RUS",
        "BLR",
        code[:2],
        code,
        day,
        start,
        precision if day else None,
        evidence,
        "2020-05-05",
    )


def test_merge_same_event_in_three_documents() -> None:
    groups = merge_reports(
        [report("a", "2020-05-03"), report("b", "2020-05-04"), report("c", "2020-05-05")]
    )
    (group,) = groups
    row = summary(group)
    assert (row["n_docs"], row["n_reports"], row["doc_ids"]) == (3, 3, ["a", "b", "c"])


def test_merge_window_and_same_document() -> None:
    far = (dt.date(2020, 5, 3) + dt.timedelta(days=MERGE_WINDOW_DAYS + 1)).isoformat()
    assert len(merge_reports([report("a", "2020-05-03"), report("b", far)])) == 2
    assert (
        len(merge_reports([report("a", "2020-05-03"), report("a", "2020-05-04", code="050")])) == 2
    )


@pytest.mark.parametrize(
    ("evidence", "groups"),
    [
        ("Russia and Belarus signed a defence treaty in Minsk on Sunday", 1),
        ("Moscow praised Minsk loudly", 2),
    ],
)
def test_merge_needs_close_evidence_when_codes_differ(evidence: str, groups: int) -> None:
    pair = [
        report("a", "2020-05-03", code="057"),
        report("b", "2020-05-03", code="050", evidence=evidence),
    ]
    assert len(merge_reports(pair)) == groups


def test_merge_keeps_undated_events_alone() -> None:
    groups = merge_reports([report("a", None), report("b", None), report("c", "2020-05-03")])
    assert len(groups) == 3
    assert {summary(g)["date"] for g in groups} == {None, "2020-05-03"}


def test_merge_month_precision_widens_the_window() -> None:
    month = report("b", "2020-05-01", precision="month")
    assert len(merge_reports([report("a", "2020-05-20"), month])) == 1
