#pragma once
// What a team lead oversees: each professional's caseload against the
// team's cap, and the requests that were assigned over it.

#include <cstdint>
#include <string>
#include <vector>

#include "domain/continuity.hpp"
#include "domain/household.hpp"
#include "storage/database.hpp"
#include "storage/records.hpp"

namespace gezicht::storage {

struct TeamCaseloadRow {
  std::int64_t user_id = 0;
  std::string name;
  int households = 0;  // households with this person as fixed contact, as the assignment counts them
  int open_referrals = 0;
  int overdue_referrals = 0;  // open, and the promised day has passed
};

struct OverCapAssignmentRow {
  std::string reference;
  std::string created_at;
  std::int64_t contact_id = 0;
  std::string contact_name;
  bool first_contact_made = false;
};

// What a household's continuity is computed from: when it met whom (no
// channel, no words), and the changes of its fixed contact.
struct HouseholdContinuityFacts {
  std::vector<domain::Contact> contacts_since;
  std::vector<domain::FixedContactChange> fixed_contact_changes;  // newest first
};

// A request that still waits for its first contact.
struct OpenPromiseRow {
  std::string reference;
  std::string promised_by;
  std::int64_t contact_id = 0;
  std::string contact_name;
};

class TeamRepository {
 public:
  explicit TeamRepository(Connection& connection) : connection_(connection) {}

  // The team's active professionals, by name. `today` (YYYY-MM-DD) decides overdue.
  std::vector<TeamCaseloadRow> caseloads(std::int64_t team_id, const std::string& today);
  // Requests of the team assigned while everybody was at the cap, created at
  // or after `since`, the newest first.
  std::vector<OverCapAssignmentRow> over_cap_assignments(std::int64_t team_id, const std::string& since, int limit);
  HouseholdContinuityFacts household_continuity(std::int64_t household_id, const std::string& since);
  // The household's requests without a first contact yet, the earliest promise first.
  std::vector<OpenPromiseRow> open_promises(std::int64_t household_id);

 private:
  Connection& connection_;
};

}  // namespace gezicht::storage
