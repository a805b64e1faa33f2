-- The version of the prefilter that chose which sentences of the event's document were parsed
-- (NULL: every sentence was, `--no-prefilter`), beside the coder's versions.
ALTER TABLE events ADD COLUMN prefilter_version VARCHAR;
