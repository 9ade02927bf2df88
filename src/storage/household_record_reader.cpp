#include <algorithm>
#include <map>
#include <stdexcept>
#include <tuple>

#include "domain/calendar.hpp"
#include "domain/record_order.hpp"
#include "domain/record_rules.hpp"
#include "storage/access_repository.hpp"
#include "storage/household_lists.hpp"
#include "storage/household_repository.hpp"
#include "storage/json_rows.hpp"
#include "storage/user_repository.hpp"

// The household's reads, straight from the tables: what a reader sees is
// what the rows say now, whoever or whatever changed them.

namespace gezicht::storage {
namespace lists = household_lists;

namespace {

// The lists read as JSON subselects of the record's head statement, in this
// order, after the head's own columns.
constexpr const lists::ListQuery* head_lists[] = {&lists::members, &lists::relations, &lists::goals,    &lists::options,
                                                  &lists::actions, &lists::involved,  &lists::referrals};
constexpr int list_count = sizeof(head_lists) / sizeof(head_lists[0]);

// The household's own row with what has one value per household: the
// latest words of what matters, the fixed contact's account, the viewer's
// emergency access, and its small lists as JSON: the involved faces live,
// the others from the read model household_record_lists that the database
// keeps (read_models.hpp). Parameters: the viewer, now, the household for
// the involved faces, then the household.
const std::string& record_head_sql(Dialect dialect) {
  static const auto build = [](Dialect d) {
    std::string sql =
        "SELECT h.id, h.postcode, h.house_number, h.fixed_contact_id, h.preferred_language, h.contact_channel, "
        "w.id, w.words, w.recorded_at, w.confirmed_on, " +
        std::string(UserRepository::user_select_list) +
        ", (SELECT MAX(e.expires_at) FROM emergency_access e WHERE e.household_id = h.id AND e.user_id = ? "
        "AND e.expires_at > ?), h.closed_on";
    for (const auto* list : head_lists) {
      sql += ", " + (list == &lists::involved ? lists::json_subselect(d, *list) : std::string("r.") + list->name);
    }
    sql +=
        ", r.household_id FROM households h "
        "LEFT JOIN household_record_lists r ON r.household_id = h.id "
        "LEFT JOIN what_matters w ON w.id = (SELECT MAX(m.id) FROM what_matters m WHERE m.household_id = h.id) "
        "LEFT JOIN users u ON u.id = h.fixed_contact_id LEFT JOIN teams t ON t.id = u.team_id "
        "WHERE h.id = ?";
    return sql;
  };
  static const std::string sqlite = build(Dialect::sqlite);
  static const std::string postgres = build(Dialect::postgres);
  return dialect == Dialect::postgres ? postgres : sqlite;
}

}  // namespace

std::optional<HouseholdRecord> HouseholdRepository::find(std::int64_t id) {
  auto row = query(connection_,
                   "SELECT id, postcode, house_number, fixed_contact_id, preferred_language, contact_channel "
                   "FROM households WHERE id = ?",
                   id);
  if (!row->step()) return std::nullopt;
  return HouseholdRecord{row->int64(0), row->text(1), row->text(2), row->optional_int64(3), row->text(4), row->text(5)};
}

std::vector<domain::HouseholdMember> HouseholdRepository::members(std::int64_t household_id) {
  return lists::read_members(*lists::list_query(connection_, lists::members, household_id));
}

std::vector<domain::Involved> HouseholdRepository::involved(std::int64_t household_id) {
  return lists::read_involved(*lists::list_query(connection_, lists::involved, household_id));
}

HouseholdRecordParts HouseholdRepository::read_record(std::int64_t household_id, std::int64_t viewer_user_id,
                                                      const RecordRead& read) {
  std::vector<std::unique_ptr<Statement>> statements;
  auto head = connection_.prepare(record_head_sql(connection_.dialect()));
  int parameter = 1;
  head->bind(parameter++, viewer_user_id);
  head->bind(parameter++, read.now);
  head->bind(parameter++, household_id);  // the involved faces
  head->bind(parameter++, household_id);
  statements.push_back(std::move(head));
  if (read.contacts) {
    statements.push_back(lists::contacts_in_window(connection_, household_id, read.since));
    statements.push_back(lists::latest_contacts(connection_, household_id, read.recent_limit));
  }
  statements.push_back(lists::fixed_contact_changes(connection_, household_id));
  statements.push_back(AccessRepository(connection_).query_sharing(household_id));
  if (read.legal_bases) statements.push_back(AccessRepository(connection_).query_legal_bases(true));
  // One round trip on PostgreSQL, with the caller's own statements.
  std::vector<Statement*> pending;
  for (const auto& statement : statements) pending.push_back(statement.get());
  pending.insert(pending.end(), read.together.begin(), read.together.end());
  connection_.run_together(pending);

  HouseholdRecordParts parts;
  auto next = statements.begin();
  auto& row = **next++;
  if (!row.step()) return parts;  // no such household: nothing to show
  parts.household =
      HouseholdRecord{row.int64(0), row.text(1), row.text(2), row.optional_int64(3), row.text(4), row.text(5)};
  if (!row.is_null(6)) parts.what_matters = domain::WhatMatters{row.text(7), row.text(8), row.optional_text(9)};
  if (!row.is_null(10)) parts.fixed_contact = UserRepository::read_user(row, 10);
  constexpr int after_user = 10 + UserRepository::user_column_count;
  parts.viewer_emergency_until = row.optional_text(after_user);
  parts.household->closed_on = row.optional_text(after_user + 1);
  if (row.is_null(after_user + 2 + list_count)) {
    throw DatabaseError("the read model household_record_lists has no row for household " +
                        std::to_string(household_id) + "; `gezicht migrate` rebuilds it");
  }
  std::vector<JsonRows> json;
  json.reserve(list_count);
  for (int i = 0; i < list_count; ++i) {
    json.emplace_back(row.text(after_user + 2 + i), head_lists[i]->column_count, head_lists[i]->name);
  }
  parts.members = lists::read_members(json[0]);
  parts.relations = lists::read_relations(json[1]);
  parts.goals = lists::read_goals(json[2]);
  parts.options = lists::read_options(json[3]);
  parts.actions = lists::read_actions(json[4]);
  parts.involved = lists::read_involved(json[5]);
  parts.referrals = lists::read_referrals(json[6]);
  // SQLite hands the lists over in index order (household_lists::json_subselect).
  domain::put_in_record_order(parts.members);
  domain::put_in_record_order(parts.goals);
  domain::put_in_record_order(parts.options);
  domain::put_in_record_order(parts.actions);
  domain::put_in_record_order(parts.involved);
  std::stable_sort(parts.referrals.begin(), parts.referrals.end(),
                   [](const ReferralSummary& a, const ReferralSummary& b) { return a.created_at > b.created_at; });
  // Access is decided from this live list, read in the same statement as the household.
  for (const auto& face : parts.involved) {
    if (face.active && face.user_id == viewer_user_id) parts.viewer_involved_id = face.id;
  }

  Statement* contacts_in_window = read.contacts ? (next++)->get() : nullptr;
  Statement* latest_contacts = read.contacts ? (next++)->get() : nullptr;
  parts.fixed_contact_changes = lists::read_fixed_contact_changes(**next++);
  parts.sharing = AccessRepository::read_sharing(**next++);
  if (read.legal_bases) parts.active_legal_bases = AccessRepository::read_legal_bases(**next++);
  if (read.contacts) {
    parts.contacts_since = lists::read_contacts_in_window(*contacts_in_window, household_id);
    parts.contacts = lists::read_latest_contacts(*latest_contacts, household_id, parts.involved);
  }
  return parts;
}

std::vector<domain::ContactEntry> HouseholdRepository::contacts_before(std::int64_t household_id,
                                                                       const std::optional<std::string>& before_at,
                                                                       std::int64_t before_id, int limit) {
  constexpr const char* columns =
      "SELECT c.id, c.involved_id, i.name, c.at, c.channel, c.with_whom, c.edits "
      "FROM contacts c JOIN involved i ON i.id = c.involved_id WHERE c.household_id = ? ";
  const std::int64_t rows = limit;
  auto result = before_at ? query(connection_,
                                  std::string(columns) +
                                      "AND (c.at < ? OR (c.at = ? AND c.id < ?)) ORDER BY c.at DESC, c.id DESC LIMIT ?",
                                  household_id, *before_at, *before_at, before_id, rows)
                          : query(connection_, std::string(columns) + "ORDER BY c.at DESC, c.id DESC LIMIT ?",
                                  household_id, rows);
  std::vector<domain::ContactEntry> contacts;
  while (result->step()) {
    contacts.push_back({result->int64(0), result->int64(1), result->text(2), result->text(3), result->text(4),
                        result->text(5), static_cast<int>(result->int64(6))});
  }
  return contacts;
}

std::optional<std::int64_t> HouseholdRepository::involved_id_of_user(std::int64_t household_id, std::int64_t user_id) {
  auto row = query(connection_, "SELECT id FROM involved WHERE household_id = ? AND user_id = ? AND active = 1",
                   household_id, user_id);
  if (!row->step()) return std::nullopt;
  return row->int64(0);
}

std::optional<domain::Involved> HouseholdRepository::involved_by_id(std::int64_t household_id,
                                                                    std::int64_t involved_id) {
  auto row = query(connection_,
                   "SELECT id, user_id, name, organisation, role, domain, does_what, reach, active FROM involved "
                   "WHERE household_id = ? AND id = ?",
                   household_id, involved_id);
  if (!row->step()) return std::nullopt;
  return domain::Involved{row->int64(0), row->optional_int64(1), row->text(2), row->text(3),      row->text(4),
                          row->text(5),  row->text(6),           row->text(7), row->int64(8) != 0};
}

bool HouseholdRepository::goal_belongs(std::int64_t household_id, std::int64_t goal_id) {
  return query(connection_, "SELECT 1 FROM goals WHERE household_id = ? AND id = ?", household_id, goal_id)->step();
}

std::optional<HouseholdRepository::StoredContact> HouseholdRepository::contact(std::int64_t household_id,
                                                                               std::int64_t contact_id) {
  auto row = query(connection_,
                   "SELECT id, involved_id, at, channel, with_whom FROM contacts WHERE household_id = ? AND id = ?",
                   household_id, contact_id);
  if (!row->step()) return std::nullopt;
  return StoredContact{row->int64(0), row->int64(1), row->text(2), row->text(3), row->text(4)};
}

std::vector<HouseholdRepository::ContactEdit> HouseholdRepository::contact_history(std::int64_t contact_id) {
  std::vector<ContactEdit> history;
  auto rows = query(connection_,
                    "SELECT e.contact_id, e.involved_id, e.at, e.channel, e.with_whom, COALESCE(i.name, ''), u.name, "
                    "e.edited_at FROM contact_edits e LEFT JOIN involved i ON i.id = e.involved_id "
                    "JOIN users u ON u.id = e.edited_by WHERE e.contact_id = ? ORDER BY e.id DESC",
                    contact_id);
  while (rows->step()) {
    history.push_back({{rows->int64(0), rows->int64(1), rows->text(2), rows->text(3), rows->text(4)},
                       rows->text(5),
                       rows->text(6),
                       rows->text(7)});
  }
  return history;
}

namespace {

// What the caseload and the team's overview show of each household: one
// row per household from the read model household_caseload, which the
// database keeps (read_models.hpp), with the inputs of the figures as small
// JSON lists; the domain's rules count them for the day asked about.
struct CaseloadQuery {
  std::string fixed_contact_name;  // an expression: the caseload is the viewer's own, the overview a team's
  std::string from_where;          // on household_caseload r
  std::vector<Value> parameters;
};

std::vector<CaseloadRow> read_caseload(Connection& connection, const CaseloadQuery& selection, const std::string& today,
                                       const std::string& since_90d, const std::string& now,
                                       const std::string& since_year) {
  // Overdue is the domain's rule; the team's overview gives no day and counts none.
  std::optional<domain::Date> today_date;
  if (!today.empty()) {
    today_date = domain::parse_date(today);
    if (!today_date) throw std::invalid_argument("caseload: today is not a date: " + today);
  }
  auto households = connection.prepare(
      "SELECT r.household_id, r.postcode, r.house_number, r.first_adult, r.open_due_on, r.faces_latest_at, "
      "r.fixed_contact_changes, " +
      selection.fixed_contact_name + " FROM household_caseload r " + selection.from_where + " ORDER BY r.household_id");
  int index = 1;
  for (const auto& value : selection.parameters) households->bind(index++, value);

  std::vector<CaseloadRow> rows;
  while (households->step()) {
    CaseloadRow row;
    row.household_id = households->int64(0);
    row.postcode = households->text(1);
    row.house_number = households->text(2);
    if (!households->is_null(3)) row.name = households->text(3);
    row.fixed_contact_name = households->text(7);
    for (JsonRows actions(households->text(4), 1, "open_due_on"); actions.step();) {
      ++row.open_actions;
      if (today_date && domain::is_overdue(domain::open_status, actions.view(0), *today_date)) ++row.overdue_actions;
    }
    // Contacts are never in the future (validate_contact), so a face met the
    // household in the 90 days when its latest contact lies in them.
    JsonRows faces(households->text(5), 1, "faces_latest_at");
    std::string_view last_contact_at;  // a view into faces
    while (faces.step()) {
      const auto latest = faces.view(0);
      if (latest > last_contact_at) last_contact_at = latest;
      if (latest >= since_90d && latest <= now) ++row.faces_90d;
    }
    if (!last_contact_at.empty()) row.last_contact_at = std::string(last_contact_at);
    for (JsonRows changes(households->text(6), 4, "fixed_contact_changes"); changes.step();) {
      domain::FixedContactChange change;
      change.from_user_id = changes.optional_int64(0);
      change.to_user_id = changes.int64(1);
      change.kind = changes.text(2);
      change.changed_at = changes.text(3);
      if (change.changed_at >= since_year && domain::counts_as_fixed_contact_change(change)) {
        ++row.fixed_contact_changes_year;
      }
    }
    rows.push_back(std::move(row));
  }
  return rows;
}

}  // namespace

std::vector<CaseloadRow> HouseholdRepository::caseload(std::int64_t user_id, const std::string& today,
                                                       const std::string& since_90d, const std::string& now,
                                                       const std::string& since_year) {
  return read_caseload(connection_, {"''", "WHERE r.fixed_contact_id = ?", {Value(user_id)}}, today, since_90d, now,
                       since_year);
}

std::vector<CaseloadRow> HouseholdRepository::team_continuity_flags(std::int64_t team_id, const std::string& since_90d,
                                                                    const std::string& now,
                                                                    const std::string& since_year, int max_faces,
                                                                    int min_changes) {
  // The overview is about continuity: it shows no actions, so none count
  // as overdue ("today" is the empty text) and the counts are cleared.
  auto rows = read_caseload(
      connection_, {"u.name", "JOIN users u ON u.id = r.fixed_contact_id WHERE u.team_id = ?", {Value(team_id)}},
      std::string(), since_90d, now, since_year);
  std::erase_if(rows, [&](const CaseloadRow& row) {
    return row.faces_90d <= max_faces && row.fixed_contact_changes_year < min_changes;
  });
  for (auto& row : rows) {
    row.open_actions = 0;
    row.overdue_actions = 0;
  }
  std::sort(rows.begin(), rows.end(), [](const CaseloadRow& a, const CaseloadRow& b) {
    return std::tuple(-a.faces_90d, -a.fixed_contact_changes_year, a.household_id) <
           std::tuple(-b.faces_90d, -b.fixed_contact_changes_year, b.household_id);
  });
  return rows;
}

}  // namespace gezicht::storage
