-- The (source, target, root) keys whose merged events are out of date: every write adds the keys
-- of the events it removes and of those it adds, and the merge (analysis/remerge.py) recomputes
-- those keys only, then clears them in the same transaction. A run cut short leaves its keys
-- here, and the next merge finishes the work.
CREATE TABLE merge_pending (source VARCHAR NOT NULL, target VARCHAR, root VARCHAR NOT NULL);
