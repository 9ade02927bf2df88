#include "service/dashboard_store.hpp"

#include <algorithm>
#include <stdexcept>
#include <thread>

#include "domain/calendar.hpp"
#include "storage/dashboard_repository.hpp"

namespace gezicht::service {
namespace {

constexpr std::int64_t day_seconds = 86400;
// More changed households than this since the last read: loading all again is quicker.
constexpr std::size_t most_changes_read_one_by_one = 20000;
// Households ahead whose newest contacts are fetched into the cache while this one is read.
constexpr std::size_t prefetch_distance = 8;

std::int64_t seconds_of(const std::string& timestamp) {
  const auto parsed = domain::parse_timestamp(timestamp);
  if (!parsed) throw std::logic_error("a stored time that is not one: " + timestamp);
  return *parsed;
}

bool in_period(std::int64_t at, const DashboardFactsQuery& query) { return query.start <= at && at < query.end; }

}  // namespace

std::size_t DashboardStore::household_index(std::int64_t id) {
  const auto [found, added] = household_slots_.try_emplace(id, households_.size());
  if (added) households_.emplace_back();
  return found->second;
}

DashboardStore::Household& DashboardStore::household_slot(std::int64_t id) { return households_[household_index(id)]; }

std::size_t DashboardStore::referral_index(std::int64_t id) {
  const auto [found, added] = referral_slots_.try_emplace(id, referrals_.size());
  if (added) referrals_.emplace_back();
  return found->second;
}

void DashboardStore::read_households(storage::Connection& connection, std::optional<std::int64_t> id) {
  storage::DashboardRepository repository(connection);
  repository.households(id, [&](storage::DashboardHouseholdRow&& row) {
    auto& household = household_slot(row.id);
    household.present = true;
    household.id = row.id;
    household.fixed_contact_id = row.fixed_contact_id;
    household.postcode = std::move(row.postcode);
    household.language = names_.code(domain::Split::language, row.preferred_language);
  });
  // A row of another table for a household not read above (deleted meanwhile) is left out.
  const auto present = [&](std::int64_t household) -> Household* {
    const auto found = household_slots_.find(household);
    if (found == household_slots_.end() || !households_[found->second].present) return nullptr;
    return &households_[found->second];
  };
  repository.members(id, [&](storage::DashboardMemberRow&& row) {
    auto* household = present(row.household_id);
    if (!household) return;
    if (row.adult) {
      // The first adult is the one who asked, as the record names the household.
      // A birth year out of range is a mistake in the record: not known.
      const int born = row.birth_year.value_or(0);
      if (household->adults++ == 0 && born > 0 && born < 32768) {
        household->first_adult_birth_year = static_cast<std::int16_t>(born);
      }
    } else {
      ++household->children;
    }
  });
  repository.backgrounds(id, [&](storage::DashboardBackgroundRow&& row) {
    if (auto* household = present(row.household_id)) {
      household->background = names_.code(domain::Split::background, row.background);
    }
  });
  repository.plans(id, [&](storage::DashboardPlanRow&& row) {
    if (auto* household = present(row.household_id)) household->plan_confirmed = row.confirmed;
  });
  repository.contacts(id, [&](storage::DashboardContactRow&& row) {
    if (auto* household = present(row.household_id)) {
      household->contacts.push_back({seconds_of(row.at), row.involved_id});
    }
  });
  repository.changes(id, [&](storage::DashboardChangeRow&& row) {
    if (auto* household = present(row.household_id)) {
      household->changes.push_back({seconds_of(row.changed_at), row.from_user_id.value_or(0), row.warm});
    }
  });
  repository.breakthroughs(id, [&](storage::DashboardBreakthroughRow&& row) {
    auto* household = present(row.household_id);
    if (!household) return;
    Breakthrough request;
    request.asked_at = seconds_of(row.asked_at);
    const bool decided = row.state == "granted" || row.state == "rejected" || row.state == "executed";
    if (decided && row.decided_at) request.decided_at = seconds_of(*row.decided_at);
    request.granted = row.state == "granted" || row.state == "executed";
    request.spend_cents = row.spend_cents;
    household->breakthroughs.push_back(request);
  });
  repository.another_contact_requests(id, [&](storage::DashboardAnotherContactRow&& row) {
    if (auto* household = present(row.household_id)) household->another_contact_at.push_back(seconds_of(row.asked_at));
  });
  // Read in the order logged: a stable sort by time keeps that order for ties, as SECON wants.
  const auto sort = [](Household& household) {
    household.has_events =
        !household.changes.empty() || !household.breakthroughs.empty() || !household.another_contact_at.empty();
    std::stable_sort(household.contacts.begin(), household.contacts.end(),
                     [](const domain::Contact& a, const domain::Contact& b) { return a.at < b.at; });
    std::stable_sort(household.changes.begin(), household.changes.end(),
                     [](const Change& a, const Change& b) { return a.at < b.at; });
  };
  if (id) {
    if (auto* household = present(*id)) sort(*household);
  } else {
    for (auto& household : households_) sort(household);
    pack_contacts();
  }
}

void DashboardStore::pack_contacts() {
  std::size_t total = 0;
  for (const auto& household : households_) total += contacts_of(household).size();
  std::vector<domain::Contact> packed;
  packed.reserve(total);
  for (auto& household : households_) {
    const auto contacts = contacts_of(household);
    household.packed_begin = packed.size();
    household.packed_count = contacts.size();
    packed.insert(packed.end(), contacts.begin(), contacts.end());
    household.packed = true;
    std::vector<domain::Contact>().swap(household.contacts);
  }
  packed_.swap(packed);
  unpacked_ = 0;
}

std::span<const domain::Contact> DashboardStore::contacts_of(const Household& household) const {
  if (household.packed) return {packed_.data() + household.packed_begin, household.packed_count};
  return household.contacts;
}

void DashboardStore::load_all(storage::Connection& connection) {
  storage::DashboardRepository repository(connection);
  // First where changes stand: whatever commits during the load is read again after it.
  auto watermark = repository.change_watermark();
  const auto built = repository.changes_built();
  households_.clear();
  household_slots_.clear();
  referrals_.clear();
  referral_slots_.clear();
  directory_version_.clear();
  read_households(connection, std::nullopt);
  repository.referrals(std::nullopt, [&](storage::DashboardReferralRow&& row) {
    fill(referrals_[referral_index(row.id)], std::move(row));
  });
  referral_order_.clear();
  for (std::size_t slot = 0; slot < referrals_.size(); ++slot) {
    if (referrals_[slot].present) referral_order_.emplace_back(referrals_[slot].created_at, slot);
  }
  std::sort(referral_order_.begin(), referral_order_.end());
  last_.valid = false;
  reread_.clear();
  reread_referrals_.clear();
  watermark_ = std::move(watermark);
  built_ = built;
  loaded_ = true;
}

void DashboardStore::reload_household(storage::Connection& connection, std::int64_t id) {
  const auto slot = household_index(id);
  households_[slot] = Household{};  // gone unless read again
  read_households(connection, id);
  reread_.push_back(slot);
}

void DashboardStore::reload_referral(storage::Connection& connection, std::int64_t id) {
  const auto slot = referral_index(id);
  unorder_referral(slot);
  referrals_[slot] = Referral{};
  storage::DashboardRepository repository(connection);
  repository.referrals(id, [&](storage::DashboardReferralRow&& row) { fill(referrals_[slot], std::move(row)); });
  order_referral(slot);
  reread_referrals_.push_back(slot);
}

void DashboardStore::order_referral(std::size_t slot) {
  if (!referrals_[slot].present) return;
  const std::pair entry{referrals_[slot].created_at, slot};
  referral_order_.insert(std::upper_bound(referral_order_.begin(), referral_order_.end(), entry), entry);
}

void DashboardStore::unorder_referral(std::size_t slot) {
  if (!referrals_[slot].present) return;
  const std::pair entry{referrals_[slot].created_at, slot};
  const auto found = std::lower_bound(referral_order_.begin(), referral_order_.end(), entry);
  if (found == referral_order_.end() || *found != entry) throw std::logic_error("a request missing from its order");
  referral_order_.erase(found);
}

void DashboardStore::fill(Referral& referral, storage::DashboardReferralRow&& row) {
  referral.present = true;
  referral.household_id = row.household_id;
  if (row.household_id) referral.household_slot = household_index(*row.household_id);
  referral.team_id = row.team_id;
  referral.contact_id = row.contact_id;
  referral.postcode = std::move(row.postcode);
  referral.language = names_.code(domain::Split::language, row.language);
  if (row.background) referral.background = names_.code(domain::Split::background, *row.background);
  referral.created_at = seconds_of(row.created_at);
  referral.promised_by = std::move(row.promised_by);
  if (row.first_contact_at) {
    referral.first_contact_at = seconds_of(*row.first_contact_at);
    referral.first_contact_day = domain::format_date(domain::amsterdam_date(*referral.first_contact_at));
  }
  referral.arrived_via = std::move(row.arrived_via);
}

void DashboardStore::resolve(Household& household, const DirectorySnapshot& directory) {
  household.neighbourhood = 0;
  household.team_id = 0;
  if (!household.present) return;
  if (const auto* neighbourhood = directory.directory.neighbourhood_for(household.postcode)) {
    household.neighbourhood = names_.code(domain::Split::neighbourhood, neighbourhood->name);
    household.team_id = neighbourhood->team_id;
  }
}

void DashboardStore::resolve(Referral& referral, const DirectorySnapshot& directory) {
  referral.neighbourhood.reset();
  if (!referral.present) return;
  if (const auto* neighbourhood = directory.directory.neighbourhood_for(referral.postcode)) {
    referral.neighbourhood = names_.code(domain::Split::neighbourhood, neighbourhood->name);
  }
}

void DashboardStore::refresh(storage::Connection& connection, const DirectorySnapshot& directory) {
  storage::DashboardRepository repository(connection);
  if (!loaded_ || repository.changes_built() != built_) {
    load_all(connection);
  } else {
    auto changes = repository.changes_since(watermark_);
    if (changes.households.size() + changes.referrals.size() > most_changes_read_one_by_one) {
      load_all(connection);
    } else {
      for (const auto id : changes.referrals) {
        reload_referral(connection, id);
        // A request's background is its household's too.
        const auto& referral = referrals_[referral_slots_.at(id)];
        if (referral.household_id) changes.households.push_back(*referral.household_id);
      }
      std::sort(changes.households.begin(), changes.households.end());
      changes.households.erase(std::unique(changes.households.begin(), changes.households.end()),
                               changes.households.end());
      for (const auto id : changes.households) {
        reload_household(connection, id);
        resolve(households_[household_slots_.at(id)], directory);
        ++unpacked_;
      }
      // Households read again keep their contacts apart; past a twentieth, all are packed again.
      if (unpacked_ > households_.size() / 20) pack_contacts();
      for (const auto id : changes.referrals) resolve(referrals_[referral_slots_.at(id)], directory);
      watermark_ = std::move(changes.watermark);
    }
  }
  // The directory decides neighbourhoods and teams: all again when it changed.
  if (directory_version_ != directory.version) {
    for (auto& household : households_) resolve(household, directory);
    for (auto& referral : referrals_) resolve(referral, directory);
    directory_version_ = directory.version;
    last_.valid = false;
  }
}

void DashboardStore::warm(storage::Connection& connection, const DirectorySnapshot& directory) {
  const std::lock_guard lock(mutex_);
  if (!loaded_) refresh(connection, directory);
}

DashboardStoreSize DashboardStore::size() {
  const std::lock_guard lock(mutex_);
  DashboardStoreSize size;
  for (const auto& household : households_) {
    if (!household.present) continue;
    ++size.households;
    size.contacts += static_cast<std::int64_t>(contacts_of(household).size());
  }
  for (const auto& referral : referrals_) size.referrals += referral.present ? 1 : 0;
  return size;
}

domain::Groups DashboardStore::groups_of(const Household& household, const GroupCodes& codes) const {
  domain::Groups groups;
  const auto set = [&](domain::Split split, std::uint16_t code) {
    groups.codes[static_cast<std::size_t>(split) - 1] = code;
  };
  set(domain::Split::neighbourhood, household.neighbourhood);
  set(domain::Split::language, household.language);
  set(domain::Split::background, household.background);
  set(domain::Split::age_band, codes.age_band(household.first_adult_birth_year));
  set(domain::Split::household_type, codes.household_type(household.adults, household.children));
  return groups;
}

DashboardStore::GroupCodes::GroupCodes(domain::GroupNames& names, int year) {
  for (int born = first_year; born < first_year + years; ++born) {
    age_bands_[static_cast<std::size_t>(born - first_year)] =
        names.code(domain::Split::age_band, domain::age_band(born, year));
  }
  unknown_band_ = names.code(domain::Split::age_band, domain::age_band(std::nullopt, year));
  for (int adults = 0; adults <= 2; ++adults) {
    for (int children = 0; children <= 1; ++children) {
      household_types_[static_cast<std::size_t>(adults) * 2 + static_cast<std::size_t>(children)] =
          names.code(domain::Split::household_type, domain::household_type(adults, children));
    }
  }
}

std::uint16_t DashboardStore::GroupCodes::age_band(int born) const {
  // A birth year outside the table is a mistake in the record: not known.
  if (born < first_year || born >= first_year + years) return unknown_band_;
  return age_bands_[static_cast<std::size_t>(born - first_year)];
}

std::uint16_t DashboardStore::GroupCodes::household_type(int adults, int children) const {
  // domain::household_type tells apart no adult, one, more; with or without children.
  return household_types_[static_cast<std::size_t>(std::clamp(adults, 0, 2)) * 2 + (children > 0 ? 1U : 0U)];
}

void DashboardStore::scan(std::size_t first, std::size_t last, const DashboardFactsQuery& query,
                          const GroupCodes& codes, Part& part) {
  const auto year_ago = query.end - 365 * day_seconds;
  const auto earlier = [](const domain::Contact& c, std::int64_t at) { return c.at < at; };
  for (std::size_t slot = first; slot < last; ++slot) {
    const auto& household = households_[slot];
    auto& fact = facts_.households[slot];
    fact = domain::HouseholdFact{};  // counts for nothing unless filled in below
    last_.counted_contact[slot] = 0;
    if (!household.present) continue;
    if (household.fixed_contact_id > 0 && static_cast<std::size_t>(household.fixed_contact_id) < part.caseload.size()) {
      ++part.caseload[static_cast<std::size_t>(household.fixed_contact_id)];
      last_.counted_contact[slot] = household.fixed_contact_id;
    }
    // The lists are read from their newest end: a period usually ends about now.
    if (slot + prefetch_distance < last) {
      const auto& ahead = households_[slot + prefetch_distance];
      if (ahead.packed && ahead.packed_count > 0)
        __builtin_prefetch(&packed_[ahead.packed_begin + ahead.packed_count - 1]);
    }
    const auto contacts = contacts_of(household);
    auto to = contacts.end();
    if (!contacts.empty() && contacts.back().at >= query.end) {
      to = std::lower_bound(contacts.begin(), contacts.end(), query.end, earlier);
    }
    auto from = to;
    while (from != contacts.begin() && (from - 1)->at >= query.start) --from;
    if (from == to && !household.has_events) continue;
    const auto groups = groups_of(household, codes);
    int changes_in_year = 0;
    bool asked_another_contact = false;
    if (household.has_events) {
      for (const auto& change : household.changes) {
        if (year_ago <= change.at && change.at < query.end) ++changes_in_year;
        if (!in_period(change.at, query)) continue;
        if (query.only_contact && change.from_user_id != *query.only_contact) continue;
        part.handovers.push_back({slot, {household.team_id, change.from_user_id, groups, change.warm}});
      }
      if (!query.only_contact) {
        for (const auto& request : household.breakthroughs) {
          if (!in_period(request.asked_at, query)) continue;
          part.breakthroughs.push_back({slot,
                                        {household.team_id, groups, request.asked_at, request.decided_at,
                                         request.granted, request.spend_cents}});
        }
      }
      asked_another_contact = std::any_of(household.another_contact_at.begin(), household.another_contact_at.end(),
                                          [&](std::int64_t at) { return in_period(at, query); });
    }
    if (from == to || (query.only_contact && household.fixed_contact_id != *query.only_contact)) continue;
    fact.id = household.id;
    fact.team_id = household.team_id;
    fact.fixed_contact_id = household.fixed_contact_id;
    fact.groups = groups;
    fact.plan_confirmed = household.plan_confirmed;
    fact.continuity = domain::dashboard_continuity(
        contacts.subspan(static_cast<std::size_t>(from - contacts.begin()), static_cast<std::size_t>(to - from)),
        query.start, query.end);
    fact.fixed_contact_changes_in_year = changes_in_year;
    fact.asked_another_contact = asked_another_contact;
  }
}

bool DashboardStore::same_period(const DashboardFactsQuery& query, std::size_t users) const {
  return last_.valid && last_.start == query.start && last_.end == query.end &&
         last_.only_contact == query.only_contact && last_.users == users;
}

void DashboardStore::scan_all(const DashboardFactsQuery& query, const GroupCodes& codes, std::size_t users) {
  last_.counted_contact.assign(households_.size(), 0);
  const std::size_t part_count = std::clamp<std::size_t>(std::thread::hardware_concurrency(), 1,
                                                         std::min(parts_.size(), households_.size() / 50000 + 1));
  {
    std::vector<std::jthread> helpers;
    for (std::size_t p = 0; p < part_count; ++p) {
      auto& part = parts_[p];
      part.handovers.clear();
      part.breakthroughs.clear();
      part.caseload.assign(users, 0);
      const std::size_t first = households_.size() * p / part_count;
      const std::size_t last = households_.size() * (p + 1) / part_count;
      if (p + 1 == part_count) {
        scan(first, last, query, codes, part);  // the last part on this thread
      } else {
        helpers.emplace_back([this, first, last, &query, &codes, &part] { scan(first, last, query, codes, part); });
      }
    }
  }  // joined
  last_.handovers.clear();
  last_.breakthroughs.clear();
  last_.caseload.assign(users, 0);
  for (std::size_t p = 0; p < part_count; ++p) {
    const auto& part = parts_[p];
    last_.handovers.insert(last_.handovers.end(), part.handovers.begin(), part.handovers.end());
    last_.breakthroughs.insert(last_.breakthroughs.end(), part.breakthroughs.begin(), part.breakthroughs.end());
    for (std::size_t user = 0; user < users; ++user) last_.caseload[user] += part.caseload[user];
  }
  last_.start = query.start;
  last_.end = query.end;
  last_.only_contact = query.only_contact;
  last_.users = users;
  last_.households = households_.size();
}

void DashboardStore::scan_changed(const DashboardFactsQuery& query, const GroupCodes& codes) {
  // Households added since count as read again.
  for (auto slot = last_.households; slot < households_.size(); ++slot) reread_.push_back(slot);
  std::sort(reread_.begin(), reread_.end());
  reread_.erase(std::unique(reread_.begin(), reread_.end()), reread_.end());
  last_.counted_contact.resize(households_.size(), 0);
  const auto reread = [&](const auto& entry) {
    return std::binary_search(reread_.begin(), reread_.end(), entry.first);
  };
  std::erase_if(last_.handovers, reread);
  std::erase_if(last_.breakthroughs, reread);
  auto& part = parts_[0];
  part.handovers.clear();
  part.breakthroughs.clear();
  part.caseload.assign(last_.users, 0);
  for (const auto slot : reread_) {
    const auto counted = static_cast<std::size_t>(last_.counted_contact[slot]);
    if (counted > 0) --last_.caseload[counted];
    scan(slot, slot + 1, query, codes, part);
  }
  last_.handovers.insert(last_.handovers.end(), part.handovers.begin(), part.handovers.end());
  last_.breakthroughs.insert(last_.breakthroughs.end(), part.breakthroughs.begin(), part.breakthroughs.end());
  for (std::size_t user = 0; user < last_.users; ++user) last_.caseload[user] += part.caseload[user];
  last_.households = households_.size();
}

void DashboardStore::add_referral(std::size_t slot, const DashboardFactsQuery& query, const GroupCodes& codes) {
  const auto& referral = referrals_[slot];
  if (!referral.present || !in_period(referral.created_at, query)) return;
  if (query.only_contact && referral.contact_id != *query.only_contact) return;
  domain::ReferralFact fact;
  fact.team_id = referral.team_id;
  fact.contact_id = referral.contact_id;
  if (referral.household_slot && households_[*referral.household_slot].present) {
    fact.groups = groups_of(households_[*referral.household_slot], codes);
  }
  const auto set = [&](domain::Split split, std::uint16_t code) {
    fact.groups.codes[static_cast<std::size_t>(split) - 1] = code;
  };
  if (referral.neighbourhood) set(domain::Split::neighbourhood, *referral.neighbourhood);
  set(domain::Split::language, referral.language);
  if (referral.background) set(domain::Split::background, *referral.background);
  fact.created_at = referral.created_at;
  fact.promised_by = referral.promised_by;
  fact.first_contact_at = referral.first_contact_at;
  if (referral.first_contact_at) fact.first_contact_day = referral.first_contact_day;
  fact.arrived_via = referral.arrived_via;
  facts_.referrals.push_back(std::move(fact));
  last_.referral_origins.push_back({slot, referral.household_slot});
}

void DashboardStore::add_referrals(const DashboardFactsQuery& query, const GroupCodes& codes) {
  facts_.referrals.clear();
  last_.referral_origins.clear();
  const auto first =
      std::lower_bound(referral_order_.begin(), referral_order_.end(), std::pair{query.start, std::size_t{0}});
  for (auto entry = first; entry != referral_order_.end() && entry->first < query.end; ++entry) {
    add_referral(entry->second, query, codes);
  }
}

void DashboardStore::update_referrals(const DashboardFactsQuery& query, const GroupCodes& codes) {
  // reread_ is sorted by scan_changed.
  auto redo = reread_referrals_;
  std::sort(redo.begin(), redo.end());
  const auto read_again = [&](const PeriodFacts::ReferralOrigin& origin) {
    return std::binary_search(redo.begin(), redo.end(), origin.referral) ||
           (origin.household && std::binary_search(reread_.begin(), reread_.end(), *origin.household));
  };
  auto& referrals = facts_.referrals;
  auto& origins = last_.referral_origins;
  std::vector<std::size_t> again;
  std::size_t kept = 0;
  for (std::size_t i = 0; i < referrals.size(); ++i) {
    if (read_again(origins[i])) {
      again.push_back(origins[i].referral);
      continue;
    }
    if (kept != i) {
      referrals[kept] = std::move(referrals[i]);
      origins[kept] = origins[i];
    }
    ++kept;
  }
  referrals.resize(kept);
  origins.resize(kept);
  again.insert(again.end(), redo.begin(), redo.end());
  std::sort(again.begin(), again.end());
  again.erase(std::unique(again.begin(), again.end()), again.end());
  for (const auto slot : again) add_referral(slot, query, codes);
}

void DashboardStore::with_facts(storage::Connection& connection, const DirectorySnapshot& directory,
                                const DashboardFactsQuery& query, const FactsUse& use) {
  const std::lock_guard lock(mutex_);
  refresh(connection, directory);
  // Kept between reads, so their memory is not asked of the system again each time.
  auto& facts = facts_;
  facts.period_start = query.start;
  facts.period_end = query.end;
  facts.today = query.today;
  facts.names = names_;
  facts.households.resize(households_.size());
  facts.handovers.clear();
  facts.breakthroughs.clear();
  facts.experience.clear();
  facts.caseloads.clear();
  facts.outreach.clear();
  // The same codes each time for the same year: names_ never holds age bands or household types.
  const GroupCodes codes(facts.names, domain::amsterdam_date(query.end - 1).year);

  // Households per professional, by user id (ids are small and dense).
  std::int64_t highest_user = 0;
  for (const auto& professional : query.professionals) highest_user = std::max(highest_user, professional.user_id);
  const std::size_t users = query.professionals.empty() ? 0 : static_cast<std::size_t>(highest_user) + 1;

  const bool same = same_period(query, users);
  last_.valid = false;  // until both are done: a throw leaves it unusable
  if (same) {
    scan_changed(query, codes);
    update_referrals(query, codes);
  } else {
    scan_all(query, codes, users);
    add_referrals(query, codes);
  }
  last_.valid = true;
  reread_.clear();
  reread_referrals_.clear();
  for (const auto& [slot, handover] : last_.handovers) facts.handovers.push_back(handover);
  for (const auto& [slot, breakthrough] : last_.breakthroughs) facts.breakthroughs.push_back(breakthrough);
  for (auto professional : query.professionals) {
    professional.households =
        professional.user_id > 0 ? last_.caseload[static_cast<std::size_t>(professional.user_id)] : 0;
    facts.caseloads.push_back(professional);
  }
  use(facts);
}

}  // namespace gezicht::service
