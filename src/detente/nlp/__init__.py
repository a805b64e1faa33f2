"""NLP: the spaCy pipeline, loaded once per process."""

from detente.nlp.pipeline import MODEL_PACKAGE, load_nlp, nonblank_sents, sentences_of

__all__ = ["MODEL_PACKAGE", "load_nlp", "nonblank_sents", "sentences_of"]
