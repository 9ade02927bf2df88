#include "storage/retention_repository.hpp"

namespace gezicht::storage {

std::vector<ClosedHousehold> RetentionRepository::closed_households(const std::string& closed_on_or_before) {
  std::vector<ClosedHousehold> households;
  // UNION makes each (household, domain) pair distinct; a household without
  // any involvement or action comes once with a NULL domain.
  auto rows = query(connection_,
                    "SELECT h.id, h.closed_on, d.domain FROM households h"
                    " LEFT JOIN (SELECT household_id, domain FROM involved"
                    "            UNION SELECT household_id, domain FROM actions) d ON d.household_id = h.id"
                    " WHERE h.closed_on IS NOT NULL AND h.closed_on <= ? ORDER BY h.id, d.domain",
                    closed_on_or_before);
  while (rows->step()) {
    const auto id = rows->int64(0);
    if (households.empty() || households.back().id != id) households.push_back({id, rows->text(1), {}});
    if (!rows->is_null(2)) households.back().domains.push_back(rows->text(2));
  }
  return households;
}

void RetentionRepository::remove_household(std::int64_t household_id) {
  // Children before parents, so foreign keys hold at every step.
  exec(connection_, "DELETE FROM contact_edits WHERE contact_id IN (SELECT id FROM contacts WHERE household_id = ?)",
       household_id);
  // The portal's rows point at members, contacts, agreements and accounts.
  // Experience responses carry no household and stay (they are anonymous).
  for (const char* table : {"experience_answered", "resident_requests", "resident_invitations"}) {
    exec(connection_, std::string("DELETE FROM ") + table + " WHERE household_id = ?", household_id);
  }
  // Breakthroughs go with the record; the budget's ledger stays (the
  // municipality's account, with no household in it).
  for (const char* table : {"breakthrough_votes", "breakthrough_escalations"}) {
    exec(connection_,
         std::string("DELETE FROM ") + table +
             " WHERE breakthrough_id IN (SELECT id FROM breakthroughs WHERE household_id = ?)",
         household_id);
  }
  exec(connection_, "DELETE FROM breakthroughs WHERE household_id = ?", household_id);
  exec(connection_,
       "DELETE FROM login_codes WHERE email IN (SELECT email FROM users WHERE household_id = ? AND role = 'resident')",
       household_id);
  exec(connection_, "UPDATE users SET member_id = NULL WHERE household_id = ? AND role = 'resident'", household_id);
  exec(connection_,
       "DELETE FROM referral_backgrounds WHERE referral_id IN (SELECT id FROM referrals WHERE household_id = ?)",
       household_id);
  for (const char* table :
       {"contacts", "actions", "plan_options", "goals", "what_matters", "member_relations", "household_members",
        "fixed_contact_changes", "sharing_agreements", "emergency_access", "involved", "referrals"}) {
    exec(connection_, std::string("DELETE FROM ") + table + " WHERE household_id = ?", household_id);
  }
  exec(connection_,
       "DELETE FROM sessions WHERE user_id IN (SELECT id FROM users WHERE household_id = ? AND role = 'resident')",
       household_id);
  exec(connection_, "DELETE FROM users WHERE household_id = ? AND role = 'resident'", household_id);
  exec(connection_, "DELETE FROM households WHERE id = ?", household_id);
}

}  // namespace gezicht::storage
