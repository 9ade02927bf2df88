#include "service/retention.hpp"

#include <charconv>
#include <stdexcept>

#include "domain/calendar.hpp"
#include "service/audit_trail.hpp"
#include "storage/audit_repository.hpp"
#include "storage/directory_repository.hpp"
#include "storage/retention_repository.hpp"
#include "storage/settings_keys.hpp"

namespace gezicht::service {
namespace {

int years_setting(const std::map<std::string, std::string>& settings, const char* key, int fallback) {
  auto found = settings.find(key);
  if (found == settings.end()) return fallback;
  int years = 0;
  const auto& text = found->second;
  auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), years);
  if (error != std::errc() || end != text.data() + text.size() || years < 1 || years > 100) {
    throw std::runtime_error(std::string("setting ") + key + " must be a number of years from 1 to 100, not '" + text +
                             "'");
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

RetentionPolicy load_retention_policy(storage::Connection& connection) {
  const auto settings = storage::DirectoryRepository(connection).load_settings();
  RetentionPolicy policy;
  policy.closed_household_years =
      years_setting(settings, storage::settings_keys::retention_closed_household_years, policy.closed_household_years);
  policy.audit_log_years =
      years_setting(settings, storage::settings_keys::retention_audit_log_years, policy.audit_log_years);
  return policy;
}

std::vector<RetentionStep> run_retention(storage::Connection& connection, const Clock& clock, bool dry_run) {
  const auto policy = load_retention_policy(connection);
  const auto today = domain::amsterdam_date(clock.now());
  std::vector<RetentionStep> steps;
  storage::Transaction transaction(connection);
  storage::RetentionRepository retention(connection);
  std::vector<storage::AuditRecord> log;

  const std::string closed_cutoff = domain::format_date(years_before(today, policy.closed_household_years));
  const auto households = retention.closed_households(closed_cutoff);
  if (!households.empty()) {
    std::string ids;
    for (auto id : households) ids += (ids.empty() ? "" : ", ") + std::to_string(id);
    steps.push_back({"household", static_cast<std::int64_t>(households.size()),
                     "closed on or before " + closed_cutoff + ": " + ids});
    if (!dry_run) {
      for (auto id : households) {
        retention.remove_household(id);
        log.push_back(system_entry(clock, id, "summary,plan,contacts",
                                   "closed more than " + std::to_string(policy.closed_household_years) + " years ago"));
      }
    }
  }

  // Audit entries older than their period go from the start of the chain;
  // the chain's new start is recorded so verification still holds.
  storage::AuditRepository audit(connection);
  const std::string audit_cutoff = domain::format_date(years_before(today, policy.audit_log_years)) + "T00:00:00Z";
  if (const auto last = audit.last_before(audit_cutoff)) {
    const auto head = audit.head();
    const std::int64_t count = last->seq - head.first_seq + 1;
    steps.push_back({"audit_log", count,
                     "entries " + std::to_string(head.first_seq) + " to " + std::to_string(last->seq) + ", before " +
                         audit_cutoff});
    if (!dry_run) {
      audit.set_start(last->seq + 1, last->hash);
      audit.delete_before_seq(last->seq + 1);
      log.push_back(system_entry(clock, std::nullopt, "audit_log",
                                 "entries up to " + std::to_string(last->seq) + " older than " +
                                     std::to_string(policy.audit_log_years) + " years"));
    }
  }

  if (!dry_run) {
    append_to_chain(connection, log);
    transaction.commit();
  }
  return steps;
}

}  // namespace gezicht::service
