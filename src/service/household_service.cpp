#include "service/household_service.hpp"

#include <algorithm>
#include <type_traits>

#include "domain/calendar.hpp"
#include "domain/record_rules.hpp"
#include "domain/referral.hpp"
#include "domain/text.hpp"
#include "domain/validation_error.hpp"
#include "service/errors.hpp"
#include "service/household_access.hpp"
#include "service/people.hpp"
#include "storage/household_repository.hpp"
#include "storage/involvement_repository.hpp"
#include "storage/user_repository.hpp"

namespace gezicht::service {
namespace {

constexpr std::int64_t day = 86400;
// The record shows the latest contacts; contacts_log() pages through all of them.
constexpr int recent_contacts_shown = 20;

// Contacts are logged with, and households handed to, neighbourhood team
// professionals with an active account; the role is read as the domain's type.
bool is_active_professional(const std::optional<storage::UserRecord>& user) {
  return user && user->active && domain::parse_role(user->role) == domain::Role::professional;
}

NotFound not_found(std::int64_t household_id, const Actor& actor) {
  return NotFound("household.not_found", "household " + std::to_string(household_id) + " not visible to user " +
                                             std::to_string(actor.user_id));
}

// The involved face for an account, adding it when it is new to the household.
std::int64_t involve_user(storage::HouseholdRepository& households, storage::UserRepository& users,
                          std::int64_t household_id, std::int64_t user_id, std::int64_t by, const std::string& at) {
  if (auto id = households.involved_id_of_user(household_id, user_id)) return *id;
  const auto user = users.find_by_id(user_id);
  if (!is_active_professional(user)) throw domain::ValidationError("professional_id", "professional_id.unknown");
  domain::Involved involved;
  involved.user_id = user->id;
  involved.name = user->name;
  involved.organisation = user->team_name.empty() ? "Gemeente" : user->team_name;
  involved.role = user->job_title.empty() ? "Professional" : user->job_title;
  involved.domain = "buurtteam";
  involved.reach = user->phone;
  return households.add_involved(household_id, involved, by, at);
}

// A contact id in a contacts-log cursor: digits only, above zero.
std::optional<std::int64_t> positive_id(std::string_view text) {
  if (text.empty() || text.size() > 18) return std::nullopt;
  std::int64_t value = 0;
  for (char c : text) {
    if (c < '0' || c > '9') return std::nullopt;
    value = value * 10 + (c - '0');
  }
  if (value <= 0) return std::nullopt;
  return value;
}

void check_with_whom(const std::string& with_whom, std::vector<domain::FieldError>& errors) {
  const auto trimmed = domain::trim_view(with_whom);
  if (!trimmed.empty() && (!domain::is_clean_line(trimmed) || domain::utf8_length(trimmed) > 300)) {
    errors.push_back({"with_whom", "with_whom.invalid"});
  }
}

}  // namespace

std::string HouseholdService::require_write_access(storage::Connection& connection, const Actor& actor,
                                                   std::int64_t household_id) {
  storage::HouseholdRepository(connection).lock(household_id);
  const auto decision = require_access(connection, actor, household_id);
  if (!decision.access.may_change) {
    // Reading through a share or after breaking the glass does not allow changing.
    refuse(actor, household_id, "write");
    throw Forbidden("household.read_only", "household " + std::to_string(household_id) + " is read-only for user " +
                                               std::to_string(actor.user_id));
  }
  return decision.purpose;
}

void HouseholdService::refuse(const Actor& actor, std::int64_t household_id, const std::string& what) const {
  audit_.record_later(actor, {household_id, what, "read", "denied", "no need to know"});
}

AccessDecision HouseholdService::require_access(storage::Connection& connection, const Actor& actor,
                                                std::int64_t household_id) {
  const auto household = storage::HouseholdRepository(connection).find(household_id);
  if (!household) throw not_found(household_id, actor);
  auto decision = decide_from_database(connection, actor, *household, domain::format_timestamp(clock_.now()));
  if (!decision.access.allowed()) {
    refuse(actor, household_id, "summary");
    throw not_found(household_id, actor);
  }
  return decision;
}

void HouseholdService::audit_change(storage::Connection& connection, const Actor& actor, std::int64_t household_id,
                                    const std::string& part, const std::string& action, const std::string& purpose) {
  audit_.record_in(connection, actor, {household_id, part, action, "allowed", purpose});
}

// One write to a household, done the same way every time: a transaction,
// the write access check (holding the household's lock), the change, one
// audit entry for what changed, commit. `change` gets the repository and
// returns the operation's result; purpose_suffix adds to the audit purpose.
template <typename Change>
auto HouseholdService::write(storage::Connection& connection, const Actor& actor, std::int64_t household_id,
                             const char* part, const char* action, const std::string& purpose_suffix, Change&& change) {
  storage::Transaction transaction(connection);
  const std::string purpose = require_write_access(connection, actor, household_id);
  storage::HouseholdRepository households(connection);
  if constexpr (std::is_void_v<std::invoke_result_t<Change&, storage::HouseholdRepository&>>) {
    change(households);
    audit_change(connection, actor, household_id, part, action, purpose + purpose_suffix);
    transaction.commit();
  } else {
    auto result = change(households);
    audit_change(connection, actor, household_id, part, action, purpose + purpose_suffix);
    transaction.commit();
    return result;
  }
}

template <typename Change>
auto HouseholdService::write(storage::Connection& connection, const Actor& actor, std::int64_t household_id,
                             const char* part, const char* action, Change&& change) {
  return write(connection, actor, household_id, part, action, std::string(), std::forward<Change>(change));
}

HouseholdView HouseholdService::view(storage::Connection& connection, const Actor& actor, std::int64_t household_id,
                                     ViewOptions options) {
  const std::int64_t now = clock_.now();
  const std::string since = domain::format_timestamp(now - 365 * day + 1);
  auto parts = storage::HouseholdRepository(connection)
                   .read_record(household_id, actor.user_id,
                                {.recent_limit = recent_contacts_shown,
                                 .since = since,
                                 .now = domain::format_timestamp(now),
                                 .contacts = options.contacts,
                                 .legal_bases = options.legal_bases,
                                 .together = std::move(options.together)});
  if (!parts.household) throw not_found(household_id, actor);
  auto decision = decide(actor, *parts.household, parts.viewer_involved_id.has_value(), parts.viewer_emergency_until,
                         parts.sharing, parts.fixed_contact_changes, now);
  // Residents read their own record (the portal); nobody else without a basis.
  if (!decision.access.allowed() || !decision.access.reads(domain::RecordPart::summary)) {
    refuse(actor, household_id, "summary");
    throw not_found(household_id, actor);
  }
  HouseholdView view;
  view.household = *parts.household;
  if (parts.fixed_contact) view.fixed_contact = to_person(*parts.fixed_contact);
  view.emergency_until = parts.viewer_emergency_until;
  view.access = decision.access;
  if (view.access.may_change) view.legal_bases = std::move(parts.active_legal_bases);
  auto contacts_since = std::move(parts.contacts_since);
  // Last: the lists move out of parts; nothing of parts is read after this.
  static_cast<storage::HouseholdRecordLists&>(view) = std::move(parts);
  // Need to know: what is not shared with this person is not sent at all.
  if (!view.access.reads(domain::RecordPart::plan)) {
    view.what_matters.reset();
    view.goals.clear();
    view.options.clear();
    view.actions.clear();
  }
  if (!view.access.reads(domain::RecordPart::contacts)) {
    view.contacts.clear();
    contacts_since.clear();
  }
  view.continuity = domain::continuity_indices(contacts_since, now, 365);
  view.flags =
      domain::continuity_flags(view.continuity, domain::fixed_contact_changes_since(view.fixed_contact_changes, since));
  if (options.audit_read) {
    // The trail names what was read: no contacts where none were asked for.
    auto parts_read = view.access.readable;
    if (!options.contacts) parts_read.erase(domain::RecordPart::contacts);
    audit_.record_later(actor, {household_id, join_parts(parts_read), "read", "allowed", decision.purpose});
  }
  return view;
}

std::int64_t HouseholdService::add_contact(storage::Connection& connection, const Actor& actor,
                                           std::int64_t household_id, const ContactInput& input,
                                           const WithNewContact& with_new) {
  const std::int64_t now = clock_.now();
  std::vector<domain::FieldError> errors;
  try {
    domain::validate_contact(input.at, input.channel, now);
  } catch (const domain::ValidationError& error) {
    errors = error.errors();
  }
  if (!input.at_given) {
    for (auto& error : errors) {
      if (error.field == "at") error.message_key = "at.required";
    }
  }
  if (!input.professional_id && !input.involved_id) errors.push_back({"professional_id", "professional_id.required"});
  check_with_whom(input.with_whom, errors);
  return write(connection, actor, household_id, "contacts", "create", [&](storage::HouseholdRepository& households) {
    storage::UserRepository users(connection);
    std::int64_t involved_id = 0;
    if (input.involved_id) {
      const auto involved = households.involved_by_id(household_id, *input.involved_id);
      if (!involved)
        errors.push_back({"involved_id", "involved_id.unknown"});
      else
        involved_id = involved->id;
    } else if (input.professional_id) {
      const auto user = users.find_by_id(*input.professional_id);
      if (!is_active_professional(user)) errors.push_back({"professional_id", "professional_id.unknown"});
    }
    if (!errors.empty()) throw domain::ValidationError(std::move(errors));
    const std::string recorded_at = domain::format_timestamp(now);
    if (!input.involved_id) {
      involved_id = involve_user(households, users, household_id, *input.professional_id, actor.user_id, recorded_at);
    }
    const auto contact_id =
        households.add_contact(household_id, involved_id, domain::format_timestamp(*input.at), input.channel,
                               std::string(domain::trim_view(input.with_whom)), actor.user_id, recorded_at);
    if (with_new) with_new(connection, contact_id);
    return contact_id;
  });
}

HouseholdService::ContactWithHistory HouseholdService::contact(storage::Connection& connection, const Actor& actor,
                                                               std::int64_t household_id, std::int64_t contact_id) {
  return read_contact(connection, actor, household_id, contact_id, false);
}

HouseholdService::ContactWithHistory HouseholdService::contact_to_edit(storage::Connection& connection,
                                                                       const Actor& actor, std::int64_t household_id,
                                                                       std::int64_t contact_id) {
  return read_contact(connection, actor, household_id, contact_id, true);
}

HouseholdService::ContactWithHistory HouseholdService::read_contact(storage::Connection& connection, const Actor& actor,
                                                                    std::int64_t household_id, std::int64_t contact_id,
                                                                    bool with_faces) {
  const auto decision = require_access(connection, actor, household_id);
  if (!decision.access.reads(domain::RecordPart::contacts)) {
    refuse(actor, household_id, "contacts");
    throw not_found(household_id, actor);
  }
  audit_.record_later(
      actor, {household_id, with_faces ? "contacts,involved" : "contacts", "read", "allowed", decision.purpose});
  storage::HouseholdRepository households(connection);
  const auto stored = households.contact(household_id, contact_id);
  if (!stored) throw NotFound("contact.not_found", "contact " + std::to_string(contact_id) + " not in household");
  ContactWithHistory result;
  const auto face = households.involved_by_id(household_id, stored->involved_id);
  result.contact = {
      stored->id, stored->involved_id, face ? face->name : "", stored->at, stored->channel, stored->with_whom, 0};
  result.history = households.contact_history(contact_id);
  result.contact.edits = static_cast<int>(result.history.size());
  if (with_faces) result.faces = households.involved(household_id);
  return result;
}

HouseholdService::ContactsLogPage HouseholdService::contacts_log(storage::Connection& connection, const Actor& actor,
                                                                 std::int64_t household_id,
                                                                 const std::optional<std::string>& before, int limit) {
  std::optional<std::string> before_at;
  std::int64_t before_id = 0;
  if (before) {
    // "<ISO UTC time>_<contact id>", as `next` gave it.
    const auto cut = before->rfind('_');
    const auto at = cut == std::string::npos ? std::nullopt : domain::parse_timestamp(before->substr(0, cut));
    const auto id = cut == std::string::npos ? std::nullopt : positive_id(std::string_view(*before).substr(cut + 1));
    // Only the exact form `next` gives, so the comparison in SQL is on stored text.
    if (!at || !id || domain::format_timestamp(*at) != before->substr(0, cut)) {
      throw domain::ValidationError("before", "before.invalid");
    }
    before_at = before->substr(0, cut);
    before_id = *id;
  }
  if (limit < 1 || limit > 200) throw domain::ValidationError("limit", "limit.invalid");
  const auto decision = require_access(connection, actor, household_id);
  if (!decision.access.reads(domain::RecordPart::contacts)) {
    refuse(actor, household_id, "contacts");
    throw not_found(household_id, actor);
  }
  audit_.record_later(actor, {household_id, "contacts", "read", "allowed", decision.purpose});
  ContactsLogPage page;
  page.contacts =
      storage::HouseholdRepository(connection).contacts_before(household_id, before_at, before_id, limit + 1);
  if (page.contacts.size() > static_cast<std::size_t>(limit)) {
    page.contacts.pop_back();
    page.next = page.contacts.back().at + "_" + std::to_string(page.contacts.back().id);
  }
  return page;
}

void HouseholdService::edit_contact(storage::Connection& connection, const Actor& actor, std::int64_t household_id,
                                    std::int64_t contact_id, const ContactInput& input) {
  const std::int64_t now = clock_.now();
  write(connection, actor, household_id, "contacts", "change", [&](storage::HouseholdRepository& households) {
    storage::UserRepository users(connection);
    const auto previous = households.contact(household_id, contact_id);
    if (!previous) throw NotFound("contact.not_found", "contact " + std::to_string(contact_id) + " not in household");
    domain::validate_contact(input.at, input.channel, now);
    std::vector<domain::FieldError> errors;
    check_with_whom(input.with_whom, errors);
    if (!errors.empty()) throw domain::ValidationError(std::move(errors));
    storage::HouseholdRepository::StoredContact changed = *previous;
    if (input.involved_id) {
      const auto face = households.involved_by_id(household_id, *input.involved_id);
      if (!face || !domain::may_log_contact_with(*face, previous->involved_id)) {
        throw domain::ValidationError("involved_id", "involved_id.unknown");
      }
      changed.involved_id = *input.involved_id;
    } else if (input.professional_id) {
      const auto user = users.find_by_id(*input.professional_id);
      if (!is_active_professional(user)) {
        throw domain::ValidationError("professional_id", "professional_id.unknown");
      }
      changed.involved_id =
          involve_user(households, users, household_id, user->id, actor.user_id, domain::format_timestamp(now));
    }
    changed.at = domain::format_timestamp(*input.at);
    changed.channel = input.channel;
    changed.with_whom = std::string(domain::trim_view(input.with_whom));
    households.edit_contact(*previous, changed, actor.user_id, domain::format_timestamp(now));
  });
}

std::int64_t HouseholdService::add_goal(storage::Connection& connection, const Actor& actor, std::int64_t household_id,
                                        const std::string& words, const std::string& progress_sign) {
  return write(connection, actor, household_id, "plan", "create", [&](storage::HouseholdRepository& households) {
    domain::validate_goal(words, progress_sign);
    return households.add_goal(household_id, std::string(domain::trim_view(words)),
                               std::string(domain::trim_view(progress_sign)), actor.user_id,
                               domain::format_timestamp(clock_.now()));
  });
}

std::int64_t HouseholdService::add_action(storage::Connection& connection, const Actor& actor,
                                          std::int64_t household_id, const ActionInput& input) {
  return write(connection, actor, household_id, "plan", "create", [&](storage::HouseholdRepository& households) {
    domain::validate_action(input.what, input.due_on, input.domain);
    std::vector<domain::FieldError> errors;
    const auto who = households.involved_by_id(household_id, input.involved_id);
    if (!who || !who->active) errors.push_back({"involved_id", "involved_id.unknown"});
    if (input.goal_id && !households.goal_belongs(household_id, *input.goal_id)) {
      errors.push_back({"goal_id", "goal_id.unknown"});
    }
    if (!errors.empty()) throw domain::ValidationError(std::move(errors));
    domain::Action action;
    action.what = std::string(domain::trim_view(input.what));
    action.involved_id = input.involved_id;
    action.domain = input.domain;
    action.due_on = input.due_on;
    action.goal_id = input.goal_id;
    return households.add_action(household_id, action, actor.user_id, domain::format_timestamp(clock_.now()));
  });
}

std::int64_t HouseholdService::add_involved(storage::Connection& connection, const Actor& actor,
                                            std::int64_t household_id, domain::Involved involved) {
  return write(connection, actor, household_id, "summary", "create", [&](storage::HouseholdRepository& households) {
    storage::UserRepository users(connection);
    if (involved.user_id) {
      // A colleague with an account: name and reach come from the account.
      const auto user = users.find_by_id(*involved.user_id);
      if (!is_active_professional(user)) throw domain::ValidationError("user_id", "professional_id.unknown");
      involved.name = user->name;
      if (involved.reach.empty()) involved.reach = user->phone;
      if (involved.organisation.empty()) involved.organisation = user->team_name;
    }
    involved.name = domain::collapse_spaces(involved.name);
    involved.organisation = domain::collapse_spaces(involved.organisation);
    involved.role = domain::collapse_spaces(involved.role);
    domain::validate_involved(involved);
    return households.add_involved(household_id, involved, actor.user_id, domain::format_timestamp(clock_.now()));
  });
}

void HouseholdService::set_action_status(storage::Connection& connection, const Actor& actor, std::int64_t household_id,
                                         std::int64_t action_id, const std::string& status) {
  write(connection, actor, household_id, "plan", "change", [&](storage::HouseholdRepository& households) {
    domain::validate_action_status(status);
    if (!storage::HouseholdRepository(connection).set_action_status(household_id, action_id, status)) {
      throw NotFound("action.not_found", "action " + std::to_string(action_id) + " not in household");
    }
  });
}

void HouseholdService::set_goal_status(storage::Connection& connection, const Actor& actor, std::int64_t household_id,
                                       std::int64_t goal_id, const std::string& status) {
  write(connection, actor, household_id, "plan", "change", [&](storage::HouseholdRepository& households) {
    domain::validate_goal_status(status);
    if (!storage::HouseholdRepository(connection).set_goal_status(household_id, goal_id, status)) {
      throw NotFound("goal.not_found", "goal " + std::to_string(goal_id) + " not in household");
    }
  });
}

void HouseholdService::set_closed(storage::Connection& connection, const Actor& actor, std::int64_t household_id,
                                  bool closed) {
  write(connection, actor, household_id, "summary", "change", (closed ? ": closed" : ": reopened"),
        [&](storage::HouseholdRepository& households) {
          const std::string today = domain::format_date(domain::amsterdam_date(clock_.now()));
          storage::HouseholdRepository(connection)
              .set_closed_on(household_id, closed ? std::optional<std::string>(today) : std::nullopt);
        });
}

void HouseholdService::set_preferences(storage::Connection& connection, const Actor& actor, std::int64_t household_id,
                                       const std::string& language, const std::string& channel) {
  write(connection, actor, household_id, "summary", "change", [&](storage::HouseholdRepository& households) {
    std::vector<domain::FieldError> errors;
    const auto& languages = domain::contact_languages();
    const auto& channels = domain::contact_channels();
    if (std::find(languages.begin(), languages.end(), language) == languages.end()) {
      errors.push_back({"preferred_language", "language.invalid"});
    }
    if (std::find(channels.begin(), channels.end(), channel) == channels.end()) {
      errors.push_back({"contact_channel", "channel.invalid"});
    }
    if (!errors.empty()) throw domain::ValidationError(std::move(errors));
    storage::HouseholdRepository(connection).set_preferences(household_id, language, channel);
  });
}

void HouseholdService::set_what_matters(storage::Connection& connection, const Actor& actor, std::int64_t household_id,
                                        const std::string& words, bool confirmed) {
  write(connection, actor, household_id, "plan", "change", [&](storage::HouseholdRepository& households) {
    domain::validate_what_matters(words);
    const std::int64_t now = clock_.now();
    std::optional<std::string> confirmed_on;
    if (confirmed) confirmed_on = domain::format_date(domain::amsterdam_date(now));
    // Kept exactly as said: only the ends are trimmed.
    households.add_what_matters(household_id, std::string(domain::trim_view(words)), confirmed_on, actor.user_id,
                                domain::format_timestamp(now));
  });
}

std::int64_t HouseholdService::add_option(storage::Connection& connection, const Actor& actor,
                                          std::int64_t household_id, std::optional<std::int64_t> goal_id,
                                          const std::string& description, bool chosen, const std::string& why) {
  return write(connection, actor, household_id, "plan", "create", [&](storage::HouseholdRepository& households) {
    std::vector<domain::FieldError> errors;
    if (domain::trim_view(description).empty()) errors.push_back({"description", "description.required"});
    if (chosen && domain::trim_view(why).empty()) errors.push_back({"why", "why.required"});
    if (!errors.empty()) throw domain::ValidationError(std::move(errors));
    if (goal_id && !households.goal_belongs(household_id, *goal_id)) {
      throw domain::ValidationError("goal_id", "goal_id.unknown");
    }
    return households.add_option(household_id, goal_id, std::string(domain::trim_view(description)), chosen,
                                 std::string(domain::trim_view(why)), actor.user_id,
                                 domain::format_timestamp(clock_.now()));
  });
}

std::int64_t HouseholdService::add_member(storage::Connection& connection, const Actor& actor,
                                          std::int64_t household_id, const std::string& name, const std::string& kind,
                                          std::optional<int> birth_year, std::optional<std::int64_t> related_to,
                                          const std::string& relation) {
  const std::int64_t now = clock_.now();
  return write(connection, actor, household_id, "summary", "create", [&](storage::HouseholdRepository& households) {
    domain::validate_member(domain::collapse_spaces(name), kind, birth_year, domain::date_of(now).year);
    std::optional<domain::HouseholdMember> other;
    if (related_to) {
      for (const auto& member : households.members(household_id)) {
        if (member.id == *related_to) other = member;
      }
      if (!other) throw domain::ValidationError("related_to", "related_to.unknown");
      if (!domain::inverse_relation(relation)) throw domain::ValidationError("relation", "relation.invalid");
    }
    const auto id = households.add_member(household_id, domain::collapse_spaces(name), kind, birth_year,
                                          domain::format_timestamp(now));
    if (other) {
      // Stored both ways, so either member's view reads it without inverting.
      households.add_relation(household_id, {id, other->id, relation});
      households.add_relation(household_id, {other->id, id, *domain::inverse_relation(relation)});
    }
    return id;
  });
}

void HouseholdService::handover(storage::Connection& connection, const Actor& actor, std::int64_t household_id,
                                const domain::HandoverRequest& request) {
  const std::int64_t now = clock_.now();
  storage::Transaction transaction(connection);
  storage::HouseholdRepository households(connection);
  storage::UserRepository users(connection);
  households.lock(household_id);
  const auto household = households.find(household_id);
  if (!household) throw not_found(household_id, actor);
  const auto current = household->fixed_contact_id ? users.find_by_id(*household->fixed_contact_id) : std::nullopt;
  const bool is_contact = current && current->id == actor.user_id;
  const bool is_lead =
      !is_contact && domain::may_hand_over({actor.user_id, actor.access_role == domain::Role::teamlead, actor.team_id},
                                           current ? std::optional(current->id) : std::nullopt,
                                           current ? current->team_id : std::nullopt);
  if (!is_contact && !is_lead && !households.involved_id_of_user(household_id, actor.user_id)) {
    refuse(actor, household_id, "summary");
    throw not_found(household_id, actor);
  }
  if (!is_contact && !is_lead) {
    refuse(actor, household_id, "summary");
    throw Forbidden("handover.not_allowed", "only the fixed contact or their team lead hands over");
  }
  const auto target = users.find_by_id(request.to_user_id);
  const bool target_ok = is_active_professional(target) && (!current || target->id != current->id);
  domain::validate_handover(request, target_ok, now);
  storage::InvolvementRepository involvement(connection);
  const auto former_face =
      current ? households.involved_id_of_user(household_id, current->id) : std::optional<std::int64_t>{};
  domain::HandoverSituation situation;
  situation.former_contact_open_actions = former_face ? involvement.open_actions_of(household_id, *former_face) : 0;
  situation.fixed_contact_changes_in_year = domain::fixed_contact_changes_since(
      involvement.fixed_contact_changes(household_id), domain::format_timestamp(now - 365 * day + 1));
  domain::validate_handover_choices(request, situation);

  const std::string at = domain::format_timestamp(now);
  households.set_fixed_contact(household_id, target->id);
  const auto new_face = involve_user(households, users, household_id, target->id, actor.user_id, at);
  if (former_face && request.open_actions == domain::open_actions_hand_over) {
    involvement.move_open_actions(household_id, *former_face, new_face);
  }
  // The former contact's involvement ends with the handover; they read on,
  // without changing anything, until the warm handover meeting
  // (domain::former_contact_read_access, decided from fixed_contact_changes).
  if (household->fixed_contact_id) {
    involvement.end_involvement_of_user(household_id, *household->fixed_contact_id, actor.user_id, at);
  }
  domain::FixedContactChange change;
  change.from_user_id = household->fixed_contact_id;
  change.to_user_id = target->id;
  change.kind = request.kind;
  change.reason = std::string(domain::trim_view(request.reason));
  change.warm_handover_on = request.warm_handover_on;
  change.no_warm_reason = std::string(domain::trim_view(request.no_warm_reason));
  change.changed_at = at;
  households.record_fixed_contact_change(household_id, change, actor.user_id);
  std::string purpose = is_contact ? "fixed_contact: handover" : "team lead: handover";
  if (situation.former_contact_open_actions > 0) {
    purpose += "; open actions " +
               std::string(request.open_actions == domain::open_actions_hand_over ? "handed over" : "kept");
  }
  if (domain::handover_needs_confirmation(situation.fixed_contact_changes_in_year)) purpose += "; confirmed";
  audit_change(connection, actor, household_id, "summary", "change", purpose);
  transaction.commit();
}

void HouseholdService::end_involvement(storage::Connection& connection, const Actor& actor, std::int64_t household_id,
                                       std::int64_t involved_id) {
  const std::string ended = ": involvement " + std::to_string(involved_id) + " ended";
  write(connection, actor, household_id, "summary", "change", ended, [&](storage::HouseholdRepository& households) {
    const auto face = households.involved_by_id(household_id, involved_id);
    if (!face) throw NotFound("involved.not_found", "involved " + std::to_string(involved_id) + " not in household");
    const auto household = households.find(household_id);
    if (face->user_id && household && household->fixed_contact_id == face->user_id) {
      throw Conflict("involved.is_fixed_contact", "the fixed contact's involvement ends only by a handover");
    }
    if (!storage::InvolvementRepository(connection)
             .end_involvement(household_id, involved_id, actor.user_id, domain::format_timestamp(clock_.now()))) {
      throw Conflict("involved.already_ended", "involved " + std::to_string(involved_id) + " has already ended");
    }
  });
}

std::vector<CaseloadEntry> HouseholdService::caseload(storage::Connection& connection, const Actor& actor) {
  storage::HouseholdRepository households(connection);
  const std::int64_t now = clock_.now();
  const auto rows = households.caseload(actor.user_id, domain::format_date(domain::amsterdam_date(now)),
                                        domain::format_timestamp(now - 90 * day + 1), domain::format_timestamp(now),
                                        domain::format_timestamp(now - 365 * day + 1));
  audit_.record_later(actor, {std::nullopt, "caseload", "search", "allowed", "fixed_contact"});
  std::vector<CaseloadEntry> entries;
  entries.reserve(rows.size());
  for (const auto& row : rows) {
    domain::ContinuityIndices indices;
    indices.distinct_faces_90d = row.faces_90d;
    entries.push_back({row, domain::continuity_flags(indices, row.fixed_contact_changes_year)});
  }
  return entries;
}

std::vector<CaseloadEntry> HouseholdService::team_flags(storage::Connection& connection, const Actor& actor) {
  if (actor.access_role != domain::Role::teamlead || !actor.team_id) {
    throw Forbidden("access.teamlead_only", "team continuity needs a team lead");
  }
  storage::HouseholdRepository households(connection);
  const std::int64_t now = clock_.now();
  const auto rows =
      households.team_continuity_flags(*actor.team_id, domain::format_timestamp(now - 90 * day + 1),
                                       domain::format_timestamp(now), domain::format_timestamp(now - 365 * day + 1),
                                       domain::max_faces_in_90_days, domain::max_fixed_contact_changes_in_year + 1);
  audit_.record_later(actor, {std::nullopt, "team_continuity", "search", "allowed", "teamlead"});
  std::vector<CaseloadEntry> entries;
  for (const auto& row : rows) {
    domain::ContinuityIndices indices;
    indices.distinct_faces_90d = row.faces_90d;
    entries.push_back({row, domain::continuity_flags(indices, row.fixed_contact_changes_year)});
  }
  return entries;
}

}  // namespace gezicht::service
