#include "web/pages/team_pages.hpp"

#include "domain/postcode.hpp"
#include "domain/record_rules.hpp"
#include "domain/validation_error.hpp"
#include "service/errors.hpp"
#include "service/team_service.hpp"
#include "web/page_renderer.hpp"
#include "web/pages/form_errors.hpp"
#include "web/pages/household_page_support.hpp"
#include "web/presenters.hpp"
#include "web/team_presenter.hpp"

namespace gezicht::web {
namespace {

std::string form_or(const RequestContext& context, const std::string& name, const std::string& fallback = "") {
  const auto found = context.form.find(name);
  return found == context.form.end() ? fallback : found->second;
}

Response team_household_page(RequestContext& context, std::int64_t id, const domain::ValidationError* error) {
  const auto view = context.app.team.household(context.connection(), *context.actor, id);
  context.release_connection();
  TemplateData data = team_household_data(context, view);
  data.set("csrf_token", context.csrf_token());
  data.set("handed_over", context.query_value("overgedragen") == "1");
  // The form as sent, after an error; empty the first time.
  const std::string to_user = form_or(context, "to_user_id");
  TemplateList targets;
  for (const auto& member : view.team.members) {
    if (view.fixed_contact && member.row.user_id == view.fixed_contact->id) continue;
    TemplateData option;
    option.set("value", std::to_string(member.row.user_id));
    option.set("label", member.row.name + " (" + caseload_text(context, member, view.team.cap) + ")");
    option.set("selected", std::to_string(member.row.user_id) == to_user);
    targets.push_back(std::move(option));
  }
  data.set("has_targets", !targets.empty());
  put(data, "targets", std::move(targets));
  put(data, "kinds",
      choices(context, {"handover", "resident_request"}, "handover.kind.", form_or(context, "kind", "handover"),
              "team-handover-kind-"));
  const int open_actions = view.fixed_contact_open_actions;
  data.set("has_open_actions", open_actions > 0);
  if (open_actions > 0) {
    std::string count = context.text("household.handover.open_actions_count");
    if (const auto at = count.find("{count}"); at != std::string::npos)
      count.replace(at, 7, std::to_string(open_actions));
    data.set("open_actions_count", count);
    put(data, "open_actions_choices",
        choices(context, {std::string(domain::open_actions_hand_over), std::string(domain::open_actions_keep)},
                "household.handover.open_actions.", form_or(context, "open_actions"), "team-handover-open_actions-"));
  }
  const bool needs_confirmation = domain::handover_needs_confirmation(view.fixed_contact_changes_in_year);
  data.set("needs_confirmation", needs_confirmation);
  if (needs_confirmation) {
    std::string warning = context.text("household.handover.third_change_warning");
    if (const auto at = warning.find("{count}"); at != std::string::npos) {
      warning.replace(at, 7, std::to_string(view.fixed_contact_changes_in_year));
    }
    data.set("third_change_warning", warning);
  }
  data.set("confirm_third_change", form_or(context, "confirm_third_change") == "yes");
  data.set("reason", form_or(context, "reason"));
  data.set("warm_handover_on", form_or(context, "warm_handover_on"));
  data.set("no_warm_reason", form_or(context, "no_warm_reason"));
  if (error) {
    add_form_errors(context, data, *error, [](const std::string& field) {
      if (field == "kind") return std::string("team-handover-kind-handover");
      if (field == "open_actions") return std::string("team-handover-open_actions-hand_over");
      return "team-handover-" + field;
    });
  }
  return render_page(context, "team_household", std::move(data), "team_household.page_title", error ? 422 : 200);
}

Response get_team_household(RequestContext& context) {
  return team_household_page(context, context.required_id("id", "household.not_found"), nullptr);
}

Response post_team_handover(RequestContext& context) {
  const auto id = context.required_id("id", "household.not_found");
  const auto request = handover_request_from_form(context);
  try {
    context.app.households.handover(context.connection(), *context.actor, id, request);
  } catch (const domain::ValidationError& error) {
    return team_household_page(context, id, &error);
  }
  return redirect("/team/huishoudens/" + std::to_string(id) + "?overgedragen=1");
}

}  // namespace

void add_team_pages(Router& router) {
  router.add(
      personal_data({"GET", "/team/huishoudens/{id}", Permission::team_overview, RouteKind::page, get_team_household}));
  router.add(
      {"POST", "/team/huishoudens/{id}/overdracht", Permission::team_overview, RouteKind::page, post_team_handover});
}

}  // namespace gezicht::web
