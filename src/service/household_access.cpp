#include "service/household_access.hpp"

#include <stdexcept>

#include "domain/calendar.hpp"
#include "domain/record_rules.hpp"
#include "storage/access_repository.hpp"
#include "storage/database.hpp"
#include "storage/household_repository.hpp"
#include "storage/involvement_repository.hpp"

namespace gezicht::service {

std::set<domain::RecordPart> parse_parts(const std::string& text) {
  std::set<domain::RecordPart> parts;
  std::size_t at = 0;
  while (at <= text.size()) {
    const auto comma = text.find(',', at);
    const auto name = text.substr(at, comma == std::string::npos ? std::string::npos : comma - at);
    if (!name.empty()) {
      const auto part = domain::parse_record_part(name);
      if (!part) {
        std::string message = "unknown record part '";
        message += name;
        message += "' in '";
        message += text;
        message += '\'';
        throw storage::DatabaseError(message);
      }
      parts.insert(*part);
    }
    if (comma == std::string::npos) break;
    at = comma + 1;
  }
  return parts;
}

std::string join_parts(const std::set<domain::RecordPart>& parts) {
  std::string text;
  for (auto part : parts) text += (text.empty() ? "" : ",") + std::string(domain::to_string(part));
  return text;
}

std::set<domain::RecordPart> shared_parts(const std::vector<storage::SharingAgreementRecord>& agreements,
                                          const std::string& domain) {
  std::set<domain::RecordPart> shared;
  if (domain.empty()) return shared;
  for (const auto& agreement : agreements) {
    if (agreement.withdrawn_at || !agreement.basis.active || agreement.basis.domain != domain) continue;
    const auto opened = domain::narrow_share(parse_parts(agreement.basis.parts), parse_parts(agreement.parts));
    shared.insert(opened.begin(), opened.end());
  }
  return shared;
}

namespace {

std::string share_purposes(const std::vector<storage::SharingAgreementRecord>& agreements, const std::string& domain) {
  std::string purposes;
  for (const auto& agreement : agreements) {
    if (agreement.withdrawn_at || !agreement.basis.active || agreement.basis.domain != domain) continue;
    purposes += (purposes.empty() ? "" : "; ") + agreement.basis.purpose;
  }
  return purposes;
}

}  // namespace

AccessDecision decide(const Actor& actor, const storage::HouseholdRecord& household, bool involved,
                      const std::optional<std::string>& emergency_until,
                      const std::vector<storage::SharingAgreementRecord>& agreements,
                      const std::vector<domain::FixedContactChange>& changes, std::int64_t now) {
  domain::HouseholdRelationship relationship;
  relationship.fixed_contact = household.fixed_contact_id == actor.user_id;
  relationship.involved = involved;
  const auto former_until = domain::former_contact_read_access(changes, actor.user_id, now);
  relationship.former_contact = former_until.has_value();
  relationship.emergency = emergency_until.has_value();
  relationship.resident = actor.household_id == household.id;
  if (actor.access_role == domain::Role::domain_professional) {
    relationship.shared = shared_parts(agreements, actor.domain);
  }
  AccessDecision decision{domain::household_access(actor.access_role, relationship), ""};
  decision.purpose = domain::to_string(decision.access.basis);
  if (decision.access.basis == domain::AccessBasis::shared) {
    decision.purpose += ": " + share_purposes(agreements, actor.domain);
  } else if (decision.access.basis == domain::AccessBasis::emergency) {
    decision.purpose += " until " + *emergency_until;
  } else if (decision.access.basis == domain::AccessBasis::handover) {
    decision.purpose += " until " + domain::format_date(*former_until);
  }
  return decision;
}

AccessDecision decide_from_database(storage::Connection& connection, const Actor& actor,
                                    const storage::HouseholdRecord& household, const std::string& now) {
  storage::HouseholdRepository households(connection);
  storage::AccessRepository access(connection);
  const bool involved = household.fixed_contact_id != actor.user_id &&
                        households.involved_id_of_user(household.id, actor.user_id).has_value();
  const auto emergency = access.emergency_access_until(household.id, actor.user_id, now);
  std::vector<storage::SharingAgreementRecord> agreements;
  if (actor.access_role == domain::Role::domain_professional) agreements = access.sharing(household.id);
  // Only a former contact of this household, neither its contact nor
  // involved now, has changes away from them that matter.
  std::vector<domain::FixedContactChange> changes;
  if (household.fixed_contact_id != actor.user_id && !involved) {
    changes = storage::InvolvementRepository(connection).changes_away_from(household.id, actor.user_id);
  }
  const auto at = domain::parse_timestamp(now);
  if (!at) throw std::logic_error("decide_from_database: now is not a timestamp: " + now);
  return decide(actor, household, involved, emergency, agreements, changes, *at);
}

}  // namespace gezicht::service
