#pragma once
// The household record's lists: their SQL and their readers, shared by the
// record reader (storage/household_record_reader.cpp) and the single-list
// reads. Internal to storage.
//
// Each small list (members, relations, goals, options, actions, involved,
// referrals) is one ListQuery. The record reads all of them as JSON
// subselects of its head statement (json_subselect), one statement instead
// of seven; a single list is read with list_query. Both go through the
// same readers, since JsonRows reads like a result set.

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "domain/continuity.hpp"
#include "domain/household.hpp"
#include "storage/database.hpp"
#include "storage/records.hpp"

namespace gezicht::storage::household_lists {

struct ListQuery {
  const char* name;     // for errors
  const char* columns;  // plain column expressions, separated by ", "
  const char* from;
  const char* household;  // the column that holds the household's id
  const char* order;
  int column_count;
};

extern const ListQuery members;
extern const ListQuery relations;
extern const ListQuery involved;
extern const ListQuery goals;
extern const ListQuery options;
extern const ListQuery actions;
extern const ListQuery referrals;

// The lists the read model household_record_lists keeps, one column each,
// named as the list (read_model_definitions.cpp): all but `involved`, from
// which access is decided, so the record reads it live.
extern const ListQuery* const stored_lists[6];

// SELECT the list's columns for one household (bound as parameter 1), in order.
std::unique_ptr<Statement> list_query(Connection& connection, const ListQuery& list, std::int64_t household_id);
// A scalar subselect giving the list of the household `household` (an SQL
// expression; by default the statement's next parameter) as a JSON array
// of rows ('[]' when empty): in the list's order on PostgreSQL, in index
// order on SQLite, so the reader puts them in the record's order
// (domain/record_order.hpp) either way.
std::string json_subselect(Dialect dialect, const ListQuery& list, const std::string& household = "?");

std::vector<domain::HouseholdMember> read_members(Statement& rows);
std::vector<domain::MemberRelation> read_relations(Statement& rows);
std::vector<domain::Involved> read_involved(Statement& rows);
std::vector<domain::Goal> read_goals(Statement& rows);
std::vector<domain::PlanOption> read_options(Statement& rows);
std::vector<domain::Action> read_actions(Statement& rows);
std::vector<ReferralSummary> read_referrals(Statement& rows);

// The continuity window's contacts as (time, face), oldest first.
std::unique_ptr<Statement> contacts_in_window(Connection& connection, std::int64_t household_id,
                                              const std::string& since);
std::vector<domain::Contact> read_contacts_in_window(Statement& rows, std::int64_t household_id);
// The latest `limit` contacts, newest first, named from `involved`.
std::unique_ptr<Statement> latest_contacts(Connection& connection, std::int64_t household_id, int limit);
std::vector<domain::ContactEntry> read_latest_contacts(Statement& rows, std::int64_t household_id,
                                                       const std::vector<domain::Involved>& involved);
std::unique_ptr<Statement> fixed_contact_changes(Connection& connection, std::int64_t household_id);
std::vector<domain::FixedContactChange> read_fixed_contact_changes(Statement& rows);

}  // namespace gezicht::storage::household_lists
