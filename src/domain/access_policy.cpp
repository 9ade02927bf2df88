#include "domain/access_policy.hpp"

#include <array>
#include <stdexcept>
#include <utility>

namespace gezicht::domain {
namespace {

using P = Permission;

// The one table of who holds which permission. Public access and logging
// out are everyone's; the rest is listed per role.
struct RoleGrant {
  Role role;
  const char* name;
  std::vector<Permission> permissions;
  Home home;
};

const std::vector<RoleGrant>& grants() {
  static const std::vector<RoleGrant> table{
      {Role::resident, "resident", {P::own_household, P::access_log, P::sharing}, {"/mijn-gezicht", P::own_household}},
      {Role::professional,
       "professional",
       {P::referral_inbox, P::caseload, P::casework, P::handover, P::emergency_access, P::sharing, P::access_log,
        P::resident_requests, P::own_photo, P::breakthroughs, P::outreach, P::own_mirror},
       {"/inbox", P::referral_inbox}},
      {Role::domain_professional,
       "domain_professional",
       {P::domain_shares, P::casework, P::emergency_access, P::access_log, P::own_photo, P::breakthroughs},
       {"/gedeeld", P::domain_shares}},
      {Role::breakthrough_member,
       "breakthrough_member",
       {P::own_photo, P::breakthroughs, P::breakthrough_decide},
       {"/doorbraak", P::breakthroughs}},
      {Role::teamlead,
       "teamlead",
       {P::referral_inbox, P::handover, P::team_overview, P::resident_requests, P::own_photo, P::breakthroughs,
        P::breakthrough_mandate, P::outreach, P::dashboard},
       {"/inbox", P::referral_inbox}},
      {Role::policy, "policy", {P::dashboard}, {"/dashboard", P::dashboard}},
      {Role::admin, "admin", {P::manage_accounts}, {"/beheer", P::manage_accounts}},
      {Role::auditor, "auditor", {P::audit_trail, P::access_log}, {"/controle", P::audit_trail}},
  };
  return table;
}

constexpr std::array<std::pair<Permission, const char*>, 22> permission_names{{
    {P::public_access, "public_access"},
    {P::own_session, "own_session"},
    {P::referral_inbox, "referral_inbox"},
    {P::caseload, "caseload"},
    {P::casework, "casework"},
    {P::handover, "handover"},
    {P::team_overview, "team_overview"},
    {P::emergency_access, "emergency_access"},
    {P::sharing, "sharing"},
    {P::access_log, "access_log"},
    {P::manage_accounts, "manage_accounts"},
    {P::audit_trail, "audit_trail"},
    {P::own_household, "own_household"},
    {P::domain_shares, "domain_shares"},
    {P::resident_requests, "resident_requests"},
    {P::own_photo, "own_photo"},
    {P::breakthroughs, "breakthroughs"},
    {P::breakthrough_decide, "breakthrough_decide"},
    {P::breakthrough_mandate, "breakthrough_mandate"},
    {P::outreach, "outreach"},
    {P::dashboard, "dashboard"},
    {P::own_mirror, "own_mirror"},
}};

}  // namespace

const std::vector<Role>& all_roles() {
  static const std::vector<Role> roles = [] {
    std::vector<Role> list;
    for (const auto& grant : grants()) list.push_back(grant.role);
    return list;
  }();
  return roles;
}

const char* to_string(Role role) {
  for (const auto& grant : grants()) {
    if (grant.role == role) return grant.name;
  }
  return "unknown";
}

std::optional<Role> parse_role(std::string_view text) {
  for (const auto& grant : grants()) {
    if (text == grant.name) return grant.role;
  }
  return std::nullopt;
}

const std::vector<Permission>& all_permissions() {
  static const std::vector<Permission> permissions = [] {
    std::vector<Permission> list;
    for (const auto& [permission, name] : permission_names) list.push_back(permission);
    return list;
  }();
  return permissions;
}

const char* to_string(Permission permission) {
  for (const auto& [candidate, name] : permission_names) {
    if (candidate == permission) return name;
  }
  return "unknown";
}

bool role_has(Role role, Permission permission) {
  if (permission == P::public_access || permission == P::own_session) return true;
  for (const auto& grant : grants()) {
    if (grant.role != role) continue;
    for (auto held : grant.permissions) {
      if (held == permission) return true;
    }
  }
  return false;
}

Home home_of(Role role) {
  for (const auto& grant : grants()) {
    if (grant.role == role) return grant.home;
  }
  throw std::invalid_argument("home_of: a role missing from the role table");
}

const char* to_string(RecordPart part) {
  switch (part) {
    case RecordPart::summary: return "summary";
    case RecordPart::plan: return "plan";
    case RecordPart::contacts: return "contacts";
  }
  return "unknown";
}

std::optional<RecordPart> parse_record_part(std::string_view text) {
  for (auto part : {RecordPart::summary, RecordPart::plan, RecordPart::contacts}) {
    if (text == to_string(part)) return part;
  }
  return std::nullopt;
}

const char* to_string(AccessBasis basis) {
  switch (basis) {
    case AccessBasis::none: return "none";
    case AccessBasis::fixed_contact: return "fixed_contact";
    case AccessBasis::involved: return "involved";
    case AccessBasis::shared: return "shared";
    case AccessBasis::emergency: return "emergency";
    case AccessBasis::resident: return "resident";
    case AccessBasis::handover: return "handover";
  }
  return "unknown";
}

std::set<RecordPart> narrow_share(const std::set<RecordPart>& basis_allows, const std::set<RecordPart>& agreed) {
  std::set<RecordPart> shared;
  for (auto part : agreed) {
    if (basis_allows.contains(part)) shared.insert(part);
  }
  return shared;
}

HouseholdAccess household_access(Role role, const HouseholdRelationship& relationship) {
  const std::set<RecordPart> whole{RecordPart::summary, RecordPart::plan, RecordPart::contacts};
  HouseholdAccess access;
  if (role == Role::resident) {
    // A resident reads everything recorded about their own household (AVG
    // article 15), on the portal; only professionals change the record.
    if (relationship.resident) {
      access.basis = AccessBasis::resident;
      access.readable = whole;
      access.access_log = true;
    }
    return access;
  }
  if (!role_has(role, Permission::casework)) return access;  // team leads, administrators, auditors
  if (relationship.fixed_contact || relationship.involved) {
    access.basis = relationship.fixed_contact ? AccessBasis::fixed_contact : AccessBasis::involved;
    access.readable = whole;
    access.may_change = true;
    access.access_log = true;
  } else if (relationship.former_contact) {
    // To prepare the introduction meeting: reading only, and no access log.
    access.basis = AccessBasis::handover;
    access.readable = whole;
  } else if (relationship.emergency) {
    access.basis = AccessBasis::emergency;
    access.readable = whole;
  } else if (role == Role::domain_professional && !relationship.shared.empty()) {
    access.basis = AccessBasis::shared;
    access.readable = relationship.shared;
    access.readable.insert(RecordPart::summary);  // who the household is and who works with it
  }
  return access;
}

}  // namespace gezicht::domain
