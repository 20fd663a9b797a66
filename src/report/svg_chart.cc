#include "report/svg_chart.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

#include "report/html_escape.h"

namespace sprintetl::report {

namespace {

// Okabe-Ito colours without yellow, which is too pale on white.
const char* const kPalette[] = {"#0072B2", "#E69F00", "#009E73", "#CC79A7",
                                "#56B4E9", "#D55E00", "#000000"};
constexpr size_t kPaletteSize = sizeof(kPalette) / sizeof(kPalette[0]);

// Colours of the paired bars: a neutral grey for the first, blue for the second.
constexpr char kFirstColor[] = "#9AA5B1";
constexpr char kSecondColor[] = "#0072B2";

// viewBox units are CSS pixels at 1:1 scale. The minimum displayed width keeps
// the 12-unit labels at 9 px or more, and the maximum stops the 13-unit
// labels from growing past about 16 px on wide screens.
constexpr double kMinScale = 0.75;
constexpr double kMaxScale = 1.25;

// Formats an SVG coordinate with one decimal.
std::string Coord(double value) { return fmt::format("{:.1f}", value); }

// Returns a round axis step (1, 2, 2.5 or 5 times a power of ten) that splits
// `max_value` into about four intervals.
double AxisStep(double max_value) {
  if (max_value <= 0) return 1;
  double raw = max_value / 4;
  double power = std::pow(10.0, std::floor(std::log10(raw)));
  for (double factor : {1.0, 2.0, 2.5, 5.0, 10.0}) {
    if (raw <= factor * power) return factor * power;
  }
  return 10 * power;
}

std::string OpenFigure(const std::string& test_id, const std::string& caption, double width,
                       double height) {
  std::string id = EscapeHtml(test_id);
  return fmt::format(
      "<figure class=\"chart\" id=\"{0}\" data-testid=\"{0}\">\n"
      "<figcaption>{1}</figcaption>\n<div class=\"chart-scroll\">\n"
      "<svg viewBox=\"0 0 {2} {3}\" role=\"img\" aria-label=\"{1}\" "
      "style=\"width:100%;max-width:{4}px;min-width:{5}px\">\n",
      id, EscapeHtml(caption), Coord(width), Coord(height), Coord(width * kMaxScale),
      Coord(width * kMinScale));
}

std::string Legend(const std::vector<std::pair<std::string, std::string>>& entries) {
  std::string html = "<ul class=\"legend\">";
  for (const auto& [name, color] : entries) {
    html += fmt::format("<li><span class=\"swatch\" style=\"background:{}\"></span>{}</li>", color,
                        EscapeHtml(name));
  }
  return html + "</ul>\n";
}

std::string CloseFigure(const std::string& legend) {
  return "</svg>\n</div>\n" + legend + "</figure>\n";
}

double ValueAt(const GroupedBarChart& chart, size_t group, size_t series) {
  if (group >= chart.values.size() || series >= chart.values[group].size()) return 0;
  return std::max(0.0, chart.values[group][series]);
}

}  // namespace

std::string SeriesColor(size_t index) {
  if (index < kPaletteSize) return kPalette[index];
  // The golden angle spreads generated hues apart however many are needed.
  double hue = std::fmod(static_cast<double>(index - kPaletteSize) * 137.508 + 20, 360.0);
  return fmt::format("hsl({:.0f},60%,42%)", hue);
}

std::string RenderGroupedBarChart(const GroupedBarChart& chart, const LocaleFormat& locale) {
  constexpr double kBarWidth = 18, kBarGap = 2, kGroupGap = 28;
  constexpr double kLeft = 52, kTop = 14, kPlotHeight = 200, kBottom = 36;
  const size_t series_count = std::max<size_t>(chart.series.size(), 1);
  const double group_width = series_count * kBarWidth + (series_count - 1) * kBarGap;
  const double plot_width =
      std::max(300.0, chart.groups.size() * (group_width + kGroupGap) + kGroupGap);
  const double width = kLeft + plot_width + 8;
  const double height = kTop + kPlotHeight + kBottom;

  double max_value = 0;
  for (size_t g = 0; g < chart.groups.size(); ++g) {
    for (size_t s = 0; s < chart.series.size(); ++s)
      max_value = std::max(max_value, ValueAt(chart, g, s));
  }
  const double step = AxisStep(max_value);
  const double axis_max = std::max(step, std::ceil(max_value / step) * step);
  auto y_of = [&](double value) { return kTop + kPlotHeight * (1 - value / axis_max); };

  std::string svg = OpenFigure(chart.test_id, chart.caption, width, height);
  for (double tick = 0; tick <= axis_max + step / 2; tick += step) {
    svg += fmt::format(
        "<line class=\"grid\" x1=\"{0}\" x2=\"{1}\" y1=\"{2}\" y2=\"{2}\"/>"
        "<text class=\"axis\" x=\"{3}\" y=\"{4}\" text-anchor=\"end\">{5}</text>\n",
        Coord(kLeft), Coord(kLeft + plot_width), Coord(y_of(tick)), Coord(kLeft - 6),
        Coord(y_of(tick) + 4), EscapeHtml(FormatNumber(tick, 2, locale)));
  }

  // About 6.5 units per character at the 12-unit label size.
  const size_t label_chars =
      std::max<size_t>(6, static_cast<size_t>((group_width + kGroupGap - 4) / 6.5));
  for (size_t g = 0; g < chart.groups.size(); ++g) {
    const std::string& group = chart.groups[g];
    double x0 = kLeft + kGroupGap + g * (group_width + kGroupGap);
    for (size_t s = 0; s < chart.series.size(); ++s) {
      double value = ValueAt(chart, g, s);
      double y = y_of(value);
      std::string tooltip =
          chart.series[s] + " · " + group + ": " + FormatQuantity(value, 2, chart.unit, locale);
      svg += fmt::format(
          "<rect class=\"bar\" data-series=\"{}\" x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" "
          "fill=\"{}\"><title>{}</title></rect>\n",
          s, Coord(x0 + s * (kBarWidth + kBarGap)), Coord(y), Coord(kBarWidth),
          Coord(kTop + kPlotHeight - y), SeriesColor(s), EscapeHtml(tooltip));
    }
    // Sprint names carry their dates in brackets ("Sprint 41 (11/3 - 11/16)"). When the
    // whole name does not fit, the part before the brackets is shown and the title keeps it all.
    std::string label = group;
    size_t bracket = group.find(" (");
    if (group.size() > label_chars && bracket != std::string::npos && bracket > 0) {
      label = group.substr(0, bracket);
    }
    svg += fmt::format(
        "<text class=\"axis\" x=\"{}\" y=\"{}\" text-anchor=\"middle\">{}<title>{}</title>"
        "</text>\n",
        Coord(x0 + group_width / 2), Coord(kTop + kPlotHeight + 20),
        EscapeHtml(TruncateUtf8(label, label_chars)), EscapeHtml(group));
  }

  std::vector<std::pair<std::string, std::string>> legend;
  for (size_t s = 0; s < chart.series.size(); ++s) {
    legend.emplace_back(chart.series[s], SeriesColor(s));
  }
  return svg + CloseFigure(Legend(legend));
}

std::string RenderPairedBarChart(const PairedBarChart& chart, const LocaleFormat& locale) {
  constexpr double kWidth = 440, kLeft = 4, kValueSpace = 72;
  constexpr double kLabelHeight = 18, kBarHeight = 12, kBarGap = 3, kRowGap = 14;
  constexpr double kRowHeight = kLabelHeight + 2 * kBarHeight + kBarGap + kRowGap;
  const double height = std::max(kRowHeight, chart.bars.size() * kRowHeight);
  const double bar_space = kWidth - kLeft - kValueSpace;

  double max_value = 0;
  for (const PairedBar& bar : chart.bars) {
    max_value = std::max({max_value, bar.first, bar.second});
  }
  auto length_of = [&](double value) {
    return max_value <= 0 ? 0.0 : bar_space * std::max(0.0, value) / max_value;
  };

  std::string svg = OpenFigure(chart.test_id, chart.caption, kWidth, height);
  for (size_t i = 0; i < chart.bars.size(); ++i) {
    const PairedBar& bar = chart.bars[i];
    double top = i * kRowHeight;
    svg += fmt::format("<text class=\"label\" x=\"{}\" y=\"{}\">{}<title>{}</title></text>\n",
                       Coord(kLeft), Coord(top + 13), EscapeHtml(TruncateUtf8(bar.label, 60)),
                       EscapeHtml(bar.label));

    const struct {
      const char* css_class;
      const char* color;
      const std::string& name;
      double value;
    } pair[] = {{"first", kFirstColor, chart.first_name, bar.first},
                {"second", kSecondColor, chart.second_name, bar.second}};
    for (int k = 0; k < 2; ++k) {
      double y = top + kLabelHeight + k * (kBarHeight + kBarGap);
      double length = length_of(pair[k].value);
      std::string value = FormatNumber(pair[k].value, 2, locale);
      svg += fmt::format(
          "<rect class=\"bar {}\" x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" fill=\"{}\">"
          "<title>{}</title></rect>"
          "<text class=\"value\" x=\"{}\" y=\"{}\">{}</text>\n",
          pair[k].css_class, Coord(kLeft), Coord(y), Coord(length), Coord(kBarHeight),
          pair[k].color,
          EscapeHtml(bar.label + " · " + pair[k].name + ": " +
                     FormatQuantity(pair[k].value, 2, chart.unit, locale)),
          Coord(kLeft + length + 4), Coord(y + kBarHeight - 2), EscapeHtml(value));
    }
  }
  return svg +
         CloseFigure(Legend({{chart.first_name, kFirstColor}, {chart.second_name, kSecondColor}}));
}

std::string RenderStackedBarChart(const StackedBarChart& chart, const LocaleFormat& locale) {
  constexpr double kWidth = 440, kLeft = 4, kValueSpace = 72;
  constexpr double kLabelHeight = 18, kBarHeight = 16, kRowGap = 12;
  constexpr double kRowHeight = kLabelHeight + kBarHeight + kRowGap;
  const double height = std::max(kRowHeight, chart.rows.size() * kRowHeight);
  const double bar_space = kWidth - kLeft - kValueSpace;

  auto value_at = [&](size_t row, size_t series) {
    if (row >= chart.values.size() || series >= chart.values[row].size()) return 0.0;
    return std::max(0.0, chart.values[row][series]);
  };
  std::vector<double> totals(chart.rows.size(), 0.0);
  double max_total = 0;
  for (size_t r = 0; r < chart.rows.size(); ++r) {
    for (size_t s = 0; s < chart.series.size(); ++s) totals[r] += value_at(r, s);
    max_total = std::max(max_total, totals[r]);
  }
  auto length_of = [&](double value) {
    return max_total <= 0 ? 0.0 : bar_space * value / max_total;
  };

  std::string svg = OpenFigure(chart.test_id, chart.caption, kWidth, height);
  for (size_t r = 0; r < chart.rows.size(); ++r) {
    const std::string& label = chart.rows[r];
    double top = r * kRowHeight;
    svg += fmt::format("<text class=\"label\" x=\"{}\" y=\"{}\">{}<title>{}</title></text>\n",
                       Coord(kLeft), Coord(top + 13), EscapeHtml(TruncateUtf8(label, 60)),
                       EscapeHtml(label));
    double x = kLeft;
    double y = top + kLabelHeight;
    for (size_t s = 0; s < chart.series.size(); ++s) {
      double value = value_at(r, s);
      if (value <= 0) continue;
      double length = length_of(value);
      svg += fmt::format(
          "<rect class=\"segment\" data-series=\"{}\" x=\"{}\" y=\"{}\" width=\"{}\" "
          "height=\"{}\" fill=\"{}\"><title>{}</title></rect>\n",
          s, Coord(x), Coord(y), Coord(length), Coord(kBarHeight), SeriesColor(s),
          EscapeHtml(label + " · " + chart.series[s] + ": " +
                     FormatQuantity(value, 2, chart.unit, locale)));
      x += length;
    }
    svg += fmt::format("<text class=\"value\" x=\"{}\" y=\"{}\">{}</text>\n", Coord(x + 4),
                       Coord(y + kBarHeight - 4), EscapeHtml(FormatNumber(totals[r], 2, locale)));
  }

  std::vector<std::pair<std::string, std::string>> legend;
  for (size_t s = 0; s < chart.series.size(); ++s) {
    legend.emplace_back(chart.series[s], SeriesColor(s));
  }
  return svg + CloseFigure(Legend(legend));
}

}  // namespace sprintetl::report
