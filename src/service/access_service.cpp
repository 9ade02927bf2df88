#include "service/access_service.hpp"

#include <algorithm>
#include <iterator>
#include <stdexcept>

#include "domain/access_log.hpp"
#include "domain/calendar.hpp"
#include "domain/household.hpp"
#include "domain/sharing_ground.hpp"
#include "domain/text.hpp"
#include "domain/validation_error.hpp"
#include "service/errors.hpp"
#include "service/household_access.hpp"
#include "storage/access_repository.hpp"
#include "storage/audit_repository.hpp"
#include "storage/household_repository.hpp"

namespace gezicht::service {
namespace {

constexpr int emergency_accesses_shown = 500;
// Pinned entries shown at the most; a household has a handful.
constexpr int pinned_shown = 200;
// Raw entries read for one page at the most: a flood of refusals folds into
// one line, but reading it is bounded; the next page goes on from there.
constexpr std::size_t access_log_read_cap = 5000;

domain::LoggedAccess logged(const storage::AuditRecord& entry) {
  return {entry.actor_user_id, entry.actor_name, entry.part, entry.action, entry.result == "denied"};
}

NotFound not_found(std::int64_t household_id, const Actor& actor) {
  return NotFound("household.not_found", "household " + std::to_string(household_id) + " not visible to user " +
                                             std::to_string(actor.user_id));
}

// Errors name the field; their texts are under key_prefix.required / .invalid.
std::string checked_text(const std::string& value, const char* field, const std::string& key_prefix,
                         std::size_t min_length, std::size_t max_length) {
  std::string text = domain::collapse_spaces(value);
  const auto length = domain::utf8_length(text);
  if (length < min_length) throw domain::ValidationError(field, key_prefix + ".required");
  if (length > max_length || !domain::is_clean_line(text))
    throw domain::ValidationError(field, key_prefix + ".invalid");
  return text;
}

storage::HouseholdRecord existing(storage::Connection& connection, const Actor& actor, std::int64_t household_id) {
  auto household = storage::HouseholdRepository(connection).find(household_id);
  if (!household) throw not_found(household_id, actor);
  return *household;
}

}  // namespace

std::string AccessService::break_the_glass(storage::Connection& connection, const Actor& actor,
                                           std::int64_t household_id, const std::string& reason) {
  // A reason a colleague and the resident can read later: a word is not enough.
  const std::string why = checked_text(reason, "reason", "emergency_reason", 10, 500);
  const std::int64_t now = clock_.now();
  std::string expires = domain::format_timestamp(now + emergency_seconds);
  storage::Transaction transaction(connection);
  existing(connection, actor, household_id);
  storage::AccessRepository(connection)
      .add_emergency_access(household_id, actor.user_id, why, domain::format_timestamp(now), expires);
  audit_.record_in(connection, actor, {household_id, "summary,plan,contacts", "emergency_access", "allowed", why});
  transaction.commit();
  return expires;
}

std::int64_t AccessService::add_sharing(storage::Connection& connection, const Actor& actor, std::int64_t household_id,
                                        const SharingInput& input) {
  std::vector<domain::FieldError> errors;
  std::string wish;
  try {
    wish = checked_text(input.resident_wish, "resident_wish", "resident_wish", 3, 500);
  } catch (const domain::ValidationError& error) {
    errors.push_back(error.errors().front());
  }
  std::set<domain::RecordPart> parts;
  for (const auto& name : input.parts) {
    const auto part = domain::parse_record_part(name);
    if (!part) {
      errors.push_back({"parts", "parts.invalid"});
      break;
    }
    parts.insert(*part);
  }
  if (parts.empty() && errors.empty()) errors.push_back({"parts", "parts.required"});

  const std::int64_t now = clock_.now();
  storage::Transaction transaction(connection);
  storage::HouseholdRepository(connection).lock(household_id);
  const auto household = existing(connection, actor, household_id);
  const auto decision = decide_from_database(connection, actor, household, domain::format_timestamp(now));
  if (!decision.access.may_change) {
    audit_.record_later(actor, {household_id, "sharing", "change", "denied", "no need to know"});
    throw not_found(household_id, actor);
  }
  storage::AccessRepository access(connection);
  const auto basis = access.legal_basis(input.legal_basis_id);
  if (!basis || !basis->active) {
    errors.push_back({"legal_basis_id", "legal_basis_id.unknown"});
  } else {
    // The resident's wish can narrow what the basis allows, never widen it.
    if (domain::narrow_share(parse_parts(basis->parts), parts) != parts) {
      errors.push_back({"parts", "parts.beyond_basis"});
    }
  }
  if (!errors.empty()) throw domain::ValidationError(std::move(errors));
  const auto id = access.add_sharing(household_id, basis->id, join_parts(parts), wish, actor.user_id,
                                     domain::format_timestamp(now));
  audit_.record_in(connection, actor,
                   {household_id, "sharing", "create", "allowed",
                    decision.purpose + ": share " + join_parts(parts) + " with " + basis->domain});
  transaction.commit();
  return id;
}

void AccessService::withdraw_sharing(storage::Connection& connection, const Actor& actor, std::int64_t household_id,
                                     std::int64_t agreement_id) {
  const std::int64_t now = clock_.now();
  storage::Transaction transaction(connection);
  storage::HouseholdRepository(connection).lock(household_id);
  const auto household = existing(connection, actor, household_id);
  const auto decision = decide_from_database(connection, actor, household, domain::format_timestamp(now));
  const bool resident = decision.access.basis == domain::AccessBasis::resident;
  if (!decision.access.may_change && !resident) {
    audit_.record_later(actor, {household_id, "sharing", "change", "denied", "no need to know"});
    throw not_found(household_id, actor);
  }
  if (resident) {
    // A share on a legal duty is not the resident's to withdraw: they object instead.
    for (const auto& agreement : storage::AccessRepository(connection).sharing(household_id)) {
      if (agreement.id != agreement_id) continue;
      const auto ground = domain::parse_sharing_ground(agreement.basis.ground);
      if (!ground) throw std::runtime_error("legal basis " + std::to_string(agreement.basis.id) + " has no ground");
      if (!domain::resident_may_withdraw(*ground)) {
        throw Conflict("sharing.legal_duty", "agreement " + std::to_string(agreement_id) + " rests on a legal duty");
      }
    }
  }
  if (!storage::AccessRepository(connection)
           .withdraw_sharing(household_id, agreement_id, actor.user_id, domain::format_timestamp(now))) {
    throw NotFound("sharing.not_found", "no agreement " + std::to_string(agreement_id) + " in force for household " +
                                            std::to_string(household_id));
  }
  audit_.record_in(connection, actor,
                   {household_id, "sharing", "change", "allowed",
                    decision.purpose + ": withdrew agreement " + std::to_string(agreement_id)});
  transaction.commit();
}

std::vector<storage::LegalBasisRecord> AccessService::legal_bases(storage::Connection& connection) {
  return storage::AccessRepository(connection).legal_bases(true);
}

std::int64_t AccessService::add_legal_basis(storage::Connection& connection, const Actor& actor,
                                            storage::LegalBasisRecord basis) {
  std::vector<domain::FieldError> errors;
  const auto& domains = domain::involvement_domains();
  if (std::find(domains.begin(), domains.end(), basis.domain) == domains.end()) {
    errors.push_back({"domain", "domain.invalid"});
  }
  try {
    basis.purpose = checked_text(basis.purpose, "purpose", "basis_purpose", 3, 200);
  } catch (const domain::ValidationError& error) {
    errors.push_back(error.errors().front());
  }
  try {
    basis.description = checked_text(basis.description, "description", "basis_description", 5, 500);
  } catch (const domain::ValidationError& error) {
    errors.push_back(error.errors().front());
  }
  try {
    const auto parts = parse_parts(basis.parts);
    if (parts.empty()) errors.push_back({"parts", "parts.required"});
    basis.parts = join_parts(parts);
  } catch (const storage::DatabaseError&) {
    errors.push_back({"parts", "parts.invalid"});
  }
  if (!domain::parse_sharing_ground(basis.ground)) errors.push_back({"ground", "ground.invalid"});
  if (!errors.empty()) throw domain::ValidationError(std::move(errors));
  basis.active = true;
  storage::Transaction transaction(connection);
  const auto id = storage::AccessRepository(connection).add_legal_basis(basis);
  audit_.record_in(connection, actor, {std::nullopt, "legal_basis", "create", "allowed", basis.domain});
  transaction.commit();
  return id;
}

AccessLogPage AccessService::access_log(storage::Connection& connection, const Actor& actor, std::int64_t household_id,
                                        std::optional<std::int64_t> before, int lines) {
  if (lines < 1 || lines > domain::access_log_max_lines) throw domain::ValidationError("limit", "limit.invalid");
  if (before && *before < 1) throw domain::ValidationError("before", "before.invalid");
  const auto household = existing(connection, actor, household_id);
  std::string purpose = "auditor";
  if (actor.access_role != domain::Role::auditor) {
    const auto decision = decide_from_database(connection, actor, household, domain::format_timestamp(clock_.now()));
    if (!decision.access.access_log) {
      audit_.record_later(actor, {household_id, "access_log", "read", "denied", "no need to know"});
      throw not_found(household_id, actor);
    }
    purpose = decision.purpose;
  }
  audit_.catch_up(connection);  // the reads of a moment ago belong in it
  storage::AuditRepository audit(connection);
  AccessLogPage page;
  for (auto& entry : audit.pinned_candidates_for_household(household_id, pinned_shown)) {
    if (domain::is_pinned_access(logged(entry))) page.pinned.push_back(std::move(entry));
  }
  // Read until there is one line more than asked (so we know older ones
  // exist), the entries run out, or the read cap is reached.
  std::vector<storage::AuditRecord> raw;
  std::vector<domain::LoggedAccess> rules;
  std::vector<domain::AccessLogLine> grouped;
  const std::size_t chunk = static_cast<std::size_t>(lines) * 4 + 1;
  std::optional<std::int64_t> cursor = before;
  bool exhausted = false;
  while (!exhausted && grouped.size() <= static_cast<std::size_t>(lines) && raw.size() < access_log_read_cap) {
    auto more = audit.for_household_before(household_id, cursor, static_cast<int>(chunk));
    exhausted = more.size() < chunk;
    for (auto& entry : more) {
      rules.push_back(logged(entry));
      raw.push_back(std::move(entry));
    }
    if (!raw.empty()) cursor = raw.back().seq;
    grouped = domain::group_access_log(rules);
  }
  const bool more_lines = grouped.size() > static_cast<std::size_t>(lines);
  if (more_lines) grouped.resize(static_cast<std::size_t>(lines));
  for (const auto& line : grouped) {
    const auto& oldest = raw[line.first + line.count - 1];
    page.lines.push_back({raw[line.first], static_cast<std::int64_t>(line.count), oldest.at});
  }
  if (more_lines) {
    page.next_before = raw[grouped.back().first + grouped.back().count - 1].seq;
  } else if (!exhausted && !raw.empty()) {
    page.next_before = raw.back().seq;  // the read cap ended this page
  }
  audit_.record_later(actor, {household_id, "access_log", "read", "allowed", purpose});
  return page;
}

std::vector<DomainShare> AccessService::domain_shares(storage::Connection& connection, const Actor& actor) {
  if (actor.access_role != domain::Role::domain_professional) {
    throw Forbidden("access.domain_only", "the households shared with a domain are for its professionals");
  }
  audit_.record_later(actor, {std::nullopt, "domain_shares", "search", "allowed", "shared: " + actor.domain});
  std::vector<DomainShare> shares;
  if (actor.domain.empty()) return shares;  // nothing can be shared with no domain
  for (auto& row : storage::AccessRepository(connection).shares_with_domain(actor.domain, domain_shares_shown)) {
    // Rows come the newest first, so a household's first row places it.
    auto found = std::find_if(shares.begin(), shares.end(),
                              [&](const DomainShare& share) { return share.household_id == row.household_id; });
    if (found == shares.end()) {
      shares.push_back({row.household_id, row.postcode, row.house_number, {}, {}});
      found = std::prev(shares.end());
    }
    const auto opened = shared_parts({row.agreement}, actor.domain);
    found->parts.insert(opened.begin(), opened.end());
    found->agreements.push_back(std::move(row.agreement));
  }
  // An agreement that opens nothing (its basis no longer allows what was agreed) gives no access: not listed.
  std::erase_if(shares, [](const DomainShare& share) { return share.parts.empty(); });
  return shares;
}

std::vector<storage::AuditRecord> AccessService::emergency_accesses(storage::Connection& connection,
                                                                    const Actor& actor) {
  audit_.catch_up(connection);
  auto entries = storage::AuditRepository(connection).emergency_accesses(emergency_accesses_shown);
  audit_.record_later(actor, {std::nullopt, "emergency_accesses", "search", "allowed", "auditor"});
  return entries;
}

}  // namespace gezicht::service
