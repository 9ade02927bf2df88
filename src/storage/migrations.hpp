#pragma once
// Numbered schema migrations, one folder per dialect (migrations/sqlite,
// migrations/postgres) with the same numbers and the same intent.

#include "storage/database.hpp"

namespace gezicht::storage {

// Applies every migration not yet recorded in schema_migrations, each in its
// own transaction. Returns how many were applied.
int apply_migrations(Connection& connection);

}  // namespace gezicht::storage

namespace gezicht::storage {

// Drops every table (tests only: `gezicht migrate --reset`).
void reset_schema(Connection& connection);

}  // namespace gezicht::storage
