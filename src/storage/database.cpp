#include "storage/database.hpp"

#include "storage/postgres/pg_connection.hpp"
#include "storage/sqlite/sqlite_connection.hpp"

namespace gezicht::storage {

bool is_postgres_location(std::string_view location) {
  return location.starts_with("postgresql://") || location.starts_with("postgres://");
}

std::unique_ptr<Connection> open_connection(const std::string& location) {
  if (location.empty()) throw DatabaseError("no database given (--db)");
  if (is_postgres_location(location)) return postgres::open_postgres(location);
  return sqlite::open_sqlite(location);
}

}  // namespace gezicht::storage
