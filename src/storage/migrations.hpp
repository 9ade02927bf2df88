#pragma once
// Numbered schema migrations, one folder per dialect (migrations/sqlite,
// migrations/postgres) with the same numbers and the same intent.

#include <cstdint>

#include "storage/database.hpp"

namespace gezicht::storage {

// Applies every migration not yet recorded in schema_migrations, each in its
// own transaction, then brings the read models up to date
// (read_models.hpp). Returns how many were applied. `up_to_version` stops
// earlier (tests that upgrade a database holding older rows).
int apply_migrations(Connection& connection, std::int64_t up_to_version = INT64_MAX);

}  // namespace gezicht::storage

namespace gezicht::storage {

// Drops every table (tests only: `gezicht migrate --reset`).
void reset_schema(Connection& connection);

}  // namespace gezicht::storage
