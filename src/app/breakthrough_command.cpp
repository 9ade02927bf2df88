// `gezicht breakthrough`: what the municipality sets for breakthroughs: the
// maatwerkbudget per year (for the whole municipality or a team's part) and
// what each kind of involvement costs a year (for "what muddling through costs").

#include <iostream>

#include "app/command_line_errors.hpp"
#include "app/commands.hpp"
#include "domain/breakthrough.hpp"
#include "domain/household.hpp"
#include "storage/breakthrough_repository.hpp"
#include "storage/database.hpp"
#include "storage/directory_repository.hpp"
#include "storage/migrations.hpp"

namespace gezicht::app {
namespace {

// A sentence on the terminal and exit code 2, as fail_with does for field errors.
[[noreturn]] void refuse(const std::string& sentence) {
  std::cerr << "gezicht: " << sentence << "\n";
  throw CLI::RuntimeError(2);
}

std::int64_t euros(const std::string& text, const std::string& option) {
  const auto cents = domain::parse_euro_amount(text);
  if (!cents) refuse(option + " must be an amount in euros, for example 250000 or 1.250,50, not " + text);
  return *cents;
}

}  // namespace

void add_breakthrough_command(CLI::App& app) {
  auto* command = app.add_subcommand("breakthrough", "The breakthrough budget and the yearly cost of involvements");
  command->require_subcommand(1);

  struct Options {
    std::string db;
    int year = 0;
    std::string amount;
    std::string team;
    std::string domain;
  };
  auto options = std::make_shared<Options>();

  auto* budget = command->add_subcommand("budget", "Set the maatwerkbudget of a year, for the municipality or a team");
  budget->add_option("--db", options->db, "SQLite file or postgresql:// URL")->required();
  budget->add_option("--year", options->year, "the year, for example 2026")->required()->check(CLI::Range(2000, 2200));
  budget->add_option("--amount", options->amount, "in euros")->required();
  budget->add_option("--team", options->team, "a team's own part (its name); without it the municipality's budget");
  budget->callback([options] {
    const auto cents = euros(options->amount, "--amount");
    auto connection = storage::open_connection(options->db);
    storage::apply_migrations(*connection);
    std::int64_t team_id = 0;
    if (!options->team.empty()) {
      const auto found = storage::DirectoryRepository(*connection).team_id_by_name(options->team);
      if (!found)
        refuse("--team: no team is called \"" + options->team + "\"; `gezicht directory export` lists the teams");
      team_id = *found;
    }
    storage::BreakthroughRepository(*connection).set_budget(options->year, team_id, cents);
    std::cout << "the breakthrough budget of " << options->year
              << (options->team.empty() ? "" : " for " + options->team) << " is " << domain::format_euro(cents) << "\n";
  });

  auto active = std::make_shared<bool>(false);
  auto* category = command->add_subcommand(
      "category", "Add a kind of blockage to the list the form offers, rename one, or take one off it");
  category->add_option("--db", options->db, "SQLite file or postgresql:// URL")->required();
  category->add_option("--key", options->domain, "a short key of a-z and _, for example housing_rule")->required();
  category->add_option("--name", options->team, "the name professionals choose, in Dutch")->required();
  category->add_flag("--inactive", *active, "no longer offered for new requests (earlier requests keep it)");
  category->callback([options, active] {
    try {
      domain::validate_category(options->domain, options->team);
    } catch (const domain::ValidationError& error) {
      fail_with(error, FieldKind::option);
    }
    auto connection = storage::open_connection(options->db);
    storage::apply_migrations(*connection);
    storage::BreakthroughRepository(*connection).set_category({options->domain, options->team, !*active});
    std::cout << "the blockage \"" << options->team << "\" (" << options->domain << ") is "
              << (*active ? "no longer offered" : "offered") << "\n";
  });

  auto* cost = command->add_subcommand("cost", "Set what one involvement of a domain costs a year (muddling through)");
  cost->add_option("--db", options->db, "SQLite file or postgresql:// URL")->required();
  cost->add_option("--domain", options->domain, "the involvement's domain")
      ->required()
      ->check(CLI::IsMember(domain::involvement_domains()));
  cost->add_option("--yearly", options->amount, "in euros a year")->required();
  cost->callback([options] {
    const auto cents = euros(options->amount, "--yearly");
    auto connection = storage::open_connection(options->db);
    storage::apply_migrations(*connection);
    storage::BreakthroughRepository(*connection).set_involvement_cost(options->domain, cents);
    std::cout << "one " << options->domain << " involvement costs " << domain::format_euro(cents) << " a year\n";
  });
}

}  // namespace gezicht::app
