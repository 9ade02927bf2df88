#pragma once
// The access log as a resident reads it ("who looked at my file?"): lines
// instead of raw entries, so that nobody can bury what matters under noise.
// Pure rules; the service reads the entries and the page shows the lines.

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace gezicht::domain {

// What the rules need of one entry of the trail.
struct LoggedAccess {
  std::optional<std::int64_t> actor_user_id;
  std::string actor_name;
  std::string part;
  std::string action;
  bool denied = false;
};

// One line of the log: entries[first] to entries[first + count - 1].
struct AccessLogLine {
  std::size_t first = 0;
  std::size_t count = 1;
};

// Groups the entries (newest first) into lines: a run of refusals of one
// person in a row becomes one line with a count (500 refused attempts are
// one line, not 500); every other entry is a line of its own.
std::vector<AccessLogLine> group_access_log(const std::vector<LoggedAccess>& newest_first);

// Entries a resident must always see first, whatever came after them:
// someone breaking the glass, and every decision to share the record (a
// refused attempt to share is not one).
bool is_pinned_access(const LoggedAccess& entry);

// Page sizes of the access log: the default, and the most one page shows.
inline constexpr int access_log_default_lines = 50;
inline constexpr int access_log_max_lines = 200;

}  // namespace gezicht::domain
