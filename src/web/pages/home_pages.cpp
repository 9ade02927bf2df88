#include "web/pages/home_pages.hpp"

#include <set>
#include <string>

#include "domain/postcode.hpp"
#include "domain/text.hpp"
#include "service/errors.hpp"
#include "web/page_renderer.hpp"
#include "web/pages/household_page_support.hpp"
#include "web/pages/photo_pages.hpp"
#include "web/presenters.hpp"

namespace gezicht::web {
namespace {

std::string parts_text(const RequestContext& context, const std::set<domain::RecordPart>& parts) {
  std::string text;
  for (auto part : parts) {
    text += (text.empty() ? "" : ", ") + context.text("household.part." + std::string(domain::to_string(part)));
  }
  return text;
}

Response domain_shares_page(RequestContext& context) {
  const auto shares = context.app.access.domain_shares(context.connection(), *context.actor);
  context.release_connection();
  TemplateList households;
  for (const auto& share : shares) {
    TemplateData item;
    item.set("household_id", std::to_string(share.household_id));
    item.set("address", domain::display_postcode(share.postcode) + " " + share.house_number);
    item.set("parts_text", parts_text(context, share.parts));
    TemplateList agreements;
    for (const auto& agreement : share.agreements) {
      TemplateData row;
      row.set("purpose", agreement.basis.purpose);
      row.set("basis", domain::as_sentence_end(agreement.basis.description));
      row.set("recorded_by", agreement.recorded_by_name);
      row.set("recorded_at", agreement.recorded_at);
      row.set("recorded_text", amsterdam_text(agreement.recorded_at));
      agreements.push_back(std::move(row));
    }
    put(item, "agreements", std::move(agreements));
    households.push_back(std::move(item));
  }
  TemplateData data;
  data.set("has_households", !shares.empty());
  data.set("household_count", std::to_string(shares.size()));
  data.set("no_domain", context.actor->domain.empty());
  data.set("domain_text", text_or(context, "domain." + context.actor->domain, context.actor->domain));
  put(data, "households", std::move(households));
  return render_page(context, "domain_shares", data, "domain_shares.title");
}

Response account_page(RequestContext& context) { return account_page_with(context, nullptr); }

}  // namespace

Response account_page_with(RequestContext& context, const domain::ValidationError* photo_error) {
  const auto& actor = *context.actor;
  TemplateData data;
  data.set("name", actor.name);
  data.set("username", actor.username);
  data.set("role_text", context.text("role." + std::string(domain::to_string(actor.access_role))));
  data.set("team", actor.team_name);
  data.set("has_team", !actor.team_name.empty());
  data.set("two_factor", context.app.auth.two_factor_enabled(context.connection(), actor));
  add_photo_to_account_page(context, data, photo_error);
  context.release_connection();
  return render_page(context, "account", data, "account.title", photo_error ? 422 : 200);
}

void add_home_pages(Router& router) {
  router.add(personal_data({"GET", "/gedeeld", Permission::domain_shares, RouteKind::page, domain_shares_page}));
  router.add({"GET", "/account", Permission::own_session, RouteKind::page, account_page});
}

}  // namespace gezicht::web
