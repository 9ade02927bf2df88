#include "config/configuration.hpp"

#include <toml.hpp>

#include <algorithm>
#include <cctype>
#include <cstdlib>
#include <optional>
#include <stdexcept>

namespace gezicht::config {
namespace {

// "FILE:LINE: key: what is wrong".
[[noreturn]] void fail_at(const std::string& path, const toml::value& value, const std::string& key,
                          const std::string& problem) {
  throw std::runtime_error(path + ":" + std::to_string(value.location().line()) + ": " + key + ": " + problem);
}

const ConfigKey* find_key(std::string_view key) {
  const auto& keys = config_keys();
  auto found = std::find_if(keys.begin(), keys.end(), [&](const ConfigKey& known) { return known.key == key; });
  return found == keys.end() ? nullptr : &*found;
}

std::vector<std::string> values_of(const std::string& path, const std::string& key, const toml::value& value,
                                   SettingKind kind) {
  switch (kind) {
    case SettingKind::text:
      if (!value.is_string() || value.as_string().str.empty()) fail_at(path, value, key, "must be a non-empty string");
      return {value.as_string().str};
    case SettingKind::number:
      if (!value.is_integer()) fail_at(path, value, key, "must be a whole number");
      return {std::to_string(value.as_integer())};
    case SettingKind::flag:
      if (!value.is_boolean()) fail_at(path, value, key, "must be true or false");
      return {value.as_boolean() ? "true" : "false"};
    case SettingKind::list: {
      if (!value.is_array()) fail_at(path, value, key, "must be a list of strings, like [\"10.0.0.1\"]");
      std::vector<std::string> entries;
      for (const auto& entry : value.as_array()) {
        if (!entry.is_string() || entry.as_string().str.empty()) fail_at(path, entry, key, "lists only strings");
        entries.push_back(entry.as_string().str);
      }
      return entries;
    }
  }
  throw std::logic_error("unknown setting kind");
}

// The value that follows `option` in the arguments ("--config F" or "--config=F").
std::optional<std::string> argument_value(const std::vector<std::string>& args, std::string_view option) {
  const std::string with_equals = std::string(option) + "=";
  for (std::size_t i = 1; i < args.size(); ++i) {
    if (args[i] == option && i + 1 < args.size()) return args[i + 1];
    if (args[i].starts_with(with_equals)) return args[i].substr(with_equals.size());
  }
  return std::nullopt;
}

bool given(const std::vector<std::string>& args, std::string_view option) {
  const std::string with_equals = std::string(option) + "=";
  return std::any_of(args.begin() + 1, args.end(),
                     [&](const std::string& arg) { return arg == option || arg.starts_with(with_equals); });
}

// The subcommand the arguments name ("serve", or "user add"): the leading words.
CLI::App* chosen_command(const std::vector<std::string>& args, CLI::App& app) {
  CLI::App* command = &app;
  for (std::size_t i = 1; i < args.size() && !args[i].starts_with("-"); ++i) {
    try {
      command = command->get_subcommand(args[i]);
    } catch (const CLI::OptionNotFound&) {
      break;  // CLI11 names the unknown command when it parses
    }
  }
  return command;
}

// A list from the environment: comma-separated entries.
std::vector<std::string> split_list(const std::string& text) {
  std::vector<std::string> entries;
  std::size_t start = 0;
  while (start <= text.size()) {
    const auto comma = text.find(',', start);
    const auto end = comma == std::string::npos ? text.size() : comma;
    if (end > start) entries.push_back(text.substr(start, end - start));
    if (comma == std::string::npos) break;
    start = comma + 1;
  }
  return entries;
}

}  // namespace

const std::vector<ConfigKey>& config_keys() {
  using enum SettingKind;
  // docs/operations.md lists them; debian/gezicht.toml shows each.
  static const std::vector<ConfigKey> keys{
      {"database.url", "--db", text},
      {"http.listen", "--listen", text},
      {"http.assets", "--assets", text},
      {"http.io_threads", "--io-threads", number},
      {"http.workers", "--workers", number},
      {"http.max_connections", "--max-connections", number},
      {"http.idle_timeout", "--idle-timeout", number},
      {"http.request_timeout", "--request-timeout", number},
      {"http.secure_cookies", "--secure-cookies", flag},
      {"http.public_url", "--public-url", text},
      {"proxy.trusted", "--trusted-proxy", list},
      {"mail.outbox", "--mail-outbox", text},
      {"mail.smtp_url", "--smtp-url", text},
      {"mail.smtp_user", "--smtp-user", text},
      {"mail.smtp_password_file", "--smtp-password-file", text},
      {"mail.smtp_tls", "--smtp-tls", text},
      {"mail.smtp_ca_file", "--smtp-ca-file", text},
      {"mail.from", "--mail-from", text},
      {"digid.issuer", "--digid-issuer", text},
      {"digid.client_id", "--digid-client-id", text},
      {"digid.client_secret_file", "--digid-client-secret-file", text},
      {"digid.redirect_uri", "--digid-redirect-uri", text},
      {"digid.ca_file", "--digid-ca-file", text},
      {"digid.required_for_plan", "--digid-required-for-plan", flag},
      {"security.totp_key_file", "--totp-key-file", text},
      {"security.totp_previous_key_files", "--totp-previous-key-file", list},
      {"logging.request_log", "--request-log", text},
      {"metrics.allow", "--metrics-allow", list},
      {"metrics.token_file", "--metrics-token-file", text},
  };
  return keys;
}

std::string environment_name(std::string_view option) {
  std::string name = "GEZICHT_";
  for (char c : option.substr(option.find_first_not_of('-'))) {
    name += c == '-' ? '_' : static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  }
  return name;
}

std::map<std::string, std::vector<std::string>> read_config_file(const std::string& path) {
  toml::value root;
  try {
    root = toml::parse(path);
  } catch (const std::exception& error) {
    // toml11 says which file and line (toml::syntax_error); a file that cannot be opened is a runtime_error.
    throw std::runtime_error(std::string("configuration: ") + error.what());
  }
  std::map<std::string, std::vector<std::string>> settings;
  for (const auto& [section, table] : root.as_table()) {
    if (!table.is_table()) fail_at(path, table, section, "is not a section; settings live in [database], [http], ...");
    for (const auto& [name, value] : table.as_table()) {
      std::string key = section;
      key += '.';
      key += name;
      const auto* known = find_key(key);
      if (known == nullptr) fail_at(path, value, key, "is not a setting (docs/operations.md lists them)");
      settings[key] = values_of(path, key, value, known->kind);
    }
  }
  return settings;
}

std::vector<std::string> with_configuration(const std::vector<std::string>& args, CLI::App& app,
                                            std::vector<SettingSource>* sources) {
  const auto file = argument_value(args, "--config");
  if (!file) return args;
  auto* command = chosen_command(args, app);
  const auto& keys = config_keys();
  // A command that takes none of the settings (`config check` itself) reads the file on its own.
  if (std::none_of(keys.begin(), keys.end(), [&](const ConfigKey& key) {
        return command->get_option_no_throw(std::string(key.option)) != nullptr;
      })) {
    return args;
  }
  const auto settings = read_config_file(*file);
  std::vector<std::string> expanded = args;
  for (const auto& key : config_keys()) {
    if (command->get_option_no_throw(std::string(key.option)) == nullptr || given(args, key.option)) continue;
    std::vector<std::string> values;
    const std::string variable = environment_name(key.option);
    const char* from_environment = std::getenv(variable.c_str());
    if (from_environment != nullptr && *from_environment != '\0') {
      values =
          key.kind == SettingKind::list ? split_list(from_environment) : std::vector<std::string>{from_environment};
      if (sources) sources->push_back({std::string(key.key), variable});
    } else if (auto found = settings.find(std::string(key.key)); found != settings.end()) {
      values = found->second;
      if (sources) sources->push_back({std::string(key.key), "the file"});
    } else {
      continue;
    }
    if (key.kind == SettingKind::flag) {
      if (values.front() == "true" || values.front() == "1") {
        expanded.emplace_back(key.option);
      } else if (values.front() != "false" && values.front() != "0") {
        throw std::runtime_error(variable + " must be true or false, not '" + values.front() + "'");
      }
      continue;
    }
    // An empty list (metrics.allow = []) means none.
    if (key.kind == SettingKind::list && values.empty()) values.emplace_back("none");
    for (const auto& value : values) {
      expanded.emplace_back(key.option);
      expanded.push_back(value);
    }
  }
  return expanded;
}

void add_config_options(CLI::App& app) {
  for (auto* sub : app.get_subcommands([](CLI::App*) { return true; })) {
    if (sub->get_option_no_throw("--db") != nullptr && sub->get_option_no_throw("--config") == nullptr) {
      sub->add_option("--config", CLI::callback_t{},
                      "A configuration file (/etc/gezicht/gezicht.toml); GEZICHT_* variables override it");
    }
    add_config_options(*sub);
  }
}

}  // namespace gezicht::config
