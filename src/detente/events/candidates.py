"""Candidates of the learned coder: every (sentence, source, target) that may hold an event.

The rules' proposals are candidates, and so is every ordered pair of actors that one sentence
names (a state and a part of itself when the two are different parties). The model then decides,
for each candidate, which event roots it holds, if any.
"""

from __future__ import annotations

from bisect import bisect_right
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from detente.events.proposals import Proposal
from detente.nlp import nonblank_sents
from detente.types import Mention

# Actors of the document named most often: the parties an act with one party named may concern.
SALIENT_ACTORS = 3
# Places among the most named actors that a candidate's features tell apart.
MAX_RANK = 5
# Most actors of one sentence paired with each other (a list of forty states names no dyad).
MAX_PAIRED_MENTIONS = 12


@dataclass(frozen=True, slots=True)
class Candidate:
    """A (sentence, source, target) that may hold events, with what the rules proposed for it."""

    sent_index: int
    source: Mention
    target: Mention | None
    rules: tuple[Proposal, ...]
    origin: str = "sentence"  # rule | sentence | previous (sentence) | document (salient actor)
    ranks: tuple[int, int] = (
        0,
        0,
    )  # the source's and target's places among the most named (0: none)

    @property
    def key(self) -> tuple[int, str, str | None]:
        return (self.sent_index, self.source.actor, self.target.actor if self.target else None)


def sentence_mentions(
    doc: Any, mentions: Sequence[Mention], sents: Sequence[Any] | None = None
) -> list[list[Mention]]:
    """The mentions of each sentence (by the indexes of `nonblank_sents`), in text order."""
    sents = nonblank_sents(doc) if sents is None else sents
    out: list[list[Mention]] = [[] for _ in sents]
    starts = [s.start_char for s in sents]
    for mention in sorted(mentions, key=lambda m: m.start):
        index = bisect_right(starts, mention.start) - 1  # the last sentence starting at or before
        if index >= 0 and mention.start < sents[index].end_char:
            out[index].append(mention)
    return out


def _distinct(a: Mention, b: Mention) -> bool:
    """Two mentions that may be two parties: other actors, or other phrases of one actor."""
    if a.head == b.head:
        return False
    return a.actor != b.actor or "pronoun" not in (a.method, b.method)


def _ranked(mentions: Sequence[Mention]) -> list[Mention]:
    """The document's actors from the most named, each by its first named mention."""
    counts: dict[str, int] = defaultdict(int)
    first: dict[str, Mention] = {}
    for m in mentions:
        if m.method not in ("pronoun", "context"):
            counts[m.actor] += 1
            first.setdefault(m.actor, m)
    ranked = sorted(counts, key=lambda a: (-counts[a], first[a].start))
    return [first[a] for a in ranked]


def candidates_of(
    doc: Any,
    mentions: Sequence[Mention],
    proposals: Sequence[Proposal],
    sents: Sequence[Any] | None = None,
) -> list[Candidate]:
    """Candidates in document order: each sentence's pairs of actors, its actors with those of
    the sentence before and with the document's salient actors, then the rules' own."""
    rules: dict[tuple[int, str, str | None], list[Proposal]] = defaultdict(list)
    for p in proposals:
        rules[(p.sent_index, p.source.actor, p.target.actor if p.target else None)].append(p)
    found: dict[tuple[int, str, str | None], Candidate] = {}

    def add(sent_index: int, source: Mention, target: Mention, origin: str) -> None:
        key = (sent_index, source.actor, target.actor)
        if key not in found and key not in rules:
            found[key] = Candidate(sent_index, source, target, (), origin, ranks(source, target))

    ranked = _ranked(mentions)
    salient = ranked[:SALIENT_ACTORS]
    rank = {m.actor: n for n, m in enumerate(ranked[:MAX_RANK], start=1)}

    def ranks(source: Mention, target: Mention | None) -> tuple[int, int]:
        return rank.get(source.actor, 0), rank.get(target.actor, 0) if target else 0

    previous: list[Mention] = []
    for sent_index, sent_mentions in enumerate(sentence_mentions(doc, mentions, sents)):
        here = sent_mentions[:MAX_PAIRED_MENTIONS]
        for source in here:
            for target in here:
                if _distinct(source, target):
                    add(sent_index, source, target, "sentence")
        for origin, others in (("previous", previous), ("document", salient)):
            for mention in here:
                for other in others:
                    if other.actor == mention.actor:  # the same party told again
                        continue
                    add(sent_index, mention, other, origin)
                    add(sent_index, other, mention, origin)
        previous = [m for m in here if m.method != "pronoun"] or previous
    for key, proposed in rules.items():
        first = proposed[0]
        found[key] = Candidate(
            key[0],
            first.source,
            first.target,
            tuple(proposed),
            "rule",
            ranks(first.source, first.target),
        )
    return sorted(found.values(), key=lambda c: (c.sent_index, c.source.start, _start(c.target)))


def _start(mention: Mention | None) -> int:
    return -1 if mention is None else mention.start
