#include "web/svg_bar_chart.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <stdexcept>

#include "web/template_engine.hpp"

namespace gezicht::web {
namespace {

// In user units; the page's CSS may scale the whole image with its viewBox.
constexpr double chart_width = 640;
constexpr double bar_area_width = 520;  // the rest is room for the largest bar's value text
constexpr double row_height = 48;
constexpr double label_baseline = 14;
constexpr double bar_top = 20;
constexpr double bar_height = 16;
constexpr double value_gap = 6;
constexpr double value_baseline = 33;
constexpr double empty_height = 24;

bool is_ascii_letter(char c) { return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z'); }

bool is_id(const std::string& id) {
  if (id.empty() || !is_ascii_letter(id.front())) return false;
  return std::all_of(id.begin(), id.end(),
                     [](char c) { return is_ascii_letter(c) || (c >= '0' && c <= '9') || c == '-' || c == '_'; });
}

// Locale-independent (a Dutch locale must not write "12,5" into an attribute), at most 2 decimals.
std::string number(double value) {
  char buffer[32];
  const double rounded = std::round(value * 100) / 100;
  const auto result = std::to_chars(buffer, buffer + sizeof buffer, rounded);
  return std::string(buffer, result.ptr);
}

void check(const BarChart& chart) {
  if (!is_id(chart.id)) throw std::invalid_argument("bar chart: id '" + chart.id + "' is not [A-Za-z][A-Za-z0-9_-]*");
  if (chart.title.empty()) throw std::invalid_argument("bar chart " + chart.id + ": no title");
  if (chart.bars.empty() && chart.no_data_text.empty()) {
    throw std::invalid_argument("bar chart " + chart.id + ": no bars and no no_data_text");
  }
  for (std::size_t i = 0; i < chart.bars.size(); ++i) {
    const auto& bar = chart.bars[i];
    const std::string which = "bar chart " + chart.id + ": bar " + std::to_string(i);
    if (bar.label.empty()) throw std::invalid_argument(which + " has no label");
    if (bar.value_text.empty()) throw std::invalid_argument(which + " has no value text");
    if (!std::isfinite(bar.value) || bar.value < 0)
      throw std::invalid_argument(which + " has a negative or non-finite value");
  }
}

std::string description_of(const BarChart& chart) {
  std::string text = chart.description;
  const auto add = [&text](const std::string& sentence) {
    if (!text.empty()) text += ' ';
    text += sentence;
  };
  if (chart.bars.empty()) add(chart.no_data_text);
  for (const auto& bar : chart.bars) add(bar.label + ": " + bar.value_text + ".");
  return text;
}

void append_text(std::string& svg, const char* css_class, double x, double y, const std::string& text) {
  svg += "<text class=\"";
  svg += css_class;
  svg += "\" x=\"" + number(x) + "\" y=\"" + number(y) + "\">";
  append_html_escaped(svg, text);
  svg += "</text>";
}

}  // namespace

std::string horizontal_bar_chart(const BarChart& chart) {
  check(chart);
  const double height = chart.bars.empty() ? empty_height : row_height * static_cast<double>(chart.bars.size());
  double largest = 0;
  for (const auto& bar : chart.bars) largest = std::max(largest, bar.value);

  std::string svg = "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"gz-chart\" role=\"img\" aria-labelledby=\"";
  svg += chart.id + "-title " + chart.id + "-desc\" viewBox=\"0 0 " + number(chart_width) + " " + number(height) +
         "\" width=\"" + number(chart_width) + "\" height=\"" + number(height) + "\">";
  svg += "<title id=\"" + chart.id + "-title\">";
  append_html_escaped(svg, chart.title);
  svg += "</title><desc id=\"" + chart.id + "-desc\">";
  append_html_escaped(svg, description_of(chart));
  svg += "</desc>";

  if (chart.bars.empty()) append_text(svg, "gz-chart__label", 0, label_baseline, chart.no_data_text);
  for (std::size_t i = 0; i < chart.bars.size(); ++i) {
    const auto& bar = chart.bars[i];
    const double top = row_height * static_cast<double>(i);
    // No division when every value is 0; a value above 0 stays visible.
    double width = largest > 0 ? bar.value / largest * bar_area_width : 0;
    if (bar.value > 0) width = std::max(width, 1.0);
    append_text(svg, "gz-chart__label", 0, top + label_baseline, bar.label);
    svg += "<rect class=\"gz-chart__bar\" x=\"0\" y=\"" + number(top + bar_top) + "\" width=\"" + number(width) +
           "\" height=\"" + number(bar_height) + "\"/>";
    append_text(svg, "gz-chart__value", width + value_gap, top + value_baseline, bar.value_text);
  }
  svg += "</svg>";
  return svg;
}

}  // namespace gezicht::web
