#pragma once
// How long a closed household's record is kept. One household has one record
// and one plan across domains, so the record is kept whole for the longest
// period of the domains that worked with it; a household that no domain with
// a period of its own worked with keeps the general period. The periods count
// from the day support ended (households.closed_on), which is never before
// the record's last change.

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "domain/calendar.hpp"

namespace gezicht::domain {

// A domain's default period, the least the law allows (0: no legal
// minimum), and where the default comes from.
struct DomainPeriod {
  std::string domain;  // one of involvement_domains()
  int years = 0;
  int minimum_years = 0;
  std::string source;
};

// Youth care, Wmo, income support and debt help; other domains have no period
// of their own unless the municipality sets one.
const std::vector<DomainPeriod>& default_domain_periods();

struct RetentionPolicy {
  int general_years = 7;    // closed households without a domain of its own period
  int audit_log_years = 7;  // entries of the audit trail
  std::map<std::string, int> domain_years;
};

RetentionPolicy default_retention_policy();

// Why `years` cannot be the period of `domain` ("" for the general period),
// or nullopt when it can: an unknown domain, outside 1-100, or below the
// legal minimum.
std::optional<std::string> domain_years_problem(const std::string& domain, int years);

// The period that governs a closed household, and the domain it comes from
// ("" when the general period holds).
struct RecordRetention {
  int years = 0;
  std::string domain;
};
RecordRetention record_retention(const RetentionPolicy& policy, const std::vector<std::string>& household_domains);

// The same calendar day `years` later (29 February becomes 28 February).
Date years_after(Date date, int years);
// The shortest period any closed household can have: nothing closed after
// `today` minus this many years can be due.
int shortest_record_years(const RetentionPolicy& policy);

}  // namespace gezicht::domain
