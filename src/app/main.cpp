// gezicht: the front door of a municipality's social domain.
// main only wires the subcommands; see docs/architecture.md.

#include <spdlog/spdlog.h>

#include <iostream>
#include <string>
#include <vector>

#include "app/command_line_errors.hpp"
#include "app/commands.hpp"
#include "config/configuration.hpp"

int main(int argc, char** argv) {
  CLI::App app{"gezicht: a municipality's neighbourhood teams, with a face"};
  app.require_subcommand(1);
  // "gezicht: <what is wrong>", like the commands' own errors; the hint only
  // where the message does not already say where help is.
  app.failure_message([](const CLI::App*, const CLI::Error& error) {
    std::string text = "gezicht: " + std::string(error.what()) + "\n";
    if (error.get_name() != "UnknownCommand") text += "Run with --help for more information.\n";
    return text;
  });
  gezicht::app::add_serve_command(app);
  gezicht::app::add_migrate_command(app);
  gezicht::app::add_user_command(app);
  gezicht::app::add_demo_command(app);
  gezicht::app::add_directory_command(app);
  gezicht::app::add_audit_command(app);
  gezicht::app::add_retention_command(app);
  gezicht::app::add_routes_command(app);
  gezicht::app::add_two_factor_command(app);
  gezicht::app::add_experience_command(app);
  gezicht::app::add_breakthrough_command(app);
  gezicht::app::add_dashboard_command(app);
  gezicht::app::add_backup_command(app);
  gezicht::app::add_mail_command(app);
  gezicht::app::add_config_command(app);
  gezicht::config::add_config_options(app);
  try {
    // --config FILE: its settings (and GEZICHT_* over them) become options.
    const auto args = gezicht::config::with_configuration(std::vector<std::string>(argv, argv + argc), app);
    std::vector<const char*> arguments;
    arguments.reserve(args.size());
    for (const auto& arg : args) arguments.push_back(arg.c_str());
    const int count = static_cast<int>(arguments.size());
    gezicht::app::check_command_names(app, count, arguments.data());
    app.parse(count, arguments.data());
  } catch (const CLI::ParseError& error) {
    return app.exit(error);
  } catch (const std::exception& error) {
    std::cerr << "gezicht: " << error.what() << "\n";
    return 1;
  }
  return 0;
}
