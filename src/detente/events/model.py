"""The learned coder: which candidates hold events, and of which roots.

One multinomial logistic model over a candidate's features (see `features.py`) gives the
probability of each class: no event, or an event of one of the CAMEO roots (a candidate that holds
events of two roots is a training example of each). A root's score is its probability. A rule's
proposal stays when its root scores at least `keep`; a root the rules did not propose is added when
it scores at least `add`. Scores are calibrated on held-out folds (Platt scaling), and the
calibrated probability is the event's confidence.

The model file is a NumPy archive read with `allow_pickle=False`: the feature vocabulary, the
weights and a JSON header (format, thresholds, training provenance). A file of another format
version is refused with a clear error.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from functools import lru_cache
from importlib import resources
from typing import Any

import numpy as np

from detente.errors import DataError
from detente.events.archive import read_archive, write_archive
from detente.events.candidates import Candidate, candidates_of
from detente.events.features import features, lexicon_roots, sentence_features
from detente.events.lexicon import Lexicon
from detente.events.proposals import Proposal
from detente.nlp import nonblank_sents
from detente.types import Mention

# Bumped whenever the file layout or the features change: older files are refused.
MODEL_FORMAT = 2
# The class of a candidate that holds no event.
NO_EVENT = "none"
# The model shipped inside the package (trained on shared/gold/reuters_train.jsonl and
# training/annotated.jsonl only, never on a dev file).
SHIPPED_MODEL = "coder.npz"


@dataclass(frozen=True, slots=True)
class EventModel:
    """A trained coder: vocabulary, weights, thresholds and where it came from."""

    vocabulary: dict[str, int]
    roots: tuple[str, ...]  # the event classes (NO_EVENT is not among them)
    weights: np.ndarray  # (1 + roots, features): row 0 is NO_EVENT, then the roots in order
    bias: np.ndarray  # (1 + roots,), in the same order
    keep: float  # a rule's proposal stays when its root scores at least this
    keep_targetless: float  # ... the same for a proposal with no target
    add: float  # a root the rules did not propose is added when it scores at least this
    default_codes: dict[str, str]  # root → the code an added event of that root gets
    calibration: tuple[float, float]  # Platt scaling of the score's log-odds: (slope, intercept)
    header: dict[str, Any]
    # The weights as (features, classes), in row order: a sparse product with the transposed view
    # would copy the whole matrix on every call.
    by_feature: np.ndarray = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "by_feature", np.ascontiguousarray(self.weights.T))

    @property
    def version(self) -> str:
        return str(self.header["version"])

    def score(self, rows: Sequence[Sequence[str]]) -> np.ndarray:
        """(candidates, roots) scores: the probability of an event of each root."""
        x = feature_matrix(rows, self.vocabulary)
        logits = np.asarray(x @ self.by_feature) + self.bias
        if len(rows):
            logits -= logits.max(axis=1, keepdims=True)
        p = np.exp(logits)
        p /= p.sum(axis=1, keepdims=True)
        scores: np.ndarray = p[:, 1:]
        return scores

    def confidence(self, score: float) -> float:
        """The calibrated probability that an event of this score is right."""
        slope, intercept = self.calibration
        p = min(max(score, 1e-6), 1 - 1e-6)
        return round(1.0 / (1.0 + math.exp(-(slope * math.log(p / (1 - p)) + intercept))), 3)


def feature_matrix(rows: Sequence[Sequence[str]], vocabulary: dict[str, int]) -> Any:
    """Rows of feature names as a sparse 0/1 matrix over a vocabulary (unknown names dropped)."""
    from scipy import sparse

    indices: list[int] = []
    indptr = [0]
    for row in rows:
        found = sorted({vocabulary[f] for f in row if f in vocabulary})
        indices += found
        indptr.append(len(indices))
    data = np.ones(len(indices), dtype=np.float64)
    shape = (len(rows), len(vocabulary))
    return sparse.csr_matrix(
        (data, np.array(indices, dtype=np.int32), np.array(indptr, dtype=np.int32)), shape=shape
    )


def candidate_rows(
    doc: Any, mentions: Sequence[Mention], proposals: Sequence[Proposal], lexicon: Lexicon
) -> tuple[list[Candidate], list[list[str]]]:
    """A document's candidates and the features of each."""
    sents = nonblank_sents(doc)
    candidates = candidates_of(doc, mentions, proposals, sents)
    shared: dict[int, list[str]] = {}
    rows = []
    for c in candidates:
        sent = sents[c.sent_index]
        if c.sent_index not in shared:
            shared[c.sent_index] = sentence_features(sent, lexicon)
        rows.append(features(c, doc, sent, lexicon, shared[c.sent_index]))
    return candidates, rows


def decide(
    model: EventModel,
    doc: Any,
    mentions: Sequence[Mention],
    proposals: Sequence[Proposal],
    lexicon: Lexicon,
) -> list[Proposal]:
    """The proposals the model accepts (the rules' and its own), each with its confidence."""
    candidates, rows = candidate_rows(doc, mentions, proposals, lexicon)
    return accepted(model, candidates, model.score(rows), doc, lexicon)


def accepted(
    model: EventModel,
    candidates: Sequence[Candidate],
    scores: np.ndarray,
    doc: Any,
    lexicon: Lexicon,
    *,
    keep: float | None = None,
    add: float | None = None,
) -> list[Proposal]:
    """Proposals from scored candidates (thresholds default to the model's own)."""
    keep = model.keep if keep is None else keep
    add = model.add if add is None else add
    keep_targetless = max(keep, model.keep_targetless)
    column = {root: n for n, root in enumerate(model.roots)}
    sents = nonblank_sents(doc)
    out: list[Proposal] = []
    for candidate, row in zip(candidates, scores, strict=True):
        proposed = {p.code[:2] for p in candidate.rules}
        for p in candidate.rules:
            n = column.get(p.code[:2])
            if n is None:  # a root the model never saw in training: the rules' word stands
                out.append(p)
                continue
            floor = keep if p.target is not None else keep_targetless
            if row[n] >= floor:
                out.append(replace(p, confidence=model.confidence(float(row[n]))))
        if candidate.target is None:
            continue
        for root, n in column.items():
            if root not in proposed and row[n] >= add:
                sent = sents[candidate.sent_index]
                out.append(_added(model, candidate, root, float(row[n]), sent, lexicon))
    return out


def _added(
    model: EventModel, candidate: Candidate, root: str, score: float, sent: Any, lexicon: Lexicon
) -> Proposal:
    return Proposal(
        candidate.sent_index,
        _trigger(candidate, root, sent, lexicon),
        (),
        candidate.source,
        candidate.target,
        model.default_codes.get(root, root + "0"),
        model.confidence(score),
    )


def _trigger(candidate: Candidate, root: str, sent: Any, lexicon: Lexicon) -> Any:
    """The word that reports an added event: a lexicon trigger of its root in the sentence
    (the nearest to the source), else the sentence's main verb."""
    source = candidate.source.head
    inside = sent.start <= source < sent.end
    triggers = [t for t in sent if root in lexicon_roots(t, lexicon)]
    if triggers:
        return min(triggers, key=lambda t: abs(t.i - source)) if inside else triggers[0]
    return sent.root


# -- the file -----------------------------------------------------------------------------------


def save_model(model: EventModel, path: str) -> None:
    header = {
        **model.header,
        "format": MODEL_FORMAT,
        "roots": list(model.roots),
        "keep": model.keep,
        "keep_targetless": model.keep_targetless,
        "add": model.add,
        "default_codes": model.default_codes,
        "calibration": list(model.calibration),
    }
    write_archive(path, header, model.vocabulary, weights=model.weights, bias=model.bias)


def read_model(path: str) -> EventModel:
    """A model file; DataError when it is unreadable or of another format version."""
    header, vocabulary, arrays = read_archive(
        path,
        kind="model",
        version=MODEL_FORMAT,
        retrain="detente train",
        arrays=("weights", "bias"),
    )
    try:
        return EventModel(
            vocabulary=vocabulary,
            roots=tuple(header["roots"]),
            weights=arrays["weights"],
            bias=arrays["bias"],
            keep=float(header["keep"]),
            keep_targetless=float(header["keep_targetless"]),
            add=float(header["add"]),
            default_codes=dict(header["default_codes"]),
            calibration=(float(header["calibration"][0]), float(header["calibration"][1])),
            header=header,
        )
    except (ValueError, KeyError, TypeError, IndexError) as e:
        raise DataError(f"{path}: not a detente model file ({e})") from e


@lru_cache(maxsize=4)
def load_model(path: str | None = None) -> EventModel:
    """The model at `path`, or the shipped one; read once per process."""
    if path is not None:
        return read_model(path)
    with resources.as_file(resources.files("detente.data.models") / SHIPPED_MODEL) as shipped:
        return read_model(str(shipped))
