#pragma once
// The subcommands of the `gezicht` program. Each registers its options on
// the CLI11 app and runs when chosen.

#include <CLI/CLI.hpp>

namespace gezicht::app {

void add_serve_command(CLI::App& app);
void add_migrate_command(CLI::App& app);
void add_user_command(CLI::App& app);
void add_demo_command(CLI::App& app);
void add_directory_command(CLI::App& app);
void add_audit_command(CLI::App& app);
void add_retention_command(CLI::App& app);
void add_config_command(CLI::App& app);
void add_routes_command(CLI::App& app);
void add_two_factor_command(CLI::App& app);
void add_experience_command(CLI::App& app);
void add_breakthrough_command(CLI::App& app);
void add_dashboard_command(CLI::App& app);
void add_backup_command(CLI::App& app);  // backup and restore
void add_mail_command(CLI::App& app);

}  // namespace gezicht::app
