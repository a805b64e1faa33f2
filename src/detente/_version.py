"""The engine version, recorded with every stored document and event."""

__version__ = "0.1.0"
