#include "domain/audit_search.hpp"

#include <gtest/gtest.h>

#include "domain/access_log.hpp"
#include "domain/validation_error.hpp"

namespace gezicht::domain {
namespace {

// A search input with the named fields set (designated initializers would warn of the rest).
AuditSearchInput input(std::initializer_list<std::pair<const char*, const char*>> fields) {
  AuditSearchInput result;
  for (const auto& [name, value] : fields) {
    const std::string field = name;
    std::string* target = field == "household" ? &result.household
                          : field == "person"  ? &result.person
                          : field == "kind"    ? &result.kind
                          : field == "from"    ? &result.from
                          : field == "to"      ? &result.to
                          : field == "before"  ? &result.before
                                               : &result.limit;
    *target = value;
  }
  return result;
}

std::vector<std::string> fields_of(const AuditSearchInput& input) {
  try {
    parse_audit_search(input);
  } catch (const ValidationError& error) {
    std::vector<std::string> fields;
    for (const auto& field : error.errors()) fields.push_back(field.field + ":" + field.message_key);
    return fields;
  }
  return {};
}

TEST(AuditSearch, AnEmptySearchIsEverythingAPageAtATime) {
  const auto search = parse_audit_search({});
  EXPECT_FALSE(search.household_id);
  EXPECT_FALSE(search.actor_user_id);
  EXPECT_EQ(search.kind, AuditKind::any);
  EXPECT_FALSE(search.from_at);
  EXPECT_FALSE(search.until_at);
  EXPECT_EQ(search.limit, audit_search_default_limit);
}

TEST(AuditSearch, ThePeriodIsWholeAmsterdamDaysInUtc) {
  // Winter: Amsterdam is UTC+1, so a day starts at 23:00 UTC the day before.
  auto search = parse_audit_search(input({{"from", "2026-12-01"}, {"to", "2026-12-04"}}));
  EXPECT_EQ(search.from_at, "2026-11-30T23:00:00Z");
  EXPECT_EQ(search.until_at, "2026-12-04T23:00:00Z");
  // Summer: UTC+2.
  search = parse_audit_search(input({{"from", "2026-07-01"}, {"to", "2026-07-01"}}));
  EXPECT_EQ(search.from_at, "2026-06-30T22:00:00Z");
  EXPECT_EQ(search.until_at, "2026-07-01T22:00:00Z");
}

TEST(AuditSearch, EveryBadFieldIsNamedAtOnce) {
  const auto fields = fields_of(input({{"household", "9a"},
                                       {"kind", "everything"},
                                       {"from", "2026-02-30"},
                                       {"to", "tomorrow"},
                                       {"before", "-1"},
                                       {"limit", "201"}}));
  EXPECT_EQ(fields,
            (std::vector<std::string>{"household:audit_search.household_invalid", "kind:audit_search.kind_invalid",
                                      "from:audit_search.date_invalid", "to:audit_search.date_invalid",
                                      "before:before.invalid", "limit:limit.invalid"}));
  EXPECT_EQ(fields_of(input({{"to", "9999-12-31"}})), (std::vector<std::string>{"to:audit_search.date_invalid"}))
      << "a day whose next day has no four-digit year";
  EXPECT_EQ(fields_of(input({{"from", "2026-12-05"}, {"to", "2026-12-04"}})),
            (std::vector<std::string>{"to:audit_search.period_order"}));
}

TEST(AuditSearch, APersonIsANumberOrLeftToTheServiceAsAName) {
  EXPECT_EQ(parse_audit_search(input({{"person", "31"}})).actor_user_id, 31);
  EXPECT_FALSE(parse_audit_search(input({{"person", "s.peters"}})).actor_user_id);
  EXPECT_TRUE(is_user_number("31"));
  EXPECT_FALSE(is_user_number("0"));
  EXPECT_FALSE(is_user_number("3 1"));
}

TEST(AuditSearch, KindsReadTheEntrysFields) {
  const AuditEntryFields glass{"emergency_access", "allowed", "summary,plan,contacts", "Kind in gevaar, politie belt"};
  const AuditEntryFields under_glass{"read", "allowed", "plan", "emergency until 2026-12-05T10:00:00Z"};
  const AuditEntryFields through_share{"read", "allowed", "plan", "shared: schuldhulpverlening"};
  const AuditEntryFields share_decision{"create", "allowed", "sharing", "fixed_contact: share plan with schuldhulp"};
  const AuditEntryFields withdrawal{"change", "allowed", "sharing", "resident: withdrew agreement 3"};
  const AuditEntryFields refused_share{"change", "denied", "sharing", "no need to know"};
  const AuditEntryFields reading_sharing{"read", "allowed", "sharing", "fixed_contact"};
  const AuditEntryFields ordinary{"read", "allowed", "summary", "fixed_contact"};

  EXPECT_TRUE(is_of_kind(glass, AuditKind::emergency));
  EXPECT_TRUE(is_of_kind(under_glass, AuditKind::emergency));
  EXPECT_FALSE(is_of_kind(ordinary, AuditKind::emergency));

  EXPECT_TRUE(is_of_kind(through_share, AuditKind::shared));
  EXPECT_TRUE(is_of_kind(share_decision, AuditKind::shared));
  EXPECT_TRUE(is_of_kind(withdrawal, AuditKind::shared));
  EXPECT_FALSE(is_of_kind(refused_share, AuditKind::shared));
  EXPECT_FALSE(is_of_kind(reading_sharing, AuditKind::shared));

  EXPECT_TRUE(is_of_kind(refused_share, AuditKind::refused));
  EXPECT_FALSE(is_of_kind(ordinary, AuditKind::refused));
  for (const auto& entry : {glass, under_glass, through_share, refused_share, ordinary}) {
    EXPECT_TRUE(is_of_kind(entry, AuditKind::any));
  }
}

TEST(AuditSearch, SharedDecisionsAreWhatTheAccessLogPins) {
  // A resident's access log pins every decision to share; the auditor's
  // "shared" finds the same decisions (and the reads through them).
  for (const char* action : {"create", "change", "read"}) {
    for (const char* result : {"allowed", "denied"}) {
      const bool pinned = is_pinned_access({1, "Anna", "sharing", action, std::string(result) == "denied"});
      EXPECT_EQ(is_of_kind({action, result, "sharing", "fixed_contact"}, AuditKind::shared), pinned)
          << action << " " << result;
    }
  }
}

TEST(AuditSearch, KindsRoundTripThroughTheirNames) {
  for (auto kind : audit_kinds) EXPECT_EQ(parse_audit_kind(to_string(kind)), kind);
  EXPECT_EQ(parse_audit_kind(""), AuditKind::any);
  EXPECT_FALSE(parse_audit_kind("Emergency"));
}

}  // namespace
}  // namespace gezicht::domain
