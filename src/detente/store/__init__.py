"""Store: one DuckDB file; schema in numbered migrations; each document written in one transaction."""

from detente.store.duckdb import Store, open_store

__all__ = ["Store", "open_store"]
