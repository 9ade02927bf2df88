#include <iostream>
#include <memory>
#include <string>
#include <vector>

#include "app/commands.hpp"
#include "service/totp_reseal.hpp"
#include "service/totp_secrets.hpp"
#include "storage/database.hpp"
#include "storage/directory_repository.hpp"
#include "storage/migrations.hpp"
#include "storage/settings_keys.hpp"
#include "storage/user_repository.hpp"

namespace gezicht::app {

void add_two_factor_command(CLI::App& app) {
  auto* command = app.add_subcommand(
      "two-factor", "Two-factor login (TOTP): the policy, resetting an account, the key of the secrets");
  command->require_subcommand(1);

  struct Options {
    std::string db;
    std::string value;
    std::string username;
    std::string key_file;
    std::vector<std::string> previous_key_files;
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

  auto* new_key = command->add_subcommand(
      "new-key", "Make a new key for the TOTP secrets, in a new file only its owner can read (docs/security.md)");
  new_key->add_option("--to", options->key_file, "the key file to make; it must not exist yet")->required();
  new_key->callback([options] {
    service::write_totp_key_file(options->key_file);
    std::cout << "wrote a new TOTP key to " << options->key_file
              << "; seal the secrets with it: gezicht two-factor seal --db ... --key-file " << options->key_file
              << "\n";
  });

  auto* seal = command->add_subcommand(
      "seal", "Encrypt every TOTP secret with the key of --key-file (first encryption, or a key rotation)");
  seal->add_option("--db", options->db, "SQLite file or postgresql:// URL")->required();
  seal->add_option("--key-file", options->key_file, "the new (or only) key")->required();
  seal->add_option("--previous-key-file", options->previous_key_files,
                   "a key the secrets are sealed with now (repeatable), during a rotation");
  seal->callback([options] {
    const auto box = service::TotpSecretBox::from_files(options->key_file, options->previous_key_files);
    auto connection = storage::open_connection(options->db);
    storage::apply_migrations(*connection);
    const auto count = service::reseal_totp_secrets(*connection, box);
    std::cout << "sealed " << count.sealed << " TOTP secret(s) with the key of " << options->key_file << "; "
              << count.already << " were already\n";
  });
}

}  // namespace gezicht::app
