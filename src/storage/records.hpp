#pragma once
// Rows as the repositories hand them out.

#include <cstdint>
#include <optional>
#include <string>

namespace gezicht::storage {

struct UserRecord {
  std::int64_t id = 0;
  std::string username;
  std::string password_hash;
  std::string name;
  std::string role;  // professional | teamlead | admin
  std::optional<std::int64_t> team_id;
  std::string team_name;  // empty without a team
  std::string phone;
  std::string job_title;
  std::string languages;  // comma-separated
  std::optional<std::string> photo_url;
  bool active = true;
};

struct HouseholdRecord {
  std::int64_t id = 0;
  std::string postcode;
  std::string house_number;
  std::optional<std::int64_t> fixed_contact_id;
  std::string preferred_language = "nl";
  std::string contact_channel = "phone";
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
};

struct ReferralRecord {
  std::int64_t id = 0;
  std::string reference;
  std::int64_t household_id = 0;
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
};

struct SessionRecord {
  std::string token_hash;
  std::int64_t user_id = 0;
  std::string csrf_token;
  std::string created_at;
  std::string last_seen_at;
};

}  // namespace gezicht::storage
