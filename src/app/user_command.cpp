#include <nlohmann/json.hpp>

#include <iostream>

#include "app/command_line_errors.hpp"
#include "app/commands.hpp"
#include "domain/access_policy.hpp"
#include "domain/validation_error.hpp"
#include "service/clock.hpp"
#include "service/user_admin.hpp"
#include "storage/migrations.hpp"

namespace gezicht::app {
namespace {

std::string read_password_from_stdin() {
  std::string password;
  if (!std::getline(std::cin, password)) throw std::runtime_error("no password on standard input");
  if (!password.empty() && password.back() == '\r') password.pop_back();
  return password;
}

std::unique_ptr<storage::Connection> open_migrated(const std::string& db) {
  auto connection = storage::open_connection(db);
  storage::apply_migrations(*connection);
  return connection;
}

}  // namespace

void add_user_command(CLI::App& app) {
  auto* user = app.add_subcommand("user", "Manage accounts (every role: see docs/security.md)");
  user->require_subcommand(1);

  auto account = std::make_shared<service::NewAccount>();
  auto add_db = std::make_shared<std::string>();
  auto* add = user->add_subcommand("add", "Add an account (password read from standard input)");
  add->add_option("--db", *add_db, "SQLite file or postgresql:// URL")->required();
  add->add_option("--username", account->username)->required();
  add->add_flag("--password-stdin")->description("Read the password from standard input (the only way)")->required();
  add->add_option("--name", account->name, "Full name as residents see it")->required();
  std::vector<std::string> roles;
  for (auto role : domain::all_roles()) roles.push_back(domain::to_string(role));
  add->add_option("--role", account->role)->required()->check(CLI::IsMember(roles));
  add->add_option("--team", account->team, "Team name (professionals and team leads)");
  add->add_option("--domain", account->domain, "A domain professional's domain (wmo, youth, income, debt, ...)");
  add->add_option("--household", account->household_id, "A resident's own household (id)");
  add->add_option("--phone", account->phone);
  add->add_option("--job-title", account->job_title);
  add->add_option("--languages", account->languages, "Comma-separated ISO 639 codes")->capture_default_str();
  add->callback([account, add_db] {
    account->password = read_password_from_stdin();
    auto connection = open_migrated(*add_db);
    service::SystemClock clock;
    try {
      const auto id = service::add_account(*connection, clock, *account);
      std::cout << "added user " << account->username << " (id " << id << ")\n";
    } catch (const domain::ValidationError& error) {
      fail_with(error, FieldKind::option);
    }
  });

  auto passwd_options = std::make_shared<std::pair<std::string, std::string>>();
  auto* passwd = user->add_subcommand("passwd", "Set a new password (read from standard input)");
  passwd->add_option("--db", passwd_options->first)->required();
  passwd->add_option("--username", passwd_options->second)->required();
  passwd->add_flag("--password-stdin")->description("Read the password from standard input (the only way)")->required();
  passwd->callback([passwd_options] {
    const auto password = read_password_from_stdin();
    auto connection = open_migrated(passwd_options->first);
    try {
      service::change_password(*connection, passwd_options->second, password);
      std::cout << "password changed for " << passwd_options->second << "; their sessions were ended\n";
    } catch (const domain::ValidationError& error) {
      fail_with(error, FieldKind::option);
    }
  });

  struct ListOptions {
    std::string db, team;
    bool json = false;
  };
  auto list_options = std::make_shared<ListOptions>();
  auto* list = user->add_subcommand("list", "List accounts");
  list->add_option("--db", list_options->db)->required();
  list->add_option("--team", list_options->team);
  list->add_flag("--json", list_options->json);
  list->callback([list_options] {
    auto connection = open_migrated(list_options->db);
    const auto users = service::list_accounts(*connection, list_options->team);
    if (list_options->json) {
      nlohmann::json out = nlohmann::json::array();
      for (const auto& u : users) {
        out.push_back({{"id", u.id},
                       {"username", u.username},
                       {"name", u.name},
                       {"role", u.role},
                       {"team", u.team_name.empty() ? nlohmann::json(nullptr) : nlohmann::json(u.team_name)},
                       {"active", u.active}});
      }
      std::cout << out.dump(2) << "\n";
      return;
    }
    std::printf("%-6s %-24s %-32s %-13s %s\n", "id", "username", "name", "role", "team");
    for (const auto& u : users) {
      std::printf("%-6lld %-24s %-32s %-13s %s\n", static_cast<long long>(u.id), u.username.c_str(), u.name.c_str(),
                  u.role.c_str(), u.team_name.c_str());
    }
  });
}

}  // namespace gezicht::app
