// The tables are the only copy of the household record. Every household
// table changed with plain SQL, as a manual fix, a retention run or a
// loader would change it, shows in the record, the caseload and access on
// the next read, on both databases.

#include <gtest/gtest.h>

#include "household_fixture.hpp"
#include "service/errors.hpp"
#include "storage/household_repository.hpp"

namespace gezicht {
namespace {

class HouseholdTablesTest : public testing::HouseholdFixture {
 protected:
  std::string now() const { return domain::format_timestamp(clock.now()); }
  std::string days_ago(int days) const { return domain::format_timestamp(clock.now() - days * 86400); }
  std::int64_t scalar(const std::string& sql, std::int64_t id) {
    auto row = storage::query(db(), sql, id);
    EXPECT_TRUE(row->step()) << sql;
    return row->int64(0);
  }
  service::CaseloadEntry caseload_row(std::int64_t professional) {
    const auto rows = households->caseload(db(), actor(professional));
    for (const auto& entry : rows) {
      if (entry.row.household_id == household) return entry;
    }
    ADD_FAILURE() << "household " << household << " is not in the caseload of " << professional;
    return {};
  }
};

TEST_P(HouseholdTablesTest, PlainSqlChangesShowInTheRecordTheCaseloadAndAccess) {
  const auto adult = scalar("SELECT MIN(id) FROM household_members WHERE household_id = ?", household);
  const auto anna_face = scalar("SELECT id FROM involved WHERE household_id = ? AND active = 1", household);

  // Members and relations: a name with every kind of text JSON must carry.
  const std::string name = "Noor \"Nono\" Bakker \\ 🌷 Çelik\nline";
  storage::exec(db(),
                "INSERT INTO household_members (household_id, name, kind, birth_year, created_at) "
                "VALUES (?, ?, 'child', 2015, ?)",
                household, name, now());
  const auto child = scalar("SELECT MAX(id) FROM household_members WHERE household_id = ?", household);
  storage::exec(db(),
                "INSERT INTO member_relations (household_id, member_id, related_id, relation) VALUES (?, ?, ?, ?)",
                household, child, adult, "child");
  storage::exec(db(), "UPDATE household_members SET name = 'Samira El Amrani' WHERE id = ?", adult);
  // What matters, a goal, an option, a face without an account, an overdue action.
  storage::exec(db(),
                "INSERT INTO what_matters (household_id, words, recorded_by, recorded_at) VALUES (?, 'Rust', ?, ?)",
                household, town.anna, now());
  storage::exec(db(),
                "INSERT INTO goals (household_id, words, progress_sign, created_by, created_at) "
                "VALUES (?, 'Werk', 'Een baan', ?, ?)",
                household, town.anna, now());
  const auto goal = scalar("SELECT MAX(id) FROM goals WHERE household_id = ?", household);
  storage::exec(db(),
                "INSERT INTO plan_options (household_id, goal_id, description, chosen, why, created_by, created_at) "
                "VALUES (?, ?, 'Werkfit', 1, 'Dichtbij', ?, ?)",
                household, goal, town.anna, now());
  storage::exec(db(),
                "INSERT INTO involved (household_id, user_id, name, organisation, role, domain, active, added_at) "
                "VALUES (?, NULL, 'Mevrouw Yilmaz', 'Basisschool', 'Intern begeleider', 'school', 1, ?)",
                household, now());
  const auto teacher = scalar("SELECT MAX(id) FROM involved WHERE household_id = ?", household);
  storage::exec(db(),
                "INSERT INTO actions (household_id, goal_id, what, involved_id, domain, due_on, status, created_by, "
                "created_at) VALUES (?, ?, 'Gesprek', ?, 'school', '2026-11-20', 'open', ?, ?)",
                household, goal, teacher, town.anna, now());
  // Two contacts with two faces in the last 90 days, and a handover this year.
  for (const auto& [face, at] : {std::pair{anna_face, days_ago(3)}, std::pair{teacher, days_ago(2)}}) {
    storage::exec(db(),
                  "INSERT INTO contacts (household_id, involved_id, at, channel, with_whom, recorded_by, recorded_at) "
                  "VALUES (?, ?, ?, 'phone', '', ?, ?)",
                  household, face, at, town.anna, now());
  }
  storage::exec(db(),
                "INSERT INTO fixed_contact_changes (household_id, from_user_id, to_user_id, kind, reason, changed_at) "
                "VALUES (?, ?, ?, 'handover', 'Verlof', ?)",
                household, town.chris, town.anna, days_ago(10));
  storage::exec(db(), "UPDATE referrals SET first_contact_at = ? WHERE household_id = ?", days_ago(1), household);

  const auto view = households->view(db(), actor(town.anna), household);
  ASSERT_EQ(view.members.size(), 2u);
  EXPECT_EQ(view.members[0].name, "Samira El Amrani") << "adults first";
  EXPECT_EQ(view.members[1].name, name);
  ASSERT_EQ(view.relations.size(), 1u);
  EXPECT_EQ(view.relations[0].member_id, child);
  ASSERT_TRUE(view.what_matters);
  EXPECT_EQ(view.what_matters->words, "Rust");
  ASSERT_EQ(view.goals.size(), 1u);
  ASSERT_EQ(view.options.size(), 1u);
  EXPECT_TRUE(view.options[0].chosen);
  ASSERT_EQ(view.actions.size(), 1u);
  EXPECT_EQ(view.actions[0].who, "Mevrouw Yilmaz");
  ASSERT_EQ(view.involved.size(), 2u);
  ASSERT_EQ(view.contacts.size(), 2u);
  EXPECT_EQ(view.contacts[0].who, "Mevrouw Yilmaz") << "newest first";
  EXPECT_EQ(view.continuity.distinct_faces, 2);
  ASSERT_EQ(view.referrals.size(), 1u);
  EXPECT_TRUE(view.referrals[0].first_contact_at);
  EXPECT_EQ(view.fixed_contact_changes.size(), 2u) << "the assignment and the handover";

  auto row = caseload_row(town.anna).row;
  EXPECT_EQ(row.name, "Samira El Amrani");
  EXPECT_EQ(row.open_actions, 1);
  EXPECT_EQ(row.overdue_actions, 1);
  EXPECT_EQ(row.last_contact_at, days_ago(2));
  EXPECT_EQ(row.faces_90d, 2);
  EXPECT_EQ(row.fixed_contact_changes_year, 1);

  // Settled and removed by hand: the next read says so.
  storage::exec(db(), "UPDATE actions SET status = 'done' WHERE household_id = ?", household);
  storage::exec(db(), "DELETE FROM contacts WHERE involved_id = ?", teacher);
  storage::exec(db(), "UPDATE goals SET status = 'reached' WHERE id = ?", goal);
  const auto after = households->view(db(), actor(town.anna), household);
  EXPECT_EQ(after.actions.at(0).status, "done");
  EXPECT_EQ(after.goals.at(0).status, "reached");
  EXPECT_EQ(after.contacts.size(), 1u);
  row = caseload_row(town.anna).row;
  EXPECT_EQ(row.open_actions, 0);
  EXPECT_EQ(row.faces_90d, 1);
  EXPECT_EQ(row.last_contact_at, days_ago(3));
}

TEST_P(HouseholdTablesTest, AccessFollowsTheLiveRows) {
  households->add_involved(db(), actor(town.anna), household,
                           {0, town.bilal, "Bilal", "Buurtteam Noord", "Schuldhulp", "debt", "", "", true});
  EXPECT_NO_THROW(households->view(db(), actor(town.bilal), household));
  // Ended by hand: no access on the very next read, with no write in between.
  storage::exec(db(), "UPDATE involved SET active = 0 WHERE household_id = ? AND user_id = ?", household, town.bilal);
  EXPECT_THROW(households->view(db(), actor(town.bilal), household), service::NotFound);
  storage::exec(db(), "UPDATE involved SET active = 1 WHERE household_id = ? AND user_id = ?", household, town.bilal);
  EXPECT_NO_THROW(households->view(db(), actor(town.bilal), household));

  // The fixed contact moved by hand: the household is in chris's caseload
  // and no longer in anna's, and chris may read it.
  EXPECT_THROW(households->view(db(), actor(town.chris), household), service::NotFound);
  storage::exec(db(), "UPDATE households SET fixed_contact_id = ? WHERE id = ?", town.chris, household);
  EXPECT_NO_THROW(households->view(db(), actor(town.chris), household));
  EXPECT_EQ(caseload_row(town.chris).row.household_id, household);
  for (const auto& entry : households->caseload(db(), actor(town.anna))) {
    EXPECT_NE(entry.row.household_id, household);
  }
}

// The small lists come back in the order the record shows them on both
// databases, also where SQLite aggregates them from an ordered subquery.
TEST_P(HouseholdTablesTest, TheListsKeepTheirOrder) {
  for (const auto& [what, due, status] :
       {std::tuple{"Later", "2026-12-20", "open"}, std::tuple{"Klaar", "2026-11-01", "done"},
        std::tuple{"Eerst", "2026-12-01", "open"}}) {
    households->add_action(db(), actor(town.anna), household,
                           {what, scalar("SELECT id FROM involved WHERE household_id = ?", household), "debt",
                            "2026-12-31", std::nullopt});
    storage::exec(db(),
                  "UPDATE actions SET due_on = ?, status = ? WHERE id = (SELECT MAX(id) FROM actions "
                  "WHERE household_id = ?)",
                  due, status, household);
  }
  households->add_member(db(), actor(town.anna), household, "Kind 2015", "child", 2015, std::nullopt, "");
  households->add_member(db(), actor(town.anna), household, "Kind 2012", "child", 2012, std::nullopt, "");
  households->add_member(db(), actor(town.anna), household, "Tweede ouder", "adult", std::nullopt, std::nullopt, "");
  const auto view = households->view(db(), actor(town.anna), household);
  ASSERT_EQ(view.actions.size(), 3u);
  EXPECT_EQ(view.actions[0].what, "Eerst");
  EXPECT_EQ(view.actions[1].what, "Later");
  EXPECT_EQ(view.actions[2].what, "Klaar") << "open actions first, by due date";
  ASSERT_EQ(view.members.size(), 4u);
  EXPECT_EQ(view.members[0].name, "Samira Bakker") << "adults first; unknown years first, then in order added";
  EXPECT_EQ(view.members[1].name, "Tweede ouder");
  EXPECT_EQ(view.members[2].name, "Kind 2012");
  EXPECT_EQ(view.members[3].name, "Kind 2015");
}

GEZICHT_ON_BOTH_BACKENDS(HouseholdTablesTest);

}  // namespace
}  // namespace gezicht
