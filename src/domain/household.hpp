#pragma once
// One household, one plan, one face: the household's record as professionals
// keep it, and the rules its parts must meet.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace gezicht::domain {

struct HouseholdMember {
  std::int64_t id = 0;
  std::string name;
  std::string kind;  // adult | child
  std::optional<int> birth_year;

  bool operator==(const HouseholdMember&) const = default;
};

struct MemberRelation {
  std::int64_t member_id = 0;
  std::int64_t related_id = 0;
  std::string relation;  // partner | parent | child | sibling | carer | other

  bool operator==(const MemberRelation&) const = default;
};

// A professional involved with the household: one face, with or without an
// account here.
struct Involved {
  std::int64_t id = 0;
  std::optional<std::int64_t> user_id;
  std::string name;
  std::string organisation;
  std::string role;
  std::string domain;  // see involvement_domains()
  std::string does_what;
  std::string reach;
  bool active = true;

  bool operator==(const Involved&) const = default;
};

struct WhatMatters {
  std::string words;
  std::string recorded_at;
  std::optional<std::string> confirmed_on;  // "YYYY-MM-DD"
};

struct Goal {
  std::int64_t id = 0;
  std::string words;
  std::string progress_sign;
  std::string status;  // open | reached | dropped

  bool operator==(const Goal&) const = default;
};

struct PlanOption {
  std::int64_t id = 0;
  std::optional<std::int64_t> goal_id;
  std::string description;
  bool chosen = false;
  std::string why;

  bool operator==(const PlanOption&) const = default;
};

struct Action {
  std::int64_t id = 0;
  std::optional<std::int64_t> goal_id;
  std::string what;
  std::int64_t involved_id = 0;
  std::string who;  // the involved person's name
  std::string domain;
  std::string due_on;
  std::string status;  // open | done | cancelled

  bool operator==(const Action&) const = default;
};

struct ContactEntry {
  std::int64_t id = 0;
  std::int64_t involved_id = 0;
  std::string who;
  std::string at;  // ISO UTC
  std::string channel;
  std::string with_whom;
  int edits = 0;
};

struct FixedContactChange {
  std::optional<std::int64_t> from_user_id;
  std::int64_t to_user_id = 0;
  std::string to_name;
  std::string kind;  // assignment | handover | resident_request
  std::string reason;
  std::optional<std::string> warm_handover_on;
  std::string no_warm_reason;
  std::string changed_at;
};

const std::vector<std::string>& involvement_domains();
const std::vector<std::string>& contact_log_channels();
const std::vector<std::string>& member_relations();

// Validation; each throws ValidationError naming the fields.
void validate_what_matters(const std::string& words);
void validate_goal(const std::string& words, const std::string& progress_sign);
void validate_action(const std::string& what, const std::string& due_on, const std::string& domain);
void validate_involved(const Involved& involved);
void validate_member(const std::string& name, const std::string& kind, std::optional<int> birth_year, int this_year);
// `at` is seconds since the epoch; a contact cannot lie in the future
// (five minutes of clock difference allowed) or more than ten years back.
void validate_contact(std::optional<std::int64_t> at, const std::string& channel, std::int64_t now);

struct HandoverRequest {
  std::int64_t to_user_id = 0;
  std::string kind;  // handover | resident_request
  std::string reason;
  std::optional<std::string> warm_handover_on;  // "YYYY-MM-DD"
  std::string no_warm_reason;
  // The former contact's open actions: "hand_over" to the new contact or
  // "keep" them where they are; required when there are any
  // (validate_handover_choices in domain/record_rules.hpp).
  std::string open_actions;
  // A change on a household already flagged for changes of fixed contact
  // goes through only when confirmed (handover_needs_confirmation).
  bool confirm_third_change = false;
};

// A handover needs a reason and either the date of an introduction meeting
// with both present (within a year either way) or why there was none. A resident asking for another
// person is their right: no reason is needed, but the meeting rule holds.
void validate_handover(const HandoverRequest& request, bool target_is_active_professional, std::int64_t now);

// The face a contact is logged with, when the contact is corrected: any
// active face, or the one it was logged with even if that face has left
// since (the former fixed contact after a handover): a correction of the
// time or channel must not rewrite who was there.
bool may_log_contact_with(const Involved& face, std::int64_t logged_with_involved_id);

// Who hands a household over: the person (an account and, for team leads, their team).
struct HandingOver {
  std::int64_t user_id = 0;
  bool is_team_lead = false;
  std::optional<std::int64_t> team_id;
};
// Its fixed contact, or the team lead of that contact's team. A team that is
// not known on either side is no team in common: nobody leads it.
bool may_hand_over(const HandingOver& who, std::optional<std::int64_t> fixed_contact_id,
                   std::optional<std::int64_t> fixed_contact_team_id);

}  // namespace gezicht::domain
