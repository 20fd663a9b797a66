// Small inline SVG bar charts for the HTML report, with no script and no
// external resources.
//
// Each Render* function returns one <figure> holding the <svg> and an HTML
// legend (HTML text stays readable when the SVG scales down on a phone). The
// SVG has a viewBox and scales to its container's width. On narrow screens it
// keeps a minimum width so its text stays readable, and its wrapper scrolls
// sideways. All labels are escaped here; callers pass plain text.
#pragma once

#include <string>
#include <vector>

#include "report/locale_format.h"

namespace sprintetl::report {

// Returns the colour of series `index`: a colour-blind-friendly palette first,
// then generated hues. The same index always gets the same colour.
std::string SeriesColor(size_t index);

// Vertical bars: one group per x label, one bar per series in every group.
struct GroupedBarChart {
  std::string test_id;                      // data-testid and id of the <figure>
  std::string caption;                      // accessible name and visible caption
  UnitName unit;                            // follows values in tooltips: "1 point", "2 points"
  std::vector<std::string> groups;          // x axis labels, left to right
  std::vector<std::string> series;          // legend entries, coloured by index
  std::vector<std::vector<double>> values;  // values[group][series]; missing reads as 0
};

// Draws one <rect class="bar"> per group and series, including zero-height
// bars, so the bar count is always groups × series. Negative values draw as 0.
std::string RenderGroupedBarChart(const GroupedBarChart& chart, const LocaleFormat& locale);

// One labelled row holding two horizontal bars.
struct PairedBar {
  std::string label;
  double first = 0;
  double second = 0;
};

// Horizontal paired bars sharing one scale, e.g. contracted vs delivered points.
struct PairedBarChart {
  std::string test_id;
  std::string caption;
  UnitName unit;            // follows values in tooltips
  std::string first_name;   // legend entry of the first bar of each pair
  std::string second_name;  // legend entry of the second bar
  std::vector<PairedBar> bars;
};

// Draws a <rect class="bar first"> and a <rect class="bar second"> per pair,
// with the value printed after each bar. Negative values draw as 0.
std::string RenderPairedBarChart(const PairedBarChart& chart, const LocaleFormat& locale);

// Horizontal stacked bars sharing one scale: one row per label, one segment
// per series, e.g. tasks per status in each squad.
struct StackedBarChart {
  std::string test_id;
  std::string caption;
  UnitName unit;                            // follows values in tooltips
  std::vector<std::string> rows;            // row labels, top to bottom
  std::vector<std::string> series;          // legend entries, coloured by index
  std::vector<std::vector<double>> values;  // values[row][series]; missing reads as 0
};

// Draws one <rect class="segment"> per row and series with a value above 0,
// and the row's total after its bar. Negative values draw as 0.
std::string RenderStackedBarChart(const StackedBarChart& chart, const LocaleFormat& locale);

}  // namespace sprintetl::report
