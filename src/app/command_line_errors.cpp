#include "app/command_line_errors.hpp"

#include <iostream>
#include <map>
#include <stdexcept>

#include "domain/access_policy.hpp"
#include "domain/household.hpp"
#include "domain/referral.hpp"
#include "service/password.hpp"

namespace gezicht::app {
namespace {

std::string joined(const std::vector<std::string>& words) {
  std::string text;
  for (const auto& word : words) text += (text.empty() ? "" : ", ") + word;
  return text;
}

std::vector<std::string> role_names() {
  std::vector<std::string> names;
  for (auto role : domain::all_roles()) names.push_back(domain::to_string(role));
  return names;
}

// The account commands' keys, whose fields are command-line options.
const std::map<std::string, std::string>& option_sentences() {
  static const std::map<std::string, std::string> sentences{
      {"username.invalid",
       "--username must be 2 to 64 characters: lowercase letters, digits, '.', '-' or '_' (for example j.devries)"},
      {"username.taken",
       "--username is already in use; pick another, or set that account's password with `gezicht user passwd`"},
      {"password.too_short", "the password on standard input is too short: use at least " +
                                 std::to_string(service::minimum_password_length) + " characters"},
      {"password.too_long", "the password on standard input is too long: use at most 1024 characters"},
      {"name.required", "--name is required: the person's full name, on one line, as residents will see it"},
      {"role.invalid", "--role must be one of: " + joined(role_names())},
      {"domain.invalid",
       "--domain is required for a domain professional, one of: " + joined(domain::involvement_domains())},
      {"household.required", "--household is required for a resident: the id of the resident's own household"},
      {"languages.invalid",
       "--languages takes language codes separated by commas, from: " + joined(domain::contact_languages())},
      {"team.unknown",
       "--team names no neighbourhood team in this database; load the teams first with `gezicht directory import` "
       "(docs/directory-import.md), and `gezicht directory export` shows them"},
      {"team.required",
       "--team is required for professionals and team leads: the neighbourhood team residents find them in"},
      {"phone.required", "--phone is required for professionals and team leads: residents see it on the front door"},
      {"category_key.invalid", "--key must be 1 to 40 letters a to z and _, for example housing_rule"},
      {"category_name.required", "--name is required: the name professionals choose from the list"},
      {"category_name.too_long", "--name is too long: use at most 100 characters"},
      {"category_name.one_line", "--name must be one line, without control characters"},
      {"user.not_found", "there is no account with that --username; `gezicht user list` shows the accounts"},
  };
  return sentences;
}

// The directory import's keys, said of a place in the file.
const std::map<std::string, std::string>& file_sentences() {
  static const std::map<std::string, std::string> sentences{
      {"field.required", "is missing or empty"},
      {"field.invalid", "has a value that is not allowed there (docs/directory-import.md says what is)"},
      {"field.duplicate", "is a name the file uses twice; each must be unique"},
      {"field.type", "has the wrong JSON type (docs/directory-import.md shows each field's)"},
      {"body.not_object", "must be one JSON object with \"municipality\" and \"teams\""},
      {"postcode.invalid", "is not a postcode: 4 digits and 2 letters, for example 2501 AB"},
      {"postcode.overlap", "overlaps a postcode range of another neighbourhood; each postcode has one team"},
      {"theme.unknown_token", "is not an NL Design System token: its name starts with --basis-, --utrecht- or --gz-"},
      {"theme.invalid_value", "is not a plain colour, length, number or font list (no ; { } < > or url())"},
      {"theme.too_many", "has more tokens than a theme needs (at most 200)"},
      {"logo.file_unreadable", "names a file that cannot be read; give a path relative to the import file"},
      {"logo.empty", "is an empty file; give the logo as a JPEG or PNG"},
      {"logo.too_large", "is larger than 1 MB; make the logo smaller"},
      {"logo.unknown_type", "is not a JPEG or PNG image"},
      {"logo.corrupt", "is a damaged or incomplete image"},
      {"logo.too_many_pixels", "is larger than 4000 x 4000 pixels; make the logo smaller"},
      {"photo.file_unreadable", "names a file that cannot be read; give a path relative to the import file"},
      {"photo.unknown_account", "names no staff account; make it first with `gezicht user add`"},
      {"photo.empty", "is an empty file; give a JPEG or PNG photo"},
      {"photo.too_large", "is larger than 2 MB; make the photo smaller"},
      {"photo.unknown_type", "is not a JPEG or PNG photo"},
      {"photo.corrupt", "is a damaged or incomplete photo"},
      {"photo.too_many_pixels", "is larger than 4000 x 4000 pixels; make the photo smaller"},
      // gezicht experience add-statements
      {"statement_file.shape",
       "must be one JSON object with \"statements\" (docs/client-experience.md shows the file)"},
      {"statement_file.type", "has the wrong JSON type (docs/client-experience.md shows the file)"},
      {"statements.count", "must list 1 to 20 statements"},
      {"statements.invalid_key", "is not a statement key: 1 to 40 letters a to z and _"},
      {"statements.duplicate", "is a key the file uses twice; each statement once"},
      {"statement_words.required", "is missing or empty: every statement needs its words in every residents' language"},
      {"statement_words.too_long", "is longer than 200 characters; say it shorter"},
      {"statement_words.one_line", "contains a line break or another control character; keep a statement on one line"},
      {"statement_words.unknown_language", "is not a language gezicht offers (nl, en, tr, ar, pl, uk)"},
      {"statement_words.unknown_statement", "gives words for a statement that is not in the list"},
      {"version.invalid", "is not a version number"},
  };
  return sentences;
}

class UnknownCommand : public CLI::ParseError {
 public:
  explicit UnknownCommand(std::string message) : ParseError("UnknownCommand", std::move(message), 2) {}
};

}  // namespace

std::string describe_for_command_line(const domain::FieldError& error, FieldKind kind) {
  const auto& sentences = kind == FieldKind::option ? option_sentences() : file_sentences();
  const auto found = sentences.find(error.message_key);
  if (found == sentences.end()) {
    throw std::out_of_range("no command-line sentence for " + error.field + " (" + error.message_key + ")");
  }
  return kind == FieldKind::option ? found->second : error.field + " " + found->second;
}

void fail_with(const domain::ValidationError& error, FieldKind kind) {
  for (const auto& field : error.errors()) std::cerr << "gezicht: " << describe_for_command_line(field, kind) << "\n";
  throw CLI::RuntimeError(2);
}

void check_command_names(const CLI::App& app, int argc, const char* const* argv) {
  const CLI::App* command = &app;
  std::string path = "gezicht";
  for (int i = 1; i < argc; ++i) {
    const std::string word = argv[i];
    if (word.empty() || word.front() == '-') return;  // options (and --help) are CLI11's to check
    const auto subcommands = command->get_subcommands({});
    if (subcommands.empty()) return;  // a positional argument of a leaf command
    const CLI::App* next = nullptr;
    std::vector<std::string> names;
    for (const auto* subcommand : subcommands) {
      names.push_back(subcommand->get_name());
      if (subcommand->check_name(word)) next = subcommand;
    }
    if (!next) {
      throw UnknownCommand("'" + path + " " + word + "' is not a command. The commands are: " + joined(names) + ". '" +
                           path + " --help' says what each does.");
    }
    command = next;
    path += " " + word;
  }
}

}  // namespace gezicht::app
