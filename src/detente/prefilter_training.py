"""Training the prefilter: which sentences hold events, learned from gold files.

`detente train-prefilter GOLD... --out FILE` splits each gold story with the cheap pass and marks
the sentences that hold a gold event's evidence. A logistic model learns those marks from the
cheap features (see `events/prefilter.py`). The threshold is the highest at which, scoring every
story with a model trained without it (folds by story), the sentences chosen still hold `recall` of
the marked ones. What the prefilter learns is where events are told, not where the coder finds
them: a sentence it skips is one the coder would mostly have coded wrongly, if at all.
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import numpy as np

from detente._version import __version__
from detente.coding import PIPE_BATCH_SIZE, Coder
from detente.errors import DataError
from detente.evaluation import gold_documents
from detente.evaluation.gold import GoldDocument, load_gold
from detente.events.model import feature_matrix
from detente.events.prefilter import (
    PREFILTER_FORMAT,
    Prefilter,
    chosen,
    save_prefilter,
    sentence_rows,
)
from detente.nlp.partial import cheap_docs
from detente.training import file_digest, vocabulary_of

# The share of the sentences holding a gold event that the chosen ones keep (cross-validated):
# at this recall the dev files score within 0.005 of a full parse (README, "Throughput").
RECALL = 0.95
# Inverse regularisation strength of the logistic model.
C = 0.3
FOLDS = 5
THRESHOLDS = tuple(round(0.005 * n, 3) for n in range(1, 120))


@dataclass(frozen=True, slots=True)
class Labelled:
    """One story's sentences: their cheap features, and whether each holds a gold event."""

    doc_id: str
    rows: tuple[tuple[str, ...], ...]
    marked: tuple[bool, ...]


def label(
    gold: Sequence[GoldDocument], path: str, coder: Coder, *, max_chars: int
) -> list[Labelled]:
    """Split each gold story with the cheap pass; mark the sentences its events' evidence spans."""
    if coder.cues is None:
        raise ValueError("the coder has no cues to compute the prefilter's features")
    documents = gold_documents(gold, path, max_chars=max_chars)
    texts = [d.text for d in documents]
    out = []
    for g, text, c in zip(gold, texts, cheap_docs(coder.nlp, texts, PIPE_BATCH_SIZE), strict=True):
        bounds = c.bounds
        marked = [False] * len(bounds)
        for event in g.events:
            start = text.find(event.evidence) if event.evidence else -1
            end = start + len(event.evidence or "")
            for i, (first, last) in enumerate(bounds):
                if start >= 0 and first < end and start < last:
                    marked[i] = True
        rows = sentence_rows(c.doc, c.sents, coder.cues)
        out.append(Labelled(g.doc_id, tuple(tuple(r) for r in rows), tuple(marked)))
    return out


def fit(docs: Sequence[Labelled], *, seed: int, threshold: float = 0.5) -> Prefilter:
    from sklearn.linear_model import LogisticRegression

    rows = [row for d in docs for row in d.rows]
    vocabulary = vocabulary_of(rows)
    labels = [m for d in docs for m in d.marked]
    if len(set(labels)) < 2:
        raise DataError(
            "the gold files need sentences with events and sentences without to learn from"
        )
    model = LogisticRegression(C=C, max_iter=5000, random_state=seed)
    model.fit(feature_matrix(rows, vocabulary), labels)
    return Prefilter(
        vocabulary=vocabulary,
        weights=model.coef_[0].astype(np.float64),
        bias=float(model.intercept_[0]),
        threshold=threshold,
        header={"format": PREFILTER_FORMAT, "detente": __version__},
    )


@dataclass(frozen=True, slots=True)
class Choice:
    """How a threshold does on held-out documents."""

    threshold: float
    recall: float  # marked sentences among those chosen
    parsed: float  # share of all sentences chosen


def held_out(docs: Sequence[Labelled], *, seed: int, folds: int = FOLDS) -> list[Choice]:
    """Each threshold's recall and share parsed, every document scored by a model that never saw it."""
    order = list(range(len(docs)))
    random.Random(seed).shuffle(order)  # noqa: S311 (folds, not secrets)
    scored: list[tuple[list[float], tuple[bool, ...]]] = []
    for k in range(folds):
        test = [docs[i] for i in order[k::folds]]
        train = [docs[i] for n, i in enumerate(order) if n % folds != k]
        if len({m for d in train for m in d.marked}) < 2:
            continue  # too few stories for this fold to learn from
        model = fit(train, seed=seed)
        scored += [(model.probabilities(d.rows), d.marked) for d in test]
    if not any(any(marks) for _, marks in scored):
        raise DataError(
            f"too few stories to choose a threshold on held-out folds ({folds} folds by story): "
            "give more gold stories with events"
        )
    choices = []
    for threshold in THRESHOLDS:
        kept = marked = total = found = 0
        for probabilities, marks in scored:
            keep = chosen(probabilities, threshold)
            kept += sum(keep)
            total += len(keep)
            marked += sum(marks)
            found += sum(1 for k, m in zip(keep, marks, strict=True) if k and m)
        choices.append(Choice(threshold, found / marked if marked else 1.0, kept / max(total, 1)))
    return choices


def pick(choices: Sequence[Choice], recall: float) -> Choice:
    """The highest threshold that keeps `recall` of the marked sentences."""
    good = [c for c in choices if c.recall >= recall]
    return max(good, key=lambda c: c.threshold) if good else min(choices, key=lambda c: c.threshold)


@dataclass(frozen=True, slots=True)
class PrefilterResult:
    prefilter: Prefilter
    choice: Choice  # the threshold's held-out recall and share parsed
    stories: int
    sentences: int


def train(
    paths: Sequence[str],
    *,
    out: str,
    settings: Any,
    seed: int = 0,
    recall: float = RECALL,
) -> PrefilterResult:
    """Train the prefilter on gold files, choose its threshold on held-out folds, write it."""
    from detente.coding import NO_PREFILTER, RULES_ONLY, load_coder

    coder = load_coder(replace(settings.coder, event_model=RULES_ONLY, prefilter=NO_PREFILTER))
    docs = [
        d
        for path in paths
        for d in label(load_gold(path), path, coder, max_chars=settings.max_doc_chars)
    ]
    choice = pick(held_out(docs, seed=seed), recall)
    model = fit(docs, seed=seed, threshold=choice.threshold)
    digest = file_digest(paths)
    header = {
        **model.header,
        "version": f"{digest}-s{seed}",
        "trained_on": [Path(p).name for p in paths],
        "training_digest": digest,
        "created": f"{datetime.now(UTC):%Y-%m-%d}",
        "held_out": {"recall": round(choice.recall, 4), "parsed": round(choice.parsed, 4)},
        "target_recall": recall,
        "seed": seed,
    }
    prefilter = Prefilter(model.vocabulary, model.weights, model.bias, model.threshold, header)
    save_prefilter(prefilter, Path(out))
    return PrefilterResult(prefilter, choice, len(docs), sum(len(d.marked) for d in docs))
