#include "domain/resident_login.hpp"

#include "domain/text.hpp"
#include "domain/validation_error.hpp"

namespace gezicht::domain {

std::string normalize_email(std::string_view text) {
  std::string email(trim_view(text));
  for (char& c : email) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  if (!is_email_address(email)) throw ValidationError("email", "email.invalid");
  return email;
}

std::optional<std::string> normalize_login_code(std::string_view text) {
  std::string digits;
  for (const char c : trim_view(text)) {
    if (c == ' ' || c == '-') continue;
    if (c < '0' || c > '9') return std::nullopt;
    digits += c;
  }
  if (digits.size() != static_cast<std::size_t>(login_code_digits)) return std::nullopt;
  return digits;
}

std::string mask_email(std::string_view email) {
  const auto at = email.find('@');
  if (at == std::string_view::npos) return std::string(email.size(), '*');
  const auto local = email.substr(0, at);
  std::string masked;
  if (local.size() <= 2) {
    masked = std::string(local.size(), '*');
  } else {
    masked = std::string(1, local.front()) + std::string(local.size() - 2, '*') + local.back();
  }
  return masked + std::string(email.substr(at));
}

const char* to_string(Assurance assurance) {
  switch (assurance) {
    case Assurance::password: return "password";
    case Assurance::email_code: return "email_code";
    case Assurance::digid: return "digid";
  }
  return "password";
}

std::optional<Assurance> parse_assurance(std::string_view text) {
  for (auto assurance : {Assurance::password, Assurance::email_code, Assurance::digid}) {
    if (text == to_string(assurance)) return assurance;
  }
  return std::nullopt;
}

bool assurance_suffices(Assurance assurance, bool digid_required) {
  return !digid_required || assurance == Assurance::digid;
}

}  // namespace gezicht::domain
