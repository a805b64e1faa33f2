"""The learned coder's pieces that need no parse: the model file, scores, candidates."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import numpy as np
import pytest
import spacy

from detente.errors import DataError
from detente.events.candidates import candidates_of, sentence_mentions
from detente.events.model import (
    MODEL_FORMAT,
    EventModel,
    feature_matrix,
    load_model,
    read_model,
    save_model,
)
from detente.types import Mention


def tiny_model() -> EventModel:
    return EventModel(
        vocabulary={"bias": 0, "rule.root=04": 1, "word=meet": 2},
        roots=("04", "11"),
        # rows: no event, 04, 11
        weights=np.array([[3.0, -2.0, -1.0], [0.0, 3.0, 2.0], [0.0, -2.0, -1.0]]),
        bias=np.array([0.0, 0.0, 0.0]),
        keep=0.01,
        keep_targetless=0.05,
        add=0.5,
        default_codes={"04": "040", "11": "111"},
        calibration=(1.0, 0.0),
        header={"format": MODEL_FORMAT, "version": "test-s0"},
    )


def test_model_file_round_trip(tmp_path: Path) -> None:
    path = str(tmp_path / "m.npz")
    model = tiny_model()
    save_model(model, path)
    again = read_model(path)
    assert again.vocabulary == model.vocabulary
    assert again.roots == model.roots
    assert again.version == "test-s0"
    assert (again.keep, again.keep_targetless, again.add) == (0.01, 0.05, 0.5)
    rows = [["bias", "rule.root=04", "word=meet"], ["bias"]]
    assert np.allclose(again.score(rows), model.score(rows))


def test_model_scores_are_probabilities_that_follow_the_features() -> None:
    scores = tiny_model().score([["bias", "rule.root=04", "word=meet"], ["bias", "unknown"]])
    assert scores.shape == (2, 2)
    assert np.all(scores >= 0)
    assert np.all(scores.sum(axis=1) <= 1)
    assert scores[0, 0] > 0.8  # a meeting the rules proposed
    assert scores[1].sum() < 0.2  # nothing but the bias


def test_feature_matrix_drops_unknown_names() -> None:
    x = feature_matrix([["a", "zzz", "a"], []], {"a": 0, "b": 1})
    assert x.shape == (2, 2)
    assert x.toarray().tolist() == [[1.0, 0.0], [0.0, 0.0]]


def test_model_of_another_format_is_refused(tmp_path: Path) -> None:
    path = str(tmp_path / "old.npz")
    save_model(tiny_model(), path)
    with np.load(path) as archive:
        arrays = {name: archive[name] for name in archive.files}
    header = json.loads(str(arrays["header"]))
    header["format"] = MODEL_FORMAT + 1
    arrays["header"] = np.array(json.dumps(header))
    np.savez(path, **arrays)
    with pytest.raises(DataError, match="model format"):
        read_model(path)


def test_a_file_that_is_no_model_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "notes.npz"
    path.write_text("not a model", encoding="utf-8")
    with pytest.raises(DataError, match="not a detente model file"):
        read_model(str(path))


def test_calibrated_confidence_rises_with_the_score() -> None:
    model = replace(tiny_model(), calibration=(0.8, -0.5))
    values = [model.confidence(s) for s in (0.01, 0.1, 0.5, 0.9)]
    assert values == sorted(values)
    assert all(0 < v < 1 for v in values)


def test_the_shipped_model_loads_and_says_what_it_was_trained_on() -> None:
    model = load_model()
    assert model.header["trained_on"] == ["reuters_train.jsonl", "annotated.jsonl"]
    assert model.version
    assert set(model.default_codes) <= set(model.roots)


def _mention(doc: object, token: int, actor: str, sector: str | None = "GOV") -> Mention:
    t = doc[token]  # type: ignore[index]
    return Mention("d", 0, t.idx, t.idx + len(t), t.text, actor, sector, "name", token)


def test_candidates_pair_a_sentences_actors_and_the_sentence_before() -> None:
    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    doc = nlp("Russia met Belarus. Then Ukraine protested.")
    mentions = [_mention(doc, 0, "RUS"), _mention(doc, 2, "BLR"), _mention(doc, 5, "UKR")]
    assert [len(m) for m in sentence_mentions(doc, mentions)] == [2, 1]
    found = {
        (c.sent_index, c.source.actor, c.target.actor if c.target else None, c.origin)
        for c in candidates_of(doc, mentions, [])
    }
    assert (0, "RUS", "BLR", "sentence") in found
    assert (0, "BLR", "RUS", "sentence") in found
    assert (1, "UKR", "RUS", "previous") in found
    assert (1, "BLR", "UKR", "previous") in found
    assert not any(s == t for _, s, t, _ in found)  # one mention of each actor: no self pair


def test_accepted_keeps_judges_and_adds() -> None:
    from detente.events.candidates import Candidate
    from detente.events.code import Proposal
    from detente.events.lexicon import load_lexicon
    from detente.events.model import accepted

    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    doc = nlp("Russia met Belarus and Ukraine.")
    rus, blr, ukr = _mention(doc, 0, "RUS"), _mention(doc, 2, "BLR"), _mention(doc, 4, "UKR")
    meeting = Proposal(0, doc[1], (), rus, blr, "042", 0.85)
    lone = Proposal(0, doc[1], (), rus, None, "040", 0.6)
    mass = Proposal(0, doc[1], (), rus, ukr, "200", 0.7)  # a root the model never saw
    candidates = [
        Candidate(0, rus, blr, (meeting,), "rule"),
        Candidate(0, rus, None, (lone,), "rule"),
        Candidate(0, rus, ukr, (mass,), "rule"),
        Candidate(0, blr, ukr, (), "sentence"),
    ]
    scores = np.array([[0.3, 0.6], [0.04, 0.0], [0.0, 0.0], [0.1, 0.2]])
    model = tiny_model()  # keep 0.01, keep_targetless 0.05, add 0.5
    found = accepted(model, candidates, scores, doc, load_lexicon())
    coded = {(p.source.actor, p.target.actor if p.target else None, p.code) for p in found}
    assert coded == {("RUS", "BLR", "042"), ("RUS", "BLR", "111"), ("RUS", "UKR", "200")}
    kept = next(p for p in found if p.code == "042")
    assert kept.confidence == model.confidence(0.3)
    stricter = accepted(model, candidates, scores, doc, load_lexicon(), keep=0.4, add=0.7)
    assert {p.code for p in stricter} == {"200"}
