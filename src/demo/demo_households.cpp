// Households with their addresses and fixed contacts, and who handled their
// referrals. Every random draw is its own statement, because the order in
// which operands of one expression are evaluated is unspecified and the town
// must be the same for the same seed with any compiler.

#include <algorithm>
#include <stdexcept>

#include "demo/demo_plan.hpp"
#include "demo/demo_referrals.hpp"

namespace gezicht::demo::detail {
namespace {

constexpr std::int64_t fixed_contact_share = 40;  // percent of households, caseload room permitting
constexpr unsigned contact_known_before = 20;     // percent: contact predates the first referral
constexpr int capacity_per_pc4 = 50000;

class HouseholdPlanner {
 public:
  HouseholdPlanner(Plan& plan, Rng& rng) : plan_(plan), rng_(rng), referrals_(plan, rng) {}

  void run(std::int64_t total) {
    const std::vector<std::int64_t> sizes = split(total);
    plan_.households.reserve(static_cast<std::size_t>(total));
    plan_.referrals.reserve(static_cast<std::size_t>(total * 36 / 100 + 64));
    for (std::size_t n = 0; n < plan_.neighbourhoods.size(); ++n) {
      auto& neighbourhood = plan_.neighbourhoods[n];
      neighbourhood.households_begin = static_cast<std::int64_t>(plan_.households.size());
      place_addresses(neighbourhood, sizes[n]);
      neighbourhood.households_end = static_cast<std::int64_t>(plan_.households.size());
      plan_team(n);
    }
    ensure_open_work(plan_, referrals_, rng_);
    // Ids follow time, as they would have in the real system.
    std::stable_sort(plan_.referrals.begin(), plan_.referrals.end(),
                     [](const Referral& a, const Referral& b) { return a.created_at < b.created_at; });
  }

 private:
  // Households over neighbourhoods, each between 70% and 130% of the
  // average. The first neighbourhood, whose professionals are printed, gets
  // a few extra so that even a tiny town has work to show.
  std::vector<std::int64_t> split(std::int64_t all) {
    const std::int64_t reserved = std::min<std::int64_t>(all, 6);
    const std::int64_t total = all - reserved;
    const std::size_t count = plan_.neighbourhoods.size();
    std::vector<std::int64_t> weights(count);
    std::int64_t sum = 0;
    for (auto& weight : weights) {
      weight = 70 + static_cast<std::int64_t>(below(rng_, 61));
      sum += weight;
    }
    std::vector<std::int64_t> sizes(count);
    std::int64_t given = 0;
    for (std::size_t i = 0; i < count; ++i) {
      sizes[i] = total * weights[i] / sum;
      given += sizes[i];
    }
    for (std::size_t i = 0; given < total; i = (i + 1) % count, ++given) ++sizes[i];
    sizes[0] += reserved;
    return sizes;
  }

  // Addresses as in a real postcode area: consecutive letter pairs with the
  // odd gap, each a street stretch numbered 1, 2, 3, ... or 1, 3, 5, ...
  // No two households share a postcode and house number by construction.
  void place_addresses(const Neighbourhood& neighbourhood, std::int64_t count) {
    for (int p = 0; p < neighbourhood.pc4_count; ++p) {
      std::int64_t remaining = count / neighbourhood.pc4_count + (p < count % neighbourhood.pc4_count ? 1 : 0);
      if (remaining > capacity_per_pc4) throw std::invalid_argument("too many households per postcode area");
      int pair = static_cast<int>(below(rng_, 3));
      while (remaining > 0) {
        const int pairs_left = letter_pair_count - pair;
        if (pairs_left <= 0) throw std::logic_error("demo generator: letter pairs exhausted");
        const std::int64_t needed = (remaining + pairs_left - 1) / pairs_left;
        std::int64_t size = 8 + static_cast<std::int64_t>(below(rng_, 53));
        size = std::min<std::int64_t>({std::max(size, needed), remaining, 150});
        const bool odd_only = size * 2 - 1 <= 150 && percent(rng_, 30);
        for (std::int64_t i = 0; i < size; ++i) {
          Household household;
          household.pc4 = static_cast<std::uint16_t>(neighbourhood.first_pc4 + p);
          household.letters = static_cast<std::uint16_t>(pair);
          household.number = static_cast<std::uint8_t>(odd_only ? 1 + 2 * i : 1 + i);
          plan_.households.push_back(household);
        }
        remaining -= size;
        ++pair;
        if (static_cast<std::int64_t>(letter_pair_count - pair - 3) * 40 > remaining) {
          pair += static_cast<int>(below(rng_, 3));
        }
      }
    }
  }

  // How many households each professional is the fixed contact for: mostly
  // between 20 and 56, in most teams one professional exactly at the cap,
  // and together never more than 40% of the team's households (scaled down
  // when there are fewer; the one at the cap stays there if room allows).
  std::vector<std::int64_t> draw_quotas(const Team& team, std::int64_t households, bool force_one_at_cap) {
    const std::size_t count = team.professionals.size();
    std::vector<std::int64_t> quota(count);
    std::vector<bool> at_cap(count, false);
    const bool one_at_cap = force_one_at_cap || percent(rng_, 75);
    const auto capped = one_at_cap ? static_cast<std::size_t>(below(rng_, count)) : count;
    std::int64_t full = 0;
    for (std::size_t i = 0; i < count; ++i) {
      at_cap[i] = i == capped;
      quota[i] = at_cap[i] ? caseload_cap : 20 + static_cast<std::int64_t>(below(rng_, 37));
      full += quota[i];
    }
    const std::int64_t wanted = std::min(full, (households * fixed_contact_share + 50) / 100);
    if (wanted == full) return quota;
    const std::int64_t capped_total = one_at_cap ? caseload_cap : 0;
    const bool keep_cap = one_at_cap && wanted - capped_total >= 5 * static_cast<std::int64_t>(count - 1);
    // Scale the others (or everyone) down to the budget; what rounding leaves
    // over goes one by one in index order.
    const std::int64_t budget = keep_cap ? wanted - capped_total : wanted;
    const std::int64_t base = keep_cap ? full - capped_total : full;
    std::int64_t given = 0;
    for (std::size_t i = 0; i < count; ++i) {
      if (keep_cap && at_cap[i]) continue;
      quota[i] = quota[i] * budget / base;
      given += quota[i];
    }
    for (std::size_t i = 0; given < budget; i = (i + 1) % count) {
      if ((keep_cap && at_cap[i]) || quota[i] >= caseload_cap) continue;
      ++quota[i];
      ++given;
    }
    return quota;
  }

  // A professional with room, drawn in proportion to the room left.
  std::size_t draw_by_room(const std::vector<std::int64_t>& room, std::int64_t total) {
    auto left = static_cast<std::int64_t>(below(rng_, static_cast<std::uint64_t>(total)));
    for (std::size_t i = 0; i < room.size(); ++i) {
      if (left < room[i]) return i;
      left -= room[i];
    }
    return room.size() - 1;
  }

  // The household's referrals get `contact`, and why: the first one by
  // language or room (unless the contact was known before), later ones
  // because the household already knows that person.
  void set_reasons(const Household& household, std::int32_t contact, bool known_before) {
    for (int r = 0; r < household.referral_count; ++r) {
      Referral& referral = plan_.referrals[static_cast<std::size_t>(household.first_referral + r)];
      referral.contact = contact;
      if (known_before || r > 0)
        referral.reason = Reason::existing_contact;
      else if (referral.language != 0 && speaks(plan_, contact, referral.language))
        referral.reason = Reason::language_match;
      else
        referral.reason = Reason::lowest_caseload;
    }
  }

  void plan_team(std::size_t team_index) {
    const auto& neighbourhood = plan_.neighbourhoods[team_index];
    const Team& team = plan_.teams[team_index];
    const auto team_id = static_cast<std::int32_t>(team_index);
    const std::int64_t begin = neighbourhood.households_begin;
    const std::int64_t end = neighbourhood.households_end;
    auto household_at = [&](std::int64_t h) -> Household& { return plan_.households[static_cast<std::size_t>(h)]; };
    auto latest = [&](std::int64_t h) {
      const Household& household = household_at(h);
      return plan_.referrals[static_cast<std::size_t>(household.first_referral + household.referral_count - 1)]
          .created_at;
    };

    referrals_.draw_for_households(begin, end, team_id);
    std::vector<std::int64_t> room = draw_quotas(team, end - begin, team_index == 0);
    std::int64_t places = 0;
    for (auto q : room) places += q;

    // Who holds a fixed contact now: households with the most recent
    // referrals first (their contact is current), then others at random.
    // When the caseloads cannot hold every referred household, the oldest
    // cases have been closed and their households no longer hold one.
    std::vector<std::int64_t> referred;
    for (std::int64_t h = begin; h < end; ++h) {
      if (household_at(h).referral_count > 0) referred.push_back(h);
    }
    std::stable_sort(referred.begin(), referred.end(),
                     [&](std::int64_t a, std::int64_t b) { return latest(a) > latest(b); });
    const auto kept =
        static_cast<std::size_t>(std::min<std::int64_t>(places, static_cast<std::int64_t>(referred.size())));
    std::vector<std::int64_t> holders(referred.begin(), referred.begin() + static_cast<std::ptrdiff_t>(kept));
    std::vector<bool> known_before(kept);
    for (std::size_t i = 0; i < kept; ++i) known_before[i] = percent(rng_, contact_known_before);
    // Selection sampling: exactly `wanted` of the unreferred, each equally likely.
    std::int64_t wanted = places - static_cast<std::int64_t>(kept);
    std::int64_t available = (end - begin) - static_cast<std::int64_t>(referred.size());
    for (std::int64_t h = begin; h < end && wanted > 0; ++h) {
      if (household_at(h).referral_count > 0) continue;
      if (static_cast<std::int64_t>(below(rng_, static_cast<std::uint64_t>(available))) < wanted) {
        holders.push_back(h);
        --wanted;
      }
      --available;
    }

    // Language first, as the assignment rule does: a resident who asked for
    // another language gets the professional with the most room who speaks it.
    std::vector<std::int32_t> contact_of(holders.size(), 0);
    for (std::size_t i = 0; i < kept; ++i) {
      if (known_before[i]) continue;
      const Household& household = household_at(holders[i]);
      const std::uint8_t language = plan_.referrals[static_cast<std::size_t>(household.first_referral)].language;
      if (language == 0) continue;
      std::size_t best = room.size();
      for (std::size_t p = 0; p < room.size(); ++p) {
        if (room[p] > 0 && speaks(plan_, team.professionals[p], language) &&
            (best == room.size() || room[p] > room[best])) {
          best = p;
        }
      }
      if (best == room.size()) continue;
      contact_of[i] = team.professionals[best];
      --room[best];
      --places;
    }
    for (std::size_t i = 0; i < holders.size(); ++i) {
      if (contact_of[i] != 0) continue;
      const std::size_t p = draw_by_room(room, places);
      contact_of[i] = team.professionals[p];
      --room[p];
      --places;
    }
    for (std::size_t i = 0; i < holders.size(); ++i) {
      Household& household = household_at(holders[i]);
      household.contact = contact_of[i];
      if (household.referral_count > 0) set_reasons(household, contact_of[i], i < kept && known_before[i]);
    }

    // Referred households whose case has closed: their referrals keep the
    // professional who had it (language match, or anyone in the team).
    for (std::size_t i = kept; i < referred.size(); ++i) {
      const Household& household = household_at(referred[i]);
      const std::uint8_t language = plan_.referrals[static_cast<std::size_t>(household.first_referral)].language;
      std::vector<std::int32_t> speakers;
      if (language != 0) {
        for (auto professional : team.professionals) {
          if (speaks(plan_, professional, language)) speakers.push_back(professional);
        }
      }
      const auto& pool = speakers.empty() ? team.professionals : speakers;
      set_reasons(household, pool[below(rng_, pool.size())], false);
    }

    // Who made the first contact: mostly the contact, sometimes a colleague.
    for (std::int64_t h = begin; h < end; ++h) {
      const Household& household = household_at(h);
      for (int r = 0; r < household.referral_count; ++r) {
        Referral& referral = plan_.referrals[static_cast<std::size_t>(household.first_referral + r)];
        referral.contacted_by = referral.contact;
        if (referral.contacted_at >= 0 && percent(rng_, 10)) {
          referral.contacted_by = team.professionals[below(rng_, team.professionals.size())];
        }
      }
    }

    // A household exists from its first referral, or, when its contact was
    // known before or it was never referred, from some time in the past three years.
    const Seconds start = plan_.now - household_history_days * seconds_per_day;
    for (std::size_t i = 0; i < kept; ++i) {
      Household& household = household_at(holders[i]);
      const Seconds first = plan_.referrals[static_cast<std::size_t>(household.first_referral)].created_at;
      household.created_at = first;
      if (known_before[i] && first > start) {
        household.created_at = start + static_cast<Seconds>(below(rng_, static_cast<std::uint64_t>(first - start)));
      }
    }
    for (std::int64_t h = begin; h < end; ++h) {
      Household& household = household_at(h);
      if (household.created_at != 0) continue;
      if (household.referral_count > 0) {
        household.created_at = plan_.referrals[static_cast<std::size_t>(household.first_referral)].created_at;
      } else {
        const Days day = plan_.today - household_history_days + static_cast<Days>(below(rng_, household_history_days));
        household.created_at = day * seconds_per_day + office_opens + static_cast<Seconds>(below(rng_, office_hours));
      }
    }
  }

  Plan& plan_;
  Rng& rng_;
  ReferralDrawer referrals_;
};

}  // namespace

void plan_households(Plan& plan, std::int64_t households, Rng& rng) { HouseholdPlanner(plan, rng).run(households); }

}  // namespace gezicht::demo::detail
