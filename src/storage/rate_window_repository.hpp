#pragma once
// The throttles' counts per scope and subject (migration 024).

#include <cstdint>
#include <optional>
#include <string>

#include "storage/database.hpp"

namespace gezicht::storage {

struct RateWindowRow {
  std::int64_t window_start = 0;
  std::int64_t events = 0;
};

class RateWindowRepository {
 public:
  explicit RateWindowRepository(Connection& connection) : connection_(connection) {}

  std::optional<RateWindowRow> find(const std::string& scope, const std::string& subject);
  // One more event, in one statement, so that two servers counting at once
  // both count: the window starts again at `now` when it started at or
  // before `ended_at_or_before`, otherwise its count goes up by one. Returns
  // the window as this event left it.
  RateWindowRow count(const std::string& scope, const std::string& subject, std::int64_t now,
                      std::int64_t ended_at_or_before);
  void clear(const std::string& scope, const std::string& subject);
  void remove_ended(const std::string& scope, std::int64_t ended_at_or_before);

 private:
  Connection& connection_;
};

}  // namespace gezicht::storage
