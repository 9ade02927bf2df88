// `gezicht experience`: the municipality's statement sets for "Hoe ging het
// contact?". A set is never changed: a new one is added as the next version
// and asked from then on; earlier answers keep the version they were given on.

#include <nlohmann/json.hpp>

#include <fstream>
#include <iostream>

#include "app/command_line_errors.hpp"
#include "app/commands.hpp"
#include "domain/validation_error.hpp"
#include "service/clock.hpp"
#include "service/experience_statements.hpp"
#include "storage/migrations.hpp"
#include "web/translations.hpp"

namespace gezicht::app {
namespace {

using Json = nlohmann::json;

// {"statements": [{"key": "...", "words": {"nl": "...", ...}}, ...]}; a
// value of the wrong type names its place.
domain::StatementSet parse_set(const Json& json) {
  if (!json.is_object() || !json.contains("statements"))
    throw domain::ValidationError("(file)", "statement_file.shape");
  const auto& statements = json.at("statements");
  if (!statements.is_array()) throw domain::ValidationError("statements", "statement_file.type");
  domain::StatementSet set;
  for (std::size_t i = 0; i < statements.size(); ++i) {
    const std::string at = "statements[" + std::to_string(i) + "]";
    const auto& statement = statements[i];
    if (!statement.is_object()) throw domain::ValidationError(at, "statement_file.type");
    if (!statement.contains("key") || !statement.at("key").is_string()) {
      throw domain::ValidationError(at + ".key", "statement_file.type");
    }
    const auto key = statement.at("key").get<std::string>();
    set.statements.push_back(key);
    if (!statement.contains("words")) continue;  // validation names each missing language
    if (!statement.at("words").is_object()) throw domain::ValidationError(at + ".words", "statement_file.type");
    for (const auto& [language, words] : statement.at("words").items()) {
      if (!words.is_string()) throw domain::ValidationError(at + ".words." + language, "statement_file.type");
      set.words[key][language] = words.get<std::string>();
    }
  }
  return set;
}

void print_sets(storage::Connection& connection) {
  for (const auto& info : service::statement_sets(connection)) {
    std::cout << "version " << info.set.version << " (" << info.created_at << ")"
              << (info.set.words.empty() ? ", words from the translations" : "") << "\n";
    for (const auto& statement : info.set.statements) {
      std::cout << "  " << statement;
      const auto worded = info.set.words.find(statement);
      if (worded != info.set.words.end() && worded->second.contains("nl")) std::cout << ": " << worded->second.at("nl");
      std::cout << "\n";
    }
  }
}

}  // namespace

void add_experience_command(CLI::App& app) {
  auto* experience = app.add_subcommand("experience", "The statements residents answer after a contact");
  experience->require_subcommand(1);

  auto list_db = std::make_shared<std::string>();
  auto* list = experience->add_subcommand("statements", "List every statement set, the oldest first");
  list->add_option("--db", *list_db, "SQLite file or postgresql:// URL")->required();
  list->callback([list_db] {
    auto connection = storage::open_connection(*list_db);
    storage::apply_migrations(*connection);
    print_sets(*connection);
  });

  auto add_options = std::make_shared<std::pair<std::string, std::string>>();
  auto* add = experience->add_subcommand(
      "add-statements", "Add a new statement set from a JSON file (see docs/client-experience.md); asked from now on");
  add->add_option("--db", add_options->first, "SQLite file or postgresql:// URL")->required();
  add->add_option("file", add_options->second, "JSON file with each statement's key and words in every language")
      ->required();
  add->callback([add_options] {
    std::ifstream in(add_options->second);
    if (!in) throw std::runtime_error("cannot read " + add_options->second);
    const Json json = Json::parse(in, nullptr, false);
    if (json.is_discarded()) throw std::runtime_error(add_options->second + " is not valid JSON");
    auto connection = storage::open_connection(add_options->first);
    storage::apply_migrations(*connection);
    try {
      const auto languages = web::Translations::load_embedded().languages();
      const service::SystemClock clock;
      const int version = service::add_statement_set(*connection, parse_set(json), languages, clock.now());
      std::cout << "added statement set version " << version << "; residents are asked it from now on\n";
    } catch (const domain::ValidationError& error) {
      fail_with(error, FieldKind::file_path);
    }
  });
}

}  // namespace gezicht::app
