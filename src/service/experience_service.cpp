#include "service/experience_service.hpp"

#include <functional>
#include <stdexcept>

#include "domain/calendar.hpp"
#include "domain/validation_error.hpp"
#include "service/errors.hpp"
#include "service/experience_statements.hpp"
#include "storage/directory_repository.hpp"
#include "storage/household_repository.hpp"
#include "storage/resident_repository.hpp"
#include "storage/settings_keys.hpp"
#include "storage/user_repository.hpp"

namespace gezicht::service {
namespace {

const std::vector<std::string> feedback_channels{"home_visit", "walk_in", "phone", "video"};

std::vector<std::string> split(const std::string& text) {
  std::vector<std::string> parts;
  std::size_t at = 0;
  while (at <= text.size()) {
    const auto comma = text.find(',', at);
    auto part = text.substr(at, comma == std::string::npos ? std::string::npos : comma - at);
    if (!part.empty()) parts.push_back(std::move(part));
    if (comma == std::string::npos) break;
    at = comma + 1;
  }
  return parts;
}

std::string encode_answers(const domain::FeedbackAnswers& answers) {
  std::string text;
  for (const auto& [statement, agreement] : answers.answers) {
    text += (text.empty() ? "" : ",") + statement + "=" + domain::to_string(agreement);
  }
  return text;
}

domain::FeedbackAnswers decode_answers(const storage::ResponseRow& row) {
  domain::FeedbackAnswers answers;
  for (const auto& pair : split(row.answers)) {
    const auto equals = pair.find('=');
    const auto agreement =
        equals == std::string::npos ? std::nullopt : domain::parse_agreement(pair.substr(equals + 1));
    if (!agreement) throw std::runtime_error("a stored experience answer is unreadable: " + pair);
    answers.answers[pair.substr(0, equals)] = *agreement;
  }
  answers.comment = row.comment;
  return answers;
}

std::string amsterdam_day(std::int64_t now) { return domain::format_date(domain::amsterdam_date(now)); }

std::int64_t own_household(const Actor& actor) {
  if (actor.access_role != domain::Role::resident || !actor.household_id) {
    throw Forbidden("access.resident_only", "feedback is given by the residents of a household");
  }
  return *actor.household_id;
}

}  // namespace

domain::StatementSet ExperienceService::newest_set(storage::Connection& connection) {
  storage::ExperienceRepository experience(connection);
  const auto row = experience.newest_set();
  if (!row) throw std::runtime_error("no statement set for client experience (migration 019 adds version 1)");
  return statement_set_of(experience, *row);
}

FeedbackForm ExperienceService::pending(storage::Connection& connection, const Actor& actor) {
  const auto household_id = own_household(actor);
  const std::int64_t now = clock_.now();
  FeedbackForm form;
  form.set = newest_set(connection);
  for (auto& contact :
       storage::ExperienceRepository(connection)
           .contacts_since(household_id, domain::format_timestamp(now - feedback_days * 86400), feedback_channels)) {
    if (!contact.answered) form.contacts.push_back({std::move(contact)});
  }
  audit_.record_later(actor, {household_id, "contacts", "read", "allowed", "resident: feedback"});
  return form;
}

void ExperienceService::give(storage::Connection& connection, const Actor& actor, std::int64_t contact_id,
                             const std::map<std::string, std::string>& answers, const std::string& comment) {
  const auto household_id = own_household(actor);
  const std::int64_t now = clock_.now();
  storage::ExperienceRepository experience(connection);
  const auto set = newest_set(connection);
  storage::Transaction transaction(connection);
  const auto contact = experience.contact(household_id, contact_id);
  const auto at = contact ? domain::parse_timestamp(contact->at) : std::nullopt;
  if (!contact || !domain::is_feedback_channel(contact->channel) || !at || now - *at > feedback_days * 86400) {
    throw NotFound("feedback.contact_unknown", "contact " + std::to_string(contact_id) + " is not one household " +
                                                   std::to_string(household_id) + " may judge");
  }
  // Checked after the contact, so a wrong contact id is named as such.
  const auto valid = domain::validate_feedback(set, answers, comment);
  if (!experience.mark_answered(contact_id, household_id, amsterdam_day(now))) {
    throw Conflict("feedback.given", "contact " + std::to_string(contact_id) + " was judged already");
  }
  // A random id: the order of the rows says nothing about who answered when.
  std::int64_t id = 0;
  while (id <= 0) {
    unsigned char bytes[8];
    random_.fill(bytes, sizeof bytes);
    std::uint64_t value = 0;
    for (const unsigned char byte : bytes) value = value << 8 | byte;
    id = static_cast<std::int64_t>(value >> 1);
  }
  // The team, not the professional: with one answer of a person in a
  // quarter, the professional and the day answered would name the household.
  experience.add_response(id, contact->team_id, domain::quarter_of(amsterdam_day(*at)), set.version,
                          encode_answers(valid), valid.comment);
  audit_.record_in(connection, actor, {household_id, "experience", "create", "allowed", "resident"});
  transaction.commit();
}

TeamExperience ExperienceService::team(storage::Connection& connection, const Actor& actor,
                                       const std::string& quarter) {
  if (actor.access_role != domain::Role::teamlead || !actor.team_id) {
    throw Forbidden("access.teamlead_only", "client experience per team is for its team lead");
  }
  int year = 0;
  int number = 0;
  if (!domain::parse_quarter(quarter, year, number)) throw domain::ValidationError("quarter", "quarter.invalid");
  const auto settings = storage::DirectoryRepository(connection).load_settings();
  const auto configured = settings.find(storage::settings_keys::experience_threshold);
  std::optional<int> threshold_setting;
  if (configured != settings.end()) {
    try {
      threshold_setting = std::stoi(configured->second);
    } catch (const std::exception&) {
      throw std::runtime_error("the setting experience_threshold is not a number: " + configured->second);
    }
  }
  TeamExperience result;
  result.quarter = quarter;
  result.threshold = domain::suppression_threshold(threshold_setting);
  // Figures per version, never mixed: the newest set always (its figures may
  // all be suppressed), and each older set the quarter's answers were given on.
  storage::ExperienceRepository experience(connection);
  std::map<int, std::vector<domain::FeedbackAnswers>, std::greater<>> by_version;
  std::vector<domain::FeedbackAnswers> all;
  for (const auto& row : experience.responses(*actor.team_id, quarter)) {
    auto answers = decode_answers(row);
    all.push_back(answers);
    by_version[row.set_version].push_back(std::move(answers));
  }
  const auto newest = newest_set(connection);
  by_version.try_emplace(newest.version);
  for (const auto& [version, responses] : by_version) {
    const auto row = experience.set(version);
    if (!row) throw std::runtime_error("answers refer to statement set " + std::to_string(version) + ", which is gone");
    auto set = statement_set_of(experience, *row);
    auto figures = domain::summarise(set, responses, result.threshold);
    result.sets.push_back({std::move(set), static_cast<std::int64_t>(responses.size()), std::move(figures)});
  }
  // The comments are the whole group's (team and quarter), whichever set was asked.
  std::vector<std::string> names;
  for (const auto& user : storage::UserRepository(connection).list(actor.team_id)) names.push_back(user.name);
  result.comments = domain::comments_to_show(all, result.threshold, names);
  audit_.record_later(actor, {std::nullopt, "experience", "read", "allowed", "team lead: team " + quarter});
  return result;
}

void ExperienceService::invite_after_contact(storage::Connection& connection, std::int64_t household_id,
                                             std::int64_t contact_id) {
  const auto contact = storage::ExperienceRepository(connection).contact(household_id, contact_id);
  if (!contact || !domain::is_feedback_channel(contact->channel)) return;
  const auto household = storage::HouseholdRepository(connection).find(household_id);
  if (!household) return;
  for (const auto& email : storage::ResidentRepository(connection).resident_emails(household_id)) {
    mail_.queue(connection, {"feedback_invitation",
                             email,
                             household->preferred_language,
                             {{"who", contact->who}, {"url", public_url_() + "/mijn-gezicht/ervaring"}}});
  }
}

}  // namespace gezicht::service
