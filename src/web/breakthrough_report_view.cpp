#include "web/breakthrough_report_view.hpp"

#include <cmath>
#include <cstdio>

#include "domain/breakthrough.hpp"
#include "domain/calendar.hpp"
#include "web/csv.hpp"
#include "web/svg_bar_chart.hpp"
#include "web/xlsx_table.hpp"

namespace gezicht::web {
namespace {

std::string name_of(const service::BreakthroughPolicyReport& report, const std::string& key) {
  const auto found = report.category_names.find(key);
  if (found == report.category_names.end()) throw std::runtime_error("a report names an unknown category: " + key);
  return found->second;
}

std::string percent(double share) { return std::to_string(static_cast<int>(std::lround(share * 100))) + "%"; }

std::string hours(double value) {
  char text[32];
  std::snprintf(text, sizeof text, "%.1f", value);
  return text;
}

double euros(std::int64_t cents) { return static_cast<double>(cents) / 100.0; }

// "450.00": a plain number a spreadsheet reads, whatever its locale.
std::string euro_number(std::int64_t cents) {
  char text[32];
  std::snprintf(text, sizeof text, "%lld.%02lld", static_cast<long long>(cents / 100),
                static_cast<long long>(cents % 100));
  return text;
}

// What a suppressed figure says, in every table and export alike.
std::string hidden(const RequestContext& context, int min_group) {
  return context.text("breakthrough.report.fewer_than") + " " + std::to_string(min_group);
}

}  // namespace

ReportPeriod report_period(const RequestContext& context, const std::string& from_name, const std::string& to_name) {
  const auto today = domain::amsterdam_date(context.app.clock.now());
  const int first_month = (today.month - 1) / 3 * 3 + 1;
  const domain::Date quarter_start{today.year, first_month, 1};
  const domain::Date next_quarter =
      first_month == 10 ? domain::Date{today.year + 1, 1, 1} : domain::Date{today.year, first_month + 3, 1};
  const auto quarter_end = domain::date_from_days(domain::days_since_epoch(next_quarter) - 1);
  ReportPeriod period;
  period.from = context.query_value(from_name);
  period.to = context.query_value(to_name);
  if (period.from.empty()) period.from = domain::format_date(quarter_start);
  if (period.to.empty()) period.to = domain::format_date(quarter_end);
  return period;
}

TemplateData report_page_data(const RequestContext& context, const service::BreakthroughPolicyReport& report) {
  const auto& figures = report.figures;
  TemplateData data;
  data.set("from", report.from);
  data.set("to", report.to);
  data.set("requests", std::to_string(figures.requests));
  data.set("suppressed", figures.suppressed);
  data.set("hidden_text", hidden(context, report.min_group));
  data.set("csv_href", "/doorbraak/rapport?van=" + report.from + "&tot=" + report.to + "&formaat=csv");
  data.set("xlsx_href", "/doorbraak/rapport?van=" + report.from + "&tot=" + report.to + "&formaat=xlsx");
  if (figures.suppressed) return data;

  BarChart by_count{"chart-count",
                    context.text("breakthrough.report.by_count"),
                    context.text("breakthrough.report.by_count_desc"),
                    {},
                    context.text("breakthrough.report.no_data")};
  BarChart by_cost{"chart-cost",
                   context.text("breakthrough.report.by_cost"),
                   context.text("breakthrough.report.by_cost_desc"),
                   {},
                   context.text("breakthrough.report.no_data")};
  TemplateList category_rows;
  for (const auto& category : figures.categories_by_count) {
    TemplateData row;
    row.set("name", name_of(report, category.category));
    row.set("suppressed", category.suppressed);
    if (!category.suppressed) {
      row.set("requests", std::to_string(category.requests));
      row.set("granted", std::to_string(category.granted));
      by_count.bars.push_back({name_of(report, category.category), static_cast<double>(category.requests),
                               std::to_string(category.requests)});
    }
    row.set("spend_suppressed", category.suppressed || category.spend_suppressed);
    if (!category.suppressed && !category.spend_suppressed) row.set("spend", domain::format_euro(category.spend_cents));
    category_rows.push_back(std::move(row));
  }
  for (const auto& category : figures.categories_by_cost) {
    if (category.suppressed || category.spend_suppressed) continue;
    by_cost.bars.push_back(
        {name_of(report, category.category), euros(category.spend_cents), domain::format_euro(category.spend_cents)});
  }
  data.set("chart_count", horizontal_bar_chart(by_count));
  data.set("chart_cost", horizontal_bar_chart(by_cost));
  put(data, "categories", std::move(category_rows));
  TemplateList rules;
  for (const auto& rule : figures.top_rules) {
    TemplateData row;
    row.set("rule", rule.rule);
    row.set("suppressed", rule.suppressed);
    if (!rule.suppressed) row.set("requests", std::to_string(rule.requests));
    rules.push_back(std::move(row));
  }
  data.set("has_rules", !rules.empty());
  put(data, "rules", std::move(rules));
  const auto& decisions = figures.decisions;
  data.set("decisions_suppressed", decisions.suppressed);
  if (!decisions.suppressed) {
    data.set("decided", std::to_string(decisions.decided));
    data.set("granted_share", percent(decisions.granted_share));
    data.set("granted_low", percent(decisions.granted_ci_low));
    data.set("granted_high", percent(decisions.granted_ci_high));
    data.set("median_hours", hours(decisions.median_hours));
    data.set("p90_hours", hours(decisions.p90_hours));
  }
  data.set("money_suppressed", figures.money_suppressed);
  if (!figures.money_suppressed) {
    data.set("granted_count", std::to_string(figures.granted));
    data.set("spend", domain::format_euro(figures.spend_cents));
    data.set("avoided", domain::format_euro(figures.muddling_avoided_yearly_cents));
  }
  return data;
}

Json report_json(const service::BreakthroughPolicyReport& report) {
  const auto& figures = report.figures;
  Json body = {{"from", report.from},
               {"to", report.to},
               {"min_group", report.min_group},
               {"requests", figures.requests},
               {"suppressed", figures.suppressed}};
  if (figures.suppressed) return body;
  auto category_json = [&](const domain::CategoryFigure& category) {
    Json row = {{"category", category.category},
                {"name", report.category_names.at(category.category)},
                {"suppressed", category.suppressed}};
    if (!category.suppressed) {
      row["requests"] = category.requests;
      row["granted"] = category.granted;
      row["spend_suppressed"] = category.spend_suppressed;
      if (!category.spend_suppressed) row["spend_cents"] = category.spend_cents;
    }
    return row;
  };
  Json by_count = Json::array();
  for (const auto& category : figures.categories_by_count) by_count.push_back(category_json(category));
  Json by_cost = Json::array();
  for (const auto& category : figures.categories_by_cost) by_cost.push_back(category_json(category));
  Json rules = Json::array();
  for (const auto& rule : figures.top_rules) {
    Json row = {{"rule", rule.rule}, {"suppressed", rule.suppressed}};
    if (!rule.suppressed) row["requests"] = rule.requests;
    rules.push_back(row);
  }
  Json decisions = {{"suppressed", figures.decisions.suppressed}};
  if (!figures.decisions.suppressed) {
    decisions["decided"] = figures.decisions.decided;
    decisions["granted_share"] = figures.decisions.granted_share;
    decisions["ci_low"] = figures.decisions.granted_ci_low;
    decisions["ci_high"] = figures.decisions.granted_ci_high;
    decisions["median_hours"] = figures.decisions.median_hours;
    decisions["p90_hours"] = figures.decisions.p90_hours;
  }
  Json money = {{"suppressed", figures.money_suppressed}};
  if (!figures.money_suppressed) {
    money["granted"] = figures.granted;
    money["spend_cents"] = figures.spend_cents;
    money["muddling_avoided_yearly_cents"] = figures.muddling_avoided_yearly_cents;
  }
  body["categories_by_count"] = by_count;
  body["categories_by_cost"] = by_cost;
  body["top_rules"] = rules;
  body["decisions"] = decisions;
  body["money"] = money;
  return body;
}

std::string report_csv(const RequestContext& context, const service::BreakthroughPolicyReport& report) {
  const auto& figures = report.figures;
  const std::string none = hidden(context, report.min_group);
  std::vector<std::vector<std::string>> rows;
  rows.push_back({"periode", report.from + " - " + report.to, std::to_string(figures.requests), "", ""});
  if (!figures.suppressed) {
    for (const auto& category : figures.categories_by_count) {
      const bool spend_shown = !category.suppressed && !category.spend_suppressed;
      rows.push_back({"blokkade", name_of(report, category.category),
                      category.suppressed ? none : std::to_string(category.requests),
                      category.suppressed ? none : std::to_string(category.granted),
                      spend_shown ? euro_number(category.spend_cents) : none});
    }
    for (const auto& rule : figures.top_rules) {
      rows.push_back({"regel", rule.rule, rule.suppressed ? none : std::to_string(rule.requests), "", ""});
    }
  }
  return csv_table({"onderdeel", "naam", "verzoeken", "toegekend", "uitgaven_euro"}, rows);
}

std::string report_xlsx(const RequestContext& context, const service::BreakthroughPolicyReport& report) {
  const auto& figures = report.figures;
  const std::string none = hidden(context, report.min_group);
  auto count = [&](bool suppressed, std::int64_t value) {
    return suppressed ? xlsx_text(none) : xlsx_number(static_cast<double>(value));
  };
  XlsxSheet summary{"Samenvatting", {"Onderdeel", "Waarde"}, {}};
  summary.rows.push_back({xlsx_text("Periode"), xlsx_text(report.from + " - " + report.to)});
  summary.rows.push_back({xlsx_text("Verzoeken"), count(figures.suppressed, figures.requests)});
  XlsxSheet categories{"Blokkades", {"Blokkade", "Verzoeken", "Toegekend", "Uitgaven (euro)"}, {}};
  XlsxSheet rules{"Regels", {"Regel, regeling of organisatie", "Verzoeken"}, {}};
  if (!figures.suppressed) {
    const auto& decisions = figures.decisions;
    summary.rows.push_back({xlsx_text("Besloten"), count(decisions.suppressed, decisions.decided)});
    if (!decisions.suppressed) {
      summary.rows.push_back({xlsx_text("Aandeel toegekend"), xlsx_number(decisions.granted_share)});
      summary.rows.push_back({xlsx_text("Mediaan uren tot besluit"), xlsx_number(decisions.median_hours)});
      summary.rows.push_back({xlsx_text("90e percentiel uren tot besluit"), xlsx_number(decisions.p90_hours)});
    }
    summary.rows.push_back({xlsx_text("Uitgaven (euro)"),
                            figures.money_suppressed ? xlsx_text(none) : xlsx_number(euros(figures.spend_cents))});
    summary.rows.push_back(
        {xlsx_text("Vermeden doormodderkosten per jaar (euro)"),
         figures.money_suppressed ? xlsx_text(none) : xlsx_number(euros(figures.muddling_avoided_yearly_cents))});
    for (const auto& category : figures.categories_by_count) {
      const bool spend_shown = !category.suppressed && !category.spend_suppressed;
      categories.rows.push_back({xlsx_text(name_of(report, category.category)),
                                 count(category.suppressed, category.requests),
                                 count(category.suppressed, category.granted),
                                 spend_shown ? xlsx_number(euros(category.spend_cents)) : xlsx_text(none)});
    }
    for (const auto& rule : figures.top_rules) {
      rules.rows.push_back({xlsx_text(rule.rule), count(rule.suppressed, rule.requests)});
    }
  }
  return xlsx_workbook({summary, categories, rules});
}

std::string report_file_name(const service::BreakthroughPolicyReport& report, const std::string& extension) {
  return "doorbraken-" + report.from + "-" + report.to + "." + extension;
}

}  // namespace gezicht::web
