#include "service/rate_window.hpp"

#include <algorithm>

#include "storage/rate_window_repository.hpp"

namespace gezicht::service {
namespace {

// Subjects are bounded: a username is at most what a login form carries.
constexpr std::size_t max_subject_length = 256;
// Every this many counts, the scope's ended windows are removed.
constexpr std::uint32_t counts_between_cleanups = 256;

std::string subject_of(std::string_view text) { return std::string(text.substr(0, max_subject_length)); }

}  // namespace

std::int64_t RateWindow::wait(storage::Connection& connection, std::string_view subject, int limit,
                              std::int64_t now) const {
  const auto row = storage::RateWindowRepository(connection).find(scope_, subject_of(subject));
  if (!row || row->window_start <= ended_at_or_before(now) || row->events < limit) return 0;
  return std::max<std::int64_t>(row->window_start + window_seconds_ - now, 0);
}

std::int64_t RateWindow::count(storage::Connection& connection, std::string_view subject, std::int64_t now) {
  return counted(connection, subject, now).events;
}

std::int64_t RateWindow::count_over(storage::Connection& connection, std::string_view subject, int limit,
                                    std::int64_t now) {
  const auto window = counted(connection, subject, now);
  if (window.events <= limit) return 0;
  return std::max<std::int64_t>(window.window_start + window_seconds_ - now, 1);
}

storage::RateWindowRow RateWindow::counted(storage::Connection& connection, std::string_view subject,
                                           std::int64_t now) {
  storage::RateWindowRepository repository(connection);
  const auto window = repository.count(scope_, subject_of(subject), now, ended_at_or_before(now));
  if (counted_.fetch_add(1, std::memory_order_relaxed) % counts_between_cleanups == counts_between_cleanups - 1) {
    repository.remove_ended(scope_, ended_at_or_before(now));
  }
  return window;
}

void RateWindow::clear(storage::Connection& connection, std::string_view subject) {
  storage::RateWindowRepository(connection).clear(scope_, subject_of(subject));
}

}  // namespace gezicht::service
