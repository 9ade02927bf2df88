#include "web/household_presenter.hpp"

#include "web/presenters.hpp"

namespace gezicht::web {
namespace {

Json optional_json(const std::optional<std::string>& value) { return value ? Json(*value) : Json(nullptr); }
Json optional_json(const std::optional<std::int64_t>& value) { return value ? Json(*value) : Json(nullptr); }
Json optional_json(const std::optional<double>& value) { return value ? Json(*value) : Json(nullptr); }

}  // namespace

Json continuity_json(const domain::ContinuityIndices& continuity, const domain::ContinuityFlags& flags) {
  return {{"window_days", continuity.window_days},
          {"contacts", continuity.contacts},
          {"distinct_faces", continuity.distinct_faces},
          {"distinct_faces_90d", continuity.distinct_faces_90d},
          {"upc", optional_json(continuity.upc)},
          {"coc", optional_json(continuity.coc)},
          {"secon", optional_json(continuity.secon)},
          {"flags", {{"many_faces", flags.many_faces}, {"fixed_contact_changes", flags.fixed_contact_changes}}}};
}

Json household_json(const service::HouseholdView& view) {
  const auto& h = view.household;
  Json members = Json::array();
  for (const auto& m : view.members) {
    members.push_back({{"id", m.id},
                       {"name", m.name},
                       {"kind", m.kind},
                       {"birth_year", m.birth_year ? Json(*m.birth_year) : Json(nullptr)}});
  }
  Json relations = Json::array();
  for (const auto& r : view.relations) {
    relations.push_back({{"member_id", r.member_id}, {"related_id", r.related_id}, {"relation", r.relation}});
  }
  Json involved = Json::array();
  for (const auto& i : view.involved) {
    involved.push_back({{"id", i.id},
                        {"user_id", optional_json(i.user_id)},
                        {"name", i.name},
                        {"organisation", i.organisation},
                        {"role", i.role},
                        {"domain", i.domain},
                        {"does_what", i.does_what},
                        {"reach", i.reach},
                        {"active", i.active},
                        {"photo_url", i.user_id ? Json(photo_url(*i.user_id, std::nullopt)) : Json(nullptr)}});
  }
  Json goals = Json::array();
  for (const auto& g : view.goals) {
    goals.push_back({{"id", g.id}, {"words", g.words}, {"progress_sign", g.progress_sign}, {"status", g.status}});
  }
  Json options = Json::array();
  for (const auto& o : view.options) {
    options.push_back({{"id", o.id},
                       {"goal_id", optional_json(o.goal_id)},
                       {"description", o.description},
                       {"chosen", o.chosen},
                       {"why", o.why}});
  }
  Json actions = Json::array();
  for (const auto& a : view.actions) {
    actions.push_back({{"id", a.id},
                       {"goal_id", optional_json(a.goal_id)},
                       {"what", a.what},
                       {"who", {{"involved_id", a.involved_id}, {"name", a.who}}},
                       {"domain", a.domain},
                       {"due_on", a.due_on},
                       {"status", a.status}});
  }
  Json contacts = Json::array();
  for (const auto& c : view.contacts) {
    contacts.push_back({{"id", c.id},
                        {"involved_id", c.involved_id},
                        {"who", c.who},
                        {"at", c.at},
                        {"channel", c.channel},
                        {"with_whom", c.with_whom},
                        {"edits", c.edits}});
  }
  Json changes = Json::array();
  for (const auto& c : view.fixed_contact_changes) {
    changes.push_back({{"from_user_id", optional_json(c.from_user_id)},
                       {"to_user_id", c.to_user_id},
                       {"to_name", c.to_name},
                       {"kind", c.kind},
                       {"reason", c.reason},
                       {"warm_handover_on", optional_json(c.warm_handover_on)},
                       {"no_warm_reason", c.no_warm_reason},
                       {"changed_at", c.changed_at}});
  }
  Json referrals = Json::array();
  for (const auto& r : view.referrals) {
    referrals.push_back({{"reference", r.reference},
                         {"created_at", r.created_at},
                         {"promised_contact_by", r.promised_by},
                         {"first_contact_at", optional_json(r.first_contact_at)}});
  }
  Json what_matters = nullptr;
  if (view.what_matters) {
    what_matters = {{"words", view.what_matters->words},
                    {"recorded_at", view.what_matters->recorded_at},
                    {"confirmed_on", optional_json(view.what_matters->confirmed_on)}};
  }
  return {{"id", h.id},
          {"closed_on", h.closed_on ? Json(*h.closed_on) : Json(nullptr)},
          {"address", {{"postcode", h.postcode}, {"house_number", h.house_number}}},
          {"preferred_language", h.preferred_language},
          {"contact_channel", h.contact_channel},
          {"fixed_contact", view.fixed_contact ? person_json(*view.fixed_contact) : Json(nullptr)},
          {"members", members},
          {"relations", relations},
          {"what_matters", what_matters},
          {"goals", goals},
          {"options", options},
          {"actions", actions},
          {"involved", involved},
          {"contacts", contacts},
          {"fixed_contact_changes", changes},
          {"referrals", referrals},
          {"continuity", continuity_json(view.continuity, view.flags)}};
}

Json caseload_json(const std::vector<service::CaseloadEntry>& entries) {
  Json list = Json::array();
  for (const auto& [row, flags] : entries) {
    list.push_back(
        {{"household_id", row.household_id},
         {"name", row.name},
         {"address", {{"postcode", row.postcode}, {"house_number", row.house_number}}},
         {"open_actions", row.open_actions},
         {"overdue_actions", row.overdue_actions},
         {"last_contact_at", optional_json(row.last_contact_at)},
         {"distinct_faces_90d", row.faces_90d},
         {"fixed_contact_changes_year", row.fixed_contact_changes_year},
         {"flags", {{"many_faces", flags.many_faces}, {"fixed_contact_changes", flags.fixed_contact_changes}}}});
  }
  return {{"households", list}};
}

}  // namespace gezicht::web
