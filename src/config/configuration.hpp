#pragma once
// The configuration file (/etc/gezicht/gezicht.toml) and the environment as
// command-line options. `gezicht serve --config FILE` reads FILE; a
// GEZICHT_<OPTION> variable (GEZICHT_WORKERS for --workers) wins over the
// file, and the command line over both. The settings are added to the
// arguments before CLI11 reads them, so they pass the same checks as
// options typed by hand. Without --config neither the file nor the
// environment is read: an exported variable never steers a command by surprise.

#include <CLI/CLI.hpp>

#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace gezicht::config {

enum class SettingKind { text, number, flag, list };

// One key of the file and the option it stands for.
struct ConfigKey {
  std::string_view key;     // "http.workers"
  std::string_view option;  // "--workers"
  SettingKind kind;
};

const std::vector<ConfigKey>& config_keys();

// "--smtp-password-file" -> "GEZICHT_SMTP_PASSWORD_FILE".
std::string environment_name(std::string_view option);

// Each key of FILE with its values (a flag is "true" or "false", a list has
// one value per entry). Throws std::runtime_error naming the file, the line
// and the key for a syntax error, an unknown key or a value of the wrong kind.
std::map<std::string, std::vector<std::string>> read_config_file(const std::string& path);

// Where one setting came from, for `gezicht config check`.
struct SettingSource {
  std::string key;
  std::string from;  // "the file" or the variable's name
};

// `args` (argv, program name first) with the settings of the file named by
// --config and of the environment added for the options of the chosen
// subcommand that the command line does not give. Unchanged without --config.
std::vector<std::string> with_configuration(const std::vector<std::string>& args, CLI::App& app,
                                            std::vector<SettingSource>* sources = nullptr);

// Adds --config FILE to every subcommand that takes --db.
void add_config_options(CLI::App& app);

}  // namespace gezicht::config
