#include "service/audit_search_service.hpp"

#include "domain/validation_error.hpp"
#include "storage/audit_repository.hpp"
#include "storage/user_repository.hpp"

namespace gezicht::service {
namespace {

// What was searched, for the trail's own entry about the search.
std::string described(const domain::AuditSearch& search) {
  std::string text = "auditor";
  if (search.household_id) text += " household=" + std::to_string(*search.household_id);
  if (search.actor_user_id) text += " person=" + std::to_string(*search.actor_user_id);
  if (search.kind != domain::AuditKind::any) text += std::string(" kind=") + domain::to_string(search.kind);
  if (search.from_at) text += " from=" + *search.from_at;
  if (search.until_at) text += " until=" + *search.until_at;
  return text;
}

}  // namespace

domain::AuditSearch AuditSearchService::checked(storage::Connection& connection, const domain::AuditSearchInput& input,
                                                std::optional<storage::UserRecord>& person) {
  auto search = domain::parse_audit_search(input);
  storage::UserRepository users(connection);
  if (search.actor_user_id) {
    person = users.find_by_id(*search.actor_user_id);
  } else if (!input.person.empty()) {
    person = users.find_by_username(input.person);
    if (!person) throw domain::ValidationError("person", "audit_search.person_unknown");
    search.actor_user_id = person->id;
  }
  return search;
}

AuditSearchResult AuditSearchService::search(storage::Connection& connection, const Actor& actor,
                                             const domain::AuditSearchInput& input) {
  AuditSearchResult result;
  result.search = checked(connection, input, result.person);
  audit_.catch_up(connection);
  // One more than the page, to know whether there is a next one.
  result.entries = storage::AuditRepository(connection).search(result.search, result.search.limit + 1);
  if (static_cast<int>(result.entries.size()) > result.search.limit) {
    result.entries.resize(static_cast<std::size_t>(result.search.limit));
    result.next_before = result.entries.back().seq;
  }
  audit_.record_later(actor,
                      {result.search.household_id, "audit_trail", "search", "allowed", described(result.search)});
  return result;
}

AuditExport AuditSearchService::export_entries(storage::Connection& connection, const Actor& actor,
                                               const domain::AuditSearchInput& input) {
  AuditExport result;
  std::optional<storage::UserRecord> person;
  domain::AuditSearchInput whole = input;
  whole.before.clear();
  whole.limit.clear();
  result.search = checked(connection, whole, person);
  audit_.catch_up(connection);
  result.entries = storage::AuditRepository(connection).search(result.search, domain::audit_export_max_entries + 1);
  if (result.entries.size() > static_cast<std::size_t>(domain::audit_export_max_entries)) {
    result.entries.resize(static_cast<std::size_t>(domain::audit_export_max_entries));
    result.truncated = true;
  }
  // An export leaves the system: its entry is part of the same transaction-free read,
  // recorded like every read, with how many entries went out.
  audit_.record_later(actor, {result.search.household_id, "audit_trail", "export", "allowed",
                              described(result.search) + " entries=" + std::to_string(result.entries.size())});
  return result;
}

ChainCheck AuditSearchService::verify(storage::Connection& connection, const Actor& actor) {
  audit_.catch_up(connection);
  auto check = verify_audit_chain(connection);
  audit_.record_later(actor, {std::nullopt, "audit_trail", "verify", "allowed",
                              std::string("auditor: ") + (check.intact ? "intact" : "broken")});
  return check;
}

}  // namespace gezicht::service
