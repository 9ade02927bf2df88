#pragma once
// The household record's view model: turns a HouseholdView into the data of
// one page of the record (the overview or one section with its forms). No
// reads and no rules here: what the viewer may read is already decided by
// HouseholdService::view.

#include <map>
#include <string>
#include <string_view>

#include "domain/validation_error.hpp"
#include "service/household_service.hpp"
#include "web/request_context.hpp"
#include "web/templates.hpp"

namespace gezicht::web {

// The pages of a household's record: the overview and one per section.
enum class RecordSection { overview, members, plan, actions, involved, contacts, history, sharing, referrals };

struct RecordSectionInfo {
  RecordSection section;
  std::string_view path;           // after /huishoudens/{id}; empty for the overview
  std::string_view template_name;  // templates/<name>.mustache
  std::string_view title_key;      // the page's heading and <title>
};

// Every page of the record, the overview first, in the order of its navigation.
const std::vector<RecordSectionInfo>& record_sections();
const RecordSectionInfo& section_info(RecordSection section);
// "/huishoudens/12" or "/huishoudens/12/plan".
std::string section_href(std::int64_t household_id, RecordSection section);

// The form a POST came from, what was typed in it and what was wrong with it.
// On a GET (or for every other form) the fields are empty or their defaults.
struct SentForm {
  std::string name;
  const std::map<std::string, std::string>* values = nullptr;
  const domain::ValidationError* error = nullptr;

  bool is(std::string_view form) const { return !name.empty() && name == form; }
  std::string value(std::string_view form, const std::string& field, const std::string& fallback = "") const {
    if (!is(form) || !values) return fallback;
    auto found = values->find(field);
    return found == values->end() ? std::string() : found->second;
  }
};

// The data of one page of the record: the header (address, banners, the
// sections' links, a saved message after ?opgeslagen=) and that section.
TemplateData record_section_data(RequestContext& context, const service::HouseholdView& view, RecordSection section,
                                 const SentForm& sent);

}  // namespace gezicht::web
