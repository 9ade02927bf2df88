#pragma once
// Setting up and changing the municipality's directory (from
// `gezicht directory import`), and reading it back whole.

#include "domain/directory_import.hpp"
#include "storage/database.hpp"

namespace gezicht::service {

struct ImportSummary {
  int teams = 0;
  int neighbourhoods = 0;
  int postcode_ranges = 0;
  int walk_in_hours = 0;
  int photos = 0;
};

// Validates and applies the import in one transaction: teams and
// neighbourhoods are matched by name; a listed team's walk-in hours and a
// listed neighbourhood's postcode ranges are replaced. Throws
// domain::ValidationError (nothing saved) for bad input or a range that
// overlaps another neighbourhood's.
// Photos are decoded and re-encoded like an upload (service/photo_service.hpp)
// and kept for the accounts they name; each is an entry in the audit trail at `now`.
ImportSummary import_directory(storage::Connection& connection, domain::DirectoryImport import, std::int64_t now);

// The stored directory in the same shape as an import.
domain::DirectoryImport export_directory(storage::Connection& connection);

}  // namespace gezicht::service
