#include "service/directory_admin.hpp"

#include <set>

#include "domain/validation_error.hpp"
#include "storage/directory_repository.hpp"
#include "storage/settings_keys.hpp"

namespace gezicht::service {

ImportSummary import_directory(storage::Connection& connection, domain::DirectoryImport import) {
  import = domain::validate_directory_import(std::move(import));
  ImportSummary summary;
  storage::Transaction transaction(connection);
  storage::DirectoryRepository directory(connection);

  // Ranges of neighbourhoods that this import does not touch must not overlap the new ones.
  std::set<std::string> imported;
  for (const auto& team : import.teams) {
    for (const auto& neighbourhood : team.neighbourhoods) imported.insert(neighbourhood.name);
  }
  std::vector<domain::FieldError> errors;
  for (const auto& [name, kept] : directory.all_postcode_ranges()) {
    if (imported.contains(name)) continue;
    for (const auto& team : import.teams) {
      for (const auto& neighbourhood : team.neighbourhoods) {
        for (const auto& range : neighbourhood.postcodes) {
          if (range.from <= kept.to && kept.from <= range.to) {
            errors.push_back({"neighbourhood " + neighbourhood.name, "postcode.overlap"});
          }
        }
      }
    }
  }
  if (!errors.empty()) throw domain::ValidationError(std::move(errors));

  if (import.municipality) {
    const auto& m = *import.municipality;
    directory.set_setting(storage::settings_keys::municipality_name, m.name);
    directory.set_setting(storage::settings_keys::municipality_phone, m.phone);
    directory.set_setting(storage::settings_keys::municipality_website, m.website);
    directory.set_setting(storage::settings_keys::promise_working_days, std::to_string(m.promise_working_days));
  }
  for (const auto& team : import.teams) {
    const auto team_id = directory.upsert_team(team.name, team.phone, team.email, team.caseload_cap);
    directory.replace_walk_in_hours(team_id, team.walk_in);
    ++summary.teams;
    summary.walk_in_hours += static_cast<int>(team.walk_in.size());
    for (const auto& neighbourhood : team.neighbourhoods) {
      const auto neighbourhood_id = directory.upsert_neighbourhood(neighbourhood.name, team_id);
      directory.replace_postcode_ranges(neighbourhood_id, neighbourhood.postcodes);
      ++summary.neighbourhoods;
      summary.postcode_ranges += static_cast<int>(neighbourhood.postcodes.size());
    }
  }
  directory.bump_directory_version();
  transaction.commit();
  return summary;
}

domain::DirectoryImport export_directory(storage::Connection& connection) {
  storage::DirectoryRepository repository(connection);
  const auto directory = repository.load_directory();
  const auto settings = repository.load_settings();
  domain::DirectoryImport out;
  auto setting = [&](const char* key) {
    auto found = settings.find(key);
    return found == settings.end() ? std::string() : found->second;
  };
  if (settings.contains(storage::settings_keys::municipality_name)) {
    const std::string days = setting(storage::settings_keys::promise_working_days);
    out.municipality = domain::MunicipalityImport{
        setting(storage::settings_keys::municipality_name), setting(storage::settings_keys::municipality_phone),
        setting(storage::settings_keys::municipality_website), days.empty() ? 3 : std::stoi(days)};
  }
  for (const auto& team : directory.teams) {
    domain::TeamImport entry{team.name, team.phone, team.email, team.caseload_cap, team.walk_in, {}};
    for (const auto& neighbourhood : directory.neighbourhoods) {
      if (neighbourhood.team_id == team.id)
        entry.neighbourhoods.push_back({neighbourhood.name, neighbourhood.postcodes});
    }
    out.teams.push_back(std::move(entry));
  }
  return out;
}

}  // namespace gezicht::service
