"""The prefilter's features, choice of sentences and model file."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from detente.coding import load_coder
from detente.config import CoderSpec
from detente.errors import DataError
from detente.events.prefilter import (
    PREFILTER_FORMAT,
    Prefilter,
    chosen,
    load_prefilter,
    read_prefilter,
    save_prefilter,
    sentence_rows,
)
from detente.nlp.partial import cheap_docs


@pytest.fixture(scope="module")
def coder() -> Any:
    return load_coder(CoderSpec(event_model="rules", prefilter="off"))


def rows_of(coder: Any, text: str) -> list[list[str]]:
    (cheap,) = cheap_docs(coder.nlp, [text], 8)
    return sentence_rows(cheap.doc, cheap.sents, coder.cues)


def test_features_see_actors_triggers_in_any_inflection_and_pronouns(coder: Any) -> None:
    first, second = rows_of(coder, "Russia sanctioned Belarus on Monday. He said it was unfair.")
    assert "name.state" in first
    assert "actor=RUS" in first
    assert "actor=BLR" in first
    assert "actors=2" in first
    assert "verb=sanction" in first  # "sanctioned", lemma found without a tagger
    assert "at=0" in first
    assert "at=1" in second
    assert "pronoun" in second
    assert "before.actors=2" in second
    assert "actors=0" in second


def test_features_of_a_sentence_without_actors(coder: Any) -> None:
    (row,) = rows_of(coder, "Net profit rose 12 pct in the quarter.")
    assert "actors=0" in row
    assert "pronoun" not in row
    assert not any(f.startswith("actor=") for f in row)


def test_chosen_adds_the_sentence_before_and_the_first() -> None:
    assert chosen([0.0, 0.0, 0.9, 0.0, 0.0], 0.5) == [True, True, True, False, False]
    assert chosen([0.0, 0.0, 0.0], 0.5) == [True, False, False]
    assert chosen([], 0.5) == []


def tiny() -> Prefilter:
    return Prefilter(
        vocabulary={"actors=2": 0, "verb=sanction": 1},
        weights=np.array([2.0, 3.0]),
        bias=-4.0,
        threshold=0.3,
        header={"format": PREFILTER_FORMAT, "version": "test"},
    )


def test_probabilities_rise_with_evidence() -> None:
    low, mid, high = tiny().probabilities([[], ["actors=2"], ["actors=2", "verb=sanction", "x"]])
    assert low < mid < high
    assert high == pytest.approx(1 / (1 + np.exp(-1.0)))


def test_a_prefilter_file_round_trips(tmp_path: Path) -> None:
    path = tmp_path / "p.npz"
    save_prefilter(tiny(), path)
    back = read_prefilter(path)
    assert back.vocabulary == tiny().vocabulary
    assert back.threshold == 0.3
    assert back.probabilities([["actors=2"]]) == pytest.approx(tiny().probabilities([["actors=2"]]))


def test_a_prefilter_of_another_format_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "old.npz"
    save_prefilter(tiny(), path)
    with np.load(path) as data:
        arrays = dict(data)
    arrays["header"] = np.array('{"format": 0, "threshold": 0.3}')
    np.savez(path, **arrays)
    with pytest.raises(DataError, match="format 0"):
        read_prefilter(path)
    (tmp_path / "junk.npz").write_text("not numpy", encoding="utf-8")
    with pytest.raises(DataError, match="not a detente prefilter"):
        read_prefilter(tmp_path / "junk.npz")


def test_the_shipped_prefilter_loads() -> None:
    shipped = load_prefilter()
    assert shipped.header["format"] == PREFILTER_FORMAT
    assert 0 < shipped.threshold < 1
    assert "reuters_train.jsonl" in shipped.header["trained_on"]
    assert replace(shipped, threshold=0.0).probabilities([[]])[0] > 0
