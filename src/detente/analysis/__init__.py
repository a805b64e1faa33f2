"""Analysis: pure functions over stored events (dyads, the multi-vector index, merging)."""
