from __future__ import annotations

import datetime as dt
from dataclasses import replace

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

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


def naive_merge(reports: list[Report]) -> list[tuple[str, ...]]:
    """The greedy merge written plainly: every earlier cluster is tried, however old."""
    from detente.analysis.merge import close_in_time, similar

    out = []
    keys = {(r.source, r.target, r.root) for r in reports}
    for key in sorted(keys, key=str):
        members = [r for r in reports if (r.source, r.target, r.root) == key]
        members.sort(
            key=lambda r: (r.date_start is None, r.date_start or dt.date.min, r.doc_id, r.event_id)
        )
        clusters: list[list[Report]] = []
        for r in members:
            home = next(
                (
                    c
                    for c in clusters
                    if r.doc_id not in {x.doc_id for x in c}
                    and close_in_time(r, c[0])
                    and similar(r, c[0])
                ),
                None,
            )
            if home is None:
                clusters.append([r])
            else:
                home.append(r)
        out += [tuple(x.event_id for x in c) for c in clusters]
    return sorted(out)


@settings(max_examples=200, deadline=None)
@given(
    st.lists(
        st.tuples(
            st.sampled_from("abcdef"),
            st.one_of(st.none(), st.integers(0, 900)),
            st.sampled_from(["day", "month", "year"]),
            st.sampled_from(["057", "050", "190"]),
        ),
        max_size=40,
    )
)
def test_merge_keeps_only_clusters_that_can_still_grow_and_loses_nothing(
    specs: list[tuple[str, int | None, str, str]],
) -> None:
    reports = []
    for n, (doc, day, precision, code) in enumerate(specs):
        date = None if day is None else (dt.date(2020, 1, 1) + dt.timedelta(days=day)).isoformat()
        r = report(doc, date, code=code, precision=precision)
        reports.append(replace(r, event_id=f"e{n}", root="05" if code != "190" else "19"))
    fast = sorted(tuple(r.event_id for r in g.reports) for g in merge_reports(reports))
    assert fast == naive_merge(reports)
