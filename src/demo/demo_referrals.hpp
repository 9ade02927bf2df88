#pragma once
// Two years of referrals: when they came in, what was asked, and when (or
// whether yet) the first contact was made. Internal to the demo generator.

#include <cstdint>
#include <vector>

#include "demo/demo_plan.hpp"

namespace gezicht::demo::detail {

class ReferralDrawer {
 public:
  ReferralDrawer(Plan& plan, Rng& rng);

  // About 30% of the households in [begin, end) referred once, some twice, on
  // working days in the past two years. Appended to plan.referrals; contact,
  // reason and who made the first contact are left to the caller.
  void draw_for_households(std::int64_t begin, std::int64_t end, std::int32_t team);
  // One referral made on `day`, a working day before today.
  Referral draw(std::int32_t household, std::int32_t team, Days day);

 private:
  Channel draw_channel(unsigned phone, unsigned walk_in);
  void draw_first_contact(Referral& referral, Days day);

  Plan& plan_;
  Rng& rng_;
  std::vector<Days> working_days_;  // the past two years, oldest first
};

// The printed professionals (plan.printed, team 0) each get at least three
// open referrals, at least one overdue and one not yet due, so that logging in
// shows a worklist. Needs at least two households.
void ensure_open_work(Plan& plan, ReferralDrawer& drawer, Rng& rng);

}  // namespace gezicht::demo::detail
