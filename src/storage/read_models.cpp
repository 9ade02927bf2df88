#include "storage/read_models.hpp"

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "domain/calendar.hpp"

namespace gezicht::storage {
namespace {

struct ReadModel {
  std::string name;
  std::vector<std::string> sources;  // the tables it is made from
  std::int64_t format_version = 0;
  std::string create;  // the table and the triggers that keep it
  std::string drop;    // removes both; stored with the model when built
  std::string fill;    // fills the empty table from the base tables
};

// ---- face_latest_contacts ------------------------------------------------
// An insert can only raise a face's latest; a delete or a change of a
// contact's face, household or time recomputes that face's latest (one
// step down index contacts(household_id, involved_id, at)), removing the
// row when no contact is left.

constexpr const char* face_latest_table = R"SQL(
CREATE TABLE face_latest_contacts (
  household_id BIGINT NOT NULL,
  involved_id BIGINT NOT NULL,
  latest_at TEXT NOT NULL,
  PRIMARY KEY (household_id, involved_id)
);
)SQL";

std::string face_latest_recompute(const std::string& row) {
  return "DELETE FROM face_latest_contacts WHERE household_id = " + row + ".household_id AND involved_id = " + row +
         ".involved_id;\n"
         "INSERT INTO face_latest_contacts (household_id, involved_id, latest_at) "
         "SELECT household_id, involved_id, MAX(at) FROM contacts WHERE household_id = " +
         row + ".household_id AND involved_id = " + row + ".involved_id GROUP BY household_id, involved_id;\n";
}

constexpr const char* face_latest_raise =
    "INSERT INTO face_latest_contacts (household_id, involved_id, latest_at) "
    "VALUES (NEW.household_id, NEW.involved_id, NEW.at) "
    "ON CONFLICT (household_id, involved_id) DO UPDATE SET latest_at = excluded.latest_at "
    "WHERE excluded.latest_at > face_latest_contacts.latest_at;\n";

// PostgreSQL: each maintaining statement first locks the household's row, as
// the service's writes do (HouseholdRepository::lock), so two transactions
// keep a household's read models one after the other; in READ COMMITTED the
// statements after the lock see what the other one committed.
std::string postgres_lock(const std::string& household) {
  return "PERFORM 1 FROM households WHERE id = " + household + " FOR NO KEY UPDATE;\n";
}

ReadModel face_latest_contacts(Dialect dialect) {
  ReadModel model{"face_latest_contacts",
                  {"contacts"},
                  1,
                  face_latest_table,
                  "",
                  "INSERT INTO face_latest_contacts (household_id, involved_id, latest_at) "
                  "SELECT household_id, involved_id, MAX(at) FROM contacts GROUP BY household_id, involved_id"};
  if (dialect == Dialect::sqlite) {
    model.create += "CREATE TRIGGER face_latest_contacts_insert AFTER INSERT ON contacts BEGIN\n" +
                    std::string(face_latest_raise) + "END;\n" +
                    "CREATE TRIGGER face_latest_contacts_delete AFTER DELETE ON contacts BEGIN\n" +
                    face_latest_recompute("OLD") + "END;\n" +
                    "CREATE TRIGGER face_latest_contacts_update AFTER UPDATE OF household_id, involved_id, at "
                    "ON contacts BEGIN\n" +
                    face_latest_recompute("OLD") + face_latest_raise + "END;\n";
    model.drop =
        "DROP TRIGGER IF EXISTS face_latest_contacts_insert;\n"
        "DROP TRIGGER IF EXISTS face_latest_contacts_delete;\n"
        "DROP TRIGGER IF EXISTS face_latest_contacts_update;\n"
        "DROP TABLE IF EXISTS face_latest_contacts;\n";
    return model;
  }
  model.create +=
      "CREATE FUNCTION face_latest_contacts_keep() RETURNS trigger LANGUAGE plpgsql AS $$\nBEGIN\n"
      "IF TG_OP IN ('UPDATE', 'DELETE') THEN\n" +
      postgres_lock("OLD.household_id") + face_latest_recompute("OLD") +
      "END IF;\n"
      "IF TG_OP IN ('INSERT', 'UPDATE') THEN\n" +
      postgres_lock("NEW.household_id") + face_latest_raise +
      "END IF;\n"
      "RETURN NULL;\nEND $$;\n"
      "CREATE TRIGGER face_latest_contacts_keep "
      "AFTER INSERT OR DELETE OR UPDATE OF household_id, involved_id, at ON contacts "
      "FOR EACH ROW EXECUTE FUNCTION face_latest_contacts_keep();\n"
      // TRUNCATE fires no row triggers.
      "CREATE FUNCTION face_latest_contacts_truncate() RETURNS trigger LANGUAGE plpgsql AS $$\n"
      "BEGIN\nDELETE FROM face_latest_contacts;\nRETURN NULL;\nEND $$;\n"
      "CREATE TRIGGER face_latest_contacts_truncate AFTER TRUNCATE ON contacts "
      "FOR EACH STATEMENT EXECUTE FUNCTION face_latest_contacts_truncate();\n";
  model.drop =
      "DROP TABLE IF EXISTS face_latest_contacts;\n"
      "DROP TRIGGER IF EXISTS face_latest_contacts_keep ON contacts;\n"
      "DROP TRIGGER IF EXISTS face_latest_contacts_truncate ON contacts;\n"
      "DROP FUNCTION IF EXISTS face_latest_contacts_keep();\n"
      "DROP FUNCTION IF EXISTS face_latest_contacts_truncate();\n";
  return model;
}

// ---- household_caseload --------------------------------------------------
// A household's row of the caseload with the inputs of its figures as
// small JSON lists (arrays of rows, read by JsonRows): the first adult, the
// open actions' due dates, each face's latest contact, every change of
// fixed contact. What counts (overdue today, a face in the last 90 days, a
// change in the last year) depends on the day, so the domain's rules count
// them when the caseload is read. Any change to the household's members,
// actions, faces' latest contacts or changes rewrites its row.

struct Source {
  const char* table;
  const char* update_columns;
};
constexpr Source caseload_sources[] = {
    {"household_members", "household_id, kind, name"},
    {"actions", "household_id, status, due_on"},
    {"face_latest_contacts", "household_id, latest_at"},
    {"fixed_contact_changes", "household_id, from_user_id, to_user_id, kind, changed_at"},
};

std::string json_list(Dialect dialect, const std::string& columns, const std::string& from_where) {
  if (dialect == Dialect::postgres) {
    return "(SELECT COALESCE(json_agg(json_build_array(" + columns + ")), '[]')::text " + from_where + ")";
  }
  return "(SELECT json_group_array(json_array(" + columns + ")) " + from_where + ")";
}

// The rows of household_caseload, for one household (`household`, an SQL
// expression) or for all (empty).
std::string caseload_rows(Dialect dialect, const std::string& household) {
  return "INSERT INTO household_caseload (household_id, first_adult, open_due_on, faces_latest_at, "
         "fixed_contact_changes) SELECT h.id, "
         "(SELECT m.name FROM household_members m WHERE m.household_id = h.id AND m.kind = 'adult' "
         "ORDER BY m.id LIMIT 1), " +
         json_list(dialect, "a.due_on", "FROM actions a WHERE a.household_id = h.id AND a.status = 'open'") + ", " +
         json_list(dialect, "f.latest_at", "FROM face_latest_contacts f WHERE f.household_id = h.id") + ", " +
         json_list(dialect, "x.from_user_id, x.to_user_id, x.kind, x.changed_at",
                   "FROM fixed_contact_changes x WHERE x.household_id = h.id") +
         " FROM households h" + (household.empty() ? "" : " WHERE h.id = " + household);
}

std::string caseload_rewrite(Dialect dialect, const std::string& household) {
  return "DELETE FROM household_caseload WHERE household_id = " + household + ";\n" +
         caseload_rows(dialect, household) + ";\n";
}

ReadModel household_caseload(Dialect dialect) {
  ReadModel model{"household_caseload",
                  {"households", "household_members", "actions", "face_latest_contacts", "fixed_contact_changes"},
                  1,
                  "CREATE TABLE household_caseload (\n"
                  "  household_id BIGINT PRIMARY KEY,\n"
                  "  first_adult TEXT,\n"
                  "  open_due_on TEXT NOT NULL,\n"
                  "  faces_latest_at TEXT NOT NULL,\n"
                  "  fixed_contact_changes TEXT NOT NULL\n"
                  ");\n",
                  "",
                  caseload_rows(dialect, "")};
  if (dialect == Dialect::sqlite) {
    for (const auto& source : caseload_sources) {
      const std::string prefix = std::string("household_caseload_") + source.table;
      model.create += "CREATE TRIGGER " + prefix + "_insert AFTER INSERT ON " + source.table + " BEGIN\n" +
                      caseload_rewrite(dialect, "NEW.household_id") + "END;\n" + "CREATE TRIGGER " + prefix +
                      "_delete AFTER DELETE ON " + source.table + " BEGIN\n" +
                      caseload_rewrite(dialect, "OLD.household_id") + "END;\n" + "CREATE TRIGGER " + prefix +
                      "_update AFTER UPDATE OF " + source.update_columns + " ON " + source.table + " BEGIN\n" +
                      caseload_rewrite(dialect, "OLD.household_id") + caseload_rewrite(dialect, "NEW.household_id") +
                      "END;\n";
      for (const char* event : {"_insert", "_delete", "_update"}) {
        model.drop += "DROP TRIGGER IF EXISTS " + prefix + event + ";\n";
      }
    }
    model.create += "CREATE TRIGGER household_caseload_households_insert AFTER INSERT ON households BEGIN\n" +
                    caseload_rewrite(dialect, "NEW.id") +
                    "END;\n"
                    "CREATE TRIGGER household_caseload_households_delete AFTER DELETE ON households BEGIN\n"
                    "DELETE FROM household_caseload WHERE household_id = OLD.id;\nEND;\n";
    model.drop +=
        "DROP TRIGGER IF EXISTS household_caseload_households_insert;\n"
        "DROP TRIGGER IF EXISTS household_caseload_households_delete;\n"
        "DROP TABLE IF EXISTS household_caseload;\n";
    return model;
  }
  model.create +=
      "CREATE FUNCTION household_caseload_rewrite(household BIGINT) RETURNS void LANGUAGE plpgsql AS $$\n"
      "BEGIN\n" +
      postgres_lock("household") + caseload_rewrite(dialect, "household") +
      "END $$;\n"
      "CREATE FUNCTION household_caseload_keep() RETURNS trigger LANGUAGE plpgsql AS $$\nBEGIN\n"
      "IF TG_OP IN ('UPDATE', 'DELETE') THEN PERFORM household_caseload_rewrite(OLD.household_id); "
      "END IF;\n"
      "IF TG_OP IN ('INSERT', 'UPDATE') THEN PERFORM household_caseload_rewrite(NEW.household_id); "
      "END IF;\n"
      "RETURN NULL;\nEND $$;\n"
      "CREATE FUNCTION household_caseload_household() RETURNS trigger LANGUAGE plpgsql AS $$\nBEGIN\n"
      "IF TG_OP = 'INSERT' THEN PERFORM household_caseload_rewrite(NEW.id); END IF;\n"
      "IF TG_OP = 'DELETE' THEN DELETE FROM household_caseload WHERE household_id = OLD.id; END IF;\n"
      "RETURN NULL;\nEND $$;\n"
      "CREATE TRIGGER household_caseload_households AFTER INSERT OR DELETE ON households "
      "FOR EACH ROW EXECUTE FUNCTION household_caseload_household();\n";
  for (const auto& source : caseload_sources) {
    const std::string trigger = std::string("household_caseload_") + source.table;
    model.create += "CREATE TRIGGER " + trigger + " AFTER INSERT OR DELETE OR UPDATE OF " + source.update_columns +
                    " ON " + source.table + " FOR EACH ROW EXECUTE FUNCTION household_caseload_keep();\n";
    model.drop += "DROP TRIGGER IF EXISTS " + trigger + " ON " + source.table + ";\n";
  }
  model.drop +=
      "DROP TRIGGER IF EXISTS household_caseload_households ON households;\n"
      "DROP FUNCTION IF EXISTS household_caseload_keep();\n"
      "DROP FUNCTION IF EXISTS household_caseload_household();\n"
      "DROP FUNCTION IF EXISTS household_caseload_rewrite(BIGINT);\n"
      "DROP TABLE IF EXISTS household_caseload;\n";
  return model;
}

// In the order they are built: a model may read the ones before it.
std::vector<ReadModel> read_models(Dialect dialect) {
  return {face_latest_contacts(dialect), household_caseload(dialect)};
}

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
  const auto models = read_models(connection.dialect());
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
  drop_all(connection, read_models(connection.dialect()));
}

void build_read_models(Connection& connection) {
  lock_read_models(connection);
  build_all(connection, read_models(connection.dialect()));
}

}  // namespace gezicht::storage
