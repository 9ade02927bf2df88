-- Mail waiting to be sent: a login code, an invitation, a confirmation of a
-- request for help, an invitation to give feedback. Written in the same
-- transaction as what it tells of, so that a crash loses neither, and sent by
-- whichever server finds it due (web/mail_dispatcher.cpp). A row lives until
-- the message is handed to the mail server, or until send_before: a code or
-- a link is not worth sending once it has expired. Its values are the words
-- of the message (a code, a link), so rows are removed as soon as they are
-- sent.
CREATE TABLE mail_queue (
  id              INTEGER PRIMARY KEY,
  kind            TEXT NOT NULL,     -- login_code, invitation, ...: the texts mail.<kind>.*
  to_address      TEXT NOT NULL,
  language        TEXT NOT NULL,
  queued_at       INTEGER NOT NULL,  -- UTC seconds
  send_before     INTEGER NOT NULL,  -- UTC seconds
  next_attempt_at INTEGER NOT NULL,  -- UTC seconds; a sender that takes the row moves it on (a lease)
  attempts        INTEGER NOT NULL DEFAULT 0 CHECK (attempts >= 0),
  last_error      TEXT
);
CREATE INDEX mail_queue_due ON mail_queue (next_attempt_at);

CREATE TABLE mail_queue_values (
  mail_id INTEGER NOT NULL REFERENCES mail_queue(id) ON DELETE CASCADE,
  name    TEXT NOT NULL,
  value   TEXT NOT NULL,
  PRIMARY KEY (mail_id, name)
);
