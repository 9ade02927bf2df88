#pragma once
// What a municipality loads to set up its front door without demo data:
// its name and numbers, teams, their walk-in hours, and the neighbourhoods
// (with postcode ranges) each team serves. See docs/directory-import.md.

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "domain/directory.hpp"

namespace gezicht::domain {

struct NeighbourhoodImport {
  std::string name;
  std::vector<PostcodeRange> postcodes;  // as typed; normalised by validation
};

struct TeamImport {
  std::string name;
  std::string phone;
  std::string email;
  int caseload_cap = 0;
  std::vector<WalkInHour> walk_in;
  std::vector<NeighbourhoodImport> neighbourhoods;
};

struct MunicipalityImport {
  std::string name;
  std::string phone;
  std::string website;
  int promise_working_days = 3;
  // NL Design System tokens of the municipality's own look (domain/theme.hpp);
  // when given they replace the stored ones, empty keeps them.
  std::vector<std::pair<std::string, std::string>> theme;
  // The logo as read from `logo_file` (JPEG or PNG); the service re-encodes it. Empty keeps the stored one.
  std::string logo_file;
  std::string logo_bytes;
};

// A staff member's photo carried by the import: the account by user name,
// the file as read (the service decodes and re-encodes it; `file` names it in errors).
struct PhotoImport {
  std::string username;
  std::string file;
  std::string bytes;
};

struct DirectoryImport {
  std::optional<MunicipalityImport> municipality;
  std::vector<TeamImport> teams;
  std::vector<PhotoImport> photos;
};

// Normalises postcodes and checks everything, throwing ValidationError with
// fields named by path ("teams[0].neighbourhoods[1].postcodes[0].from").
// Ranges may not overlap, also not across teams.
DirectoryImport validate_directory_import(DirectoryImport import);

}  // namespace gezicht::domain
