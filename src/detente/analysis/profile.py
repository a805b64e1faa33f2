"""Foreign-policy profiles: which roots a state uses, toward whom, how balanced, and how alike two
states' profiles are (cosine similarity of their shares of events by root, as source)."""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Profile:
    state: str
    roots: dict[str, float]  # share of the state's events (as source) by CAMEO root
    partners: dict[str, int]  # events with each counterpart, either direction
    goldstein_mean: float | None
    events: int


def profile(state: str, rows: Iterable[tuple[str, str | None, str, float]]) -> Profile:
    """rows: (source, target, root, goldstein) of events involving the state."""
    roots: Counter[str] = Counter()
    partners: Counter[str] = Counter()
    goldstein: list[float] = []
    for source, target, root, value in rows:
        other = target if source == state else source
        if other and other != state:
            partners[other] += 1
        if source == state:
            roots[root] += 1
            goldstein.append(value)
    total = sum(roots.values())
    shares = {r: round(n / total, 4) for r, n in sorted(roots.items())} if total else {}
    mean = round(sum(goldstein) / len(goldstein), 2) if goldstein else None
    return Profile(state, shares, dict(partners.most_common()), mean, total)


def similarity(a: Profile, b: Profile) -> float | None:
    """Cosine similarity of the two root profiles, 0 (nothing alike) to 1 (the same mix)."""
    keys = set(a.roots) | set(b.roots)
    dot = sum(a.roots.get(k, 0) * b.roots.get(k, 0) for k in keys)
    norm = math.sqrt(sum(v * v for v in a.roots.values())) * math.sqrt(
        sum(v * v for v in b.roots.values())
    )
    return round(dot / norm, 4) if norm else None


def differences(a: Profile, b: Profile) -> list[tuple[str, float, float]]:
    """(root, share in a, share in b), the largest differences first."""
    keys = set(a.roots) | set(b.roots)
    rows = [(k, a.roots.get(k, 0.0), b.roots.get(k, 0.0)) for k in keys]
    return sorted(rows, key=lambda r: -abs(r[1] - r[2]))
