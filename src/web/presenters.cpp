#include "web/presenters.hpp"

#include "domain/calendar.hpp"
#include "domain/postcode.hpp"

namespace gezicht::web {

std::string photo_url(std::int64_t person_id, const std::optional<std::string>& url) {
  // The face: the person's photo, or their initials without one (PhotoService::face).
  return url ? *url : "/gezichten/" + std::to_string(person_id);
}

std::string photo_url(const domain::Person& person) { return photo_url(person.id, person.photo_url); }

std::string tel_href(std::string_view phone) {
  std::string href;
  for (char c : phone) {
    if ((c >= '0' && c <= '9') || (c == '+' && href.empty())) href.push_back(c);
  }
  return href;
}

std::string long_date(const Translations& translations, std::string_view language, const std::string& iso_date) {
  const auto date = domain::parse_date(iso_date);
  if (!date) return iso_date;
  const std::string& month = translations.text(language, "month." + std::to_string(date->month));
  return translations.text(language, "day." + std::to_string(domain::iso_weekday(*date))) + " " +
         std::to_string(date->day) + " " + month + " " + std::to_string(date->year);
}

std::string long_date(const RequestContext& context, const std::string& iso_date) {
  return long_date(context.app.translations, context.language, iso_date);
}

std::string language_names(const RequestContext& context, const std::vector<std::string>& codes) {
  std::string names;
  const auto& texts = context.app.translations.all(context.language);
  for (const auto& code : codes) {
    auto found = texts.find("language." + code);
    if (!names.empty()) names += ", ";
    names += found == texts.end() ? code : found->second;
  }
  return names;
}

TemplateData person_data(const RequestContext& context, const domain::Person& person) {
  TemplateData data;
  data.set("id", std::to_string(person.id));
  data.set("name", person.name);
  data.set("first_name", person.name.substr(0, person.name.find(' ')));
  data.set("job_title", person.job_title);
  data.set("phone", person.phone);
  data.set("phone_href", tel_href(person.phone));
  data.set("languages", language_names(context, person.languages));
  data.set("photo_url", photo_url(person));
  data.set("is_teamlead", person.role == "teamlead");
  return data;
}

Json person_json(const domain::Person& person) {
  return {{"id", person.id},
          {"name", person.name},
          {"role", person.role},
          {"job_title", person.job_title},
          {"phone", person.phone},
          {"languages", person.languages},
          {"photo_url", photo_url(person)}};
}

Json team_json(const RequestContext& context, const domain::Team& team) {
  Json walk_in = Json::array();
  for (const auto& hour : team.walk_in) {
    walk_in.push_back({{"weekday", hour.weekday},
                       {"day", context.text("day." + std::to_string(hour.weekday))},
                       {"opens", hour.opens},
                       {"closes", hour.closes},
                       {"place", hour.place},
                       {"address", hour.address}});
  }
  return {{"id", team.id}, {"name", team.name}, {"phone", team.phone}, {"email", team.email}, {"walk_in", walk_in}};
}

TemplateData referral_data(const RequestContext& context, const storage::ReferralRecord& referral, bool overdue) {
  TemplateData data;
  data.set("reference", referral.reference);
  data.set("has_household", referral.household_id.has_value());
  if (referral.household_id) data.set("household_id", std::to_string(*referral.household_id));
  data.set("name", referral.name);
  data.set("phone", referral.phone);
  data.set("phone_href", tel_href(referral.phone));
  data.set("email", referral.email);
  data.set("address", domain::display_postcode(referral.postcode) + " " + referral.house_number);
  data.set("channel", context.text("channel." + referral.channel));
  data.set("language", language_names(context, {referral.language}));
  data.set("trusted_person", referral.trusted_person);
  data.set("contact_name", referral.contact_name);
  data.set("question", referral.question);
  data.set("promised_by", referral.promised_by);
  data.set("promised_by_text", long_date(context, referral.promised_by));
  data.set("overdue", overdue);
  if (auto created = domain::parse_timestamp(referral.created_at)) {
    data.set("created_text", domain::format_amsterdam(*created));
  }
  if (referral.first_contact_at) {
    if (auto at = domain::parse_timestamp(*referral.first_contact_at)) {
      data.set("first_contact_text", domain::format_amsterdam(*at));
    }
    data.set("first_contact_channel", context.text("channel." + referral.first_contact_channel.value_or("phone")));
    data.set("arrived_via_text", context.text("referral.arrived_via." + referral.arrived_via));
  }
  return data;
}

Json referral_json(const storage::ReferralRecord& referral, bool overdue, bool full) {
  Json json = {{"reference", referral.reference},
               {"name", referral.name},
               {"postcode", referral.postcode},
               {"house_number", referral.house_number},
               {"question", referral.question},
               {"channel", referral.channel},
               {"language", referral.language},
               {"promised_contact_by", referral.promised_by},
               {"overdue", overdue},
               {"contact", {{"id", referral.contact_id}, {"name", referral.contact_name}}},
               {"first_contact_at", referral.first_contact_at ? Json(*referral.first_contact_at) : Json(nullptr)}};
  if (full) {
    json["phone"] = referral.phone;
    json["email"] = referral.email;
    json["household_id"] = referral.household_id ? Json(*referral.household_id) : Json(nullptr);
    json["trusted_person"] = referral.trusted_person;
    json["created_at"] = referral.created_at;
    json["team_id"] = referral.team_id;
    json["assignment_reason"] = referral.assignment_reason;
    json["first_contact_channel"] =
        referral.first_contact_channel ? Json(*referral.first_contact_channel) : Json(nullptr);
    json["arrived_via"] = referral.arrived_via;
  }
  return json;
}

}  // namespace gezicht::web
