// The households' casework, streamed into the database household by
// household: members and how they are related, everyone involved, two years
// of contacts, what matters, goals, options, actions and changes of fixed
// contact. See demo_casework.hpp.

#include "demo/demo_casework.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <stdexcept>
#include <string>
#include <vector>

#include "demo/demo_casework_words.hpp"
#include "demo/demo_names.hpp"
#include "demo/demo_rows.hpp"
#include "domain/calendar.hpp"

namespace gezicht::demo::detail {
namespace {

using storage::Value;
using words::Domain;

constexpr Seconds day = seconds_per_day;
constexpr Days contact_history_days = 2 * 365;

// One salt per purpose, so each draws from its own stream per household.
constexpr std::uint64_t salt_profile = 0x70726f66696c65ull;
constexpr std::uint64_t salt_changes = 0x6368616e676573ull;
constexpr std::uint64_t salt_weight = 0x776569676874ull;
constexpr std::uint64_t salt_casework = 0x63617365776f726bull;

// Of the households with a fixed contact, per thousand: one, two or three
// handovers in the past year; per hundred: a resident's request in the past two.
constexpr std::uint64_t one_handover = 25;
constexpr std::uint64_t two_handovers = 17;
constexpr std::uint64_t three_handovers = 8;
constexpr unsigned resident_request = 2;

enum class Involvement { none, fixed_contact, closed_case };

Involvement involvement_of(const Plan& plan, std::size_t household) {
  if (plan.households[household].contact != 0) return Involvement::fixed_contact;
  return referrals_of(plan, household).empty() ? Involvement::none : Involvement::closed_case;
}

// How many contacts a household gets, relatively: households with a fixed
// contact about three times as many as closed cases, each spread widely
// (a quarter to almost three times the average), none without anyone involved.
std::uint64_t contact_weight(const Plan& plan, std::size_t household, std::uint64_t key) {
  const Involvement involvement = involvement_of(plan, household);
  if (involvement == Involvement::none) return 0;
  const std::uint64_t roll = household_stream(key, household, salt_weight)() % 1000;
  const std::uint64_t factor = 250 + roll * roll / 400;
  return involvement == Involvement::fixed_contact ? 3 * factor : factor;
}

// "0123 45 67 89"
void format_office_phone(std::uint64_t bits, std::string& out) {
  const auto number = static_cast<unsigned>(bits % 1000000);
  char text[16];
  const int length =
      std::snprintf(text, sizeof text, "0123 %02u %02u %02u", number / 10000, number / 100 % 100, number % 100);
  out.assign(text, static_cast<std::size_t>(length));
}

const char* contact_channel(std::uint64_t roll /* 0..99 */, bool professional) {
  // home_visit, walk_in, phone, video, letter, email
  static constexpr unsigned by_professional[] = {30, 10, 35, 5, 5, 15};
  static constexpr unsigned by_external[] = {10, 5, 40, 5, 15, 25};
  static constexpr const char* names[] = {"home_visit", "walk_in", "phone", "video", "letter", "email"};
  const auto& weights = professional ? by_professional : by_external;
  unsigned left = static_cast<unsigned>(roll);
  for (std::size_t i = 0; i < 6; ++i) {
    if (left < weights[i]) return names[i];
    left -= weights[i];
  }
  return "phone";
}

class CaseworkWriter {
 public:
  CaseworkWriter(storage::Connection& connection, const Plan& plan, std::uint64_t key)
      : plan_(plan),
        key_(key),
        members_(connection, "household_members", {"id", "household_id", "name", "kind", "birth_year", "created_at"}),
        relations_(connection, "member_relations", {"id", "household_id", "member_id", "related_id", "relation"}),
        involved_(connection, "involved",
                  {"id", "household_id", "user_id", "name", "organisation", "role", "domain", "does_what", "reach",
                   "active", "added_by", "added_at"}),
        what_matters_(connection, "what_matters",
                      {"id", "household_id", "words", "recorded_by", "recorded_at", "confirmed_on"}),
        goals_(connection, "goals",
               {"id", "household_id", "words", "progress_sign", "status", "created_by", "created_at"}),
        options_(connection, "plan_options",
                 {"id", "household_id", "goal_id", "description", "chosen", "why", "created_by", "created_at"}),
        actions_(connection, "actions",
                 {"id", "household_id", "goal_id", "what", "involved_id", "domain", "due_on", "status", "created_by",
                  "created_at"}),
        contacts_(connection, "contacts",
                  {"id", "household_id", "involved_id", "at", "channel", "with_whom", "recorded_by", "recorded_at"}),
        changes_(connection, "fixed_contact_changes",
                 {"id", "household_id", "from_user_id", "to_user_id", "kind", "reason", "warm_handover_on",
                  "no_warm_reason", "changed_by", "changed_at"}) {
    relations_.depends_on(members_);
    options_.depends_on(goals_);
    actions_.depends_on(goals_);
    actions_.depends_on(involved_);
    contacts_.depends_on(involved_);
    for (Days d = plan.today - contact_history_days - 1; d < plan.today; ++d) {
      if (is_working_day(d)) working_days_.push_back(d);
    }
    year_ = domain::date_from_days(plan.today).year;
  }

  CaseworkCounts run(double contacts_per_household, const std::function<void(std::int64_t)>& on_households) {
    const std::size_t count = plan_.households.size();
    std::uint64_t total_weight = 0;
    for (std::size_t h = 0; h < count; ++h) total_weight += contact_weight(plan_, h, key_);
    const auto contacts =
        total_weight == 0
            ? std::uint64_t{0}
            : static_cast<std::uint64_t>(std::llround(contacts_per_household * static_cast<double>(count)));
    __extension__ using Wide = unsigned __int128;
    // Household h gets its share of the running total, so the shares add up
    // to exactly `contacts`.
    std::uint64_t cumulative = 0;
    std::uint64_t given = 0;
    std::size_t neighbourhood = 0;
    constexpr std::int64_t report_every = 1000;
    for (std::size_t h = 0; h < count; ++h) {
      while (static_cast<std::int64_t>(h) >= plan_.neighbourhoods[neighbourhood].households_end) ++neighbourhood;
      cumulative += contact_weight(plan_, h, key_);
      const std::uint64_t due =
          total_weight == 0 ? 0 : static_cast<std::uint64_t>(Wide{contacts} * cumulative / total_weight);
      write_household(h, neighbourhood, static_cast<std::int64_t>(due - given));
      given = due;
      if (on_households && (h + 1) % report_every == 0) on_households(report_every);
    }
    for (Batch* batch :
         {&members_, &relations_, &involved_, &what_matters_, &goals_, &options_, &actions_, &contacts_, &changes_}) {
      batch->flush();
    }
    if (on_households && count % report_every != 0) on_households(static_cast<std::int64_t>(count % report_every));

    CaseworkCounts counts;
    counts.members = members_.written();
    counts.relations = relations_.written();
    counts.involved = involved_.written();
    counts.contacts = contacts_.written();
    counts.what_matters = what_matters_.written();
    counts.goals = goals_.written();
    counts.plan_options = options_.written();
    counts.actions = actions_.written();
    counts.fixed_contact_changes = changes_.written();
    return counts;
  }

 private:
  struct Member {
    std::string_view first;
    std::int64_t id = 0;
    bool adult = true;
  };
  // Someone involved: a professional of the team (user != 0) or not.
  struct Face {
    std::int64_t id = 0;
    std::int32_t user = 0;
    Domain domain = Domain::buurtteam;
    Seconds added = 0;
    bool holder = false;  // the fixed contact (of some time), or a closed case's contact
  };
  // The household's contact person from `from` on.
  struct Holder {
    Seconds from = 0;
    std::int32_t user = 0;
    std::int64_t involved = 0;
  };
  struct Goal {
    std::int64_t id = 0;
    Domain domain = Domain::buurtteam;
    Seconds created = 0;
  };

  const User& user(std::int32_t id) const { return plan_.users[static_cast<std::size_t>(id - 1)]; }

  const Holder& holder_at(Seconds at) const {
    std::size_t found = 0;
    for (std::size_t i = 1; i < holders_.size(); ++i) {
      if (holders_[i].from <= at) found = i;
    }
    return holders_[found];
  }

  bool is_holder(std::int32_t user_id) const {
    return std::any_of(holders_.begin(), holders_.end(), [&](const Holder& h) { return h.user == user_id; });
  }

  // A moment in the past two years, in office hours on a working day, within [from, to).
  Seconds moment(Stream& rng, Seconds from, Seconds to) {
    if (to <= from) return from;
    const auto first = std::lower_bound(working_days_.begin(), working_days_.end(), from / day);
    const auto last = std::upper_bound(working_days_.begin(), working_days_.end(), (to - 1) / day);
    Seconds at = 0;
    if (first < last) {
      const Days d = *(first + static_cast<std::ptrdiff_t>(rng.below(static_cast<std::uint64_t>(last - first))));
      at = d * day + office_opens + static_cast<Seconds>(rng.below(office_hours));
    } else {
      at = rng.between(from, to);
    }
    const Seconds span = std::min<Seconds>(to - from, 3600);
    if (at < from) at = from + rng.between(0, span);
    if (at >= to) at = to - 1 - rng.between(0, span);
    return at;
  }

  void write_household(std::size_t h, std::size_t neighbourhood, std::int64_t contact_count) {
    const Household& household = plan_.households[h];
    const auto household_id = static_cast<std::int64_t>(h + 1);
    Stream rng = household_stream(key_, h, salt_casework);
    const auto referrals = referrals_of(plan_, h);

    write_members(rng, household_id, household.created_at);

    faces_.clear();
    holders_.clear();
    changes_here_.clear();
    Seconds from = 0;  // the window of contacts
    Seconds to = 0;
    const Team& team = plan_.teams[neighbourhood];
    if (household.contact != 0) {
      const Seconds start = assignment_time(plan_, h);
      while (change_cursor_ < plan_.contact_changes.size() &&
             plan_.contact_changes[change_cursor_].household < static_cast<std::int32_t>(h)) {
        ++change_cursor_;
      }
      for (std::size_t c = change_cursor_;
           c < plan_.contact_changes.size() && plan_.contact_changes[c].household == static_cast<std::int32_t>(h);
           ++c) {
        changes_here_.push_back(&plan_.contact_changes[c]);
      }
      holders_.push_back({start, changes_here_.empty() ? household.contact : changes_here_.front()->from, 0});
      for (const ContactChange* change : changes_here_) holders_.push_back({change->at, change->to, 0});
      for (std::size_t j = 0; j < holders_.size(); ++j) {
        const bool current = j + 1 == holders_.size();
        // The first assignment of a referred household followed the
        // assignment rule; the team lead made every other one.
        const std::int32_t added_by = j == 0 && !referrals.empty() ? 0 : team.lead;
        holders_[j].involved = write_professional(household_id, holders_[j].user, team,
                                                  current ? "Vaste contactpersoon" : "Vorige vaste contactpersoon",
                                                  current, added_by, holders_[j].from, true);
      }
      from = std::max(start, plan_.now - contact_history_days * day);
      to = plan_.now;
    } else if (!referrals.empty()) {
      // A closed case: the professional who had it, for a while after the last referral.
      const Referral& first = plan_.referrals[static_cast<std::size_t>(referrals.front())];
      const Referral& last = plan_.referrals[static_cast<std::size_t>(referrals.back())];
      from = first.created_at;
      to = std::min(plan_.now, last.created_at + rng.between(60, 241) * day);
      holders_.push_back({from, first.contact, 0});
      holders_[0].involved = write_professional(household_id, first.contact, team, "Contactpersoon na de aanmelding",
                                                false, 0, from, true);
    }
    if (!referrals.empty() && !holders_.empty())
      write_others(rng, household_id, referrals, team, neighbourhood, from, to);
    if (contact_count > 0 && !faces_.empty()) write_contacts(rng, household_id, contact_count, from, to);
    if (household.contact != 0) {
      write_plan_rows(rng, household_id, referrals, from);
      write_changes(rng, household_id, referrals, team);
    }
  }

  void write_members(Stream& rng, std::int64_t household_id, Seconds created) {
    members_here_.clear();
    const bool two_adults = rng.percent(55);
    const auto kids_roll = rng.below(100);
    int children = kids_roll < 40 ? 0 : kids_roll < 58 ? 1 : kids_roll < 80 ? 2 : kids_roll < 93 ? 3 : 4;
    const bool adult_child = two_adults && children == 0 && rng.percent(10);  // a parent living with a grown-up child

    const std::uint64_t first_bits = rng();
    const names::PersonName first = names::person_name(first_bits);
    names::PersonName second = first;
    std::uint64_t second_bits = first_bits;
    int first_age = 0;
    int second_age = 0;
    int ages[4] = {0, 0, 0, 0};
    if (adult_child) {
      first_age = static_cast<int>(rng.between(58, 91));
      second_age = std::max(18, first_age - static_cast<int>(rng.between(20, 37)));
      // Same origin for the first name, and the parent's surname.
      second_bits = (rng() & ~std::uint64_t{0xffff}) | (first_bits & 0xffff);
      second = {names::person_name(second_bits).first, first.last};
    } else {
      if (children > 0) {
        first_age = static_cast<int>(rng.between(22, 52));
        const int oldest_possible = std::min(17, first_age - 18);
        for (int c = 0; c < children; ++c) ages[c] = static_cast<int>(rng.between(0, oldest_possible + 1));
        std::sort(ages, ages + children, [](int a, int b) { return a > b; });
      } else {
        first_age = static_cast<int>(rng.between(18, 90));
      }
      if (two_adults) {
        second_bits = rng();
        const names::PersonName partner = names::person_name(second_bits);
        // Partners keep their own surname about half of the time.
        second = {partner.first, rng.percent(50) ? first.last : partner.last};
        second_age = std::clamp(first_age + static_cast<int>(rng.between(-5, 9)), 18, 95);
        if (children > 0) second_age = std::max(second_age, ages[0] + 18);
      }
    }

    const std::int64_t first_id = add_member(household_id, first, true, first_age, created);
    std::int64_t second_id = 0;
    if (two_adults) second_id = add_member(household_id, second, true, second_age, created);
    if (two_adults) {
      if (adult_child)
        relate(household_id, first_id, second_id, "parent", "child");
      else
        relate(household_id, first_id, second_id, "partner", "partner");
    }
    for (int c = 0; c < children; ++c) {
      const bool from_second = two_adults && rng.percent(30);
      const std::uint64_t origin = from_second ? second_bits : first_bits;
      const std::uint64_t bits = (rng() & ~std::uint64_t{0xffff}) | (origin & 0xffff);
      const names::PersonName child{names::person_name(bits).first, from_second ? second.last : first.last};
      const std::int64_t child_id = add_member(household_id, child, false, ages[c], created);
      relate(household_id, first_id, child_id, "parent", "child");
      // Now and then a child of the first adult only.
      if (two_adults && rng.percent(85)) relate(household_id, second_id, child_id, "parent", "child");
    }
  }

  std::int64_t add_member(std::int64_t household_id, const names::PersonName& name, bool adult, int age,
                          Seconds created) {
    const std::int64_t id = ++member_id_;
    auto& row = members_.row();
    set_int(row[0], id);
    set_int(row[1], household_id);
    text_slot(row[2]).append(name.first).append(" ").append(name.last);
    set_text(row[3], adult ? "adult" : "child");
    set_int(row[4], year_ - age);
    set_timestamp(row[5], created);
    members_here_.push_back({name.first, id, adult});
    return id;
  }

  // "a is <a_to_b> of b", and the other way round.
  void relate(std::int64_t household_id, std::int64_t a, std::int64_t b, const char* a_to_b, const char* b_to_a) {
    for (int direction = 0; direction < 2; ++direction) {
      auto& row = relations_.row();
      set_int(row[0], ++relation_id_);
      set_int(row[1], household_id);
      set_int(row[2], direction == 0 ? a : b);
      set_int(row[3], direction == 0 ? b : a);
      set_text(row[4], direction == 0 ? a_to_b : b_to_a);
    }
  }

  std::int64_t write_professional(std::int64_t household_id, std::int32_t user_id, const Team& team,
                                  std::string_view does_what, bool active, std::int32_t added_by, Seconds added,
                                  bool holder) {
    const User& person = user(user_id);
    const std::int64_t id = ++involved_id_;
    auto& row = involved_.row();
    set_int(row[0], id);
    set_int(row[1], household_id);
    set_int(row[2], user_id);
    set_text(row[3], person.name);
    set_text(row[4], team.name);
    set_text(row[5], person.job_title);
    set_text(row[6], words::domain_code(Domain::buurtteam));
    set_text(row[7], does_what);
    set_text(row[8], person.phone);
    set_int(row[9], active ? 1 : 0);
    set_id_or_null(row[10], added_by);
    set_timestamp(row[11], added);
    faces_.push_back({id, user_id, Domain::buurtteam, added, holder});
    return id;
  }

  // Households that came through the front door meet a few more faces: now
  // and then a colleague of the team, more often people of other
  // organisations, first of all in the domains of their question.
  void write_others(Stream& rng, std::int64_t household_id, std::span<const std::int32_t> referrals, const Team& team,
                    std::size_t neighbourhood, Seconds from, Seconds to) {
    const auto roll = rng.below(100);
    const int count = roll < 25 ? 0 : roll < 60 ? 1 : roll < 85 ? 2 : 3;
    const bool children =
        std::any_of(members_here_.begin(), members_here_.end(), [](const Member& m) { return !m.adult; });
    const auto question_domains =
        words::question_domains(plan_.referrals[static_cast<std::size_t>(referrals.front())].question);
    std::size_t next_question_domain = 0;
    unsigned used = 0;  // bit per domain
    bool colleague = false;
    const auto fits = [&](Domain d) {
      const unsigned bit = 1u << static_cast<unsigned>(d);
      return !(used & bit) && (children || (d != Domain::youth && d != Domain::school));
    };
    for (int i = 0; i < count; ++i) {
      const Seconds added = moment(rng, from, from + (to - from) * 6 / 10 + 1);
      const std::int32_t added_by = holder_at(added).user;
      if (!colleague && rng.percent(20)) {
        colleague = true;
        std::int32_t pick = 0;
        for (int attempt = 0; attempt < 20 && pick == 0; ++attempt) {
          const std::int32_t candidate = team.professionals[rng.below(team.professionals.size())];
          if (!is_holder(candidate)) pick = candidate;
        }
        if (pick != 0) {
          write_professional(household_id, pick, team, words::colleague_task(user(pick).job_title), true, added_by,
                             added, false);
          continue;
        }
      }
      bool found = false;
      Domain domain = Domain::community;
      while (!found && next_question_domain < question_domains.size()) {
        domain = question_domains[next_question_domain++];
        found = fits(domain);
      }
      for (int attempt = 0; attempt < 8 && !found; ++attempt) {
        domain = words::other_domain(rng());
        found = fits(domain);
      }
      if (!found) continue;
      used |= 1u << static_cast<unsigned>(domain);
      write_external(rng, household_id, domain, neighbourhood, added_by, added);
    }
  }

  void write_external(Stream& rng, std::int64_t household_id, Domain domain, std::size_t neighbourhood,
                      std::int32_t added_by, Seconds added) {
    const words::ExternalFace face = words::external_face(domain, rng(), plan_.neighbourhoods[neighbourhood].name);
    const names::PersonName name = names::person_name(rng());
    const std::int64_t id = ++involved_id_;
    auto& row = involved_.row();
    set_int(row[0], id);
    set_int(row[1], household_id);
    set_null(row[2]);
    text_slot(row[3]).append(name.first).append(" ").append(name.last);
    set_text(row[4], face.organisation);
    set_text(row[5], face.role);
    set_text(row[6], words::domain_code(domain));
    set_text(row[7], face.does_what);
    std::string& reach = text_slot(row[8]);
    if (rng.percent(60)) {
      format_office_phone(rng(), reach);
    } else {
      reach = names::username_base(name);
      reach.append("@").append(face.email_domain);
    }
    set_int(row[9], 1);
    set_id_or_null(row[10], added_by);
    set_timestamp(row[11], added);
    faces_.push_back({id, 0, domain, added, false});
  }

  // Mostly with the contact person of the time; how often with others
  // differs per household, so some meet many faces.
  void write_contacts(Stream& rng, std::int64_t household_id, std::int64_t count, Seconds from, Seconds to) {
    times_.resize(static_cast<std::size_t>(count));
    for (auto& at : times_) at = moment(rng, from, to);
    std::sort(times_.begin(), times_.end());
    const auto style = rng.below(100);
    const unsigned with_contact_person = style < 60 ? 90 : style < 85 ? 72 : 45;
    char stamp[20];
    for (const Seconds at : times_) {
      const Holder& holder = holder_at(at);
      std::int64_t face_id = holder.involved;
      std::int32_t face_user = holder.user;
      if (!rng.percent(with_contact_person)) {
        std::size_t others = 0;
        for (const Face& face : faces_) others += !face.holder && face.added <= at;
        if (others > 0) {
          std::size_t pick = rng.below(others);
          for (const Face& face : faces_) {
            if (face.holder || face.added > at) continue;
            if (pick-- == 0) {
              face_id = face.id;
              face_user = face.user;
              break;
            }
          }
        }
      }
      auto& row = contacts_.row();
      set_int(row[0], ++contact_id_);
      set_int(row[1], household_id);
      set_int(row[2], face_id);
      format_timestamp(at, stamp);
      set_text(row[3], std::string_view(stamp, sizeof stamp));
      set_text(row[4], contact_channel(rng.below(100), face_user != 0));
      if (rng.percent(35)) {
        set_text(row[5], "");
      } else {
        set_text(row[5], members_here_[rng.below(members_here_.size())].first);
      }
      // Their own contacts, professionals record; others' the contact person.
      set_int(row[6], face_user != 0 ? face_user : holder.user);
      set_text(row[7], std::string_view(stamp, sizeof stamp));
    }
  }

  // The set of domains the household's plan draws from.
  void collect_domains(std::span<const std::int32_t> referrals) {
    domains_here_.clear();
    const auto add = [&](Domain d) {
      if (std::find(domains_here_.begin(), domains_here_.end(), d) == domains_here_.end()) domains_here_.push_back(d);
    };
    if (!referrals.empty()) {
      for (Domain d : words::question_domains(plan_.referrals[static_cast<std::size_t>(referrals.front())].question)) {
        add(d);
      }
    }
    for (const Face& face : faces_) {
      if (face.user == 0) add(face.domain);
    }
    add(Domain::buurtteam);
  }

  // What matters, goals with options, and actions.
  void write_plan_rows(Stream& rng, std::int64_t household_id, std::span<const std::int32_t> referrals, Seconds from) {
    const Seconds now = plan_.now;
    if (rng.percent(50)) {
      Seconds at = from + rng.between(2 * day, 30 * day);
      if (at >= now) at = rng.between(from, now);
      auto& row = what_matters_.row();
      set_int(row[0], ++what_matters_id_);
      set_int(row[1], household_id);
      const std::uint64_t bits = rng();
      set_text(row[2], referrals.empty() ? words::what_matters_generic(bits)
                                         : words::what_matters_for_question(
                                               plan_.referrals[static_cast<std::size_t>(referrals.front())].question));
      set_int(row[3], holder_at(at).user);
      set_timestamp(row[4], at);
      if (rng.percent(80)) {
        set_date(row[5], std::min<Days>(at / day + rng.between(0, 15), plan_.today - 1));
      } else {
        set_null(row[5]);
      }
    }

    collect_domains(referrals);
    goals_here_.clear();
    const auto goal_roll = rng.below(100);
    const int goal_count = goal_roll < 30 ? 0 : goal_roll < 65 ? 1 : goal_roll < 90 ? 2 : 3;
    const words::GoalWords* chosen_goals[3] = {nullptr, nullptr, nullptr};
    for (int g = 0; g < goal_count; ++g) {
      const Domain domain = domains_here_[rng.below(domains_here_.size())];
      const auto templates = words::goals(domain);
      const words::GoalWords* goal = &templates[rng.below(templates.size())];
      if (std::find(chosen_goals, chosen_goals + g, goal) != chosen_goals + g) continue;
      chosen_goals[g] = goal;
      const Seconds created = rng.between(from, now);
      const std::int32_t by = holder_at(created).user;
      const std::int64_t goal_id = ++goal_id_;
      auto& row = goals_.row();
      set_int(row[0], goal_id);
      set_int(row[1], household_id);
      set_text(row[2], goal->words);
      set_text(row[3], goal->progress_sign);
      const auto status = rng.below(100);
      set_text(row[4], status < 75 ? "open" : status < 95 ? "reached" : "dropped");
      set_int(row[5], by);
      set_timestamp(row[6], created);
      goals_here_.push_back({goal_id, domain, created});

      if (!rng.percent(50)) continue;
      // Two or three options written with the resident; one chosen, with why.
      const std::size_t left_out = rng.percent(50) ? rng.below(3) : 3;
      std::size_t chosen = rng.below(3);
      if (chosen == left_out) chosen = (chosen + 1) % 3;
      for (std::size_t o = 0; o < 3; ++o) {
        if (o == left_out) continue;
        auto& option = options_.row();
        set_int(option[0], ++option_id_);
        set_int(option[1], household_id);
        set_int(option[2], goal_id);
        set_text(option[3], goal->options[o]);
        set_int(option[4], o == chosen ? 1 : 0);
        set_text(option[5], o == chosen ? goal->why[o] : std::string_view());
        set_int(option[6], by);
        set_timestamp(option[7], created);
      }
    }

    const auto action_roll = rng.below(100);
    const int action_count = action_roll < 25   ? 0
                             : action_roll < 50 ? 1
                             : action_roll < 75 ? 2
                             : action_roll < 90 ? 3
                                                : 4;
    for (int a = 0; a < action_count; ++a) {
      std::int64_t goal_id = 0;
      Seconds not_before = from;
      Domain domain = Domain::buurtteam;
      if (!goals_here_.empty() && rng.percent(70)) {
        const Goal& goal = goals_here_[rng.below(goals_here_.size())];
        goal_id = goal.id;
        domain = goal.domain;
        not_before = goal.created;
      } else if (!rng.percent(30)) {
        domain = domains_here_[rng.below(domains_here_.size())];
      }
      const auto status_roll = rng.below(100);
      const char* status = status_roll < 55 ? "open" : status_roll < 95 ? "done" : "cancelled";
      Days due = 0;
      Seconds created = 0;
      if (status_roll < 55) {
        // Open: due from a month ago to six weeks ahead, so some are overdue.
        due = plan_.today + rng.between(-30, 46);
        created = std::max(not_before, (due - rng.between(7, 31)) * day + office_opens +
                                           static_cast<Seconds>(rng.below(office_hours)));
        if (created >= now) created = rng.between(not_before, now);
        if (due < created / day) due = created / day + rng.between(7, 31);
      } else {
        created = rng.between(not_before, std::max(not_before, now - 8 * day));
        due = std::min<Days>(created / day + rng.between(7, 61), plan_.today - 1);
        due = std::max<Days>(due, created / day);
      }
      // Whoever works in that domain does it; otherwise the contact person.
      const Holder& holder = holder_at(created);
      std::int64_t involved_id = holder.involved;
      for (const Face& face : faces_) {
        if (!face.holder && face.user == 0 && face.domain == domain) involved_id = face.id;
      }
      const auto templates = words::actions(domain);
      auto& row = actions_.row();
      set_int(row[0], ++action_id_);
      set_int(row[1], household_id);
      set_id_or_null(row[2], goal_id);
      set_text(row[3], templates[rng.below(templates.size())]);
      set_int(row[4], involved_id);
      set_text(row[5], words::domain_code(domain));
      set_date(row[6], due);
      set_text(row[7], status);
      set_int(row[8], holder.user);
      set_timestamp(row[9], created);
    }
  }

  void write_changes(Stream& rng, std::int64_t household_id, std::span<const std::int32_t> referrals,
                     const Team& team) {
    {
      auto& row = changes_.row();
      set_int(row[0], ++change_id_);
      set_int(row[1], household_id);
      set_null(row[2]);
      set_int(row[3], holders_.front().user);
      set_text(row[4], "assignment");
      set_text(row[5], referrals.empty() ? "Toegewezen door de teamleider" : "Aanmelding via de voordeur");
      set_null(row[6]);
      set_text(row[7], "");
      set_id_or_null(row[8], referrals.empty() ? team.lead : 0);
      set_timestamp(row[9], holders_.front().from);
    }
    for (const ContactChange* change : changes_here_) {
      auto& row = changes_.row();
      set_int(row[0], ++change_id_);
      set_int(row[1], household_id);
      set_int(row[2], change->from);
      set_int(row[3], change->to);
      const bool request = change->kind == ChangeKind::resident_request;
      set_text(row[4], request ? "resident_request" : "handover");
      set_text(row[5], request ? words::resident_request_reason(rng()) : words::handover_reason(rng()));
      // Mostly a warm handover: an introduction with both present.
      if (rng.percent(75)) {
        set_date(row[6], change->at / day - rng.between(0, 7));
        set_text(row[7], "");
      } else {
        set_null(row[6]);
        set_text(row[7], words::no_warm_handover_reason(rng()));
      }
      set_int(row[8], team.lead);
      set_timestamp(row[9], change->at);
    }
  }

  const Plan& plan_;
  std::uint64_t key_;
  Batch members_;
  Batch relations_;
  Batch involved_;
  Batch what_matters_;
  Batch goals_;
  Batch options_;
  Batch actions_;
  Batch contacts_;
  Batch changes_;
  std::vector<Days> working_days_;
  int year_ = 0;
  std::size_t change_cursor_ = 0;

  std::int64_t member_id_ = 0;
  std::int64_t relation_id_ = 0;
  std::int64_t involved_id_ = 0;
  std::int64_t what_matters_id_ = 0;
  std::int64_t goal_id_ = 0;
  std::int64_t option_id_ = 0;
  std::int64_t action_id_ = 0;
  std::int64_t contact_id_ = 0;
  std::int64_t change_id_ = 0;

  // Per household, reused.
  std::vector<Member> members_here_;
  std::vector<Face> faces_;
  std::vector<Holder> holders_;
  std::vector<const ContactChange*> changes_here_;
  std::vector<Seconds> times_;
  std::vector<Domain> domains_here_;
  std::vector<Goal> goals_here_;
};

}  // namespace

Stream household_stream(std::uint64_t key, std::size_t household, std::uint64_t salt) {
  return Stream(key ^ mix(salt) ^ (static_cast<std::uint64_t>(household) * 0xD1B54A32D192ED03ull));
}

void index_referrals(Plan& plan) {
  const std::size_t count = plan.households.size();
  plan.referral_offsets.assign(count + 1, 0);
  for (const Referral& referral : plan.referrals)
    ++plan.referral_offsets[static_cast<std::size_t>(referral.household) + 1];
  for (std::size_t h = 0; h < count; ++h) plan.referral_offsets[h + 1] += plan.referral_offsets[h];
  plan.referral_order.assign(plan.referrals.size(), 0);
  std::vector<std::int32_t> next(plan.referral_offsets.begin(), plan.referral_offsets.end() - 1);
  for (std::size_t r = 0; r < plan.referrals.size(); ++r) {
    const auto h = static_cast<std::size_t>(plan.referrals[r].household);
    plan.referral_order[static_cast<std::size_t>(next[h]++)] = static_cast<std::int32_t>(r);
  }
}

// The household has had its contact since it came in, unless a later
// referral was assigned by the rule (language or room) rather than to a
// contact it already had: then since that referral.
Seconds assignment_time(const Plan& plan, std::size_t household) {
  Seconds at = plan.households[household].created_at;
  for (const std::int32_t r : referrals_of(plan, household)) {
    const Referral& referral = plan.referrals[static_cast<std::size_t>(r)];
    if (referral.reason != Reason::existing_contact) at = std::max(at, referral.created_at);
  }
  return at;
}

HouseholdProfile household_profile(const Plan& plan, std::size_t household, std::uint64_t key) {
  Stream rng = household_stream(key, household, salt_profile);
  HouseholdProfile profile;
  const auto referrals = referrals_of(plan, household);
  const auto roll = rng.below(100);
  const Channel drawn = roll < 50 ? Channel::phone : roll < 80 ? Channel::home_visit : Channel::walk_in;
  if (!referrals.empty()) {
    // As the resident asked at the front door.
    const Referral& first = plan.referrals[static_cast<std::size_t>(referrals.front())];
    profile.language = first.language;
    profile.channel = rng.percent(70) ? first.channel : drawn;
  } else {
    profile.language = rng.percent(85) ? std::uint8_t{0} : static_cast<std::uint8_t>(names::resident_language(rng()));
    profile.channel = drawn;
  }
  return profile;
}

void plan_contact_changes(Plan& plan, std::uint64_t key) {
  plan.contact_changes.clear();
  struct Planned {
    Seconds at;
    ChangeKind kind;
  };
  std::vector<Planned> planned;
  std::vector<std::int32_t> chain;
  for (std::size_t n = 0; n < plan.neighbourhoods.size(); ++n) {
    const Team& team = plan.teams[n];
    for (auto h = static_cast<std::size_t>(plan.neighbourhoods[n].households_begin);
         h < static_cast<std::size_t>(plan.neighbourhoods[n].households_end); ++h) {
      const Household& household = plan.households[h];
      if (household.contact == 0) continue;
      Stream rng = household_stream(key, h, salt_changes);
      const auto roll = rng.below(1000);
      const int handovers = roll < one_handover                                     ? 1
                            : roll < one_handover + two_handovers                   ? 2
                            : roll < one_handover + two_handovers + three_handovers ? 3
                                                                                    : 0;
      const bool request = rng.percent(resident_request);
      if (handovers == 0 && !request) continue;
      const Seconds start = assignment_time(plan, h);
      const Seconds last = plan.now - day;
      planned.clear();
      const Seconds handovers_from = std::max(start + 14 * day, plan.now - 365 * day);
      for (int i = 0; i < handovers && handovers_from < last; ++i) {
        planned.push_back({rng.between(handovers_from, last), ChangeKind::handover});
      }
      const Seconds requests_from = std::max(start + 30 * day, plan.now - contact_history_days * day);
      if (request && requests_from < last)
        planned.push_back({rng.between(requests_from, last), ChangeKind::resident_request});
      if (planned.empty()) continue;
      std::sort(planned.begin(), planned.end(), [](const Planned& a, const Planned& b) { return a.at < b.at; });

      // Who held it before: distinct colleagues of the team, newest last.
      chain.assign(planned.size() + 1, 0);
      chain.back() = household.contact;
      for (std::size_t j = planned.size(); j-- > 0;) {
        for (;;) {
          const std::int32_t candidate = team.professionals[rng.below(team.professionals.size())];
          if (std::find(chain.begin(), chain.end(), candidate) == chain.end()) {
            chain[j] = candidate;
            break;
          }
        }
      }
      for (std::size_t j = 0; j < planned.size(); ++j) {
        plan.contact_changes.push_back(
            {planned[j].at, static_cast<std::int32_t>(h), chain[j], chain[j + 1], planned[j].kind});
      }

      // Referrals name the contact of their time. Open ones moved to the
      // new contact with the change.
      const auto holder_at = [&](Seconds at) {
        std::int32_t holder = chain[0];
        for (std::size_t j = 0; j < planned.size(); ++j) {
          if (planned[j].at <= at) holder = chain[j + 1];
        }
        return holder;
      };
      for (const std::int32_t r : referrals_of(plan, h)) {
        Referral& referral = plan.referrals[static_cast<std::size_t>(r)];
        if (referral.contact != household.contact || referral.contacted_at < 0) continue;
        const std::int32_t then = holder_at(referral.created_at);
        if (referral.contacted_by == referral.contact) referral.contacted_by = holder_at(referral.contacted_at);
        referral.contact = then;
        if (referral.reason == Reason::language_match && !speaks(plan, then, referral.language)) {
          referral.reason = Reason::lowest_caseload;
        }
      }
    }
  }
}

CaseworkCounts write_casework(storage::Connection& connection, const Plan& plan, std::uint64_t key,
                              double contacts_per_household,
                              const std::function<void(std::int64_t households)>& on_households) {
  if (plan.referral_offsets.size() != plan.households.size() + 1) {
    throw std::logic_error("demo generator: referrals not indexed");
  }
  return CaseworkWriter(connection, plan, key).run(contacts_per_household, on_households);
}

}  // namespace gezicht::demo::detail
