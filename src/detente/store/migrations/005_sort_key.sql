-- One BIGINT that orders the event list (date, undated last; then the order events were stored:
-- a document's events by position). Sorting on one integer keeps the paged event list fast on
-- millions of events; store.duckdb.assign_sort_keys() numbers new rows after every write.
ALTER TABLE events ADD COLUMN sort_key BIGINT;
