#include "storage/read_models.hpp"

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "domain/calendar.hpp"
#include "storage/read_model_definitions.hpp"

namespace gezicht::storage {
namespace {

// ---- keeping them --------------------------------------------------------

struct Stored {
  std::int64_t format_version;
  std::string drop_sql;
};

std::map<std::string, Stored> stored_models(Connection& connection) {
  std::map<std::string, Stored> stored;
  auto rows = query(connection, "SELECT name, format_version, drop_sql FROM read_models");
  while (rows->step()) stored.emplace(rows->text(0), Stored{rows->int64(1), rows->text(2)});
  return stored;
}

bool up_to_date(const std::vector<ReadModel>& models, const std::map<std::string, Stored>& stored) {
  if (stored.size() != models.size()) return false;
  return std::all_of(models.begin(), models.end(), [&](const ReadModel& model) {
    const auto found = stored.find(model.name);
    return found != stored.end() && found->second.format_version == model.format_version;
  });
}

std::string now_text() {
  return domain::format_timestamp(
      std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch()).count());
}

void lock_read_models(Connection& connection) {
  // Two servers starting at once must not both rebuild (SQLite's write
  // transaction already excludes the other).
  if (connection.dialect() == Dialect::postgres) {
    connection.execute_script("LOCK TABLE read_models IN EXCLUSIVE MODE");
  }
}

// Removes every stored model with the SQL stored with it, those this build
// knows last-built first (a model's triggers may sit on the one before it),
// then this build's own removal SQL for leftovers of a build that recorded
// nothing.
void drop_all(Connection& connection, const std::vector<ReadModel>& models) {
  auto stored = stored_models(connection);
  for (auto model = models.rbegin(); model != models.rend(); ++model) {
    if (auto found = stored.find(model->name); found != stored.end()) {
      connection.execute_script(found->second.drop_sql);
      stored.erase(found);
    }
  }
  for (const auto& [name, model] : stored) connection.execute_script(model.drop_sql);
  for (auto model = models.rbegin(); model != models.rend(); ++model) connection.execute_script(model->drop);
  exec(connection, "DELETE FROM read_models");
}

void build_all(Connection& connection, const std::vector<ReadModel>& models) {
  const std::string built_at = now_text();
  for (const auto& model : models) {
    // Right after a bulk load PostgreSQL has no statistics for the tables
    // and plans the fill's lookups per household as scans of tables it
    // thinks empty (a fill at 1,000,000 households ran for minutes).
    // ANALYZE may run inside the transaction and sees its own rows.
    if (connection.dialect() == Dialect::postgres) {
      for (const auto& table : model.sources) connection.execute_script("ANALYZE " + table);
    }
    connection.execute_script(model.create);
    connection.execute_script(model.fill);
    exec(connection, "INSERT INTO read_models (name, format_version, drop_sql, built_at) VALUES (?, ?, ?, ?)",
         model.name, model.format_version, model.drop, built_at);
  }
}

}  // namespace

void ensure_read_models(Connection& connection) {
  const auto models = read_model_definitions(connection.dialect());
  if (up_to_date(models, stored_models(connection))) return;  // the usual case: no write lock taken
  Transaction transaction(connection);
  lock_read_models(connection);
  if (up_to_date(models, stored_models(connection))) return;  // another process built them meanwhile
  // All of them again, not only the stale one: a model's triggers may sit
  // on a model before it, and go when that one's table is dropped.
  drop_all(connection, models);
  build_all(connection, models);
  transaction.commit();
}

void drop_read_models(Connection& connection) {
  lock_read_models(connection);
  drop_all(connection, read_model_definitions(connection.dialect()));
}

void build_read_models(Connection& connection) {
  lock_read_models(connection);
  build_all(connection, read_model_definitions(connection.dialect()));
}

}  // namespace gezicht::storage
