#pragma once
// A resident's request for help without a referral (self-referral):
// what they send, and the rules it must meet.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace gezicht::domain {

// Exactly what came in from the form or the JSON body, untrusted.
struct ReferralInput {
  std::string name;
  std::string phone;
  std::string email;
  std::string postcode;
  std::string house_number;
  std::string question;
  std::string language;  // preferred language for contact
  std::string channel;   // phone | home_visit | walk_in
  bool trusted_person = false;
  bool follow_online = false;  // "ik wil mijn aanvraag online volgen": needs an e-mail address
  std::string background;      // optional: one of background_choices(); "" is not answered
};

// The same request after validation: normalised and safe to store.
struct ValidReferral {
  std::string name;
  std::string phone;
  std::string email;
  std::string postcode;      // "1234AB"
  std::string house_number;  // "12A"
  std::string question;
  std::string language;
  std::string channel;
  bool trusted_person = false;
  bool follow_online = false;
  // Only for the dashboard's aggregates: never shown per person, never read by a decision.
  std::optional<std::string> background;
};

inline constexpr std::size_t max_name_length = 200;
inline constexpr std::size_t max_question_length = 4000;

// The languages a resident can ask to be contacted in (ISO 639 codes).
const std::vector<std::string>& contact_languages();
// The ways of first contact a resident can choose.
const std::vector<std::string>& contact_channels();
// How a resident found the team, recorded with the first contact: website
// (a self-referral), phone, walk_in, outreach (met in the neighbourhood),
// referred (by someone else). A self-referral starts as website.
const std::vector<std::string>& arrival_routes();
// What a resident may say about their background, asked in plain words and
// never required: born in the Netherlands as their parents were, born here
// with one or both parents born elsewhere, born elsewhere, or "zeg ik liever
// niet". Nationality and ethnicity are never asked.
const std::vector<std::string>& background_choices();

// Throws ValidationError listing every problem at once, so a form can show
// them all. Fields: name, phone, email (or "contact" when both are empty),
// postcode, house_number, question, language, channel, background.
ValidReferral validate_referral(const ReferralInput& input);

// Formats random bytes as a reference code residents can read out over the
// phone: "GZ-" and two groups of four Crockford base-32 characters (no I, L,
// O, U), e.g. "GZ-7K3M-Q9XD". Uses the first 8 bytes.
std::string format_reference(const unsigned char (&random_bytes)[8]);
// Accepts lower case and the look-alikes a resident may type (O for 0, I/L for 1).
std::optional<std::string> normalise_reference(std::string_view text);

}  // namespace gezicht::domain
