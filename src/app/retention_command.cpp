// `gezicht retention periods | set | run`: the periods in force and where
// their defaults come from, changing one, and removing what is kept longer.

#include <algorithm>
#include <cstdio>
#include <memory>
#include <stdexcept>
#include <string>

#include "app/commands.hpp"
#include "domain/calendar.hpp"
#include "domain/household.hpp"
#include "domain/retention_policy.hpp"
#include "service/retention.hpp"
#include "storage/migrations.hpp"

namespace gezicht::app {
namespace {

// A clock fixed at --now, so a dry run can show what a later date would remove.
class FixedClock final : public service::Clock {
 public:
  explicit FixedClock(std::int64_t now) : now_(now) {}
  std::int64_t now() const override { return now_; }

 private:
  std::int64_t now_;
};

std::string default_note(const std::string& domain, int years) {
  for (const auto& period : domain::default_domain_periods()) {
    if (period.domain != domain) continue;
    std::string note = years == period.years ? "default" : "set (default " + std::to_string(period.years) + ")";
    if (period.minimum_years > 0) note += ", at least " + std::to_string(period.minimum_years) + " by law";
    return note + "; " + period.source;
  }
  return "set by the municipality";
}

void print_periods(const domain::RetentionPolicy& policy) {
  std::printf("closed households are kept for the longest period of the domains that worked with them:\n");
  for (const auto& domain : domain::involvement_domains()) {
    auto found = policy.domain_years.find(domain);
    if (found == policy.domain_years.end()) continue;
    std::printf("  %-10s %3d years  %s\n", domain.c_str(), found->second, default_note(domain, found->second).c_str());
  }
  std::printf("  %-10s %3d years  households no domain above worked with (retention_closed_household_years)\n",
              "general", policy.general_years);
  std::printf("audit entries are kept %d years (retention_audit_log_years)\n", policy.audit_log_years);
  std::printf("periods count from the day support ended; docs/security.md has the sources\n");
}

void add_run(CLI::App& retention) {
  struct Options {
    std::string db;
    bool dry_run = false;
    std::string now;
  };
  auto options = std::make_shared<Options>();
  auto* run = retention.add_subcommand("run", "Remove (or, with --dry-run, list) what is due");
  run->add_option("--db", options->db, "SQLite file or postgresql:// URL")->required();
  run->add_flag("--dry-run", options->dry_run, "Only list what would be removed");
  run->add_option("--now", options->now, "Act as if it were this UTC time (2033-01-01T00:00:00Z), to preview");
  run->callback([options] {
    std::int64_t now = service::SystemClock().now();
    if (!options->now.empty()) {
      const auto parsed = domain::parse_timestamp(options->now);
      if (!parsed) throw CLI::ValidationError("--now", "not a UTC time like 2033-01-01T00:00:00Z: " + options->now);
      now = *parsed;
    }
    auto connection = storage::open_connection(options->db);
    storage::apply_migrations(*connection);
    const FixedClock clock(now);
    const auto steps = service::run_retention(*connection, clock, options->dry_run);
    const char* verb = options->dry_run ? "would remove" : "removed";
    if (steps.empty()) std::printf("retention: nothing is due\n");
    for (const auto& step : steps) {
      std::printf("retention: %s %lld %s (%s)\n", verb, static_cast<long long>(step.count),
                  step.kind == "household"   ? "closed household(s) with everything recorded about them"
                  : step.kind == "audit_log" ? "audit entries"
                                             : "queued e-mail(s)",
                  step.detail.c_str());
    }
  });
}

void add_periods(CLI::App& retention) {
  auto db = std::make_shared<std::string>();
  auto* periods = retention.add_subcommand("periods", "List the retention periods in force and their sources");
  periods->add_option("--db", *db, "SQLite file or postgresql:// URL")->required();
  periods->callback([db] {
    auto connection = storage::open_connection(*db);
    storage::apply_migrations(*connection);
    print_periods(service::load_retention_policy(*connection));
  });
}

void add_set(CLI::App& retention) {
  struct Options {
    std::string db;
    std::string domain;
    int years = 0;
  };
  auto options = std::make_shared<Options>();
  auto* set = retention.add_subcommand("set", "Set one retention period");
  set->add_option("--db", options->db, "SQLite file or postgresql:// URL")->required();
  set->add_option("--domain", options->domain, "A domain (youth, wmo, income, debt, ...), general or audit_log")
      ->required();
  set->add_option("--years", options->years, "Whole years, 1 to 100")->required();
  set->callback([options] {
    const auto& domains = domain::involvement_domains();
    if (options->domain != "general" && options->domain != "audit_log" &&
        std::find(domains.begin(), domains.end(), options->domain) == domains.end()) {
      std::fprintf(stderr,
                   "gezicht: --domain: '%s' is not a domain; give one of buurtteam, wmo, youth, income, debt, "
                   "benefits, housing, health, school, community, or general or audit_log\n",
                   options->domain.c_str());
      throw CLI::RuntimeError(2);
    }
    auto connection = storage::open_connection(options->db);
    storage::apply_migrations(*connection);
    try {
      service::set_retention_period(*connection, options->domain, options->years);
    } catch (const std::invalid_argument& refused) {
      std::fprintf(stderr, "gezicht: --years: %s\n", refused.what());
      throw CLI::RuntimeError(2);
    }
    print_periods(service::load_retention_policy(*connection));
  });
}

}  // namespace

void add_retention_command(CLI::App& app) {
  auto* retention = app.add_subcommand("retention", "Remove records kept longer than the municipality's periods");
  retention->require_subcommand(1);
  add_periods(*retention);
  add_set(*retention);
  add_run(*retention);
}

}  // namespace gezicht::app
