#pragma once
// Keys of the `settings` table: what a municipality configures.

namespace gezicht::storage::settings_keys {

// A theme token is kept as "theme.--basis-color-...": the key is this prefix and the token's name.
inline constexpr const char* theme_prefix = "theme.";
// The municipality's logo as the server re-encoded it (base64 PNG), and its size ("480x96").
inline constexpr const char* logo_png = "logo_png";
inline constexpr const char* logo_size = "logo_size";

inline constexpr const char* municipality_name = "municipality_name";    // "Gemeente Voorbeeld"
inline constexpr const char* municipality_phone = "municipality_phone";  // general number, "14 020"
inline constexpr const char* municipality_website = "municipality_website";
inline constexpr const char* promise_working_days = "promise_working_days";  // default "3"
// Raised by every change to teams or people, so a running server notices
// changes made by another process (the CLI) within a second.
inline constexpr const char* directory_version = "directory_version";
// Retention, in whole years (see docs/security.md): how long after a
// household's support ended its record is kept, and how long audit entries are.
inline constexpr const char* retention_closed_household_years = "retention_closed_household_years";  // default "7"
inline constexpr const char* retention_audit_log_years = "retention_audit_log_years";                // default "7"

// "1": every account except residents needs a second factor (TOTP) to log
// in; without one yet, a login reaches only the enrolment. Missing means "1".
inline constexpr const char* two_factor_required = "two_factor_required";

// Client experience: groups with fewer answers than this show no figures
// (default "10", never below 5: domain::suppression_threshold).
inline constexpr const char* experience_threshold = "experience_threshold";

// Breakthroughs: working days to decide an urgent and a normal request
// (defaults "1" and "5"), and the amount in cents above which two members
// must agree (default "500000", 5,000 euro).
inline constexpr const char* breakthrough_urgent_days = "breakthrough_urgent_days";
inline constexpr const char* breakthrough_normal_days = "breakthrough_normal_days";
inline constexpr const char* breakthrough_two_member_cents = "breakthrough_two_member_cents";

}  // namespace gezicht::storage::settings_keys
