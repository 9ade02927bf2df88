-- The throttles' counts (failed logins per account and per client address,
-- login codes asked, requests for help sent, failed status look-ups and
-- DigiD returns), each in a window that starts at its first event. In the
-- database, not in a server's memory, so that every server counts the same:
-- a guesser gains nothing by spreading tries over servers, and a restart
-- forgets nothing. A row lives as long as its window (service/rate_window.cpp
-- removes ended ones as it goes); it holds an address or a username, never
-- more.
CREATE TABLE rate_windows (
  scope        TEXT NOT NULL,
  subject      TEXT NOT NULL,
  window_start INTEGER NOT NULL,  -- UTC seconds
  events       INTEGER NOT NULL CHECK (events > 0),
  PRIMARY KEY (scope, subject)
);
