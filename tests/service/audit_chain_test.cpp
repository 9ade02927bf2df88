// The audit trail's hash chain against someone with the database's rights
// (a security probe's findings 4 and 5), on both databases: a value stored
// as another type than its column's breaks the chain instead of hiding the
// entry; the start of the trail moves only by retention, which says so in
// the trail; and a chain written in the old hash format still verifies.

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "backend.hpp"
#include "domain/calendar.hpp"
#include "service/audit_chain.hpp"
#include "service/audit_trail.hpp"
#include "service/retention.hpp"
#include "storage/audit_repository.hpp"
#include "storage/migrations.hpp"

namespace gezicht {
namespace {

constexpr auto npos = std::string::npos;

class AuditChainTest : public testing::BackendTest {
 protected:
  bool postgres() { return db().dialect() == storage::Dialect::postgres; }

  // Appends entries as the services do, each in its own transaction.
  void write(int count, const service::AuditEvent& event = {42, "summary", "read", "allowed", "fixed_contact"}) {
    service::Actor anna;
    anna.user_id = 10;
    anna.name = "Anna de Boer";
    anna.access_role = domain::Role::professional;
    anna.client_address = "192.0.2.7";
    anna.route = "GET /test";
    for (int i = 0; i < count; ++i) append(anna, event);
  }

  // An entry as retention writes it (no account behind it: role "system"),
  // saying it moved the chain's start.
  void write_as_retention(const std::string& purpose) {
    storage::AuditRecord record;
    record.at = "2026-11-27T09:00:00Z";
    record.actor_name = "gezicht retention";
    record.actor_role = "system";
    record.organisation = "Gemeente";
    record.part = "audit_log";
    record.action = "delete";
    record.result = "allowed";
    record.client_address = "local";
    record.purpose = purpose;
    record.route = "gezicht retention run";
    std::vector<storage::AuditRecord> records{record};
    storage::Transaction transaction(db());
    service::append_to_chain(db(), records);
    transaction.commit();
  }

  void append(const service::Actor& actor, const service::AuditEvent& event) {
    storage::Transaction transaction(db());
    trail.record_in(db(), actor, event);
    transaction.commit();
  }

  std::vector<storage::AuditRecord> entries() {
    std::vector<storage::AuditRecord> records;
    storage::AuditRepository(db()).each_in_order([&](const storage::AuditRecord& r) { records.push_back(r); });
    return records;
  }

  std::string hash_of(std::int64_t seq) {
    auto row = storage::query(db(), "SELECT hash FROM audit_log WHERE seq = ?", seq);
    if (!row->step()) return "no entry " + std::to_string(seq);
    return row->text(0);
  }

  // As `gezicht audit verify` does: over a connection of its own, which has
  // prepared nothing before a table changed.
  service::ChainCheck verify() {
    auto connection = storage::open_connection(location());
    return service::verify_audit_chain(*connection);
  }

  // Drops every trigger that guards the trail, as the database's owner can.
  void drop_guards() {
    std::vector<std::string> drops;
    auto rows = storage::query(db(), postgres() ? "SELECT tgname || ' ON ' || relname FROM pg_trigger "
                                                  "JOIN pg_class ON pg_class.oid = tgrelid "
                                                  "WHERE NOT tgisinternal AND relname IN ('audit_log', 'audit_chain')"
                                                : "SELECT name FROM sqlite_master WHERE type = 'trigger' "
                                                  "AND tbl_name IN ('audit_log', 'audit_chain')");
    while (rows->step()) drops.push_back("DROP TRIGGER " + rows->text(0));
    rows.reset();
    ASSERT_FALSE(drops.empty());
    for (const auto& drop : drops) db().execute_script(drop);
  }

  service::ManualClock clock{*domain::parse_timestamp("2026-11-27T09:00:00Z")};
  service::AuditTrail trail{clock, service::AuditTrail::Options{}};
};

// Finding 4: on SQLite, household_id and action stored as BLOBs no longer
// match `household_id = ?` and `action = 'emergency_access'`, so the entry
// left the resident's access log and the auditor's list while the old hash,
// reading every value as text, still held.
TEST_P(AuditChainTest, AValueStoredAsAnotherTypeBreaksTheChainNamingEntryAndField) {
  write(2);
  write(1, {42, "summary,plan,contacts", "emergency_access", "allowed", "De bewoner belt in paniek"});
  write(2);
  storage::AuditRepository audit(db());
  ASSERT_EQ(audit.for_household(42, 10).size(), 5u);
  ASSERT_EQ(audit.emergency_accesses(10).size(), 1u);
  ASSERT_TRUE(verify().intact);
  const auto head = verify().head_hash;
  drop_guards();
  if (postgres()) {
    db().execute_script("ALTER TABLE audit_log ALTER COLUMN household_id TYPE text USING household_id::text");
    const auto check = verify();
    EXPECT_FALSE(check.intact);
    EXPECT_EQ(check.first_broken_seq, 1);
    EXPECT_NE(check.problem.find("entry 1: household_id is stored as text, not as bigint"), npos) << check.problem;
    return;
  }
  // STRICT is part of the table's definition; the owner can make a loose copy.
  db().execute_script(
      "CREATE TABLE audit_log_loose AS SELECT * FROM audit_log; DROP TABLE audit_log; "
      "ALTER TABLE audit_log_loose RENAME TO audit_log");
  storage::exec(db(), "UPDATE audit_log SET household_id = CAST(CAST(household_id AS TEXT) AS BLOB) WHERE seq = 3");
  storage::exec(db(), "UPDATE audit_log SET action = CAST(CAST(action AS TEXT) AS BLOB) WHERE seq = 3");
  // The entry is gone from what the resident and the auditor see...
  EXPECT_EQ(audit.for_household(42, 10).size(), 4u);
  EXPECT_TRUE(audit.emergency_accesses(10).empty());
  // ...but not from verify.
  const auto check = verify();
  EXPECT_FALSE(check.intact);
  EXPECT_EQ(check.first_broken_seq, 3);
  EXPECT_NE(check.problem.find("entry 3: household_id is stored as blob, not as integer"), npos) << check.problem;
  EXPECT_EQ(check.head_hash, head);
  // The same for action alone.
  storage::exec(db(), "UPDATE audit_log SET household_id = 42 WHERE seq = 3");
  EXPECT_EQ(audit.for_household(42, 10).size(), 5u);
  EXPECT_NE(verify().problem.find("entry 3: action is stored as blob, not as text"), npos) << verify().problem;
  storage::exec(db(), "UPDATE audit_log SET action = 'emergency_access' WHERE seq = 3");
  EXPECT_TRUE(verify().intact) << verify().problem;
}

TEST_P(AuditChainTest, TheDatabaseRefusesAValueOfAnotherTypeEvenWithoutTheTriggers) {
  write(3);
  const std::string blob = postgres() ? "convert_to('42', 'UTF8')" : "CAST('42' AS BLOB)";
  const std::string update = "UPDATE audit_log SET household_id = " + blob + " WHERE seq = 2";
  auto insert = [&](const std::string& household_id) {
    return "INSERT INTO audit_log (seq, at, actor_user_id, actor_name, actor_role, organisation, on_behalf_of, "
           "household_id, part, action, result, client_address, purpose, route, prev_hash, hash, hash_format) "
           "SELECT 4, at, actor_user_id, actor_name, actor_role, organisation, on_behalf_of, " +
           household_id +
           ", part, action, result, client_address, purpose, route, hash, hash, hash_format "
           "FROM audit_log WHERE seq = 3";
  };
  EXPECT_THROW(storage::exec(db(), update), storage::DatabaseError);
  EXPECT_THROW(storage::exec(db(), insert(blob)), storage::DatabaseError);
  drop_guards();
  EXPECT_THROW(storage::exec(db(), update), storage::DatabaseError);
  EXPECT_THROW(storage::exec(db(), insert(blob)), storage::DatabaseError);
  if (!postgres()) {
    // PostgreSQL would store a bytea in a text column as its text; SQLite's STRICT refuses it.
    EXPECT_THROW(storage::exec(db(), "UPDATE audit_log SET action = CAST('read' AS BLOB) WHERE seq = 2"),
                 storage::DatabaseError);
  }
  // The refusal is the type's: the same entry with an integer goes in.
  EXPECT_EQ(storage::exec(db(), insert("household_id")), 1);
}

// Finding 5: moving the chain's start and deleting the entries before it
// passed verify with the same head.
TEST_P(AuditChainTest, CuttingTheStartOfTheChainWithoutTheTriggersBreaksIt) {
  write(6);
  const auto head = verify().head_hash;
  drop_guards();
  storage::exec(db(), "UPDATE audit_chain SET first_seq = 4, first_prev_hash = ?", hash_of(3));
  storage::exec(db(), "DELETE FROM audit_log WHERE seq < 4");
  const auto check = verify();
  EXPECT_FALSE(check.intact);
  EXPECT_EQ(check.first_broken_seq, 4);
  EXPECT_NE(check.problem.find("the chain starts at entry 4, but no retention entry in it says so"), npos)
      << check.problem;
  EXPECT_EQ(check.head_hash, head);
}

TEST_P(AuditChainTest, TheDatabaseRefusesToMoveTheChainOtherwiseThanByAppendsAndRetention) {
  write(6);
  const std::string move = "UPDATE audit_chain SET first_seq = 4, first_prev_hash = '" + hash_of(3) + "'";
  EXPECT_THROW(storage::exec(db(), move), storage::DatabaseError);
  EXPECT_THROW(storage::exec(db(), "DELETE FROM audit_log WHERE seq < 4"), storage::DatabaseError);
  // The head moves only forward, to an entry that is there; the one row stays.
  EXPECT_THROW(storage::exec(db(), "UPDATE audit_chain SET last_seq = 5, last_hash = '" + hash_of(5) + "'"),
               storage::DatabaseError);
  EXPECT_THROW(storage::exec(db(), "UPDATE audit_chain SET last_seq = 7, last_hash = '" + hash_of(6) + "'"),
               storage::DatabaseError);
  EXPECT_THROW(storage::exec(db(), "DELETE FROM audit_chain"), storage::DatabaseError);
  if (postgres()) {
    EXPECT_THROW(db().execute_script("TRUNCATE audit_log"), storage::DatabaseError);
    EXPECT_THROW(db().execute_script("TRUNCATE audit_chain"), storage::DatabaseError);
  }
  const auto check = verify();
  EXPECT_TRUE(check.intact) << check.problem;
  EXPECT_EQ(check.entries, 6);
  EXPECT_EQ(check.first_seq, 1);
  EXPECT_TRUE(check.anchor_moves.empty());
}

TEST_P(AuditChainTest, TheStartMovesOnlyToWhereTheNewestEntryOfRetentionSaysItMoves) {
  write(6);
  // The newest entry must be retention's and name the new start, number and hash.
  write(1, {std::nullopt, "audit_log", "delete", "allowed",
            service::anchor_move_purpose(1, 2, 2, "older than 7 years", hash_of(2))});
  const std::string to_3 = "UPDATE audit_chain SET first_seq = 3, first_prev_hash = '" + hash_of(2) + "'";
  EXPECT_THROW(storage::exec(db(), to_3), storage::DatabaseError) << "not written by retention";
  write_as_retention(service::anchor_move_purpose(1, 2, 2, "older than 7 years", hash_of(2)));
  EXPECT_THROW(storage::exec(db(), "UPDATE audit_chain SET first_seq = 4, first_prev_hash = ?", hash_of(3)),
               storage::DatabaseError);
  EXPECT_THROW(storage::exec(db(), "UPDATE audit_chain SET first_seq = 3, first_prev_hash = ?", hash_of(3)),
               storage::DatabaseError);
  write(1);
  EXPECT_THROW(storage::exec(db(), to_3), storage::DatabaseError) << "the entry naming it is no longer the newest";
  // An entry of a move that did not happen shows too.
  const auto check = verify();
  EXPECT_FALSE(check.intact);
  EXPECT_NE(check.problem.find("but the latest retention (entry 8) moved it to entry 3"), npos) << check.problem;
}

TEST_P(AuditChainTest, RetentionWritesTheMoveOfTheStartIntoTheChainAndVerifyShowsItsHistory) {
  write(3);  // 2026-11-27
  clock.set(*domain::parse_timestamp("2027-06-01T09:00:00Z"));
  write(2);
  const auto up_to_3 = hash_of(3);
  // Seven years after the first three: they go, entries 4 and 5 stay.
  clock.set(*domain::parse_timestamp("2033-12-02T09:00:00Z"));
  auto steps = service::run_retention(db(), clock, false);
  ASSERT_EQ(steps.size(), 1u);
  EXPECT_EQ(steps[0].kind, "audit_log");
  EXPECT_EQ(steps[0].count, 3);
  auto check = verify();
  ASSERT_TRUE(check.intact) << check.problem;
  EXPECT_EQ(check.first_seq, 4);
  EXPECT_EQ(check.first_prev_hash, up_to_3);
  ASSERT_EQ(check.anchor_moves.size(), 1u);
  EXPECT_EQ(check.anchor_moves[0].entry_seq, 6);  // in the chain, after its start
  EXPECT_EQ(check.anchor_moves[0].at, "2033-12-02T09:00:00Z");
  EXPECT_EQ(check.anchor_moves[0].removed_from, 1);
  EXPECT_EQ(check.anchor_moves[0].removed_to, 3);
  EXPECT_EQ(check.anchor_moves[0].removed_count, 3);
  EXPECT_EQ(check.anchor_moves[0].up_to_hash, up_to_3);
  auto records = entries();
  ASSERT_EQ(records.size(), 3u);
  EXPECT_EQ(records.front().seq, 4);
  EXPECT_EQ(records.back().actor_name, "gezicht retention");
  EXPECT_NE(records.back().purpose.find("older than 7 years"), npos) << records.back().purpose;

  // A later run moves it again; both moves are in the history.
  clock.set(*domain::parse_timestamp("2034-07-01T09:00:00Z"));
  steps = service::run_retention(db(), clock, false);
  ASSERT_EQ(steps.size(), 1u);
  EXPECT_EQ(steps[0].count, 2);
  check = verify();
  ASSERT_TRUE(check.intact) << check.problem;
  EXPECT_EQ(check.first_seq, 6);
  ASSERT_EQ(check.anchor_moves.size(), 2u);
  EXPECT_EQ(check.anchor_moves[1].entry_seq, 7);
  EXPECT_EQ(check.anchor_moves[1].removed_from, 4);
  EXPECT_EQ(check.anchor_moves[1].removed_to, 5);

  // Moving the start further outside retention, without the triggers, is
  // found: the latest retention entry names another start.
  drop_guards();
  storage::exec(db(), "UPDATE audit_chain SET first_seq = 7, first_prev_hash = ?", hash_of(6));
  storage::exec(db(), "DELETE FROM audit_log WHERE seq < 7");
  check = verify();
  EXPECT_FALSE(check.intact);
  EXPECT_EQ(check.first_broken_seq, 7);
  EXPECT_NE(check.problem.find("but the latest retention (entry 7) moved it to entry 6"), npos) << check.problem;
}

// Entries written before migration 010 keep their hash (format 1), also
// after the old retention moved the start; new ones get format 2.
TEST_P(AuditChainTest, AChainInTheOldHashFormatStillVerifiesAndAChangedFormatBreaksAnEntry) {
  storage::reset_schema(db());
  storage::apply_migrations(db(), 9);
  std::string prev(64, '0');
  auto old_entry = [&](std::int64_t seq, const std::string& role, const std::string& part, const std::string& action,
                       const std::string& purpose) {
    storage::AuditRecord r;
    r.seq = seq;
    r.at = "2026-11-2" + std::to_string(seq) + "T09:00:00Z";
    r.actor_user_id = 10;
    r.actor_name = "Anna de Boer";
    r.actor_role = role;
    r.organisation = "Buurtteam Noord";
    r.household_id = 42;
    r.part = part;
    r.action = action;
    r.result = "allowed";
    r.client_address = "192.0.2.7";
    r.purpose = purpose;
    r.route = "GET /test";
    r.hash_format = service::audit_hash_format_text;
    r.prev_hash = prev;
    r.hash = service::audit_hash(prev, r);
    prev = r.hash;
    storage::exec(db(),
                  "INSERT INTO audit_log (seq, at, actor_user_id, actor_name, actor_role, organisation, on_behalf_of, "
                  "household_id, part, action, result, client_address, purpose, route, prev_hash, hash) "
                  "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                  r.seq, r.at, *r.actor_user_id, r.actor_name, r.actor_role, r.organisation, r.on_behalf_of,
                  *r.household_id, r.part, r.action, r.result, r.client_address, r.purpose, r.route, r.prev_hash,
                  r.hash);
    storage::exec(db(), "UPDATE audit_chain SET last_seq = ?, last_hash = ?", r.seq, r.hash);
  };
  for (std::int64_t seq = 1; seq <= 4; ++seq) old_entry(seq, "professional", "summary", "read", "fixed_contact");
  // Retention as it was: move the start, delete, then say so.
  storage::exec(db(), "UPDATE audit_chain SET first_seq = 3, first_prev_hash = ?", hash_of(2));
  storage::exec(db(), "DELETE FROM audit_log WHERE seq < 3");
  old_entry(5, "system", "audit_log", "delete", "entries up to 2 older than 7 years");

  storage::apply_migrations(db());
  auto check = verify();
  ASSERT_TRUE(check.intact) << check.problem;
  EXPECT_EQ(check.first_seq, 3);
  ASSERT_EQ(check.anchor_moves.size(), 1u);
  EXPECT_EQ(check.anchor_moves[0].removed_to, 2);
  write(2);
  const auto records = entries();
  ASSERT_EQ(records.size(), 5u);
  EXPECT_EQ(records.front().hash_format, service::audit_hash_format_text);
  EXPECT_EQ(records.back().hash_format, service::audit_hash_format_typed);
  check = verify();
  ASSERT_TRUE(check.intact) << check.problem;

  drop_guards();
  storage::exec(db(), "UPDATE audit_log SET hash_format = 1 WHERE seq = 7");
  check = verify();
  EXPECT_FALSE(check.intact);
  EXPECT_EQ(check.first_broken_seq, 7);
  storage::exec(db(), "UPDATE audit_log SET hash_format = 2 WHERE seq = 7");
  ASSERT_TRUE(verify().intact);
  storage::exec(db(), "UPDATE audit_log SET hash_format = 2 WHERE seq = 4");
  check = verify();
  EXPECT_FALSE(check.intact);
  EXPECT_EQ(check.first_broken_seq, 4);
  EXPECT_NE(check.problem.find("changed"), npos) << check.problem;
}

GEZICHT_ON_BOTH_BACKENDS(AuditChainTest);

}  // namespace
}  // namespace gezicht
