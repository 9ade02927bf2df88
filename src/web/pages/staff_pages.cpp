#include "web/pages/staff_pages.hpp"

#include <algorithm>
#include <map>

#include "domain/calendar.hpp"
#include "domain/photo_rules.hpp"
#include "domain/postcode.hpp"
#include "domain/team_oversight.hpp"
#include "domain/validation_error.hpp"
#include "service/user_admin.hpp"
#include "web/page_renderer.hpp"
#include "web/pages/form_errors.hpp"
#include "web/pages/household_page_support.hpp"
#include "web/presenters.hpp"
#include "web/referral_follow_up.hpp"
#include "web/team_presenter.hpp"
#include "web/url_encoding.hpp"

namespace gezicht::web {
namespace {

Response login_page(RequestContext& context) {
  TemplateData data;
  data.set("csrf_token", context.csrf_token());
  data.set("next", safe_next(context.query_value("next"), ""));
  return render_page(context, "login", data, "login.title");
}

Response login(RequestContext& context) {
  const std::string username = context.form_value("username");
  auto old_session = context.cookies.find("gz_session");
  const service::LoginAttempt attempt{username, context.form_value("password"), context.form_value("code"),
                                      context.request.remote_address,
                                      old_session == context.cookies.end() ? "" : old_session->second};
  auto outcome = context.app.auth.login(context.connection(), attempt);
  if (outcome.status != service::LoginStatus::ok) {
    TemplateData data;
    data.set("csrf_token", context.csrf_token());
    data.set("next", safe_next(context.form_value("next"), ""));
    data.set("username", username);
    int status = 401;
    if (outcome.status == service::LoginStatus::throttled) {
      status = 429;
      data.set("throttled", true);
      data.set("retry_minutes", std::to_string((outcome.retry_after_seconds + 59) / 60));
    } else {
      data.set("failed", true);
    }
    auto response = render_page(context, "login", data, "login.title", status);
    if (status == 429) response.set_header("Retry-After", std::to_string(outcome.retry_after_seconds));
    return response;
  }
  const auto& result = outcome.result;
  context.cookies_to_set.push_back(
      make_cookie("gz_session", result->session_token, context.app.settings.secure_cookies));
  // A second factor to set up first; the router allows nothing else meanwhile.
  if (result->actor.two_factor_enrolment_only) return redirect("/account/tweestapsverificatie");
  // The page asked for before logging in, or else the role's own work.
  return redirect(safe_next(context.form_value("next"), domain::home_of(result->actor.access_role).path));
}

Response administration(RequestContext& context) {
  const auto accounts = service::list_accounts(context.connection(), "");
  context.release_connection();
  TemplateList rows;
  for (const auto& account : accounts) {
    TemplateData row;
    row.set("id", std::to_string(account.id));
    const auto role = domain::parse_role(account.role);
    row.set("has_face", role && domain::has_staff_face(*role));
    row.set("username", account.username);
    row.set("name", account.name);
    row.set("role", context.text("role." + account.role));
    row.set("team", account.team_name);
    row.set("active", account.active);
    rows.push_back(std::move(row));
  }
  TemplateData data;
  put(data, "accounts", std::move(rows));
  data.set("count", std::to_string(accounts.size()));
  return render_page(context, "admin", data, "admin.title");
}

Response logout(RequestContext& context) {
  context.app.auth.logout(context.connection(), *context.actor);
  context.cookies_to_set.push_back(make_cookie("gz_session", "", context.app.settings.secure_cookies, 0));
  return redirect("/");
}

Response inbox(RequestContext& context) {
  const auto items = context.app.referrals.inbox(context.connection(), *context.actor);
  context.release_connection();
  TemplateData data;
  TemplateList rows;
  int overdue = 0;
  for (const auto& item : items) {
    rows.push_back(referral_data(context, item.referral, item.overdue));
    if (item.overdue) ++overdue;
  }
  put(data, "items", std::move(rows));
  data.set("has_items", !items.empty());
  if (context.actor->access_role == domain::Role::teamlead) {
    add_team_caseloads(context, data, context.app.team.caseloads(context.connection(), *context.actor));
    TemplateList flagged;
    for (const auto& entry : context.app.households.team_flags(context.connection(), *context.actor)) {
      TemplateData row;
      row.set("household_id", std::to_string(entry.row.household_id));
      row.set("name", entry.row.name);
      row.set("address", domain::display_postcode(entry.row.postcode) + " " + entry.row.house_number);
      row.set("contact", entry.row.fixed_contact_name);
      row.set("faces_90d", std::to_string(entry.row.faces_90d));
      row.set("changes", std::to_string(entry.row.fixed_contact_changes_year));
      flagged.push_back(std::move(row));
    }
    data.set("has_flagged", !flagged.empty());
    put(data, "flagged", std::move(flagged));
  }
  data.set("team_view", context.actor->access_role == domain::Role::teamlead);
  data.set("may_resident_requests",
           domain::role_has(context.actor->access_role, domain::Permission::resident_requests));
  data.set("open_count", std::to_string(items.size()));
  data.set("overdue_count", std::to_string(overdue));
  return render_page(context, "inbox", data,
                     context.actor->access_role == domain::Role::teamlead ? "inbox.team_title" : "inbox.title");
}

TemplateData referral_page_data(RequestContext& context, const storage::ReferralRecord& referral,
                                const std::string& at_value, const std::string& channel,
                                const std::string& arrived_via) {
  TemplateData data = referral_data(context, referral, context.app.referrals.is_overdue(referral));
  data.set("csrf_token", context.csrf_token());
  // A team lead reads no record: no link to one.
  data.set("may_open_household", domain::role_has(context.actor->access_role, Permission::casework));
  if (const auto known = context.app.referrals.known_household(context.connection(), *context.actor, referral)) {
    data.set("known_household", true);
    if (known->fixed_contact) data.set("known_contact", known->fixed_contact->name);
  }
  data.set("at", at_value);
  TemplateList channels;
  for (const auto& option_value : service::first_contact_channels()) {
    TemplateData option;
    option.set("value", option_value);
    option.set("label", context.text("channel." + option_value));
    option.set("selected", option_value == channel);
    channels.push_back(std::move(option));
  }
  put(data, "channels", std::move(channels));
  put(data, "arrival_routes", choices(context, domain::arrival_routes(), "referral.arrived_via.", arrived_via));
  // The team lead gives a request nobody has answered yet to someone else of the team.
  const auto& actor = *context.actor;
  if (!referral.first_contact_at &&
      domain::leads_team(actor.access_role == domain::Role::teamlead, actor.team_id, referral.team_id)) {
    const auto team = context.app.team.caseloads(context.connection(), actor);
    TemplateList targets;
    const std::string chosen = context.form_value("to_user_id");
    for (const auto& member : team.members) {
      if (member.row.user_id == referral.contact_id) continue;
      TemplateData option;
      option.set("value", std::to_string(member.row.user_id));
      option.set("label", member.row.name + " (" + caseload_text(context, member, team.cap) + ")");
      option.set("selected", std::to_string(member.row.user_id) == chosen);
      targets.push_back(std::move(option));
    }
    data.set("may_reassign", !targets.empty());
    put(data, "reassign_targets", std::move(targets));
    data.set("reassign_reason", context.form_value("reason"));
  }
  return data;
}

// "now" as a datetime-local value in Amsterdam time: the form's default.
std::string local_now(const RequestContext& context) {
  const std::int64_t now = context.app.clock.now();
  return domain::format_timestamp(now + domain::amsterdam_offset_seconds(now)).substr(0, 16);
}

Response referral_page(RequestContext& context) {
  const auto referral = context.app.referrals.get(context.connection(), *context.actor, context.param("reference"));
  TemplateData data = referral_page_data(context, referral, local_now(context), referral.channel, referral.arrived_via);
  context.release_connection();
  data.set("saved", context.query_value("opgeslagen") == "1");
  data.set("reassigned", context.query_value("toegewezen") == "1");
  return render_page(context, "referral", data, "referral.title");
}

Response join_household(RequestContext& context) {
  const auto referral =
      context.app.referrals.join_household(context.connection(), *context.actor, context.param("reference"));
  invite_follower(context, referral.reference);
  return redirect("/huishoudens/" + std::to_string(*referral.household_id));
}

Response record_first_contact(RequestContext& context) {
  const std::string reference = context.param("reference");
  const std::string at_text = context.form_value("at");
  const std::string channel = context.form_value("channel");
  const std::string arrived_via = context.form_value("arrived_via");
  try {
    const auto at = domain::parse_amsterdam_local(at_text);
    if (!at) throw domain::ValidationError("at", at_text.empty() ? "at.required" : "at.invalid");
    // A form without the field (an older page, a script) keeps what the request said, as the API does.
    const auto referral =
        context.app.referrals.record_first_contact(context.connection(), *context.actor, reference, *at, channel,
                                                   arrived_via.empty() ? std::nullopt : std::optional(arrived_via));
    invite_follower(context, referral.reference);
    return redirect("/verzoeken/" + percent_encode(referral.reference) + "?opgeslagen=1");
  } catch (const domain::ValidationError& error) {
    const auto referral = context.app.referrals.get(context.connection(), *context.actor, reference);
    TemplateData data = referral_page_data(context, referral, at_text, channel, arrived_via);
    context.release_connection();
    add_form_errors(context, data, error, [](const std::string& field) { return field; });
    return render_page(context, "referral", data, "referral.title", 422);
  }
}

Response reassign(RequestContext& context) {
  const std::string reference = context.param("reference");
  try {
    const auto to_user = whole_number(context.form_value("to_user_id"));
    if (!to_user) throw domain::ValidationError("to_user_id", "to_user_id.invalid");
    const auto referral = context.app.referrals.reassign(context.connection(), *context.actor, reference, *to_user,
                                                         context.form_value("reason"));
    return redirect("/verzoeken/" + percent_encode(referral.reference) + "?toegewezen=1");
  } catch (const domain::ValidationError& error) {
    const auto referral = context.app.referrals.get(context.connection(), *context.actor, reference);
    TemplateData data =
        referral_page_data(context, referral, local_now(context), referral.channel, referral.arrived_via);
    context.release_connection();
    add_form_errors(context, data, error, [](const std::string& field) { return "reassign-" + field; });
    return render_page(context, "referral", data, "referral.title", 422);
  }
}

}  // namespace

std::string safe_next(const std::string& next, const std::string& home) {
  // Only a path on this site: "//host" and "/\\host" would leave it, and
  // browsers drop tabs and newlines from URLs, so "/\t/host" would too.
  const bool local = !next.empty() && next[0] == '/' && (next.size() == 1 || (next[1] != '/' && next[1] != '\\'));
  const bool clean = std::none_of(
      next.begin(), next.end(), [](char c) { return static_cast<unsigned char>(c) < 0x20 || c == 0x7f || c == '\\'; });
  return local && clean ? next : home;
}

void add_staff_pages(Router& router) {
  router.add({"GET", "/inloggen", Permission::public_access, RouteKind::page, login_page, true});
  router.add({"POST", "/inloggen", Permission::public_access, RouteKind::page, login});
  router.add({"POST", "/uitloggen", Permission::own_session, RouteKind::page, logout, false, true});
  router.add(personal_data({"GET", "/inbox", Permission::referral_inbox, RouteKind::page, inbox}));
  router.add({"GET", "/beheer", Permission::manage_accounts, RouteKind::page, administration});
  router.add(
      personal_data({"GET", "/verzoeken/{reference}", Permission::referral_inbox, RouteKind::page, referral_page}));
  router.add({"POST", "/verzoeken/{reference}/toewijzen", Permission::team_overview, RouteKind::page, reassign});
  router.add({"POST", "/verzoeken/{reference}/eerste-contact", Permission::referral_inbox, RouteKind::page,
              record_first_contact});
  router.add(
      {"POST", "/verzoeken/{reference}/huishouden", Permission::referral_inbox, RouteKind::page, join_household});
}

}  // namespace gezicht::web
