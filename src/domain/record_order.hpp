#pragma once
// The order in which the household record shows its lists. A rule about
// the record, applied after reading, so that it is the same whichever way
// a database hands the rows over.

#include <vector>

#include "domain/household.hpp"

namespace gezicht::domain {

// Adults first; within each, unknown birth years first, then by year, then
// in the order added.
void put_in_record_order(std::vector<HouseholdMember>& members);
// Open actions first, soonest due first; then the settled ones by due date.
void put_in_record_order(std::vector<Action>& actions);
// Active involvements first, each group in the order added.
void put_in_record_order(std::vector<Involved>& involved);
// In the order added.
void put_in_record_order(std::vector<Goal>& goals);
void put_in_record_order(std::vector<PlanOption>& options);

}  // namespace gezicht::domain
