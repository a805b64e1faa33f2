from __future__ import annotations

import pytest

from detente.events.dates import resolve_expression


@pytest.mark.parametrize(
    ("text", "published", "expected"),
    [
        ("3 April", "2016-04", "2016-04-03"),
        ("on 3 April", "2016-04-10", "2016-04-03"),
        ("in 2006", "2025-11", "2006"),
        ("March", "2025-11", "2025-03"),
        ("December", "2025-11", "2024-12"),
        ("5-9 July", "2017-07", "2017-07-05"),
        ("Tuesday", "2025-11-26", "2025-11-25"),
        ("yesterday", "2025-11-26", "2025-11-25"),
        ("last month", "2025-11-26", "2025-10"),
        ("May 9, 2025", None, "2025-05-09"),
        ("the 2000s", "2025-11", None),
        ("two years", "2025-11", None),
        ("Tuesday", "2025-11", None),
        ("may", "2025-11", None),
    ],
)
def test_dates_resolve_expression(text: str, published: str | None, expected: str | None) -> None:
    assert resolve_expression(text, published) == expected
