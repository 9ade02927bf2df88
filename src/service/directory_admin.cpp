#include "service/directory_admin.hpp"

#include "domain/calendar.hpp"
#include "domain/photo_rules.hpp"
#include "service/audit_chain.hpp"
#include "service/base64.hpp"
#include "service/logo.hpp"
#include "service/photo_service.hpp"
#include "storage/user_repository.hpp"

#include <set>

#include "domain/validation_error.hpp"
#include "storage/directory_repository.hpp"
#include "storage/settings_keys.hpp"

namespace gezicht::service {

ImportSummary import_directory(storage::Connection& connection, domain::DirectoryImport import, std::int64_t now) {
  import = domain::validate_directory_import(std::move(import));
  ImportSummary summary;
  // Photos first, before anything is written: a bad photo leaves everything as it was.
  std::vector<std::string> photos;
  for (std::size_t i = 0; i < import.photos.size(); ++i) {
    photos.push_back(reencoded_photo(import.photos[i].bytes, "photos[" + std::to_string(i) + "].file"));
  }
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
    if (!m.logo_bytes.empty() || !m.logo_file.empty()) {
      const auto logo = reencoded_logo(m.logo_bytes, "municipality.logo");
      directory.set_setting(storage::settings_keys::logo_png, to_base64(logo.png));
      directory.set_setting(storage::settings_keys::logo_size,
                            std::to_string(logo.width) + "x" + std::to_string(logo.height));
    }
    if (!m.theme.empty()) {
      directory.remove_settings_with_prefix(storage::settings_keys::theme_prefix);
      for (const auto& [name, value] : m.theme) {
        directory.set_setting(std::string(storage::settings_keys::theme_prefix) + name, value);
      }
    }
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
  const std::string at = domain::format_timestamp(now);
  storage::UserRepository users(connection);
  std::vector<storage::AuditRecord> entries;
  for (std::size_t i = 0; i < import.photos.size(); ++i) {
    const auto user = users.find_by_username(import.photos[i].username);
    const auto role = user ? domain::parse_role(user->role) : std::nullopt;
    if (!role || !domain::has_staff_face(*role)) {
      errors.push_back({"photos[" + std::to_string(i) + "].username", "photo.unknown_account"});
      continue;
    }
    store_photo(connection, user->id, photos[i], at, std::nullopt);
    storage::AuditRecord entry;
    entry.at = at;
    entry.actor_name = "gezicht directory import";
    entry.actor_role = "system";
    entry.organisation = "Gemeente";
    entry.part = "photo";
    entry.action = "change";
    entry.result = "allowed";
    entry.client_address = "local";
    entry.purpose = "directory import: photo of user " + std::to_string(user->id) + " from " + import.photos[i].file;
    entry.route = "gezicht directory import";
    entries.push_back(std::move(entry));
    ++summary.photos;
  }
  if (!errors.empty()) throw domain::ValidationError(std::move(errors));
  if (!entries.empty()) append_to_chain(connection, entries);
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
    out.municipality = domain::MunicipalityImport{setting(storage::settings_keys::municipality_name),
                                                  setting(storage::settings_keys::municipality_phone),
                                                  setting(storage::settings_keys::municipality_website),
                                                  days.empty() ? 3 : std::stoi(days),
                                                  {},
                                                  {},
                                                  {}};
    for (const auto& [key, value] : settings) {
      if (key.starts_with(storage::settings_keys::theme_prefix)) {
        out.municipality->theme.emplace_back(key.substr(std::string_view(storage::settings_keys::theme_prefix).size()),
                                             value);
      }
    }
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
