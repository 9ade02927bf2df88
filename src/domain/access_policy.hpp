#pragma once
// Who may do what, as data: roles, the permissions each role holds, and the
// need-to-know rule for a household's record. Every route declares the one
// permission it needs (web/router.hpp); the household services ask
// household_access() for the parts a person may read or change. Nothing
// else in the code decides access.

#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

namespace gezicht::domain {

enum class Role {
  resident,             // a member of a household (the resident portal)
  professional,         // neighbourhood team (buurtteam): fixed contacts
  domain_professional,  // e.g. a Wmo assessor or an income-support consultant
  breakthrough_member,  // the mandated breakthrough (doorbraak) team
  teamlead,             // caseloads, promises and flags of a team; no case content
  policy,               // policy and management staff: the municipality's dashboard; no case content
  admin,                // functional administrator: accounts and settings; no case content
  auditor,              // reads the audit trail; no case content
};

const std::vector<Role>& all_roles();
const char* to_string(Role role);
std::optional<Role> parse_role(std::string_view text);

enum class Permission {
  public_access,         // anyone, without logging in (front door, self-referral, login)
  own_session,           // any signed-in person: log out
  referral_inbox,        // referrals of the own team, first contact
  caseload,              // my households
  casework,              // a household's record; which parts: household_access()
  handover,              // change a household's fixed contact (its fixed contact or the team lead)
  team_overview,         // a team's caseloads, promises and continuity flags; re-assigning a request
  emergency_access,      // break the glass: open a household one is not involved in, with a reason
  sharing,               // record what a household shares with which domain
  access_log,            // who looked at a household (its residents, those who may see it, the auditor)
  manage_accounts,       // accounts and settings
  audit_trail,           // the whole audit trail, emergency accesses
  own_household,         // a resident's home: their household, their contact person
  domain_shares,         // the households that share something with the viewer's domain
  resident_requests,     // what residents asked from the portal: the fixed contact answers corrections, the
                         // team lead another contact person and objections
  own_photo,             // set or remove the photo of one's own face: the staff residents meet (not the
                         // administrator or auditor, whose faces are not shown; residents have none here)
  breakthroughs,         // breakthrough requests: ask (those who work with a household) and follow one's own,
                         // the queue (members), the overview without case content (team leads), budget, report
  breakthrough_decide,   // take in, decide and record the execution of a breakthrough (the mandated team)
  breakthrough_mandate,  // allow a grant past what is left of the budget (team leads)
  outreach,              // record one's own time in the neighbourhood (walk-in hours, rounds, activities)
  dashboard,             // the dashboard and equity monitor: a team lead for their team, policy staff for all
  own_mirror,            // a professional's private mirror: their own figures beside their team's, for no one else
};

const std::vector<Permission>& all_permissions();
const char* to_string(Permission permission);
bool role_has(Role role, Permission permission);

// Where each role lands after logging in: its own work, kept in the same
// table as its permissions, so a new role gets a home with them. Every
// home is a GET route whose permission the role holds (checked against the
// router in tests/web).
struct Home {
  const char* path;
  Permission permission;  // the permission of the route at `path`
};
Home home_of(Role role);

// A household's record in parts, so a share can name what it shares.
enum class RecordPart {
  summary,   // address, members, fixed contact, everyone involved
  plan,      // what matters, goals, options, actions
  contacts,  // the contacts log
};
const char* to_string(RecordPart part);
std::optional<RecordPart> parse_record_part(std::string_view text);

// How a person stands to one household.
struct HouseholdRelationship {
  bool fixed_contact = false;
  bool involved = false;        // recorded as involved, with their own account, still active
  std::set<RecordPart> shared;  // shared with this person's domain on a legal basis, with agreement
  bool emergency = false;       // broke the glass and the access has not expired
  bool resident = false;        // lives in the household
  // Was the fixed contact and handed the household over, and the warm
  // handover meeting (or the days after a handover without one) has not
  // passed yet: domain::former_contact_read_access (record_rules.hpp).
  bool former_contact = false;
};

// Why access was granted: written into the audit trail with every read.
enum class AccessBasis { none, fixed_contact, involved, shared, emergency, resident, handover };
const char* to_string(AccessBasis basis);

struct HouseholdAccess {
  AccessBasis basis = AccessBasis::none;
  std::set<RecordPart> readable;
  bool may_change = false;  // add contacts, goals, actions...
  bool access_log = false;  // may read who looked at the household
  bool allowed() const { return basis != AccessBasis::none; }
  bool reads(RecordPart part) const { return readable.contains(part); }
};

// What a share opens: the parts the resident agreed to, within what the
// legal basis allows. The agreement narrows the basis; it never widens it.
std::set<RecordPart> narrow_share(const std::set<RecordPart>& basis_allows, const std::set<RecordPart>& agreed);

// The need-to-know rule. Fixed contacts and involved professionals work on
// the whole record; a share opens the shared parts, read-only, to a domain
// professional; breaking the glass opens the record to read for a limited
// time; a former fixed contact reads the record, read-only, until the warm
// handover meeting; residents read their own household's record and who
// looked at it, without changing it. Team leads,
// administrators and auditors never read case content.
HouseholdAccess household_access(Role role, const HouseholdRelationship& relationship);

}  // namespace gezicht::domain
