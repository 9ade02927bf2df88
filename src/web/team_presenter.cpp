#include "web/team_presenter.hpp"

#include <cmath>

#include "domain/postcode.hpp"
#include "web/pages/household_page_support.hpp"
#include "web/presenters.hpp"

namespace gezicht::web {
namespace {

std::string with(std::string text, const std::string& name, const std::string& value) {
  const auto at = text.find(name);
  if (at != std::string::npos) text.replace(at, name.size(), value);
  return text;
}

Json optional_number(const std::optional<double>& value) { return value ? Json(*value) : Json(nullptr); }

}  // namespace

std::string caseload_text(const RequestContext& context, const service::TeamMemberLoad& member, int cap) {
  return with(with(context.text("team.caseload_of_cap"), "{count}", std::to_string(member.row.households)), "{cap}",
              std::to_string(cap));
}

void add_team_caseloads(const RequestContext& context, TemplateData& data, const service::TeamCaseloads& caseloads) {
  TemplateList rows;
  int over = 0;
  for (const auto& member : caseloads.members) {
    TemplateData row;
    row.set("name", member.row.name);
    row.set("households", std::to_string(member.row.households));
    row.set("open", std::to_string(member.row.open_referrals));
    row.set("overdue", std::to_string(member.row.overdue_referrals));
    row.set("has_overdue", member.row.overdue_referrals > 0);
    row.set("level", domain::to_string(member.level));
    row.set("level_text", context.text(std::string("team.level.") + domain::to_string(member.level)));
    row.set("over_cap", member.level == domain::CaseloadLevel::over_cap);
    if (member.level == domain::CaseloadLevel::over_cap) ++over;
    rows.push_back(std::move(row));
  }
  data.set("cap", std::to_string(caseloads.cap));
  data.set("has_caseloads", !rows.empty());
  put(data, "caseloads", std::move(rows));
  data.set("over_cap_people", over > 0);
  TemplateList assignments;
  for (const auto& assignment : caseloads.over_cap) {
    TemplateData row;
    row.set("reference", assignment.reference);
    row.set("created_at", assignment.created_at);
    row.set("created_text", amsterdam_text(assignment.created_at));
    row.set("contact_name", assignment.contact_name);
    row.set("open", !assignment.first_contact_made);
    assignments.push_back(std::move(row));
  }
  data.set("has_over_cap", !assignments.empty());
  put(data, "over_cap", std::move(assignments));
}

Json team_caseloads_json(const service::TeamCaseloads& caseloads) {
  Json members = Json::array();
  for (const auto& member : caseloads.members) {
    members.push_back({{"user_id", member.row.user_id},
                       {"name", member.row.name},
                       {"households", member.row.households},
                       {"open_referrals", member.row.open_referrals},
                       {"overdue_referrals", member.row.overdue_referrals},
                       {"level", domain::to_string(member.level)}});
  }
  Json over_cap = Json::array();
  for (const auto& assignment : caseloads.over_cap) {
    over_cap.push_back({{"reference", assignment.reference},
                        {"created_at", assignment.created_at},
                        {"contact_id", assignment.contact_id},
                        {"contact_name", assignment.contact_name},
                        {"first_contact_made", assignment.first_contact_made}});
  }
  return {{"cap", caseloads.cap}, {"members", std::move(members)}, {"over_cap_assignments", std::move(over_cap)}};
}

TemplateData team_household_data(const RequestContext& context, const service::TeamHousehold& view) {
  TemplateData data;
  data.set("household_id", std::to_string(view.household.id));
  data.set("address", domain::display_postcode(view.household.postcode) + " " + view.household.house_number);
  if (view.fixed_contact) put(data, "fixed_contact", person_data(context, *view.fixed_contact));
  TemplateData continuity = continuity_data(context, view.continuity, view.flags);
  continuity.set("changes_in_year", std::to_string(view.fixed_contact_changes_in_year));
  put(data, "continuity", std::move(continuity));
  TemplateList changes;
  for (const auto& change : view.fixed_contact_changes) changes.push_back(fixed_contact_change_row(context, change));
  data.set("has_changes", !changes.empty());
  put(data, "changes", std::move(changes));
  TemplateList promises;
  for (const auto& promise : view.open_promises) {
    TemplateData row;
    row.set("reference", promise.reference);
    row.set("promised_by", promise.promised_by);
    row.set("promised_text", long_date(context, promise.promised_by));
    row.set("contact_name", promise.contact_name);
    row.set("overdue", promise.promised_by < view.today);
    promises.push_back(std::move(row));
  }
  data.set("has_promises", !promises.empty());
  put(data, "promises", std::move(promises));
  add_team_caseloads(context, data, view.team);
  return data;
}

Json team_household_json(const service::TeamHousehold& view) {
  const auto& c = view.continuity;
  Json changes = Json::array();
  for (const auto& change : view.fixed_contact_changes) {
    changes.push_back({{"kind", change.kind},
                       {"changed_at", change.changed_at},
                       {"from_user_id", change.from_user_id ? Json(*change.from_user_id) : Json(nullptr)},
                       {"to_user_id", change.to_user_id},
                       {"to_name", change.to_name},
                       {"reason", change.reason},
                       {"warm_handover_on", change.warm_handover_on ? Json(*change.warm_handover_on) : Json(nullptr)},
                       {"no_warm_reason", change.no_warm_reason}});
  }
  Json promises = Json::array();
  for (const auto& promise : view.open_promises) {
    promises.push_back({{"reference", promise.reference},
                        {"promised_by", promise.promised_by},
                        {"overdue", promise.promised_by < view.today},
                        {"contact_id", promise.contact_id},
                        {"contact_name", promise.contact_name}});
  }
  return {{"household_id", view.household.id},
          {"postcode", view.household.postcode},
          {"house_number", view.household.house_number},
          {"fixed_contact", view.fixed_contact ? person_json(*view.fixed_contact) : Json(nullptr)},
          {"continuity",
           {{"contacts", c.contacts},
            {"distinct_faces", c.distinct_faces},
            {"distinct_faces_90d", c.distinct_faces_90d},
            {"upc", optional_number(c.upc)},
            {"coc", optional_number(c.coc)},
            {"secon", optional_number(c.secon)},
            {"fixed_contact_changes_in_year", view.fixed_contact_changes_in_year},
            {"flags",
             {{"many_faces", view.flags.many_faces}, {"fixed_contact_changes", view.flags.fixed_contact_changes}}}}},
          {"fixed_contact_changes", std::move(changes)},
          {"open_promises", std::move(promises)},
          {"fixed_contact_open_actions", view.fixed_contact_open_actions},
          {"team", team_caseloads_json(view.team)}};
}

}  // namespace gezicht::web
