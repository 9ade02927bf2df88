// `gezicht config check --config FILE`: reads the configuration as
// `gezicht serve --config FILE` would (the file, then GEZICHT_* variables over
// it), checks every setting without listening, migrating or writing, and
// says where each came from. Exit 0 when serve would start with it, 2 when a
// setting is wrong, 1 when what it names cannot be used (a key file, the database).

#include <cstdio>
#include <memory>
#include <stdexcept>
#include <string>
#include <vector>

#include "app/commands.hpp"
#include "config/configuration.hpp"

namespace gezicht::app {

void add_config_command(CLI::App& app) {
  auto* config = app.add_subcommand("config", "Check a configuration file (/etc/gezicht/gezicht.toml)");
  config->require_subcommand(1);
  auto file = std::make_shared<std::string>();
  auto* check =
      config->add_subcommand("check", "Check the settings as gezicht serve would read them, without starting");
  check->add_option("--config", *file, "The configuration file")->required();
  check->callback([file] {
    CLI::App serve_app{"gezicht"};
    add_serve_command(serve_app);
    config::add_config_options(serve_app);
    try {
      config::read_config_file(*file);
    } catch (const std::runtime_error& error) {
      std::fprintf(stderr, "gezicht: %s\n", error.what());
      throw CLI::RuntimeError(2);
    }
    std::vector<config::SettingSource> sources;
    const auto args =
        config::with_configuration({"gezicht", "serve", "--config", *file, "--check-config"}, serve_app, &sources);
    std::printf("%s: %zu setting(s) read\n", file->c_str(), sources.size());
    for (const auto& source : sources) std::printf("  %-34s from %s\n", source.key.c_str(), source.from.c_str());
    std::vector<const char*> argv;
    argv.reserve(args.size());
    for (const auto& arg : args) argv.push_back(arg.c_str());
    try {
      serve_app.parse(static_cast<int>(argv.size()), argv.data());  // serve checks and returns
    } catch (const CLI::ParseError& error) {
      std::fprintf(stderr, "gezicht: %s: %s\n", file->c_str(), error.what());
      throw CLI::RuntimeError(2);
    }
  });
}

}  // namespace gezicht::app
