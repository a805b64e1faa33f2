-- Actor mentions: a span of a document resolved to an actor and sector, and how.
CREATE TABLE mentions (
    doc_id VARCHAR NOT NULL,
    sent_index INTEGER NOT NULL,
    start_char INTEGER NOT NULL,
    end_char INTEGER NOT NULL,
    text VARCHAR NOT NULL,
    actor VARCHAR NOT NULL,
    sector VARCHAR,
    method VARCHAR NOT NULL,
    head_token INTEGER NOT NULL,
    person VARCHAR
);

ALTER TABLE documents ADD COLUMN actors_version VARCHAR;
