-- Documents and their sentences. No PRIMARY KEY constraints: DuckDB checks them eagerly, so a
-- delete and re-insert of the same key inside one transaction (a --force reprocess) would fail.
-- Uniqueness of doc_id is kept by the writer, which deletes a document's rows before inserting.
CREATE TABLE documents (
    doc_id VARCHAR NOT NULL,
    title VARCHAR,
    published VARCHAR,            -- YYYY, YYYY-MM or YYYY-MM-DD, as precise as known
    published_date DATE,          -- the first day of `published`, for range queries
    published_inferred BOOLEAN NOT NULL,
    source VARCHAR,
    url VARCHAR,
    path VARCHAR,
    language VARCHAR NOT NULL,
    content_hash VARCHAR NOT NULL,
    raw_text VARCHAR NOT NULL,
    text VARCHAR NOT NULL,
    n_sentences INTEGER NOT NULL,
    coded BOOLEAN NOT NULL,       -- false for documents not in English
    engine_version VARCHAR NOT NULL,
    ingested_at TIMESTAMP NOT NULL
);

CREATE TABLE sentences (
    doc_id VARCHAR NOT NULL,
    sent_index INTEGER NOT NULL,
    start_char INTEGER NOT NULL,
    end_char INTEGER NOT NULL,
    text VARCHAR NOT NULL
);
