-- The version of the learned coder that coded each event (NULL: the hand-written rules alone),
-- beside its lexicon and ontology versions, so that a store says which coder made its events.
ALTER TABLE events ADD COLUMN model_version VARCHAR;
