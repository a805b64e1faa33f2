-- Cross-document merging: the same real event reported by several documents is one merged event.
ALTER TABLE events ADD COLUMN merged_id VARCHAR;

CREATE TABLE merged_events (
    merged_id VARCHAR NOT NULL,
    source VARCHAR NOT NULL,
    target VARCHAR,
    root VARCHAR NOT NULL,
    code VARCHAR NOT NULL,          -- the most frequent code among its reports
    date VARCHAR,                   -- the most precise date among its reports
    n_docs INTEGER NOT NULL,
    n_reports INTEGER NOT NULL,
    doc_ids VARCHAR[] NOT NULL,
    first_report VARCHAR,           -- earliest publication date of a reporting document
    last_report VARCHAR,
    evidence VARCHAR NOT NULL       -- the first report's sentence
);
