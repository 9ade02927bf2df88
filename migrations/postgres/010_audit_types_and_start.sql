-- The audit trail: stored types that match the columns, and a start that
-- only retention moves.
--
-- Each entry records its hash format: 1 for the entries before this
-- migration (they keep verifying as they were written), 2 for new ones,
-- whose hash covers each field's type too (service/audit_chain.cpp).
-- PostgreSQL's columns keep their types unless altered; verification reads
-- pg_typeof of each value, so an altered column shows.
ALTER TABLE audit_log ADD COLUMN hash_format BIGINT NOT NULL DEFAULT 1;
ALTER TABLE audit_log ALTER COLUMN hash_format DROP DEFAULT;

-- The head moves only forward, to an entry that was appended. The start
-- moves only forward, to right after an entry that is still there, and only
-- when the newest entry is retention's saying so, with the start's number
-- and hash (service/audit_chain.cpp, anchor_move_purpose); otherwise cutting
-- the start of the trail would be one UPDATE and one DELETE.
CREATE FUNCTION audit_chain_moves() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  named TEXT;
BEGIN
  IF TG_OP = 'UPDATE' AND NEW.id = OLD.id THEN
    IF NEW.first_seq = OLD.first_seq AND NEW.first_prev_hash = OLD.first_prev_hash THEN
      IF NEW.last_seq = OLD.last_seq AND NEW.last_hash = OLD.last_hash THEN
        RETURN NEW;
      END IF;
      IF NEW.last_seq > OLD.last_seq
         AND EXISTS (SELECT 1 FROM audit_log WHERE seq = NEW.last_seq AND hash = NEW.last_hash) THEN
        RETURN NEW;
      END IF;
    ELSIF NEW.last_seq = OLD.last_seq AND NEW.last_hash = OLD.last_hash AND NEW.first_seq > OLD.first_seq THEN
      named := '; the chain starts at ' || NEW.first_seq || ' after ' || NEW.first_prev_hash;
      IF EXISTS (SELECT 1 FROM audit_log WHERE seq = NEW.first_seq - 1 AND hash = NEW.first_prev_hash)
         AND EXISTS (SELECT 1 FROM audit_log
                     WHERE seq = NEW.last_seq AND actor_role = 'system' AND part = 'audit_log'
                       AND action = 'delete' AND right(purpose, length(named)) = named) THEN
        RETURN NEW;
      END IF;
    END IF;
  END IF;
  RAISE EXCEPTION 'audit_chain moves only by appends, and its start only by retention';
END;
$$;
CREATE TRIGGER audit_chain_moves BEFORE INSERT OR UPDATE OR DELETE ON audit_chain
  FOR EACH ROW EXECUTE FUNCTION audit_chain_moves();

-- TRUNCATE fires no row triggers.
CREATE FUNCTION audit_no_truncate() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION '% is append-only', TG_TABLE_NAME;
END;
$$;
CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
  FOR EACH STATEMENT EXECUTE FUNCTION audit_no_truncate();
CREATE TRIGGER audit_chain_no_truncate BEFORE TRUNCATE ON audit_chain
  FOR EACH STATEMENT EXECUTE FUNCTION audit_no_truncate();
