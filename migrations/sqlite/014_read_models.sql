-- The read models the database keeps for this build, each with the format
-- it was built in and the SQL that removes it (storage/read_models.cpp):
-- a build with another format, or without the model, removes it with that
-- SQL and builds its own, whatever the old one was called.
CREATE TABLE read_models (
  name TEXT PRIMARY KEY,
  format_version BIGINT NOT NULL,
  drop_sql TEXT NOT NULL,
  built_at TEXT NOT NULL
);
