#include "web/pages/resident_pages.hpp"

#include <algorithm>

#include "domain/postcode.hpp"
#include "domain/referral.hpp"
#include "domain/validation_error.hpp"
#include "service/errors.hpp"
#include "web/outreach_presenter.hpp"
#include "web/page_renderer.hpp"
#include "web/pages/form_errors.hpp"
#include "web/presenters.hpp"
#include "web/referral_follow_up.hpp"
#include "web/url_encoding.hpp"

namespace gezicht::web {
namespace {

template <typename Hours>
TemplateList walk_in_data(const RequestContext& context, const Hours& hours) {
  TemplateList walk_in;
  for (const auto& hour : hours) {
    TemplateData row;
    row.set("day", context.text("day." + std::to_string(hour.weekday)));
    row.set("opens", hour.opens);
    row.set("closes", hour.closes);
    row.set("place", hour.place);
    row.set("address", hour.address);
    walk_in.push_back(std::move(row));
  }
  return walk_in;
}

TemplateData team_data(const RequestContext& context, const service::OutreachService::Presence& presence,
                       const std::string& house_number) {
  const auto& lookup = presence.lookup;
  const auto& team = *lookup.team;
  TemplateData data;
  data.set("name", team.name);
  data.set("neighbourhood", lookup.neighbourhood->name);
  data.set("phone", team.phone);
  data.set("phone_href", tel_href(team.phone));
  data.set("email", team.email);
  TemplateList people;
  for (const auto& person : team.people) people.push_back(person_data(context, person));
  put(data, "people", std::move(people));
  put(data, "walk_in", walk_in_data(context, team.walk_in));
  data.set("has_presence", !presence.items.empty());
  put(data, "presence", presence_data(context, presence.items));
  std::string refer_url = "/aanmelden?postcode=" + percent_encode(lookup.postcode);
  if (!house_number.empty()) refer_url += "&house_number=" + percent_encode(house_number);
  data.set("refer_url", refer_url);
  return data;
}

Response render_front_door(RequestContext& context) {
  TemplateData data;
  const std::string postcode = context.query_value("postcode");
  const std::string house_number = context.query_value("house_number");
  data.set("postcode", postcode);
  data.set("house_number", house_number);
  if (!context.query.contains("postcode")) return render_page(context, "frontdoor", data, "frontdoor.title");
  try {
    const auto presence = context.app.outreach.presence(postcode);
    data.set("team", team_data(context, presence, house_number));
    return render_page(context, "frontdoor", data, "frontdoor.title");
  } catch (const domain::ValidationError& error) {
    add_form_errors(context, data, error, [](const std::string& field) { return field; });
    data.set("postcode_error", error_text(context, error.errors().front().message_key));
    return render_page(context, "frontdoor", data, "frontdoor.title", 422);
  } catch (const service::NotFound&) {
    const auto municipality = context.app.directory.snapshot()->municipality;
    TemplateData outside;
    outside.set("phone", municipality.phone);
    outside.set("phone_href", tel_href(municipality.phone));
    put(data, "outside", std::move(outside));
    return render_page(context, "frontdoor", data, "frontdoor.outside_title", 404);
  }
}

// Visitors without a session all see the same page for the same question
// in the same minute (the coming week's time in the neighbourhood moves on).
Response front_door(RequestContext& context) {
  if (context.actor) return render_front_door(context);
  const std::string version =
      context.app.directory.snapshot()->version + "@" + std::to_string(context.app.clock.now() / 60);
  const std::string key = context.language + "|" + context.query_value("postcode") + "|" +
                          context.query_value("house_number") + "|" + (context.query.contains("postcode") ? "1" : "0");
  if (auto cached = context.app.page_cache.find(key, version)) return *cached;
  Response response = render_front_door(context);
  context.app.page_cache.store(key, version, response);
  return response;
}

// The form with what the resident typed (or what the link carried).
TemplateData referral_form(RequestContext& context, const domain::ReferralInput& input) {
  TemplateData data;
  data.set("csrf_token", context.csrf_token());
  data.set("name", input.name);
  data.set("phone", input.phone);
  data.set("email", input.email);
  data.set("postcode", input.postcode);
  data.set("house_number", input.house_number);
  data.set("question", input.question);
  data.set("trusted_person", input.trusted_person);
  data.set("follow_online", input.follow_online);
  TemplateList channels;
  for (const auto& channel : domain::contact_channels()) {
    TemplateData option;
    option.set("value", channel);
    option.set("label", context.text("refer.channel." + channel));
    option.set("checked", channel == input.channel);
    channels.push_back(std::move(option));
  }
  put(data, "channels", std::move(channels));
  TemplateList backgrounds;
  for (const auto& background : domain::background_choices()) {
    TemplateData option;
    option.set("value", background);
    option.set("label", context.text("refer.background." + background));
    option.set("checked", background == input.background);
    backgrounds.push_back(std::move(option));
  }
  put(data, "backgrounds", std::move(backgrounds));
  TemplateList languages;
  const std::string selected = input.language.empty() ? context.language : input.language;
  for (const auto& language : domain::contact_languages()) {
    TemplateData option;
    option.set("value", language);
    option.set("label", context.text("language." + language));
    option.set("selected", language == selected);
    languages.push_back(std::move(option));
  }
  put(data, "languages", std::move(languages));
  return data;
}

// The form's one-time token: the key under which its request is made once.
// A token as random_token makes it (43 URL-safe characters), or nothing.
bool well_formed_token(const std::string& token) {
  return token.size() == 43 && std::all_of(token.begin(), token.end(), [](char c) {
           return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
         });
}

std::string form_key(const std::string& token) { return "form:" + token; }

Response referral_page(RequestContext& context) {
  domain::ReferralInput input;
  input.postcode = context.query_value("postcode");
  input.house_number = context.query_value("house_number");
  TemplateData data = referral_form(context, input);
  data.set("submission", context.app.referrals.new_submission_token());
  return render_page(context, "refer", data, "refer.title");
}

// The confirmation, a page of its own after the redirect, so a refresh asks
// nothing twice: who will contact the resident, by when, and (for a walk-in)
// when the team can be found.
Response confirmation_page(RequestContext& context) {
  const std::string token = context.param("token");
  const auto receipt =
      well_formed_token(token) ? context.app.referrals.submitted(context.connection(), form_key(token)) : std::nullopt;
  context.release_connection();
  if (!receipt) return render_error_page(context, 404, "referral.confirmation_gone");
  TemplateData data;
  data.set("reference", receipt->reference);
  data.set("contact_name", receipt->contact.name);
  data.set("contact_job_title", receipt->contact.job_title);
  data.set("contact_phone", receipt->contact.phone);
  data.set("contact_phone_href", tel_href(receipt->contact.phone));
  data.set("contact_photo_url", photo_url(receipt->contact));
  data.set("team_name", receipt->team_name);
  data.set("promised_by", receipt->promised_by);
  data.set("promised_by_text", long_date(context, receipt->promised_by));
  if (receipt->channel == "walk_in") {
    const auto snapshot = context.app.directory.snapshot();
    if (const auto* team = snapshot->directory.team(receipt->team_id); team && !team->walk_in.empty()) {
      data.set("walk_in_hours", true);
      put(data, "walk_in", walk_in_data(context, team->walk_in));
    }
  }
  return render_page(context, "refer_done", data, "done.title");
}

Response submit_referral(RequestContext& context) {
  domain::ReferralInput input;
  input.name = context.form_value("name");
  input.phone = context.form_value("phone");
  input.email = context.form_value("email");
  input.postcode = context.form_value("postcode");
  input.house_number = context.form_value("house_number");
  input.question = context.form_value("question");
  input.language = context.form_value("language");
  input.channel = context.form_value("channel");
  input.trusted_person = context.form_value("trusted_person") == "yes";
  input.follow_online = context.form_value("follow_online") == "yes";
  input.background = context.form_value("background");
  // A form without its token (an old page, a script) still gets a page of
  // its own to land on, with a token made here.
  std::string token = context.form_value("submission");
  if (!well_formed_token(token)) token = context.app.referrals.new_submission_token();
  try {
    const auto receipt = context.app.referrals.submit(
        context.connection(), input, service::anonymous_requester(context.request.remote_address, "POST /aanmelden"),
        form_key(token), "submission",
        confirm_referral_by_mail(context, input.email, input.language.empty() ? context.language : input.language));
    context.release_connection();
    return redirect("/aanmelden/ontvangen/" + token + "?lang=" + context.language);
  } catch (const domain::ValidationError& error) {
    TemplateData data = referral_form(context, input);
    // The same token again: what the resident corrects is still asked once.
    // After "already sent with other content" a new one, so a changed
    // request can be sent on purpose.
    const bool reused = error.errors().front().message_key == "submission.reused";
    data.set("submission", reused ? context.app.referrals.new_submission_token() : token);
    add_form_errors(context, data, error, [](const std::string& field) {
      if (field == "contact") return std::string("phone");
      if (field == "channel") return std::string("channel-phone");
      if (field == "submission") return std::string("submit-referral");
      return field;
    });
    return render_page(context, "refer", data, "refer.title", 422);
  }
}

}  // namespace

void add_resident_pages(Router& router) {
  router.add({"GET", "/", Permission::public_access, RouteKind::page, front_door, true});
  router.add({"GET", "/aanmelden", Permission::public_access, RouteKind::page, referral_page, true});
  router.add({"POST", "/aanmelden", Permission::public_access, RouteKind::page, submit_referral});
  router.add({"GET", "/aanmelden/ontvangen/{token}", Permission::public_access, RouteKind::page, confirmation_page});
}

}  // namespace gezicht::web
