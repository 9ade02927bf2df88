#include <nlohmann/json.hpp>

#include <filesystem>
#include <fstream>
#include <iostream>

#include "app/command_line_errors.hpp"
#include "app/commands.hpp"
#include "domain/validation_error.hpp"
#include "service/clock.hpp"
#include "service/directory_admin.hpp"
#include "storage/migrations.hpp"

namespace gezicht::app {
namespace {

using Json = nlohmann::json;

// Reads the import file; a field of the wrong type names its path.
domain::DirectoryImport parse_import(const Json& json, const std::filesystem::path& base_dir) {
  auto text = [](const Json& object, const char* key, const std::string& path) {
    if (!object.contains(key) || object.at(key).is_null()) return std::string();
    if (!object.at(key).is_string()) throw domain::ValidationError(path + "." + key, "field.type");
    return object.at(key).get<std::string>();
  };
  auto number = [](const Json& object, const char* key, const std::string& path, int fallback) {
    if (!object.contains(key)) return fallback;
    if (!object.at(key).is_number_integer()) throw domain::ValidationError(path + "." + key, "field.type");
    return object.at(key).get<int>();
  };
  auto list = [](const Json& object, const char* key, const std::string& path) {
    if (!object.contains(key)) return Json::array();
    if (!object.at(key).is_array()) throw domain::ValidationError(path + "." + key, "field.type");
    return object.at(key);
  };
  if (!json.is_object()) throw domain::ValidationError("(file)", "body.not_object");
  domain::DirectoryImport import;
  if (json.contains("municipality")) {
    const auto& m = json.at("municipality");
    import.municipality = domain::MunicipalityImport{text(m, "name", "municipality"),
                                                     text(m, "phone", "municipality"),
                                                     text(m, "website", "municipality"),
                                                     number(m, "promise_working_days", "municipality", 3),
                                                     {},
                                                     text(m, "logo", "municipality"),
                                                     {}};
    if (!import.municipality->logo_file.empty()) {
      std::ifstream logo(base_dir / import.municipality->logo_file, std::ios::binary);
      if (!logo) throw domain::ValidationError("municipality.logo", "logo.file_unreadable");
      import.municipality->logo_bytes.assign(std::istreambuf_iterator<char>(logo), std::istreambuf_iterator<char>());
    }
    if (m.contains("theme")) {
      const auto& theme = m.at("theme");
      if (!theme.is_object()) throw domain::ValidationError("municipality.theme", "field.type");
      for (const auto& [name, value] : theme.items()) {
        if (!value.is_string()) throw domain::ValidationError("municipality.theme." + name, "field.type");
        import.municipality->theme.emplace_back(name, value.get<std::string>());
      }
    }
  }
  const auto teams = list(json, "teams", "");
  for (std::size_t t = 0; t < teams.size(); ++t) {
    const auto& team = teams[t];
    const std::string at = "teams[" + std::to_string(t) + "]";
    domain::TeamImport entry{text(team, "name", at),
                             text(team, "phone", at),
                             text(team, "email", at),
                             number(team, "caseload_cap", at, 60),
                             {},
                             {}};
    const auto hours = list(team, "walk_in", at);
    for (std::size_t w = 0; w < hours.size(); ++w) {
      const std::string wat = at + ".walk_in[" + std::to_string(w) + "]";
      entry.walk_in.push_back({number(hours[w], "weekday", wat, 0), text(hours[w], "opens", wat),
                               text(hours[w], "closes", wat), text(hours[w], "place", wat),
                               text(hours[w], "address", wat)});
    }
    const auto neighbourhoods = list(team, "neighbourhoods", at);
    for (std::size_t n = 0; n < neighbourhoods.size(); ++n) {
      const std::string nat = at + ".neighbourhoods[" + std::to_string(n) + "]";
      domain::NeighbourhoodImport neighbourhood{text(neighbourhoods[n], "name", nat), {}};
      const auto ranges = list(neighbourhoods[n], "postcodes", nat);
      for (std::size_t r = 0; r < ranges.size(); ++r) {
        const std::string rat = nat + ".postcodes[" + std::to_string(r) + "]";
        neighbourhood.postcodes.push_back({text(ranges[r], "from", rat), text(ranges[r], "to", rat)});
      }
      entry.neighbourhoods.push_back(std::move(neighbourhood));
    }
    import.teams.push_back(std::move(entry));
  }
  // Photos: files next to the import file (a path relative to it), read here, decoded by the service.
  const auto photos = list(json, "photos", "");
  for (std::size_t p = 0; p < photos.size(); ++p) {
    const std::string at = "photos[" + std::to_string(p) + "]";
    const std::string file = text(photos[p], "file", at);
    const std::filesystem::path where = base_dir / file;
    std::ifstream in(where, std::ios::binary);
    if (file.empty() || !in) throw domain::ValidationError(at + ".file", "photo.file_unreadable");
    std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    import.photos.push_back({text(photos[p], "username", at), file, std::move(bytes)});
  }
  return import;
}

Json to_json(const domain::DirectoryImport& directory) {
  Json out = Json::object();
  if (directory.municipality) {
    const auto& m = *directory.municipality;
    out["municipality"] = {
        {"name", m.name}, {"phone", m.phone}, {"website", m.website}, {"promise_working_days", m.promise_working_days}};
    if (!m.theme.empty()) {
      Json theme = Json::object();
      for (const auto& [name, value] : m.theme) theme[name] = value;
      out["municipality"]["theme"] = theme;
    }
  }
  out["teams"] = Json::array();
  for (const auto& team : directory.teams) {
    Json hours = Json::array();
    for (const auto& h : team.walk_in) {
      hours.push_back({{"weekday", h.weekday},
                       {"opens", h.opens},
                       {"closes", h.closes},
                       {"place", h.place},
                       {"address", h.address}});
    }
    Json neighbourhoods = Json::array();
    for (const auto& n : team.neighbourhoods) {
      Json ranges = Json::array();
      for (const auto& r : n.postcodes) ranges.push_back({{"from", r.from}, {"to", r.to}});
      neighbourhoods.push_back({{"name", n.name}, {"postcodes", ranges}});
    }
    out["teams"].push_back({{"name", team.name},
                            {"phone", team.phone},
                            {"email", team.email},
                            {"caseload_cap", team.caseload_cap},
                            {"walk_in", hours},
                            {"neighbourhoods", neighbourhoods}});
  }
  return out;
}

}  // namespace

void add_directory_command(CLI::App& app) {
  auto* directory = app.add_subcommand("directory", "Set up the municipality, its teams and neighbourhoods");
  directory->require_subcommand(1);

  auto import_options = std::make_shared<std::pair<std::string, std::string>>();
  auto* import = directory->add_subcommand("import", "Load or update the directory from a JSON file");
  import->add_option("--db", import_options->first, "SQLite file or postgresql:// URL")->required();
  import->add_option("file", import_options->second, "JSON file (see docs/directory-import.md)")->required();
  import->callback([import_options] {
    std::ifstream in(import_options->second);
  if (!in) throw std::runtime_error("cannot read " + import_options->second);
  const Json json = Json::parse(in, nullptr, false);
  if (json.is_discarded()) throw std::runtime_error(import_options->second + " is not valid JSON");
  auto connection = storage::open_connection(import_options->first);
  storage::apply_migrations(*connection);
  try {
    const auto base_dir = std::filesystem::path(import_options->second).parent_path();
    const service::SystemClock clock;
    const auto summary = service::import_directory(*connection, parse_import(json, base_dir), clock.now());
    std::cout << "imported " << summary.teams << " team(s), " << summary.neighbourhoods << " neighbourhood(s), "
              << summary.postcode_ranges << " postcode range(s), " << summary.walk_in_hours << " walk-in hour(s), "
              << summary.photos << " photo(s)\n";
  } catch (const domain::ValidationError& error) {
    fail_with(error, FieldKind::file_path);
  }
});

auto export_db = std::make_shared<std::string>();
auto* exporter = directory->add_subcommand("export", "Print the directory as JSON, in the import format");
exporter->add_option("--db", *export_db, "SQLite file or postgresql:// URL")->required();
exporter->callback([export_db] {
  auto connection = storage::open_connection(*export_db);
  storage::apply_migrations(*connection);
  std::cout << to_json(service::export_directory(*connection)).dump(2) << "\n";
});
}  // namespace gezicht::app

}  // namespace gezicht::app
