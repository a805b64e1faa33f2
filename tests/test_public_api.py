from __future__ import annotations

import detente


def test_public_api_all_is_explicit_and_importable() -> None:
    assert sorted(detente.__all__) == sorted(set(detente.__all__))
    for name in detente.__all__:
        assert hasattr(detente, name), name
    public = {n for n in dir(detente) if not n.startswith("_")}
    assert public - set(detente.__all__) <= {
        "annotations",
        "config",
        "errors",
        "operations",
        "store",
        "types",
        "ingest",
        "nlp",
        "coding",
        "actors",
        "events",
        "analysis",
        "cli",
    }
