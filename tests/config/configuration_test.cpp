#include "config/configuration.hpp"

#include <gtest/gtest.h>
#include <stdlib.h>  // setenv, unsetenv

#include <filesystem>
#include <fstream>

namespace gezicht::config {
namespace {

class ConfigurationTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() / ("gezicht-config-test-" + std::to_string(::getpid()) + "-" +
                                                     ::testing::UnitTest::GetInstance()->current_test_info()->name());
    std::filesystem::create_directories(dir_);
    // The command these tests configure: a few of serve's options.
    auto* serve = app_.add_subcommand("serve");
    serve->add_option("--db", db_);
    serve->add_option("--workers", workers_);
    serve->add_option("--trusted-proxy", proxies_);
    serve->add_option("--metrics-allow", metrics_);
    serve->add_flag("--secure-cookies", secure_);
    app_.add_subcommand("migrate")->add_option("--db", db_);
    add_config_options(app_);
  }
  void TearDown() override {
    ::unsetenv("GEZICHT_WORKERS");
    ::unsetenv("GEZICHT_TRUSTED_PROXY");
    std::filesystem::remove_all(dir_);
  }
  std::string write(const std::string& text) {
    const auto path = (dir_ / "gezicht.toml").string();
    std::ofstream(path) << text;
    return path;
  }
  std::filesystem::path dir_;
  CLI::App app_{"gezicht"};
  std::string db_;
  int workers_ = 0;
  std::vector<std::string> proxies_;
  std::vector<std::string> metrics_;
  bool secure_ = false;
};

const char* const example = R"([database]
url = "/var/lib/gezicht/gezicht.db"

[http]
workers = 6
secure_cookies = true

[proxy]
trusted = ["10.0.0.1", "10.0.0.2"]

[metrics]
allow = []
)";

TEST_F(ConfigurationTest, TheFileBecomesOptionsOfTheChosenCommand) {
  const auto file = write(example);
  const auto args = with_configuration({"gezicht", "serve", "--config", file}, app_);
  EXPECT_EQ(args, (std::vector<std::string>{"gezicht", "serve", "--config", file, "--db", "/var/lib/gezicht/gezicht.db",
                                            "--workers", "6", "--secure-cookies", "--trusted-proxy", "10.0.0.1",
                                            "--trusted-proxy", "10.0.0.2", "--metrics-allow", "none"}));
  // A command without those options takes only what it has.
  EXPECT_EQ(
      with_configuration({"gezicht", "migrate", "--config=" + file}, app_),
      (std::vector<std::string>{"gezicht", "migrate", "--config=" + file, "--db", "/var/lib/gezicht/gezicht.db"}));
}

TEST_F(ConfigurationTest, TheCommandLineWinsOverTheEnvironmentWhichWinsOverTheFile) {
  const auto file = write(example);
  ::setenv("GEZICHT_WORKERS", "9", 1);
  ::setenv("GEZICHT_TRUSTED_PROXY", "192.0.2.1,192.0.2.2", 1);
  std::vector<SettingSource> sources;
  const auto args = with_configuration({"gezicht", "serve", "--config", file, "--db", "other.db"}, app_, &sources);
  EXPECT_EQ(args, (std::vector<std::string>{"gezicht", "serve", "--config", file, "--db", "other.db", "--workers", "9",
                                            "--secure-cookies", "--trusted-proxy", "192.0.2.1", "--trusted-proxy",
                                            "192.0.2.2", "--metrics-allow", "none"}));
  ASSERT_EQ(sources.size(), 4u);
  EXPECT_EQ(sources[0].key, "http.workers");
  EXPECT_EQ(sources[0].from, "GEZICHT_WORKERS");
  EXPECT_EQ(sources[1].from, "the file");
  // And CLI11 reads the result as if typed.
  std::vector<const char*> argv;
  for (const auto& arg : args) argv.push_back(arg.c_str());
  app_.parse(static_cast<int>(argv.size()), argv.data());
  EXPECT_EQ(db_, "other.db");
  EXPECT_EQ(workers_, 9);
  EXPECT_TRUE(secure_);
  EXPECT_EQ(proxies_, (std::vector<std::string>{"192.0.2.1", "192.0.2.2"}));
}

TEST_F(ConfigurationTest, WithoutAFileNeitherTheFileNorTheEnvironmentIsRead) {
  ::setenv("GEZICHT_WORKERS", "9", 1);
  const std::vector<std::string> args{"gezicht", "serve", "--db", "x.db"};
  EXPECT_EQ(with_configuration(args, app_), args);
}

TEST_F(ConfigurationTest, AWrongFileNamesItsLineAndKey) {
  const auto expect_error = [&](const std::string& text, const std::string& expected) {
    const auto file = write(text);
    try {
      read_config_file(file);
      ADD_FAILURE() << "accepted: " << text;
    } catch (const std::runtime_error& error) {
      EXPECT_NE(std::string(error.what()).find(expected), std::string::npos) << error.what();
    }
  };
  expect_error("[http]\nworkerz = 4\n", "gezicht.toml:2: http.workerz: is not a setting");
  expect_error("[http]\nworkers = \"vier\"\n", "gezicht.toml:2: http.workers: must be a whole number");
  expect_error("[database]\nurl = \"\"\n", "database.url: must be a non-empty string");
  expect_error("[http]\n\nsecure_cookies = \"yes\"\n", "gezicht.toml:3: http.secure_cookies: must be true or false");
  expect_error("[proxy]\ntrusted = \"10.0.0.1\"\n", "proxy.trusted: must be a list of strings");
  expect_error("workers = 4\n", "workers: is not a section");
  expect_error("[http\nworkers = 4\n", "configuration: ");
  EXPECT_TRUE(read_config_file(write("")).empty());
  EXPECT_THROW(read_config_file((dir_ / "missing.toml").string()), std::runtime_error);
}

TEST_F(ConfigurationTest, EveryKeyHasItsVariable) {
  EXPECT_EQ(environment_name("--db"), "GEZICHT_DB");
  EXPECT_EQ(environment_name("--smtp-password-file"), "GEZICHT_SMTP_PASSWORD_FILE");
  for (const auto& key : config_keys()) EXPECT_TRUE(key.option.starts_with("--")) << key.key;
}

}  // namespace
}  // namespace gezicht::config
