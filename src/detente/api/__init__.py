"""The REST API and the dashboard of `detente serve`: one FastAPI application (needs the `api` extra)."""

from detente.api.app import create_app

__all__ = ["create_app"]
