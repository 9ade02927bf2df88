#pragma once
// Keys of the `settings` table: what a municipality configures.

namespace gezicht::storage::settings_keys {

inline constexpr const char* municipality_name = "municipality_name";    // "Gemeente Voorbeeld"
inline constexpr const char* municipality_phone = "municipality_phone";  // general number, "14 020"
inline constexpr const char* municipality_website = "municipality_website";
inline constexpr const char* promise_working_days = "promise_working_days";  // default "3"
// Raised by every change to teams or people, so a running server notices
// changes made by another process (the CLI) within a second.
inline constexpr const char* directory_version = "directory_version";

}  // namespace gezicht::storage::settings_keys
