"""NLP: the spaCy pipeline, loaded once per process, and the partial parse of a prefiltered text."""

from detente.nlp.pipeline import (
    MODEL_PACKAGE,
    load_nlp,
    nonblank_sents,
    sentences_of,
    unparsed_sentences,
)

__all__ = ["MODEL_PACKAGE", "load_nlp", "nonblank_sents", "sentences_of", "unparsed_sentences"]
