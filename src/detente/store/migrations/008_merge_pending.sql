-- What the merged events have not caught up with yet. Every write notes each event it removes
-- ('removed', with the merged event it belonged to) and each it adds ('added'); a 'whole' row asks
-- for the key's merged events to be rebuilt from all its reports. The merge
-- (analysis/remerge.py) reworks only what those rows touch, then clears them in the same
-- transaction: a run cut short leaves them for the next.
CREATE TABLE merge_pending (
    source VARCHAR NOT NULL,
    target VARCHAR,
    root VARCHAR NOT NULL,
    change VARCHAR NOT NULL,   -- removed | added | whole
    doc_id VARCHAR,
    event_id VARCHAR,
    date_start DATE,
    merged_id VARCHAR,
    -- what the merge compared of a removed report: a report rewritten under the same id may
    -- have changed them
    code VARCHAR,
    date_precision VARCHAR,
    evidence VARCHAR
);
-- Stores merged before this version: rebuild every key once (the merge's tie-break changed).
INSERT INTO merge_pending (source, target, root, change)
SELECT DISTINCT source, target, root, 'whole' FROM events;
