"""The prefilter: which sentences may hold an event, judged from the cheap pass alone.

Most sentences of a news corpus hold no political event ("Net profit rose 12 pct"). The cheap pass
(tokens and sentence starts, see `nlp/partial.py`) gives each sentence features the full coder
would also see: the actor gazetteer's names, titles and sector nouns, the words that may be a
trigger of the lexicon (every lemma an inflected form may have), pronouns, capitalised words (the
entities the recogniser would find), where the sentence stands and what the sentence before named.
A logistic model over them, trained on what the full coder codes (`detente train-prefilter`), scores
each sentence; the sentences at or above the threshold, and the one before each (where a pronoun's
antecedent or an event's other party is often named), go through the full pipeline.

The model file is a NumPy archive read with `allow_pickle=False`, like the coder's.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

import numpy as np

from detente.actors.gazetteer import Gazetteer
from detente.actors.resolve import GROUP_PRONOUNS, PRONOUNS
from detente.errors import DataError
from detente.events.archive import read_archive, write_archive
from detente.events.lexicon import Lexicon

# Bumped whenever the file layout or the features change: older files are refused.
PREFILTER_FORMAT = 1
SHIPPED_PREFILTER = "prefilter.npz"
MODELS_PACKAGE = "detente.data.models"
# Sentences of a document that are always parsed: the opening ones set its scene (dates, the state
# the text is about, the people a later pronoun means).
ALWAYS_PARSED = 1


@dataclass(frozen=True, slots=True)
class Prefilter:
    """A trained sentence filter: vocabulary, weights, the threshold and where it came from."""

    vocabulary: dict[str, int]
    weights: np.ndarray  # (features,)
    bias: float
    threshold: float  # a sentence is parsed when its probability is at least this
    header: dict[str, Any]

    @property
    def version(self) -> str:
        return str(self.header.get("version", "unversioned"))

    def probabilities(self, rows: Sequence[Sequence[str]]) -> list[float]:
        out = []
        for row in rows:
            z = self.bias + sum(
                float(self.weights[i])
                for f in set(row)
                if (i := self.vocabulary.get(f)) is not None
            )
            out.append(1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z)))))
        return out


@dataclass(frozen=True, slots=True)
class Lemmas:
    """Every lemma an inflected form may have, from the pipeline's own lemmatizer tables, for the
    verbs and the nouns, without knowing the part of speech."""

    rules: dict[str, tuple[tuple[str, str], ...]]
    exceptions: dict[str, dict[str, tuple[str, ...]]]
    index: dict[str, frozenset[str]]

    def of(self, word: str) -> set[str]:
        found = {word}
        for pos in ("verb", "noun"):
            found.update(self.exceptions[pos].get(word, ()))
            for old, new in self.rules[pos]:
                if old and word.endswith(old):
                    form = word[: len(word) - len(old)] + new
                    if form in self.index[pos]:
                        found.add(form)
        return found


def load_lemmas(nlp: Any) -> Lemmas:
    """The lemmatizer's rule tables of this pipeline (English: `lemma_rules`, `_exc`, `_index`)."""
    lookups = nlp.get_pipe("lemmatizer").lookups
    rules, exc, index = (lookups.get_table(t) for t in ("lemma_rules", "lemma_exc", "lemma_index"))
    pos = ("verb", "noun")
    return Lemmas(
        rules={p: tuple((str(a), str(b)) for a, b in rules.get(p, ())) for p in pos},
        exceptions={p: {k: tuple(v) for k, v in exc.get(p, {}).items()} for p in pos},
        index={p: frozenset(index.get(p, ())) for p in pos},
    )


@dataclass(frozen=True, slots=True)
class Cues:
    """What the features look up: the gazetteer, the lexicon's triggers and the lemma tables."""

    gazetteer: Gazetteer
    verbs: frozenset[str]
    nouns: frozenset[str]
    states: frozenset[str]
    lemmas: Lemmas


def cues_of(nlp: Any, gazetteer: Gazetteer, lexicon: Lexicon, states: frozenset[str]) -> Cues:
    return Cues(
        gazetteer, frozenset(lexicon.verbs), frozenset(lexicon.nouns), states, load_lemmas(nlp)
    )


def _bucket(n: int, top: int = 3) -> str:
    return str(n) if n < top else f"{top}+"


def sentence_rows(doc: Any, sents: Sequence[Any], cues: Cues) -> list[list[str]]:
    """The features of each sentence of a cheaply processed document (tokens only)."""
    words = [t.text for t in doc]
    atoms = cues.gazetteer.atoms(words)
    sectors = cues.gazetteer.sector_atoms([t.lower_ for t in doc])
    starts = [s.start for s in sents]
    named: list[list[str]] = [[] for _ in sents]
    for atom in atoms:
        i = _sentence_of(starts, atom.start)
        if i >= 0 and atom.start < sents[i].end:
            kind = "state" if atom.actor in cues.states else (atom.actor and "body") or "person"
            named[i].append(f"{atom.kind}.{kind}")
            named[i].append(f"actor={atom.actor or words[atom.start]}")
    sector_of: list[list[str]] = [[] for _ in sents]
    for sector in sectors:
        i = _sentence_of(starts, sector.start)
        if i >= 0 and sector.start < sents[i].end:
            sector_of[i].append(f"{'title' if sector.title else 'sector'}={sector.sector}")
    document_actors = len({a.actor for a in atoms if a.actor})
    rows = []
    for i, sent in enumerate(sents):
        row = [f"at={_bucket(i)}", f"doc.actors={_bucket(document_actors)}"]
        actors = {f for f in named[i] if f.startswith("actor=")}
        row += [*named[i], *sector_of[i], f"actors={_bucket(len(actors))}"]
        before = {f for f in named[i - 1] if f.startswith("actor=")} if i else set()
        row.append(f"before.actors={_bucket(len(before))}")
        row += _token_features(sent, cues)
        rows.append(row)
    return rows


def _token_features(sent: Any, cues: Cues) -> list[str]:
    out = []
    capitals = 0
    for n, token in enumerate(sent):
        if token.is_space or token.is_punct:
            continue
        word = token.lower_
        if token.is_alpha:
            out.append(f"w={word}")
            if n and token.text[:1].isupper():
                capitals += 1
        if word in PRONOUNS or word in GROUP_PRONOUNS:
            out.append("pronoun")
        for lemma in cues.lemmas.of(word):
            if lemma in cues.verbs:
                out.append(f"verb={lemma}")
            if lemma in cues.nouns:
                out.append(f"noun={lemma}")
    triggers = len({f for f in out if f.startswith(("verb=", "noun="))})
    out += [f"capitals={_bucket(capitals)}", f"triggers={_bucket(triggers)}"]
    return out


def _sentence_of(starts: Sequence[int], token: int) -> int:
    from bisect import bisect_right

    return bisect_right(starts, token) - 1


def chosen(probabilities: Sequence[float], threshold: float) -> list[bool]:
    """The sentences to parse: those scoring at least the threshold, the one before each, and the
    document's opening ones."""
    keep = [p >= threshold for p in probabilities]
    out = list(keep)
    for i, kept in enumerate(keep):
        if kept and i:
            out[i - 1] = True
    for i in range(min(ALWAYS_PARSED, len(out))):
        out[i] = True
    return out


def save_prefilter(prefilter: Prefilter, path: Path) -> None:
    header = {**prefilter.header, "format": PREFILTER_FORMAT, "threshold": prefilter.threshold}
    bias = np.array([prefilter.bias])
    write_archive(path, header, prefilter.vocabulary, weights=prefilter.weights, bias=bias)


def read_prefilter(path: Path | str) -> Prefilter:
    """Read a prefilter file; a file of another format, or no prefilter at all, is a DataError."""
    header, vocabulary, arrays = read_archive(
        path,
        kind="prefilter",
        version=PREFILTER_FORMAT,
        retrain="detente train-prefilter",
        arrays=("weights", "bias"),
    )
    try:
        return Prefilter(
            vocabulary=vocabulary,
            weights=arrays["weights"],
            bias=float(arrays["bias"][0]),
            threshold=float(header["threshold"]),
            header=header,
        )
    except (ValueError, KeyError, TypeError, IndexError) as e:
        raise DataError(f"{path}: not a detente prefilter file ({e})") from e


@lru_cache(maxsize=4)
def load_prefilter(path: str | None = None) -> Prefilter:
    """The prefilter at `path`, or the one shipped inside the package."""
    if path:
        return read_prefilter(Path(path))
    shipped = resources.files(MODELS_PACKAGE).joinpath(SHIPPED_PREFILTER)
    with resources.as_file(shipped) as file:
        return read_prefilter(file)
