// Need to know on both databases: every read leaves exactly one entry in the
// audit trail, tampering breaks the chain, breaking the glass expires,
// sharing opens only what the legal basis and the resident allow, and
// retention removes what is due (with a clock the test controls).

#include <gtest/gtest.h>

#include <algorithm>
#include <functional>
#include <set>
#include <tuple>

#include "backend.hpp"
#include "domain/calendar.hpp"
#include "domain/validation_error.hpp"
#include "fixture.hpp"
#include "service/access_service.hpp"
#include "service/audit_trail.hpp"
#include "service/errors.hpp"
#include "service/household_service.hpp"
#include "service/mail_queue.hpp"
#include "service/referral_service.hpp"
#include "service/retention.hpp"
#include "storage/access_repository.hpp"
#include "storage/audit_repository.hpp"
#include "storage/household_repository.hpp"
#include "storage/retention_repository.hpp"

namespace gezicht {
namespace {

// Every entry a page of the access log shows: the pinned ones, then the newest of each line.
std::vector<storage::AuditRecord> entries_of(const service::AccessLogPage& page) {
  std::vector<storage::AuditRecord> entries = page.pinned;
  for (const auto& line : page.lines) entries.push_back(line.newest);
  return entries;
}

class NeedToKnowTest : public testing::BackendTest {
 protected:
  void SetUp() override {
    BackendTest::SetUp();
    if (IsSkipped() || HasFailure()) return;
    town = testing::load_small_municipality(db(), "not-used-for-login");
    // A debt counsellor and an income consultant (domain professionals), an auditor.
    for (auto [id, name, domain] : {std::tuple{30, "debt", "debt"}, std::tuple{31, "income", "income"}}) {
      storage::exec(db(),
                    "INSERT INTO users (id, username, password_hash, name, role, domain, created_at) "
                    "VALUES (?, ?, 'x', ?, 'domain_professional', ?, '2026-01-01T00:00:00Z')",
                    std::int64_t{id}, std::string(name), std::string("Consulent ") + name, std::string(domain));
    }
    storage::exec(db(),
                  "INSERT INTO users (id, username, password_hash, name, role, created_at) "
                  "VALUES (32, 'auditor', 'x', 'Petra Controle', 'auditor', '2026-01-01T00:00:00Z')");
    directory = std::make_unique<service::DirectoryService>([this] { return storage::open_connection(location()); });
    audit = std::make_unique<service::AuditTrail>(clock, service::AuditTrail::Options{});
    referrals = std::make_unique<service::ReferralService>(*directory, clock, random, *audit);
    households = std::make_unique<service::HouseholdService>(clock, *audit);
    access = std::make_unique<service::AccessService>(clock, *audit);
    domain::ReferralInput input;
    input.name = "Samira Bakker";
    input.phone = "06 1111 2222";
    input.postcode = "2501AB";
    input.house_number = "12";
    input.question = "Ik krijg mijn post niet meer open.";
    input.channel = "phone";
    household = *referrals->submit(db(), input, testing::requester()).household_id;  // anna becomes the fixed contact
    storage::exec(db(),
                  "INSERT INTO users (id, username, password_hash, name, role, household_id, created_at) "
                  "VALUES (33, 'samira', 'x', 'Samira Bakker', 'resident', ?, '2026-01-01T00:00:00Z')",
                  household);
    storage::LegalBasisRecord debt{0, "debt", "Schulden regelen", "summary,plan", "Wgs (test)", true};
    debt_basis = storage::AccessRepository(db()).add_legal_basis(debt);
  }
  void TearDown() override {
    access.reset();
    households.reset();
    audit.reset();
    referrals.reset();
    directory.reset();
    BackendTest::TearDown();
  }

  service::Actor actor(std::int64_t id, const std::string& role, const std::string& domain = "") {
    service::Actor a;
    a.user_id = id;
    a.name = "user " + std::to_string(id);
    a.access_role = *domain::parse_role(role);
    a.team_id = role == "professional" || role == "teamlead" ? std::optional<std::int64_t>(town.team_a) : std::nullopt;
    a.domain = domain;
    if (role == "resident") a.household_id = household;
    a.client_address = "192.0.2.7";
    a.route = "GET /test";
    return a;
  }

  std::int64_t count(const std::string& table_and_condition) { return testing::count_rows(db(), table_and_condition); }
  static std::string field_of(const std::function<void()>& action) { return testing::invalid_field(action); }

  std::vector<storage::AuditRecord> trail() {
    audit->flush(db());
    std::vector<storage::AuditRecord> records;
    storage::AuditRepository(db()).each_in_order([&](const storage::AuditRecord& r) { records.push_back(r); });
    return records;
  }

  // Removes the append-only guard, as someone with the database owner's rights could.
  void drop_append_only_guard() {
    if (db().dialect() == storage::Dialect::postgres) {
      db().execute_script("DROP TRIGGER audit_log_append_only ON audit_log");
    } else {
      db().execute_script("DROP TRIGGER audit_log_append_only_update; DROP TRIGGER audit_log_append_only_delete");
    }
  }

  service::ManualClock clock{*domain::parse_timestamp("2026-11-27T09:00:00Z")};
  service::SodiumRandom random;
  testing::SmallMunicipality town;
  std::unique_ptr<service::DirectoryService> directory;
  std::unique_ptr<service::ReferralService> referrals;
  std::unique_ptr<service::AuditTrail> audit;
  std::unique_ptr<service::HouseholdService> households;
  std::unique_ptr<service::AccessService> access;
  std::int64_t household = 0;
  std::int64_t debt_basis = 0;
};

TEST_P(NeedToKnowTest, EveryReadLeavesExactlyOneEntryWithItsPurpose) {
  const auto before = trail().size();
  households->view(db(), actor(town.anna, "professional"), household);
  auto records = trail();
  ASSERT_EQ(records.size(), before + 1);
  const auto& entry = records.back();
  EXPECT_EQ(entry.household_id, household);
  EXPECT_EQ(entry.actor_user_id, town.anna);
  EXPECT_EQ(entry.action, "read");
  EXPECT_EQ(entry.result, "allowed");
  EXPECT_EQ(entry.part, "summary,plan,contacts");
  EXPECT_EQ(entry.purpose, "fixed_contact");
  EXPECT_EQ(entry.client_address, "192.0.2.7");
  EXPECT_EQ(entry.at, "2026-11-27T09:00:00Z");

  households->caseload(db(), actor(town.anna, "professional"));
  records = trail();
  ASSERT_EQ(records.size(), before + 2);
  EXPECT_EQ(records.back().action, "search");
  EXPECT_EQ(records.back().part, "caseload");
  EXPECT_TRUE(service::verify_audit_chain(db()).intact);
}

TEST_P(NeedToKnowTest, ARefusedLookIsLoggedAndRevealsNothing) {
  const auto before = trail().size();
  EXPECT_THROW(households->view(db(), actor(town.dana, "professional"), household), service::NotFound);
  EXPECT_THROW(households->view(db(), actor(town.dana, "professional"), household + 1000), service::NotFound);
  const auto records = trail();
  ASSERT_EQ(records.size(), before + 1);  // the unknown id names no household to log
  EXPECT_EQ(records.back().result, "denied");
  EXPECT_EQ(records.back().actor_user_id, town.dana);
}

TEST_P(NeedToKnowTest, AChangeIsLoggedInItsOwnTransaction) {
  const auto before = trail().size();
  households->add_goal(db(), actor(town.anna, "professional"), household, "Weer rust in huis", "");
  auto records = trail();
  ASSERT_EQ(records.size(), before + 1);
  EXPECT_EQ(records.back().action, "create");
  EXPECT_EQ(records.back().part, "plan");
  // A refused change leaves neither the change nor an entry of it as allowed.
  EXPECT_THROW(households->add_goal(db(), actor(town.anna, "professional"), household, "", ""),
               domain::ValidationError);
  records = trail();
  EXPECT_EQ(records.size(), before + 1);
}

TEST_P(NeedToKnowTest, ChangingRemovingOrReorderingAnEntryBreaksTheChain) {
  for (int i = 0; i < 4; ++i) households->view(db(), actor(town.anna, "professional"), household);
  ASSERT_GE(trail().size(), 4u);
  ASSERT_TRUE(service::verify_audit_chain(db()).intact);
  // The database refuses changes outright...
  EXPECT_THROW(storage::exec(db(), "UPDATE audit_log SET purpose = 'x' WHERE seq = 2"), storage::DatabaseError);
  EXPECT_THROW(storage::exec(db(), "DELETE FROM audit_log WHERE seq = 2"), storage::DatabaseError);
  // ...and when someone with the owner's rights gets round that, verify names the entry.
  drop_append_only_guard();
  storage::exec(db(), "UPDATE audit_log SET purpose = 'emergency' WHERE seq = 2");
  auto check = service::verify_audit_chain(db());
  EXPECT_FALSE(check.intact);
  EXPECT_EQ(check.first_broken_seq, 2);
  EXPECT_NE(check.problem.find("changed"), std::string::npos) << check.problem;
}

TEST_P(NeedToKnowTest, RemovedAndReorderedEntriesAreFound) {
  for (int i = 0; i < 5; ++i) households->view(db(), actor(town.anna, "professional"), household);
  trail();
  drop_append_only_guard();
  // Reorder: swap the places of entries 2 and 3.
  storage::exec(db(), "UPDATE audit_log SET seq = 1000 WHERE seq = 2");
  storage::exec(db(), "UPDATE audit_log SET seq = 2 WHERE seq = 3");
  storage::exec(db(), "UPDATE audit_log SET seq = 3 WHERE seq = 1000");
  auto check = service::verify_audit_chain(db());
  EXPECT_FALSE(check.intact);
  EXPECT_EQ(check.first_broken_seq, 2);
  // Put back, then remove one in the middle.
  storage::exec(db(), "UPDATE audit_log SET seq = 1000 WHERE seq = 2");
  storage::exec(db(), "UPDATE audit_log SET seq = 2 WHERE seq = 3");
  storage::exec(db(), "UPDATE audit_log SET seq = 3 WHERE seq = 1000");
  ASSERT_TRUE(service::verify_audit_chain(db()).intact);
  storage::exec(db(), "DELETE FROM audit_log WHERE seq = 4");
  check = service::verify_audit_chain(db());
  EXPECT_FALSE(check.intact);
  EXPECT_EQ(check.first_broken_seq, 4);
  EXPECT_NE(check.problem.find("missing"), std::string::npos) << check.problem;
}

TEST_P(NeedToKnowTest, RemovingTheLastEntriesIsFoundToo) {
  for (int i = 0; i < 3; ++i) households->view(db(), actor(town.anna, "professional"), household);
  const auto last = trail().back().seq;
  drop_append_only_guard();
  storage::exec(db(), "DELETE FROM audit_log WHERE seq = ?", last);
  const auto check = service::verify_audit_chain(db());
  EXPECT_FALSE(check.intact);
  EXPECT_NE(check.problem.find("at the end"), std::string::npos) << check.problem;
}

TEST_P(NeedToKnowTest, BreakingTheGlassGivesAnHourToReadAndShowsInTheAccessLog) {
  const auto dana = actor(town.dana, "professional");
  EXPECT_THROW(households->view(db(), dana, household), service::NotFound);
  EXPECT_EQ(field_of([&] { access->break_the_glass(db(), dana, household, "kort"); }), "reason");
  EXPECT_THROW(access->break_the_glass(db(), dana, household + 1000, "De bewoner belt in paniek"), service::NotFound);
  const auto until = access->break_the_glass(db(), dana, household, "Anna is ziek; de bewoner belt in paniek");
  EXPECT_EQ(until, "2026-11-27T10:00:00Z");
  const auto view = households->view(db(), dana, household);
  EXPECT_EQ(view.access.basis, domain::AccessBasis::emergency);
  EXPECT_FALSE(view.access.may_change);
  EXPECT_THROW(households->add_goal(db(), dana, household, "Iets", ""), service::Forbidden);
  // The auditor sees it; the resident too, with the reason.
  const auto flagged = access->emergency_accesses(db(), actor(32, "auditor"));
  ASSERT_FALSE(flagged.empty());
  EXPECT_EQ(flagged.front().purpose, "Anna is ziek; de bewoner belt in paniek");
  const auto log = entries_of(access->access_log(db(), actor(33, "resident"), household, std::nullopt, 200));
  bool seen = false;
  for (const auto& entry : log) seen = seen || entry.action == "emergency_access";
  EXPECT_TRUE(seen);
  clock.advance(3601);
  EXPECT_THROW(households->view(db(), dana, household), service::NotFound);
}

TEST_P(NeedToKnowTest, ASharePermitsOnlyWhatTheBasisAndTheResidentAllow) {
  const auto anna = actor(town.anna, "professional");
  const auto debt = actor(30, "domain_professional", "debt");
  const auto income = actor(31, "domain_professional", "income");
  households->add_goal(db(), anna, household, "Weer rust in huis", "");
  EXPECT_THROW(households->view(db(), debt, household), service::NotFound);
  // The resident's wish cannot widen the basis (it allows summary and plan).
  EXPECT_EQ(field_of([&] {
              access->add_sharing(db(), anna, household, {debt_basis, {"plan", "contacts"}, "Alles mag"});
            }),
            "parts");
  EXPECT_EQ(field_of([&] { access->add_sharing(db(), anna, household, {debt_basis, {}, "Mijn plan"}); }), "parts");
  EXPECT_EQ(field_of([&] {
              access->add_sharing(db(), anna, household, {9999, {"plan"}, "Mijn plan"});
            }),
            "legal_basis_id");
  EXPECT_THROW(access->add_sharing(db(), debt, household, {debt_basis, {"plan"}, "Mijn plan"}), service::NotFound);
  const auto agreement =
      access->add_sharing(db(), anna, household, {debt_basis, {"plan"}, "Mijn schuldhulpverlener mag mijn plan zien"});
  const auto view = households->view(db(), debt, household);
  EXPECT_EQ(view.access.basis, domain::AccessBasis::shared);
  EXPECT_EQ(view.goals.size(), 1u);
  EXPECT_TRUE(view.contacts.empty());  // not shared: not even read
  EXPECT_THROW(households->add_goal(db(), debt, household, "Iets", ""), service::Forbidden);
  EXPECT_THROW(households->contact(db(), debt, household, 1), service::NotFound);
  // Another domain sees nothing.
  EXPECT_THROW(households->view(db(), income, household), service::NotFound);
  // The resident withdraws it.
  access->withdraw_sharing(db(), actor(33, "resident"), household, agreement);
  EXPECT_THROW(households->view(db(), debt, household), service::NotFound);
  EXPECT_THROW(access->withdraw_sharing(db(), anna, household, agreement), service::NotFound);
  const auto agreements = storage::AccessRepository(db()).sharing(household);
  ASSERT_EQ(agreements.size(), 1u);
  EXPECT_TRUE(agreements[0].withdrawn_at.has_value());
  EXPECT_EQ(agreements[0].withdrawn_by_name, "Samira Bakker");
}

// A domain professional's home lists exactly the households whose
// agreements in force open something to their domain, the newest first,
// with what each opens; the list itself is one search in the audit trail.
TEST_P(NeedToKnowTest, ADomainSeesTheHouseholdsThatShareWithItNewestFirst) {
  const auto anna = actor(town.anna, "professional");
  const auto debt = actor(30, "domain_professional", "debt");
  EXPECT_TRUE(access->domain_shares(db(), debt).empty());
  // A second household of anna's, shared a day later.
  domain::ReferralInput input;
  input.name = "Kees de Vries";
  input.phone = "06 3333 4444";
  input.postcode = "2501AB";
  input.house_number = "14";
  input.question = "Ik heb hulp nodig met mijn rekeningen.";
  input.channel = "phone";
  const auto second = *referrals->submit(db(), input, testing::requester()).household_id;
  const auto second_contact = actor(*storage::HouseholdRepository(db()).find(second)->fixed_contact_id, "professional");
  access->add_sharing(db(), anna, household, {debt_basis, {"plan"}, "Mijn plan"});
  clock.advance(86400);
  const auto later = access->add_sharing(db(), second_contact, second, {debt_basis, {"summary"}, "Alleen wie ik ben"});
  storage::LegalBasisRecord income_basis{0, "income", "Inkomen", "summary", "Participatiewet (test)", true};
  access->add_sharing(db(), anna, household,
                      {storage::AccessRepository(db()).add_legal_basis(income_basis), {"summary"}, "Inkomen"});

  auto shares = access->domain_shares(db(), debt);
  ASSERT_EQ(shares.size(), 2u);
  EXPECT_EQ(shares[0].household_id, second);  // the newest first
  EXPECT_EQ(shares[0].parts, (std::set<domain::RecordPart>{domain::RecordPart::summary}));
  EXPECT_EQ(shares[1].household_id, household);
  EXPECT_EQ(shares[1].parts, (std::set<domain::RecordPart>{domain::RecordPart::plan}));
  ASSERT_EQ(shares[1].agreements.size(), 1u) << "the income agreement is not the debt counsellor's";
  EXPECT_EQ(shares[1].agreements[0].basis.purpose, "Schulden regelen");
  EXPECT_EQ(shares[1].postcode, "2501AB");
  // Every household listed opens for this reader.
  for (const auto& share : shares) EXPECT_NO_THROW(households->view(db(), debt, share.household_id));

  // Withdrawn, or on a basis no longer in force: gone from the list.
  access->withdraw_sharing(db(), second_contact, second, later);
  EXPECT_EQ(access->domain_shares(db(), debt).size(), 1u);
  storage::exec(db(), "UPDATE legal_bases SET active = 0 WHERE id = ?", debt_basis);
  EXPECT_TRUE(access->domain_shares(db(), debt).empty());
  EXPECT_TRUE(access->domain_shares(db(), actor(31, "domain_professional", "income")).size() == 1u);
  // Without a domain, nothing; other roles are refused.
  EXPECT_TRUE(access->domain_shares(db(), actor(30, "domain_professional", "")).empty());
  EXPECT_THROW(access->domain_shares(db(), anna), service::Forbidden);
  const auto entries = trail();
  EXPECT_EQ(std::count_if(entries.begin(), entries.end(),
                          [](const storage::AuditRecord& entry) {
                            return entry.part == "domain_shares" && entry.action == "search";
                          }),
            6)
      << "every search, also one without a domain";
}

TEST_P(NeedToKnowTest, TheAccessLogIsForResidentsWorkersAndTheAuditorOnly) {
  households->view(db(), actor(town.anna, "professional"), household);
  trail();  // reads are written in batches
  EXPECT_FALSE(entries_of(access->access_log(db(), actor(33, "resident"), household, std::nullopt, 200)).empty());
  EXPECT_FALSE(
      entries_of(access->access_log(db(), actor(town.anna, "professional"), household, std::nullopt, 200)).empty());
  EXPECT_FALSE(entries_of(access->access_log(db(), actor(32, "auditor"), household, std::nullopt, 200)).empty());
  EXPECT_THROW(entries_of(access->access_log(db(), actor(town.dana, "professional"), household, std::nullopt, 200)),
               service::NotFound);
  EXPECT_THROW(
      entries_of(access->access_log(db(), actor(30, "domain_professional", "debt"), household, std::nullopt, 200)),
      service::NotFound);
}

// With a background writer (as the server runs it) a read reaches the
// trail later; whoever opens the access log sees it at once all the same.
TEST_P(NeedToKnowTest, TheAccessLogShowsAReadAtOnceThoughTheWriterWritesLater) {
  service::AuditTrail later(clock, {location(), true, std::chrono::hours(1)});
  service::HouseholdService viewing(clock, later);
  service::AccessService looking(clock, later);
  EXPECT_THROW(viewing.view(db(), actor(town.bilal, "professional"), household), service::NotFound);
  viewing.view(db(), actor(town.anna, "professional"), household);
  bool anna_read = false, bilal_refused = false;
  for (const auto& entry : entries_of(looking.access_log(db(), actor(33, "resident"), household, std::nullopt, 200))) {
    anna_read = anna_read || (entry.actor_user_id == town.anna && entry.action == "read" && entry.result == "allowed");
    bilal_refused = bilal_refused || (entry.actor_user_id == town.bilal && entry.result == "denied");
  }
  EXPECT_TRUE(anna_read);
  EXPECT_TRUE(bilal_refused);
  EXPECT_TRUE(service::verify_audit_chain(db()).intact);
}

// A writer that cannot write: the access log says so instead of showing a
// trail with the latest reads missing.
TEST_P(NeedToKnowTest, AnAccessLogThatCannotBeBroughtUpToDateIsAnErrorNotAGap) {
  service::AuditTrail later(clock, {location(), true, std::chrono::hours(1), std::chrono::milliseconds(300)});
  service::HouseholdService viewing(clock, later);
  service::AccessService looking(clock, later);
  viewing.view(db(), actor(town.anna, "professional"), household);
  db().execute_script("DROP TABLE audit_chain");  // the writer can no longer append
  try {
    entries_of(looking.access_log(db(), actor(33, "resident"), household, std::nullopt, 200));
    ADD_FAILURE() << "the access log was shown without anna's read";
  } catch (const service::Unavailable& error) {
    EXPECT_EQ(error.message_key(), "audit.unavailable");
  }
}

TEST_P(NeedToKnowTest, RetentionRemovesClosedHouseholdsAndOldEntriesWhenDue) {
  households->view(db(), actor(town.anna, "professional"), household);
  trail();
  // Only those who work on the household end its support; it shows in the record.
  EXPECT_THROW(households->set_closed(db(), actor(30, "domain_professional", "debt"), household, true),
               service::NotFound);
  households->set_closed(db(), actor(town.anna, "professional"), household, true);
  EXPECT_EQ(households->view(db(), actor(town.anna, "professional"), household).household.closed_on, "2026-11-27");
  trail();  // that read's entry is written now, as the batch writer would
  // Not due yet: a dry run and a run both leave everything.
  EXPECT_TRUE(service::run_retention(db(), clock, false).empty());
  clock.set(*domain::parse_timestamp("2033-11-26T09:00:00Z"));  // a day short of seven years
  EXPECT_TRUE(service::run_retention(db(), clock, true).empty());
  // Seven years and a bit later: the household and the old entries are due.
  clock.set(*domain::parse_timestamp("2033-12-02T09:00:00Z"));
  const auto preview = service::run_retention(db(), clock, true);
  ASSERT_EQ(preview.size(), 2u);
  EXPECT_EQ(preview[0].kind, "household");
  EXPECT_EQ(preview[1].kind, "audit_log");
  EXPECT_EQ(count("households"), 1);  // the dry run removed nothing
  const auto done = service::run_retention(db(), clock, false);
  ASSERT_EQ(done.size(), 2u);
  EXPECT_EQ(count("households"), 0);
  EXPECT_EQ(count("contacts"), 0);
  EXPECT_EQ(count("referrals"), 0);
  EXPECT_EQ(count("users WHERE role = 'resident'"), 0);
  // The trail keeps what retention did, and still verifies from its new start.
  const auto records = trail();
  ASSERT_FALSE(records.empty());
  EXPECT_EQ(records.back().action, "delete");
  EXPECT_EQ(records.back().actor_name, "gezicht retention");
  EXPECT_TRUE(service::verify_audit_chain(db()).intact);
  EXPECT_TRUE(service::run_retention(db(), clock, false).empty());
}

TEST_P(NeedToKnowTest, RetentionKeepsEachHouseholdForTheLongestPeriodOfItsDomains) {
  // Each household is worked on by its own fixed contact.
  const auto fixed_contact = [&](std::int64_t id) {
    auto rows = storage::query(db(), "SELECT fixed_contact_id FROM households WHERE id = ?", id);
    EXPECT_TRUE(rows->step());
    return actor(rows->int64(0), "professional");
  };
  const auto involve = [&](std::int64_t id, const std::string& domain) {
    domain::Involved someone;
    someone.name = "Iemand " + domain;
    someone.organisation = "Organisatie " + domain;
    someone.role = "Consulent";
    someone.domain = domain;
    households->add_involved(db(), fixed_contact(id), id, someone);
  };
  // Debt help (5 years), youth care with debt help (20), and no domain of its own period (the general 7).
  domain::ReferralInput input;
  input.name = "Daan Visser";
  input.phone = "06 3333 4444";
  input.postcode = "2501AB";
  input.house_number = "14";
  input.question = "Ik wil hulp voor mijn zoon.";
  input.channel = "phone";
  const auto youth = *referrals->submit(db(), input, testing::requester()).household_id;
  input.house_number = "16";
  const auto plain = *referrals->submit(db(), input, testing::requester()).household_id;
  involve(household, "debt");
  involve(youth, "debt");
  involve(youth, "youth");
  for (auto id : {household, youth, plain}) households->set_closed(db(), fixed_contact(id), id, true);
  const auto remaining = [&] {
    std::vector<std::int64_t> ids;
    auto rows = storage::query(db(), "SELECT id FROM households ORDER BY id");
    while (rows->step()) ids.push_back(rows->int64(0));
    return ids;
  };

  clock.set(*domain::parse_timestamp("2031-11-26T09:00:00Z"));  // a day short of five years
  EXPECT_TRUE(service::run_retention(db(), clock, true).empty());
  clock.set(*domain::parse_timestamp("2031-11-27T09:00:00Z"));
  const auto preview = service::run_retention(db(), clock, true);
  ASSERT_EQ(preview.size(), 1u);
  EXPECT_EQ(preview[0].kind, "household");
  EXPECT_EQ(preview[0].count, 1);
  EXPECT_EQ(preview[0].detail, "closed 5 or more years ago, the debt period: " + std::to_string(household));
  service::run_retention(db(), clock, false);
  EXPECT_EQ(remaining(), (std::vector<std::int64_t>{youth, plain}));

  clock.set(*domain::parse_timestamp("2033-11-27T09:00:00Z"));
  const auto general = service::run_retention(db(), clock, false);
  ASSERT_FALSE(general.empty());
  EXPECT_EQ(general[0].detail, "closed 7 or more years ago, the general period: " + std::to_string(plain));
  EXPECT_EQ(remaining(), (std::vector<std::int64_t>{youth}));

  // Youth care: never below its legal 20 years; a municipality may keep longer.
  EXPECT_THROW(service::set_retention_period(db(), "youth", 19), std::invalid_argument);
  service::set_retention_period(db(), "youth", 22);
  EXPECT_EQ(service::load_retention_policy(db()).domain_years.at("youth"), 22);
  clock.set(*domain::parse_timestamp("2046-11-27T09:00:00Z"));
  service::run_retention(db(), clock, false);
  EXPECT_EQ(remaining(), (std::vector<std::int64_t>{youth}));
  clock.set(*domain::parse_timestamp("2048-11-27T09:00:00Z"));
  const auto last = service::run_retention(db(), clock, false);
  ASSERT_FALSE(last.empty());
  EXPECT_EQ(last[0].detail, "closed 22 or more years ago, the youth period: " + std::to_string(youth));
  EXPECT_TRUE(remaining().empty());
  EXPECT_TRUE(service::verify_audit_chain(db()).intact);
}

// Mail no longer worth sending holds an address: a run removes it where no
// server's sender did (domain::mail_worth_sending_seconds: a code's 10 minutes).
TEST_P(NeedToKnowTest, RetentionRemovesMailNoLongerWorthSending) {
  service::StoredMailQueue mail(clock);
  {
    storage::Transaction transaction(db());
    mail.queue(db(), {"login_code", "samira@example.nl", "nl", {{"code", "483920"}, {"minutes", "10"}}});
    mail.queue(db(), {"invitation", "samira@example.nl", "nl", {{"url", "https://mijn.test/uitnodiging/x"}}});
    transaction.commit();
  }
  EXPECT_TRUE(service::run_retention(db(), clock, false).empty()) << "both still worth sending";
  clock.set(clock.now() + 11 * 60);
  const auto preview = service::run_retention(db(), clock, true);
  ASSERT_EQ(preview.size(), 1u);
  EXPECT_EQ(preview[0].kind, "mail");
  EXPECT_EQ(preview[0].count, 1);
  EXPECT_EQ(count("mail_queue"), 2) << "a dry run removes nothing";
  const auto done = service::run_retention(db(), clock, false);
  ASSERT_EQ(done.size(), 1u);
  EXPECT_EQ(count("mail_queue"), 1) << "the invitation is worth sending for 14 days";
  EXPECT_EQ(count("mail_queue_values WHERE name = 'code'"), 0);
  EXPECT_TRUE(service::run_retention(db(), clock, false).empty());
}

TEST_P(NeedToKnowTest, ARetentionSettingBelowTheLawOrOfNoDomainIsAnError) {
  storage::exec(db(), "INSERT INTO settings (key, value) VALUES ('retention_years.youth', '12')");
  EXPECT_THROW(service::load_retention_policy(db()), std::runtime_error);
  storage::exec(db(), "UPDATE settings SET key = 'retention_years.jeugd' WHERE key = 'retention_years.youth'");
  EXPECT_THROW(service::load_retention_policy(db()), std::runtime_error);
  EXPECT_THROW(service::set_retention_period(db(), "general", 0), std::invalid_argument);
}

TEST_P(NeedToKnowTest, AMalformedRetentionSettingIsAnErrorNotADefault) {
  storage::exec(db(), "INSERT INTO settings (key, value) VALUES ('retention_audit_log_years', 'zeven')");
  EXPECT_THROW(service::load_retention_policy(db()), std::runtime_error);
}

GEZICHT_ON_BOTH_BACKENDS(NeedToKnowTest);

}  // namespace
}  // namespace gezicht
