#pragma once
// The back-ends the storage suite runs on: SQLite always, PostgreSQL when
// GEZICHT_TEST_POSTGRES_URL is set. GEZICHT_REQUIRE_POSTGRES=1 (set by the
// test command) turns a missing URL into a failure instead of a skip.

#include <gtest/gtest.h>

#include <unistd.h>
#include <cstdlib>
#include <filesystem>
#include <string>

#include "storage/database.hpp"
#include "storage/migrations.hpp"

namespace gezicht::testing {

inline std::string postgres_url() {
  const char* url = std::getenv("GEZICHT_TEST_POSTGRES_URL");
  return url ? url : "";
}

inline bool postgres_required() {
  const char* required = std::getenv("GEZICHT_REQUIRE_POSTGRES");
  return required && std::string(required) == "1";
}

// A fresh, migrated database for one test: a new SQLite file, or the test
// PostgreSQL database emptied and migrated again.
class BackendTest : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    if (GetParam() == "postgres") {
      if (postgres_url().empty()) {
        if (postgres_required()) FAIL() << "GEZICHT_TEST_POSTGRES_URL is not set but PostgreSQL is required";
        GTEST_SKIP() << "GEZICHT_TEST_POSTGRES_URL not set";
      }
      location_ = postgres_url();
    } else {
      const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
      directory_ =
          std::filesystem::temp_directory_path() / ("gezicht-test-" + std::to_string(::getpid()) + "-" + info->name());
      std::filesystem::remove_all(directory_);
      std::filesystem::create_directories(directory_);
      location_ = (directory_ / "test.db").string();
    }
    connection_ = storage::open_connection(location_);
    if (GetParam() == "postgres") storage::reset_schema(*connection_);
    storage::apply_migrations(*connection_);
  }

  void TearDown() override {
    connection_.reset();
    if (!directory_.empty()) std::filesystem::remove_all(directory_);
  }

  storage::Connection& db() { return *connection_; }
  const std::string& location() const { return location_; }

 private:
  std::filesystem::path directory_;
  std::string location_;
  std::unique_ptr<storage::Connection> connection_;
};

inline std::string backend_name(const ::testing::TestParamInfo<std::string>& info) { return info.param; }

}  // namespace gezicht::testing

#define GEZICHT_ON_BOTH_BACKENDS(suite) \
  INSTANTIATE_TEST_SUITE_P(Backends, suite, ::testing::Values("sqlite", "postgres"), gezicht::testing::backend_name)
