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
  // The directory_version setting ("0" when never set), and raising it.
  std::string directory_version();
  void bump_directory_version();

  // The team's active professionals with their current caseloads.
  std::vector<domain::AssignmentCandidate> assignment_candidates(std::int64_t team_id);
  std::optional<int> caseload_cap(std::int64_t team_id);
  std::optional<std::int64_t> team_id_by_name(const std::string& name);
  // Serialises assignments within one team, so two residents who ask at the
  // same moment cannot both take the last place under the cap. SQLite's
  // write transaction already serialises; PostgreSQL locks the team row.
  void lock_team_for_assignment(std::int64_t team_id);

 private:
  Connection& connection_;
};

}  // namespace gezicht::storage
