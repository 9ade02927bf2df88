#pragma once
// Rules for residents logging in without a password: a one-time code by
// e-mail, or DigiD. How strongly a session's person is known (assurance), and
// what a municipality may ask DigiD for.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace gezicht::domain {

// A code: 6 random digits, single use, valid 10 minutes, 5 tries.
inline constexpr int login_code_digits = 6;
inline constexpr std::int64_t login_code_seconds = 10 * 60;
inline constexpr int login_code_max_tries = 5;
// Codes sent to one address within an hour at most (the rest are not sent,
// without telling the asker: the answer is always the same).
inline constexpr int login_codes_per_address_per_hour = 5;
// An invitation to follow the household on the portal.
inline constexpr std::int64_t invitation_seconds = 14 * 24 * 60 * 60;

// Trimmed and in lower case; ValidationError("email", "email.invalid") for
// anything but a plain address (e.g. "Naam <a@b.nl>").
std::string normalize_email(std::string_view text);

// "123 456" and "123-456" are "123456"; nullopt unless exactly the code's digits remain.
std::optional<std::string> normalize_login_code(std::string_view text);

// "f.amrani@voorbeeld.nl" as "f*****i@voorbeeld.nl": shown on the
// invitation page, so a stranger holding the link learns little.
std::string mask_email(std::string_view email);

enum class Assurance {
  password,    // staff
  email_code,  // a resident who showed they read the mailbox: low
  digid,       // a resident known through DigiD (substantial, via the broker)
};
const char* to_string(Assurance assurance);
std::optional<Assurance> parse_assurance(std::string_view text);

// Parts of the portal a municipality may keep for DigiD (its setting): the
// plan and the data download. Everything else is open with an e-mail code.
bool assurance_suffices(Assurance assurance, bool digid_required);

}  // namespace gezicht::domain
