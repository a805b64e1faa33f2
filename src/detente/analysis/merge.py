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
MAX_SLACK = dt.timedelta(days=MERGE_WINDOW_DAYS + max(_PRECISION_DAYS.values()))


def order(report: Report) -> tuple[bool, dt.date, str, str]:
    """The order the greedy merge takes a key's reports in: by date (undated last), then ids."""
    return (
        report.date_start is None,
        report.date_start or dt.date.min,
        report.doc_id,
        report.event_id,
    )


@dataclass(slots=True)
class Cluster:
    """A merged event while it forms: its first report (the seed), its reports, their documents."""

    seed: Report
    members: list[Report]
    docs: set[str]

    @property
    def merged_id(self) -> str:
        return merged_id(self.seed)

    def add(self, report: Report) -> None:
        self.members.append(report)
        self.docs.add(report.doc_id)


class Greedy:
    """The greedy merge of one key's dated reports, fed in `order`: each report joins the first
    open cluster whose seed is close in time and similar and that holds no report of its
    document, else starts one. A cluster whose seed is more than MAX_SLACK older than the report
    at hand can take no report any more: it is closed."""

    def __init__(self, open_clusters: Iterable[Cluster] = ()) -> None:
        self.open: deque[Cluster] = deque(open_clusters)

    def close_before(self, day: dt.date) -> None:
        while self.open and day - (self.open[0].seed.date_start or day) > MAX_SLACK:
            self.open.popleft()

    def place(self, report: Report) -> Cluster:
        self.close_before(_day(report))
        home = next(
            (
                c
                for c in self.open
                if report.doc_id not in c.docs
                and close_in_time(report, c.seed)
                and similar(report, c.seed)
            ),
            None,
        )
        if home is None:
            home = Cluster(report, [], set())
            self.open.append(home)
        home.add(report)
        return home

    def follow(self, report: Report, merged: str) -> None:
        """Replay a report whose merged event is known (a merge done before)."""
        self.close_before(_day(report))
        if merged_id(report) == merged:
            self.open.append(Cluster(report, [report], {report.doc_id}))
            return
        for cluster in self.open:
            if cluster.merged_id == merged:
                cluster.add(report)
                return

    def state(self, day: dt.date) -> list[tuple[object, ...]]:
        """The open clusters when the next report is of `day`: what the rest depends on (each
        seed whole: a report rewritten under the same id may have a new date, code or text)."""
        self.close_before(day)
        return [
            (
                c.merged_id,
                c.seed.date_start,
                c.seed.date_precision,
                c.seed.code,
                c.seed.evidence,
                frozenset(c.docs),
            )
            for c in self.open
        ]


def _day(report: Report) -> dt.date:
    if report.date_start is None:
        raise ValueError(f"{report.event_id}: an undated report stays alone")
    return report.date_start


def merge_reports(reports: Iterable[Report]) -> list[Merged]:
    """Group reports into merged events: by source, target and root, then greedily in `order`
    (see Greedy); undated reports stay alone."""
    groups: dict[tuple[str, str | None, str], list[Report]] = defaultdict(list)
    for report in reports:
        groups[(report.source, report.target, report.root)].append(report)
    merged: list[Merged] = []
    for members in groups.values():
        clusters: list[Cluster] = []
        greedy = Greedy()
        for report in sorted(members, key=order):
            if report.date_start is None:
                clusters.append(Cluster(report, [report], {report.doc_id}))
                continue
            cluster = greedy.place(report)
            if len(cluster.members) == 1:
                clusters.append(cluster)
        merged += [Merged(c.merged_id, tuple(c.members)) for c in clusters]
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
