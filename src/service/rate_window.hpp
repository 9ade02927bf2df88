#pragma once
// Counts events per subject (a username, a client address) in a window that
// starts at the subject's first event, for the throttles of login,
// self-referral, login codes, status look-ups and DigiD. The counts are in
// the database (storage/rate_window_repository.hpp), so every server sees
// the same; ended windows are removed as counting goes on.

#include <atomic>
#include <cstdint>
#include <string>
#include <string_view>

#include "storage/database.hpp"
#include "storage/rate_window_repository.hpp"

namespace gezicht::service {

class RateWindow {
 public:
  RateWindow(std::string scope, std::int64_t window_seconds)
      : scope_(std::move(scope)), window_seconds_(window_seconds) {}

  // Seconds until `subject` is below `limit` events again; 0 when it is now.
  std::int64_t wait(storage::Connection& connection, std::string_view subject, int limit, std::int64_t now) const;
  // One more event; returns the window's count with it, so that a caller
  // in a transaction can refuse the event atomically (count_over).
  std::int64_t count(storage::Connection& connection, std::string_view subject, std::int64_t now);
  // Counts one more event and returns the seconds until `subject` may have
  // another when this one took it past `limit`; 0 when within it. Counting
  // and checking in one statement: two servers at once cannot both pass.
  std::int64_t count_over(storage::Connection& connection, std::string_view subject, int limit, std::int64_t now);
  void clear(storage::Connection& connection, std::string_view subject);
  std::int64_t window_seconds() const { return window_seconds_; }

 private:
  storage::RateWindowRow counted(storage::Connection& connection, std::string_view subject, std::int64_t now);
  // The last moment a window may have started and still be over at `now`.
  std::int64_t ended_at_or_before(std::int64_t now) const { return now - window_seconds_; }
  std::string scope_;
  std::int64_t window_seconds_;
  std::atomic<std::uint32_t> counted_{0};  // ended windows are removed every so many counts
};

}  // namespace gezicht::service
