"""Charts as inline SVG, drawn on the server: no script, no external asset, text escaped.

Each function takes plain rows (as the REST API returns them) and gives one <svg> element.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from html import escape
from typing import Any

QUADS = (
    ("verbal_cooperation", "verbal cooperation", "#6baed6"),
    ("material_cooperation", "material cooperation", "#2171b5"),
    ("verbal_conflict", "verbal conflict", "#fc9272"),
    ("material_conflict", "material conflict", "#cb181d"),
)


def _svg(width: int, height: int, label: str, body: list[str]) -> str:
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" '
        f'role="img" aria-label="{escape(label)}" class="chart">' + "".join(body) + "</svg>"
    )


def _legend(x: float, y: float, items: Sequence[tuple[str, str]]) -> list[str]:
    out = []
    for i, (name, colour) in enumerate(items):
        left = x + i * 150
        out.append(f'<rect x="{left}" y="{y - 9}" width="10" height="10" fill="{colour}"/>')
        out.append(f'<text x="{left + 14}" y="{y}" class="small">{escape(name)}</text>')
    return out


def timeline(rows: Sequence[dict[str, Any]], *, width: int = 860, height: int = 240) -> str:
    """Events per period as bars stacked by quad class; one bar per row, in the rows' order."""
    if not rows:
        return _svg(width, 40, "no events", ['<text x="4" y="24">No events.</text>'])
    left, bottom, top = 36, 40, 24
    plot_h = height - bottom - top
    peak = max(int(r["events"]) for r in rows) or 1
    step = (width - left - 8) / len(rows)
    bar = max(1.0, step * 0.8)
    body = [
        f'<line x1="{left}" y1="{top + plot_h}" x2="{width - 4}" y2="{top + plot_h}" class="axis"/>',
        f'<text x="{left - 4}" y="{top + 4}" text-anchor="end" class="small">{peak}</text>',
        f'<text x="{left - 4}" y="{top + plot_h}" text-anchor="end" class="small">0</text>',
    ]
    label_every = max(1, math.ceil(len(rows) / 14))
    for i, row in enumerate(rows):
        x = left + i * step + (step - bar) / 2
        y = float(top + plot_h)
        for key, name, colour in QUADS:
            n = int(row.get(key) or 0)
            if not n:
                continue
            h = plot_h * n / peak
            y -= h
            body.append(
                f'<rect x="{x:.1f}" y="{y:.1f}" width="{bar:.1f}" height="{h:.1f}" fill="{colour}">'
                f"<title>{escape(str(row['period']))}: {n} {name}</title></rect>"
            )
        if i % label_every == 0:
            body.append(
                f'<text x="{x + bar / 2:.1f}" y="{top + plot_h + 14}" text-anchor="middle" '
                f'class="small">{escape(str(row["period"]))}</text>'
            )
    body += _legend(left, height - 6, [(name, colour) for _, name, colour in QUADS])
    return _svg(width, height, "events per period by quad class", body)


def leaning(
    rows: Sequence[dict[str, Any]],
    *,
    pole_a: str = "Russia",
    pole_b: str = "the West",
    width: int = 860,
    height: int = 240,
) -> str:
    """The multi-vector index per period: a dot at the index and a bar over its 90 % band, on a
    scale from -1 (all toward `pole_a`) to +1 (all toward `pole_b`)."""
    rows = [r for r in rows if r.get("index") is not None]
    if not rows:
        return _svg(
            width, 40, "no index", ['<text x="4" y="24">No events with either pole.</text>']
        )
    left, top, bottom = 110, 16, 30
    plot_h = height - top - bottom
    step = (width - left - 8) / len(rows)

    def y(value: float) -> float:
        return top + plot_h * (1 - (value + 1) / 2)

    body = [
        f'<line x1="{left}" y1="{y(0):.1f}" x2="{width - 4}" y2="{y(0):.1f}" class="axis"/>',
        f'<text x="{left - 6}" y="{y(1) + 4:.1f}" text-anchor="end" class="small">toward {escape(pole_b)}</text>',
        f'<text x="{left - 6}" y="{y(-1):.1f}" text-anchor="end" class="small">toward {escape(pole_a)}</text>',
        f'<text x="{left - 6}" y="{y(0) + 4:.1f}" text-anchor="end" class="small">balanced</text>',
    ]
    label_every = max(1, math.ceil(len(rows) / 14))
    for i, r in enumerate(rows):
        x = left + i * step + step / 2
        tip = f"{r['period']}: index {r['index']:+.2f} ({r['low']:+.2f} to {r['high']:+.2f}), {r['events']} events"
        body.append(
            f'<line x1="{x:.1f}" y1="{y(r["high"]):.1f}" x2="{x:.1f}" y2="{y(r["low"]):.1f}" class="band"/>'
        )
        body.append(
            f'<circle cx="{x:.1f}" cy="{y(r["index"]):.1f}" r="5" class="dot"><title>{escape(tip)}</title></circle>'
        )
        if i % label_every == 0:
            body.append(
                f'<text x="{x:.1f}" y="{height - 8}" text-anchor="middle" class="small">{escape(str(r["period"]))}</text>'
            )
    return _svg(width, height, "multi-vector index", body)


def ego_network(
    actor: str, partners: Sequence[dict[str, Any]], *, size: int = 420, most: int = 16
) -> str:
    """The actor in the middle, its most frequent partners around it; an edge's width grows with
    the events between them, its colour goes from red (all conflict) to blue (all cooperation).
    Each partner links to its own page."""
    shown = list(partners[:most])
    if not shown:
        return _svg(size, 40, "no partners", ['<text x="4" y="24">No partners.</text>'])
    centre, radius = size / 2, size / 2 - 48
    peak = max(int(p["events"]) for p in shown)
    body = []
    nodes = []
    for i, p in enumerate(shown):
        angle = 2 * math.pi * i / len(shown) - math.pi / 2
        x, y = centre + radius * math.cos(angle), centre + radius * math.sin(angle)
        share = int(p["cooperation"]) / max(1, int(p["events"]))
        colour = f"rgb({round(203 * (1 - share) + 33 * share)},{round(24 * (1 - share) + 113 * share)},{round(29 * (1 - share) + 181 * share)})"
        stroke = 1 + 7 * int(p["events"]) / peak
        tip = f"{actor}–{p['partner']}: {p['events']} events, {p['cooperation']} cooperative, {p['conflict']} conflictual"
        body.append(
            f'<line x1="{centre:.1f}" y1="{centre:.1f}" x2="{x:.1f}" y2="{y:.1f}" '
            f'stroke="{colour}" stroke-width="{stroke:.1f}"><title>{escape(tip)}</title></line>'
        )
        code = escape(str(p["partner"]))
        nodes.append(
            f'<a href="/actors/{code}"><circle cx="{x:.1f}" cy="{y:.1f}" r="18" class="node"/>'
            f'<text x="{x:.1f}" y="{y + 4:.1f}" text-anchor="middle" class="small">{code}</text></a>'
        )
    body += nodes
    body.append(f'<circle cx="{centre}" cy="{centre}" r="24" class="node centre"/>')
    body.append(f'<text x="{centre}" y="{centre + 5}" text-anchor="middle">{escape(actor)}</text>')
    return _svg(size, size, f"partners of {actor}", body)
