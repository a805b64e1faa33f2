"""The multi-vector index: how a state's cooperation and conflict divide between two poles.

For a state S and poles A (default Russia) and B (default the West: USA, EU, NATO, WST, the EU's
members), count, per period, the events between S and each pole in either direction:

    toward B = cooperative events with B (quad class 1-2) + conflictual events with A (3-4)
    toward A = cooperative events with A + conflictual events with B

    index = (toward B - toward A) / (toward B + toward A)            in [-1, +1]

+1: every event leans toward B (the West); -1: every event leans toward A (Russia); 0: balanced.
The band is the 90 % Wilson score interval of the share p = toward B / n, mapped to the index as
2p - 1: wide when events are few, narrow when many; with no events the index is undefined.

Worked example: Belarus in a year with 3 cooperative events with Russia, 1 conflict with Russia and
2 cooperative events with the EU: toward B = 2 + 1 = 3, toward A = 3, index = 0.00, n = 6, band
about [-0.56, +0.56].
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

EU_MEMBERS = [
    "AUT",
    "BEL",
    "BGR",
    "HRV",
    "CYP",
    "CZE",
    "DNK",
    "EST",
    "FIN",
    "FRA",
    "DEU",
    "GRC",
    "HUN",
    "IRL",
    "ITA",
    "LVA",
    "LTU",
    "LUX",
    "MLT",
    "NLD",
    "POL",
    "PRT",
    "ROU",
    "SVK",
    "SVN",
    "ESP",
    "SWE",
]
WEST = ("USA", "EU", "NATO", "WST", "GBR", "CAN", *EU_MEMBERS)
RUSSIA = ("RUS",)
# z for a two-sided 90 % interval.
Z_90 = 1.6449


@dataclass(frozen=True, slots=True)
class Leaning:
    """One period of the index."""

    period: str
    toward_a: int
    toward_b: int
    index: float | None
    low: float | None
    high: float | None

    @property
    def events(self) -> int:
        return self.toward_a + self.toward_b


@dataclass(frozen=True, slots=True)
class PoleEvent:
    """What the index needs of an event: its period, its counterpart and its quad class."""

    period: str
    counterpart: str
    quad_class: int


def wilson(successes: int, n: int, z: float = Z_90) -> tuple[float, float]:
    """The Wilson score interval of a binomial share."""
    if n == 0:
        return 0.0, 1.0
    p = successes / n
    centre = (p + z * z / (2 * n)) / (1 + z * z / n)
    half = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / (1 + z * z / n)
    return max(0.0, centre - half), min(1.0, centre + half)


def leaning(period: str, toward_a: int, toward_b: int) -> Leaning:
    n = toward_a + toward_b
    if n == 0:
        return Leaning(period, 0, 0, None, None, None)
    low, high = wilson(toward_b, n)
    return Leaning(
        period,
        toward_a,
        toward_b,
        round((toward_b - toward_a) / n, 4),
        round(2 * low - 1, 4),
        round(2 * high - 1, 4),
    )


def multivector_index(
    events: Iterable[PoleEvent], *, pole_a: Sequence[str] = RUSSIA, pole_b: Sequence[str] = WEST
) -> list[Leaning]:
    """The index per period, in period order; events with neither pole are ignored."""
    counts: dict[str, list[int]] = {}
    for event in events:
        in_a, in_b = event.counterpart in pole_a, event.counterpart in pole_b
        if not (in_a or in_b):
            continue
        cooperative = event.quad_class <= 2
        toward_b = (in_b and cooperative) or (in_a and not cooperative)
        pair = counts.setdefault(event.period, [0, 0])
        pair[1 if toward_b else 0] += 1
    return [leaning(period, a, b) for period, (a, b) in sorted(counts.items())]
