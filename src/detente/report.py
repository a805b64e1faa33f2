"""`detente report`: one self-contained HTML file about an actor (charts embedded as PNG data).

Sections: a timeline of its events by quad class, its dyad series with its main counterparts, its
multi-vector index, its network of partners, the brokers around it, its profile against another
state, and the table of its events with their evidence. Undated events are shown as undated.
"""

from __future__ import annotations

import base64
import html
import io
from collections import Counter, defaultdict
from typing import Any

from detente.errors import MissingExtraError
from detente.library import DYAD_COLUMNS, EVENT_SUMMARY_COLUMNS, UNDATED, ReportData, Store

QUADS = ("verbal cooperation", "material cooperation", "verbal conflict", "material conflict")
QUAD_COLOURS = ("#8fc98f", "#2e8b57", "#f4a582", "#b2182b")
# Counterparts drawn in the dyad chart.
TOP_PARTNERS = 6


def _pyplot() -> Any:
    try:
        import matplotlib
    except ImportError as e:
        raise MissingExtraError("reports need matplotlib: pip install 'detente[report]'") from e
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    return plt


def _png(fig: Any) -> str:
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", dpi=110, bbox_inches="tight")
    _pyplot().close(fig)
    return base64.b64encode(buffer.getvalue()).decode("ascii")


def _period_key(period: str) -> tuple[int, str]:
    return (1, period) if period == UNDATED else (0, period)


def chart_timeline(data: ReportData) -> Any:
    plt = _pyplot()
    counts: dict[str, Counter[int]] = defaultdict(Counter)
    for e in data.events:
        counts[str(e["date"])[:4] if e["date"] else UNDATED][int(e["quad_class"])] += 1
    periods = sorted(counts, key=_period_key)
    fig, ax = plt.subplots(figsize=(7, 3))
    bottom = [0] * len(periods)
    for quad, (label, colour) in enumerate(zip(QUADS, QUAD_COLOURS, strict=True), start=1):
        values = [counts[p][quad] for p in periods]
        ax.bar(periods, values, bottom=bottom, label=label, color=colour)
        bottom = [b + v for b, v in zip(bottom, values, strict=True)]
    ax.set_title(f"{data.actor}: events by year and quad class")
    ax.set_ylabel("events")
    ax.legend(fontsize=7, ncol=2)
    return fig


def chart_dyads(data: ReportData) -> Any:
    plt = _pyplot()
    by_partner: dict[str, dict[str, float]] = defaultdict(lambda: defaultdict(float))
    totals: Counter[str] = Counter()
    for row in data.dyads:
        partner = row["target"] if row["source"] == data.actor else row["source"]
        by_partner[partner][row["period"]] += float(row["goldstein_sum"] or 0)
        totals[partner] += int(row["events"])
    periods = sorted({p for series in by_partner.values() for p in series}, key=_period_key)
    fig, ax = plt.subplots(figsize=(7, 3))
    for partner, _ in totals.most_common(TOP_PARTNERS):
        ax.plot(
            periods, [by_partner[partner].get(p, 0.0) for p in periods], marker="o", label=partner
        )
    ax.axhline(0, color="#999", linewidth=0.8)
    ax.set_title(f"{data.actor}: Goldstein sum with its main counterparts (both directions)")
    ax.legend(fontsize=7, ncol=3)
    return fig


def chart_leaning(data: ReportData) -> Any:
    plt = _pyplot()
    rows = [r for r in data.leaning if r.index is not None]
    fig, ax = plt.subplots(figsize=(7, 2.6))
    periods = [r.period for r in rows]
    ax.errorbar(
        periods,
        [r.index for r in rows],
        yerr=[[r.index - r.low for r in rows], [r.high - r.index for r in rows]],  # type: ignore[operator]
        fmt="o",
        capsize=4,
        color="#1f4e79",
    )
    ax.axhline(0, color="#999", linewidth=0.8)
    ax.set_ylim(-1.05, 1.05)
    ax.set_title(f"{data.actor}: multi-vector index (-1 Russia, +1 the West), 90 % band")
    return fig


def chart_network(data: ReportData) -> Any:
    plt = _pyplot()
    try:
        import networkx as nx
    except ImportError as missing:
        raise MissingExtraError("reports need networkx: pip install 'detente[report]'") from missing
    graph = nx.Graph()
    for edge in data.edges:
        kind = "conflict" if edge.quad_class >= 3 else "cooperation"
        old = graph.get_edge_data(edge.source, edge.target, {"cooperation": 0, "conflict": 0})
        old[kind] += 1
        graph.add_edge(edge.source, edge.target, **old)
    fig, ax = plt.subplots(figsize=(6, 4.5))
    if graph.number_of_nodes():
        layout = nx.spring_layout(graph, seed=7)
        colours = [
            "#b2182b" if d["conflict"] > d["cooperation"] else "#2e8b57"
            for *_, d in graph.edges(data=True)
        ]
        widths = [1 + d["conflict"] + d["cooperation"] for *_, d in graph.edges(data=True)]
        nx.draw_networkx(
            graph,
            layout,
            ax=ax,
            node_color=["#f2c14e" if n == data.actor else "#cfe2f3" for n in graph],
            edge_color=colours,
            width=widths,
            font_size=8,
            node_size=700,
        )
    ax.set_title(f"{data.actor} and its partners (green cooperation, red conflict)")
    ax.axis("off")
    return fig


def chart_profile(data: ReportData) -> Any:
    plt = _pyplot()
    fig, ax = plt.subplots(figsize=(7, 2.8))
    roots = sorted(set(data.profile.roots) | set(data.other.roots if data.other else {}))
    width = 0.4
    xs = range(len(roots))
    ax.bar(
        [x - width / 2 for x in xs],
        [data.profile.roots.get(r, 0) for r in roots],
        width,
        label=data.actor,
    )
    if data.other:
        ax.bar(
            [x + width / 2 for x in xs],
            [data.other.roots.get(r, 0) for r in roots],
            width,
            label=data.other.state,
        )
    ax.set_xticks(list(xs), roots)
    ax.set_xlabel("CAMEO root")
    ax.set_ylabel("share of events as source")
    ax.set_title("Event profile by root")
    ax.legend(fontsize=8)
    return fig


def _table(rows: list[dict[str, Any]], columns: list[str]) -> str:
    head = "".join(f"<th>{html.escape(c)}</th>" for c in columns)
    body = "".join(
        "<tr>"
        + "".join(
            f"<td>{html.escape('' if r.get(c) is None else str(r.get(c)))}</td>" for c in columns
        )
        + "</tr>"
        for r in rows
    )
    return f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


def _img(fig: Any, alt: str) -> str:
    return f'<img alt="{html.escape(alt)}" src="data:image/png;base64,{_png(fig)}">'


STYLE = """body{font-family:system-ui,sans-serif;max-width:1000px;margin:2em auto;color:#222}
table{border-collapse:collapse;font-size:13px;width:100%}td,th{border:1px solid #ddd;padding:4px;vertical-align:top}
th{background:#f3f3f3}img{max-width:100%}h2{border-bottom:1px solid #ccc;margin-top:2em}"""


def render(data: ReportData) -> str:
    """The report as one HTML page; every text from the articles is escaped."""
    a = html.escape(data.actor)
    leaning_rows = [
        {
            "period": r.period,
            "toward_russia": r.toward_a,
            "toward_west": r.toward_b,
            "index": r.index,
            "band": f"[{r.low}, {r.high}]" if r.index is not None else "",
        }
        for r in data.leaning
    ]
    broker_rows = [
        {
            "broker": b.broker,
            "between": f"{b.party_a} and {b.party_b}",
            "times": b.times,
            "evidence": b.evidence,
        }
        for b in data.brokers
    ]
    sim = data.similarity
    diff_rows = [{"root": r, data.actor: x, data.compare or "": y} for r, x, y in data.differences][
        :6
    ]
    undated = sum(1 for e in data.events if not e["date"])
    parts = [
        f"<!doctype html><html><head><meta charset='utf-8'><title>detente report: {a}</title>",
        f"<style>{STYLE}</style></head><body><h1>detente report: {a}</h1>",
        f"<p>{len(data.events)} events with {a} as source or target ({undated} undated), "
        f"{len({e['doc_id'] for e in data.events})} documents.</p>",
        "<h2>Timeline</h2>",
        _img(chart_timeline(data), "timeline"),
        "<h2>Dyads</h2>",
        _img(chart_dyads(data), "dyad series"),
        _table(data.dyads, list(DYAD_COLUMNS)),
        "<h2>Multi-vector index</h2>",
        _img(chart_leaning(data), "multi-vector index"),
        _table(leaning_rows, ["period", "toward_russia", "toward_west", "index", "band"]),
        "<h2>Network and brokers</h2>",
        _img(chart_network(data), "network"),
        _table(broker_rows, ["broker", "between", "times", "evidence"])
        if broker_rows
        else "<p>No brokerage found.</p>",
        f"<h2>Profile: {a} and {html.escape(data.compare or '-')}</h2>",
        f"<p>Cosine similarity of their root profiles: {sim if sim is not None else 'n/a'}.</p>",
        _img(chart_profile(data), "profile"),
        _table(diff_rows, ["root", data.actor, data.compare or ""]) if diff_rows else "",
        "<h2>Events</h2>",
        _table(
            [{**e, "date": e["date"] or UNDATED} for e in data.events],
            list(EVENT_SUMMARY_COLUMNS),
        ),
        "</body></html>",
    ]
    return "\n".join(parts)


def write_report(store: Store, actor: str, out: str, *, compare: str | None = None) -> ReportData:
    """Write the report on `actor` in `store` to the file `out`; returns what it shows."""
    data = store.report_data(actor, compare=compare)
    with open(out, "w", encoding="utf-8") as handle:
        handle.write(render(data))
    return data
