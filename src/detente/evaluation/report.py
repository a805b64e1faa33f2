"""Text renderings of an evaluation: the score table, the confusion table, the error list."""

from __future__ import annotations

from typing import Any

from detente.evaluation import Evaluation
from detente.evaluation.score import Report


def _line(name: str, score: dict[str, Any] | None) -> str:
    if score is None:
        return f"{name:<11} {'—':>6}"
    p = "" if score["p"] is None else f"{score['p']:.3f}"
    f1 = "" if score["f1"] is None else f"{score['f1']:.3f}"
    return (
        f"{name:<11} {p:>6} {score['r']:>6.3f} {f1:>6}   "
        f"{score['match']:>5} {score['coded']:>6} {score['gold']:>5}"
    )


def render_text(result: Evaluation) -> str:
    scores = result.as_dict()
    lines = [
        f"documents: {scores['docs']}",
        f"{'score':<11} {'p':>6} {'r':>6} {'f1':>6}   {'match':>5} {'coded':>6} {'gold':>5}",
    ]
    for name in ("root", "code3", "dyad", "type", "targetless", "sectors", "dates", "actors"):
        lines.append(_line(name, scores[name]))
    lines += ["", render_confusion(result.report)]
    return "\n".join(lines)


def render_confusion(report: Report) -> str:
    """Gold root (rows) by coded root (columns) on events matched by dyad; then per-root scores,
    worst F1 first."""
    labels = sorted({g for g, _ in report.confusion} | {c for _, c in report.confusion})
    width = max([4, *(len(label) for label in labels)]) + 1
    lines = [
        "confusion (rows gold, columns coded, events matched by dyad):",
        "gold\\coded".ljust(12) + "".join(label.rjust(width) for label in labels),
    ]
    for g in labels:
        cells = "".join(str(report.confusion.get((g, c), "") or ".").rjust(width) for c in labels)
        lines.append(g.ljust(12) + cells)
    lines += ["", "per root (worst F1 first):"]
    rows = sorted(report.per_root.items(), key=lambda kv: (kv[1].as_dict()["f1"], -kv[1].gold))
    for label, tally in rows:
        d = tally.as_dict()
        lines.append(
            f"  {label:<10} f1 {d['f1']:.3f}  p {d['p']:.3f}  r {d['r']:.3f}  "
            f"(match {d['match']}, coded {d['coded']}, gold {d['gold']})"
        )
    return "\n".join(lines)


def _event(e: dict[str, Any]) -> str:
    kind = e["code"] or e["plover"]
    text = (e["evidence"] or "").replace("\n", " ")
    return f"{e['source']} → {e['target']} {kind}: {text}"


def render_errors(report: Report) -> str:
    lines = []
    for doc in report.errors:
        lines.append(f"== {doc['doc_id']}")
        lines += [f"  missed   {_event(e)}" for e in doc["missed"]]
        lines += [f"  spurious {_event(e)}" for e in doc["spurious"]]
    return "\n".join(lines)
