#pragma once
// Mijn gezicht: what a resident sees of their own household and asks of the
// team. Reads go through HouseholdService and AccessService, so need to know
// and the access log hold as for anyone; the household is always the
// account's own, never one named in the request.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "service/access_service.hpp"
#include "service/actor.hpp"
#include "service/audit_trail.hpp"
#include "service/clock.hpp"
#include "service/household_service.hpp"
#include "storage/database.hpp"
#include "storage/records.hpp"
#include "storage/resident_repository.hpp"

namespace gezicht::service {

// A request for help as the resident sees it.
struct ResidentReferral {
  storage::ReferralRecord referral;
  std::string state;  // domain::RequestState
  std::optional<bool> kept;
  std::optional<std::string> first_contact_on;  // in Amsterdam
};

// A breakthrough asked for the household, as its residents see it: its
// state and deadline in plain words, not the case.
struct ResidentBreakthrough {
  std::int64_t id = 0;
  std::string state;
  std::string deadline;
  bool overdue = false;
};

struct PortalHome {
  HouseholdView record;  // without the plan when plan_withheld
  // The municipality keeps the plan for DigiD and this session came from an
  // e-mail code: what matters, goals, options and actions are left out.
  bool plan_withheld = false;
  std::vector<ResidentReferral> requests;
  std::vector<storage::ResidentRequestRow> asked;   // what the household asked of the team, the newest first
  std::vector<ResidentBreakthrough> breakthroughs;  // the newest first
};

// Everything recorded about the household that its residents may see (AVG article 15).
struct ResidentExport {
  PortalHome home;
  std::vector<domain::ContactEntry> contacts;    // all of them, the newest first
  std::vector<storage::AuditRecord> access_log;  // every entry about the household, the newest first
};

class PortalService {
 public:
  // digid_required_for_plan: the plan and the data download only after a
  // DigiD login (domain::assurance_suffices), everywhere they are read.
  PortalService(const Clock& clock, AuditTrail& audit, HouseholdService& households, AccessService& access,
                bool digid_required_for_plan)
      : clock_(clock),
        audit_(audit),
        households_(households),
        access_(access),
        digid_required_for_plan_(digid_required_for_plan) {}

  // NotFound("household.none") for an account that belongs to no household.
  // The home, plan and API read no contacts; the data download asks for them.
  PortalHome home(storage::Connection& connection, const Actor& actor, ViewOptions options = {.contacts = false});
  // The household's record as its residents may read it (one read in the trail).
  HouseholdView record(storage::Connection& connection, const Actor& actor);
  // Who looked at the household (AccessService::access_log for the own household).
  AccessLogPage access_log(storage::Connection& connection, const Actor& actor, std::optional<std::int64_t> before,
                           int lines);
  // The household's requests for help with the promise and whether it was kept.
  std::vector<ResidentReferral> requests(storage::Connection& connection, const Actor& actor);

  // "Dit klopt": the newest words of what matters, confirmed today.
  // Conflict("what_matters.none") when nothing was written yet.
  void confirm_what_matters(storage::Connection& connection, const Actor& actor);
  // "Dit klopt niet": to the fixed contact's inbox; nothing changes by it.
  std::int64_t correct_what_matters(storage::Connection& connection, const Actor& actor, const std::string& text);
  // Another contact person, without a reason (text optional): to the team lead.
  std::int64_t ask_another_contact(storage::Connection& connection, const Actor& actor, const std::string& text);
  // Consent: withdrawn at once. Conflict("sharing.legal_duty") for a legal duty.
  void withdraw_sharing(storage::Connection& connection, const Actor& actor, std::int64_t agreement_id);
  // A legal duty in force: an objection to the team lead.
  // Conflict("sharing.withdraw_instead") for consent; NotFound for another household's.
  std::int64_t object_to_sharing(storage::Connection& connection, const Actor& actor, std::int64_t agreement_id,
                                 const std::string& text);
  // Logged as an export of every part, in the household's access log.
  // Forbidden("digid.required") where the plan is kept for DigiD.
  ResidentExport export_data(storage::Connection& connection, const Actor& actor);

  // For staff: what residents asked that this person answers (the fixed
  // contact: corrections; the team lead: another contact, objections).
  std::vector<storage::ResidentRequestRow> open_requests(storage::Connection& connection, const Actor& actor);
  // NotFound for a request this person does not answer; Conflict when answered already.
  void answer(storage::Connection& connection, const Actor& actor, std::int64_t request_id, const std::string& text);

 private:
  std::int64_t own_household(const Actor& actor) const;
  bool plan_withheld(const Actor& actor) const;
  HouseholdView read(storage::Connection& connection, const Actor& actor, ViewOptions options);
  std::vector<ResidentReferral> with_promise(std::vector<storage::ReferralRecord> referrals) const;
  std::int64_t ask(storage::Connection& connection, const Actor& actor, const std::string& kind,
                   const std::string& words, std::optional<std::int64_t> agreement_id);
  const Clock& clock_;
  AuditTrail& audit_;
  HouseholdService& households_;
  AccessService& access_;
  bool digid_required_for_plan_;
};

}  // namespace gezicht::service
