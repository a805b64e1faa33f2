"""detente: news articles in, CAMEO-coded political events out, offline.

The public API (everything else is internal and may change):

    import detente
    store = detente.open("demo.duckdb")             # a handle on a store (see library.py)
    store.events(actor="BLR", since="2016").df()    # pandas; .arrow(), .pl(), or iterate dicts
    store.dyads(actor="BLR", by="year").df()

    from detente import load_settings, ingest, list_documents, get_document, open_store
    settings = load_settings()                      # defaults → detente.toml → DETENTE_* env
    summary = ingest(["examples/"], settings=settings)
    for row in list_documents(settings=settings): ...
"""

from __future__ import annotations

from detente._version import __version__
from detente.config import Settings, load_settings
from detente.errors import DetenteError, ValidationError
from detente.library import Result
from detente.library import open_store as open
from detente.operations import (
    IngestSummary,
    get_document,
    ingest,
    list_documents,
    list_mentions,
)
from detente.store import Store, open_store
from detente.types import Document, Failure, Mention, Sentence

__all__ = [
    "DetenteError",
    "Document",
    "Failure",
    "IngestSummary",
    "Mention",
    "Result",
    "Sentence",
    "Settings",
    "Store",
    "ValidationError",
    "__version__",
    "get_document",
    "ingest",
    "list_documents",
    "list_mentions",
    "load_settings",
    "open",
    "open_store",
]
