"""Features of a candidate for the learned coder: what the rules said, and what the parse shows.

Each feature is a string (present or not). They stand on what the rules already know (the
proposed codes, the lexicon's triggers, modality and negation) and on the parse between the two
actors (the dependency path, the words between them, each actor's role in its clause).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from detente.events.candidates import Candidate
from detente.events.filters import is_conditional, is_negated
from detente.events.lexicon import Lexicon
from detente.types import Mention

# Longest dependency path (in arcs) spelled out as one feature; longer ones only by length.
MAX_PATH = 4
# Parts of speech whose lemmas are content words of a sentence.
CONTENT_POS = frozenset({"VERB", "NOUN", "ADJ", "PROPN", "ADV"})
# Words that mark a sentence's act as not (yet) real.
MODAL_WORDS = frozenset({"will", "would", "may", "might", "could", "should", "must", "can"})
# Verbs that report speech: the speaker's act is a statement about the other.
SPEECH_LEMMAS = frozenset({"say", "tell", "state", "add", "announce", "report", "declare"})


def _head(doc: Any, mention: Mention) -> Any:
    return doc[mention.head]


def _ancestors(token: Any) -> list[Any]:
    chain = [token]
    while chain[-1].head.i != chain[-1].i and len(chain) < 40:
        chain.append(chain[-1].head)
    return chain


def _path(a: Any, b: Any) -> tuple[list[Any], list[Any], Any | None]:
    """The tokens from a up to the lowest common ancestor, from b up to it, and the ancestor."""
    up_a, up_b = _ancestors(a), _ancestors(b)
    index_b = {t.i: n for n, t in enumerate(up_b)}
    for n, token in enumerate(up_a):
        if token.i in index_b:
            return up_a[:n], up_b[: index_b[token.i]], token
    return up_a, up_b, None


def lexicon_roots(token: Any, lexicon: Lexicon) -> set[str]:
    """The roots a token may trigger by the lexicon: its own code and its frames', or its modal
    family's default."""
    lemma = token.lemma_.lower()
    roots: set[str] = set()
    table = lexicon.verbs if token.pos_ in ("VERB", "AUX") else lexicon.nouns
    entry = table.get(lemma)
    if entry is not None:
        roots.update(c[:2] for c in (entry.code, *(f.code for f in entry.frames)) if c)
    modals = lexicon.modal_verbs if token.pos_ in ("VERB", "AUX") else lexicon.modal_nouns
    modal = modals.get(lemma) or lexicon.modal_adjectives.get(lemma)
    if modal is not None:
        roots.add(modal.default[:2])
    return roots


def _bucket(n: int) -> str:
    return str(n) if n < 4 else ("4-7" if n < 8 else "8+")


def _actor_features(role: str, mention: Mention, doc: Any, lexicon: Lexicon) -> list[str]:
    head = _head(doc, mention)
    governor = head.head if head.dep_ != "pobj" else head.head.head
    return [
        *(f"{role}.governor.lexroot={r}" for r in lexicon_roots(governor, lexicon)),
        f"{role}.method={mention.method}",
        f"{role}.sector={mention.sector}",
        f"{role}.dep={head.dep_}",
        f"{role}.dep={head.dep_}|{head.head.lemma_.lower()}",
        f"{role}.governor={head.head.lemma_.lower()}",
        f"{role}.person={mention.person is not None}",
    ]


def _rule_features(candidate: Candidate) -> list[str]:
    if not candidate.rules:
        return ["rule=none"]
    out = [f"rules={min(len(candidate.rules), 3)}"]
    for p in candidate.rules:
        root = p.code[:2]
        lemma = p.trigger.lemma_.lower()
        out += [
            f"rule.root={root}",
            f"rule.code={p.code}",
            f"rule.trigger={lemma}",
            f"rule.trigger={lemma}|{root}",
            f"rule.pos={p.trigger.pos_}|{root}",
            f"rule.confidence={round(p.confidence, 1)}",
        ]
    return out


def _path_features(doc: Any, source: Mention, target: Mention, lexicon: Lexicon) -> list[str]:
    a, b = _head(doc, source), _head(doc, target)
    up, down, top = _path(a, b)
    out = [f"path.len={_bucket(len(up) + len(down))}"]
    if top is None:
        return [*out, "path=none"]
    out += [
        f"path.lexroot={r}" for t in (*up[1:], *down[1:], top) for r in lexicon_roots(t, lexicon)
    ]
    deps = [t.dep_ for t in up] + ["^"] + [t.dep_ for t in reversed(down)]
    if len(up) + len(down) <= MAX_PATH:
        out.append("path=" + ">".join(deps))
    out.append(f"path.top={top.lemma_.lower()}")
    if len(deps) <= 3:
        out.append(f"path.top={top.lemma_.lower()}|{'>'.join(deps)}")
    out += [f"path.word={t.lemma_.lower()}" for t in (*up[1:], *down[1:]) if t.pos_ in CONTENT_POS]
    out.append(f"path.top.pos={top.pos_}")
    if top.i == a.i or top.i == b.i:
        out.append("path.dominates")
    return out


def _between_features(doc: Any, source: Mention, target: Mention) -> list[str]:
    first, second = (source, target) if source.start <= target.start else (target, source)
    order = "st" if first is source else "ts"
    tokens = [t for t in doc[_head(doc, first).i + 1 : _head(doc, second).i] if t.idx >= first.end]
    out = [f"order={order}", f"between.len={_bucket(len(tokens))}"]
    out += [f"between={order}|{t.lemma_.lower()}" for t in tokens if t.pos_ in CONTENT_POS]
    out += [f"between.prep={order}|{t.lower_}" for t in tokens if t.pos_ == "ADP"]
    return out


def sentence_features(sent: Any, lexicon: Lexicon) -> list[str]:
    """The features a sentence gives every candidate in it (computed once per sentence)."""
    out = []
    for token in sent:
        lemma = token.lemma_.lower()
        if token.pos_ in CONTENT_POS and not token.ent_type_:
            out.append(f"word={lemma}")
        out += [f"lex.root={r}" for r in lexicon_roots(token, lexicon)]
        if token.pos_ == "VERB" and lemma in lexicon.verbs:
            out.append(f"lex.verb={lemma}")
        elif token.pos_ == "NOUN" and lemma in lexicon.nouns:
            out.append(f"lex.noun={lemma}")
        if token.lower_ in MODAL_WORDS:
            out.append(f"modal={token.lower_}")
        if token.pos_ == "VERB" and lemma in SPEECH_LEMMAS:
            out.append("speech")
    root = sent.root
    out += [
        f"sent.root={root.lemma_.lower()}",
        f"sent.negated={is_negated(root)}",
        f"sent.conditional={is_conditional(root)}",
        f"sent.question={sent.text.rstrip().endswith('?')}",
    ]
    return out


def features(
    candidate: Candidate, doc: Any, sent: Any, lexicon: Lexicon, shared: Sequence[str] = ()
) -> list[str]:
    """Every feature of one candidate (unordered, deduplicated by the vectoriser); `shared`: its
    sentence's features, when the caller has them (else they are computed here)."""
    source, target = candidate.source, candidate.target
    out = [
        "bias",
        f"origin={candidate.origin}",
        f"rank.source={candidate.ranks[0]}",
        f"rank.pair={candidate.ranks[0]}>{candidate.ranks[1]}",
        f"rank.pair={candidate.origin}|{candidate.ranks[0]}>{candidate.ranks[1]}",
        *_rule_features(candidate),
        *_actor_features("source", source, doc, lexicon),
        *(shared or sentence_features(sent, lexicon)),
    ]
    if target is None:
        return [*out, "targetless"]
    out += _actor_features("target", target, doc, lexicon)
    if candidate.origin in ("sentence", "rule"):
        out += _path_features(doc, source, target, lexicon)
        out += _between_features(doc, source, target)
    out.append(f"same_actor={source.actor == target.actor}")
    out.append(f"kinds={_kind(source)}>{_kind(target)}")
    return out


def _kind(mention: Mention) -> str:
    return "state" if len(mention.actor) == 3 and mention.actor.isupper() else "other"
