// The household record on a real database (SQLite and PostgreSQL): a
// referral makes a household, the plan and contacts log are kept, access is
// need-to-know, continuity is measured, and handovers are recorded.

#include <gtest/gtest.h>

#include <atomic>
#include <exception>
#include <set>
#include <thread>

#include "domain/calendar.hpp"
#include "domain/validation_error.hpp"
#include "household_fixture.hpp"
#include "postgres_locks.hpp"
#include "service/errors.hpp"
#include "service/household_service.hpp"
#include "service/referral_service.hpp"
#include "storage/household_repository.hpp"
#include "storage/referral_repository.hpp"

namespace gezicht {
namespace {

using testing::SmallMunicipality;

// The shared fixture (household_fixture.hpp): a small municipality and
// Samira Bakker's household, with anna as its fixed contact.
class HouseholdServiceTest : public testing::HouseholdFixture {};

TEST_P(HouseholdServiceTest, AReferralMakesAHouseholdWithItsFixedContactInvolved) {
  const auto view = households->view(db(), actor(town.anna), household);
  ASSERT_TRUE(view.fixed_contact);
  EXPECT_EQ(view.fixed_contact->id, town.anna);
  ASSERT_EQ(view.involved.size(), 1u);
  EXPECT_EQ(view.involved[0].user_id, town.anna);
  ASSERT_EQ(view.fixed_contact_changes.size(), 1u);
  EXPECT_EQ(view.fixed_contact_changes[0].kind, "assignment");
  ASSERT_EQ(view.referrals.size(), 1u);
  EXPECT_EQ(view.continuity.contacts, 0);
  EXPECT_FALSE(view.continuity.upc.has_value());
}

TEST_P(HouseholdServiceTest, OnlyTheFixedContactAndInvolvedColleaguesSeeIt) {
  EXPECT_THROW(households->view(db(), actor(town.bilal), household), service::NotFound);
  EXPECT_THROW(households->view(db(), actor(town.lead_a, "teamlead"), household), service::NotFound);
  EXPECT_THROW(households->view(db(), actor(town.dana), household), service::NotFound);
  EXPECT_THROW(households->view(db(), actor(town.anna), household + 1000), service::NotFound);
  // A contact with bilal makes bilal an involved face, who may then see it.
  households->add_contact(db(), actor(town.anna), household, contact_with(town.bilal, 1));
  EXPECT_NO_THROW(households->view(db(), actor(town.bilal), household));
  // A team lead is never made an involved face: plan content is not theirs to read.
  EXPECT_EQ(field_of([&] { households->add_contact(db(), actor(town.anna), household, contact_with(town.lead_a, 1)); }),
            "professional_id:professional_id.unknown");
  domain::Involved lead;
  lead.user_id = town.lead_a;
  lead.role = "Teamleider";
  lead.domain = "buurtteam";
  EXPECT_THROW(households->add_involved(db(), actor(town.anna), household, lead), domain::ValidationError);
}

TEST_P(HouseholdServiceTest, ContinuityFromTheContactsLog) {
  // anna, anna, bilal, chris, anna: N=5, faces 3, UPC 3/5, COC (9+1+1-5)/20, SECON 1/4.
  for (auto [who, days] : std::vector<std::pair<std::int64_t, int>>{
           {town.anna, 50}, {town.anna, 40}, {town.bilal, 30}, {town.chris, 20}, {town.anna, 10}}) {
    households->add_contact(db(), actor(town.anna), household, contact_with(who, days));
  }
  auto view = households->view(db(), actor(town.anna), household);
  EXPECT_EQ(view.continuity.contacts, 5);
  EXPECT_EQ(view.continuity.distinct_faces, 3);
  EXPECT_DOUBLE_EQ(*view.continuity.upc, 0.6);
  EXPECT_DOUBLE_EQ(*view.continuity.coc, 6.0 / 20.0);
  EXPECT_DOUBLE_EQ(*view.continuity.secon, 0.25);
  EXPECT_FALSE(view.flags.many_faces);
  // A fourth face within 90 days raises the flag, on the record and the caseload.
  domain::Involved debt;
  debt.name = "Mirjam Schuld";
  debt.organisation = "Schuldhulp Voorbeeld";
  debt.role = "Schuldhulpverlener";
  debt.domain = "debt";
  service::ContactInput external;
  external.involved_id = households->add_involved(db(), actor(town.anna), household, debt);
  external.at = clock.now() - 5 * 86400;
  external.channel = "phone";
  households->add_contact(db(), actor(town.anna), household, external);
  view = households->view(db(), actor(town.anna), household);
  EXPECT_EQ(view.continuity.distinct_faces_90d, 4);
  EXPECT_TRUE(view.flags.many_faces);
  const auto caseload = households->caseload(db(), actor(town.anna));
  ASSERT_EQ(caseload.size(), 1u);
  EXPECT_TRUE(caseload[0].flags.many_faces);
  EXPECT_EQ(caseload[0].row.faces_90d, 4);
  // The team lead's overview lists it (and another team's lead does not see it).
  const auto flagged = households->team_flags(db(), actor(town.lead_a, "teamlead"));
  ASSERT_EQ(flagged.size(), 1u);
  EXPECT_EQ(flagged[0].row.household_id, household);
  EXPECT_EQ(flagged[0].row.fixed_contact_name, "Anna de Boer");
  EXPECT_TRUE(households->team_flags(db(), actor(town.lead_b, "teamlead")).empty());
  EXPECT_THROW(households->team_flags(db(), actor(town.anna)), service::Forbidden);
}

TEST_P(HouseholdServiceTest, BadInputNamesTheFieldAndSavesNothing) {
  const auto contacts = count("contacts");
  EXPECT_EQ(field_of([&] { households->add_contact(db(), actor(town.anna), household, contact_with(town.bilal, -1)); }),
            "at:at.future");
  EXPECT_EQ(field_of([&] { households->add_contact(db(), actor(town.anna), household, contact_with(999, 1)); }),
            "professional_id:professional_id.unknown");
  EXPECT_EQ(count("contacts"), contacts);
  EXPECT_EQ(count("involved"), 1);
  EXPECT_EQ(field_of([&] { households->add_goal(db(), actor(town.anna), household, "   ", "x"); }),
            "words:words.required");
  domain::HandoverRequest handover{town.dana, "handover", "", std::nullopt, "Ziek"};
  EXPECT_EQ(field_of([&] { households->handover(db(), actor(town.anna), household, handover); }),
            "reason:reason.required");
  EXPECT_EQ(households->view(db(), actor(town.anna), household).fixed_contact->id, town.anna);
}

TEST_P(HouseholdServiceTest, PlanInTheResidentsWords) {
  const std::string words = "Ik wil dat de deurwaarder niet meer komt.\nEn rust voor de kinderen.";
  households->set_what_matters(db(), actor(town.anna), household, words, true);
  const auto goal = households->add_goal(db(), actor(town.anna), household, "Geen deurwaarder meer",
                                         "Een maand zonder brief van de deurwaarder");
  households->add_option(db(), actor(town.anna), household, goal, "Schuldhulp aanvragen", true,
                         "Zij wil het zelf regelen met hulp");
  const auto anna_face = households->view(db(), actor(town.anna), household).involved[0].id;
  households->add_action(db(), actor(town.anna), household,
                         {"Samen de aanvraag invullen", anna_face, "debt", "2026-12-04", goal});
  const auto view = households->view(db(), actor(town.anna), household);
  ASSERT_TRUE(view.what_matters);
  EXPECT_EQ(view.what_matters->words, words);
  EXPECT_EQ(view.what_matters->confirmed_on, "2026-11-27");
  ASSERT_EQ(view.goals.size(), 1u);
  ASSERT_EQ(view.options.size(), 1u);
  EXPECT_TRUE(view.options[0].chosen);
  ASSERT_EQ(view.actions.size(), 1u);
  EXPECT_EQ(view.actions[0].who, "Anna de Boer");
  EXPECT_EQ(field_of([&] {
              households->add_action(db(), actor(town.anna), household,
                                     {"Bellen", anna_face + 999, "debt", "2026-12-04", std::nullopt});
            }),
            "involved_id:involved_id.unknown");
}

TEST_P(HouseholdServiceTest, HandoverIsRecordedAndTheNewFaceGetsAccess) {
  domain::HandoverRequest handover{town.bilal, "handover", "Anna gaat met verlof", std::string("2026-11-26"), ""};
  households->handover(db(), actor(town.anna), household, handover);
  const auto view = households->view(db(), actor(town.bilal), household);
  EXPECT_EQ(view.fixed_contact->id, town.bilal);
  EXPECT_EQ(view.fixed_contact_changes.front().kind, "handover");
  EXPECT_EQ(view.fixed_contact_changes.front().warm_handover_on, "2026-11-26");
  EXPECT_THROW(households->view(db(), actor(town.anna), household), service::NotFound)
      << "need to know: the former contact's access ends with the handover";
  // The resident asks for another person: their right, no reason needed.
  households->handover(db(), actor(town.bilal), household,
                       {town.chris, "resident_request", "", std::nullopt, "Geen tijd gevonden"});
  const auto after = households->view(db(), actor(town.chris), household);
  EXPECT_EQ(after.fixed_contact->id, town.chris);
  EXPECT_TRUE(after.flags.fixed_contact_changes) << "two changes within a year";
  // The next request, once joined after first contact, goes to the household's current face.
  domain::ReferralInput again;
  again.name = "Samira Bakker";
  again.email = "samira@example.nl";
  again.postcode = "2501AB";
  again.house_number = "12";
  again.question = "Nog een vraag";
  again.channel = "walk_in";
  const auto receipt = referrals->submit(db(), again, testing::requester());
  EXPECT_FALSE(receipt.household_id);
  referrals->record_first_contact(db(), actor(receipt.contact.id), receipt.reference, clock.now(), "phone");
  EXPECT_EQ(referrals->join_household(db(), actor(receipt.contact.id), receipt.reference).contact_id, town.chris);
  // Someone not involved cannot hand over.
  EXPECT_THROW(households->handover(db(), actor(town.dana), household, handover), service::NotFound);
}

// A team lead hands over only in their own team: a team that is unknown on
// both sides (a lead and a fixed contact without one) is not one team.
TEST_P(HouseholdServiceTest, ATeamLeadWithoutATeamCannotHandOverAContactWithoutOne) {
  storage::exec(db(), "UPDATE users SET team_id = NULL WHERE id = ?", town.anna);
  auto lead = actor(town.lead_a, "teamlead");
  lead.team_id = std::nullopt;
  const domain::HandoverRequest handover{town.chris, "handover", "Verlof", std::string("2026-11-26"), ""};
  EXPECT_THROW(households->handover(db(), lead, household, handover), service::NotFound);
  EXPECT_EQ(households->view(db(), actor(town.anna), household).fixed_contact->id, town.anna);
  // The lead of the contact's own team may.
  storage::exec(db(), "UPDATE users SET team_id = ? WHERE id = ?", town.team_a, town.anna);
  households->handover(db(), actor(town.lead_a, "teamlead"), household, handover);
  EXPECT_EQ(households->view(db(), actor(town.chris), household).fixed_contact->id, town.chris);
}

// A contact logged with the former fixed contact can still be corrected
// after the handover, keeping that face (the edit form pre-selects it).
TEST_P(HouseholdServiceTest, AContactWithAFormerContactCanBeCorrectedKeepingThatFace) {
  households->add_contact(db(), actor(town.anna), household, contact_with(town.anna, 2));
  auto logged = storage::query(db(), "SELECT id, involved_id FROM contacts WHERE household_id = ?", household);
  ASSERT_TRUE(logged->step());
  const auto contact_id = logged->int64(0);
  const auto anna_face = logged->int64(1);
  logged.reset();
  households->handover(db(), actor(town.anna), household,
                       {town.chris, "handover", "Verlof", std::string("2026-11-26"), ""});
  service::ContactInput correction;
  correction.involved_id = anna_face;
  correction.at = clock.now() - 3 * 86400;
  correction.channel = "phone";
  EXPECT_NO_THROW(households->edit_contact(db(), actor(town.chris), household, contact_id, correction));
  // Moving another contact to the face that left is still refused.
  households->add_contact(db(), actor(town.chris), household, contact_with(town.chris, 1));
  auto other =
      storage::query(db(), "SELECT id FROM contacts WHERE household_id = ? AND involved_id <> ?", household, anna_face);
  ASSERT_TRUE(other->step());
  const auto other_id = other->int64(0);
  other.reset();
  EXPECT_EQ(field_of([&] { households->edit_contact(db(), actor(town.chris), household, other_id, correction); }),
            "involved_id:involved_id.unknown");
}

TEST_P(HouseholdServiceTest, ActionsAndGoalsAreSettledAndPreferencesKept) {
  const auto goal = households->add_goal(db(), actor(town.anna), household, "Rust in huis", "");
  const auto face = households->view(db(), actor(town.anna), household).involved[0].id;
  const auto action = households->add_action(db(), actor(town.anna), household,
                                             {"Bellen met de school", face, "school", "2026-12-01", goal});
  households->set_action_status(db(), actor(town.anna), household, action, "done");
  households->set_goal_status(db(), actor(town.anna), household, goal, "reached");
  auto view = households->view(db(), actor(town.anna), household);
  EXPECT_EQ(view.actions[0].status, "done");
  EXPECT_EQ(view.goals[0].status, "reached");
  EXPECT_EQ(field_of([&] { households->set_action_status(db(), actor(town.anna), household, action, "maybe"); }),
            "status:status.invalid");
  EXPECT_THROW(households->set_action_status(db(), actor(town.anna), household, action + 999, "done"),
               service::NotFound);
  EXPECT_THROW(households->set_goal_status(db(), actor(town.bilal), household, goal, "open"), service::NotFound)
      << "not involved, not allowed";
  EXPECT_EQ(view.household.preferred_language, "nl");
  households->set_preferences(db(), actor(town.anna), household, "ar", "home_visit");
  view = households->view(db(), actor(town.anna), household);
  EXPECT_EQ(view.household.preferred_language, "ar");
  EXPECT_EQ(view.household.contact_channel, "home_visit");
  EXPECT_EQ(field_of([&] { households->set_preferences(db(), actor(town.anna), household, "xx", "phone"); }),
            "preferred_language:language.invalid");
}

TEST_P(HouseholdServiceTest, EditingAContactKeepsItsHistory) {
  const auto id = households->add_contact(db(), actor(town.anna), household, contact_with(town.anna, 3));
  auto input = contact_with(town.bilal, 2);
  input.channel = "phone";
  input.with_whom = "Samira";
  households->edit_contact(db(), actor(town.anna), household, id, input);
  auto found = households->contact(db(), actor(town.anna), household, id);
  EXPECT_EQ(found.contact.who, "Bilal Haddou");
  EXPECT_EQ(found.contact.channel, "phone");
  ASSERT_EQ(found.history.size(), 1u);
  EXPECT_EQ(found.history[0].who_before, "Anna de Boer");
  EXPECT_EQ(found.history[0].before.channel, "home_visit");
  EXPECT_EQ(found.history[0].edited_by, "Anna de Boer");
  EXPECT_EQ(households->view(db(), actor(town.anna), household).contacts[0].edits, 1);
  // A correction into the future is refused and changes nothing.
  EXPECT_EQ(
      field_of([&] { households->edit_contact(db(), actor(town.anna), household, id, contact_with(town.anna, -2)); }),
      "at:at.future");
  EXPECT_EQ(households->contact(db(), actor(town.anna), household, id).history.size(), 1u);
  // A contact id of another household is not found through this one.
  EXPECT_THROW(households->contact(db(), actor(town.anna), household, id + 1000), service::NotFound);
}

// The caseload counts its figures from four lists read at once; after each
// kind of write they must equal the same figures taken in one SQL statement.
TEST_P(HouseholdServiceTest, TheCaseloadFollowsEveryWrite) {
  const auto direct = [&](std::int64_t fixed_contact) {
    const auto now = clock.now();
    auto row = storage::query(
        db(),
        "SELECT COALESCE((SELECT m.name FROM household_members m WHERE m.household_id = h.id AND m.kind = 'adult' "
        "ORDER BY m.id LIMIT 1), ''), "
        "(SELECT COUNT(*) FROM actions a WHERE a.household_id = h.id AND a.status = 'open'), "
        "(SELECT COUNT(*) FROM actions a WHERE a.household_id = h.id AND a.status = 'open' AND a.due_on < ?), "
        "COALESCE((SELECT MAX(c.at) FROM contacts c WHERE c.household_id = h.id), 'none'), "
        "(SELECT COUNT(DISTINCT c.involved_id) FROM contacts c WHERE c.household_id = h.id AND c.at >= ? "
        "AND c.at <= ?), "
        "(SELECT COUNT(*) FROM fixed_contact_changes f WHERE f.household_id = h.id AND f.kind <> 'assignment' "
        "AND f.changed_at >= ?) FROM households h WHERE h.id = ?",
        domain::format_date(domain::amsterdam_date(now)), domain::format_timestamp(now - 90 * 86400 + 1),
        domain::format_timestamp(now), domain::format_timestamp(now - 365 * 86400 + 1), household);
    EXPECT_TRUE(row->step());
    const auto caseload = households->caseload(db(), actor(fixed_contact));
    EXPECT_EQ(caseload.size(), 1u);
    if (caseload.size() != 1u) return std::string("no caseload row");
    const auto& got = caseload[0].row;
    EXPECT_EQ(got.name, row->text(0));
    EXPECT_EQ(got.open_actions, row->int64(1));
    EXPECT_EQ(got.overdue_actions, row->int64(2));
    EXPECT_EQ(got.last_contact_at.value_or("none"), row->text(3));
    EXPECT_EQ(got.faces_90d, row->int64(4));
    EXPECT_EQ(got.fixed_contact_changes_year, row->int64(5));
    return std::to_string(got.open_actions) + " open, " + std::to_string(got.overdue_actions) + " overdue, " +
           std::to_string(got.faces_90d) + " faces, " + std::to_string(got.fixed_contact_changes_year) + " changes";
  };
  EXPECT_EQ(direct(town.anna), "0 open, 0 overdue, 0 faces, 0 changes");
  households->add_member(db(), actor(town.anna), household, "Youssef Bakker", "adult", 1980, std::nullopt, "");
  const auto anna_face = households->view(db(), actor(town.anna), household).involved[0].id;
  const auto late = households->add_action(db(), actor(town.anna), household,
                                           {"Formulier inleveren", anna_face, "income", "2026-11-01", std::nullopt});
  households->add_action(db(), actor(town.anna), household,
                         {"Samen bellen", anna_face, "debt", "2026-12-20", std::nullopt});
  EXPECT_EQ(direct(town.anna), "2 open, 1 overdue, 0 faces, 0 changes");
  households->set_action_status(db(), actor(town.anna), household, late, "done");
  EXPECT_EQ(direct(town.anna), "1 open, 0 overdue, 0 faces, 0 changes");
  const auto old_contact = households->add_contact(db(), actor(town.anna), household, contact_with(town.bilal, 200));
  households->add_contact(db(), actor(town.anna), household, contact_with(town.chris, 3));
  EXPECT_EQ(direct(town.anna), "1 open, 0 overdue, 1 faces, 0 changes");
  // Moving bilal's contact into the window adds a face.
  auto moved = contact_with(town.bilal, 2);
  households->edit_contact(db(), actor(town.anna), household, old_contact, moved);
  EXPECT_EQ(direct(town.anna), "1 open, 0 overdue, 2 faces, 0 changes");
  households->handover(db(), actor(town.anna), household,
                       {town.bilal, "handover", "Verlof", std::string("2026-11-26"), "", "keep"});
  EXPECT_EQ(direct(town.bilal), "1 open, 0 overdue, 2 faces, 1 changes");
  // Time moves on: windows are counted when read, so nothing goes stale.
  clock.advance(100 * 86400);
  EXPECT_EQ(direct(town.bilal), "1 open, 1 overdue, 0 faces, 1 changes");
}

// Contacts logged for the same moment keep the order they were logged in,
// in the record's list and in the sequence index, whichever way the
// database walks its index.
TEST_P(HouseholdServiceTest, ContactsAtTheSameMomentKeepTheOrderTheyWereLoggedIn) {
  // bilal, anna at the same moment, then anna: SECON 1/2. Read the other way
  // round (anna, bilal, anna) it would be 0.
  for (auto who : {town.bilal, town.anna}) {
    households->add_contact(db(), actor(town.anna), household, contact_with(who, 30));
  }
  households->add_contact(db(), actor(town.anna), household, contact_with(town.anna, 20));
  const auto view = households->view(db(), actor(town.anna), household);
  EXPECT_EQ(view.continuity.contacts, 3);
  ASSERT_TRUE(view.continuity.secon);
  EXPECT_DOUBLE_EQ(*view.continuity.secon, 0.5);
  ASSERT_EQ(view.contacts.size(), 3u);
  EXPECT_EQ(view.contacts[1].who, "Anna de Boer") << "the later logged of the two comes first, newest first";
  EXPECT_EQ(view.contacts[2].who, "Bilal Haddou");
  EXPECT_GT(view.contacts[1].id, view.contacts[2].id);
}

// The record shows the latest 20 contacts, newest first, and measures
// continuity over every contact of the last year, however many that is; the
// contacts log pages through all of them.
TEST_P(HouseholdServiceTest, TheRecordShowsTheLatestTwentyAndTheLogHasEveryContact) {
  // Three older than a year, then two in the window.
  for (int days : {400, 390, 380, 20, 10}) {
    households->add_contact(db(), actor(town.anna), household, contact_with(town.anna, days));
  }
  auto view = households->view(db(), actor(town.anna), household);
  ASSERT_EQ(view.contacts.size(), 5u) << "older contacts fill the list up to 20";
  EXPECT_EQ(view.contacts.front().at, domain::format_timestamp(clock.now() - 10 * 86400));
  EXPECT_EQ(view.contacts.back().at, domain::format_timestamp(clock.now() - 400 * 86400));
  EXPECT_EQ(view.contacts.front().who, "Anna de Boer");
  EXPECT_EQ(view.continuity.contacts, 2);
  // Sixty more in the window, two of them at the same moment.
  for (int i = 0; i < 60; ++i) {
    households->add_contact(db(), actor(town.anna), household,
                            contact_with(i % 2 ? town.anna : town.bilal, 100 + std::min(i, 58)));
  }
  view = households->view(db(), actor(town.anna), household);
  ASSERT_EQ(view.contacts.size(), 20u);
  EXPECT_EQ(view.contacts[0].at, domain::format_timestamp(clock.now() - 10 * 86400));
  EXPECT_EQ(view.contacts[1].at, domain::format_timestamp(clock.now() - 20 * 86400));
  EXPECT_EQ(view.contacts[2].at, domain::format_timestamp(clock.now() - 100 * 86400));
  EXPECT_EQ(view.contacts[2].who, "Bilal Haddou");
  EXPECT_EQ(view.continuity.contacts, 62);
  EXPECT_EQ(view.continuity.distinct_faces, 2);

  // The log, 25 at a time: 65 contacts, each once, newest first.
  std::vector<std::int64_t> seen;
  std::optional<std::string> before;
  int pages = 0;
  do {
    const auto page = households->contacts_log(db(), actor(town.anna), household, before, 25);
    for (const auto& contact : page.contacts) seen.push_back(contact.id);
    for (std::size_t i = 1; i < page.contacts.size(); ++i) {
      EXPECT_GE(page.contacts[i - 1].at, page.contacts[i].at);
    }
    before = page.next;
    ++pages;
  } while (before && pages < 10);
  EXPECT_EQ(pages, 3);
  EXPECT_EQ(seen.size(), 65u);
  EXPECT_EQ(std::set<std::int64_t>(seen.begin(), seen.end()).size(), 65u) << "no contact twice, none skipped";
  EXPECT_EQ(seen.front(), view.contacts.front().id);

  for (const std::string bad :
       {"", "x", "2026-11-17T09:00:00Z", "2026-11-17T09:00:00Z_", "2026-11-17T09:00:00Z_0", "2026-11-17T09:00:00Z_-1",
        "2026-11-17T09:00Z_5", "2026-13-17T09:00:00Z_5", "2026-11-17T09:00:00Z_5x"}) {
    EXPECT_EQ(field_of([&] { households->contacts_log(db(), actor(town.anna), household, bad, 25); }),
              "before:before.invalid")
        << bad;
  }
  EXPECT_EQ(field_of([&] { households->contacts_log(db(), actor(town.anna), household, std::nullopt, 0); }),
            "limit:limit.invalid");
  EXPECT_THROW(households->contacts_log(db(), actor(town.dana), household, std::nullopt, 25), service::NotFound);
}

// Two handovers of one household at once, from two connections: the later
// one must start from the contact the earlier one left, not from the one
// both saw. The barrier is PostgreSQL's own lock table: the earlier writer
// commits only once the later one is seen waiting for the household's row
// lock, so no sleep decides the order and a loaded machine tests the same
// race. Without the lock the later handover goes through unseen and the
// barrier never opens.
TEST_P(HouseholdServiceTest, TwoHandoversAtOnceStartFromTheLatestContact) {
  if (GetParam() != "postgres") GTEST_SKIP() << "SQLite's writers take turns at BEGIN IMMEDIATE: no race to test";
  auto first = storage::open_connection(location());
  auto watcher = storage::open_connection(location());
  const std::int64_t first_pid = testing::backend_pid(*first);

  storage::Transaction earlier(*first);
  storage::HouseholdRepository(*first).lock(household);
  std::atomic<bool> refused = false;
  std::exception_ptr failed;
  std::thread later([&] {
    try {
      households->handover(db(), actor(town.anna), household,
                           {town.chris, "handover", "Verlof", std::string("2026-11-26"), "", "keep"});
    } catch (const service::Forbidden&) {
      refused = true;
    } catch (const service::NotFound&) {
      refused = true;
    } catch (...) {
      failed = std::current_exception();
    }
  });
  const bool waiting = testing::wait_until_someone_waits_for(*watcher, first_pid);
  // The earlier writer hands over to bilal while the later one waits.
  storage::HouseholdRepository(*first).set_fixed_contact(household, town.bilal);
  domain::FixedContactChange change;
  change.from_user_id = town.anna;
  change.to_user_id = town.bilal;
  change.kind = "handover";
  change.reason = "Anna gaat met verlof";
  change.no_warm_reason = "Spoed";
  change.changed_at = domain::format_timestamp(clock.now());
  storage::HouseholdRepository(*first).record_fixed_contact_change(household, change, town.lead_a);
  earlier.commit();
  later.join();
  if (failed) std::rethrow_exception(failed);
  EXPECT_TRUE(waiting) << "the later handover never waited for the household's lock";
  EXPECT_TRUE(refused) << "the later handover started from anna, who was no longer the fixed contact";
  EXPECT_EQ(households->view(db(), actor(town.bilal), household).fixed_contact->id, town.bilal);
}

GEZICHT_ON_BOTH_BACKENDS(HouseholdServiceTest);

}  // namespace
}  // namespace gezicht

namespace gezicht {
namespace {

// The rules a review found missing at a handover, and ending an involvement.
class HouseholdRulesTest : public HouseholdServiceTest {
 protected:
  // The purpose of the last audit entry of this user on the household with this action.
  std::string last_purpose(std::int64_t user_id, const std::string& action) {
    audit->flush(db());
    auto row = storage::query(db(),
                              "SELECT purpose FROM audit_log WHERE actor_user_id = ? AND household_id = ? "
                              "AND action = ? AND result = 'allowed' ORDER BY seq DESC LIMIT 1",
                              user_id, household, action);
    return row->step() ? row->text(0) : "none";
  }
  std::int64_t face_of(std::int64_t user_id) {
    auto row =
        storage::query(db(), "SELECT id FROM involved WHERE household_id = ? AND user_id = ?", household, user_id);
    row->step();
    return row->int64(0);
  }
  std::int64_t add_action_for(std::int64_t involved_id) {
    return households->add_action(db(), actor(town.anna), household,
                                  {"Bel de woningcorporatie", involved_id, "housing", "2026-12-10", std::nullopt});
  }
  std::int64_t who_of_action(std::int64_t action_id) {
    auto row = storage::query(db(), "SELECT involved_id FROM actions WHERE id = ?", action_id);
    row->step();
    return row->int64(0);
  }
  static domain::HandoverRequest to(std::int64_t user_id, std::optional<std::string> warm = std::string("2026-12-02")) {
    domain::HandoverRequest request{user_id, "handover", "Verlof", warm, warm ? "" : "Geen tijd"};
    return request;
  }
};

TEST_P(HouseholdRulesTest, TheFormerContactReadsButDoesNotChangeUntilTheWarmHandover) {
  households->handover(db(), actor(town.anna), household, to(town.bilal));  // meeting on Wednesday 2 December
  const auto view = households->view(db(), actor(town.anna), household);
  EXPECT_EQ(view.access.basis, domain::AccessBasis::handover);
  EXPECT_FALSE(view.access.may_change);
  EXPECT_FALSE(view.access.access_log);
  EXPECT_EQ(view.fixed_contact->id, town.bilal);
  EXPECT_EQ(last_purpose(town.anna, "read"), "handover until 2026-12-02") << "the trail says on what basis";
  EXPECT_THROW(households->add_goal(db(), actor(town.anna), household, "Rust", ""), service::Forbidden);
  EXPECT_NO_THROW(households->contacts_log(db(), actor(town.anna), household, std::nullopt, 10));
  clock.set(*domain::parse_timestamp("2026-12-02T20:00:00Z"));
  EXPECT_NO_THROW(households->view(db(), actor(town.anna), household)) << "the meeting's own day";
  clock.set(*domain::parse_timestamp("2026-12-03T07:00:00Z"));
  EXPECT_THROW(households->view(db(), actor(town.anna), household), service::NotFound);
  EXPECT_THROW(households->contacts_log(db(), actor(town.anna), household, std::nullopt, 10), service::NotFound);
}

TEST_P(HouseholdRulesTest, WithoutAWarmHandoverTheFormerContactReadsForFiveWorkingDays) {
  households->handover(db(), actor(town.anna), household, to(town.bilal, std::nullopt));  // Friday 27 November
  EXPECT_EQ(households->view(db(), actor(town.anna), household).access.basis, domain::AccessBasis::handover);
  clock.set(*domain::parse_timestamp("2026-12-04T15:00:00Z"));
  EXPECT_NO_THROW(households->view(db(), actor(town.anna), household));
  clock.set(*domain::parse_timestamp("2026-12-07T08:00:00Z"));
  EXPECT_THROW(households->view(db(), actor(town.anna), household), service::NotFound);
  EXPECT_THROW(households->view(db(), actor(town.chris), household), service::NotFound) << "never involved";
}

TEST_P(HouseholdRulesTest, TheFormerContactsOpenActionsAreHandedOverOrExplicitlyKept) {
  const auto anna_face = face_of(town.anna);
  const auto action = add_action_for(anna_face);
  EXPECT_EQ(field_of([&] { households->handover(db(), actor(town.anna), household, to(town.bilal)); }),
            "open_actions:open_actions.required");
  EXPECT_EQ(households->view(db(), actor(town.anna), household).fixed_contact->id, town.anna) << "nothing changed";
  auto request = to(town.bilal);
  request.open_actions = "hand_over";
  households->handover(db(), actor(town.anna), household, request);
  EXPECT_EQ(who_of_action(action), face_of(town.bilal));
  const auto view = households->view(db(), actor(town.bilal), household);
  ASSERT_EQ(view.actions.size(), 1u);
  EXPECT_EQ(view.actions.front().who, "Bilal Haddou") << "the record shows who has it now";
  // Bilal keeps his open action when he hands over to Chris.
  request = to(town.chris);
  request.open_actions = "keep";
  households->handover(db(), actor(town.bilal), household, request);
  EXPECT_EQ(who_of_action(action), face_of(town.bilal));
  EXPECT_EQ(last_purpose(town.bilal, "change"), "fixed_contact: handover; open actions kept");
}

TEST_P(HouseholdRulesTest, AThirdChangeInAYearOnAFlaggedHouseholdMustBeConfirmed) {
  households->handover(db(), actor(town.anna), household, to(town.bilal));
  households->handover(db(), actor(town.bilal), household, to(town.chris));
  EXPECT_TRUE(households->view(db(), actor(town.chris), household).flags.fixed_contact_changes);
  auto third = to(town.anna);
  EXPECT_EQ(field_of([&] { households->handover(db(), actor(town.chris), household, third); }),
            "confirm_third_change:confirm_third_change.required");
  EXPECT_EQ(households->view(db(), actor(town.chris), household).fixed_contact->id, town.chris);
  third.confirm_third_change = true;
  households->handover(db(), actor(town.chris), household, third);
  EXPECT_EQ(households->view(db(), actor(town.anna), household).fixed_contact->id, town.anna);
  EXPECT_EQ(last_purpose(town.chris, "change"), "fixed_contact: handover; confirmed");
}

TEST_P(HouseholdRulesTest, AnInvolvementRecordedByMistakeIsEndedAndStaysOnTheRecord) {
  domain::Involved gp;
  gp.name = "dokter van Dam";
  gp.organisation = "Huisartsenpraktijk";
  gp.role = "Huisarts";
  gp.domain = "health";
  const auto gp_id = households->add_involved(db(), actor(town.anna), household, gp);
  households->end_involvement(db(), actor(town.anna), household, gp_id);
  auto ended = storage::query(db(), "SELECT active, ended_by, ended_at FROM involved WHERE id = ?", gp_id);
  ASSERT_TRUE(ended->step());
  EXPECT_EQ(ended->int64(0), 0);
  EXPECT_EQ(ended->int64(1), town.anna);
  EXPECT_EQ(ended->text(2), "2026-11-27T09:00:00Z");
  ended.reset();
  const auto view = households->view(db(), actor(town.anna), household);
  const auto shown = std::find_if(view.involved.begin(), view.involved.end(),
                                  [&](const domain::Involved& face) { return face.id == gp_id; });
  ASSERT_NE(shown, view.involved.end()) << "the record keeps that the person was there";
  EXPECT_FALSE(shown->active);
  EXPECT_EQ(last_purpose(town.anna, "change"), "fixed_contact: involvement " + std::to_string(gp_id) + " ended");
  EXPECT_THROW(households->end_involvement(db(), actor(town.anna), household, gp_id), service::Conflict);
  EXPECT_THROW(households->end_involvement(db(), actor(town.anna), household, face_of(town.anna)), service::Conflict)
      << "the fixed contact is handed over, not ended";
  EXPECT_THROW(households->end_involvement(db(), actor(town.anna), household, 999999), service::NotFound);
  // A colleague with an account loses access with the involvement.
  domain::Involved colleague;
  colleague.user_id = town.chris;
  colleague.role = "Schuldhulp";
  colleague.domain = "debt";
  const auto chris_face = households->add_involved(db(), actor(town.anna), household, colleague);
  EXPECT_NO_THROW(households->view(db(), actor(town.chris), household));
  households->end_involvement(db(), actor(town.chris), household, chris_face);
  EXPECT_THROW(households->view(db(), actor(town.chris), household), service::NotFound);
  // Involved again later: the same row, active again, and no longer marked as ended.
  EXPECT_EQ(households->add_involved(db(), actor(town.anna), household, colleague), chris_face);
  EXPECT_NO_THROW(households->view(db(), actor(town.chris), household));
  auto marks = storage::query(
      db(), "SELECT CASE WHEN ended_by IS NULL AND ended_at IS NULL THEN 1 ELSE 0 END FROM involved WHERE id = ?",
      chris_face);
  ASSERT_TRUE(marks->step());
  EXPECT_EQ(marks->int64(0), 1) << "an involvement made active again is not ended";
  // Someone without need to know learns nothing.
  EXPECT_THROW(households->end_involvement(db(), actor(town.dana), household, face_of(town.anna)), service::NotFound);
}

GEZICHT_ON_BOTH_BACKENDS(HouseholdRulesTest);

}  // namespace
}  // namespace gezicht
