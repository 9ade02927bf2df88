#pragma once
// A horizontal bar chart as an inline SVG image, for the staff's report
// pages. Nothing but markup: no script, no external resource and no style
// attribute (the Content-Security-Policy forbids inline styles), so colours
// and fonts come from the site's CSS through the classes gz-chart,
// gz-chart__bar, gz-chart__label and gz-chart__value.

#include <string>
#include <vector>

namespace gezicht::web {

struct ChartBar {
  std::string label;       // as entered (e.g. a category's name); escaped here
  double value = 0;        // finite, 0 or more; bars are scaled to the largest
  std::string value_text;  // the value as the reader reads it ("€ 1.250", "12")
};

struct BarChart {
  std::string id;           // unique on the page; the title's and desc's ids derive from it
  std::string title;        // the chart's accessible name
  std::string description;  // what the chart shows, in words; the bars' figures are added after it
  std::vector<ChartBar> bars;
  // Shown, and added to the description, when there are no bars ("Geen
  // doorbraken in deze periode."); required then, so an empty chart never
  // reads as a broken one.
  std::string no_data_text;
};

// An <svg role="img"> whose aria-labelledby names its <title> ("<id>-title")
// and <desc> ("<id>-desc"). The desc is the description followed by
// "<label>: <value_text>." for each bar, since a screen reader reads an image
// as a whole and never its texts. Each bar is a row: the label on a line of
// its own (long labels never run into the bar), the bar under it, its width
// in proportion to the largest value (a value above 0 is at least 1 unit
// wide; all bars are 0 wide when every value is 0), and the value text just
// after the bar. All text is escaped. Throws std::invalid_argument for an id
// that is not [A-Za-z][A-Za-z0-9_-]*, an empty title, a bar without label or
// value text, a negative or non-finite value, or no bars and no no_data_text.
std::string horizontal_bar_chart(const BarChart& chart);

}  // namespace gezicht::web
