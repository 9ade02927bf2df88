#include "storage/household_repository.hpp"

#include <algorithm>
#include <tuple>

#include "domain/calendar.hpp"
#include "storage/access_repository.hpp"
#include "storage/stored_rows.hpp"
#include "storage/user_repository.hpp"

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

// Each read of the record is a query and a reader, so that read_record() can
// send them all at once and the single-part methods below share the SQL.
namespace {

std::unique_ptr<Statement> query_household(Connection& connection, std::int64_t id) {
  return query(connection,
               "SELECT id, postcode, house_number, fixed_contact_id, preferred_language, contact_channel "
               "FROM households WHERE id = ?",
               id);
}

std::optional<HouseholdRecord> read_household(Statement& row) {
  if (!row.step()) return std::nullopt;
  return HouseholdRecord{row.int64(0), row.text(1), row.text(2), row.optional_int64(3), row.text(4), row.text(5)};
}

// A list of the household record as parts of its query, so that the same
// SQL reads it for one household and, ordered by household, for a range of
// them (filling record_lists in batches).
struct ListQuery {
  const char* columns;
  const char* from;
  const char* household;  // the column that holds the household's id
  const char* order;
  int column_count;
};

std::unique_ptr<Statement> query_list(Connection& connection, const ListQuery& list, std::int64_t household_id) {
  return query(connection,
               std::string("SELECT ") + list.columns + " FROM " + list.from + " WHERE " + list.household +
                   " = ? ORDER BY " + list.order,
               household_id);
}

// The household's id comes first, then the list's columns.
std::unique_ptr<Statement> query_list_range(Connection& connection, const ListQuery& list, std::int64_t first,
                                            std::int64_t last) {
  return query(connection,
               std::string("SELECT ") + list.household + ", " + list.columns + " FROM " + list.from + " WHERE " +
                   list.household + " BETWEEN ? AND ? ORDER BY " + list.household + ", " + list.order,
               first, last);
}

constexpr ListQuery members_list{"id, name, kind, birth_year", "household_members", "household_id",
                                 // NULLs sort differently in the two databases; unknown years come first in both.
                                 "CASE kind WHEN 'adult' THEN 0 ELSE 1 END, COALESCE(birth_year, 0), id", 4};
constexpr ListQuery relations_list{"member_id, related_id, relation", "member_relations", "household_id", "id", 3};
constexpr ListQuery involved_list{"id, user_id, name, organisation, role, domain, does_what, reach, active", "involved",
                                  "household_id", "active DESC, id", 9};
constexpr ListQuery goals_list{"id, words, progress_sign, status", "goals", "household_id", "id", 4};
constexpr ListQuery options_list{"id, goal_id, description, chosen, why", "plan_options", "household_id", "id", 5};
constexpr ListQuery actions_list{"a.id, a.goal_id, a.what, a.involved_id, i.name, a.domain, a.due_on, a.status",
                                 "actions a JOIN involved i ON i.id = a.involved_id", "a.household_id",
                                 "CASE a.status WHEN 'open' THEN 0 ELSE 1 END, a.due_on, a.id", 8};
constexpr ListQuery referrals_list{"reference, created_at, promised_by, first_contact_at", "referrals", "household_id",
                                   "created_at DESC", 4};

// The lists kept in record_lists (migration 009), in their stored order.
constexpr const ListQuery* household_lists[] = {&members_list, &relations_list, &goals_list,    &options_list,
                                                &actions_list, &involved_list,  &referrals_list};

std::unique_ptr<Statement> query_members(Connection& connection, std::int64_t household_id) {
  return query_list(connection, members_list, household_id);
}

std::vector<domain::HouseholdMember> read_members(Statement& rows) {
  std::vector<domain::HouseholdMember> members;
  while (rows.step()) {
    auto year = rows.optional_int64(3);
    members.push_back(
        {rows.int64(0), rows.text(1), rows.text(2), year ? std::optional<int>(static_cast<int>(*year)) : std::nullopt});
  }
  return members;
}

std::vector<domain::MemberRelation> read_relations(Statement& rows) {
  std::vector<domain::MemberRelation> relations;
  while (rows.step()) relations.push_back({rows.int64(0), rows.int64(1), rows.text(2)});
  return relations;
}

std::unique_ptr<Statement> query_involved(Connection& connection, std::int64_t household_id) {
  return query_list(connection, involved_list, household_id);
}

std::vector<domain::Involved> read_involved(Statement& rows) {
  std::vector<domain::Involved> involved;
  while (rows.step()) {
    involved.push_back({rows.int64(0), rows.optional_int64(1), rows.text(2), rows.text(3), rows.text(4), rows.text(5),
                        rows.text(6), rows.text(7), rows.int64(8) != 0});
  }
  return involved;
}

std::unique_ptr<Statement> query_involved_id_of_user(Connection& connection, std::int64_t household_id,
                                                     std::int64_t user_id) {
  return query(connection, "SELECT id FROM involved WHERE household_id = ? AND user_id = ? AND active = 1",
               household_id, user_id);
}

std::optional<std::int64_t> read_id(Statement& row) {
  if (!row.step()) return std::nullopt;
  return row.int64(0);
}

std::vector<domain::Goal> read_goals(Statement& rows) {
  std::vector<domain::Goal> goals;
  while (rows.step()) goals.push_back({rows.int64(0), rows.text(1), rows.text(2), rows.text(3)});
  return goals;
}

std::vector<domain::PlanOption> read_options(Statement& rows) {
  std::vector<domain::PlanOption> options;
  while (rows.step()) {
    options.push_back({rows.int64(0), rows.optional_int64(1), rows.text(2), rows.int64(3) != 0, rows.text(4)});
  }
  return options;
}

std::vector<domain::Action> read_actions(Statement& rows) {
  std::vector<domain::Action> actions;
  while (rows.step()) {
    actions.push_back({rows.int64(0), rows.optional_int64(1), rows.text(2), rows.int64(3), rows.text(4), rows.text(5),
                       rows.text(6), rows.text(7)});
  }
  return actions;
}

// The continuity window's contacts as (time, face), oldest first: the
// indices need no more, and index contacts_household_at_id_face holds all
// of it, in this order, so the table itself is not read.
std::unique_ptr<Statement> query_contacts_in_window(Connection& connection, std::int64_t household_id,
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

// The latest `limit` contacts, newest first: the same index walked
// backwards, stopping after `limit` rows. Names come from the involved list
// read alongside, not from a join per contact.
std::unique_ptr<Statement> query_latest_contacts(Connection& connection, std::int64_t household_id, int limit) {
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

std::unique_ptr<Statement> query_fixed_contact_changes(Connection& connection, std::int64_t household_id) {
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

std::vector<ReferralSummary> read_referrals(Statement& rows) {
  std::vector<ReferralSummary> referrals;
  while (rows.step()) referrals.push_back({rows.text(0), rows.text(1), rows.text(2), rows.optional_text(3)});
  return referrals;
}

std::vector<std::unique_ptr<Statement>> query_household_lists(Connection& connection, std::int64_t household_id) {
  std::vector<std::unique_ptr<Statement>> lists;
  for (const ListQuery* list : household_lists) lists.push_back(query_list(connection, *list, household_id));
  return lists;
}

std::vector<int> household_list_columns() {
  std::vector<int> columns;
  for (const ListQuery* list : household_lists) columns.push_back(list->column_count);
  return columns;
}

// The rows of one household at a time out of a range query ordered by
// household (query_list_range): column 0 is the household's id and is not
// shown. Households must be asked for in ascending order.
class OneHouseholdRows : public Statement {
 public:
  explicit OneHouseholdRows(Statement& rows) : rows_(rows) { advance(); }
  void start(std::int64_t household_id) {
    if (consumed_) advance();
    while (has_row_ && current_ < household_id) advance();  // households not asked for
    household_id_ = household_id;
  }
  void bind(int, const Value&) override { throw std::logic_error("OneHouseholdRows::bind: already queried"); }
  bool step() override {
    if (consumed_) advance();
    consumed_ = has_row_ && current_ == household_id_;
    return consumed_;
  }
  bool is_null(int column) const override { return rows_.is_null(column + 1); }
  std::int64_t int64(int column) const override { return rows_.int64(column + 1); }
  std::string text(int column) const override { return rows_.text(column + 1); }
  std::int64_t changes() const override { throw std::logic_error("OneHouseholdRows::changes: rows were read"); }

 private:
  void advance() {
    has_row_ = rows_.step();
    if (has_row_) current_ = rows_.int64(0);
    consumed_ = false;
  }
  Statement& rows_;
  bool has_row_ = false;
  bool consumed_ = false;
  std::int64_t current_ = 0;
  std::int64_t household_id_ = 0;
};

void run_all(Connection& connection, const std::vector<std::unique_ptr<Statement>>& statements) {
  std::vector<Statement*> pending;
  for (const auto& statement : statements) pending.push_back(statement.get());
  connection.run_together(pending);
}

void read_household_lists(HouseholdRecordParts& parts, const std::vector<Statement*>& lists) {
  parts.members = read_members(*lists[0]);
  parts.relations = read_relations(*lists[1]);
  parts.goals = read_goals(*lists[2]);
  parts.options = read_options(*lists[3]);
  parts.actions = read_actions(*lists[4]);
  parts.involved = read_involved(*lists[5]);
  parts.referrals = read_referrals(*lists[6]);
}

}  // namespace

std::optional<HouseholdRecord> HouseholdRepository::find(std::int64_t id) {
  return read_household(*query_household(connection_, id));
}

std::vector<domain::HouseholdMember> HouseholdRepository::members(std::int64_t household_id) {
  return read_members(*query_members(connection_, household_id));
}

std::vector<domain::Involved> HouseholdRepository::involved(std::int64_t household_id) {
  return read_involved(*query_involved(connection_, household_id));
}

HouseholdRecordParts HouseholdRepository::read_record(std::int64_t household_id, std::int64_t viewer_user_id,
                                                      int recent_limit, const std::string& since,
                                                      const std::string& now, bool with_legal_bases) {
  std::vector<std::unique_ptr<Statement>> statements;
  // The household's own row with what has one value per household: the
  // latest words of what matters, the fixed contact's account, the
  // viewer's emergency access and the household's stored lists. The
  // viewer's involvement and the recent changes of fixed contact come from
  // the lists.
  statements.push_back(
      query(connection_,
            "SELECT h.id, h.postcode, h.house_number, h.fixed_contact_id, h.preferred_language, h.contact_channel, "
            "w.id, w.words, w.recorded_at, w.confirmed_on, " +
                std::string(UserRepository::user_select_list) +
                ", (SELECT MAX(e.expires_at) FROM emergency_access e WHERE e.household_id = h.id AND e.user_id = ? "
                "AND e.expires_at > ?), h.closed_on, r.lists "
                "FROM households h "
                "LEFT JOIN what_matters w ON w.id = (SELECT MAX(m.id) FROM what_matters m WHERE m.household_id = h.id) "
                "LEFT JOIN users u ON u.id = h.fixed_contact_id LEFT JOIN teams t ON t.id = u.team_id "
                "LEFT JOIN record_lists r ON r.household_id = h.id "
                "WHERE h.id = ?",
            viewer_user_id, now, household_id));
  statements.push_back(query_contacts_in_window(connection_, household_id, since));
  statements.push_back(query_latest_contacts(connection_, household_id, recent_limit));
  statements.push_back(query_fixed_contact_changes(connection_, household_id));
  statements.push_back(AccessRepository(connection_).query_sharing(household_id));
  if (with_legal_bases) statements.push_back(AccessRepository(connection_).query_legal_bases(true));
  run_all(connection_, statements);

  HouseholdRecordParts parts;
  std::optional<std::string> stored_lists;
  auto next = statements.begin();
  if (auto& head = **next++; head.step()) {
    parts.household =
        HouseholdRecord{head.int64(0), head.text(1), head.text(2), head.optional_int64(3), head.text(4), head.text(5)};
    if (!head.is_null(6)) parts.what_matters = domain::WhatMatters{head.text(7), head.text(8), head.optional_text(9)};
    if (!head.is_null(10)) parts.fixed_contact = UserRepository::read_user(head, 10);
    constexpr int after_user = 10 + UserRepository::user_column_count;
    parts.viewer_emergency_until = head.optional_text(after_user);
    parts.household->closed_on = head.optional_text(after_user + 1);
    stored_lists = head.optional_text(after_user + 2);
  }
  // No such household: nothing to show, and no second round trip for lists
  // that cannot exist (a made-up id costs no more than a real one).
  if (!parts.household) return parts;
  auto& contacts_in_window = **next++;
  auto& latest_contacts = **next++;
  parts.fixed_contact_changes = read_fixed_contact_changes(**next++);
  for (const auto& change : parts.fixed_contact_changes) {
    if (change.kind != "assignment" && change.changed_at >= since) ++parts.fixed_contact_changes_since;
  }
  parts.sharing = AccessRepository::read_sharing(**next++);
  if (with_legal_bases) parts.active_legal_bases = AccessRepository::read_legal_bases(**next++);

  // The stored lists when the household has them; otherwise (not filled
  // since migration 009) the tables, in a second round trip.
  if (stored_lists) {
    auto decoded = decode_lists(*stored_lists, household_list_columns());
    std::vector<Statement*> lists;
    for (auto& list : decoded) lists.push_back(&list);
    read_household_lists(parts, lists);
  } else {
    const auto queried = query_household_lists(connection_, household_id);
    run_all(connection_, queried);
    std::vector<Statement*> lists;
    for (const auto& list : queried) lists.push_back(list.get());
    read_household_lists(parts, lists);
  }
  for (const auto& face : parts.involved) {
    if (face.active && face.user_id == viewer_user_id) parts.viewer_involved_id = face.id;
  }
  parts.contacts_since = read_contacts_in_window(contacts_in_window, household_id);
  parts.contacts = read_latest_contacts(latest_contacts, household_id, parts.involved);
  return parts;
}

std::string HouseholdRepository::encode_record_lists(std::int64_t household_id) {
  const auto lists = query_household_lists(connection_, household_id);
  run_all(connection_, lists);
  std::string encoded;
  for (std::size_t i = 0; i < lists.size(); ++i) encode_rows(encoded, *lists[i], household_lists[i]->column_count);
  return encoded;
}

void HouseholdRepository::refresh_record_lists(std::int64_t household_id) {
  // Two writers of one household (a plan change and a referral's first
  // contact) would otherwise each read the lists without the other's
  // uncommitted change, and the later upsert would store the older lists.
  // Holding the household's row first makes the second wait and then read
  // everything the first committed (PostgreSQL reads afresh per statement).
  lock(household_id);
  exec(connection_,
       "INSERT INTO record_lists (household_id, lists) VALUES (?, ?) "
       "ON CONFLICT (household_id) DO UPDATE SET lists = excluded.lists",
       household_id, encode_record_lists(household_id));
}

std::int64_t HouseholdRepository::fill_missing_record_lists() {
  std::int64_t filled = 0;
  std::int64_t after = 0;
  // A row that a write stored meanwhile is newer than what this batch read.
  const std::string insert =
      "INSERT INTO record_lists (household_id, lists) VALUES (?, ?) ON CONFLICT (household_id) DO NOTHING";
  for (;;) {
    // Keyset batches: memory stays small and each batch starts where the
    // last one stopped instead of rescanning the households already done.
    std::vector<std::int64_t> missing;
    auto rows = query(connection_,
                      "SELECT h.id FROM households h WHERE h.id > ? AND NOT EXISTS "
                      "(SELECT 1 FROM record_lists r WHERE r.household_id = h.id) ORDER BY h.id LIMIT 1000",
                      after);
    while (rows->step()) missing.push_back(rows->int64(0));
    rows.reset();
    if (missing.empty()) return filled;

    // Seven range queries for the whole batch instead of seven per
    // household, then the writes together: on PostgreSQL two round trips
    // per thousand households instead of two per household.
    std::vector<std::unique_ptr<Statement>> ranges;
    for (const ListQuery* list : household_lists) {
      ranges.push_back(query_list_range(connection_, *list, missing.front(), missing.back()));
    }
    run_all(connection_, ranges);
    std::vector<OneHouseholdRows> lists;
    lists.reserve(ranges.size());
    for (auto& range : ranges) lists.emplace_back(*range);
    std::vector<std::unique_ptr<Statement>> writes;
    for (const auto id : missing) {
      std::string encoded;
      for (std::size_t i = 0; i < lists.size(); ++i) {
        lists[i].start(id);
        encode_rows(encoded, lists[i], household_lists[i]->column_count);
      }
      writes.push_back(query(connection_, insert, id, std::move(encoded)));
    }
    lists.clear();
    ranges.clear();
    run_all(connection_, writes);
    for (auto& write : writes) write->step();  // SQLite runs each here; PostgreSQL has run them
    filled += static_cast<std::int64_t>(missing.size());
    after = missing.back();
  }
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
  return read_id(*query_involved_id_of_user(connection_, household_id, user_id));
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

std::int64_t HouseholdRepository::add_involved(std::int64_t household_id, const domain::Involved& involved,
                                               std::int64_t added_by, const std::string& at) {
  if (involved.user_id) {
    // An account is involved once; adding it again makes it active again.
    // One statement, so two requests at once cannot both insert it.
    auto row = query(connection_,
                     "INSERT INTO involved (household_id, user_id, name, organisation, role, domain, does_what, reach, "
                     "active, added_by, added_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, 1, ?, ?) "
                     "ON CONFLICT (household_id, user_id) DO UPDATE SET active = 1, role = excluded.role, "
                     "domain = excluded.domain, does_what = excluded.does_what, reach = excluded.reach, "
                     "organisation = excluded.organisation RETURNING id",
                     household_id, *involved.user_id, involved.name, involved.organisation, involved.role,
                     involved.domain, involved.does_what, involved.reach, added_by, at);
    const auto id = returned_id(*row, "involved");
    refresh_record_lists(household_id);
    return id;
  }
  auto row = query(connection_,
                   "INSERT INTO involved (household_id, user_id, name, organisation, role, domain, does_what, reach, "
                   "active, added_by, added_at) VALUES (?, NULL, ?, ?, ?, ?, ?, ?, 1, ?, ?) RETURNING id",
                   household_id, involved.name, involved.organisation, involved.role, involved.domain,
                   involved.does_what, involved.reach, added_by, at);
  const auto id = returned_id(*row, "involved");
  refresh_record_lists(household_id);
  return id;
}

std::int64_t HouseholdRepository::add_member(std::int64_t household_id, const std::string& name,
                                             const std::string& kind, std::optional<int> birth_year,
                                             const std::string& at) {
  auto row = query(connection_,
                   "INSERT INTO household_members (household_id, name, kind, birth_year, created_at) "
                   "VALUES (?, ?, ?, ?, ?) RETURNING id",
                   household_id, name, kind, birth_year ? Value(std::int64_t{*birth_year}) : Value(nullptr), at);
  const auto id = returned_id(*row, "household_members");
  refresh_summary(household_id);
  refresh_record_lists(household_id);
  return id;
}

void HouseholdRepository::add_relation(std::int64_t household_id, const domain::MemberRelation& relation) {
  exec(connection_, "INSERT INTO member_relations (household_id, member_id, related_id, relation) VALUES (?, ?, ?, ?)",
       household_id, relation.member_id, relation.related_id, relation.relation);
  refresh_record_lists(household_id);
}

void HouseholdRepository::add_what_matters(std::int64_t household_id, const std::string& words,
                                           std::optional<std::string> confirmed_on, std::int64_t by,
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
  const auto id = returned_id(*row, "goals");
  refresh_record_lists(household_id);
  return id;
}

std::int64_t HouseholdRepository::add_option(std::int64_t household_id, std::optional<std::int64_t> goal_id,
                                             const std::string& description, bool chosen, const std::string& why,
                                             std::int64_t by, const std::string& at) {
  auto row = query(connection_,
                   "INSERT INTO plan_options (household_id, goal_id, description, chosen, why, created_by, created_at) "
                   "VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id",
                   household_id, nullable(goal_id), description, std::int64_t{chosen ? 1 : 0}, why, by, at);
  const auto id = returned_id(*row, "plan_options");
  refresh_record_lists(household_id);
  return id;
}

std::int64_t HouseholdRepository::add_action(std::int64_t household_id, const domain::Action& action, std::int64_t by,
                                             const std::string& at) {
  auto row = query(connection_,
                   "INSERT INTO actions (household_id, goal_id, what, involved_id, domain, due_on, status, created_by, "
                   "created_at) VALUES (?, ?, ?, ?, ?, ?, 'open', ?, ?) RETURNING id",
                   household_id, nullable(action.goal_id), action.what, action.involved_id, action.domain,
                   action.due_on, by, at);
  const auto id = returned_id(*row, "actions");
  refresh_summary(household_id);
  refresh_record_lists(household_id);
  return id;
}

bool HouseholdRepository::set_action_status(std::int64_t household_id, std::int64_t action_id,
                                            const std::string& status) {
  if (exec(connection_, "UPDATE actions SET status = ? WHERE household_id = ? AND id = ?", status, household_id,
           action_id) != 1) {
    return false;
  }
  refresh_summary(household_id);
  refresh_record_lists(household_id);
  return true;
}

bool HouseholdRepository::set_goal_status(std::int64_t household_id, std::int64_t goal_id, const std::string& status) {
  if (exec(connection_, "UPDATE goals SET status = ? WHERE household_id = ? AND id = ?", status, household_id,
           goal_id) != 1) {
    return false;
  }
  refresh_record_lists(household_id);
  return true;
}

bool HouseholdRepository::goal_belongs(std::int64_t household_id, std::int64_t goal_id) {
  return query(connection_, "SELECT 1 FROM goals WHERE household_id = ? AND id = ?", household_id, goal_id)->step();
}

std::int64_t HouseholdRepository::add_contact(std::int64_t household_id, std::int64_t involved_id,
                                              const std::string& at, const std::string& channel,
                                              const std::string& with_whom, std::int64_t by,
                                              const std::string& recorded_at) {
  auto row = query(connection_,
                   "INSERT INTO contacts (household_id, involved_id, at, channel, with_whom, recorded_by, recorded_at) "
                   "VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id",
                   household_id, involved_id, at, channel, with_whom, by, recorded_at);
  const auto id = returned_id(*row, "contacts");
  refresh_summary(household_id);
  return id;
}

void HouseholdRepository::lock(std::int64_t household_id) {
  if (connection_.dialect() != Dialect::postgres) return;
  query(connection_, "SELECT id FROM households WHERE id = ? FOR UPDATE", household_id)->step();
}

void HouseholdRepository::deactivate_involvement(std::int64_t household_id, std::int64_t user_id) {
  exec(connection_, "UPDATE involved SET active = 0 WHERE household_id = ? AND user_id = ?", household_id, user_id);
  refresh_record_lists(household_id);
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

void HouseholdRepository::edit_contact(const StoredContact& previous, const StoredContact& changed, std::int64_t by,
                                       const std::string& at) {
  exec(connection_,
       "INSERT INTO contact_edits (contact_id, involved_id, at, channel, with_whom, edited_by, edited_at) "
       "VALUES (?, ?, ?, ?, ?, ?, ?)",
       previous.id, previous.involved_id, previous.at, previous.channel, previous.with_whom, by, at);
  exec(connection_,
       "UPDATE contacts SET involved_id = ?, at = ?, channel = ?, with_whom = ?, edits = edits + 1 WHERE id = ?",
       changed.involved_id, changed.at, changed.channel, changed.with_whom, previous.id);
  refresh_summary(household_id_of_contact(previous.id));
}

void HouseholdRepository::record_fixed_contact_change(std::int64_t household_id,
                                                      const domain::FixedContactChange& change,
                                                      std::optional<std::int64_t> by) {
  exec(connection_,
       "INSERT INTO fixed_contact_changes (household_id, from_user_id, to_user_id, kind, reason, warm_handover_on, "
       "no_warm_reason, changed_by, changed_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
       household_id, nullable(change.from_user_id), change.to_user_id, change.kind, change.reason,
       nullable(change.warm_handover_on), change.no_warm_reason, nullable(by), change.changed_at);
  refresh_summary(household_id);
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

namespace {

// Recomputes the summary columns of one household; migration 007
// backfilled them with the same statement.
std::string summary_update(Dialect dialect) {
  const std::string concat = dialect == Dialect::postgres ? "string_agg" : "group_concat";
  return "UPDATE households SET "
         "summary_first_adult = COALESCE((SELECT m.name FROM household_members m "
         "WHERE m.household_id = households.id AND m.kind = 'adult' ORDER BY m.id LIMIT 1), ''), "
         "summary_open_action_dues = COALESCE((SELECT " +
         concat +
         "(a.due_on, ';') FROM actions a WHERE a.household_id = households.id AND a.status = 'open'), ''), "
         "summary_last_contact_at = (SELECT MAX(c.at) FROM contacts c WHERE c.household_id = households.id), "
         "summary_face_last_contacts = COALESCE((SELECT " +
         concat +
         "(f.involved_id || '@' || f.last_at, ';') FROM (SELECT c.involved_id, MAX(c.at) AS last_at "
         "FROM contacts c WHERE c.household_id = households.id GROUP BY c.involved_id) f), ''), "
         "summary_handover_dates = COALESCE((SELECT " +
         concat +
         "(x.changed_at, ';') FROM fixed_contact_changes x WHERE x.household_id = households.id "
         "AND x.kind <> 'assignment'), '') WHERE id = ?";
}

std::vector<std::string_view> split_list(std::string_view list) {
  std::vector<std::string_view> items;
  while (!list.empty()) {
    const auto end = list.find(';');
    items.push_back(list.substr(0, end));
    if (end == std::string_view::npos) break;
    list.remove_prefix(end + 1);
  }
  return items;
}

int count_before(std::string_view list, const std::string& limit) {
  int count = 0;
  for (auto item : split_list(list)) count += item < limit ? 1 : 0;
  return count;
}

int count_from(std::string_view list, const std::string& since) {
  int count = 0;
  for (auto item : split_list(list)) count += item >= since ? 1 : 0;
  return count;
}

// Faces whose latest contact lies in [since, now]. Contacts are never in the
// future (validate_contact), so a face's latest contact tells whether it met
// the household in the window.
int faces_between(std::string_view list, const std::string& since, const std::string& now, std::int64_t household) {
  int count = 0;
  for (auto item : split_list(list)) {
    const auto at = item.find('@');
    if (at == std::string_view::npos) {
      throw DatabaseError("households.summary_face_last_contacts of household " + std::to_string(household) +
                          " is not involved_id@at: " + std::string(item));
    }
    const auto last = item.substr(at + 1);
    count += last >= since && last <= now ? 1 : 0;
  }
  return count;
}

constexpr const char* summary_columns =
    "h.id, h.summary_first_adult, h.postcode, h.house_number, h.summary_open_action_dues, h.summary_last_contact_at, "
    "h.summary_face_last_contacts, h.summary_handover_dates";

CaseloadRow read_summary(Statement& row, const std::string& today, const std::string& since_90d, const std::string& now,
                         const std::string& since_year) {
  CaseloadRow result;
  result.household_id = row.int64(0);
  result.name = row.text(1);
  result.postcode = row.text(2);
  result.house_number = row.text(3);
  const auto dues = row.text(4);
  result.open_actions = static_cast<int>(split_list(dues).size());
  result.overdue_actions = count_before(dues, today);
  result.last_contact_at = row.optional_text(5);
  result.faces_90d = faces_between(row.text(6), since_90d, now, result.household_id);
  result.fixed_contact_changes_year = count_from(row.text(7), since_year);
  return result;
}

}  // namespace

void HouseholdRepository::refresh_summary(std::int64_t household_id) {
  lock(household_id);  // as in refresh_record_lists
  exec(connection_, summary_update(connection_.dialect()), household_id);
}

void HouseholdRepository::fill_summaries_after_load() {
  const std::string concat = connection_.dialect() == Dialect::postgres ? "string_agg" : "group_concat";
  exec(connection_,
       "UPDATE households SET summary_first_adult = f.name FROM (SELECT m.household_id, m.name "
       "FROM household_members m JOIN (SELECT MIN(id) AS id FROM household_members WHERE kind = 'adult' "
       "GROUP BY household_id) first ON first.id = m.id) f WHERE f.household_id = households.id");
  exec(connection_, "UPDATE households SET summary_open_action_dues = a.dues FROM (SELECT household_id, " + concat +
                        "(due_on, ';') AS dues FROM actions WHERE status = 'open' GROUP BY household_id) a "
                        "WHERE a.household_id = households.id");
  exec(connection_,
       "UPDATE households SET summary_last_contact_at = c.last_at, summary_face_last_contacts = c.faces "
       "FROM (SELECT household_id, MAX(last_at) AS last_at, " +
           concat +
           "(involved_id || '@' || last_at, ';') AS faces FROM (SELECT household_id, involved_id, "
           "MAX(at) AS last_at FROM contacts GROUP BY household_id, involved_id) per_face "
           "GROUP BY household_id) c WHERE c.household_id = households.id");
  exec(connection_, "UPDATE households SET summary_handover_dates = x.dates FROM (SELECT household_id, " + concat +
                        "(changed_at, ';') AS dates FROM fixed_contact_changes WHERE kind <> 'assignment' "
                        "GROUP BY household_id) x WHERE x.household_id = households.id");
}

std::int64_t HouseholdRepository::household_id_of_contact(std::int64_t contact_id) {
  auto row = query(connection_, "SELECT household_id FROM contacts WHERE id = ?", contact_id);
  if (!row->step()) throw DatabaseError("contact " + std::to_string(contact_id) + " does not exist");
  return row->int64(0);
}

std::vector<CaseloadRow> HouseholdRepository::caseload(std::int64_t user_id, const std::string& today,
                                                       const std::string& since_90d, const std::string& now,
                                                       const std::string& since_year) {
  std::vector<CaseloadRow> rows;
  auto result =
      query(connection_,
            std::string("SELECT ") + summary_columns + " FROM households h WHERE h.fixed_contact_id = ? ORDER BY h.id",
            user_id);
  while (result->step()) rows.push_back(read_summary(*result, today, since_90d, now, since_year));
  return rows;
}

std::vector<CaseloadRow> HouseholdRepository::team_continuity_flags(std::int64_t team_id, const std::string& since_90d,
                                                                    const std::string& now,
                                                                    const std::string& since_year, int max_faces,
                                                                    int min_changes) {
  std::vector<CaseloadRow> rows;
  auto result = query(connection_,
                      std::string("SELECT ") + summary_columns +
                          ", u.name FROM households h JOIN users u ON u.id = h.fixed_contact_id "
                          "WHERE u.team_id = ?",
                      team_id);
  while (result->step()) {
    auto row = read_summary(*result, std::string(), since_90d, now, since_year);
    if (row.faces_90d <= max_faces && row.fixed_contact_changes_year < min_changes) continue;
    // The overview is about continuity; it shows no actions.
    row.open_actions = 0;
    row.overdue_actions = 0;
    row.fixed_contact_name = result->text(8);
    rows.push_back(std::move(row));
  }
  std::sort(rows.begin(), rows.end(), [](const CaseloadRow& a, const CaseloadRow& b) {
    return std::tuple(-a.faces_90d, -a.fixed_contact_changes_year, a.household_id) <
           std::tuple(-b.faces_90d, -b.fixed_contact_changes_year, b.household_id);
  });
  return rows;
}

}  // namespace gezicht::storage
