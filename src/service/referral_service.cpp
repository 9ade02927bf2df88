#include "service/referral_service.hpp"

#include <algorithm>

#include "domain/calendar.hpp"
#include "domain/fixed_contact_assigner.hpp"
#include "domain/validation_error.hpp"
#include "service/errors.hpp"
#include "service/people.hpp"
#include "storage/directory_repository.hpp"
#include "storage/household_repository.hpp"
#include "storage/language_list.hpp"
#include "storage/referral_repository.hpp"
#include "storage/user_repository.hpp"

namespace gezicht::service {
namespace {

bool may_see(const Actor& actor, const storage::ReferralRecord& referral) {
  if (actor.role == "professional") return referral.contact_id == actor.user_id;
  if (actor.role == "teamlead") return actor.team_id && *actor.team_id == referral.team_id;
  return false;
}

}  // namespace

const std::vector<std::string>& first_contact_channels() {
  static const std::vector<std::string> channels{"phone", "home_visit", "walk_in", "video", "email", "letter"};
  return channels;
}

ReferralReceipt ReferralService::submit(storage::Connection& connection, const domain::ReferralInput& input) {
  const domain::ValidReferral referral = domain::validate_referral(input);
  const auto snapshot = directory_.snapshot();
  const auto* neighbourhood = snapshot->directory.neighbourhood_for(referral.postcode);
  if (!neighbourhood) throw domain::ValidationError("postcode", "postcode.outside");
  const std::int64_t now = clock_.now();
  const std::string created_at = domain::format_timestamp(now);

  storage::Transaction transaction(connection);
  storage::DirectoryRepository directory(connection);
  storage::ReferralRepository referrals(connection);
  storage::UserRepository users(connection);
  storage::HouseholdRepository households(connection);
  directory.lock_team_for_assignment(neighbourhood->team_id);

  auto household = referrals.find_household(referral.postcode, referral.house_number);
  const std::int64_t household_id =
      household ? household->id : referrals.create_household(referral.postcode, referral.house_number, created_at);
  // The resident who asks is the household's first member, so the record has
  // a name; the latest request says how they like to be contacted.
  if (!household) households.add_member(household_id, referral.name, "adult", std::nullopt, created_at);
  households.set_preferences(household_id, referral.language, referral.channel);

  domain::AssignmentRequest request;
  if (household && household->fixed_contact_id && referrals.is_active_professional(*household->fixed_contact_id)) {
    request.current_fixed_contact = household->fixed_contact_id;
  }
  request.team = directory.assignment_candidates(neighbourhood->team_id);
  for (const auto& face : households.involved(household_id)) {
    if (face.user_id && face.active) request.known_faces.push_back(*face.user_id);
  }
  request.caseload_cap = directory.caseload_cap(neighbourhood->team_id).value_or(0);
  request.preferred_language = referral.language;
  const auto assignment = domain::assign_fixed_contact(request);
  if (!assignment) {
    throw Unavailable("team.unavailable", "team " + std::to_string(neighbourhood->team_id) + " has no professionals");
  }
  const auto contact = users.find_by_id(assignment->professional_id);
  if (!contact)
    throw std::runtime_error("assigned professional vanished: " + std::to_string(assignment->professional_id));
  if (!household || household->fixed_contact_id != assignment->professional_id) {
    // The household gets (or changes) its face: recorded, and the person is involved from now on.
    households.set_fixed_contact(household_id, assignment->professional_id);
    domain::FixedContactChange change;
    change.from_user_id = household ? household->fixed_contact_id : std::nullopt;
    change.to_user_id = assignment->professional_id;
    change.kind = "assignment";
    change.reason = domain::to_string(assignment->reason);
    change.no_warm_reason =
        change.from_user_id ? "assigned at a new request: the former contact is no longer active" : "";
    change.changed_at = created_at;
    households.record_fixed_contact_change(household_id, change, std::nullopt);
  }
  if (!households.involved_id_of_user(household_id, contact->id)) {
    domain::Involved face;
    face.user_id = contact->id;
    face.name = contact->name;
    face.organisation = contact->team_name;
    face.role = contact->job_title.empty() ? "Professional" : contact->job_title;
    face.domain = "buurtteam";
    face.does_what = "Vaste contactpersoon";
    face.reach = contact->phone;
    households.add_involved(household_id, face, contact->id, created_at);
  }

  storage::NewReferral row;
  row.reference = new_reference(connection);
  row.household_id = household_id;
  row.team_id = contact->team_id.value_or(neighbourhood->team_id);
  row.contact_id = contact->id;
  row.name = referral.name;
  row.phone = referral.phone;
  row.email = referral.email;
  row.postcode = referral.postcode;
  row.house_number = referral.house_number;
  row.question = referral.question;
  row.language = referral.language;
  row.channel = referral.channel;
  row.trusted_person = referral.trusted_person;
  row.assignment_reason = domain::to_string(assignment->reason);
  row.created_at = created_at;
  row.promised_by = domain::format_date(
      domain::add_working_days(domain::amsterdam_date(now), snapshot->municipality.promise_working_days));
  referrals.insert(row);
  transaction.commit();

  const auto* team = snapshot->directory.team(row.team_id);
  return {row.reference,   to_person(*contact), row.team_id, team ? team->name : contact->team_name,
          row.promised_by, household_id};
}

std::string ReferralService::new_reference(storage::Connection& connection) {
  storage::ReferralRepository referrals(connection);
  // 32^8 codes: a collision is rare, but checked, and never retried forever.
  for (int attempt = 0; attempt < 8; ++attempt) {
    unsigned char bytes[8];
    random_.fill(bytes, sizeof bytes);
    std::string reference = domain::format_reference(bytes);
    if (!referrals.reference_exists(reference)) return reference;
  }
  throw std::runtime_error("could not find a free reference code in 8 attempts; is the random source broken?");
}

bool ReferralService::is_overdue(const storage::ReferralRecord& referral) const {
  return !referral.first_contact_at && referral.promised_by < domain::format_date(domain::amsterdam_date(clock_.now()));
}

std::vector<InboxItem> ReferralService::to_items(std::vector<storage::ReferralRecord> referrals) const {
  std::vector<InboxItem> items;
  items.reserve(referrals.size());
  for (auto& referral : referrals) {
    const bool overdue = is_overdue(referral);
    items.push_back({std::move(referral), overdue});
  }
  // Already sorted by promised date, so overdue ones come first; stable keeps that order.
  std::stable_partition(items.begin(), items.end(), [](const InboxItem& item) { return item.overdue; });
  return items;
}

std::vector<InboxItem> ReferralService::inbox(storage::Connection& connection, const Actor& actor) {
  storage::ReferralRepository referrals(connection);
  if (actor.role == "teamlead") return team_open(connection, actor);
  return to_items(referrals.open_for_contact(actor.user_id));
}

std::vector<InboxItem> ReferralService::team_open(storage::Connection& connection, const Actor& actor) {
  if (actor.role != "teamlead" || !actor.team_id)
    throw Forbidden("access.teamlead_only", "team overview needs a team lead");
  storage::ReferralRepository referrals(connection);
  return to_items(referrals.open_for_team(*actor.team_id));
}

storage::ReferralRecord ReferralService::get(storage::Connection& connection, const Actor& actor,
                                             const std::string& reference) {
  storage::ReferralRepository referrals(connection);
  auto normalised = domain::normalise_reference(reference);
  auto referral = normalised ? referrals.find_by_reference(*normalised) : std::nullopt;
  if (!referral || !may_see(actor, *referral)) {
    throw NotFound("referral.not_found",
                   "referral " + reference + " not found or not visible to user " + std::to_string(actor.user_id));
  }
  return *referral;
}

storage::ReferralRecord ReferralService::record_first_contact(storage::Connection& connection, const Actor& actor,
                                                              const std::string& reference, std::int64_t at_utc,
                                                              const std::string& channel) {
  std::vector<domain::FieldError> errors;
  const auto& channels = first_contact_channels();
  if (channel.empty())
    errors.push_back({"channel", "channel.required"});
  else if (std::find(channels.begin(), channels.end(), channel) == channels.end()) {
    errors.push_back({"channel", "channel.invalid"});
  }
  // A few minutes of clock difference between devices is not a lie.
  if (at_utc > clock_.now() + 300) errors.push_back({"at", "at.future"});

  storage::Transaction transaction(connection);
  auto referral = get(connection, actor, reference);
  const auto created = domain::parse_timestamp(referral.created_at);
  if (created && at_utc < *created - 60) errors.push_back({"at", "at.before_request"});
  if (!errors.empty()) throw domain::ValidationError(std::move(errors));
  if (referral.first_contact_at) {
    throw Conflict("referral.already_contacted", "first contact for " + referral.reference + " already recorded");
  }
  storage::ReferralRepository referrals(connection);
  const std::string at = domain::format_timestamp(at_utc);
  if (!referrals.record_first_contact(referral.reference, at, channel, actor.user_id)) {
    throw Conflict("referral.already_contacted", "first contact for " + referral.reference + " raced");
  }
  transaction.commit();
  referral.first_contact_at = at;
  referral.first_contact_channel = channel;
  return referral;
}

}  // namespace gezicht::service
