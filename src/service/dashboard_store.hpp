#pragma once
// The dashboard's copy of the base tables in memory: per household its
// groups, contacts, changes of fixed contact, breakthroughs and requests
// for another contact, and every request for help, in compact rows. The
// dashboard reads a municipality of a million households on each request;
// from SQL that takes seconds (docs/performance.md).
//
// It is loaded from the base tables once, then brought up to date before
// every read from the read model dashboard_changes, which the database keeps
// with triggers: only the households and requests changed since the last
// read are read again. No write path has to remember it, and a change made
// by another server, the CLI or a hand-written UPDATE shows the same way.

#include <array>
#include <cstdint>
#include <functional>
#include <mutex>
#include <optional>
#include <span>
#include <string>
#include <unordered_map>
#include <vector>

#include "domain/dashboard.hpp"
#include "service/directory_service.hpp"
#include "storage/dashboard_repository.hpp"
#include "storage/database.hpp"

namespace gezicht::service {

struct DashboardFactsQuery {
  std::int64_t start = 0;                    // UTC seconds, inclusive
  std::int64_t end = 0;                      // exclusive
  std::string today;                         // YYYY-MM-DD in Amsterdam
  std::optional<std::int64_t> only_contact;  // a professional's own households and requests (the mirror)
  // Active professionals with their cap: the store counts their households.
  std::vector<domain::CaseloadFact> professionals;
};

struct DashboardStoreSize {
  std::int64_t households = 0;
  std::int64_t contacts = 0;
  std::int64_t referrals = 0;
};

class DashboardStore {
 public:
  using FactsUse = std::function<void(domain::DashboardFacts&)>;

  // Loads the store when it is not loaded (or when dashboard_changes was
  // rebuilt), otherwise reads what changed; then hands the period's facts
  // to `use`, which must not keep them (the store reuses them). The
  // facts hold households, requests, handovers, breakthroughs and caseloads;
  // the caller adds outreach and experience.
  void with_facts(storage::Connection& connection, const DirectorySnapshot& directory, const DashboardFactsQuery& query,
                  const FactsUse& use);
  // Loads now, if not loaded yet: at server start, so the first reader does not wait.
  void warm(storage::Connection& connection, const DirectorySnapshot& directory);
  DashboardStoreSize size();

 private:
  struct Change {
    std::int64_t at = 0;
    std::int64_t from_user_id = 0;  // 0: nobody
    bool warm = false;
  };
  struct Breakthrough {
    std::int64_t asked_at = 0;
    std::optional<std::int64_t> decided_at;
    bool granted = false;
    std::int64_t spend_cents = 0;
  };
  // What every read scans comes first and fits one cache line: a read over
  // a million households then touches one line each, not four.
  struct alignas(64) Household {
    bool present = false;
    bool plan_confirmed = false;
    bool packed = false;
    bool has_events = false;                  // changes, breakthroughs or requests for another contact
    std::uint16_t language = 0;               // codes in names_
    std::uint16_t background = 0;             // the newest answer of its requests; 0: none
    std::uint16_t neighbourhood = 0;          // by postcode, for directory_version_
    std::int16_t first_adult_birth_year = 0;  // 0: not known
    std::int32_t adults = 0;
    std::int32_t children = 0;
    std::int64_t fixed_contact_id = 0;
    std::int64_t team_id = 0;
    // Its contacts by time, ties in the order logged: in packed_ after a full
    // load, in `contacts` when read again since (contacts_of gives either).
    std::size_t packed_begin = 0;
    std::size_t packed_count = 0;
    std::int64_t id = 0;
    // Read only for some households.
    std::string postcode;
    std::vector<domain::Contact> contacts;
    std::vector<Change> changes;  // by time
    std::vector<Breakthrough> breakthroughs;
    std::vector<std::int64_t> another_contact_at;
  };
  struct Referral {
    bool present = false;
    std::optional<std::int64_t> household_id;
    std::optional<std::size_t> household_slot;  // of household_id: slots are never reused
    std::int64_t team_id = 0;
    std::int64_t contact_id = 0;
    std::string postcode;
    std::uint16_t language = 0;
    std::optional<std::uint16_t> background;
    std::int64_t created_at = 0;
    std::string promised_by;
    std::optional<std::int64_t> first_contact_at;
    std::string first_contact_day;
    std::string arrived_via;
    std::optional<std::uint16_t> neighbourhood;  // by its own postcode, when the directory knows it
  };

  void refresh(storage::Connection& connection, const DirectorySnapshot& directory);
  void load_all(storage::Connection& connection);
  void reload_household(storage::Connection& connection, std::int64_t id);
  void reload_referral(storage::Connection& connection, std::int64_t id);
  void fill(Referral& referral, storage::DashboardReferralRow&& row);
  std::size_t household_index(std::int64_t id);  // adds a slot for an id not seen before
  Household& household_slot(std::int64_t id);
  std::size_t referral_index(std::int64_t id);  // adds a slot for an id not seen before
  // Reads rows of one household (or all) into the slots.
  void read_households(storage::Connection& connection, std::optional<std::int64_t> id);
  void resolve(Household& household, const DirectorySnapshot& directory);
  // Every household's contacts in one array, in slot order: a read over all
  // of them then streams through memory instead of jumping from list to list.
  void pack_contacts();
  std::span<const domain::Contact> contacts_of(const Household& household) const;
  void resolve(Referral& referral, const DirectorySnapshot& directory);
  // Codes of age bands (by birth year, for the period's year) and household
  // types, worked out before the households are read in parallel.
  class GroupCodes {
   public:
    GroupCodes(domain::GroupNames& names, int year);
    std::uint16_t age_band(int born) const;
    std::uint16_t household_type(int adults, int children) const;

   private:
    static constexpr int first_year = 1880;
    static constexpr int years = 200;
    std::array<std::uint16_t, years> age_bands_{};
    std::uint16_t unknown_band_ = 0;
    std::array<std::uint16_t, 6> household_types_{};
  };
  domain::Groups groups_of(const Household& household, const GroupCodes& codes) const;
  // What one thread gathers from its share of the households, by slot.
  struct Part {
    std::vector<std::pair<std::size_t, domain::HandoverFact>> handovers;
    std::vector<std::pair<std::size_t, domain::BreakthroughFigureFact>> breakthroughs;
    std::vector<int> caseload;  // by user id
  };
  // Fills facts_.households[first, last), last_.counted_contact and the part.
  void scan(std::size_t first, std::size_t last, const DashboardFactsQuery& query, const GroupCodes& codes, Part& part);
  // Every household, in as many parts as there are cores; last_ then holds the period's facts.
  void scan_all(const DashboardFactsQuery& query, const GroupCodes& codes, std::size_t users);
  // Only the households read again since last_ was made, for the same period.
  void scan_changed(const DashboardFactsQuery& query, const GroupCodes& codes);
  bool same_period(const DashboardFactsQuery& query, std::size_t users) const;
  // The facts of the requests for help in the period, in facts_.referrals:
  // all of them, or again only those of requests or households read again.
  void add_referrals(const DashboardFactsQuery& query, const GroupCodes& codes);
  void update_referrals(const DashboardFactsQuery& query, const GroupCodes& codes);
  void add_referral(std::size_t slot, const DashboardFactsQuery& query, const GroupCodes& codes);
  void order_referral(std::size_t slot);
  void unorder_referral(std::size_t slot);

  std::mutex mutex_;  // one reader or refresher at a time: the facts point into the slots
  bool loaded_ = false;
  std::string watermark_;
  std::int64_t built_ = 0;
  std::string directory_version_;
  domain::GroupNames names_;
  std::vector<Household> households_;
  std::vector<domain::Contact> packed_;
  std::size_t unpacked_ = 0;  // households read again since the last packing
  std::unordered_map<std::int64_t, std::size_t> household_slots_;
  std::vector<Referral> referrals_;
  std::unordered_map<std::int64_t, std::size_t> referral_slots_;
  // The present requests by (created_at, slot): a read takes its period's part only.
  std::vector<std::pair<std::int64_t, std::size_t>> referral_order_;
  // What the last read found, kept for the next: most reads ask the page's
  // default period again, and then only the households read again since are
  // scanned again. Its facts of households sit in facts_.households.
  struct PeriodFacts {
    bool valid = false;
    std::int64_t start = 0;
    std::int64_t end = 0;
    std::optional<std::int64_t> only_contact;
    std::size_t users = 0;
    std::size_t households = 0;  // slots it covers
    std::vector<std::pair<std::size_t, domain::HandoverFact>> handovers;
    std::vector<std::pair<std::size_t, domain::BreakthroughFigureFact>> breakthroughs;
    std::vector<int> caseload;                  // by user id
    std::vector<std::int64_t> counted_contact;  // by slot: whose caseload it counts in (0: nobody's)
    // Where each of facts_.referrals comes from.
    struct ReferralOrigin {
      std::size_t referral = 0;
      std::optional<std::size_t> household;
    };
    std::vector<ReferralOrigin> referral_origins;
  };
  PeriodFacts last_;
  std::vector<std::size_t> reread_;            // household slots read again since last_ was made
  std::vector<std::size_t> reread_referrals_;  // request slots read again since
  // Reused by each read (their memory stays); a household's fact sits in its slot.
  domain::DashboardFacts facts_;
  std::array<Part, 8> parts_;
};

}  // namespace gezicht::service
