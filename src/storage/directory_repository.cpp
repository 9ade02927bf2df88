#include "storage/directory_repository.hpp"

#include <unordered_map>

#include "storage/language_list.hpp"
#include "storage/settings_keys.hpp"

namespace gezicht::storage {

domain::Directory DirectoryRepository::load_directory() {
  domain::Directory directory;
  std::unordered_map<std::int64_t, std::size_t> team_index;
  auto teams = query(connection_, "SELECT id, name, phone, email, caseload_cap FROM teams ORDER BY name");
  while (teams->step()) {
    team_index[teams->int64(0)] = directory.teams.size();
    directory.teams.push_back(
        {teams->int64(0), teams->text(1), teams->text(2), teams->text(3), static_cast<int>(teams->int64(4)), {}, {}});
  }
  auto hours = query(connection_,
                     "SELECT team_id, weekday, opens, closes, place, address FROM walk_in_hours "
                     "ORDER BY team_id, weekday, opens");
  while (hours->step()) {
    directory.teams[team_index.at(hours->int64(0))].walk_in.push_back(
        {static_cast<int>(hours->int64(1)), hours->text(2), hours->text(3), hours->text(4), hours->text(5)});
  }
  // Professionals first, then the team lead, each by name.
  auto people = query(connection_,
                      "SELECT id, name, role, job_title, phone, languages, photo_url, team_id FROM users "
                      "WHERE active = 1 AND team_id IS NOT NULL AND role IN ('professional', 'teamlead') "
                      "ORDER BY team_id, CASE role WHEN 'professional' THEN 0 ELSE 1 END, name");
  while (people->step()) {
    domain::Person person{people->int64(0),        people->text(1), people->text(2),
                          people->text(3),         people->text(4), split_languages(people->text(5)),
                          people->optional_text(6)};
    directory.teams[team_index.at(people->int64(7))].people.push_back(std::move(person));
  }
  std::unordered_map<std::int64_t, std::size_t> neighbourhood_index;
  auto neighbourhoods = query(connection_, "SELECT id, name, team_id FROM neighbourhoods ORDER BY name");
  while (neighbourhoods->step()) {
    neighbourhood_index[neighbourhoods->int64(0)] = directory.neighbourhoods.size();
    directory.neighbourhoods.push_back(
        {neighbourhoods->int64(0), neighbourhoods->text(1), neighbourhoods->int64(2), {}});
  }
  auto ranges = query(connection_,
                      "SELECT neighbourhood_id, postcode_from, postcode_to FROM postcode_ranges "
                      "ORDER BY postcode_from");
  while (ranges->step()) {
    directory.neighbourhoods[neighbourhood_index.at(ranges->int64(0))].postcodes.push_back(
        {ranges->text(1), ranges->text(2)});
  }
  return directory;
}

std::map<std::string, std::string> DirectoryRepository::load_settings() {
  std::map<std::string, std::string> settings;
  auto rows = query(connection_, "SELECT key, value FROM settings");
  while (rows->step()) settings[rows->text(0)] = rows->text(1);
  return settings;
}

void DirectoryRepository::remove_settings_with_prefix(const std::string& prefix) {
  // substr, not LIKE: a prefix's own _ must not act as a wildcard.
  exec(connection_, "DELETE FROM settings WHERE substr(key, 1, ?) = ?", static_cast<std::int64_t>(prefix.size()),
       prefix);
}

void DirectoryRepository::set_setting(const std::string& key, const std::string& value) {
  exec(connection_,
       "INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value", key,
       value);
}

std::vector<domain::AssignmentCandidate> DirectoryRepository::assignment_candidates(std::int64_t team_id) {
  std::vector<domain::AssignmentCandidate> candidates;
  auto rows = query(connection_,
                    "SELECT u.id, u.languages, "
                    "(SELECT COUNT(*) FROM households h WHERE h.fixed_contact_id = u.id) "
                    "FROM users u WHERE u.team_id = ? AND u.role = 'professional' AND u.active = 1 ORDER BY u.id",
                    team_id);
  while (rows->step()) {
    candidates.push_back({rows->int64(0), split_languages(rows->text(1)), static_cast<int>(rows->int64(2))});
  }
  return candidates;
}

std::optional<int> DirectoryRepository::caseload_cap(std::int64_t team_id) {
  auto row = query(connection_, "SELECT caseload_cap FROM teams WHERE id = ?", team_id);
  if (!row->step()) return std::nullopt;
  return static_cast<int>(row->int64(0));
}

std::optional<std::int64_t> DirectoryRepository::team_id_by_name(const std::string& name) {
  auto row = query(connection_, "SELECT id FROM teams WHERE name = ?", name);
  if (!row->step()) return std::nullopt;
  return row->int64(0);
}

std::string DirectoryRepository::directory_version() {
  auto row =
      query(connection_, "SELECT value FROM settings WHERE key = ?", std::string(settings_keys::directory_version));
  return row->step() ? row->text(0) : "0";
}

void DirectoryRepository::bump_directory_version() {
  const std::string next = std::to_string(std::stoll(directory_version()) + 1);
  set_setting(settings_keys::directory_version, next);
}

std::int64_t DirectoryRepository::upsert_team(const std::string& name, const std::string& phone,
                                              const std::string& email, int caseload_cap) {
  if (auto id = team_id_by_name(name)) {
    exec(connection_, "UPDATE teams SET phone = ?, email = ?, caseload_cap = ? WHERE id = ?", phone, email,
         std::int64_t{caseload_cap}, *id);
    return *id;
  }
  auto row = query(connection_, "INSERT INTO teams (name, phone, email, caseload_cap) VALUES (?, ?, ?, ?) RETURNING id",
                   name, phone, email, std::int64_t{caseload_cap});
  if (!row->step()) throw DatabaseError("INSERT INTO teams returned no id");
  return row->int64(0);
}

void DirectoryRepository::replace_walk_in_hours(std::int64_t team_id, const std::vector<domain::WalkInHour>& hours) {
  exec(connection_, "DELETE FROM walk_in_hours WHERE team_id = ?", team_id);
  for (const auto& hour : hours) {
    exec(connection_,
         "INSERT INTO walk_in_hours (team_id, weekday, opens, closes, place, address) VALUES (?, ?, ?, ?, ?, ?)",
         team_id, std::int64_t{hour.weekday}, hour.opens, hour.closes, hour.place, hour.address);
  }
}

std::int64_t DirectoryRepository::upsert_neighbourhood(const std::string& name, std::int64_t team_id) {
  auto existing = query(connection_, "SELECT id FROM neighbourhoods WHERE name = ?", name);
  if (existing->step()) {
    const std::int64_t id = existing->int64(0);
    existing.reset();
    exec(connection_, "UPDATE neighbourhoods SET team_id = ? WHERE id = ?", team_id, id);
    return id;
  }
  existing.reset();
  auto row = query(connection_, "INSERT INTO neighbourhoods (name, team_id) VALUES (?, ?) RETURNING id", name, team_id);
  if (!row->step()) throw DatabaseError("INSERT INTO neighbourhoods returned no id");
  return row->int64(0);
}

void DirectoryRepository::replace_postcode_ranges(std::int64_t neighbourhood_id,
                                                  const std::vector<domain::PostcodeRange>& ranges) {
  exec(connection_, "DELETE FROM postcode_ranges WHERE neighbourhood_id = ?", neighbourhood_id);
  for (const auto& range : ranges) {
    exec(connection_, "INSERT INTO postcode_ranges (neighbourhood_id, postcode_from, postcode_to) VALUES (?, ?, ?)",
         neighbourhood_id, range.from, range.to);
  }
}

std::vector<std::pair<std::string, domain::PostcodeRange>> DirectoryRepository::all_postcode_ranges() {
  std::vector<std::pair<std::string, domain::PostcodeRange>> ranges;
  auto rows = query(connection_,
                    "SELECT n.name, r.postcode_from, r.postcode_to FROM postcode_ranges r "
                    "JOIN neighbourhoods n ON n.id = r.neighbourhood_id ORDER BY r.postcode_from");
  while (rows->step()) ranges.push_back({rows->text(0), {rows->text(1), rows->text(2)}});
  return ranges;
}

void DirectoryRepository::lock_team_for_assignment(std::int64_t team_id) {
  if (connection_.dialect() != Dialect::postgres) return;
  query(connection_, "SELECT id FROM teams WHERE id = ? FOR UPDATE", team_id)->step();
}

}  // namespace gezicht::storage
