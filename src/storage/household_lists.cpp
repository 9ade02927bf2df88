#include "storage/household_lists.hpp"

#include <algorithm>

#include "domain/calendar.hpp"

namespace gezicht::storage::household_lists {

const ListQuery members{"members", "id, name, kind, birth_year", "household_members", "household_id",
                        // NULLs sort differently in the two databases; unknown years come first in both.
                        "CASE kind WHEN 'adult' THEN 0 ELSE 1 END, COALESCE(birth_year, 0), id", 4};
const ListQuery relations{"relations", "member_id, related_id, relation", "member_relations", "household_id", "id", 3};
const ListQuery involved{"involved",        "id, user_id, name, organisation, role, domain, does_what, reach, active",
                         "involved",        "household_id",
                         "active DESC, id", 9};
const ListQuery goals{"goals", "id, words, progress_sign, status", "goals", "household_id", "id", 4};
const ListQuery options{"options", "id, goal_id, description, chosen, why", "plan_options", "household_id", "id", 5};
const ListQuery actions{"actions",
                        "a.id, a.goal_id, a.what, a.involved_id, i.name, a.domain, a.due_on, a.status",
                        "actions a JOIN involved i ON i.id = a.involved_id",
                        "a.household_id",
                        "CASE a.status WHEN 'open' THEN 0 ELSE 1 END, a.due_on, a.id",
                        8};
const ListQuery referrals{"referrals",       "reference, created_at, promised_by, first_contact_at, contact_id",
                          "referrals",       "household_id",
                          "created_at DESC", 5};

std::unique_ptr<Statement> list_query(Connection& connection, const ListQuery& list, std::int64_t household_id) {
  return query(connection,
               std::string("SELECT ") + list.columns + " FROM " + list.from + " WHERE " + list.household +
                   " = ? ORDER BY " + list.order,
               household_id);
}

const ListQuery* const stored_lists[6] = {&members, &relations, &goals, &options, &actions, &referrals};

std::string json_subselect(Dialect dialect, const ListQuery& list, const std::string& household) {
  const std::string where = std::string(" FROM ") + list.from + " WHERE " + list.household + " = " + household;
  if (dialect == Dialect::postgres) {
    return std::string("(SELECT COALESCE(json_agg(json_build_array(") + list.columns + ") ORDER BY " + list.order +
           "), '[]')" + where + ")";
  }
  // SQLite 3.40 has no ORDER BY inside an aggregate, and an ordered
  // subquery would be materialised for every list: the rows come as the
  // index hands them over, and the reader puts them in the record's order
  // (domain/record_order.hpp). Plain column names (c0, c1, ...) are not
  // needed then: the list's own expressions go into json_array.
  return std::string("(SELECT json_group_array(json_array(") + list.columns + "))" + where + ")";
}

std::vector<domain::HouseholdMember> read_members(Statement& rows) {
  std::vector<domain::HouseholdMember> result;
  while (rows.step()) {
    auto year = rows.optional_int64(3);
    result.push_back(
        {rows.int64(0), rows.text(1), rows.text(2), year ? std::optional<int>(static_cast<int>(*year)) : std::nullopt});
  }
  return result;
}

std::vector<domain::MemberRelation> read_relations(Statement& rows) {
  std::vector<domain::MemberRelation> result;
  while (rows.step()) result.push_back({rows.int64(0), rows.int64(1), rows.text(2)});
  return result;
}

std::vector<domain::Involved> read_involved(Statement& rows) {
  std::vector<domain::Involved> result;
  while (rows.step()) {
    result.push_back({rows.int64(0), rows.optional_int64(1), rows.text(2), rows.text(3), rows.text(4), rows.text(5),
                      rows.text(6), rows.text(7), rows.int64(8) != 0});
  }
  return result;
}

std::vector<domain::Goal> read_goals(Statement& rows) {
  std::vector<domain::Goal> result;
  while (rows.step()) result.push_back({rows.int64(0), rows.text(1), rows.text(2), rows.text(3)});
  return result;
}

std::vector<domain::PlanOption> read_options(Statement& rows) {
  std::vector<domain::PlanOption> result;
  while (rows.step()) {
    result.push_back({rows.int64(0), rows.optional_int64(1), rows.text(2), rows.int64(3) != 0, rows.text(4)});
  }
  return result;
}

std::vector<domain::Action> read_actions(Statement& rows) {
  std::vector<domain::Action> result;
  while (rows.step()) {
    result.push_back({rows.int64(0), rows.optional_int64(1), rows.text(2), rows.int64(3), rows.text(4), rows.text(5),
                      rows.text(6), rows.text(7)});
  }
  return result;
}

std::vector<ReferralSummary> read_referrals(Statement& rows) {
  std::vector<ReferralSummary> result;
  while (rows.step()) {
    result.push_back({rows.text(0), rows.text(1), rows.text(2), rows.optional_text(3), rows.int64(4)});
  }
  return result;
}

// Index contacts_household_at_id_face holds all of this, in this order, so
// the table itself is not read.
std::unique_ptr<Statement> contacts_in_window(Connection& connection, std::int64_t household_id,
                                              const std::string& since) {
  return query(connection, "SELECT at, involved_id FROM contacts WHERE household_id = ? AND at >= ? ORDER BY at, id",
               household_id, since);
}

std::vector<domain::Contact> read_contacts_in_window(Statement& rows, std::int64_t household_id) {
  std::vector<domain::Contact> contacts;
  while (rows.step()) {
    const auto at = domain::parse_timestamp(rows.text(0));
    if (!at) {
      throw DatabaseError("household " + std::to_string(household_id) + " has a contact with an unreadable time");
    }
    contacts.push_back({*at, rows.int64(1)});
  }
  return contacts;
}

// The same index walked backwards, stopping after `limit` rows. Names come
// from the involved list read alongside, not from a join per contact.
std::unique_ptr<Statement> latest_contacts(Connection& connection, std::int64_t household_id, int limit) {
  const std::int64_t rows = std::max(limit, 0);
  return query(connection,
               "SELECT id, involved_id, at, channel, with_whom, edits FROM contacts "
               "WHERE household_id = ? ORDER BY at DESC, id DESC LIMIT ?",
               household_id, rows);
}

std::vector<domain::ContactEntry> read_latest_contacts(Statement& rows, std::int64_t household_id,
                                                       const std::vector<domain::Involved>& involved) {
  std::vector<domain::ContactEntry> contacts;
  while (rows.step()) {
    domain::ContactEntry contact{rows.int64(0),
                                 rows.int64(1),
                                 std::string(),
                                 rows.text(2),
                                 rows.text(3),
                                 rows.text(4),
                                 static_cast<int>(rows.int64(5))};
    const auto face = std::find_if(involved.begin(), involved.end(),
                                   [&](const domain::Involved& i) { return i.id == contact.involved_id; });
    if (face == involved.end()) {
      throw DatabaseError("contact " + std::to_string(contact.id) + " names a face outside household " +
                          std::to_string(household_id));
    }
    contact.who = face->name;
    contacts.push_back(std::move(contact));
  }
  return contacts;
}

std::unique_ptr<Statement> fixed_contact_changes(Connection& connection, std::int64_t household_id) {
  return query(connection,
               "SELECT f.from_user_id, f.to_user_id, u.name, f.kind, f.reason, f.warm_handover_on, "
               "f.no_warm_reason, f.changed_at FROM fixed_contact_changes f JOIN users u ON u.id = f.to_user_id "
               "WHERE f.household_id = ? ORDER BY f.changed_at DESC, f.id DESC",
               household_id);
}

std::vector<domain::FixedContactChange> read_fixed_contact_changes(Statement& rows) {
  std::vector<domain::FixedContactChange> changes;
  while (rows.step()) {
    changes.push_back({rows.optional_int64(0), rows.int64(1), rows.text(2), rows.text(3), rows.text(4),
                       rows.optional_text(5), rows.text(6), rows.text(7)});
  }
  return changes;
}

}  // namespace gezicht::storage::household_lists
