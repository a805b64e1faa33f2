-- Events: one row per event as one document reports it; event_mentions: each report of it.
CREATE TABLE events (
    doc_id VARCHAR NOT NULL,
    event_id VARCHAR NOT NULL,
    source VARCHAR NOT NULL,
    source_sector VARCHAR,
    target VARCHAR,
    target_sector VARCHAR,
    code VARCHAR NOT NULL,
    root VARCHAR NOT NULL,
    quad_class INTEGER NOT NULL,
    goldstein DOUBLE NOT NULL,
    plover VARCHAR,
    date VARCHAR,                 -- YYYY, YYYY-MM or YYYY-MM-DD
    date_start DATE,              -- the first day of `date`, for range queries
    date_precision VARCHAR,       -- year | month | day
    date_source VARCHAR NOT NULL, -- text | document | none
    trigger VARCHAR NOT NULL,
    confidence DOUBLE NOT NULL,
    sent_index INTEGER NOT NULL,  -- the first report
    start_char INTEGER NOT NULL,
    end_char INTEGER NOT NULL,
    evidence VARCHAR NOT NULL,
    n_mentions INTEGER NOT NULL,
    lexicon_version VARCHAR NOT NULL,
    ontology_version VARCHAR NOT NULL,
    engine_version VARCHAR NOT NULL
);

CREATE TABLE event_mentions (
    doc_id VARCHAR NOT NULL,
    event_id VARCHAR NOT NULL,
    sent_index INTEGER NOT NULL,
    start_char INTEGER NOT NULL,
    end_char INTEGER NOT NULL,
    trigger_start INTEGER NOT NULL,
    trigger_end INTEGER NOT NULL
);
