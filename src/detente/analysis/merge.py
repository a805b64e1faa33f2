"""Cross-document merging: reports of one real event in several documents become one event.

Two per-document events are the same real event when they have the same source, target and root,
their dates lie within MERGE_WINDOW_DAYS of each other (a month- or year-precise date stands for
its first day and widens the window by its length), and their evidence sentences share at least
MIN_EVIDENCE_OVERLAP of their content words (Jaccard) or the same CAMEO code. Events in one
document are never merged here (coding already merged them), and undated events stay alone.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from collections import Counter, defaultdict, deque
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

# Reports of one event usually appear within days; tuned on hand-written fixtures, not gold.
MERGE_WINDOW_DAYS = 7
MIN_EVIDENCE_OVERLAP = 0.2
_WORD = re.compile(r"[A-Za-z]{4,}")
_PRECISION_DAYS = {"day": 0, "month": 30, "year": 365}


@dataclass(frozen=True, slots=True)
class Report:
    doc_id: str
    event_id: str
    source: str
    target: str | None
    root: str
    code: str
    date: str | None
    date_start: dt.date | None
    date_precision: str | None
    evidence: str
    published: str | None


@dataclass(frozen=True, slots=True)
class Merged:
    merged_id: str
    reports: tuple[Report, ...]

    @property
    def doc_ids(self) -> list[str]:
        return sorted({r.doc_id for r in self.reports})


def _words(text: str) -> set[str]:
    return {w.lower() for w in _WORD.findall(text)}


def similar(a: Report, b: Report) -> bool:
    if a.code == b.code:
        return True
    wa, wb = _words(a.evidence), _words(b.evidence)
    return bool(wa and wb) and len(wa & wb) / len(wa | wb) >= MIN_EVIDENCE_OVERLAP


def close_in_time(a: Report, b: Report) -> bool:
    if a.date_start is None or b.date_start is None:
        return False
    slack = MERGE_WINDOW_DAYS + max(
        _PRECISION_DAYS.get(a.date_precision or "day", 0),
        _PRECISION_DAYS.get(b.date_precision or "day", 0),
    )
    return abs(a.date_start - b.date_start) <= dt.timedelta(days=slack)


def merged_id(first: Report) -> str:
    return hashlib.sha256(f"{first.doc_id}|{first.event_id}".encode()).hexdigest()[:16]


# No report is close in time to one more than this many days before it (see close_in_time).
_MAX_SLACK = dt.timedelta(days=MERGE_WINDOW_DAYS + max(_PRECISION_DAYS.values()))


def merge_reports(reports: Iterable[Report]) -> list[Merged]:
    """Group reports into merged events (greedy, in date order within each source-target-root):
    each report joins the first earlier cluster whose first report is close in time and similar,
    and holds no report of its document; else it starts a cluster."""
    groups: dict[tuple[str, str | None, str], list[Report]] = defaultdict(list)
    for report in reports:
        groups[(report.source, report.target, report.root)].append(report)
    merged: list[Merged] = []
    for members in groups.values():
        ordered = sorted(
            members,
            key=lambda r: (r.date_start is None, r.date_start or dt.date.min, r.doc_id, r.event_id),
        )
        clusters: list[list[Report]] = []
        # The clusters a report may still join, in creation order, with their documents: one
        # whose first report is more than _MAX_SLACK older than the report is closed for good.
        open_clusters: deque[tuple[list[Report], set[str]]] = deque()
        for report in ordered:
            if report.date_start is None:  # undated reports stay alone
                clusters.append([report])
                continue
            while open_clusters and (
                report.date_start - (open_clusters[0][0][0].date_start or report.date_start)
                > _MAX_SLACK
            ):
                open_clusters.popleft()
            home = next(
                (
                    (c, docs)
                    for c, docs in open_clusters
                    if report.doc_id not in docs
                    and close_in_time(report, c[0])
                    and similar(report, c[0])
                ),
                None,
            )
            if home is None:
                clusters.append([report])
                open_clusters.append((clusters[-1], {report.doc_id}))
            else:
                home[0].append(report)
                home[1].add(report.doc_id)
        merged += [Merged(merged_id(c[0]), tuple(c)) for c in clusters]
    return merged


def summary(group: Merged) -> dict[str, object]:
    """The merged event's row: most frequent code, most precise date, documents and reports."""
    reports: Sequence[Report] = group.reports
    code = Counter(r.code for r in reports).most_common(1)[0][0]
    dated = [r for r in reports if r.date]
    best = max(dated, key=lambda r: len(r.date or "")) if dated else None
    published = sorted(r.published for r in reports if r.published)
    first = reports[0]
    return {
        "merged_id": group.merged_id,
        "source": first.source,
        "target": first.target,
        "root": first.root,
        "code": code,
        "date": best.date if best else None,
        "n_docs": len(group.doc_ids),
        "n_reports": len(reports),
        "doc_ids": group.doc_ids,
        "first_report": published[0] if published else None,
        "last_report": published[-1] if published else None,
        "evidence": first.evidence,
    }
