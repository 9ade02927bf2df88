#pragma once
// What the household's page files share: reading ids and numbers from a
// request, options for selects, dates in Amsterdam time, and the routes each
// file adds. Internal to src/web/pages.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "domain/continuity.hpp"
#include "domain/household.hpp"
#include "web/request_context.hpp"
#include "web/router.hpp"
#include "web/templates.hpp"

namespace gezicht::web {

std::string trimmed(const std::string& text);
// A whole number, or nullopt for anything else (also for an empty text).
std::optional<std::int64_t> whole_number(const std::string& text);
// The {id} of /huishoudens/{id}/...; NotFound when it is not one.
std::int64_t household_id(const RequestContext& context);
// A select's value that names a record: empty is "none", anything that is
// not a whole number names no record (`unknown`; the service then says which field).
std::optional<std::int64_t> optional_id(const std::string& text, std::int64_t unknown = -1);

// The translation of `key`, or `fallback` where there is none (a stored code).
std::string text_or(const RequestContext& context, const std::string& key, const std::string& fallback);
// Options for a select or radio group, labelled by translation keys.
TemplateList choices(const RequestContext& context, const std::vector<std::string>& values,
                     const std::string& key_prefix, const std::string& selected, const std::string& id_prefix = "");
// Long texts as a select option: cut at a character boundary.
std::string short_label(const std::string& text, std::size_t max_bytes = 80);
// An ISO-8601 UTC timestamp as Amsterdam date and time, or as Amsterdam date.
std::string amsterdam_text(const std::string& iso_timestamp);
std::string amsterdam_day(const std::string& iso_timestamp);
// One row of a contacts list (the record's latest contacts, the whole log).
TemplateData contact_row(const RequestContext& context, const domain::ContactEntry& contact);
// One change of fixed contact in a history list; from_name is left to the caller (who knows the names).
TemplateData fixed_contact_change_row(const RequestContext& context, const domain::FixedContactChange& change);
// The continuity figures and flags as the record and the team lead's overview show them.
TemplateData continuity_data(const RequestContext& context, const domain::ContinuityIndices& indices,
                             const domain::ContinuityFlags& flags);
// The handover form's fields as a request (the record's form and the team lead's).
domain::HandoverRequest handover_request_from_form(const RequestContext& context);

// The routes of each page file; add_household_pages (household_pages.hpp) adds them all.
void add_household_form_routes(Router& router);  // household_forms.cpp
void add_contacts_log_routes(Router& router);    // contacts_log_pages.cpp
void add_caseload_routes(Router& router);        // caseload_page.cpp

}  // namespace gezicht::web
