#include "storage/read_model_definitions.hpp"

#include <functional>

#include "storage/household_lists.hpp"

namespace gezicht::storage {
namespace {

// PostgreSQL: each maintaining statement first locks the household's row, as
// the service's writes do (HouseholdRepository::lock), so two transactions
// keep a household's read models one after the other; in READ COMMITTED the
// statements after the lock see what the other one committed.
std::string postgres_lock(const std::string& household) {
  return "PERFORM 1 FROM households WHERE id = " + household + " FOR NO KEY UPDATE;\n";
}

// ---- face_latest_contacts ------------------------------------------------
// Each face's latest contact with each household. An insert can only raise
// a face's latest; a delete or a change of a contact's face, household or
// time recomputes that face's latest (one step down index
// contacts(household_id, involved_id, at)), removing the row when no
// contact is left.

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

ReadModel face_latest_contacts(Dialect dialect) {
  ReadModel model{"face_latest_contacts",
                  {"contacts"},
                  1,
                  "CREATE TABLE face_latest_contacts (\n"
                  "  household_id BIGINT NOT NULL,\n"
                  "  involved_id BIGINT NOT NULL,\n"
                  "  latest_at TEXT NOT NULL,\n"
                  "  PRIMARY KEY (household_id, involved_id)\n"
                  ");\n",
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

// ---- one row per household -----------------------------------------------
// A model with one row per household, rewritten whole from the base tables
// whenever a row of one of its sources changes, and made with the
// household's own row (so a household without anything yet has its row).

struct Source {
  const char* table;
  const char* update_columns;  // the columns whose change rewrites the row
};

struct HouseholdRowModel {
  const char* name;
  std::int64_t format_version;
  const char* columns;  // after household_id, with their types
  // Columns of the household's own row that the model copies (its row is
  // rewritten when one changes), or empty; and indexes on the model.
  const char* household_columns;
  const char* indexes;
  std::vector<Source> sources;
  // SELECT household_id, <the columns> FROM households h [WHERE h.id = household]
  std::function<std::string(Dialect, const std::string& household)> rows;
};

std::string sqlite_trigger(const std::string& name, const std::string& when, const std::string& body) {
  std::string sql = "CREATE TRIGGER ";
  sql += name;
  sql += ' ';
  sql += when;
  sql += " BEGIN\n";
  sql += body;
  sql += "END;\n";
  return sql;
}

ReadModel household_rows(Dialect dialect, const HouseholdRowModel& spec) {
  const std::string name = spec.name;
  const auto rewrite = [&](const std::string& household) {
    return "DELETE FROM " + name + " WHERE household_id = " + household + ";\nINSERT INTO " + name + " " +
           spec.rows(dialect, household) + ";\n";
  };
  ReadModel model{
      name,
      {"households"},
      spec.format_version,
      "CREATE TABLE " + name + " (\n  household_id BIGINT PRIMARY KEY,\n" + spec.columns + "\n);\n" + spec.indexes,
      "",
      "INSERT INTO " + name + " " + spec.rows(dialect, "")};
  for (const auto& source : spec.sources) model.sources.emplace_back(source.table);
  const std::string household_columns = spec.household_columns;
  if (dialect == Dialect::sqlite) {
    for (const auto& source : spec.sources) {
      const std::string prefix = name + "_" + source.table;
      const std::string table = source.table;
      model.create += sqlite_trigger(prefix + "_insert", "AFTER INSERT ON " + table, rewrite("NEW.household_id"));
      model.create += sqlite_trigger(prefix + "_delete", "AFTER DELETE ON " + table, rewrite("OLD.household_id"));
      std::string when = "AFTER UPDATE OF ";
      when += source.update_columns;
      when += " ON ";
      when += table;
      // The row it left, only when it moved to another household: an
      // update within one household rewrites that household's row once.
      std::string body = rewrite("(CASE WHEN OLD.household_id IS NOT NEW.household_id THEN OLD.household_id END)");
      body += rewrite("NEW.household_id");
      model.create += sqlite_trigger(prefix + "_update", when, body);
      for (const char* event : {"_insert", "_delete", "_update"}) {
        model.drop += "DROP TRIGGER IF EXISTS " + prefix + event + ";\n";
      }
    }
    model.create += "CREATE TRIGGER " + name + "_households_insert AFTER INSERT ON households BEGIN\n" +
                    rewrite("NEW.id") + "END;\nCREATE TRIGGER " + name +
                    "_households_delete AFTER DELETE ON households BEGIN\nDELETE FROM " + name +
                    " WHERE household_id = OLD.id;\nEND;\n";
    if (!household_columns.empty()) {
      model.create +=
          sqlite_trigger(name + "_households_update", "AFTER UPDATE OF " + household_columns + " ON households",
                         rewrite("(CASE WHEN OLD.id IS NOT NEW.id THEN OLD.id END)") + rewrite("NEW.id"));
    }
    model.drop += "DROP TRIGGER IF EXISTS " + name + "_households_insert;\nDROP TRIGGER IF EXISTS " + name +
                  "_households_delete;\nDROP TRIGGER IF EXISTS " + name + "_households_update;\nDROP TABLE IF EXISTS " +
                  name + ";\n";
    return model;
  }
  model.create += "CREATE FUNCTION " + name +
                  "_rewrite(household BIGINT) RETURNS void LANGUAGE plpgsql AS $$\nBEGIN\n" +
                  postgres_lock("household") + rewrite("household") + "END $$;\nCREATE FUNCTION " + name +
                  "_keep() RETURNS trigger LANGUAGE plpgsql AS $$\nBEGIN\n"
                  // The row it left, only when it moved to another household.
                  "IF TG_OP = 'DELETE' OR (TG_OP = 'UPDATE' AND OLD.household_id IS DISTINCT FROM "
                  "NEW.household_id) THEN PERFORM " +
                  name +
                  "_rewrite(OLD.household_id); END IF;\n"
                  "IF TG_OP IN ('INSERT', 'UPDATE') THEN PERFORM " +
                  name +
                  "_rewrite(NEW.household_id); END IF;\n"
                  "RETURN NULL;\nEND $$;\nCREATE FUNCTION " +
                  name +
                  "_household() RETURNS trigger LANGUAGE plpgsql AS $$\nBEGIN\n"
                  "IF TG_OP = 'UPDATE' AND OLD.id IS DISTINCT FROM NEW.id THEN PERFORM " +
                  name +
                  "_rewrite(OLD.id); END IF;\n"
                  "IF TG_OP IN ('INSERT', 'UPDATE') THEN PERFORM " +
                  name +
                  "_rewrite(NEW.id); END IF;\n"
                  "IF TG_OP = 'DELETE' THEN DELETE FROM " +
                  name +
                  " WHERE household_id = OLD.id; END IF;\n"
                  "RETURN NULL;\nEND $$;\nCREATE TRIGGER " +
                  name + "_households AFTER INSERT OR DELETE" +
                  (household_columns.empty() ? std::string() : " OR UPDATE OF " + household_columns) +
                  " ON households FOR EACH ROW EXECUTE FUNCTION " + name + "_household();\n";
  for (const auto& source : spec.sources) {
    const std::string trigger = name + "_" + source.table;
    model.create += "CREATE TRIGGER " + trigger;
    model.create += " AFTER INSERT OR DELETE OR UPDATE OF ";
    model.create += source.update_columns;
    model.create += " ON ";
    model.create += source.table;
    model.create += " FOR EACH ROW EXECUTE FUNCTION " + name + "_keep();\n";
    model.drop += "DROP TRIGGER IF EXISTS " + trigger;
    model.drop += " ON ";
    model.drop += source.table;
    model.drop += ";\n";
  }
  model.drop += "DROP TRIGGER IF EXISTS " + name + "_households ON households;\nDROP FUNCTION IF EXISTS " + name +
                "_keep();\nDROP FUNCTION IF EXISTS " + name + "_household();\nDROP FUNCTION IF EXISTS " + name +
                "_rewrite(BIGINT);\nDROP TABLE IF EXISTS " + name + ";\n";
  return model;
}

std::string for_household(const std::string& household) {
  return " FROM households h" + (household.empty() ? std::string() : " WHERE h.id = " + household);
}

// ---- household_caseload --------------------------------------------------
// A household's row of the caseload: its fixed contact and address, copied
// so that a caseload is one index range of one table (as fast as the summary
// columns that it replaced), and the inputs of its figures as small JSON
// lists (arrays of rows, read by JsonRows): the first adult, the open
// actions' due dates, each face's latest contact, every change of fixed
// contact. What counts (overdue today, a face in the last 90 days, a change
// in the last year) depends on the day, so the domain's rules count them
// when the caseload is read.

std::string json_list(Dialect dialect, const std::string& columns, const std::string& from_where) {
  if (dialect == Dialect::postgres) {
    return "(SELECT COALESCE(json_agg(json_build_array(" + columns + ")), '[]')::text " + from_where + ")";
  }
  return "(SELECT json_group_array(json_array(" + columns + ")) " + from_where + ")";
}

const HouseholdRowModel household_caseload{
    "household_caseload",
    3,
    "  fixed_contact_id BIGINT,\n"
    "  postcode TEXT NOT NULL,\n"
    "  house_number TEXT NOT NULL,\n"
    "  first_adult TEXT,\n"
    "  open_due_on TEXT NOT NULL,\n"
    "  faces_latest_at TEXT NOT NULL,\n"
    "  fixed_contact_changes TEXT NOT NULL",
    "id, fixed_contact_id, postcode, house_number",
    "CREATE INDEX household_caseload_fixed_contact ON household_caseload (fixed_contact_id, household_id);\n",
    {
        {"household_members", "household_id, kind, name"},
        {"actions", "household_id, status, due_on"},
        {"face_latest_contacts", "household_id, latest_at"},
        {"fixed_contact_changes", "household_id, from_user_id, to_user_id, kind, changed_at"},
    },
    [](Dialect dialect, const std::string& household) {
      return "(household_id, fixed_contact_id, postcode, house_number, first_adult, open_due_on, faces_latest_at, "
             "fixed_contact_changes) SELECT h.id, h.fixed_contact_id, h.postcode, h.house_number, "
             "(SELECT m.name FROM household_members m WHERE m.household_id = h.id AND m.kind = 'adult' "
             "ORDER BY m.id LIMIT 1), " +
             json_list(dialect, "a.due_on", "FROM actions a WHERE a.household_id = h.id AND a.status = 'open'") + ", " +
             json_list(dialect, "f.latest_at", "FROM face_latest_contacts f WHERE f.household_id = h.id") + ", " +
             json_list(dialect, "x.from_user_id, x.to_user_id, x.kind, x.changed_at",
                       "FROM fixed_contact_changes x WHERE x.household_id = h.id") +
             for_household(household);
    },
};

// ---- household_record_lists ------------------------------------------------
// The record's small lists as the record reads them (household_lists.hpp),
// except the involved faces: access is decided from those, so the record
// reads them live.

const HouseholdRowModel household_record_lists{
    "household_record_lists",
    3,
    "  members TEXT NOT NULL,\n"
    "  relations TEXT NOT NULL,\n"
    "  goals TEXT NOT NULL,\n"
    "  options TEXT NOT NULL,\n"
    "  actions TEXT NOT NULL,\n"
    "  referrals TEXT NOT NULL",
    "",
    "",
    {
        {"household_members", "household_id, name, kind, birth_year"},
        {"member_relations", "household_id, member_id, related_id, relation"},
        {"goals", "household_id, words, progress_sign, status"},
        {"plan_options", "household_id, goal_id, description, chosen, why"},
        {"actions", "household_id, goal_id, what, involved_id, domain, due_on, status"},
        {"involved", "household_id, name"},  // an action shows its face's name
        {"referrals", "household_id, reference, created_at, promised_by, first_contact_at, contact_id"},
    },
    [](Dialect dialect, const std::string& household) {
      std::string sql = "(household_id, members, relations, goals, options, actions, referrals) SELECT h.id";
      for (const auto* list : household_lists::stored_lists) {
        sql += ", CAST(" + household_lists::json_subselect(dialect, *list, "h.id") + " AS TEXT)";
      }
      return sql + for_household(household);
    },
};

// ---- dashboard_changes ---------------------------------------------------
// Which households and requests changed, and when, for the dashboard's
// in-memory copy (service/dashboard_store.hpp): a row per household or
// request, raised by every insert, update or delete of a table the dashboard
// reads, so the copy reloads just those. SQLite: a version, one more than
// the highest (writers take turns, so versions commit in order). PostgreSQL:
// the writing transaction's id, since a sequence's numbers can commit out of
// order; a reader takes the rows of transactions older than its snapshot's
// oldest running one, which can no longer change. The row 'built' says when
// the model was (re)built: a copy that saw another value reloads everything.

struct ChangeSource {
  const char* table;
  const char* entity;
  const char* column;
};

constexpr ChangeSource change_sources[] = {
    {"households", "household", "id"},
    {"household_members", "household", "household_id"},
    {"what_matters", "household", "household_id"},
    {"contacts", "household", "household_id"},
    {"fixed_contact_changes", "household", "household_id"},
    {"breakthroughs", "household", "household_id"},
    {"resident_requests", "household", "household_id"},
    {"referrals", "referral", "id"},
    {"referrals", "household", "household_id"},
    {"referral_backgrounds", "referral", "referral_id"},
};

std::string sqlite_note_change(const std::string& entity, const std::string& key) {
  // The aggregate gives one row even when nothing matches: filtered outside it.
  return "INSERT INTO dashboard_changes (entity, entity_id, version) SELECT '" + entity + "', " + key +
         ", next FROM (SELECT COALESCE(MAX(version), 0) + 1 AS next FROM dashboard_changes) WHERE " + key +
         " IS NOT NULL ON CONFLICT (entity, entity_id) DO UPDATE SET version = excluded.version;\n";
}

ReadModel dashboard_changes(Dialect dialect) {
  ReadModel model{"dashboard_changes", {}, 1, "", "", ""};
  for (const auto& source : change_sources) model.sources.emplace_back(source.table);
  if (dialect == Dialect::sqlite) {
    model.create =
        "CREATE TABLE dashboard_changes (\n"
        "  entity TEXT NOT NULL,\n"
        "  entity_id BIGINT NOT NULL,\n"
        "  version BIGINT NOT NULL,\n"
        "  PRIMARY KEY (entity, entity_id)\n"
        ");\n"
        "CREATE INDEX dashboard_changes_version ON dashboard_changes (version);\n";
    model.drop = "DROP TABLE IF EXISTS dashboard_changes;\n";  // and each trigger, below
    for (std::size_t i = 0; i < std::size(change_sources); ++i) {
      const auto& source = change_sources[i];
      const std::string name = "dashboard_changes_" + std::to_string(i) + "_";
      const std::string head = " ON " + std::string(source.table) + " BEGIN\n";
      const std::string column = source.column;
      const auto trigger = [&](const std::string& event, const std::string& body) {
        model.create.append("CREATE TRIGGER ").append(name).append(event).append(head).append(body).append("END;\n");
      };
      trigger("insert AFTER INSERT", sqlite_note_change(source.entity, "NEW." + column));
      trigger("delete AFTER DELETE", sqlite_note_change(source.entity, "OLD." + column));
      trigger("update AFTER UPDATE",
              sqlite_note_change(source.entity, "OLD." + column) + sqlite_note_change(source.entity, "NEW." + column));
      for (const char* kind : {"insert", "delete", "update"})
        model.drop += "DROP TRIGGER IF EXISTS " + name + kind + ";\n";
    }
    model.fill =
        "INSERT INTO dashboard_changes (entity, entity_id, version) "
        "VALUES ('built', CAST((julianday('now') - 2440587.5) * 86400000000 AS INTEGER), 0)";
    return model;
  }
  model.create =
      "CREATE TABLE dashboard_changes (\n"
      "  entity TEXT NOT NULL,\n"
      "  entity_id BIGINT NOT NULL,\n"
      "  changed_in xid8 NOT NULL,\n"
      "  PRIMARY KEY (entity, entity_id)\n"
      ");\n"
      "CREATE INDEX dashboard_changes_changed_in ON dashboard_changes (changed_in);\n"
      // TG_ARGV: the entity and the column that holds its id.
      "CREATE FUNCTION dashboard_changes_keep() RETURNS trigger LANGUAGE plpgsql AS $$\n"
      "DECLARE key BIGINT;\nBEGIN\n"
      // The row's id before and after (an update may move a row to another household).
      "FOREACH key IN ARRAY ARRAY[\n"
      "  CASE WHEN TG_OP IN ('UPDATE', 'DELETE') THEN (to_jsonb(OLD) ->> TG_ARGV[1])::bigint END,\n"
      "  CASE WHEN TG_OP IN ('INSERT', 'UPDATE') THEN (to_jsonb(NEW) ->> TG_ARGV[1])::bigint END] LOOP\n"
      "  IF key IS NOT NULL THEN\n"
      "    INSERT INTO dashboard_changes (entity, entity_id, changed_in) VALUES (TG_ARGV[0], key, "
      "pg_current_xact_id())\n"
      "    ON CONFLICT (entity, entity_id) DO UPDATE SET changed_in = excluded.changed_in;\n"
      "  END IF;\n"
      "END LOOP;\n"
      "RETURN NULL;\nEND $$;\n";
  model.drop = "DROP FUNCTION IF EXISTS dashboard_changes_keep() CASCADE;\nDROP TABLE IF EXISTS dashboard_changes;\n";
  for (std::size_t i = 0; i < std::size(change_sources); ++i) {
    const auto& source = change_sources[i];
    model.create += "CREATE TRIGGER dashboard_changes_" + std::to_string(i) + " AFTER INSERT OR UPDATE OR DELETE ON " +
                    source.table + " FOR EACH ROW EXECUTE FUNCTION dashboard_changes_keep('" + source.entity + "', '" +
                    source.column + "');\n";
  }
  model.fill =
      "INSERT INTO dashboard_changes (entity, entity_id, changed_in) "
      "VALUES ('built', (EXTRACT(EPOCH FROM clock_timestamp()) * 1000000)::bigint, '0'::xid8)";
  return model;
}

}  // namespace

std::vector<ReadModel> read_model_definitions(Dialect dialect) {
  return {face_latest_contacts(dialect), household_rows(dialect, household_caseload),
          household_rows(dialect, household_record_lists), dashboard_changes(dialect)};
}

}  // namespace gezicht::storage
