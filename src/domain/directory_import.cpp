#include "domain/directory_import.hpp"

#include "domain/theme.hpp"

#include <algorithm>

#include "domain/postcode.hpp"
#include "domain/text.hpp"
#include "domain/validation_error.hpp"

namespace gezicht::domain {
namespace {

bool valid_time(const std::string& text) {
  return text.size() == 5 && text[2] == ':' && std::isdigit(static_cast<unsigned char>(text[0])) &&
         std::isdigit(static_cast<unsigned char>(text[1])) && std::isdigit(static_cast<unsigned char>(text[3])) &&
         std::isdigit(static_cast<unsigned char>(text[4])) && text.substr(0, 2) <= "23" && text.substr(3, 2) <= "59";
}

void require_text(std::vector<FieldError>& errors, const std::string& path, std::string& value) {
  value = collapse_spaces(value);
  if (value.empty())
    errors.push_back({path, "field.required"});
  else if (!is_clean_line(value) || utf8_length(value) > 200)
    errors.push_back({path, "field.invalid"});
}

struct PlacedRange {
  std::string from, to, path;
};

}  // namespace

DirectoryImport validate_directory_import(DirectoryImport import) {
  std::vector<FieldError> errors;
  if (import.municipality) {
    auto& m = *import.municipality;
    require_text(errors, "municipality.name", m.name);
    require_text(errors, "municipality.phone", m.phone);
    if (m.promise_working_days < 1 || m.promise_working_days > 20) {
      errors.push_back({"municipality.promise_working_days", "field.invalid"});
    }
    try {
      validate_theme(m.theme, "municipality.theme");
    } catch (const ValidationError& error) {
      errors.insert(errors.end(), error.errors().begin(), error.errors().end());
    }
  }
  std::vector<PlacedRange> ranges;
  std::vector<std::string> team_names, neighbourhood_names;
  for (std::size_t t = 0; t < import.teams.size(); ++t) {
    auto& team = import.teams[t];
    const std::string at = "teams[" + std::to_string(t) + "]";
    require_text(errors, at + ".name", team.name);
    require_text(errors, at + ".phone", team.phone);
    require_text(errors, at + ".email", team.email);
    if (std::find(team_names.begin(), team_names.end(), team.name) != team_names.end()) {
      errors.push_back({at + ".name", "field.duplicate"});
    }
    team_names.push_back(team.name);
    if (team.caseload_cap < 1 || team.caseload_cap > 1000) errors.push_back({at + ".caseload_cap", "field.invalid"});
    for (std::size_t w = 0; w < team.walk_in.size(); ++w) {
      auto& hour = team.walk_in[w];
      const std::string wat = at + ".walk_in[" + std::to_string(w) + "]";
      if (hour.weekday < 1 || hour.weekday > 7) errors.push_back({wat + ".weekday", "field.invalid"});
      if (!valid_time(hour.opens)) errors.push_back({wat + ".opens", "field.invalid"});
      if (!valid_time(hour.closes) || hour.closes <= hour.opens) errors.push_back({wat + ".closes", "field.invalid"});
      require_text(errors, wat + ".place", hour.place);
      require_text(errors, wat + ".address", hour.address);
    }
    for (std::size_t n = 0; n < team.neighbourhoods.size(); ++n) {
      auto& neighbourhood = team.neighbourhoods[n];
      const std::string nat = at + ".neighbourhoods[" + std::to_string(n) + "]";
      require_text(errors, nat + ".name", neighbourhood.name);
      if (std::find(neighbourhood_names.begin(), neighbourhood_names.end(), neighbourhood.name) !=
          neighbourhood_names.end()) {
        errors.push_back({nat + ".name", "field.duplicate"});
      }
      neighbourhood_names.push_back(neighbourhood.name);
      if (neighbourhood.postcodes.empty()) errors.push_back({nat + ".postcodes", "field.required"});
      for (std::size_t r = 0; r < neighbourhood.postcodes.size(); ++r) {
        auto& range = neighbourhood.postcodes[r];
        const std::string rat = nat + ".postcodes[" + std::to_string(r) + "]";
        const auto from = normalise_postcode(range.from);
        const auto to = normalise_postcode(range.to);
        if (!from) errors.push_back({rat + ".from", "postcode.invalid"});
        if (!to) errors.push_back({rat + ".to", "postcode.invalid"});
        if (!from || !to) continue;
        if (*from > *to) {
          errors.push_back({rat + ".to", "field.invalid"});
          continue;
        }
        range = {*from, *to};
        for (const auto& other : ranges) {
          if (range.from <= other.to && other.from <= range.to) errors.push_back({rat, "postcode.overlap"});
        }
        ranges.push_back({range.from, range.to, rat});
      }
    }
  }
  if (!errors.empty()) throw ValidationError(std::move(errors));
  return import;
}

}  // namespace gezicht::domain
