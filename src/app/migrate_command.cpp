#include <iostream>

#include "app/commands.hpp"
#include "storage/household_repository.hpp"
#include "storage/migrations.hpp"

namespace gezicht::app {

void add_migrate_command(CLI::App& app) {
  struct Options {
    std::string db;
    bool reset = false;
  };
  auto options = std::make_shared<Options>();
  auto* command = app.add_subcommand("migrate", "Apply database schema migrations");
  command->add_option("--db", options->db, "SQLite file or postgresql:// URL")->required();
  command->add_flag("--reset", options->reset, "Drop all tables first (for tests; destroys all data)");
  command->callback([options] {
    auto connection = storage::open_connection(options->db);
    if (options->reset) storage::reset_schema(*connection);
    const int applied = storage::apply_migrations(*connection);
    std::cout << "applied " << applied << " migration(s)\n";
    // Households from before migration 009 get their stored record lists
    // here; until then their record is read from the tables, more slowly.
    storage::Transaction transaction(*connection);
    const auto filled = storage::HouseholdRepository(*connection).fill_missing_record_lists();
    transaction.commit();
    if (filled > 0) std::cout << "stored the record lists of " << filled << " household(s)\n";
  });
}

}  // namespace gezicht::app
