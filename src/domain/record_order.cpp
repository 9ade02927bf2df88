#include "domain/record_order.hpp"

#include <algorithm>
#include <tuple>

#include "domain/record_rules.hpp"

namespace gezicht::domain {

void put_in_record_order(std::vector<HouseholdMember>& members) {
  std::sort(members.begin(), members.end(), [](const HouseholdMember& a, const HouseholdMember& b) {
    return std::tuple(a.kind != "adult", a.birth_year.value_or(0), a.id) <
           std::tuple(b.kind != "adult", b.birth_year.value_or(0), b.id);
  });
}

void put_in_record_order(std::vector<Action>& actions) {
  std::sort(actions.begin(), actions.end(), [](const Action& a, const Action& b) {
    return std::tuple(a.status != open_status, a.due_on, a.id) < std::tuple(b.status != open_status, b.due_on, b.id);
  });
}

void put_in_record_order(std::vector<Involved>& involved) {
  std::sort(involved.begin(), involved.end(), [](const Involved& a, const Involved& b) {
    return std::tuple(!a.active, a.id) < std::tuple(!b.active, b.id);
  });
}

void put_in_record_order(std::vector<Goal>& goals) {
  std::sort(goals.begin(), goals.end(), [](const Goal& a, const Goal& b) { return a.id < b.id; });
}

void put_in_record_order(std::vector<PlanOption>& options) {
  std::sort(options.begin(), options.end(), [](const PlanOption& a, const PlanOption& b) { return a.id < b.id; });
}

}  // namespace gezicht::domain
