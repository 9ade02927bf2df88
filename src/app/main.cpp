// gezicht: the front door of a municipality's social domain.
// main only wires the subcommands; see docs/architecture.md.

#include <spdlog/spdlog.h>

#include <iostream>

#include "app/command_line_errors.hpp"
#include "app/commands.hpp"

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
  try {
    gezicht::app::check_command_names(app, argc, argv);
    app.parse(argc, argv);
  } catch (const CLI::ParseError& error) {
    return app.exit(error);
  } catch (const std::exception& error) {
    std::cerr << "gezicht: " << error.what() << "\n";
    return 1;
  }
  return 0;
}
