#include "service/retention.hpp"

#include <charconv>
#include <optional>
#include <stdexcept>

#include "domain/calendar.hpp"
#include "service/audit_chain.hpp"
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
