#include "domain/retention_policy.hpp"

#include <algorithm>

#include "domain/household.hpp"

namespace gezicht::domain {

const std::vector<DomainPeriod>& default_domain_periods() {
  // docs/security.md quotes each source. A municipality's own selection list
  // may set longer periods (and shorter ones where the law has no minimum).
  static const std::vector<DomainPeriod> periods{
      {"youth", 20, 20, "Jeugdwet art. 7.3.8 lid 3 (20 jaar sinds 2020); Selectielijst gemeenten 2020, 8.1.2"},
      {"wmo", 15, 15, "Wmo 2015 art. 5.3.4 en 5.3.5; Selectielijst gemeenten 2020, 8.1.1"},
      {"income", 10, 0, "Selectielijst gemeenten 2020, 8.1 (verstrekte uitkering: 10 jaar na beëindiging)"},
      {"debt", 5, 0, "Selectielijst gemeenten 2020, 8.1.9 (schuldhulpverlening: 5 jaar na beëindiging)"},
  };
  return periods;
}

RetentionPolicy default_retention_policy() {
  RetentionPolicy policy;
  for (const auto& period : default_domain_periods()) policy.domain_years[period.domain] = period.years;
  return policy;
}

std::optional<std::string> domain_years_problem(const std::string& domain, int years) {
  const auto& domains = involvement_domains();
  if (!domain.empty() && std::find(domains.begin(), domains.end(), domain) == domains.end()) {
    return "'" + domain +
           "' is not a domain (one of buurtteam, wmo, youth, income, debt, benefits, housing, health, "
           "school, community)";
  }
  if (years < 1 || years > 100) return "a retention period is a number of years from 1 to 100";
  for (const auto& period : default_domain_periods()) {
    if (period.domain == domain && years < period.minimum_years) {
      return "the " + domain + " period cannot be shorter than " + std::to_string(period.minimum_years) +
             " years: " + period.source;
    }
  }
  return std::nullopt;
}

RecordRetention record_retention(const RetentionPolicy& policy, const std::vector<std::string>& household_domains) {
  RecordRetention longest;
  for (const auto& domain : household_domains) {
    auto found = policy.domain_years.find(domain);
    if (found != policy.domain_years.end() && found->second > longest.years) longest = {found->second, domain};
  }
  if (longest.years == 0) return {policy.general_years, ""};
  return longest;
}

Date years_after(Date date, int years) {
  date.year += years;
  if (date.month == 2 && date.day == 29) date.day = 28;
  return date;
}

int shortest_record_years(const RetentionPolicy& policy) {
  int shortest = policy.general_years;
  for (const auto& [domain, years] : policy.domain_years) shortest = std::min(shortest, years);
  return shortest;
}

}  // namespace gezicht::domain
