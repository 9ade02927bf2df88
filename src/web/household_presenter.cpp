#include "web/household_presenter.hpp"

#include "domain/directory.hpp"

#include "web/json_writer.hpp"
#include "web/presenters.hpp"

namespace gezicht::web {
namespace {

Json optional_json(const std::optional<std::string>& value) { return value ? Json(*value) : Json(nullptr); }

void write_continuity(JsonWriter& out, const domain::ContinuityIndices& continuity,
                      const domain::ContinuityFlags& flags) {
  out.begin_object();
  out.key("window_days").value(continuity.window_days);
  out.key("contacts").value(continuity.contacts);
  out.key("distinct_faces").value(continuity.distinct_faces);
  out.key("distinct_faces_90d").value(continuity.distinct_faces_90d);
  out.key("upc").value(continuity.upc);
  out.key("coc").value(continuity.coc);
  out.key("secon").value(continuity.secon);
  out.key("flags").begin_object();
  out.key("many_faces").value(flags.many_faces);
  out.key("fixed_contact_changes").value(flags.fixed_contact_changes);
  out.end_object().end_object();
}

void write_members(JsonWriter& out, const service::HouseholdView& view) {
  out.key("members").begin_array();
  for (const auto& m : view.members) {
    out.begin_object();
    out.key("id").value(m.id).key("name").value(m.name).key("kind").value(m.kind);
    out.key("birth_year").value(m.birth_year);
    out.end_object();
  }
  out.end_array();
  out.key("relations").begin_array();
  for (const auto& r : view.relations) {
    out.begin_object();
    out.key("member_id").value(r.member_id).key("related_id").value(r.related_id);
    out.key("relation").value(r.relation);
    out.end_object();
  }
  out.end_array();
}

void write_plan(JsonWriter& out, const service::HouseholdView& view) {
  out.key("what_matters");
  if (view.what_matters) {
    out.begin_object();
    out.key("words").value(view.what_matters->words);
    out.key("recorded_at").value(view.what_matters->recorded_at);
    out.key("confirmed_on").value(view.what_matters->confirmed_on);
    out.end_object();
  } else {
    out.null();
  }
  out.key("goals").begin_array();
  for (const auto& g : view.goals) {
    out.begin_object();
    out.key("id").value(g.id).key("words").value(g.words).key("progress_sign").value(g.progress_sign);
    out.key("status").value(g.status);
    out.end_object();
  }
  out.end_array();
  out.key("options").begin_array();
  for (const auto& o : view.options) {
    out.begin_object();
    out.key("id").value(o.id).key("goal_id").value(o.goal_id).key("description").value(o.description);
    out.key("chosen").value(o.chosen).key("why").value(o.why);
    out.end_object();
  }
  out.end_array();
  out.key("actions").begin_array();
  for (const auto& a : view.actions) {
    out.begin_object();
    out.key("id").value(a.id).key("goal_id").value(a.goal_id).key("what").value(a.what);
    out.key("who").begin_object().key("involved_id").value(a.involved_id).key("name").value(a.who).end_object();
    out.key("domain").value(a.domain).key("due_on").value(a.due_on).key("status").value(a.status);
    out.end_object();
  }
  out.end_array();
}

void write_involved(JsonWriter& out, const service::HouseholdView& view) {
  out.key("involved").begin_array();
  for (const auto& i : view.involved) {
    out.begin_object();
    out.key("id").value(i.id).key("user_id").value(i.user_id).key("name").value(i.name);
    out.key("organisation").value(i.organisation).key("role").value(i.role).key("domain").value(i.domain);
    out.key("does_what").value(i.does_what).key("reach").value(i.reach).key("active").value(i.active);
    // Everyone has a face: initials for those without an account (and a photo).
    out.key("initials").value(domain::initials(i.name));
    out.key("photo_url");
    if (i.user_id)
      out.value(photo_url(*i.user_id, std::nullopt));
    else
      out.null();
    out.end_object();
  }
  out.end_array();
}

void write_contacts(JsonWriter& out, const service::HouseholdView& view) {
  out.key("contacts").begin_array();
  for (const auto& c : view.contacts) {
    out.begin_object();
    out.key("id").value(c.id).key("involved_id").value(c.involved_id).key("who").value(c.who);
    out.key("at").value(c.at).key("channel").value(c.channel).key("with_whom").value(c.with_whom);
    out.key("edits").value(c.edits);
    out.end_object();
  }
  out.end_array();
  out.key("fixed_contact_changes").begin_array();
  for (const auto& c : view.fixed_contact_changes) {
    out.begin_object();
    out.key("from_user_id").value(c.from_user_id).key("to_user_id").value(c.to_user_id);
    out.key("to_name").value(c.to_name).key("kind").value(c.kind).key("reason").value(c.reason);
    out.key("warm_handover_on").value(c.warm_handover_on).key("no_warm_reason").value(c.no_warm_reason);
    out.key("changed_at").value(c.changed_at);
    out.end_object();
  }
  out.end_array();
  out.key("referrals").begin_array();
  for (const auto& r : view.referrals) {
    out.begin_object();
    out.key("reference").value(r.reference).key("created_at").value(r.created_at);
    out.key("promised_contact_by").value(r.promised_by).key("first_contact_at").value(r.first_contact_at);
    out.end_object();
  }
  out.end_array();
}

}  // namespace

std::string household_json(const service::HouseholdView& view) {
  const auto& h = view.household;
  JsonWriter out;
  out.begin_object();
  out.key("id").value(h.id).key("closed_on").value(h.closed_on);
  out.key("address").begin_object().key("postcode").value(h.postcode);
  out.key("house_number").value(h.house_number).end_object();
  out.key("preferred_language").value(h.preferred_language).key("contact_channel").value(h.contact_channel);
  out.key("fixed_contact");
  if (view.fixed_contact)
    out.raw(person_json(*view.fixed_contact).dump());
  else
    out.null();
  write_members(out, view);
  write_plan(out, view);
  write_involved(out, view);
  write_contacts(out, view);
  out.key("continuity");
  write_continuity(out, view.continuity, view.flags);
  out.end_object();
  return out.take();
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
