#include <unistd.h>
#include <nlohmann/json.hpp>

#include <cstdio>
#include <iostream>

#include "app/commands.hpp"
#include "demo/demo_generator.hpp"
#include "domain/postcode.hpp"
#include "storage/migrations.hpp"

namespace gezicht::app {
namespace {

struct DemoCommandOptions {
  std::string db;
  std::int64_t households = 2000;
  std::uint64_t seed = 1;
  double contacts_per_household = 3.0;
  bool json = false;
};

// A one-line progress bar, only when a person watches a terminal.
void draw_progress(std::int64_t done, std::int64_t total) {
  constexpr int width = 40;
  const int filled = total > 0 ? static_cast<int>(width * done / total) : width;
  std::fprintf(stderr, "\r[%.*s%*s] %lld/%lld households", filled, "########################################",
               width - filled, "", static_cast<long long>(done), static_cast<long long>(total));
  if (done >= total) std::fputc('\n', stderr);
  std::fflush(stderr);
}

void run_demo(const DemoCommandOptions& options) {
  auto connection = storage::open_connection(options.db);
  storage::apply_migrations(*connection);
  demo::DemoOptions demo_options;
  demo_options.households = options.households;
  demo_options.seed = options.seed;
  demo_options.contacts_per_household = options.contacts_per_household;
  if (isatty(STDERR_FILENO) && !options.json) demo_options.progress = draw_progress;
  const auto result = demo::generate_demo(*connection, demo_options);

  if (options.json) {
    nlohmann::json logins = nlohmann::json::array();
    for (const auto& login : result.logins) {
      logins.push_back({{"username", login.username},
                        {"password", login.password},
                        {"name", login.name},
                        {"role", login.role},
                        {"team", login.team}});
    }
    std::cout << nlohmann::json{{"municipality", "Gemeente Voorbeeld"},
                                {"households", result.households},
                                {"referrals", result.referrals},
                                {"teams", result.teams},
                                {"professionals", result.professionals},
                                {"example_postcode", result.example_postcode},
                                {"logins", logins}}
                     .dump()
              << std::endl;
    return;
  }
  std::cout << "Demo municipality generated: " << result.households << " households, " << result.referrals
            << " referrals, " << result.teams << " neighbourhood teams, " << result.professionals << " professionals.\n"
            << "Try postcode " << domain::display_postcode(result.example_postcode) << " on the front door.\n\n"
            << "Demo logins (for demonstration only; two-factor login is switched off in the demo,\n"
            << "so a password is enough: `gezicht two-factor require --db ... on` switches it on):\n";
  for (const auto& login : result.logins) {
    // A resident has no password: a code by e-mail, which the demo's server writes to its outbox folder.
    const std::string secret = login.password.empty() ? "(code by e-mail)" : "password: " + login.password;
    std::printf("  %-19s %-30s %-30s %s%s%s\n", login.role.c_str(), login.username.c_str(), secret.c_str(),
                login.name.c_str(), login.team.empty() ? "" : ", ", login.team.c_str());
  }
  std::cout << "\nResidents log in on /mijn-gezicht/inloggen with their e-mail address; the code arrives in\n"
            << "the server's outbox folder (scripts/demo.sh: var/outbox/, one .eml file per message).\n";
}

}  // namespace

void add_demo_command(CLI::App& app) {
  auto options = std::make_shared<DemoCommandOptions>();
  auto* command = app.add_subcommand("demo", "Generate a believable demo municipality into an empty database");
  command->add_option("--db", options->db, "SQLite file or postgresql:// URL")->required();
  command->add_option("--households", options->households)->check(CLI::Range(1LL, 10000000LL))->capture_default_str();
  command->add_option("--seed", options->seed)->capture_default_str();
  command
      ->add_option("--contacts-per-household", options->contacts_per_household,
                   "Contacts in the past two years, on average per household")
      ->check(CLI::Range(0.0, 1000.0))
      ->capture_default_str();
  command->add_flag("--json", options->json, "Print the summary and logins as JSON");
  command->callback([options] { run_demo(*options); });
}

}  // namespace gezicht::app
