#include "service/referral_service.hpp"

#include <algorithm>
#include <stdexcept>

#include "domain/calendar.hpp"
#include "domain/fixed_contact_assigner.hpp"
#include "domain/team_oversight.hpp"
#include "domain/text.hpp"
#include "domain/validation_error.hpp"
#include "service/errors.hpp"
#include "service/people.hpp"
#include "storage/directory_repository.hpp"
#include "storage/household_repository.hpp"
#include "storage/involvement_repository.hpp"
#include "storage/language_list.hpp"
#include "storage/referral_repository.hpp"
#include "storage/user_repository.hpp"

namespace gezicht::service {
namespace {

Throttled too_many_from(const Actor& requester, std::int64_t wait_seconds) {
  return Throttled("referral.throttled", "too many self-referrals from " + requester.client_address, wait_seconds);
}

bool may_see(const Actor& actor, const storage::ReferralRecord& referral) {
  if (actor.access_role == domain::Role::professional) return referral.contact_id == actor.user_id;
  if (actor.access_role == domain::Role::teamlead) return actor.team_id && *actor.team_id == referral.team_id;
  return false;
}

// What a request asked, as one text whose hash tells a repeat from another
// request under the same key.
std::string request_fingerprint(const domain::ValidReferral& referral) {
  std::string text;
  for (const std::string* field : {&referral.name, &referral.phone, &referral.email, &referral.postcode,
                                   &referral.house_number, &referral.question, &referral.language, &referral.channel}) {
    text += *field;
    text += '\x1f';
  }
  text += referral.trusted_person ? '1' : '0';
  text += referral.follow_online ? '1' : '0';
  return blake2b_hex(text, 32);
}

// How long a submission key is kept: a repeat comes within seconds, a
// refreshed confirmation page within the day.
constexpr std::int64_t submission_key_seconds = 24 * 60 * 60;

bool still_kept(const storage::SubmissionRecord& submission, std::int64_t now) {
  const auto at = domain::parse_timestamp(submission.created_at);
  if (!at) throw std::logic_error("referral_submissions.created_at is not a timestamp: " + submission.created_at);
  return *at >= now - submission_key_seconds;
}

// Why this person may read referrals: as the assigned contact, or as the team's lead.
std::string referral_purpose(const Actor& actor) {
  return actor.access_role == domain::Role::teamlead ? "teamlead" : "assigned_contact";
}

}  // namespace

Actor anonymous_requester(std::string client_address, std::string route) {
  Actor requester;
  requester.name = "Inwoner (aanmelding)";
  requester.access_role = domain::Role::resident;
  requester.client_address = std::move(client_address);
  requester.route = std::move(route);
  return requester;
}

const std::vector<std::string>& first_contact_channels() {
  static const std::vector<std::string> channels{"phone", "home_visit", "walk_in", "video", "email", "letter"};
  return channels;
}

ReferralReceipt ReferralService::submit(storage::Connection& connection, const domain::ReferralInput& input,
                                        const Actor& requester, const std::string& submission_key,
                                        const std::string& key_field, const WithNewReferral& with_new) {
  // A repeat of a request already made gets its answer again, before any
  // limit: a double click is one request.
  const std::string key_hash = submission_key.empty() ? std::string() : hash_token(submission_key);
  if (!key_hash.empty()) {
    storage::ReferralRepository referrals(connection);
    const auto earlier = referrals.submission(key_hash);
    if (earlier && earlier->referral_id && still_kept(*earlier, clock_.now())) {
      if (earlier->request_hash != request_fingerprint(domain::validate_referral(input))) {
        throw domain::ValidationError(key_field, "submission.reused");
      }
      if (const auto stored = referrals.find_by_id(*earlier->referral_id)) return receipt_of(connection, *stored);
    }
  }
  if (const auto wait = limit_.retry_after(connection, requester.client_address); wait > 0) {
    throw too_many_from(requester, wait);
  }
  const domain::ValidReferral referral = domain::validate_referral(input);
  const auto snapshot = directory_.snapshot();
  const auto* neighbourhood = snapshot->directory.neighbourhood_for(referral.postcode);
  if (!neighbourhood) throw domain::ValidationError("postcode", "postcode.outside");
  const std::int64_t now = clock_.now();
  const std::string created_at = domain::format_timestamp(now);

  storage::Transaction transaction(connection);
  storage::DirectoryRepository directory(connection);
  storage::ReferralRepository referrals(connection);
  if (!key_hash.empty()) {
    referrals.forget_submissions_before(domain::format_timestamp(now - submission_key_seconds));
    const auto fingerprint = request_fingerprint(referral);
    // Two submissions with one key at once: the second waits for the first
    // (PostgreSQL's unique index; SQLite's single writer) and gets its answer.
    if (!referrals.claim_submission(key_hash, fingerprint, created_at)) {
      const auto earlier = referrals.submission(key_hash);
      if (!earlier || !earlier->referral_id) {
        throw std::logic_error("a claimed submission key without its referral");
      }
      if (earlier->request_hash != fingerprint) throw domain::ValidationError(key_field, "submission.reused");
      const auto stored = referrals.find_by_id(*earlier->referral_id);
      if (!stored) throw std::logic_error("a submission key whose referral is gone");
      auto receipt = receipt_of(connection, *stored);
      receipt.repeated = true;
      transaction.commit();
      return receipt;
    }
  }
  storage::UserRepository users(connection);
  storage::HouseholdRepository households(connection);
  directory.lock_team_for_assignment(neighbourhood->team_id);

  // The front door's own rule, the same for every address: whether a
  // household is already known here changes nothing in the answer, so the
  // answer cannot tell a stranger that anyone here receives support.
  domain::AssignmentRequest request;
  request.team = directory.assignment_candidates(neighbourhood->team_id);
  const auto cap = directory.caseload_cap(neighbourhood->team_id);
  if (!cap) throw std::runtime_error("team " + std::to_string(neighbourhood->team_id) + " has no caseload cap");
  request.caseload_cap = *cap;
  request.preferred_language = referral.language;
  const auto assignment = domain::assign_fixed_contact(request);
  if (!assignment) {
    throw Unavailable("team.unavailable", "team " + std::to_string(neighbourhood->team_id) + " has no professionals");
  }
  const auto contact = users.find_by_id(assignment->professional_id);
  if (!contact)
    throw std::runtime_error("assigned professional vanished: " + std::to_string(assignment->professional_id));

  // A new address becomes a household with the named person as its fixed
  // contact. At a known address the request waits, without touching that
  // household, until a professional joins it after first contact.
  std::optional<std::int64_t> household_id;
  if (!referrals.find_household(referral.postcode, referral.house_number)) {
    household_id = create_household(connection, referral, *contact, domain::to_string(assignment->reason), created_at);
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
  // Followed online only where the request made the household: at a known
  // address the professional invites from the record, once they know who asks.
  row.follow_online = referral.follow_online && household_id.has_value();
  row.assignment_reason = domain::to_string(assignment->reason);
  row.background = referral.background;
  row.created_at = created_at;
  row.promised_by = domain::format_date(
      domain::add_working_days(domain::amsterdam_date(now), snapshot->municipality.promise_working_days));
  const auto referral_id = referrals.insert(row);
  if (!key_hash.empty()) referrals.complete_submission(key_hash, referral_id);
  // The link to this request's state, for the confirmation e-mail: kept hashed, in this transaction.
  std::string status_token = random_token(random_);
  referrals.set_status_token(referral_id, hash_token(status_token));
  audit_.record_in(connection, requester, {household_id, "referral", "create", "allowed", "self_referral"});
  if (const auto wait = limit_.record(connection, requester.client_address); wait > 0) {
    throw too_many_from(requester, wait);
  }

  const auto* team = snapshot->directory.team(row.team_id);
  ReferralReceipt receipt{row.reference,   to_person(*contact), row.team_id, team ? team->name : contact->team_name,
                          row.promised_by, row.channel,         household_id};
  receipt.status_token = std::move(status_token);
  if (with_new) with_new(connection, receipt);
  transaction.commit();
  return receipt;
}

std::optional<ReferralReceipt> ReferralService::submitted(storage::Connection& connection,
                                                          const std::string& submission_key) {
  storage::ReferralRepository referrals(connection);
  const auto found = referrals.submission(hash_token(submission_key));
  if (!found || !found->referral_id || !still_kept(*found, clock_.now())) return std::nullopt;
  const auto stored = referrals.find_by_id(*found->referral_id);
  if (!stored) return std::nullopt;
  return receipt_of(connection, *stored);
}

ReferralReceipt ReferralService::receipt_of(storage::Connection& connection, const storage::ReferralRecord& referral) {
  const auto contact = storage::UserRepository(connection).find_by_id(referral.contact_id);
  if (!contact) throw std::logic_error("referral " + referral.reference + " has no contact person");
  const auto snapshot = directory_.snapshot();
  const auto* team = snapshot->directory.team(referral.team_id);
  return {referral.reference,   to_person(*contact), referral.team_id,     team ? team->name : contact->team_name,
          referral.promised_by, referral.channel,    referral.household_id};
}

std::int64_t ReferralService::create_household(storage::Connection& connection, const domain::ValidReferral& referral,
                                               const storage::UserRecord& contact, const std::string& reason,
                                               const std::string& created_at) {
  storage::ReferralRepository referrals(connection);
  storage::HouseholdRepository households(connection);
  const std::int64_t household_id = referrals.create_household(referral.postcode, referral.house_number, created_at);
  // The resident who asks is the household's first member, so the record has
  // a name; their request says how they like to be contacted.
  households.add_member(household_id, referral.name, "adult", std::nullopt, created_at);
  households.set_preferences(household_id, referral.language, referral.channel);
  give_household_its_face(connection, household_id, contact, std::nullopt, reason, std::nullopt, created_at);
  return household_id;
}

void ReferralService::give_household_its_face(storage::Connection& connection, std::int64_t household_id,
                                              const storage::UserRecord& contact,
                                              std::optional<std::int64_t> from_user_id, const std::string& reason,
                                              std::optional<std::int64_t> by, const std::string& at) {
  // The household gets its face: recorded, and the person is involved from now on.
  storage::HouseholdRepository households(connection);
  households.set_fixed_contact(household_id, contact.id);
  domain::FixedContactChange change;
  change.from_user_id = from_user_id;
  change.to_user_id = contact.id;
  change.kind = "assignment";
  change.reason = reason;
  change.changed_at = at;
  households.record_fixed_contact_change(household_id, change, by);
  if (households.involved_id_of_user(household_id, contact.id)) return;
  domain::Involved face;
  face.user_id = contact.id;
  face.name = contact.name;
  face.organisation = contact.team_name;
  face.role = contact.job_title.empty() ? "Professional" : contact.job_title;
  face.domain = "buurtteam";
  face.does_what = "Vaste contactpersoon";
  face.reach = contact.phone;
  households.add_involved(household_id, face, by.value_or(contact.id), at);
}

storage::ReferralRecord ReferralService::reassign(storage::Connection& connection, const Actor& actor,
                                                  const std::string& reference, std::int64_t to_user_id,
                                                  const std::string& reason) {
  const std::string why = std::string(domain::trim_view(reason));
  if (why.empty()) throw domain::ValidationError("reason", "reason.required");
  if (domain::utf8_length(why) > 500 || !domain::is_clean_text(why)) {
    throw domain::ValidationError("reason", "reason.invalid");
  }
  storage::Transaction transaction(connection);
  auto referral = find_visible(connection, actor, reference);
  storage::ReferralRepository referrals(connection);
  domain::ReassignCheck check;
  check.leads_the_team =
      domain::leads_team(actor.access_role == domain::Role::teamlead, actor.team_id, referral.team_id);
  check.first_contact_made = referral.first_contact_at.has_value();
  if (!check.leads_the_team) {
    throw Forbidden("referral.reassign_not_allowed", "only the team lead of the request's team reassigns it");
  }
  if (referral.household_id) {
    storage::HouseholdRepository(connection).lock(*referral.household_id);
    check.household_contacted = referrals.household_was_contacted(*referral.household_id);
  }
  if (!domain::may_reassign_referral(check)) {
    throw Conflict("referral.already_contacted",
                   "referral " + reference + " or its household had a first contact: hand over instead");
  }
  storage::UserRepository users(connection);
  const auto target = users.find_by_id(to_user_id);
  check.target_is_active_professional_of_team = target && target->active &&
                                                target->role == domain::to_string(domain::Role::professional) &&
                                                target->team_id == referral.team_id;
  check.target_is_current_contact = to_user_id == referral.contact_id;
  domain::validate_reassign_target(check);
  const std::string now = domain::format_timestamp(clock_.now());
  if (!referrals.reassign(referral.reference, referral.contact_id, to_user_id)) {
    throw Conflict("referral.changed_meanwhile", "referral " + reference + " was contacted or reassigned meanwhile");
  }
  // The household this request made moves with it, while its face is still
  // the one the request named (a household that has since been handed over keeps its contact).
  if (referral.household_id) {
    const auto household = storage::HouseholdRepository(connection).find(*referral.household_id);
    if (household && household->fixed_contact_id == referral.contact_id) {
      give_household_its_face(connection, *referral.household_id, *target, referral.contact_id,
                              "reassigned by the team lead: " + why, actor.user_id, now);
      storage::InvolvementRepository(connection)
          .end_involvement_of_user(*referral.household_id, referral.contact_id, actor.user_id, now);
    }
  }
  audit_.record_in(connection, actor,
                   {referral.household_id, "referral", "change", "allowed",
                    "team lead: reassigned from user " + std::to_string(referral.contact_id) + " to user " +
                        std::to_string(to_user_id)});
  transaction.commit();
  return *referrals.find_by_reference(referral.reference);
}

std::optional<KnownHousehold> ReferralService::known_household(storage::Connection& connection, const Actor& actor,
                                                               const storage::ReferralRecord& referral) {
  if (referral.household_id || !may_see(actor, referral)) return std::nullopt;
  storage::ReferralRepository referrals(connection);
  const auto household = referrals.find_household(referral.postcode, referral.house_number);
  if (!household) return std::nullopt;
  KnownHousehold known{household->id, std::nullopt};
  if (household->fixed_contact_id && referrals.is_active_professional(*household->fixed_contact_id)) {
    if (auto person = storage::UserRepository(connection).find_by_id(*household->fixed_contact_id)) {
      known.fixed_contact = to_person(*person);
    }
  }
  return known;
}

storage::ReferralRecord ReferralService::join_household(storage::Connection& connection, const Actor& actor,
                                                        const std::string& reference) {
  storage::Transaction transaction(connection);
  auto referral = find_visible(connection, actor, reference);
  if (referral.household_id) {
    throw Conflict("referral.already_joined", "referral " + referral.reference + " already has a household");
  }
  if (!referral.first_contact_at) {
    throw Conflict("referral.first_contact_needed",
                   "referral " + referral.reference + " is joined only after its first contact");
  }
  storage::ReferralRepository referrals(connection);
  storage::UserRepository users(connection);
  const auto contact = users.find_by_id(referral.contact_id);
  if (!contact) throw std::runtime_error("the referral's contact vanished: " + std::to_string(referral.contact_id));
  const std::string now = domain::format_timestamp(clock_.now());
  std::int64_t household_id = 0;
  std::int64_t new_contact = referral.contact_id;
  if (const auto household = referrals.find_household(referral.postcode, referral.house_number)) {
    household_id = household->id;
    // Continuity: the household's own fixed contact takes the request over.
    if (household->fixed_contact_id && referrals.is_active_professional(*household->fixed_contact_id)) {
      new_contact = *household->fixed_contact_id;
    }
    storage::HouseholdRepository(connection).lock(household_id);
  } else {
    // The household known at submission has since gone (retention): this request starts a new one.
    domain::ValidReferral fields;
    fields.postcode = referral.postcode;
    fields.house_number = referral.house_number;
    fields.name = referral.name;
    fields.language = referral.language;
    fields.channel = referral.channel;
    household_id = create_household(connection, fields, *contact, referral.assignment_reason, now);
  }
  if (!referrals.join_household(referral.reference, household_id, new_contact)) {
    throw Conflict("referral.already_joined", "referral " + referral.reference + " was joined meanwhile");
  }
  audit_.record_in(connection, actor, {household_id, "referral", "change", "allowed", "joined_after_first_contact"});
  transaction.commit();
  referral.household_id = household_id;
  referral.contact_id = new_contact;
  return *referrals.find_by_reference(referral.reference);
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
  if (actor.access_role == domain::Role::teamlead) return team_open(connection, actor);
  auto items = to_items(referrals.open_for_contact(actor.user_id));
  audit_.record_later(actor, {std::nullopt, "referrals", "search", "allowed", referral_purpose(actor)});
  return items;
}

std::vector<InboxItem> ReferralService::team_open(storage::Connection& connection, const Actor& actor) {
  if (actor.access_role != domain::Role::teamlead || !actor.team_id)
    throw Forbidden("access.teamlead_only", "team overview needs a team lead");
  storage::ReferralRepository referrals(connection);
  auto items = to_items(referrals.open_for_team(*actor.team_id));
  audit_.record_later(actor, {std::nullopt, "referrals", "search", "allowed", referral_purpose(actor)});
  return items;
}

storage::ReferralRecord ReferralService::find_visible(storage::Connection& connection, const Actor& actor,
                                                      const std::string& reference) {
  storage::ReferralRepository referrals(connection);
  auto normalised = domain::normalise_reference(reference);
  auto referral = normalised ? referrals.find_by_reference(*normalised) : std::nullopt;
  if (!referral || !may_see(actor, *referral)) {
    // Refused like a household: in that household's access log when the referral exists.
    audit_.record_later(actor, {referral ? std::optional(referral->household_id) : std::nullopt, "referral", "read",
                                "denied", "no need to know"});
    throw NotFound("referral.not_found",
                   "referral " + reference + " not found or not visible to user " + std::to_string(actor.user_id));
  }
  return *referral;
}

storage::ReferralRecord ReferralService::get(storage::Connection& connection, const Actor& actor,
                                             const std::string& reference) {
  auto referral = find_visible(connection, actor, reference);
  audit_.record_later(actor, {referral.household_id, "referral", "read", "allowed", referral_purpose(actor)});
  return referral;
}

storage::ReferralRecord ReferralService::record_first_contact(storage::Connection& connection, const Actor& actor,
                                                              const std::string& reference, std::int64_t at_utc,
                                                              const std::string& channel,
                                                              const std::optional<std::string>& arrived_via) {
  std::vector<domain::FieldError> errors;
  const auto& channels = first_contact_channels();
  if (channel.empty())
    errors.push_back({"channel", "channel.required"});
  else if (std::find(channels.begin(), channels.end(), channel) == channels.end()) {
    errors.push_back({"channel", "channel.invalid"});
  }
  // A few minutes of clock difference between devices is not a lie.
  if (at_utc > clock_.now() + 300) errors.push_back({"at", "at.future"});
  const auto& routes = domain::arrival_routes();
  if (arrived_via && std::find(routes.begin(), routes.end(), *arrived_via) == routes.end()) {
    errors.push_back({"arrived_via", "arrived_via.invalid"});
  }

  storage::Transaction transaction(connection);
  auto referral = find_visible(connection, actor, reference);
  const auto created = domain::parse_timestamp(referral.created_at);
  if (created && at_utc < *created - 60) errors.push_back({"at", "at.before_request"});
  if (!errors.empty()) throw domain::ValidationError(std::move(errors));
  if (referral.first_contact_at) {
    throw Conflict("referral.already_contacted", "first contact for " + referral.reference + " already recorded");
  }
  storage::ReferralRepository referrals(connection);
  const std::string at = domain::format_timestamp(at_utc);
  if (!referrals.record_first_contact(referral.reference, at, channel, actor.user_id,
                                      arrived_via.value_or(referral.arrived_via))) {
    throw Conflict("referral.already_contacted", "first contact for " + referral.reference + " raced");
  }
  audit_.record_in(connection, actor,
                   {referral.household_id, "referral", "change", "allowed", referral_purpose(actor)});
  transaction.commit();
  referral.first_contact_at = at;
  referral.first_contact_channel = channel;
  if (arrived_via) referral.arrived_via = *arrived_via;
  return referral;
}

}  // namespace gezicht::service
