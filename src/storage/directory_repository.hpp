#pragma once
// Neighbourhoods, teams, walk-in hours and settings.

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "domain/directory.hpp"
#include "domain/fixed_contact_assigner.hpp"
#include "storage/database.hpp"

namespace gezicht::storage {

class DirectoryRepository {
 public:
  explicit DirectoryRepository(Connection& connection) : connection_(connection) {}

  // Everything a resident may see, with only active professionals and team leads.
  domain::Directory load_directory();
  std::map<std::string, std::string> load_settings();
  void set_setting(const std::string& key, const std::string& value);
  // Removes every setting whose key starts with `prefix` (a theme's tokens, before new ones).
  void remove_settings_with_prefix(const std::string& prefix);
  // The directory_version setting ("0" when never set), and raising it.
  std::string directory_version();
  void bump_directory_version();

  // The team's active professionals with their current caseloads.
  std::vector<domain::AssignmentCandidate> assignment_candidates(std::int64_t team_id);
  std::optional<int> caseload_cap(std::int64_t team_id);
  std::optional<std::int64_t> team_id_by_name(const std::string& name);
  // Set-up from a directory import: insert or update by name, and replace
  // a team's walk-in hours or a neighbourhood's postcode ranges whole.
  std::int64_t upsert_team(const std::string& name, const std::string& phone, const std::string& email,
                           int caseload_cap);
  void replace_walk_in_hours(std::int64_t team_id, const std::vector<domain::WalkInHour>& hours);
  std::int64_t upsert_neighbourhood(const std::string& name, std::int64_t team_id);
  void replace_postcode_ranges(std::int64_t neighbourhood_id, const std::vector<domain::PostcodeRange>& ranges);
  // Every stored range with the name of its neighbourhood.
  std::vector<std::pair<std::string, domain::PostcodeRange>> all_postcode_ranges();

  // Serialises assignments within one team, so two residents who ask at the
  // same moment cannot both take the last place under the cap. SQLite's
  // write transaction already serialises; PostgreSQL locks the team row.
  void lock_team_for_assignment(std::int64_t team_id);

 private:
  Connection& connection_;
};

}  // namespace gezicht::storage
