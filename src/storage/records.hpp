#pragma once
// Rows as the repositories hand them out.

#include <cstdint>
#include <optional>
#include <string>

namespace gezicht::storage {

// An account as a face and a role: never its password hash, which only the
// login reads (UserRepository::find_for_login).
struct UserRecord {
  std::int64_t id = 0;
  std::string username;
  std::string name;
  std::string role;  // see domain::Role
  std::optional<std::int64_t> team_id;
  std::string team_name;  // empty without a team
  std::string phone;
  std::string job_title;
  std::string languages;  // comma-separated
  std::optional<std::string> photo_url;
  bool active = true;
  std::string domain;                        // a domain professional's domain
  std::optional<std::int64_t> household_id;  // a resident's own household
};

struct HouseholdRecord {
  std::int64_t id = 0;
  std::string postcode;
  std::string house_number;
  std::optional<std::int64_t> fixed_contact_id;
  std::string preferred_language = "nl";
  std::string contact_channel = "phone";
  std::optional<std::string> closed_on;  // YYYY-MM-DD once support ended
};

// One household on a professional's caseload, with what needs attention.
struct CaseloadRow {
  std::int64_t household_id = 0;
  std::string name;  // the first adult's name, or the address
  std::string postcode;
  std::string house_number;
  int open_actions = 0;
  int overdue_actions = 0;
  std::optional<std::string> last_contact_at;
  int faces_90d = 0;
  int fixed_contact_changes_year = 0;
  std::string fixed_contact_name;  // filled for the team lead's overview
};

struct ReferralSummary {
  std::string reference;
  std::string created_at;
  std::string promised_by;
  std::optional<std::string> first_contact_at;
  std::int64_t contact_id = 0;  // who answers it: only they (and their team lead) open it

  bool operator==(const ReferralSummary&) const = default;
};

struct ReferralRecord {
  std::int64_t id = 0;
  std::string reference;
  // None while the referral waits to be joined to a household (a request
  // for an address where one was already known: ReferralService::submit).
  std::optional<std::int64_t> household_id;
  std::int64_t team_id = 0;
  std::int64_t contact_id = 0;
  std::string contact_name;
  std::string name;
  std::string phone;
  std::string email;
  std::string postcode;
  std::string house_number;
  std::string question;
  std::string language;
  std::string channel;
  bool trusted_person = false;
  std::string assignment_reason;
  std::string created_at;
  std::string promised_by;
  std::optional<std::string> first_contact_at;
  std::optional<std::string> first_contact_channel;
  std::string arrived_via = "website";  // domain::arrival_routes()
};

struct SessionRecord {
  std::string token_hash;
  std::int64_t user_id = 0;
  std::string csrf_token;
  std::string created_at;
  std::string last_seen_at;
  // How the person proved who they are: password (staff), email_code or
  // digid (residents; domain::Assurance).
  std::string assurance = "password";
};

// A legal basis on which a household's record may be shared with a domain.
struct LegalBasisRecord {
  std::int64_t id = 0;
  std::string domain;
  std::string purpose;
  std::string parts;  // comma-separated record parts
  std::string description;
  bool active = true;
  std::string ground = "consent";  // consent (may be withdrawn) | legal_duty (may be objected to)
};

// A household's agreement to share on a legal basis (withdrawn ones stay).
struct SharingAgreementRecord {
  std::int64_t id = 0;
  LegalBasisRecord basis;
  std::string parts;  // comma-separated, within the basis's parts
  std::string resident_wish;
  std::string recorded_by_name;
  std::string recorded_at;
  std::optional<std::string> withdrawn_by_name;
  std::optional<std::string> withdrawn_at;
};

// An agreement in force with the household it belongs to.
struct DomainShareRow {
  std::int64_t household_id = 0;
  std::string postcode;
  std::string house_number;
  SharingAgreementRecord agreement;
};

// One entry of the audit trail (NEN 7513 / BIO logging fields).
struct AuditRecord {
  std::int64_t seq = 0;
  std::string at;  // UTC
  std::optional<std::int64_t> actor_user_id;
  std::string actor_name;
  std::string actor_role;
  std::string organisation;
  std::string on_behalf_of;
  std::optional<std::int64_t> household_id;
  std::string part;
  std::string action;
  std::string result;
  std::string client_address;
  std::string purpose;
  std::string route;
  std::string prev_hash;
  std::string hash;
  // How `hash` was computed (service/audit_chain.hpp); append_to_chain sets it.
  std::int64_t hash_format = 0;
};

// The end of the audit chain, and where it starts after retention.
struct AuditChainHead {
  std::int64_t last_seq = 0;
  std::string last_hash;
  std::int64_t first_seq = 1;
  std::string first_prev_hash;
};

}  // namespace gezicht::storage
