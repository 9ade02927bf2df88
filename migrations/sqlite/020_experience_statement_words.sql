-- The words of each statement of a set that a municipality adds
-- (`gezicht experience add-statements`), in every language residents read.
-- Version 1's words are in the translations; a set never changes once added.
CREATE TABLE experience_statement_words (
  set_version INTEGER NOT NULL REFERENCES experience_statement_sets(version),
  statement   TEXT NOT NULL,
  language    TEXT NOT NULL,
  words       TEXT NOT NULL,
  PRIMARY KEY (set_version, statement, language)
);
