#include <algorithm>

#include "domain/referral.hpp"
#include "service/errors.hpp"
#include "web/api/api_routes.hpp"
#include "web/json_io.hpp"
#include "web/presenters.hpp"
#include "web/referral_follow_up.hpp"

namespace gezicht::web {
namespace {

Response neighbourhoods(RequestContext& context) {
  const auto snapshot = context.app.directory.snapshot();
  Json list = Json::array();
  for (const auto& neighbourhood : snapshot->directory.neighbourhoods) {
    Json postcodes = Json::array();
    for (const auto& range : neighbourhood.postcodes) postcodes.push_back({{"from", range.from}, {"to", range.to}});
    const auto* team = snapshot->directory.team(neighbourhood.team_id);
    list.push_back({{"id", neighbourhood.id},
                    {"name", neighbourhood.name},
                    {"team", {{"id", neighbourhood.team_id}, {"name", team ? team->name : ""}}},
                    {"postcodes", postcodes}});
  }
  return json_response(200, list);
}

Response answer_front_door(RequestContext& context) {
  try {
    const auto lookup = context.app.directory.find_team(context.query_value("postcode"));
    Json people = Json::array();
    for (const auto& person : lookup.team->people) people.push_back(person_json(person));
    return json_response(200,
                         {{"postcode", lookup.postcode},
                          {"neighbourhood", {{"id", lookup.neighbourhood->id}, {"name", lookup.neighbourhood->name}}},
                          {"team", team_json(context, *lookup.team)},
                          {"people", people}});
  } catch (const service::NotFound& error) {
    // Never an empty answer: the resident gets the municipality's number.
    Response response = error_response(context, 404, error.message_key());
    Json body = Json::parse(response.body);
    body["municipality_phone"] = context.app.directory.snapshot()->municipality.phone;
    return json_response(404, body);
  }
}

// The same answer for everyone who asks about the same postcode.
Response front_door(RequestContext& context) {
  const std::string version = context.app.directory.snapshot()->version;
  const std::string key = "api|" + context.language + "|" + context.query_value("postcode");
  if (auto cached = context.app.page_cache.find(key, version)) return *cached;
  Response response = answer_front_door(context);
  context.app.page_cache.store(key, version, response);
  return response;
}

Response create_referral(RequestContext& context) {
  const Json body = parse_json_object(context.request);
  std::vector<domain::FieldError> type_errors;
  domain::ReferralInput input;
  // Read every field, collecting type errors, so all problems come back at once.
  auto text = [&](const char* field, std::string& out) {
    try {
      out = string_field(body, field);
    } catch (const domain::ValidationError& error) {
      type_errors.push_back(error.errors().front());
    }
  };
  text("name", input.name);
  text("phone", input.phone);
  text("email", input.email);
  text("postcode", input.postcode);
  text("house_number", input.house_number);
  text("question", input.question);
  text("language", input.language);
  text("channel", input.channel);
  text("background", input.background);
  try {
    input.trusted_person = bool_field(body, "trusted_person");
    input.follow_online = bool_field(body, "follow_online");
  } catch (const domain::ValidationError& error) {
    type_errors.push_back(error.errors().front());
  }
  if (!type_errors.empty()) {
    // Report the other fields' problems too, as for any invalid request.
    try {
      domain::validate_referral(input);
    } catch (const domain::ValidationError& others) {
      for (const auto& error : others.errors()) {
        const bool typed = std::any_of(type_errors.begin(), type_errors.end(),
                                       [&](const domain::FieldError& t) { return t.field == error.field; });
        if (!typed) type_errors.push_back(error);
      }
    }
    throw domain::ValidationError(std::move(type_errors));
  }
  // Idempotency-Key (IETF httpapi draft): the same key again gets the same
  // answer and makes no second request; with another request, 422.
  const std::string key(context.request.header("idempotency-key"));
  const bool key_valid = key.size() <= 255 && std::all_of(key.begin(), key.end(), [](char c) {
                           return static_cast<unsigned char>(c) > 0x20 && static_cast<unsigned char>(c) < 0x7f;
                         });
  if (!key_valid) throw domain::ValidationError("Idempotency-Key", "idempotency_key.invalid");
  const auto receipt = [&] {
    try {
      return context.app.referrals.submit(
          context.connection(), input,
          service::anonymous_requester(context.request.remote_address, "POST /api/v1/referrals"),
          key.empty() ? std::string() : "api:" + key, "Idempotency-Key",
          confirm_referral_by_mail(context, input.email, input.language.empty() ? "nl" : input.language));
    } catch (const domain::ValidationError& error) {
      if (error.errors().front().message_key != "submission.reused") throw;
      throw domain::ValidationError("Idempotency-Key", "idempotency_key.reused");
    }
  }();
  // No household id: the answer must not depend on who already lives at the address.
  return json_response(201, {{"reference", receipt.reference},
                             {"contact",
                              {{"id", receipt.contact.id},
                               {"name", receipt.contact.name},
                               {"job_title", receipt.contact.job_title},
                               {"phone", receipt.contact.phone},
                               {"photo_url", photo_url(receipt.contact)}}},
                             {"team", {{"id", receipt.team_id}, {"name", receipt.team_name}}},
                             {"promised_contact_by", receipt.promised_by}});
}

// The resident's own look at a request, without an account (before
// /api/v1/referrals/{reference}, the staff's, in the route table).
Response referral_status(RequestContext& context) {
  const auto status = context.app.request_status.look_up(
      context.connection(), context.query_value("reference"), context.query_value("postcode"),
      context.query_value("house_number"), context.request.remote_address);
  return json_response(
      200, {{"reference", status.reference},
            {"state", status.state},
            {"promise_kept", status.kept ? Json(*status.kept) : Json(nullptr)},
            {"contact", {{"name", status.contact.name}, {"phone", status.contact.phone}}},
            {"promised_contact_by", status.promised_by},
            {"first_contact_on", status.first_contact_on ? Json(*status.first_contact_on) : Json(nullptr)}});
}

}  // namespace

void add_public_api(Router& router) {
  router.add({"GET", "/api/v1/neighbourhoods", Permission::public_access, RouteKind::api, neighbourhoods, true});
  router.add({"GET", "/api/v1/frontdoor", Permission::public_access, RouteKind::api, front_door, true});
  router.add({"POST", "/api/v1/referrals", Permission::public_access, RouteKind::api, create_referral});
  router.add(
      personal_data({"GET", "/api/v1/referrals/status", Permission::public_access, RouteKind::api, referral_status}));
}

}  // namespace gezicht::web
