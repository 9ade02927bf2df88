// The resident portal's services on both databases: logging in with a code
// sent by e-mail (single use, 5 tries, 10 minutes, no enumeration), invitations,
// what residents ask of the team and who answers, withdrawing consent and
// objecting to a legal duty, the data download, the state of a request, and
// client experience kept apart from the case.

#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <string>
#include <vector>

#include "backend.hpp"
#include "domain/calendar.hpp"
#include "domain/validation_error.hpp"
#include "fixture.hpp"
#include "service/access_service.hpp"
#include "service/audit_trail.hpp"
#include "service/auth_service.hpp"
#include "service/directory_service.hpp"
#include "service/errors.hpp"
#include "service/experience_service.hpp"
#include "service/experience_statements.hpp"
#include "service/household_service.hpp"
#include "service/portal_service.hpp"
#include "service/referral_service.hpp"
#include "service/request_status_service.hpp"
#include "service/resident_login_service.hpp"
#include "storage/access_repository.hpp"
#include "storage/audit_repository.hpp"
#include "storage/household_repository.hpp"
#include "storage/referral_repository.hpp"

namespace gezicht {
namespace {

class PortalTest : public testing::BackendTest {
 protected:
  void SetUp() override {
    BackendTest::SetUp();
    if (IsSkipped() || HasFailure()) return;
    town = testing::load_small_municipality(db(), "not-used-for-login");
    directory = std::make_unique<service::DirectoryService>([this] { return storage::open_connection(location()); });
    audit = std::make_unique<service::AuditTrail>(clock, service::AuditTrail::Options{});
    auth = std::make_unique<service::AuthService>(clock, random);
    referrals = std::make_unique<service::ReferralService>(*directory, clock, random, *audit);
    households = std::make_unique<service::HouseholdService>(clock, *audit);
    access = std::make_unique<service::AccessService>(clock, *audit);
    login = std::make_unique<service::ResidentLoginService>(clock, random, *auth, *audit, mail, "https://mijn.test");
    portal = std::make_unique<service::PortalService>(clock, *audit, *households, *access, false);
    status = std::make_unique<service::RequestStatusService>(clock, random, *audit);
    experience = std::make_unique<service::ExperienceService>(clock, random, *audit, mail,
                                                              [] { return std::string("https://mijn.test"); });
    domain::ReferralInput input;
    input.name = "Samira Bakker";
    input.phone = "06 1111 2222";
    input.postcode = "2501AB";
    input.house_number = "12";
    input.question = "Ik krijg mijn post niet meer open.";
    input.channel = "phone";
    const auto receipt = referrals->submit(db(), input, testing::requester());
    household = *receipt.household_id;  // anna is the fixed contact
    reference = receipt.reference;
    status_token = receipt.status_token;
    member = households->view(db(), anna(), household).members.at(0).id;  // the requester
  }
  void TearDown() override {
    experience.reset();
    status.reset();
    portal.reset();
    login.reset();
    access.reset();
    households.reset();
    referrals.reset();
    auth.reset();
    audit.reset();
    directory.reset();
    BackendTest::TearDown();
  }

  service::Actor staff(std::int64_t id, domain::Role role) {
    service::Actor a;
    a.user_id = id;
    a.name = "user " + std::to_string(id);
    a.access_role = role;
    a.team_id = town.team_a;
    a.client_address = "192.0.2.7";
    a.route = "POST /test";
    return a;
  }
  service::Actor anna() { return staff(town.anna, domain::Role::professional); }

  // The mail the services queued, as the database holds it for a sender:
  // what the test reads the codes and links from.
  std::vector<service::MailIntent> sent_mail() {
    std::vector<std::pair<std::int64_t, service::MailIntent>> rows;
    {
      auto row = storage::query(db(), "SELECT id, kind, to_address, language FROM mail_queue ORDER BY id");
      while (row->step()) rows.push_back({row->int64(0), {row->text(1), row->text(2), row->text(3), {}}});
    }
    std::vector<service::MailIntent> sent;
    for (auto& [id, intent] : rows) {
      auto value = storage::query(db(), "SELECT name, value FROM mail_queue_values WHERE mail_id = ?", id);
      while (value->step()) intent.values.emplace(value->text(0), value->text(1));
      sent.push_back(std::move(intent));
    }
    return sent;
  }

  // The code in the newest login mail to `email`.
  std::string code_sent_to(const std::string& email) {
    const auto sent = sent_mail();
    for (auto it = sent.rbegin(); it != sent.rend(); ++it) {
      if (it->kind == "login_code" && it->to == email) return it->values.at("code");
    }
    ADD_FAILURE() << "no code was sent to " << email;
    return "";
  }
  std::string invitation_token() {
    const auto sent = sent_mail();
    for (auto it = sent.rbegin(); it != sent.rend(); ++it) {
      if (it->kind.starts_with("invitation")) {
        const auto& url = it->values.at("url");
        return url.substr(url.rfind('/') + 1);
      }
    }
    ADD_FAILURE() << "no invitation was sent";
    return "";
  }
  // Invites samira@example.nl and logs her in; returns her session's actor.
  service::Actor invited_resident() {
    login->invite(db(), anna(), household, {"Samira@Example.nl", member, "nl"});
    login->request_code(db(), {"samira@example.nl", "nl", "198.51.100.4"});
    const auto outcome = login->login(
        db(), {"samira@example.nl", code_sent_to("samira@example.nl"), invitation_token(), "198.51.100.4", ""});
    EXPECT_EQ(outcome.status, service::LoginStatus::ok);
    auto actor = outcome.result->actor;
    actor.client_address = "198.51.100.4";
    actor.route = "GET /mijn-gezicht";
    return actor;
  }
  std::vector<storage::AuditRecord> trail() {
    audit->flush(db());
    std::vector<storage::AuditRecord> records;
    storage::AuditRepository(db()).each_in_order([&](const storage::AuditRecord& r) { records.push_back(r); });
    return records;
  }

  testing::SmallMunicipality town;
  service::ManualClock clock{*domain::parse_timestamp("2026-11-27T09:00:00Z")};
  service::SodiumRandom random;
  service::StoredMailQueue mail{clock};
  std::unique_ptr<service::DirectoryService> directory;
  std::unique_ptr<service::AuditTrail> audit;
  std::unique_ptr<service::AuthService> auth;
  std::unique_ptr<service::ReferralService> referrals;
  std::unique_ptr<service::HouseholdService> households;
  std::unique_ptr<service::AccessService> access;
  std::unique_ptr<service::ResidentLoginService> login;
  std::unique_ptr<service::PortalService> portal;
  std::unique_ptr<service::RequestStatusService> status;
  std::unique_ptr<service::ExperienceService> experience;
  std::int64_t household = 0;
  std::int64_t member = 0;
  std::string reference;
  std::string status_token;
};

TEST_P(PortalTest, AnUnknownAddressGetsNoCodeAndTheSameAnswer) {
  EXPECT_NO_THROW(login->request_code(db(), {"nobody@example.nl", "nl", "198.51.100.4"}));
  EXPECT_TRUE(sent_mail().empty());
  EXPECT_EQ(testing::invalid_field([&] { login->request_code(db(), {"not an address", "nl", ""}); }), "email");
  // A code that was never sent: failed, like a wrong one.
  EXPECT_EQ(login->login(db(), {"nobody@example.nl", "123456", "", "198.51.100.4", ""}).status,
            service::LoginStatus::failed);
}

TEST_P(PortalTest, AnInvitationMakesTheAccountAtTheFirstLoginAndWorksOnce) {
  const auto resident = invited_resident();
  EXPECT_EQ(resident.access_role, domain::Role::resident);
  EXPECT_EQ(resident.household_id, household);
  EXPECT_EQ(resident.assurance, domain::Assurance::email_code);
  EXPECT_EQ(resident.name, "Samira Bakker");
  const auto token = invitation_token();
  EXPECT_THROW(login->invitation(db(), token), service::Conflict) << "used";
  EXPECT_THROW(login->invitation(db(), std::string(43, 'x')), service::NotFound);
  // The code was single use.
  EXPECT_EQ(login->login(db(), {"samira@example.nl", code_sent_to("samira@example.nl"), "", "198.51.100.4", ""}).status,
            service::LoginStatus::failed);
  // The next time, the address alone.
  login->request_code(db(), {"samira@example.nl", "nl", "198.51.100.4"});
  EXPECT_EQ(login->login(db(), {"samira@example.nl", code_sent_to("samira@example.nl"), "", "198.51.100.4", ""}).status,
            service::LoginStatus::ok);
}

TEST_P(PortalTest, AnInvitationExpires) {
  login->invite(db(), anna(), household, {"late@example.nl", std::nullopt, "nl"});
  const auto token = invitation_token();
  EXPECT_NO_THROW(login->invitation(db(), token));
  clock.advance(domain::invitation_seconds + 1);
  EXPECT_THROW(login->invitation(db(), token), service::Conflict);
  login->request_code(db(), {"late@example.nl", "nl", ""});
  const auto sent = sent_mail();
  EXPECT_FALSE(std::any_of(sent.begin(), sent.end(), [](const auto& m) { return m.kind == "login_code"; }))
      << "an expired invitation opens nothing";
}

TEST_P(PortalTest, OnlyThoseWhoWorkOnTheHouseholdInvite) {
  EXPECT_THROW(login->invite(db(), staff(town.dana, domain::Role::professional), household,
                             {"x@example.nl", std::nullopt, "nl"}),
               service::NotFound);
  EXPECT_EQ(testing::invalid_field([&] {
              login->invite(db(), anna(), household, {"x@example.nl", 999999, "nl"});
            }),
            "member_id");
  EXPECT_EQ(testing::invalid_field([&] {
              login->invite(db(), anna(), household, {"nope", std::nullopt, "nl"});
            }),
            "email");
}

TEST_P(PortalTest, ACodeExpiresAfterTenMinutesAndASixthTryFails) {
  invited_resident();
  login->request_code(db(), {"samira@example.nl", "nl", ""});
  const auto code = code_sent_to("samira@example.nl");
  clock.advance(domain::login_code_seconds + 1);
  EXPECT_EQ(login->login(db(), {"samira@example.nl", code, "", "", ""}).status, service::LoginStatus::failed);

  login->request_code(db(), {"samira@example.nl", "nl", ""});
  const auto fresh = code_sent_to("samira@example.nl");
  const std::string wrong = fresh == "000000" ? "111111" : "000000";
  for (int i = 0; i < domain::login_code_max_tries; ++i) {
    EXPECT_EQ(login->login(db(), {"samira@example.nl", wrong, "", "", ""}).status, service::LoginStatus::failed);
    // The throttle would step in first; here the code's own tries are counted.
    auth->throttle().record_success(db(), "samira@example.nl|");  // per address and client
  }
  EXPECT_EQ(login->login(db(), {"samira@example.nl", fresh, "", "", ""}).status, service::LoginStatus::failed)
      << "the right code after five wrong ones";
}

TEST_P(PortalTest, CodesToOneAddressAreLimitedPerHour) {
  invited_resident();
  const auto before = sent_mail().size();
  for (int i = 0; i < 10; ++i) login->request_code(db(), {"samira@example.nl", "nl", ""});
  // One was sent for the first login within the hour.
  EXPECT_EQ(sent_mail().size() - before, static_cast<std::size_t>(domain::login_codes_per_address_per_hour - 1));
}

TEST_P(PortalTest, TheHomeShowsTheContactTheRequestAndItsPromise) {
  const auto resident = invited_resident();
  const auto home = portal->home(db(), resident);
  ASSERT_TRUE(home.record.fixed_contact.has_value());
  EXPECT_EQ(home.record.fixed_contact->id, town.anna);
  ASSERT_EQ(home.requests.size(), 1u);
  EXPECT_EQ(home.requests[0].referral.reference, reference);
  EXPECT_EQ(home.requests[0].state, "waiting");
  EXPECT_FALSE(home.requests[0].kept.has_value());
  clock.advance(30 * 86400);
  EXPECT_EQ(portal->home(db(), resident).requests[0].state, "overdue");
  // Another role, or an account without a household: refused.
  EXPECT_THROW(portal->home(db(), anna()), service::Forbidden);
  auto stranger = resident;
  stranger.household_id.reset();
  EXPECT_THROW(portal->home(db(), stranger), service::NotFound);
  const auto entries = trail();
  EXPECT_TRUE(std::any_of(entries.begin(), entries.end(), [&](const storage::AuditRecord& e) {
    return e.household_id == household && e.actor_role == "resident" && e.action == "read";
  }));
}

TEST_P(PortalTest, AResidentConfirmsWhatMattersOrSendsACorrectionToTheFixedContact) {
  const auto resident = invited_resident();
  EXPECT_THROW(portal->confirm_what_matters(db(), resident), service::Conflict);
  households->set_what_matters(db(), anna(), household, "Rust in huis en mijn post op orde.", false);
  portal->confirm_what_matters(db(), resident);
  EXPECT_EQ(portal->home(db(), resident).record.what_matters->confirmed_on, "2026-11-27");

  EXPECT_EQ(testing::invalid_field([&] { portal->correct_what_matters(db(), resident, "  "); }), "text");
  const auto id = portal->correct_what_matters(db(), resident, "Het gaat ook om mijn zoon.");
  // Nothing changed in the record by it.
  EXPECT_EQ(portal->home(db(), resident).record.what_matters->words, "Rust in huis en mijn post op orde.");
  const auto open = portal->open_requests(db(), anna());
  ASSERT_EQ(open.size(), 1u);
  EXPECT_EQ(open[0].id, id);
  EXPECT_TRUE(portal->open_requests(db(), staff(town.lead_a, domain::Role::teamlead)).empty())
      << "a correction is for the fixed contact";
  EXPECT_THROW(portal->answer(db(), staff(town.bilal, domain::Role::professional), id, "Ja"), service::NotFound);
  portal->answer(db(), anna(), id, "Ik heb het aangepast, samen met u.");
  EXPECT_THROW(portal->answer(db(), anna(), id, "Nog eens"), service::Conflict);
  const auto asked = portal->home(db(), resident).asked;
  ASSERT_EQ(asked.size(), 1u);
  EXPECT_EQ(asked[0].answer, "Ik heb het aangepast, samen met u.");
}

TEST_P(PortalTest, AnotherContactPersonGoesToTheTeamLeadOnceAtATime) {
  const auto resident = invited_resident();
  const auto id = portal->ask_another_contact(db(), resident, "");
  EXPECT_THROW(portal->ask_another_contact(db(), resident, ""), service::Conflict);
  const auto lead = staff(town.lead_a, domain::Role::teamlead);
  const auto open = portal->open_requests(db(), lead);
  ASSERT_EQ(open.size(), 1u);
  EXPECT_EQ(open[0].id, id);
  EXPECT_TRUE(portal->open_requests(db(), anna()).empty()) << "not the contact the resident wants to leave";
  auto other_lead = staff(town.lead_b, domain::Role::teamlead);
  other_lead.team_id = town.team_b;
  EXPECT_THROW(portal->answer(db(), other_lead, id, "Nee"), service::NotFound);
  portal->answer(db(), lead, id, "Bilal wordt uw nieuwe contactpersoon.");
  EXPECT_NO_THROW(portal->ask_another_contact(db(), resident, "Toch nog eens"));
}

TEST_P(PortalTest, ConsentIsWithdrawnALegalDutyIsObjectedTo) {
  const auto resident = invited_resident();
  storage::AccessRepository repository(db());
  const auto consent =
      repository.add_legal_basis({0, "debt", "Schulden", "summary,plan", "Wgs (test)", true, "consent"});
  const auto duty =
      repository.add_legal_basis({0, "income", "Inkomen", "summary", "Participatiewet (test)", true, "legal_duty"});
  const auto shared = access->add_sharing(db(), anna(), household, {consent, {"plan"}, "Mijn plan mag"});
  const auto required = access->add_sharing(db(), anna(), household, {duty, {"summary"}, "Moet"});

  EXPECT_THROW(portal->withdraw_sharing(db(), resident, required), service::Conflict);
  EXPECT_THROW(portal->object_to_sharing(db(), resident, shared, "Nee"), service::Conflict);
  EXPECT_EQ(testing::invalid_field([&] { portal->object_to_sharing(db(), resident, required, ""); }), "text");
  portal->object_to_sharing(db(), resident, required, "Ik wil dit niet.");
  portal->withdraw_sharing(db(), resident, shared);
  const auto record = portal->record(db(), resident);
  for (const auto& agreement : record.sharing) {
    EXPECT_EQ(agreement.withdrawn_at.has_value(), agreement.id == shared) << agreement.id;
  }
  const auto open = portal->open_requests(db(), staff(town.lead_a, domain::Role::teamlead));
  ASSERT_EQ(open.size(), 1u);
  EXPECT_EQ(open[0].kind, "sharing_objection");
  EXPECT_EQ(open[0].agreement_purpose, "Inkomen");
  EXPECT_THROW(portal->object_to_sharing(db(), resident, 999999, "x"), service::NotFound);
}

TEST_P(PortalTest, TheDataDownloadHasEverythingAndIsOneEntryInTheTrail) {
  const auto resident = invited_resident();
  households->add_contact(db(), anna(), household, {town.anna, std::nullopt, clock.now() - 3600, true, "phone", ""});
  trail();
  const auto before = trail().size();
  const auto data = portal->export_data(db(), resident);
  EXPECT_EQ(data.contacts.size(), 1u);
  EXPECT_FALSE(data.access_log.empty());
  EXPECT_EQ(data.home.record.members.size(), 1u);
  const auto entries = trail();
  ASSERT_EQ(entries.size(), before + 1);
  EXPECT_EQ(entries.back().action, "export");
  EXPECT_EQ(entries.back().household_id, household);
}

TEST_P(PortalTest, ARequestsStateIsSeenWithItsReferenceAndAddressOnly) {
  const auto found = status->look_up(db(), reference, "2501 ab", "12", "198.51.100.9");
  EXPECT_EQ(found.state, "waiting");
  EXPECT_EQ(found.contact.id, town.anna);
  EXPECT_THROW(status->look_up(db(), reference, "2501AB", "13", "198.51.100.9"), service::NotFound);
  EXPECT_THROW(status->look_up(db(), "GZ-0000-0000", "2501AB", "12", "198.51.100.9"), service::NotFound);
  EXPECT_THROW(status->look_up(db(), "nonsense", "x", "y", "198.51.100.9"), service::NotFound);
  // Guessing on: slowed down.
  for (int i = 0; i < service::RequestStatusService::failures_per_client; ++i) {
    try {
      status->look_up(db(), "GZ-0000-0000", "2501AB", "12", "198.51.100.10");
    } catch (const service::NotFound&) {
    }
  }
  EXPECT_THROW(status->look_up(db(), reference, "2501AB", "12", "198.51.100.10"), service::Throttled);
  // The link from the confirmation e-mail, made with the request.
  ASSERT_EQ(status_token.size(), 43u);
  EXPECT_EQ(status->by_link(db(), status_token, "198.51.100.9").reference, reference);
  EXPECT_THROW(status->by_link(db(), std::string(43, 'a'), "198.51.100.9"), service::NotFound);
}

// What is queued with a new contact or request is saved in its transaction:
// when the queuing fails, neither the mail nor what it tells of is kept.
TEST_P(PortalTest, MailQueuedWithAContactOrARequestIsKeptWithItOrNotAtAll) {
  invited_resident();
  const auto contacts = testing::count_rows(db(), "contacts");
  const auto referrals_before = testing::count_rows(db(), "referrals");
  const auto mail_before = sent_mail().size();
  const auto queue_then_fail = [&](storage::Connection& connection, std::int64_t id) {
    experience->invite_after_contact(connection, household, id);
    throw std::runtime_error("the queue refused");
  };
  EXPECT_THROW(
      households->add_contact(db(), anna(), household,
                              {town.anna, std::nullopt, clock.now() - 60, true, "home_visit", ""}, queue_then_fail),
      std::runtime_error);
  EXPECT_EQ(testing::count_rows(db(), "contacts"), contacts);
  EXPECT_EQ(sent_mail().size(), mail_before);

  domain::ReferralInput input;
  input.name = "Noor de Wit";
  input.phone = "06 3333 4444";
  input.email = "noor@example.nl";
  input.postcode = "2501AB";
  input.house_number = "40";
  input.question = "Ik heb hulp nodig bij formulieren.";
  input.channel = "phone";
  const auto confirm_then_fail = [&](storage::Connection& connection, const service::ReferralReceipt& receipt) {
    mail.queue(connection, {"referral_received", "noor@example.nl", "nl", {{"reference", receipt.reference}}});
    throw std::runtime_error("the queue refused");
  };
  EXPECT_THROW(referrals->submit(db(), input, testing::requester(), "form:one", "submission", confirm_then_fail),
               std::runtime_error);
  EXPECT_EQ(testing::count_rows(db(), "referrals"), referrals_before);
  EXPECT_EQ(sent_mail().size(), mail_before);

  // The same key again, now that it works: one request, one confirmation;
  // and a repeat of it queues nothing more.
  int confirmations = 0;
  const auto confirm = [&](storage::Connection& connection, const service::ReferralReceipt& receipt) {
    ++confirmations;
    mail.queue(connection, {"referral_received", "noor@example.nl", "nl", {{"reference", receipt.reference}}});
  };
  const auto first = referrals->submit(db(), input, testing::requester(), "form:one", "submission", confirm);
  const auto again = referrals->submit(db(), input, testing::requester(), "form:one", "submission", confirm);
  EXPECT_EQ(again.reference, first.reference);
  EXPECT_EQ(confirmations, 1);
  EXPECT_EQ(testing::count_rows(db(), "referrals"), referrals_before + 1);
  ASSERT_EQ(sent_mail().size(), mail_before + 1);
  EXPECT_EQ(sent_mail().back().values.at("reference"), first.reference);
}

TEST_P(PortalTest, ExperienceIsGivenOncePerContactAndOnlyTheTeamsSharesAreSeen) {
  const auto resident = invited_resident();
  const auto invite = [&](storage::Connection& connection, std::int64_t id) {
    experience->invite_after_contact(connection, household, id);
  };
  const auto contact = households->add_contact(
      db(), anna(), household, {town.anna, std::nullopt, clock.now() - 3600, true, "home_visit", ""}, invite);
  EXPECT_EQ(sent_mail().back().kind, "feedback_invitation");
  EXPECT_EQ(sent_mail().back().to, "samira@example.nl");
  const auto mail_before = sent_mail().size();
  const auto letter = households->add_contact(db(), anna(), household,
                                              {town.anna, std::nullopt, clock.now() - 60, true, "letter", ""}, invite);
  EXPECT_EQ(sent_mail().size(), mail_before) << "a letter is not asked about";

  const auto form = experience->pending(db(), resident);
  ASSERT_EQ(form.contacts.size(), 1u) << "a letter is not asked about";
  EXPECT_EQ(form.contacts[0].contact.contact_id, contact);
  EXPECT_EQ(form.set.statements.size(), 8u);

  EXPECT_EQ(testing::invalid_field([&] {
              experience->give(db(), resident, contact, {{"taken_seriously", "5"}}, "");
            }),
            "answers.taken_seriously");
  EXPECT_THROW(experience->give(db(), resident, letter, {{"taken_seriously", "agree"}}, ""), service::NotFound);
  experience->give(db(), resident, contact, {{"taken_seriously", "agree"}, {"helped_quickly", "dont_know"}},
                   "Fijn dat Anna op tijd was, bel 0612345678.");
  EXPECT_THROW(experience->give(db(), resident, contact, {{"taken_seriously", "agree"}}, ""), service::Conflict);
  EXPECT_TRUE(experience->pending(db(), resident).contacts.empty());
  // The answer carries no household.
  auto row =
      storage::query(db(), "SELECT COUNT(*) FROM experience_responses WHERE answers LIKE '%taken_seriously=agree%'");
  ASSERT_TRUE(row->step());
  EXPECT_EQ(row->int64(0), 1);

  const auto lead = staff(town.lead_a, domain::Role::teamlead);
  const auto one = experience->team(db(), lead, "2026-Q4");
  ASSERT_EQ(one.sets.size(), 1u);
  EXPECT_EQ(one.sets[0].responses, 1);
  for (const auto& figure : one.sets[0].figures) EXPECT_TRUE(figure.suppressed) << figure.statement;
  EXPECT_TRUE(one.comments.empty());
  EXPECT_THROW(experience->team(db(), anna(), "2026-Q4"), service::Forbidden);
  EXPECT_EQ(testing::invalid_field([&] { experience->team(db(), lead, "2026-4"); }), "quarter");
}

// Six languages, as the server offers them.
const std::vector<std::string> resident_languages{"nl", "en", "tr", "ar", "pl", "uk"};

domain::StatementSet worded(const std::vector<std::string>& keys) {
  domain::StatementSet set;
  set.statements = keys;
  for (const auto& key : keys) {
    for (const auto& language : resident_languages) set.words[key][language] = key + " in " + language + " ";
  }
  return set;
}

TEST_P(PortalTest, AMunicipalityAddsAStatementSetAndEarlierAnswersKeepTheirVersion) {
  const auto resident = invited_resident();
  const auto lead = staff(town.lead_a, domain::Role::teamlead);
  const auto first = households->add_contact(db(), anna(), household,
                                             {town.anna, std::nullopt, clock.now() - 7200, true, "home_visit", ""});
  const auto second = households->add_contact(db(), anna(), household,
                                              {town.anna, std::nullopt, clock.now() - 3600, true, "phone", ""});
  experience->give(db(), resident, first, {{"taken_seriously", "agree"}}, "Goed geholpen.");

  // A wrong set names the place of each mistake and adds nothing.
  auto wrong = worded({"taken_seriously", "Not A Key", "taken_seriously", "felt_at_ease"});
  wrong.words["felt_at_ease"].erase("ar");
  wrong.words["felt_at_ease"]["uk"] = "twee\nregels";
  wrong.words["felt_at_ease"]["fr"] = "en français";
  try {
    service::add_statement_set(db(), wrong, resident_languages, clock.now());
    ADD_FAILURE() << "a wrong set was added";
  } catch (const domain::ValidationError& error) {
    std::map<std::string, std::string> fields;
    for (const auto& field : error.errors()) fields[field.field] = field.message_key;
    EXPECT_EQ(fields["statements[1].key"], "statements.invalid_key");
    EXPECT_EQ(fields["statements[2].key"], "statements.duplicate");
    EXPECT_EQ(fields["statements[3].words.ar"], "statement_words.required");
    EXPECT_EQ(fields["statements[3].words.uk"], "statement_words.one_line");
    EXPECT_EQ(fields["statements[3].words.fr"], "statement_words.unknown_language");
  }
  ASSERT_EQ(service::statement_sets(db()).size(), 1u) << "nothing half saved";

  EXPECT_EQ(
      service::add_statement_set(db(), worded({"taken_seriously", "felt_at_ease"}), resident_languages, clock.now()),
      2);
  const auto sets = service::statement_sets(db());
  ASSERT_EQ(sets.size(), 2u);
  EXPECT_TRUE(sets[0].set.words.empty()) << "version 1 is worded by the translations";
  EXPECT_EQ(sets[1].set.words.at("felt_at_ease").at("ar"), "felt_at_ease in ar") << "kept trimmed";

  // New answers are on the new set; an old key that the new set dropped is refused.
  const auto form = experience->pending(db(), resident);
  EXPECT_EQ(form.set.version, 2);
  EXPECT_EQ(form.set.statements, (std::vector<std::string>{"taken_seriously", "felt_at_ease"}));
  EXPECT_EQ(testing::invalid_field([&] {
              experience->give(db(), resident, second, {{"helped_quickly", "agree"}}, "");
            }),
            "answers.helped_quickly");
  experience->give(db(), resident, second, {{"felt_at_ease", "completely_agree"}}, "Prima.");

  // The team lead sees each version apart, the one in use first.
  const auto figures = experience->team(db(), lead, "2026-Q4");
  ASSERT_EQ(figures.sets.size(), 2u);
  EXPECT_EQ(figures.sets[0].set.version, 2);
  EXPECT_EQ(figures.sets[0].responses, 1);
  EXPECT_EQ(figures.sets[0].figures.size(), 2u);
  EXPECT_EQ(figures.sets[1].set.version, 1);
  EXPECT_EQ(figures.sets[1].responses, 1);
  EXPECT_EQ(figures.sets[1].figures.size(), 8u);
  auto row = storage::query(db(), "SELECT set_version FROM experience_responses ORDER BY set_version");
  ASSERT_TRUE(row->step());
  EXPECT_EQ(row->int64(0), 1) << "the first answer keeps version 1";
  ASSERT_TRUE(row->step());
  EXPECT_EQ(row->int64(0), 2);
}

GEZICHT_ON_BOTH_BACKENDS(PortalTest);

}  // namespace
}  // namespace gezicht
