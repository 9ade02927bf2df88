#pragma once
// Turns domain and storage values into what pages and the JSON API show.
// Pages and API use the same functions, so both say the same thing.

#include <string>

#include "domain/directory.hpp"
#include "service/referral_service.hpp"
#include "storage/records.hpp"
#include "web/json_io.hpp"
#include "web/request_context.hpp"
#include "web/templates.hpp"

namespace gezicht::web {

std::string photo_url(const domain::Person& person);
std::string photo_url(std::int64_t person_id, const std::optional<std::string>& url);
// "06 1234 5678" -> "0612345678" for tel: links.
std::string tel_href(std::string_view phone);
// "2026-12-02" -> "woensdag 2 december 2026" / "Wednesday 2 December 2026".
std::string long_date(const RequestContext& context, const std::string& iso_date);
// The same in another language than the page's (an e-mail in the resident's).
std::string long_date(const Translations& translations, std::string_view language, const std::string& iso_date);
// Languages as names in the reader's language: "Nederlands, Arabisch".
std::string language_names(const RequestContext& context, const std::vector<std::string>& codes);

TemplateData person_data(const RequestContext& context, const domain::Person& person);
Json person_json(const domain::Person& person);
Json team_json(const RequestContext& context, const domain::Team& team);
TemplateData referral_data(const RequestContext& context, const storage::ReferralRecord& referral, bool overdue);
Json referral_json(const storage::ReferralRecord& referral, bool overdue, bool full);

}  // namespace gezicht::web
