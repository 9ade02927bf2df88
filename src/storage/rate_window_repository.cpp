#include "storage/rate_window_repository.hpp"

namespace gezicht::storage {

std::optional<RateWindowRow> RateWindowRepository::find(const std::string& scope, const std::string& subject) {
  auto row = query(connection_, "SELECT window_start, events FROM rate_windows WHERE scope = ? AND subject = ?", scope,
                   subject);
  if (!row->step()) return std::nullopt;
  return RateWindowRow{row->int64(0), row->int64(1)};
}

RateWindowRow RateWindowRepository::count(const std::string& scope, const std::string& subject, std::int64_t now,
                                          std::int64_t ended_at_or_before) {
  // SET reads the row as it was before the update, in both databases.
  auto row = query(connection_,
                   "INSERT INTO rate_windows (scope, subject, window_start, events) VALUES (?, ?, ?, 1) "
                   "ON CONFLICT (scope, subject) DO UPDATE SET "
                   "events = CASE WHEN rate_windows.window_start <= ? THEN 1 ELSE rate_windows.events + 1 END, "
                   "window_start = CASE WHEN rate_windows.window_start <= ? THEN excluded.window_start "
                   "ELSE rate_windows.window_start END "
                   "RETURNING window_start, events",
                   scope, subject, now, ended_at_or_before, ended_at_or_before);
  if (!row->step()) throw DatabaseError("counting in rate_windows returned no row");
  return RateWindowRow{row->int64(0), row->int64(1)};
}

void RateWindowRepository::clear(const std::string& scope, const std::string& subject) {
  exec(connection_, "DELETE FROM rate_windows WHERE scope = ? AND subject = ?", scope, subject);
}

void RateWindowRepository::remove_ended(const std::string& scope, std::int64_t ended_at_or_before) {
  exec(connection_, "DELETE FROM rate_windows WHERE scope = ? AND window_start <= ?", scope, ended_at_or_before);
}

}  // namespace gezicht::storage
