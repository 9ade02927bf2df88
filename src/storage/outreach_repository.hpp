#pragma once
// Time in the neighbourhood (migration 022): one professional's walk-in
// hours, outreach rounds and community activities.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "domain/outreach.hpp"
#include "storage/database.hpp"

namespace gezicht::storage {

struct OutreachRow {
  std::int64_t id = 0;
  std::int64_t team_id = 0;
  std::int64_t user_id = 0;
  std::string kind;
  std::string place;
  std::string address;
  std::string starts_at;  // UTC timestamps
  std::string ends_at;
  std::optional<int> residents_met;
  bool on_front_door = true;
  std::string recorded_at;
};

class OutreachRepository {
 public:
  explicit OutreachRepository(Connection& connection) : connection_(connection) {}

  std::int64_t insert(std::int64_t team_id, std::int64_t user_id, const domain::ValidOutreach& outreach,
                      const std::string& recorded_at);
  std::optional<OutreachRow> find(std::int64_t id);
  void set_residents_met(std::int64_t id, int residents_met);
  void remove(std::int64_t id);
  // One person's time starting in [from, to), the latest first, at most `limit`.
  std::vector<OutreachRow> of_user(std::int64_t user_id, const std::string& from, const std::string& to, int limit);
  // Time on the front door that has not ended at `now`, for the directory's snapshot.
  std::vector<domain::OutreachListing> listed_from(const std::string& now);

 private:
  Connection& connection_;
};

}  // namespace gezicht::storage
