"""The dashboard's pure pieces: span highlighting and SVG charts."""

from __future__ import annotations

import pytest

pytest.importorskip("fastapi")

from detente.web import charts
from detente.web.highlight import Span, document_spans, pieces, render


def test_overlapping_spans_cut_the_text_at_every_boundary() -> None:
    text = "Belarus hosted talks."
    cut = pieces(text, [Span(0, 21, "evidence"), Span(8, 20, "event"), Span(0, 7, "actor")])
    assert [p.text for p in cut] == ["Belarus", " ", "hosted talks", "."]
    assert [sorted(s.kind for s in p.spans) for p in cut] == [
        ["actor", "evidence"],
        ["evidence"],
        ["event", "evidence"],
        ["evidence"],
    ]
    assert "".join(p.text for p in cut) == text


def test_spans_outside_the_text_are_ignored() -> None:
    assert [p.text for p in pieces("abc", [Span(2, 9, "event"), Span(-1, 1, "actor")])] == ["abc"]


def test_render_escapes_and_anchors_each_event() -> None:
    text = "A <b> said & B met C."
    spans = [Span(0, 21, "evidence", "e1 e2", True), Span(13, 18, "event", "e1", True)]
    spans.append(Span(13, 18, "event", "e2"))
    html = render(text, spans)
    assert "&lt;b&gt;" in html
    assert "&amp;" in html
    assert "<b>" not in html
    assert html.count('id="ev-e1"') == 1
    assert html.count('id="ev-e2"') == 1
    assert html.index('id="ev-e1"') < html.index("B met")
    assert 'class="evidence event selected"' in html


def test_document_spans_flag_the_selected_event() -> None:
    sentences = [{"sent_index": 0, "start_char": 0, "end_char": 10, "text": "x"}]
    events = [
        {"event_id": "a", "sent_index": 0, "start": 2, "end": 5, "reports": []},
        {"event_id": "b", "sent_index": 0, "start": 6, "end": 9, "reports": [
            {"trigger_start": 6, "trigger_end": 7}]},
    ]  # fmt: skip
    mentions = [{"start": 0, "end": 1, "actor": "BLR"}]
    spans = document_spans(sentences, events, mentions, selected="b")
    assert {(s.kind, s.ref, s.selected) for s in spans} == {
        ("evidence", "a b", True),
        ("event", "a", False),
        ("event", "b", True),
        ("trigger", "b", True),
        ("actor", "BLR", False),
    }


def test_charts_escape_labels_and_survive_no_data() -> None:
    row = {"period": "<2025>", "events": 3, "verbal_cooperation": 2, "material_conflict": 1}
    svg = charts.timeline([row])
    assert "&lt;2025&gt;" in svg
    assert "<2025>" not in svg
    assert svg.count("<rect") == 2 + len(charts.QUADS)  # two bars and the legend
    assert "No events" in charts.timeline([])
    lean = charts.leaning([{"period": "2016", "index": 0.5, "low": 0.1, "high": 0.8, "events": 4}])
    assert "toward the West" in lean
    assert "+0.50" in lean
    net = charts.ego_network(
        "BLR", [{"partner": "RUS", "events": 4, "cooperation": 1, "conflict": 3}]
    )
    assert 'href="/actors/RUS"' in net
