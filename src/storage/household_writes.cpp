#include "storage/household_repository.hpp"

// The household's writes. Each is one statement or a few, run inside the
// caller's transaction; nothing derived is kept beside the tables, so a
// write changes its own rows and nothing else.

namespace gezicht::storage {
namespace {

Value nullable(const std::optional<std::int64_t>& value) {
  if (value) return *value;
  return nullptr;
}

Value nullable(const std::optional<std::string>& value) {
  if (value) return *value;
  return nullptr;
}

std::int64_t returned_id(Statement& statement, const char* table) {
  if (!statement.step()) throw DatabaseError(std::string("INSERT INTO ") + table + " returned no id");
  return statement.int64(0);
}

}  // namespace

std::int64_t HouseholdRepository::add_involved(std::int64_t household_id, const domain::Involved& involved,
                                               std::int64_t added_by, const std::string& at) {
  if (involved.user_id) {
    // An account is involved once; adding it again makes it active again.
    // One statement, so two requests at once cannot both insert it.
    auto row = query(connection_,
                     "INSERT INTO involved (household_id, user_id, name, organisation, role, domain, does_what, reach, "
                     "active, added_by, added_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, 1, ?, ?) "
                     "ON CONFLICT (household_id, user_id) DO UPDATE SET active = 1, ended_by = NULL, ended_at = NULL, "
                     "role = excluded.role, "
                     "domain = excluded.domain, does_what = excluded.does_what, reach = excluded.reach, "
                     "organisation = excluded.organisation RETURNING id",
                     household_id, *involved.user_id, involved.name, involved.organisation, involved.role,
                     involved.domain, involved.does_what, involved.reach, added_by, at);
    return returned_id(*row, "involved");
  }
  auto row = query(connection_,
                   "INSERT INTO involved (household_id, user_id, name, organisation, role, domain, does_what, reach, "
                   "active, added_by, added_at) VALUES (?, NULL, ?, ?, ?, ?, ?, ?, 1, ?, ?) RETURNING id",
                   household_id, involved.name, involved.organisation, involved.role, involved.domain,
                   involved.does_what, involved.reach, added_by, at);
  return returned_id(*row, "involved");
}

std::int64_t HouseholdRepository::add_member(std::int64_t household_id, const std::string& name,
                                             const std::string& kind, std::optional<int> birth_year,
                                             const std::string& at) {
  auto row = query(connection_,
                   "INSERT INTO household_members (household_id, name, kind, birth_year, created_at) "
                   "VALUES (?, ?, ?, ?, ?) RETURNING id",
                   household_id, name, kind, birth_year ? Value(std::int64_t{*birth_year}) : Value(nullptr), at);
  return returned_id(*row, "household_members");
}

void HouseholdRepository::add_relation(std::int64_t household_id, const domain::MemberRelation& relation) {
  exec(connection_, "INSERT INTO member_relations (household_id, member_id, related_id, relation) VALUES (?, ?, ?, ?)",
       household_id, relation.member_id, relation.related_id, relation.relation);
}

void HouseholdRepository::add_what_matters(std::int64_t household_id, const std::string& words,
                                           const std::optional<std::string>& confirmed_on, std::int64_t by,
                                           const std::string& at) {
  exec(connection_,
       "INSERT INTO what_matters (household_id, words, recorded_by, recorded_at, confirmed_on) VALUES (?, ?, ?, ?, ?)",
       household_id, words, by, at, nullable(confirmed_on));
}

std::int64_t HouseholdRepository::add_goal(std::int64_t household_id, const std::string& words,
                                           const std::string& progress_sign, std::int64_t by, const std::string& at) {
  auto row = query(connection_,
                   "INSERT INTO goals (household_id, words, progress_sign, created_by, created_at) "
                   "VALUES (?, ?, ?, ?, ?) RETURNING id",
                   household_id, words, progress_sign, by, at);
  return returned_id(*row, "goals");
}

std::int64_t HouseholdRepository::add_option(std::int64_t household_id, std::optional<std::int64_t> goal_id,
                                             const std::string& description, bool chosen, const std::string& why,
                                             std::int64_t by, const std::string& at) {
  auto row = query(connection_,
                   "INSERT INTO plan_options (household_id, goal_id, description, chosen, why, created_by, created_at) "
                   "VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id",
                   household_id, nullable(goal_id), description, std::int64_t{chosen ? 1 : 0}, why, by, at);
  return returned_id(*row, "plan_options");
}

std::int64_t HouseholdRepository::add_action(std::int64_t household_id, const domain::Action& action, std::int64_t by,
                                             const std::string& at) {
  auto row = query(connection_,
                   "INSERT INTO actions (household_id, goal_id, what, involved_id, domain, due_on, status, created_by, "
                   "created_at) VALUES (?, ?, ?, ?, ?, ?, 'open', ?, ?) RETURNING id",
                   household_id, nullable(action.goal_id), action.what, action.involved_id, action.domain,
                   action.due_on, by, at);
  return returned_id(*row, "actions");
}

bool HouseholdRepository::set_action_status(std::int64_t household_id, std::int64_t action_id,
                                            const std::string& status) {
  if (exec(connection_, "UPDATE actions SET status = ? WHERE household_id = ? AND id = ?", status, household_id,
           action_id) != 1) {
    return false;
  }
  return true;
}

bool HouseholdRepository::set_goal_status(std::int64_t household_id, std::int64_t goal_id, const std::string& status) {
  if (exec(connection_, "UPDATE goals SET status = ? WHERE household_id = ? AND id = ?", status, household_id,
           goal_id) != 1) {
    return false;
  }
  return true;
}

std::int64_t HouseholdRepository::add_contact(std::int64_t household_id, std::int64_t involved_id,
                                              const std::string& at, const std::string& channel,
                                              const std::string& with_whom, std::int64_t by,
                                              const std::string& recorded_at) {
  auto row = query(connection_,
                   "INSERT INTO contacts (household_id, involved_id, at, channel, with_whom, recorded_by, recorded_at) "
                   "VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id",
                   household_id, involved_id, at, channel, with_whom, by, recorded_at);
  return returned_id(*row, "contacts");
}

void HouseholdRepository::lock(std::int64_t household_id) {
  if (connection_.dialect() != Dialect::postgres) return;
  query(connection_, "SELECT id FROM households WHERE id = ? FOR UPDATE", household_id)->step();
}

void HouseholdRepository::edit_contact(const StoredContact& previous, const StoredContact& changed, std::int64_t by,
                                       const std::string& at) {
  exec(connection_,
       "INSERT INTO contact_edits (contact_id, involved_id, at, channel, with_whom, edited_by, edited_at) "
       "VALUES (?, ?, ?, ?, ?, ?, ?)",
       previous.id, previous.involved_id, previous.at, previous.channel, previous.with_whom, by, at);
  exec(connection_,
       "UPDATE contacts SET involved_id = ?, at = ?, channel = ?, with_whom = ?, edits = edits + 1 WHERE id = ?",
       changed.involved_id, changed.at, changed.channel, changed.with_whom, previous.id);
}

void HouseholdRepository::record_fixed_contact_change(std::int64_t household_id,
                                                      const domain::FixedContactChange& change,
                                                      std::optional<std::int64_t> by) {
  exec(connection_,
       "INSERT INTO fixed_contact_changes (household_id, from_user_id, to_user_id, kind, reason, warm_handover_on, "
       "no_warm_reason, changed_by, changed_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
       household_id, nullable(change.from_user_id), change.to_user_id, change.kind, change.reason,
       nullable(change.warm_handover_on), change.no_warm_reason, nullable(by), change.changed_at);
}

void HouseholdRepository::set_fixed_contact(std::int64_t household_id, std::int64_t user_id) {
  exec(connection_, "UPDATE households SET fixed_contact_id = ? WHERE id = ?", user_id, household_id);
}

void HouseholdRepository::set_closed_on(std::int64_t household_id, const std::optional<std::string>& closed_on) {
  exec(connection_, "UPDATE households SET closed_on = ? WHERE id = ?", nullable(closed_on), household_id);
}

void HouseholdRepository::set_preferences(std::int64_t household_id, const std::string& language,
                                          const std::string& channel) {
  exec(connection_, "UPDATE households SET preferred_language = ?, contact_channel = ? WHERE id = ?", language, channel,
       household_id);
}

}  // namespace gezicht::storage
