#include "web/svg_bar_chart.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <stdexcept>
#include <string>

namespace gezicht::web {
namespace {

BarChart chart_of(std::vector<ChartBar> bars) {
  BarChart chart;
  chart.id = "categories-by-count";
  chart.title = "Doorbraken per categorie";
  chart.description = "Aantal doorbraakverzoeken per soort blokkade.";
  chart.bars = std::move(bars);
  chart.no_data_text = "Geen doorbraken in deze periode.";
  return chart;
}

// The widths of the bars, in order.
std::vector<std::string> widths(const std::string& svg) {
  std::vector<std::string> found;
  const std::string rect = "<rect class=\"gz-chart__bar\"";
  for (auto at = svg.find(rect); at != std::string::npos; at = svg.find(rect, at + 1)) {
    const auto start = svg.find("width=\"", at) + 7;
    found.push_back(svg.substr(start, svg.find('"', start) - start));
  }
  return found;
}

std::size_t occurrences(const std::string& text, const std::string& part) {
  std::size_t count = 0;
  for (auto at = text.find(part); at != std::string::npos; at = text.find(part, at + 1)) ++count;
  return count;
}

TEST(SvgBarChart, IsAnAccessibleImageNamedByItsTitleAndDesc) {
  const auto svg = horizontal_bar_chart(chart_of({{"Wonen", 8, "8"}, {"Schulden", 4, "4"}}));
  EXPECT_TRUE(svg.starts_with("<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"gz-chart\" role=\"img\""));
  EXPECT_TRUE(svg.ends_with("</svg>"));
  EXPECT_NE(svg.find("aria-labelledby=\"categories-by-count-title categories-by-count-desc\""), std::string::npos);
  EXPECT_NE(svg.find("<title id=\"categories-by-count-title\">Doorbraken per categorie</title>"), std::string::npos);
  EXPECT_NE(svg.find("<desc id=\"categories-by-count-desc\">Aantal doorbraakverzoeken per soort blokkade. Wonen: 8. "
                     "Schulden: 4.</desc>"),
            std::string::npos);
  EXPECT_NE(svg.find("viewBox=\"0 0 640 96\""), std::string::npos);
}

TEST(SvgBarChart, HasNoScriptStyleOrExternalResource) {
  const auto svg = horizontal_bar_chart(chart_of({{"Wonen", 8, "8"}}));
  EXPECT_EQ(svg.find("style"), std::string::npos);
  EXPECT_EQ(svg.find("script"), std::string::npos);
  EXPECT_EQ(svg.find("href"), std::string::npos);
  EXPECT_EQ(svg.find(" on"), std::string::npos);   // no event handler attributes
  EXPECT_EQ(svg.find("fill"), std::string::npos);  // colours come from the classes
  EXPECT_EQ(occurrences(svg, "class=\"gz-chart__label\""), 1u);
  EXPECT_EQ(occurrences(svg, "class=\"gz-chart__bar\""), 1u);
  EXPECT_EQ(occurrences(svg, "class=\"gz-chart__value\""), 1u);
}

TEST(SvgBarChart, ScalesWidthsToTheLargestValue) {
  const auto svg = horizontal_bar_chart(chart_of({{"a", 10, "10"}, {"b", 5, "5"}, {"c", 2.5, "2,5"}, {"d", 0, "0"}}));
  EXPECT_EQ(widths(svg), (std::vector<std::string>{"520", "260", "130", "0"}));
  // The value text follows the bar's end.
  EXPECT_NE(svg.find("<text class=\"gz-chart__value\" x=\"266\" y=\"81\">5</text>"), std::string::npos);
}

TEST(SvgBarChart, KeepsATinyValueVisible) {
  const auto svg = horizontal_bar_chart(chart_of({{"a", 100000, "100.000"}, {"b", 1, "1"}}));
  EXPECT_EQ(widths(svg), (std::vector<std::string>{"520", "1"}));
}

TEST(SvgBarChart, AllZeroValuesDrawNoBarsWithoutDividingByZero) {
  const auto svg = horizontal_bar_chart(chart_of({{"a", 0, "0"}, {"b", 0, "0"}}));
  EXPECT_EQ(widths(svg), (std::vector<std::string>{"0", "0"}));
  EXPECT_EQ(svg.find("nan"), std::string::npos);
  EXPECT_EQ(svg.find("inf"), std::string::npos);
}

TEST(SvgBarChart, AnEmptyChartSaysSoInItsDescription) {
  const auto svg = horizontal_bar_chart(chart_of({}));
  EXPECT_NE(svg.find("<desc id=\"categories-by-count-desc\">Aantal doorbraakverzoeken per soort blokkade. Geen "
                     "doorbraken in deze periode.</desc>"),
            std::string::npos);
  EXPECT_NE(svg.find(">Geen doorbraken in deze periode.</text>"), std::string::npos);
  EXPECT_EQ(svg.find("<rect"), std::string::npos);
  EXPECT_NE(svg.find("viewBox=\"0 0 640 24\""), std::string::npos);
}

TEST(SvgBarChart, EscapesEveryText) {
  auto chart = chart_of({{"<script>alert(1)</script> & \"co\"", 3, "<b>3</b>"}});
  chart.title = "Kosten & baten <i>";
  chart.description = "Wat 'het' kost";
  const auto svg = horizontal_bar_chart(chart);
  EXPECT_EQ(svg.find("<script"), std::string::npos);
  EXPECT_EQ(svg.find("<b>"), std::string::npos);
  EXPECT_EQ(svg.find("<i>"), std::string::npos);
  EXPECT_NE(svg.find(">&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;co&quot;</text>"), std::string::npos);
  EXPECT_NE(svg.find(">&lt;b&gt;3&lt;/b&gt;</text>"), std::string::npos);
  EXPECT_NE(svg.find("<title id=\"categories-by-count-title\">Kosten &amp; baten &lt;i&gt;</title>"),
            std::string::npos);
  EXPECT_NE(svg.find("Wat &apos;het&apos; kost &lt;script&gt;"), std::string::npos);
  // Every & in the output starts an entity.
  for (auto at = svg.find('&'); at != std::string::npos; at = svg.find('&', at + 1)) {
    const auto entity = svg.substr(at, svg.find(';', at) - at + 1);
    EXPECT_TRUE(entity == "&amp;" || entity == "&lt;" || entity == "&gt;" || entity == "&quot;" || entity == "&apos;")
        << entity;
  }
}

TEST(SvgBarChart, RefusesWhatWouldMakeABrokenChart) {
  const auto refuses = [](BarChart chart) { EXPECT_THROW(horizontal_bar_chart(chart), std::invalid_argument); };
  auto chart = chart_of({{"a", 1, "1"}});
  chart.id = "";
  refuses(chart);
  chart.id = "x\" onload=\"alert(1)";
  refuses(chart);
  chart.id = "1st";
  refuses(chart);
  chart = chart_of({{"a", 1, "1"}});
  chart.title = "";
  refuses(chart);
  refuses(chart_of({{"", 1, "1"}}));
  refuses(chart_of({{"a", 1, ""}}));
  refuses(chart_of({{"a", -1, "-1"}}));
  refuses(chart_of({{"a", std::nan(""), "?"}}));
  refuses(chart_of({{"a", std::numeric_limits<double>::infinity(), "?"}}));
  chart = chart_of({});
  chart.no_data_text = "";
  refuses(chart);
}

}  // namespace
}  // namespace gezicht::web
