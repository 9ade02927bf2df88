-- The audit trail: stored types that match the columns, and a start that
-- only retention moves.
--
-- A value stored as another type (household_id or action as a BLOB) no
-- longer matches `household_id = ?` or `action = 'emergency_access'`, so it
-- hid entries from the access log and the auditor while the hash, which read
-- every value as text, still held. audit_log is rebuilt STRICT, so SQLite
-- refuses such a value, and each entry records its hash format: 1 for the
-- entries before this migration (they keep verifying as they were written),
-- 2 for new ones, whose hash covers each field's type too
-- (service/audit_chain.cpp). An existing entry that already holds a value of
-- another type makes this migration fail: that is tampering to look into,
-- not something to convert away.
CREATE TABLE audit_log_new (
  seq            INTEGER PRIMARY KEY,
  at             TEXT NOT NULL,
  actor_user_id  INTEGER,
  actor_name     TEXT NOT NULL,
  actor_role     TEXT NOT NULL,
  organisation   TEXT NOT NULL,
  on_behalf_of   TEXT NOT NULL,
  household_id   INTEGER,
  part           TEXT NOT NULL,
  action         TEXT NOT NULL,
  result         TEXT NOT NULL,
  client_address TEXT NOT NULL,
  purpose        TEXT NOT NULL,
  route          TEXT NOT NULL,
  prev_hash      TEXT NOT NULL,
  hash           TEXT NOT NULL,
  hash_format    INTEGER NOT NULL  -- 1: fields as text; 2: fields with their types
) STRICT;
INSERT INTO audit_log_new
  SELECT seq, at, actor_user_id, actor_name, actor_role, organisation, on_behalf_of, household_id, part, action,
         result, client_address, purpose, route, prev_hash, hash, 1
  FROM audit_log;

CREATE TABLE audit_chain_new (
  id              INTEGER PRIMARY KEY CHECK (id = 1),
  last_seq        INTEGER NOT NULL,
  last_hash       TEXT NOT NULL,
  first_seq       INTEGER NOT NULL,
  first_prev_hash TEXT NOT NULL
) STRICT;
INSERT INTO audit_chain_new SELECT id, last_seq, last_hash, first_seq, first_prev_hash FROM audit_chain;

-- Both old tables go (with their triggers) before either is renamed: SQLite
-- refuses a rename while a trigger names a table that is not there.
DROP TABLE audit_log;
DROP TABLE audit_chain;
ALTER TABLE audit_log_new RENAME TO audit_log;
ALTER TABLE audit_chain_new RENAME TO audit_chain;
CREATE INDEX audit_log_household ON audit_log(household_id, seq);
CREATE INDEX audit_log_actor ON audit_log(actor_user_id, seq);

CREATE TRIGGER audit_log_append_only_update BEFORE UPDATE ON audit_log
BEGIN
  SELECT RAISE(ABORT, 'audit_log is append-only');
END;
-- Only retention removes entries, and only those before the chain's start.
CREATE TRIGGER audit_log_append_only_delete BEFORE DELETE ON audit_log
WHEN OLD.seq >= (SELECT first_seq FROM audit_chain WHERE id = 1)
BEGIN
  SELECT RAISE(ABORT, 'audit_log is append-only');
END;

-- The head moves only forward, to an entry that was appended. The start
-- moves only forward, to right after an entry that is still there, and only
-- when the newest entry is retention's saying so, with the start's number
-- and hash (service/audit_chain.cpp, anchor_move_purpose); otherwise cutting
-- the start of the trail would be one UPDATE and one DELETE.
CREATE TRIGGER audit_chain_moves BEFORE UPDATE ON audit_chain
WHEN NOT (
  NEW.id = OLD.id AND (
    (NEW.first_seq = OLD.first_seq AND NEW.first_prev_hash = OLD.first_prev_hash
     AND ((NEW.last_seq = OLD.last_seq AND NEW.last_hash = OLD.last_hash)
          OR (NEW.last_seq > OLD.last_seq
              AND EXISTS (SELECT 1 FROM audit_log WHERE seq = NEW.last_seq AND hash = NEW.last_hash))))
    OR
    (NEW.last_seq = OLD.last_seq AND NEW.last_hash = OLD.last_hash AND NEW.first_seq > OLD.first_seq
     AND EXISTS (SELECT 1 FROM audit_log WHERE seq = NEW.first_seq - 1 AND hash = NEW.first_prev_hash)
     AND EXISTS (SELECT 1 FROM audit_log
                 WHERE seq = NEW.last_seq AND actor_role = 'system' AND part = 'audit_log' AND action = 'delete'
                   AND substr(purpose, -length('; the chain starts at ' || NEW.first_seq || ' after ' ||
                                               NEW.first_prev_hash)) =
                       '; the chain starts at ' || NEW.first_seq || ' after ' || NEW.first_prev_hash))))
BEGIN
  SELECT RAISE(ABORT, 'audit_chain moves only by appends, and its start only by retention');
END;
CREATE TRIGGER audit_chain_no_insert BEFORE INSERT ON audit_chain
BEGIN
  SELECT RAISE(ABORT, 'audit_chain has exactly one row');
END;
CREATE TRIGGER audit_chain_no_delete BEFORE DELETE ON audit_chain
BEGIN
  SELECT RAISE(ABORT, 'audit_chain has exactly one row');
END;
