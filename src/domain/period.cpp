#include "domain/period.hpp"

#include <stdexcept>
#include <vector>

#include "domain/calendar.hpp"
#include "domain/validation_error.hpp"

namespace gezicht::domain {

DayPeriod amsterdam_day_period(const std::string& from, const std::string& to) {
  const auto first = parse_date(from);
  const auto last = parse_date(to);
  std::vector<FieldError> errors;
  if (!first) errors.push_back({"from", "date.invalid"});
  if (!last) errors.push_back({"to", "date.invalid"});
  if (first && last && (*last < *first || days_since_epoch(*last) - days_since_epoch(*first) > longest_period_days)) {
    errors.push_back({"to", "period.invalid"});
  }
  if (!errors.empty()) throw ValidationError(std::move(errors));
  const auto start = parse_amsterdam_local(from + "T00:00");
  const auto end = parse_amsterdam_local(format_date(date_from_days(days_since_epoch(*last) + 1)) + "T00:00");
  if (!start || !end) throw std::runtime_error("a period could not be placed in Amsterdam time: " + from + " - " + to);
  return {*start, *end};
}

}  // namespace gezicht::domain
