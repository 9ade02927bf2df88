#include "domain/access_log.hpp"

namespace gezicht::domain {
namespace {

bool same_person(const LoggedAccess& a, const LoggedAccess& b) {
  return a.actor_user_id == b.actor_user_id && a.actor_name == b.actor_name;
}

}  // namespace

std::vector<AccessLogLine> group_access_log(const std::vector<LoggedAccess>& newest_first) {
  std::vector<AccessLogLine> lines;
  for (std::size_t i = 0; i < newest_first.size(); ++i) {
    const auto& entry = newest_first[i];
    if (!lines.empty() && entry.denied) {
      auto& last = lines.back();
      const auto& previous = newest_first[last.first];
      if (previous.denied && same_person(previous, entry)) {
        ++last.count;
        continue;
      }
    }
    lines.push_back({i, 1});
  }
  return lines;
}

bool is_pinned_access(const LoggedAccess& entry) {
  if (entry.denied) return false;
  return entry.action == "emergency_access" || (entry.part == "sharing" && entry.action != "read");
}

}  // namespace gezicht::domain
