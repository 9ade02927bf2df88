#include <iostream>

#include "app/commands.hpp"
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
  });
}

}  // namespace gezicht::app
