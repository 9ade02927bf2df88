#include "web/dashboard_view.hpp"

#include <cmath>
#include <cstdio>
#include <map>

#include "web/csv.hpp"
#include "web/svg_bar_chart.hpp"
#include "web/xlsx_table.hpp"

namespace gezicht::web {
namespace {

const char* const themes[] = {"reach", "one_face", "plans", "getting_done", "trust", "human_scale", "outreach"};

// Indices are computed in thousandths (domain::build_dashboard); everything
// outside speaks of them as 0..1.
double unit_value(const std::string& metric, double value) {
  return metric == "upc" || metric == "coc" || metric == "secon" ? value / 1000.0 : value;
}

DashboardRow row_of(const domain::DashboardFigure& figure, const domain::EquityCell& cell, const std::string& group) {
  DashboardRow row;
  row.theme = figure.theme;
  row.metric = figure.metric;
  row.kind = domain::to_string(figure.kind);
  row.group = group;
  row.suppressed = cell.suppressed;
  if (cell.suppressed) return row;
  row.n = cell.n;
  row.value = unit_value(figure.metric, cell.value);
  row.ci_low = unit_value(figure.metric, cell.ci_low);
  row.ci_high = unit_value(figure.metric, cell.ci_high);
  row.flag = domain::to_string(cell.flag);
  return row;
}

std::string number_text(double value, int decimals) {
  char text[48];
  std::snprintf(text, sizeof text, "%.*f", decimals, value);
  std::string result = text;
  for (auto& c : result) {
    if (c == '.') c = ',';  // Dutch decimal comma on the page
  }
  return result;
}

std::string plain_number(double value) {
  char text[48];
  std::snprintf(text, sizeof text, "%.4f", value);
  return text;
}

// What a figure reads as on the page, in its unit.
std::string value_text(const RequestContext& context, const DashboardRow& row, double value) {
  if (row.kind == "share") return std::to_string(static_cast<int>(std::lround(value * 100))) + "%";
  if (row.metric == "upc" || row.metric == "coc" || row.metric == "secon") return number_text(value, 2);
  if (row.metric == "spend_euro") return "€ " + number_text(value, 0);
  if (row.metric == "outreach_hours") return number_text(value, 1) + " " + context.text("dashboard.unit.hours");
  if (row.metric.starts_with("hours_")) return number_text(value, 0) + " " + context.text("dashboard.unit.hours");
  return number_text(value, row.kind == "median" && std::floor(value) != value ? 1 : 0);
}

std::string group_label(const RequestContext& context, domain::Split split, const std::string& group) {
  if (group == "unknown") return context.text("dashboard.group.unknown");
  switch (split) {
    case domain::Split::language: return context.text("language." + group);
    case domain::Split::age_band: return context.text("dashboard.age_band." + group);
    case domain::Split::household_type: return context.text("dashboard.household_type." + group);
    case domain::Split::background: return context.text("dashboard.background." + group);
    default: return group;  // a neighbourhood's own name
  }
}

std::string hidden_text(const RequestContext& context, int min_group) {
  return context.text("dashboard.fewer_than") + " " + std::to_string(min_group);
}

std::string query_of(const service::DashboardView& view) {
  std::string query = "?van=" + view.from + "&tot=" + view.to;
  if (view.team) query += "&team=" + std::to_string(view.team->id);
  if (view.dashboard.split != domain::Split::none) query += "&indeling=" + std::string(to_string(view.dashboard.split));
  return query;
}

std::string flag_text(const RequestContext& context, const std::string& flag) {
  return flag == "below" || flag == "above" ? context.text("dashboard.flag." + flag) : std::string();
}

TemplateData figure_data(const RequestContext& context, const domain::DashboardFigure& figure, domain::Split split,
                         int min_group, const std::string& id_prefix) {
  TemplateData data;
  const std::string id = id_prefix + figure.metric;
  data.set("id", id);
  data.set("label", context.text("dashboard.metric." + figure.metric));
  const auto whole = row_of(figure, figure.figure.whole, "all");
  data.set("suppressed", whole.suppressed);
  data.set("hidden_text", hidden_text(context, min_group));
  if (!whole.suppressed) {
    data.set("value_text", value_text(context, whole, whole.value));
    data.set("n_text", std::to_string(whole.n));
    data.set("has_interval", whole.kind != "total");
    data.set("interval_text",
             value_text(context, whole, whole.ci_low) + " – " + value_text(context, whole, whole.ci_high));
  }
  data.set("whole_only", figure.whole_only && split != domain::Split::none);
  TemplateList groups;
  BarChart chart{id + "-chart",
                 context.text("dashboard.metric." + figure.metric),
                 context.text("dashboard.chart_desc"),
                 {},
                 context.text("dashboard.no_groups")};
  for (const auto& cell : figure.figure.groups) {
    const auto row = row_of(figure, cell, cell.group);
    TemplateData item;
    item.set("label", group_label(context, split, cell.group));
    item.set("suppressed", row.suppressed);
    item.set("hidden_text", hidden_text(context, min_group));
    if (!row.suppressed) {
      item.set("n_text", std::to_string(row.n));
      item.set("value_text", value_text(context, row, row.value));
      item.set("interval_text", value_text(context, row, row.ci_low) + " – " + value_text(context, row, row.ci_high));
      item.set("flag_text", flag_text(context, row.flag));
      item.set("flagged", row.flag == "below" || row.flag == "above");
      chart.bars.push_back({group_label(context, split, cell.group), row.value, value_text(context, row, row.value)});
    }
    groups.push_back(std::move(item));
  }
  data.set("has_groups", !groups.empty());
  if (!groups.empty()) data.set("chart", horizontal_bar_chart(chart));
  put(data, "groups", std::move(groups));
  return data;
}

TemplateList theme_list(const RequestContext& context, const domain::Dashboard& dashboard, int min_group,
                        const std::string& id_prefix) {
  TemplateList list;
  for (const char* theme : themes) {
    TemplateList figures;
    for (const auto& figure : dashboard.figures) {
      if (figure.theme == theme) figures.push_back(figure_data(context, figure, dashboard.split, min_group, id_prefix));
    }
    if (figures.empty()) continue;
    TemplateData item;
    item.set("id", id_prefix + theme);
    item.set("title", context.text(std::string("dashboard.theme.") + theme));
    put(item, "figures", std::move(figures));
    list.push_back(std::move(item));
  }
  return list;
}

Json rows_json(const domain::Dashboard& dashboard) {
  Json rows = Json::array();
  for (const auto& row : dashboard_rows(dashboard)) {
    if (row.suppressed) {
      rows.push_back({{"theme", row.theme}, {"metric", row.metric}, {"group", row.group}, {"suppressed", true}});
      continue;
    }
    rows.push_back({{"theme", row.theme},
                    {"metric", row.metric},
                    {"kind", row.kind},
                    {"group", row.group},
                    {"n", row.n},
                    {"value", row.value},
                    {"ci_low", row.ci_low},
                    {"ci_high", row.ci_high},
                    {"flag", row.flag}});
  }
  return rows;
}

Json settings_json(const domain::EquitySettings& settings) {
  return {{"min_group", settings.min_group},
          {"band_low", settings.band_low},
          {"band_high", settings.band_high},
          {"resamples", settings.resamples}};
}

}  // namespace

std::vector<DashboardRow> dashboard_rows(const domain::Dashboard& dashboard) {
  std::vector<DashboardRow> rows;
  for (const auto& figure : dashboard.figures) {
    rows.push_back(row_of(figure, figure.figure.whole, "all"));
    for (const auto& cell : figure.figure.groups) rows.push_back(row_of(figure, cell, cell.group));
  }
  return rows;
}

Json dashboard_json(const service::DashboardView& view) {
  return {{"from", view.from},
          {"to", view.to},
          {"team", view.team ? Json{{"id", view.team->id}, {"name", view.team->name}} : Json(nullptr)},
          {"split", domain::to_string(view.dashboard.split)},
          {"settings", settings_json(view.settings)},
          {"rows", rows_json(view.dashboard)}};
}

Json mirror_json(const service::MirrorView& view) {
  return {{"from", view.from},          {"to", view.to},
          {"split", "language"},        {"settings", settings_json(view.settings)},
          {"own", rows_json(view.own)}, {"team", rows_json(view.team)}};
}

std::string dashboard_csv(const RequestContext& context, const service::DashboardView& view) {
  const std::string none = hidden_text(context, view.settings.min_group);
  std::vector<std::vector<std::string>> rows;
  for (const auto& row : dashboard_rows(view.dashboard)) {
    if (row.suppressed) {
      rows.push_back({row.theme, row.metric, row.group, none, "", "", "", ""});
      continue;
    }
    rows.push_back({row.theme, row.metric, row.group, std::to_string(row.n), plain_number(row.value),
                    plain_number(row.ci_low), plain_number(row.ci_high), row.flag});
  }
  return csv_table({"thema", "cijfer", "groep", "n", "waarde", "ondergrens", "bovengrens", "markering"}, rows);
}

std::string dashboard_xlsx(const RequestContext& context, const service::DashboardView& view) {
  const std::string none = hidden_text(context, view.settings.min_group);
  XlsxSheet sheet{
      "Dashboard", {"Thema", "Cijfer", "Groep", "n", "Waarde", "Ondergrens", "Bovengrens", "Markering"}, {}};
  for (const auto& row : dashboard_rows(view.dashboard)) {
    const std::vector<XlsxCell> head{xlsx_text(context.text("dashboard.theme." + row.theme)),
                                     xlsx_text(context.text("dashboard.metric." + row.metric)), xlsx_text(row.group)};
    auto cells = head;
    if (row.suppressed) {
      cells.push_back(xlsx_text(none));
      for (int i = 0; i < 4; ++i) cells.push_back(xlsx_text(""));
    } else {
      cells.push_back(xlsx_number(static_cast<double>(row.n)));
      cells.push_back(xlsx_number(row.value));
      cells.push_back(xlsx_number(row.ci_low));
      cells.push_back(xlsx_number(row.ci_high));
      cells.push_back(xlsx_text(row.flag));
    }
    sheet.rows.push_back(std::move(cells));
  }
  XlsxSheet about{"Toelichting", {"Onderdeel", "Waarde"}, {}};
  about.rows.push_back({xlsx_text("Periode"), xlsx_text(view.from + " - " + view.to)});
  about.rows.push_back({xlsx_text("Team"), xlsx_text(view.team ? view.team->name : "Alle teams")});
  about.rows.push_back({xlsx_text("Indeling"), xlsx_text(domain::to_string(view.dashboard.split))});
  about.rows.push_back({xlsx_text("Kleinste groep"), xlsx_number(view.settings.min_group)});
  about.rows.push_back({xlsx_text("Band"), xlsx_text(plain_number(view.settings.band_low) + " - " +
                                                     plain_number(view.settings.band_high))});
  return xlsx_workbook({sheet, about});
}

std::string dashboard_file_name(const service::DashboardView& view, const std::string& extension) {
  std::string name = "dashboard-" + view.from + "-" + view.to;
  if (view.team) name += "-team-" + std::to_string(view.team->id);
  if (view.dashboard.split != domain::Split::none) name += std::string("-") + domain::to_string(view.dashboard.split);
  return name + "." + extension;
}

TemplateData dashboard_page_data(const RequestContext& context, const service::DashboardView& view) {
  TemplateData data;
  data.set("from", view.from);
  data.set("to", view.to);
  data.set("may_see_all", view.may_see_all);
  data.set("all_selected", !view.team.has_value());
  TemplateList teams;
  for (const auto& team : view.teams) {
    TemplateData option;
    option.set("value", std::to_string(team.id));
    option.set("label", team.name);
    option.set("selected", view.team && view.team->id == team.id);
    teams.push_back(std::move(option));
  }
  put(data, "teams", std::move(teams));
  TemplateList splits;
  for (auto split : {domain::Split::none, domain::Split::neighbourhood, domain::Split::language,
                     domain::Split::age_band, domain::Split::household_type, domain::Split::background}) {
    TemplateData option;
    option.set("value", split == domain::Split::none ? std::string() : std::string(domain::to_string(split)));
    option.set("label", context.text(std::string("dashboard.split.") + domain::to_string(split)));
    option.set("selected", split == view.dashboard.split);
    splits.push_back(std::move(option));
  }
  put(data, "splits", std::move(splits));
  data.set("scope_text", view.team ? view.team->name : context.text("dashboard.all_teams"));
  data.set("min_group", std::to_string(view.settings.min_group));
  data.set("band_text", number_text(view.settings.band_low, 2) + " – " + number_text(view.settings.band_high, 2));
  const std::string query = query_of(view);
  data.set("csv_href", "/dashboard" + query + "&formaat=csv");
  data.set("xlsx_href", "/dashboard" + query + "&formaat=xlsx");
  put(data, "themes", theme_list(context, view.dashboard, view.settings.min_group, ""));
  return data;
}

TemplateData mirror_page_data(const RequestContext& context, const service::MirrorView& view) {
  TemplateData data;
  data.set("from", view.from);
  data.set("to", view.to);
  data.set("min_group", std::to_string(view.settings.min_group));
  // The figures a professional can reflect on: their own requests, households and handovers.
  static const std::vector<std::string> mirrored{"promise_kept", "hours_to_first_contact", "distinct_faces",
                                                 "plan_confirmed", "warm_handover"};
  TemplateList rows;
  for (const auto& metric : mirrored) {
    const auto find = [&](const domain::Dashboard& dashboard) -> const domain::DashboardFigure& {
      for (const auto& figure : dashboard.figures) {
        if (figure.metric == metric) return figure;
      }
      throw std::logic_error("the dashboard has no figure " + metric);
    };
    TemplateData row;
    row.set("own", figure_data(context, find(view.own), view.own.split, view.settings.min_group, "own-"));
    row.set("team", figure_data(context, find(view.team), view.team.split, view.settings.min_group, "team-"));
    row.set("label", context.text("dashboard.metric." + metric));
    rows.push_back(std::move(row));
  }
  put(data, "rows", std::move(rows));
  TemplateList trust;
  for (const auto& figure : view.team.figures) {
    if (figure.theme == "trust")
      trust.push_back(figure_data(context, figure, domain::Split::none, view.settings.min_group, "team-"));
  }
  data.set("has_trust", !trust.empty());
  put(data, "trust", std::move(trust));
  return data;
}

}  // namespace gezicht::web
