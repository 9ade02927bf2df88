#include "domain/referral.hpp"

#include <algorithm>
#include <cctype>

#include "domain/postcode.hpp"
#include "domain/text.hpp"
#include "domain/validation_error.hpp"

namespace gezicht::domain {
namespace {

constexpr std::string_view crockford = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

bool valid_phone(std::string_view phone) {
  int digits = 0;
  for (std::size_t i = 0; i < phone.size(); ++i) {
    const char c = phone[i];
    if (c >= '0' && c <= '9')
      ++digits;
    else if (c == '+' && i == 0)
      continue;
    else if (c != ' ' && c != '-' && c != '(' && c != ')')
      return false;
  }
  return digits >= 9 && digits <= 15;
}

bool contains(const std::vector<std::string>& list, const std::string& value) {
  return std::find(list.begin(), list.end(), value) != list.end();
}

}  // namespace

const std::vector<std::string>& contact_languages() {
  // Dutch and English, and the languages most spoken by residents who are
  // not at home in Dutch, so a resident can be helped by someone who speaks theirs.
  static const std::vector<std::string> languages{"nl", "en",  "ar", "tr", "pl",  "ti",
                                                  "so", "pap", "fa", "uk", "ber", "es"};
  return languages;
}

const std::vector<std::string>& arrival_routes() {
  static const std::vector<std::string> routes{"website", "phone", "walk_in", "outreach", "referred"};
  return routes;
}

const std::vector<std::string>& background_choices() {
  static const std::vector<std::string> choices{"born_here_parents_here", "parent_born_elsewhere", "born_elsewhere",
                                                "rather_not_say"};
  return choices;
}

const std::vector<std::string>& contact_channels() {
  static const std::vector<std::string> channels{"phone", "home_visit", "walk_in"};
  return channels;
}

ValidReferral validate_referral(const ReferralInput& input) {
  std::vector<FieldError> errors;
  ValidReferral valid;

  valid.name = collapse_spaces(input.name);
  if (valid.name.empty())
    errors.push_back({"name", "name.required"});
  else if (!is_clean_line(valid.name) || utf8_length(valid.name) > max_name_length) {
    errors.push_back({"name", "name.invalid"});
  }

  valid.phone = collapse_spaces(input.phone);
  valid.email = collapse_spaces(input.email);
  if (valid.phone.empty() && valid.email.empty()) {
    errors.push_back({"contact", "contact.required"});
  }
  if (!valid.phone.empty() && !valid_phone(valid.phone)) errors.push_back({"phone", "phone.invalid"});
  if (!valid.email.empty() && !is_email_address(valid.email)) errors.push_back({"email", "email.invalid"});
  if (input.follow_online && valid.email.empty()) errors.push_back({"email", "email.required_to_follow"});

  if (trim_view(input.postcode).empty())
    errors.push_back({"postcode", "postcode.required"});
  else if (auto postcode = normalise_postcode(input.postcode))
    valid.postcode = *postcode;
  else
    errors.push_back({"postcode", "postcode.invalid"});

  if (trim_view(input.house_number).empty())
    errors.push_back({"house_number", "house_number.required"});
  else if (auto number = normalise_house_number(input.house_number))
    valid.house_number = *number;
  else
    errors.push_back({"house_number", "house_number.invalid"});

  valid.question = std::string(trim_view(input.question));
  if (valid.question.empty())
    errors.push_back({"question", "question.required"});
  else if (!is_clean_text(valid.question))
    errors.push_back({"question", "question.invalid"});
  else if (utf8_length(valid.question) > max_question_length)
    errors.push_back({"question", "question.too_long"});

  valid.language = std::string(trim_view(input.language));
  if (valid.language.empty()) valid.language = "nl";
  if (!contains(contact_languages(), valid.language)) errors.push_back({"language", "language.invalid"});

  valid.channel = std::string(trim_view(input.channel));
  if (valid.channel.empty())
    errors.push_back({"channel", "channel.required"});
  else if (!contains(contact_channels(), valid.channel))
    errors.push_back({"channel", "channel.invalid"});

  // "Bel mij" needs a number to call; with neither a number nor an address
  // the contact error above already says so.
  if (valid.channel == "phone" && valid.phone.empty() && !valid.email.empty()) {
    errors.push_back({"phone", "phone.required_to_call"});
  }

  if (!input.background.empty()) {
    if (contains(background_choices(), input.background)) {
      valid.background = input.background;
    } else {
      errors.push_back({"background", "background.invalid"});
    }
  }

  valid.trusted_person = input.trusted_person;
  valid.follow_online = input.follow_online;
  if (!errors.empty()) throw ValidationError(std::move(errors));
  return valid;
}

std::string format_reference(const unsigned char (&random_bytes)[8]) {
  std::string code = "GZ-";
  for (int i = 0; i < 8; ++i) {
    if (i == 4) code.push_back('-');
    code.push_back(crockford[random_bytes[i] % 32]);
  }
  return code;
}

std::optional<std::string> normalise_reference(std::string_view text) {
  std::string symbols;
  for (char c : trim_view(text)) {
    if (c == '-' || c == ' ') continue;
    c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    if (c == 'O') c = '0';
    if (c == 'I' || c == 'L') c = '1';
    symbols.push_back(c);
  }
  if (symbols.size() != 10 || !symbols.starts_with("GZ")) return std::nullopt;
  for (std::size_t i = 2; i < symbols.size(); ++i) {
    if (crockford.find(symbols[i]) == std::string_view::npos) return std::nullopt;
  }
  return "GZ-" + symbols.substr(2, 4) + "-" + symbols.substr(6, 4);
}

}  // namespace gezicht::domain
