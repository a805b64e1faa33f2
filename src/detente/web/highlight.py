"""A document's text with its event and actor spans marked, for the document view.

Spans may overlap (an actor inside an event inside its evidence sentence), so the text is cut at
every span boundary and each piece carries every span that covers it.
"""

from __future__ import annotations

import html
import itertools
from dataclasses import dataclass
from typing import Any

# evidence: a sentence some event was coded from; event: the words of one event (its trigger to
# its farthest argument); trigger: the word that named the act; actor: a resolved actor mention.
KINDS = ("evidence", "event", "trigger", "actor")


@dataclass(frozen=True, slots=True)
class Span:
    """A stretch of the text to mark: `kind` is one of KINDS, `ref` what it stands for."""

    start: int
    end: int
    kind: str
    ref: str = ""  # the event id(s), or the actor code
    selected: bool = False


@dataclass(frozen=True, slots=True)
class Piece:
    start: int
    text: str
    spans: tuple[Span, ...]


def pieces(text: str, spans: list[Span]) -> list[Piece]:
    """The text cut at every span boundary; each piece with the spans covering it, in order.
    Spans outside the text are ignored."""
    valid = [s for s in spans if 0 <= s.start < s.end <= len(text)]
    cuts = sorted({0, len(text), *(s.start for s in valid), *(s.end for s in valid)})
    return [
        Piece(a, text[a:b], tuple(s for s in valid if s.start <= a and b <= s.end))
        for a, b in itertools.pairwise(cuts)
        if a < b
    ]


def document_spans(
    sentences: list[dict[str, Any]],
    events: list[dict[str, Any]],
    mentions: list[dict[str, Any]],
    selected: str | None = None,
) -> list[Span]:
    """The spans of a document view: each evidence sentence once, each event, its triggers and
    every actor mention; those of the `selected` event flagged."""
    by_sentence: dict[int, list[str]] = {}
    for e in events:
        by_sentence.setdefault(e["sent_index"], []).append(e["event_id"])
    spans = [
        Span(s["start_char"], s["end_char"], "evidence", " ".join(ids), selected in ids)
        for s in sentences
        if (ids := by_sentence.get(s["sent_index"]))
    ]
    for e in events:
        chosen = e["event_id"] == selected
        spans.append(Span(e["start"], e["end"], "event", e["event_id"], chosen))
        spans += [
            Span(t["trigger_start"], t["trigger_end"], "trigger", e["event_id"], chosen)
            for t in e.get("reports", [])
        ]
    spans += [Span(m["start"], m["end"], "actor", m["actor"]) for m in mentions]
    return spans


def render(text: str, spans: list[Span]) -> str:
    """HTML for the text with each marked piece in a <mark>, an anchor `ev-ID` where each event
    starts; all text escaped."""
    starts: dict[int, list[str]] = {}
    for s in spans:
        if s.kind == "event":
            starts.setdefault(s.start, []).append(s.ref)
    out: list[str] = []
    for piece in pieces(text, spans):
        out += [
            f'<span class="anchor" id="ev-{html.escape(ref)}"></span>'
            for ref in starts.pop(piece.start, [])
        ]
        body = html.escape(piece.text)
        if not piece.spans:
            out.append(body)
            continue
        classes = [k for k in KINDS if any(s.kind == k for s in piece.spans)]
        if any(s.selected for s in piece.spans if s.kind == "evidence"):
            classes.append("selected")
        actors = sorted({s.ref for s in piece.spans if s.kind == "actor"})
        attrs = f' class="{" ".join(classes)}"'
        if actors:
            attrs += f' title="{html.escape(" ".join(actors))}"'
        out.append(f"<mark{attrs}>{body}</mark>")
    return "".join(out)
