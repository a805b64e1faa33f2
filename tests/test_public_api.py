from __future__ import annotations

import types

import detente


def test_public_api_all_is_explicit_and_importable() -> None:
    assert len(detente.__all__) == len(set(detente.__all__))
    for name in detente.__all__:
        assert hasattr(detente, name), name
    # Anything else public on the package is a submodule, never a stray name.
    extra = {n for n in dir(detente) if not n.startswith("_")} - set(detente.__all__)
    assert all(isinstance(getattr(detente, n), types.ModuleType) for n in extra - {"annotations"})
