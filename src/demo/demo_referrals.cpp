#include "demo/demo_referrals.hpp"

#include <algorithm>

#include "demo/demo_names.hpp"

namespace gezicht::demo::detail {
namespace {

constexpr unsigned households_with_referrals = 30;  // percent
constexpr unsigned second_referral = 15;            // percent of those

}  // namespace

ReferralDrawer::ReferralDrawer(Plan& plan, Rng& rng) : plan_(plan), rng_(rng) {
  for (Days day = plan.today - referral_history_days; day < plan.today; ++day) {
    if (is_working_day(day)) working_days_.push_back(day);
  }
}

Channel ReferralDrawer::draw_channel(unsigned phone, unsigned walk_in) {
  const auto roll = below(rng_, 100);
  if (roll < phone) return Channel::phone;
  return roll < phone + walk_in ? Channel::walk_in : Channel::home_visit;
}

Referral ReferralDrawer::draw(std::int32_t household, std::int32_t team, Days day) {
  Referral referral;
  referral.household = household;
  referral.team = team;
  referral.created_at = day * seconds_per_day + office_opens + static_cast<Seconds>(below(rng_, office_hours));
  referral.promised_by = add_working_days(day, promise_working_days);
  referral.question = static_cast<std::uint8_t>(below(rng_, names::question_count()));
  const bool dutch = percent(rng_, 82);
  referral.language = static_cast<std::uint8_t>(dutch ? 0 : names::resident_language(rng_()));
  referral.channel = draw_channel(60, 25);
  referral.trusted_person = percent(rng_, 15);
  const auto reach = below(rng_, 100);
  referral.reach = reach < 70 ? 0 : reach < 90 ? 1 : 2;
  referral.person = static_cast<std::uint32_t>(rng_());
  draw_first_contact(referral, day);
  return referral;
}

// When the first contact happened: mostly within the promise, some late,
// a few very late. What falls on or after today is still open.
void ReferralDrawer::draw_first_contact(Referral& referral, Days day) {
  const auto roll = below(rng_, 1000);
  int delay = 0;
  if (roll < 150)
    delay = 0;
  else if (roll < 520)
    delay = 1;
  else if (roll < 740)
    delay = 2;
  else if (roll < 880)
    delay = 3;
  else if (roll < 970)
    delay = 4 + static_cast<int>(below(rng_, 4));
  else if (roll < 995)
    delay = 8 + static_cast<int>(below(rng_, 8));
  else
    delay = 16 + static_cast<int>(below(rng_, 25));
  Seconds at = referral.created_at + 900 + static_cast<Seconds>(below(rng_, 3 * 3600));
  if (delay == 0 && at >= day * seconds_per_day + office_opens + office_hours) delay = 1;
  if (delay > 0) {
    at =
        add_working_days(day, delay) * seconds_per_day + office_opens + static_cast<Seconds>(below(rng_, office_hours));
  }
  referral.contacted_at = at < plan_.now ? at : -1;
  referral.contact_channel = draw_channel(65, 10);
}

void ReferralDrawer::draw_for_households(std::int64_t begin, std::int64_t end, std::int32_t team) {
  if (working_days_.empty()) return;
  for (std::int64_t h = begin; h < end; ++h) {
    if (!percent(rng_, households_with_referrals)) continue;
    auto first = static_cast<std::size_t>(below(rng_, working_days_.size()));
    auto second = first;
    if (percent(rng_, second_referral)) second = static_cast<std::size_t>(below(rng_, working_days_.size()));
    if (second < first) std::swap(first, second);
    auto& household = plan_.households[static_cast<std::size_t>(h)];
    household.first_referral = static_cast<std::int32_t>(plan_.referrals.size());
    household.referral_count = 1;
    plan_.referrals.push_back(draw(static_cast<std::int32_t>(h), team, working_days_[first]));
    if (second != first) {
      const std::uint32_t person = plan_.referrals.back().person;
      Referral again = draw(static_cast<std::int32_t>(h), team, working_days_[second]);
      if (percent(rng_, 85)) again.person = person;  // mostly the same resident asks again
      plan_.referrals.push_back(again);
      household.referral_count = 2;
    }
  }
}

namespace {

bool has_open_referral(const Plan& plan, std::int64_t household) {
  return std::any_of(plan.referrals.begin(), plan.referrals.end(), [&](const Referral& referral) {
    return referral.household == household && referral.contacted_at < 0;
  });
}

// A household of the first team for professional `user` to get another
// referral: one of their own without referrals, then one of their own with
// one, then one without a fixed contact (without referrals, then any), then
// any of their own. In a tiny town, last of all a colleague's household
// without open referrals is handed over.
std::int64_t household_for(const Plan& plan, std::int32_t user) {
  const auto& neighbourhood = plan.neighbourhoods[0];
  const auto matches = [&](const Household& h, int preference) {
    switch (preference) {
      case 0: return h.contact == user && h.referral_count == 0;
      case 1: return h.contact == user && h.referral_count == 1;
      case 2: return h.contact == 0 && h.referral_count == 0;
      case 3: return h.contact == 0;
      default: return h.contact == user;
    }
  };
  for (int preference = 0; preference < 5; ++preference) {
    for (std::int64_t h = neighbourhood.households_begin; h < neighbourhood.households_end; ++h) {
      if (matches(plan.households[static_cast<std::size_t>(h)], preference)) return h;
    }
  }
  for (std::int64_t h = neighbourhood.households_begin; h < neighbourhood.households_end; ++h) {
    if (!has_open_referral(plan, h)) return h;
  }
  return -1;
}

}  // namespace

void ensure_open_work(Plan& plan, ReferralDrawer& drawer, Rng& rng) {
  for (const std::int32_t user : plan.printed) {
    if (plan.users[static_cast<std::size_t>(user - 1)].role != "professional") continue;
    int open = 0, overdue = 0, upcoming = 0;
    for (const auto& referral : plan.referrals) {
      if (referral.contact != user || referral.contacted_at >= 0) continue;
      ++open;
      if (referral.promised_by < plan.today) ++overdue;
      if (referral.promised_by > plan.today) ++upcoming;
    }
    std::vector<Days> days;
    if (overdue == 0) days.push_back(subtract_working_days(plan.today, 6 + static_cast<int>(below(rng, 3))));
    if (upcoming == 0) days.push_back(subtract_working_days(plan.today, 1));
    while (open + static_cast<int>(days.size()) < 3) days.push_back(subtract_working_days(plan.today, 2));
    for (const Days day : days) {
      const std::int64_t h = household_for(plan, user);
      if (h < 0) break;  // a town too small to hold the example
      Household& household = plan.households[static_cast<std::size_t>(h)];
      Referral referral = drawer.draw(static_cast<std::int32_t>(h), 0, day);
      referral.contacted_at = -1;
      referral.contact = user;
      referral.contacted_by = user;
      if (household.contact == user) {
        referral.reason = Reason::existing_contact;
      } else {
        household.contact = user;
        referral.reason = referral.language != 0 && speaks(plan, user, referral.language) ? Reason::language_match
                                                                                          : Reason::lowest_caseload;
      }
      household.created_at = std::min(household.created_at, referral.created_at);
      household.referral_count = static_cast<std::uint8_t>(household.referral_count + 1);
      plan.referrals.push_back(referral);
    }
  }
}

}  // namespace gezicht::demo::detail
