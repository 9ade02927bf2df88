#include "web/breakthrough_presenter.hpp"

#include "domain/calendar.hpp"

namespace gezicht::web {
namespace {

Json optional_json(const std::optional<std::int64_t>& value) { return value ? Json(*value) : Json(nullptr); }
Json optional_json(const std::optional<std::string>& value) { return value ? Json(*value) : Json(nullptr); }

}  // namespace

Json breakthrough_summary_json(const service::BreakthroughSummary& summary) {
  return {{"id", summary.id},
          {"category", summary.category_name},
          {"urgency", summary.urgency},
          {"state", summary.state},
          {"deadline", summary.deadline},
          {"overdue", summary.overdue},
          {"asked_at", summary.asked_at},
          {"requester", summary.requester_name},
          {"proposal_cents", summary.proposal_cents},
          {"granted_cents", optional_json(summary.granted_cents)}};
}

Json breakthrough_detail_json(const service::BreakthroughDetail& detail) {
  const auto& r = detail.request;
  Json votes = Json::array();
  for (const auto& vote : detail.votes) {
    votes.push_back({{"member", vote.member_name},
                     {"decision", vote.verdict},
                     {"reasoning", vote.reasoning},
                     {"alternative", vote.alternative},
                     {"amount_cents", optional_json(vote.amount_cents)},
                     {"at", vote.at}});
  }
  Json escalations = Json::array();
  for (const auto& escalation : detail.escalations) {
    escalations.push_back({{"amount_cents", escalation.amount_cents},
                           {"reasoning", escalation.reasoning},
                           {"given_by", escalation.given_by_name},
                           {"given_at", escalation.given_at}});
  }
  return {{"id", r.id},
          {"household_id", r.household_id},
          {"requester", r.requester_name},
          {"asked_at", r.asked_at},
          {"urgency", r.urgency},
          {"deadline", r.deadline},
          {"overdue", detail.overdue},
          {"state", r.state},
          {"stuck_resident", r.stuck_resident},
          {"stuck_professional", r.stuck_professional},
          {"category", r.category},
          {"category_name", r.category_name},
          {"blocking_rule", r.blocking_rule},
          {"rule_purpose", r.rule_purpose},
          {"professional_judgement", r.professional_judgement},
          {"resident_wish", r.resident_wish},
          {"proposal", r.proposal},
          {"one_off_cents", r.one_off_cents},
          {"monthly_cents", r.monthly_cents},
          {"muddling",
           {{"yearly_cents", r.muddling_yearly_cents},
            {"faces", r.muddling_faces},
            {"contacts_12_months", r.muddling_contacts}}},
          {"decided_at", optional_json(r.decided_at)},
          {"granted_cents", optional_json(r.granted_cents)},
          {"executed_at", optional_json(r.executed_at)},
          {"actual_cents", optional_json(r.actual_cents)},
          {"two_member_cents", detail.two_member_cents},
          {"votes", votes},
          {"escalations", escalations}};
}

Json budget_json(const service::BudgetView& budget) {
  Json entries = Json::array();
  for (const auto& entry : budget.entries) {
    entries.push_back({{"id", entry.id},
                       {"breakthrough_id", entry.breakthrough_id},
                       {"kind", entry.kind},
                       {"amount_cents", entry.amount_cents},
                       {"at", entry.at},
                       {"by", entry.by_name}});
  }
  return {{"year", budget.year},
          {"budget_cents", budget.position.budget_cents},
          {"committed_cents", budget.position.committed_cents},
          {"spent_cents", budget.position.spent_cents},
          {"balance_cents", budget.position.balance_cents},
          {"entries", entries}};
}

std::int64_t budget_year(const RequestContext& context, const std::string& parameter) {
  const auto text = context.query_value(parameter);
  if (text.empty()) return domain::amsterdam_date(context.app.clock.now()).year;
  if (text.size() != 4 || text.find_first_not_of("0123456789") != std::string::npos) {
    throw domain::ValidationError(parameter, "year.invalid");
  }
  return std::stoll(text);
}

}  // namespace gezicht::web
