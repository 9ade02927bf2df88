// `gezicht dashboard settings`: what the municipality sets for the equity
// monitor: the smallest group shown (never below 5) and the band around the
// whole population's figure outside which a group is marked.

#include <cstdio>
#include <iostream>

#include "app/commands.hpp"
#include "domain/equity.hpp"
#include "service/equity_settings.hpp"
#include "storage/database.hpp"
#include "storage/directory_repository.hpp"
#include "storage/migrations.hpp"

namespace gezicht::app {

void add_dashboard_command(CLI::App& app) {
  auto* command = app.add_subcommand("dashboard", "The dashboard's equity monitor: small groups and the band");
  command->require_subcommand(1);
  struct Options {
    std::string db;
    std::optional<int> min_group;
    std::optional<double> band_low;
    std::optional<double> band_high;
  };
  auto options = std::make_shared<Options>();
  auto* settings = command->add_subcommand("settings", "Show the settings, or change those given");
  settings->add_option("--db", options->db, "SQLite file or postgresql:// URL")->required();
  settings->add_option("--min-group", options->min_group, "the smallest group shown (at least 5; default 10)");
  settings->add_option("--band-low", options->band_low, "a group is marked below this times the whole (default 0.8)");
  settings->add_option("--band-high", options->band_high, "and above this times the whole (default 1.25)");
  settings->callback([options] {
    auto connection = storage::open_connection(options->db);
    storage::apply_migrations(*connection);
    auto current = service::equity_settings(*connection);
    if (options->min_group) current.min_group = *options->min_group;
    if (options->band_low) current.band_low = *options->band_low;
    if (options->band_high) current.band_high = *options->band_high;
    try {
      domain::check_equity_settings(current);
    } catch (const std::invalid_argument& error) {
      std::cerr << "gezicht: " << error.what() << " (--min-group at least 5; 0 < --band-low <= 1 <= --band-high)\n";
      throw CLI::RuntimeError(2);
    }
    storage::DirectoryRepository directory(*connection);
    storage::Transaction transaction(*connection);
    if (options->min_group) directory.set_setting("dashboard_min_group", std::to_string(current.min_group));
    char number[32];
    if (options->band_low) {
      std::snprintf(number, sizeof number, "%.4g", current.band_low);
      directory.set_setting("dashboard_band_low", number);
    }
    if (options->band_high) {
      std::snprintf(number, sizeof number, "%.4g", current.band_high);
      directory.set_setting("dashboard_band_high", number);
    }
    transaction.commit();
    std::printf("smallest group shown: %d\nmarked outside %.4g to %.4g times the whole population's figure\n",
                current.min_group, current.band_low, current.band_high);
  });
}

}  // namespace gezicht::app
