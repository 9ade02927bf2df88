#include "service/retention.hpp"

#include <charconv>
#include <map>
#include <optional>
#include <stdexcept>
#include <string_view>
#include <utility>

#include "domain/calendar.hpp"
#include "service/audit_chain.hpp"
#include "storage/audit_repository.hpp"
#include "storage/directory_repository.hpp"
#include "storage/mail_queue_repository.hpp"
#include "storage/retention_repository.hpp"
#include "storage/settings_keys.hpp"

namespace gezicht::service {
namespace {

constexpr std::string_view domain_key_prefix = "retention_years.";

int years_setting(const std::string& key, const std::string& text) {
  int years = 0;
  auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), years);
  if (error != std::errc() || end != text.data() + text.size() || years < 1 || years > 100) {
    throw std::runtime_error("setting " + key + " must be a number of years from 1 to 100, not '" + text + "'");
  }
  return years;
}

// The same calendar day `years` earlier (29 February becomes 28 February).
domain::Date years_before(domain::Date date, int years) {
  date.year -= years;
  if (date.month == 2 && date.day == 29) date.day = 28;
  return date;
}

storage::AuditRecord system_entry(const Clock& clock, std::optional<std::int64_t> household, const std::string& part,
                                  const std::string& purpose) {
  storage::AuditRecord record;
  record.at = domain::format_timestamp(clock.now());
  record.actor_name = "gezicht retention";
  record.actor_role = "system";
  record.organisation = "Gemeente";
  record.household_id = household;
  record.part = part;
  record.action = "delete";
  record.result = "allowed";
  record.client_address = "local";
  record.purpose = purpose;
  record.route = "gezicht retention run";
  return record;
}

}  // namespace

domain::RetentionPolicy load_retention_policy(storage::Connection& connection) {
  auto policy = domain::default_retention_policy();
  for (const auto& [key, value] : storage::DirectoryRepository(connection).load_settings()) {
    if (key == storage::settings_keys::retention_closed_household_years) {
      policy.general_years = years_setting(key, value);
    } else if (key == storage::settings_keys::retention_audit_log_years) {
      policy.audit_log_years = years_setting(key, value);
    } else if (key.starts_with(domain_key_prefix)) {
      const std::string domain = key.substr(domain_key_prefix.size());
      const int years = years_setting(key, value);
      if (auto problem = domain::domain_years_problem(domain, years)) {
        throw std::runtime_error("setting " + key + ": " + *problem);
      }
      policy.domain_years[domain] = years;
    }
  }
  return policy;
}

void set_retention_period(storage::Connection& connection, const std::string& domain, int years) {
  std::string key;
  if (domain == "general") {
    key = storage::settings_keys::retention_closed_household_years;
  } else if (domain == "audit_log") {
    key = storage::settings_keys::retention_audit_log_years;
  } else {
    key = std::string(domain_key_prefix) + domain;
  }
  if (auto problem = domain::domain_years_problem(domain == "general" || domain == "audit_log" ? "" : domain, years)) {
    throw std::invalid_argument(*problem);
  }
  storage::Transaction transaction(connection);
  storage::DirectoryRepository(connection).set_setting(key, std::to_string(years));
  transaction.commit();
}

std::vector<RetentionStep> run_retention(storage::Connection& connection, const Clock& clock, bool dry_run) {
  const auto policy = load_retention_policy(connection);
  const auto today = domain::amsterdam_date(clock.now());
  std::vector<RetentionStep> steps;
  storage::Transaction transaction(connection);
  storage::RetentionRepository retention(connection);
  std::vector<storage::AuditRecord> log;

  // Grouped by the period that governs them, so the dry run says why each goes.
  const std::string earliest_cutoff = domain::format_date(years_before(today, domain::shortest_record_years(policy)));
  std::map<std::pair<std::string, int>, std::vector<std::int64_t>> due;
  for (const auto& household : retention.closed_households(earliest_cutoff)) {
    const auto closed_on = domain::parse_date(household.closed_on);
    if (!closed_on) {
      throw std::runtime_error("household " + std::to_string(household.id) + " has a malformed closed_on '" +
                               household.closed_on + "'");
    }
    const auto kept = domain::record_retention(policy, household.domains);
    if (domain::years_after(*closed_on, kept.years) > today) continue;
    due[{kept.domain, kept.years}].push_back(household.id);
  }
  for (const auto& [period, ids] : due) {
    const auto& [governing, years] = period;
    const std::string why = "closed " + std::to_string(years) + " or more years ago, the " +
                            (governing.empty() ? std::string("general period") : governing + " period");
    std::string detail = why + ": ";
    for (std::size_t i = 0; i < ids.size(); ++i) {
      if (i > 0) detail += ", ";
      detail += std::to_string(ids[i]);
    }
    steps.push_back({"household", static_cast<std::int64_t>(ids.size()), detail});
    if (!dry_run) {
      for (auto id : ids) {
        retention.remove_household(id);
        log.push_back(system_entry(clock, id, "summary,plan,contacts", why));
      }
    }
  }

  // Audit entries older than their period go from the start of the chain.
  // First an entry saying so, naming the new start, is appended (the last
  // one, as the database requires); only then does the start move past the
  // old entries, which the database then lets go.
  storage::AuditRepository audit(connection);
  const std::string audit_cutoff = domain::format_date(years_before(today, policy.audit_log_years)) + "T00:00:00Z";
  std::optional<storage::AuditRecord> last_removed;
  if (auto last = audit.last_before(audit_cutoff)) {
    const auto head = dry_run ? audit.head() : audit.lock_head();
    const std::int64_t count = last->seq - head.first_seq + 1;
    steps.push_back({"audit_log", count,
                     "entries " + std::to_string(head.first_seq) + " to " + std::to_string(last->seq) + ", before " +
                         audit_cutoff});
    log.push_back(system_entry(
        clock, std::nullopt, "audit_log",
        anchor_move_purpose(head.first_seq, last->seq, count,
                            "older than " + std::to_string(policy.audit_log_years) + " years, before " + audit_cutoff,
                            last->hash)));
    last_removed = std::move(last);
  }

  // Mail no longer worth sending holds an address: the servers' senders
  // remove it, and this run does where no server has run since.
  storage::MailQueueRepository mail(connection);
  if (const auto expired = mail.count_expired(clock.now()); expired > 0) {
    steps.push_back({"mail", expired, "no longer worth sending, never sent"});
    if (!dry_run) mail.remove_expired(clock.now());
  }

  if (!dry_run) {
    append_to_chain(connection, log);
    if (last_removed) {
      audit.set_start(last_removed->seq + 1, last_removed->hash);
      audit.delete_before_seq(last_removed->seq + 1);
    }
    transaction.commit();
  }
  return steps;
}

}  // namespace gezicht::service
