"""Event dates: the time expression of the event's clause, resolved against the document's date."""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

MONTHS = {name.lower(): i for i, name in enumerate(calendar.month_name) if name}
MONTHS.update({name.lower(): i for i, name in enumerate(calendar.month_abbr) if name})
WEEKDAYS = {name.lower(): i for i, name in enumerate(calendar.day_name)}
_YEAR = re.compile(r"\b(1[89]\d\d|20\d\d)\b")
_DAY_NUM = re.compile(r"\b(\d{1,2})(?:st|nd|rd|th)?\b")


@dataclass(frozen=True, slots=True)
class EventDate:
    value: str | None  # YYYY, YYYY-MM or YYYY-MM-DD
    precision: str | None  # year | month | day
    source: str  # text | document | none


def _anchor(published: str | None) -> tuple[date | None, str | None]:
    """The document's date as a day, and its precision."""
    if not published:
        return None, None
    parts = [int(p) for p in published.split("-")]
    if len(parts) == 1:
        return date(parts[0], 12, 31), "year"
    if len(parts) == 2:
        return date(parts[0], parts[1], calendar.monthrange(parts[0], parts[1])[1]), "month"
    return date(parts[0], parts[1], parts[2]), "day"


def _precision(value: str) -> str:
    return {1: "year", 2: "month", 3: "day"}[value.count("-") + 1]


def _month_day(text: str, anchor: date | None) -> str | None:
    words = re.findall(r"[A-Za-z]+", text.lower())
    # "may" is a month only beside a number ("May 9", "in May 2025").
    month = next(
        (MONTHS[w] for w in words if w in MONTHS and (w != "may" or re.search(r"\d", text))), None
    )
    if month is None:
        return None
    year_match = _YEAR.search(text)
    if year_match:
        year = int(year_match.group(1))
    elif anchor is not None:
        year = anchor.year if month <= anchor.month else anchor.year - 1
    else:
        return None
    days = [int(d) for d in _DAY_NUM.findall(_YEAR.sub(" ", text)) if 1 <= int(d) <= 31]
    if days and days[0] <= calendar.monthrange(year, month)[1]:
        return f"{year:04d}-{month:02d}-{days[0]:02d}"
    return f"{year:04d}-{month:02d}"


def _relative(text: str, anchor: date, anchor_precision: str | None) -> str | None:
    lower = text.lower()
    if anchor_precision == "day":
        if lower in ("today", "this morning", "tonight", "this evening"):
            return anchor.isoformat()
        if lower == "yesterday":
            return (anchor - timedelta(days=1)).isoformat()
        for name, number in WEEKDAYS.items():
            if name in lower:
                back = (anchor.weekday() - number) % 7 or 7
                return (anchor - timedelta(days=back)).isoformat()
    if "last month" in lower:
        first = anchor.replace(day=1) - timedelta(days=1)
        return f"{first.year:04d}-{first.month:02d}"
    if "last year" in lower:
        return f"{anchor.year - 1:04d}"
    if "this year" in lower:
        return f"{anchor.year:04d}"
    if "this month" in lower:
        return f"{anchor.year:04d}-{anchor.month:02d}"
    return None


def resolve_expression(text: str, published: str | None) -> str | None:
    """A date for a time expression ("on 3 April", "in 2006", "Tuesday", "last month"), or None."""
    anchor, precision = _anchor(published)
    if re.search(r"\b(decade|century|centuries|\d0s|years|ago)\b", text.lower()):
        return None
    found = _month_day(text, anchor)
    if found:
        return found
    if anchor is not None:
        found = _relative(text, anchor, precision)
        if found:
            return found
    years = _YEAR.findall(text)
    return years[0] if len(years) == 1 else None


def _document_date(published: str | None) -> EventDate:
    """An event the text does not date happened around the article: its month, not its day
    (reports often tell of acts days or weeks earlier)."""
    if not published:
        return EventDate(None, None, "none")
    value = published[:7]
    return EventDate(value, _precision(value), "document")


def event_date(trigger: Any, published: str | None) -> EventDate:
    """The date of the DATE expression governed by the trigger's clause, else the document's."""
    sent = trigger.sent
    candidates = [ent for ent in sent.ents if ent.label_ == "DATE"]
    governed = [
        ent for ent in candidates if trigger in ent.root.ancestors or ent.root.head == trigger
    ]
    pool = governed or (candidates if len(candidates) == 1 else [])
    for ent in sorted(pool, key=lambda e: abs(e.root.i - trigger.i)):
        value = resolve_expression(ent.text, published)
        if value:
            return EventDate(value, _precision(value), "text")
    return _document_date(published)
