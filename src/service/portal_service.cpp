#include "service/portal_service.hpp"

#include <algorithm>
#include <stdexcept>
#include <utility>

#include "domain/breakthrough.hpp"
#include "domain/calendar.hpp"
#include "domain/request_status.hpp"
#include "domain/resident_login.hpp"
#include "domain/resident_request.hpp"
#include "domain/sharing_ground.hpp"
#include "service/errors.hpp"
#include "storage/access_repository.hpp"
#include "storage/audit_repository.hpp"
#include "storage/breakthrough_repository.hpp"
#include "storage/household_repository.hpp"
#include "storage/referral_repository.hpp"
#include "storage/user_repository.hpp"

namespace gezicht::service {
namespace {

std::string amsterdam_day(const std::string& timestamp) {
  const auto parsed = domain::parse_timestamp(timestamp);
  if (!parsed) throw std::runtime_error("a stored time is unreadable: " + timestamp);
  return domain::format_date(domain::amsterdam_date(*parsed));
}

}  // namespace

std::int64_t PortalService::own_household(const Actor& actor) const {
  if (actor.access_role != domain::Role::resident) {
    throw Forbidden("access.resident_only", "the portal is for the residents of a household");
  }
  if (!actor.household_id) {
    throw NotFound("household.none", "resident account " + std::to_string(actor.user_id) + " belongs to no household");
  }
  return *actor.household_id;
}

bool PortalService::plan_withheld(const Actor& actor) const {
  return !domain::assurance_suffices(actor.assurance, digid_required_for_plan_);
}

HouseholdView PortalService::read(storage::Connection& connection, const Actor& actor, ViewOptions options) {
  auto view = households_.view(connection, actor, own_household(actor), std::move(options));
  if (plan_withheld(actor)) {
    view.what_matters.reset();
    view.goals.clear();
    view.options.clear();
    view.actions.clear();
  }
  return view;
}

HouseholdView PortalService::record(storage::Connection& connection, const Actor& actor) {
  return read(connection, actor, {.contacts = false});  // no portal page shows the contacts
}

AccessLogPage PortalService::access_log(storage::Connection& connection, const Actor& actor,
                                        std::optional<std::int64_t> before, int lines) {
  return access_.access_log(connection, actor, own_household(actor), before, lines);
}

std::vector<ResidentReferral> PortalService::requests(storage::Connection& connection, const Actor& actor) {
  return with_promise(storage::ReferralRepository(connection).of_household(own_household(actor)));
}

std::vector<ResidentReferral> PortalService::with_promise(std::vector<storage::ReferralRecord> referrals) const {
  const std::string today = domain::format_date(domain::amsterdam_date(clock_.now()));
  std::vector<ResidentReferral> requests;
  for (auto& referral : referrals) {
    ResidentReferral request;
    if (referral.first_contact_at) request.first_contact_on = amsterdam_day(*referral.first_contact_at);
    const auto state = domain::request_state(referral.promised_by, request.first_contact_on, today);
    request.state = domain::to_string(state);
    request.kept = domain::promise_kept(state);
    request.referral = std::move(referral);
    requests.push_back(std::move(request));
  }
  return requests;
}

PortalHome PortalService::home(storage::Connection& connection, const Actor& actor, ViewOptions options) {
  const auto household_id = own_household(actor);
  // One round trip: the record with the household's requests and what it asked.
  storage::ReferralRepository referrals(connection);
  storage::ResidentRepository residents(connection);
  auto referral_rows = referrals.query_of_household(household_id);
  auto asked_rows = residents.query_requests_of(household_id);
  auto breakthrough_rows = storage::BreakthroughRepository(connection).query_for_residents(household_id);
  options.together = {referral_rows.get(), asked_rows.get(), breakthrough_rows.get()};
  PortalHome home;
  home.record = read(connection, actor, std::move(options));
  home.plan_withheld = plan_withheld(actor);
  home.requests = with_promise(storage::ReferralRepository::read_of_household(*referral_rows));
  home.asked = storage::ResidentRepository::read_requests_of(*asked_rows);
  for (const auto& row : storage::BreakthroughRepository::read_for_residents(*breakthrough_rows)) {
    const auto state = domain::parse_breakthrough_state(row.state);
    const auto deadline = domain::parse_date(row.deadline);
    if (!state || !deadline) throw std::runtime_error("a stored breakthrough is unreadable: " + std::to_string(row.id));
    home.breakthroughs.push_back(
        {row.id, row.state, row.deadline, domain::is_overdue(*state, *deadline, clock_.now())});
  }
  return home;
}

void PortalService::confirm_what_matters(storage::Connection& connection, const Actor& actor) {
  const auto household_id = own_household(actor);
  if (plan_withheld(actor)) throw Forbidden("digid.required", "this municipality keeps the plan for DigiD");
  storage::Transaction transaction(connection);
  storage::HouseholdRepository(connection).lock(household_id);
  const std::string today = domain::format_date(domain::amsterdam_date(clock_.now()));
  if (!storage::ResidentRepository(connection).confirm_what_matters(household_id, today)) {
    throw Conflict("what_matters.none", "household " + std::to_string(household_id) + " has no words of what matters");
  }
  audit_.record_in(connection, actor, {household_id, "plan", "change", "allowed", "resident: confirmed what matters"});
  transaction.commit();
}

std::int64_t PortalService::ask(storage::Connection& connection, const Actor& actor, const std::string& kind,
                                const std::string& words, std::optional<std::int64_t> agreement_id) {
  const auto household_id = own_household(actor);
  storage::ResidentRepository residents(connection);
  const auto id = residents.add_request(household_id, kind, words, agreement_id, actor.user_id,
                                        domain::format_timestamp(clock_.now()));
  audit_.record_in(connection, actor, {household_id, "resident_request", "create", "allowed", "resident: " + kind});
  return id;
}

std::int64_t PortalService::correct_what_matters(storage::Connection& connection, const Actor& actor,
                                                 const std::string& text) {
  own_household(actor);
  if (plan_withheld(actor)) throw Forbidden("digid.required", "this municipality keeps the plan for DigiD");
  const auto kind = domain::ResidentRequestKind::what_matters_correction;
  const auto words = domain::validate_resident_words(kind, text);
  storage::Transaction transaction(connection);
  const auto id = ask(connection, actor, domain::to_string(kind), words, std::nullopt);
  transaction.commit();
  return id;
}

std::int64_t PortalService::ask_another_contact(storage::Connection& connection, const Actor& actor,
                                                const std::string& text) {
  const auto household_id = own_household(actor);
  const auto kind = domain::ResidentRequestKind::another_contact;
  const auto words = domain::validate_resident_words(kind, text);
  storage::Transaction transaction(connection);
  storage::HouseholdRepository(connection).lock(household_id);
  // One open request at a time: asking again adds nothing but noise.
  for (const auto& asked : storage::ResidentRepository(connection).requests_of(household_id)) {
    if (asked.kind == domain::to_string(kind) && !asked.answered_at) {
      throw Conflict("another_contact.open", "household " + std::to_string(household_id) + " asked already");
    }
  }
  const auto id = ask(connection, actor, domain::to_string(kind), words, std::nullopt);
  transaction.commit();
  return id;
}

void PortalService::withdraw_sharing(storage::Connection& connection, const Actor& actor, std::int64_t agreement_id) {
  access_.withdraw_sharing(connection, actor, own_household(actor), agreement_id);
}

std::int64_t PortalService::object_to_sharing(storage::Connection& connection, const Actor& actor,
                                              std::int64_t agreement_id, const std::string& text) {
  const auto household_id = own_household(actor);
  const auto kind = domain::ResidentRequestKind::sharing_objection;
  const auto words = domain::validate_resident_words(kind, text);
  storage::Transaction transaction(connection);
  storage::HouseholdRepository(connection).lock(household_id);
  const auto agreements = storage::AccessRepository(connection).sharing(household_id);
  const auto agreement = std::find_if(agreements.begin(), agreements.end(),
                                      [&](const auto& a) { return a.id == agreement_id && !a.withdrawn_at; });
  if (agreement == agreements.end()) {
    throw NotFound("sharing.not_found", "no agreement " + std::to_string(agreement_id) + " in force for household " +
                                            std::to_string(household_id));
  }
  const auto ground = domain::parse_sharing_ground(agreement->basis.ground);
  if (!ground) throw std::runtime_error("legal basis " + std::to_string(agreement->basis.id) + " has no ground");
  if (!domain::resident_may_object(*ground)) {
    throw Conflict("sharing.withdraw_instead", "agreement " + std::to_string(agreement_id) + " rests on consent");
  }
  const auto id = ask(connection, actor, domain::to_string(kind), words, agreement_id);
  transaction.commit();
  return id;
}

ResidentExport PortalService::export_data(storage::Connection& connection, const Actor& actor) {
  const auto household_id = own_household(actor);
  if (plan_withheld(actor)) throw Forbidden("digid.required", "this municipality keeps the data download for DigiD");
  ResidentExport data;
  // view() checks access; the download is one entry in the trail, written below.
  data.home = home(connection, actor, {.legal_bases = false, .audit_read = false, .contacts = false});
  storage::HouseholdRepository households(connection);
  std::optional<std::string> before_at;
  std::int64_t before_id = 0;
  for (;;) {
    auto contacts = households.contacts_before(household_id, before_at, before_id, 500);
    if (contacts.empty()) break;
    before_at = contacts.back().at;
    before_id = contacts.back().id;
    const bool last = contacts.size() < 500;
    for (auto& contact : contacts) data.contacts.push_back(std::move(contact));
    if (last) break;
  }
  audit_.catch_up(connection);
  storage::AuditRepository trail(connection);
  std::optional<std::int64_t> cursor;
  for (;;) {
    auto entries = trail.for_household_before(household_id, cursor, 1000);
    if (entries.empty()) break;
    cursor = entries.back().seq;
    const bool last = entries.size() < 1000;
    for (auto& entry : entries) data.access_log.push_back(std::move(entry));
    if (last) break;
  }
  audit_.record_later(actor, {household_id, "summary,plan,contacts,access_log", "export", "allowed", "resident"});
  return data;
}

std::vector<storage::ResidentRequestRow> PortalService::open_requests(storage::Connection& connection,
                                                                      const Actor& actor) {
  storage::ResidentRepository residents(connection);
  // Residents' words about their households: a read of personal data.
  const bool lead = actor.access_role == domain::Role::teamlead;
  audit_.record_later(actor, {std::nullopt, "resident_request", "read", "allowed",
                              lead ? "team lead: requests of the team" : "fixed contact: corrections"});
  if (lead) return actor.team_id ? residents.open_for_team(*actor.team_id) : std::vector<storage::ResidentRequestRow>{};
  return residents.open_for_contact(actor.user_id);
}

void PortalService::answer(storage::Connection& connection, const Actor& actor, std::int64_t request_id,
                           const std::string& text) {
  const auto answer = domain::validate_resident_answer(text);
  storage::ResidentRepository residents(connection);
  storage::Transaction transaction(connection);
  const auto request = residents.request(request_id);
  const auto kind = request ? domain::parse_resident_request_kind(request->kind) : std::nullopt;
  const auto household = request ? storage::HouseholdRepository(connection).find(request->household_id) : std::nullopt;
  bool answers = false;
  if (kind && household && household->fixed_contact_id) {
    if (domain::answered_by(*kind) == domain::Answerer::fixed_contact) {
      answers = *household->fixed_contact_id == actor.user_id;
    } else if (actor.access_role == domain::Role::teamlead && actor.team_id) {
      const auto contact = storage::UserRepository(connection).find_by_id(*household->fixed_contact_id);
      answers = contact && contact->team_id == actor.team_id;
    }
  }
  if (!answers) {
    throw NotFound("not_found", "request " + std::to_string(request_id) + " is not answered by " + actor.username);
  }
  if (!residents.answer_request(request_id, actor.user_id, domain::format_timestamp(clock_.now()), answer)) {
    throw Conflict("resident_request.answered", "request " + std::to_string(request_id) + " was answered already");
  }
  audit_.record_in(connection, actor,
                   {request->household_id, "resident_request", "change", "allowed", "answered " + request->kind});
  transaction.commit();
}

}  // namespace gezicht::service
