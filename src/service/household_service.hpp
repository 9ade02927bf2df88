#pragma once
// The household record and plan: who may see it, what can be added, and the
// continuity of the faces the household meets.

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "domain/continuity.hpp"
#include "domain/directory.hpp"
#include "domain/household.hpp"
#include "service/actor.hpp"
#include "service/audit_trail.hpp"
#include "service/clock.hpp"
#include "service/household_access.hpp"
#include "storage/database.hpp"
#include "storage/household_repository.hpp"
#include "storage/records.hpp"

namespace gezicht::service {

struct HouseholdView : storage::HouseholdRecordLists {
  storage::HouseholdRecord household;
  domain::HouseholdAccess access;              // the parts this viewer may read (the rest is left empty)
  std::optional<std::string> emergency_until;  // the viewer broke the glass; access ends then
  std::optional<domain::Person> fixed_contact;
  domain::ContinuityIndices continuity;
  domain::ContinuityFlags flags;
  // The legal bases a share may rest on: only when asked for (the page's
  // sharing form) and only for someone who may change the record.
  std::vector<storage::LegalBasisRecord> legal_bases;
};

struct ViewOptions {
  bool legal_bases = false;
  // Off only where the caller writes the one entry of a larger read itself
  // (the resident's data download is one export, not a read and an export).
  bool audit_read = true;
  // False where the page shows no contacts (the resident's home): neither
  // list is read and the continuity indices stay empty.
  bool contacts = true;
  // The caller's own statements, run in the record's round trip (see
  // storage::RecordRead::together).
  std::vector<storage::Statement*> together = {};
};

struct ContactInput {
  std::optional<std::int64_t> professional_id;  // an account (added as involved if new to the household)
  std::optional<std::int64_t> involved_id;      // or a face already involved, with or without account
  std::optional<std::int64_t> at;               // seconds since the epoch
  bool at_given = true;                         // false: nothing was sent (at.required), not an unreadable time
  std::string channel;
  std::string with_whom;
};

struct ActionInput {
  std::string what;
  std::int64_t involved_id = 0;  // who: a person
  std::string domain;
  std::string due_on;
  std::optional<std::int64_t> goal_id;
};

struct CaseloadEntry {
  storage::CaseloadRow row;
  domain::ContinuityFlags flags;
};

class HouseholdService {
 public:
  HouseholdService(const Clock& clock, AuditTrail& audit) : clock_(clock), audit_(audit) {}

  // For whom household_access() allows it (fixed contact, involved, shared,
  // emergency); NotFound for anyone else, so ids reveal nothing. Every read
  // and refusal goes into the audit trail.
  HouseholdView view(storage::Connection& connection, const Actor& actor, std::int64_t household_id,
                     ViewOptions options = {});

  // What a caller saves with a new contact, in its transaction (the
  // invitation to say how it went), so that the two are kept together.
  using WithNewContact = std::function<void(storage::Connection&, std::int64_t contact_id)>;

  // Each write is one transaction; ValidationError names the field.
  std::int64_t add_contact(storage::Connection& connection, const Actor& actor, std::int64_t household_id,
                           const ContactInput& input, const WithNewContact& with_new = {});
  struct ContactWithHistory {
    domain::ContactEntry contact;
    std::vector<storage::HouseholdContactEdit> history;
    std::vector<domain::Involved> faces;  // contact_to_edit only: whom it may be logged with
  };
  ContactWithHistory contact(storage::Connection& connection, const Actor& actor, std::int64_t household_id,
                             std::int64_t contact_id);
  // The same with the household's faces, for the form that corrects it; the
  // trail says exactly that ("contacts,involved"), not a read of the record.
  ContactWithHistory contact_to_edit(storage::Connection& connection, const Actor& actor, std::int64_t household_id,
                                     std::int64_t contact_id);
  // The whole contacts log, a page at a time, newest first. `before` is the
  // `next` of the previous page ("<at>_<id>"); ValidationError("before") for
  // anything else. limit: 1 to 200.
  struct ContactsLogPage {
    std::vector<domain::ContactEntry> contacts;
    std::optional<std::string> next;  // the cursor of the following (older) page, if there is one
  };
  ContactsLogPage contacts_log(storage::Connection& connection, const Actor& actor, std::int64_t household_id,
                               const std::optional<std::string>& before, int limit);
  // Corrects a contact; the previous values are kept as its history.
  void edit_contact(storage::Connection& connection, const Actor& actor, std::int64_t household_id,
                    std::int64_t contact_id, const ContactInput& input);
  std::int64_t add_goal(storage::Connection& connection, const Actor& actor, std::int64_t household_id,
                        const std::string& words, const std::string& progress_sign);
  std::int64_t add_action(storage::Connection& connection, const Actor& actor, std::int64_t household_id,
                          const ActionInput& input);
  std::int64_t add_involved(storage::Connection& connection, const Actor& actor, std::int64_t household_id,
                            domain::Involved involved);
  // status: open | done | cancelled for actions; open | reached | dropped for goals.
  void set_action_status(storage::Connection& connection, const Actor& actor, std::int64_t household_id,
                         std::int64_t action_id, const std::string& status);
  void set_goal_status(storage::Connection& connection, const Actor& actor, std::int64_t household_id,
                       std::int64_t goal_id, const std::string& status);
  // How the household likes to be contacted: a contact language and channel.
  // Support has ended (today, in Amsterdam), or goes on again. Retention
  // counts its periods from the day a household was closed.
  void set_closed(storage::Connection& connection, const Actor& actor, std::int64_t household_id, bool closed);
  void set_preferences(storage::Connection& connection, const Actor& actor, std::int64_t household_id,
                       const std::string& language, const std::string& channel);
  void set_what_matters(storage::Connection& connection, const Actor& actor, std::int64_t household_id,
                        const std::string& words, bool confirmed);
  std::int64_t add_option(storage::Connection& connection, const Actor& actor, std::int64_t household_id,
                          std::optional<std::int64_t> goal_id, const std::string& description, bool chosen,
                          const std::string& why);
  std::int64_t add_member(storage::Connection& connection, const Actor& actor, std::int64_t household_id,
                          const std::string& name, const std::string& kind, std::optional<int> birth_year,
                          std::optional<std::int64_t> related_to, const std::string& relation);
  // Ends an involvement recorded by mistake or over (by those who may
  // change the record): the row stays, inactive, with who ended it and when;
  // an account's access ends with it. NotFound for an id outside the
  // household; Conflict for the fixed contact (hand over instead) or one
  // already ended.
  void end_involvement(storage::Connection& connection, const Actor& actor, std::int64_t household_id,
                       std::int64_t involved_id);
  // By the fixed contact or the team lead of their team. The former
  // contact's open actions move to the new contact when the request says
  // open_actions "hand_over" ("keep": they stay); a change on a household
  // already flagged for changes needs confirm_third_change
  // (domain::validate_handover_choices: ValidationError naming the field).
  void handover(storage::Connection& connection, const Actor& actor, std::int64_t household_id,
                const domain::HandoverRequest& request);

  std::vector<CaseloadEntry> caseload(storage::Connection& connection, const Actor& actor);

  // For a team lead: the team's households with a continuity flag (no plan content).
  std::vector<CaseloadEntry> team_flags(storage::Connection& connection, const Actor& actor);

 private:
  ContactWithHistory read_contact(storage::Connection& connection, const Actor& actor, std::int64_t household_id,
                                  std::int64_t contact_id, bool with_faces);
  // Throws NotFound unless the actor may see this household (and logs the refusal).
  AccessDecision require_access(storage::Connection& connection, const Actor& actor, std::int64_t household_id);
  // The same inside a write transaction, holding the household's lock; also
  // Forbidden when the access is read-only. Returns the audit purpose.
  std::string require_write_access(storage::Connection& connection, const Actor& actor, std::int64_t household_id);
  // A write: transaction, write access, the change, its audit entry, commit.
  template <typename Change>
  auto write(storage::Connection& connection, const Actor& actor, std::int64_t household_id, const char* part,
             const char* action, const std::string& purpose_suffix, Change&& change);
  template <typename Change>
  auto write(storage::Connection& connection, const Actor& actor, std::int64_t household_id, const char* part,
             const char* action, Change&& change);
  void refuse(const Actor& actor, std::int64_t household_id, const std::string& what) const;
  void audit_change(storage::Connection& connection, const Actor& actor, std::int64_t household_id,
                    const std::string& part, const std::string& action, const std::string& purpose);
  const Clock& clock_;
  AuditTrail& audit_;
};

}  // namespace gezicht::service
