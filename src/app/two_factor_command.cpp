#include <iostream>

#include "app/commands.hpp"
#include "storage/database.hpp"
#include "storage/directory_repository.hpp"
#include "storage/migrations.hpp"
#include "storage/settings_keys.hpp"
#include "storage/user_repository.hpp"

namespace gezicht::app {

void add_two_factor_command(CLI::App& app) {
  auto* command = app.add_subcommand("two-factor", "Two-factor login (TOTP): the policy, and resetting an account");
  command->require_subcommand(1);

  struct Options {
    std::string db;
    std::string value;
    std::string username;
  };
  auto options = std::make_shared<Options>();

  auto* require = command->add_subcommand(
      "require", "on: every account except residents must set up a second factor (the default); off: optional");
  require->add_option("--db", options->db, "SQLite file or postgresql:// URL")->required();
  require->add_option("value", options->value, "on or off")->required()->check(CLI::IsMember({"on", "off"}));
  require->callback([options] {
    auto connection = storage::open_connection(options->db);
    storage::apply_migrations(*connection);
    storage::DirectoryRepository(*connection)
        .set_setting(storage::settings_keys::two_factor_required, options->value == "on" ? "1" : "0");
    std::cout << "two-factor login is " << (options->value == "on" ? "required" : "optional") << "\n";
  });

  auto* reset = command->add_subcommand(
      "reset", "Remove an account's second factor (a lost phone) and end its sessions; it enrols again at next login");
  reset->add_option("--db", options->db, "SQLite file or postgresql:// URL")->required();
  reset->add_option("username", options->username)->required();
  reset->callback([options] {
    auto connection = storage::open_connection(options->db);
    storage::apply_migrations(*connection);
    storage::UserRepository users(*connection);
    storage::Transaction transaction(*connection);
    if (!users.clear_totp(options->username)) {
      throw std::runtime_error("there is no account '" + options->username +
                               "'; `gezicht user list` shows the accounts");
    }
    users.delete_sessions_of(options->username);
    transaction.commit();
    std::cout << "removed the second factor of " << options->username << "\n";
  });
}

}  // namespace gezicht::app
