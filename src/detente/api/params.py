"""The REST API's and the dashboard's request parameters: patterns, checked filters, settings.

Both faces import them from here, below both (the API and the pages never import each other's
request types).
"""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, HTTPException, Query, Request

from detente.config import Settings
from detente.errors import ValidationError
from detente.library import EventFilter, Store
from detente.validation import partial_date

CODE = r"^[A-Za-z][A-Za-z0-9]{1,15}$"
CODES = r"^[A-Za-z][A-Za-z0-9]{1,15}(,[A-Za-z][A-Za-z0-9]{1,15})*$"
PARTIAL_DATE = r"^\d{4}(-\d{2}(-\d{2})?)?$"
ROOT = r"^(0?[1-9]|1[0-9]|20)$"
PROBABILITY = r"^(0?\.\d+|0|1|0\.|1\.0*)$"
PERIOD = r"^(day|week|month|year)$"
MAX_PAGE = 1000


def _or_empty(pattern: str) -> str:
    """A filter left empty in a form is sent as `name=`: it means no filter."""
    return f"^(?:{pattern.strip('^$')})?$"


Code = Annotated[
    str | None, Query(pattern=_or_empty(CODE), description="An actor code, e.g. BLR, NATO.")
]
PartialDate = Annotated[
    str | None, Query(pattern=_or_empty(PARTIAL_DATE), description="YYYY[-MM[-DD]]")
]
Limit = Annotated[int, Query(ge=1, le=MAX_PAGE, description="Rows per page.")]
Offset = Annotated[int, Query(ge=0, le=100_000_000, description="Rows to skip.")]
After = Annotated[
    str | None,
    Query(
        pattern=_or_empty(r"^k[0-9a-f]{1,16}$"),
        description="The cursor of a page (`next` of the page before it): faster than an offset "
        "deep in the list.",
    ),
]


def calendar_date(name: str, value: str | None) -> str | None:
    """A partial date that is also a real day of the calendar, else a 422."""
    try:
        return partial_date(value, name)
    except ValidationError as e:
        raise HTTPException(422, e.message) from e


def upper(value: str | None) -> str | None:
    return value.upper() if value else None


def event_filter(
    actor: Code = None,
    source: Code = None,
    target: Code = None,
    root: Annotated[
        str | None, Query(pattern=_or_empty(ROOT), description="CAMEO root, 01-20.")
    ] = None,
    since: PartialDate = None,
    until: PartialDate = None,
    q: Annotated[
        str | None, Query(max_length=200, description='Words or "phrases" in the evidence.')
    ] = None,
    doc_id: Annotated[str | None, Query(max_length=200)] = None,
    min_confidence: Annotated[
        str | None,
        Query(
            pattern=_or_empty(PROBABILITY),
            description="Only events at least this confident: a number from 0 to 1.",
        ),
    ] = None,
) -> EventFilter:
    """The filters of `detente events`, checked."""
    return EventFilter(
        actor=actor,  # EventFilter upper-cases codes (and "" from a form is no filter)
        source=source,
        target=target,
        root=root.zfill(2) if root else None,
        since=calendar_date("since", since),
        until=calendar_date("until", until),
        doc_id=doc_id,
        q=q.strip() or None if q else None,
        min_confidence=float(min_confidence) if min_confidence else None,
    )


Filters = Annotated[EventFilter, Depends(event_filter)]


def settings_of(request: Request) -> Settings:
    """The settings, after making sure the app's keeper holds the store (fast opens)."""
    request.app.state.keeper.hold()
    settings: Settings = request.app.state.settings
    return settings


AppSettings = Annotated[Settings, Depends(settings_of)]


def store_of(request: Request) -> Store:
    """The handle every endpoint and page reads through (the one `detente.open` returns)."""
    return Store(settings_of(request))


AppStore = Annotated[Store, Depends(store_of)]
