#pragma once
// The household record: members, the plan, everyone involved, the contacts
// log and the history of its fixed contact. One interface; the SQL lives in
// household_lists.cpp (the lists), household_record_reader.cpp (reads) and
// household_writes.cpp (writes). The tables are the only copy: no write
// keeps anything else up to date.

#include <optional>
#include <string>
#include <vector>

#include "domain/continuity.hpp"
#include "domain/household.hpp"
#include "storage/database.hpp"
#include "storage/records.hpp"

namespace gezicht::storage {

// The lists of a household record, as the record page and API show them.
struct HouseholdRecordLists {
  std::vector<domain::HouseholdMember> members;
  std::vector<domain::MemberRelation> relations;
  std::optional<domain::WhatMatters> what_matters;
  std::vector<domain::Goal> goals;
  std::vector<domain::PlanOption> options;
  std::vector<domain::Action> actions;
  std::vector<domain::Involved> involved;
  std::vector<domain::ContactEntry> contacts;  // the most recent first
  std::vector<domain::FixedContactChange> fixed_contact_changes;
  std::vector<ReferralSummary> referrals;
  std::vector<SharingAgreementRecord> sharing;  // the newest first, withdrawn ones too
};

// Everything the household record needs, read at once (see read_record).
struct HouseholdRecordParts : HouseholdRecordLists {
  std::optional<HouseholdRecord> household;
  std::optional<std::int64_t> viewer_involved_id;  // the viewer's active involvement, if any
  std::optional<UserRecord> fixed_contact;
  std::optional<std::string> viewer_emergency_until;  // the viewer broke the glass; access ends then
  std::vector<domain::Contact> contacts_since;        // for the continuity indices
  std::vector<LegalBasisRecord> active_legal_bases;   // only when read_record was asked for them
};

// What read_record reads besides the household's head and lists.
struct RecordRead {
  int recent_limit = 0;  // the newest contacts shown
  std::string since;     // the contacts from then on, for the continuity indices
  std::string now;
  bool contacts = true;  // false: neither contact list (a page that shows none)
  bool legal_bases = false;
  // The caller's own statements, prepared and bound, run in the same round
  // trip; the caller reads them after read_record returns.
  std::vector<Statement*> together = {};
};

class HouseholdRepository {
 public:
  explicit HouseholdRepository(Connection& connection) : connection_(connection) {}

  std::optional<HouseholdRecord> find(std::int64_t id);
  // The whole record in one round trip on PostgreSQL (run_together): the
  // household, whether viewer_user_id is actively involved, and every part
  // (the small lists as JSON subselects of the household's own statement),
  // with contacts and fixed-contact changes since `since` (ISO UTC). Reads
  // before any access check; the caller checks before showing anything.
  // with_legal_bases: also the active legal bases (the sharing form offers
  // them), in the same round trip.
  HouseholdRecordParts read_record(std::int64_t household_id, std::int64_t viewer_user_id, const RecordRead& read);
  std::vector<domain::HouseholdMember> members(std::int64_t household_id);
  std::vector<domain::Involved> involved(std::int64_t household_id);

  // The contacts log a page at a time, newest first: at most `limit`
  // contacts older than (before_at, before_id), or the newest without them.
  std::vector<domain::ContactEntry> contacts_before(std::int64_t household_id,
                                                    const std::optional<std::string>& before_at, std::int64_t before_id,
                                                    int limit);

  // The active involvement of an account, if any.
  std::optional<std::int64_t> involved_id_of_user(std::int64_t household_id, std::int64_t user_id);
  std::optional<domain::Involved> involved_by_id(std::int64_t household_id, std::int64_t involved_id);
  std::int64_t add_involved(std::int64_t household_id, const domain::Involved& involved, std::int64_t added_by,
                            const std::string& at);

  std::int64_t add_member(std::int64_t household_id, const std::string& name, const std::string& kind,
                          std::optional<int> birth_year, const std::string& at);
  void add_relation(std::int64_t household_id, const domain::MemberRelation& relation);
  void add_what_matters(std::int64_t household_id, const std::string& words,
                        const std::optional<std::string>& confirmed_on, std::int64_t by, const std::string& at);
  std::int64_t add_goal(std::int64_t household_id, const std::string& words, const std::string& progress_sign,
                        std::int64_t by, const std::string& at);
  std::int64_t add_option(std::int64_t household_id, std::optional<std::int64_t> goal_id,
                          const std::string& description, bool chosen, const std::string& why, std::int64_t by,
                          const std::string& at);
  std::int64_t add_action(std::int64_t household_id, const domain::Action& action, std::int64_t by,
                          const std::string& at);
  bool goal_belongs(std::int64_t household_id, std::int64_t goal_id);
  // False when no such action (or goal) belongs to the household.
  bool set_action_status(std::int64_t household_id, std::int64_t action_id, const std::string& status);
  bool set_goal_status(std::int64_t household_id, std::int64_t goal_id, const std::string& status);
  std::int64_t add_contact(std::int64_t household_id, std::int64_t involved_id, const std::string& at,
                           const std::string& channel, const std::string& with_whom, std::int64_t by,
                           const std::string& recorded_at);
  // Serialises writes to one household: PostgreSQL locks its row (SQLite's
  // write transaction already serialises), so two handovers cannot both
  // start from the same fixed contact.
  void lock(std::int64_t household_id);
  struct StoredContact {
    std::int64_t id = 0;
    std::int64_t involved_id = 0;
    std::string at;
    std::string channel;
    std::string with_whom;
  };
  std::optional<StoredContact> contact(std::int64_t household_id, std::int64_t contact_id);
  struct ContactEdit {
    StoredContact before;  // id is the contact's
    std::string who_before;
    std::string edited_by;
    std::string edited_at;
  };
  // Earlier versions of a contact, newest first.
  std::vector<ContactEdit> contact_history(std::int64_t contact_id);
  // Keeps the previous values in contact_edits, then changes the contact.
  void edit_contact(const StoredContact& previous, const StoredContact& changed, std::int64_t by,
                    const std::string& at);
  void record_fixed_contact_change(std::int64_t household_id, const domain::FixedContactChange& change,
                                   std::optional<std::int64_t> by);
  void set_fixed_contact(std::int64_t household_id, std::int64_t user_id);
  void set_preferences(std::int64_t household_id, const std::string& language, const std::string& channel);
  void set_closed_on(std::int64_t household_id, const std::optional<std::string>& closed_on);

  // The households for which user_id is the fixed contact, with their counts,
  // counted from their tables. Windows: since_90d <= contact <= now (ISO UTC),
  // changes since since_year.
  std::vector<CaseloadRow> caseload(std::int64_t user_id, const std::string& today, const std::string& since_90d,
                                    const std::string& now, const std::string& since_year);
  // The team's households that meet more than max_faces faces since since_90d
  // or changed fixed contact min_changes times or more since since_year.
  std::vector<CaseloadRow> team_continuity_flags(std::int64_t team_id, const std::string& since_90d,
                                                 const std::string& now, const std::string& since_year, int max_faces,
                                                 int min_changes);

 private:
  Connection& connection_;
};

using HouseholdContactEdit = HouseholdRepository::ContactEdit;

}  // namespace gezicht::storage
