#include "report/html_report.h"

#include <fmt/format.h>

#include "build_info.h"
#include "core/log.h"
#include "report/detail_sections.h"
#include "report/html_escape.h"
#include "report/html_parts.h"
#include "report/locale_format.h"
#include "report/report_sections.h"

namespace sprintetl::report {

namespace {

// Allows inline styles and nothing else, so the page cannot load anything.
constexpr char kContentSecurityPolicy[] = "default-src 'none'; style-src 'unsafe-inline'";

constexpr char kStyle[] = R"css(
:root { color-scheme: light; --ink: #1f2933; --muted: #616e7c; --line: #d9e2ec; }
* { box-sizing: border-box; }
body { margin: 0; font: 15px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif;
  color: var(--ink); background: #fff; }
main { max-width: 1180px; margin: 0 auto; padding: 16px; }
h1 { font-size: 1.6rem; margin: 0 0 4px; overflow-wrap: anywhere; }
h2 { font-size: 1.2rem; margin: 32px 0 12px; }
h3 { font-size: 1rem; margin: 20px 0 8px; overflow-wrap: anywhere; }
.meta, .sub { color: var(--muted); font-size: 0.85rem; }
.headline { display: grid; grid-template-columns: repeat(auto-fit, minmax(160px, 1fr));
  gap: 12px; margin: 16px 0 0; }
.card { border: 1px solid var(--line); border-radius: 8px; padding: 12px; margin: 0; }
.card dt { color: var(--muted); font-size: 0.85rem; }
.card dd { margin: 4px 0 0; font-size: 1.5rem; font-weight: 600; }
.card dd small { font-size: 0.9rem; font-weight: 400; color: var(--muted); }
.card dd.note { margin-top: 2px; font-size: 0.8rem; font-weight: 400; color: var(--muted); }
p.note { color: var(--muted); font-size: 0.9rem; margin: 0 0 12px; }
caption { caption-side: top; text-align: left; color: var(--muted); font-size: 0.85rem;
  padding: 0 0 6px; }
.empty { border: 1px dashed var(--line); border-radius: 8px; padding: 16px;
  color: var(--muted); background: #f8fafc; }
figure.chart { margin: 0 0 16px; }
figcaption { color: var(--muted); font-size: 0.9rem; margin-bottom: 6px; }
.chart-scroll, .table-scroll { overflow-x: auto; -webkit-overflow-scrolling: touch; }
svg { display: block; height: auto; }
svg text { font-size: 12px; fill: var(--ink); }
svg text.axis { fill: var(--muted); }
svg text.label { font-size: 13px; }
svg text.value { font-size: 11px; }
svg line.grid { stroke: var(--line); stroke-width: 1; }
.legend { list-style: none; display: flex; flex-wrap: wrap; gap: 6px 16px; padding: 0;
  margin: 8px 0 0; font-size: 0.9rem; }
.swatch { display: inline-block; width: 12px; height: 12px; border-radius: 2px;
  margin-right: 6px; vertical-align: -1px; }
table { border-collapse: collapse; width: 100%; min-width: 520px; font-size: 0.9rem; }
th, td { padding: 6px 10px; border-bottom: 1px solid var(--line); text-align: left;
  vertical-align: top; overflow-wrap: break-word; }
th:first-child, td:first-child { min-width: 11em; }
thead th { background: #f0f4f8; }
.num { text-align: right; white-space: nowrap; font-variant-numeric: tabular-nums; }
td.negative { color: #a61b1b; background: #fde8e8; font-weight: 600; }
tr.group th, tr.group td { background: #f8fafc; }
del { color: var(--muted); }
ins { text-decoration: none; font-weight: 600; }
td.outcome.carried { color: #8a4b00; }
tfoot th, tfoot td { font-weight: 600; border-top: 2px solid var(--line); }
footer { margin: 32px 0 8px; color: var(--muted); font-size: 0.8rem; }
)css";

template <typename Row>
bool HasSprintRows(const std::vector<Row>& rows, const std::string& sprint_id) {
  for (const Row& row : rows) {
    if (row.sprint_id == sprint_id) return true;
  }
  return false;
}

// Renders one headline figure. A non-empty `note` adds a line below the value.
std::string Card(const std::string& label, const std::string& value, const std::string& detail,
                 const std::string& note = "") {
  std::string html = fmt::format("<div class=\"card\"><dt>{}</dt><dd>{} <small>{}</small></dd>",
                                 EscapeHtml(label), EscapeHtml(value), EscapeHtml(detail));
  if (!note.empty()) html += "<dd class=\"note\">" + EscapeHtml(note) + "</dd>";
  return html + "</div>\n";
}

// Renders the sprint's totals as cards, or a note when no view has rows for the sprint.
std::string RenderHeadline(const ReportData& data, const LocaleFormat& locale) {
  bool has_tasks = HasSprintRows(data.velocity, data.sprint_id) ||
                   HasSprintRows(data.throughput, data.sprint_id) || !data.carry_over.empty();
  if (!has_tasks && data.customer_service.empty()) {
    return "<p class=\"empty\" id=\"sprint-empty\" data-testid=\"sprint-empty\">No data for this "
           "sprint: it had no tasks and no customer figures when it ended.</p>\n";
  }

  double points_done = 0, points_committed = 0, tasks_done = 0, tasks_total = 0;
  for (const VelocityRow& row : data.velocity) {
    if (row.sprint_id != data.sprint_id) continue;
    points_done += row.points_done;
    points_committed += row.points_committed;
  }
  for (const ThroughputRow& row : data.throughput) {
    if (row.sprint_id != data.sprint_id) continue;
    tasks_done += row.tasks_done;
    tasks_total += row.tasks_total;
  }
  double carried_points = 0;
  for (const CarryOverRow& row : data.carry_over) carried_points += row.points;
  double contracted = 0, delivered = 0;
  for (const CustomerServiceRow& row : data.customer_service) {
    contracted += row.contracted_points;
    delivered += row.delivered_points;
  }

  // Delivered points leave out tasks without a customer, so the points done
  // card shows how many of its points are on those tasks.
  double without_customer = PointsDoneWithoutCustomer(data);
  std::string points_note;
  if (without_customer > 0) {
    points_note = "of which " + FormatQuantity(without_customer, 2, kPointUnit, locale) +
                  " on tasks without a customer";
  }

  auto number = [&](double value) { return FormatNumber(value, 2, locale); };
  size_t carried = data.carry_over.size();
  return "<dl class=\"headline\" id=\"headline\" data-testid=\"headline\">\n" +
         Card("Points done", number(points_done), "of " + number(points_committed) + " committed",
              points_note) +
         Card("Tasks done", number(tasks_done), "of " + number(tasks_total)) +
         Card("Carried over", std::to_string(carried),
              (carried == 1 ? "task, " : "tasks, ") +
                  FormatQuantity(carried_points, 2, kPointUnit, locale)) +
         Card("Delivered vs contracted", number(delivered),
              "of " + FormatQuantity(contracted, 2, {"contracted point", "contracted points"},
                                     locale)) +
         "</dl>\n";
}

}  // namespace

Status ValidateReportOptions(const ReportOptions& options) {
  if (FindLocaleFormat(options.locale).has_value()) return Status::Ok();
  std::string supported;
  for (const std::string& tag : SupportedLocaleTags()) {
    supported += (supported.empty() ? "" : ", ") + tag;
  }
  return InvalidArgument("report locale \"" + options.locale + "\" is not supported; use one of " +
                         supported);
}

std::string RenderReportHtml(const ReportData& data, const ReportOptions& options) {
  std::optional<LocaleFormat> found = FindLocaleFormat(options.locale);
  if (!found.has_value()) {
    log::Get("report")->warn("report.locale_fallback locale={} using=en-US", options.locale);
    found = FindLocaleFormat("en-US");
  }
  const LocaleFormat& locale = *found;

  std::string title = data.title.empty() ? "Sprint report: " + data.sprint_name : data.title;
  std::string html = fmt::format(
      "<!DOCTYPE html>\n<html lang=\"en\" data-locale=\"{}\">\n<head>\n<meta charset=\"utf-8\">\n"
      "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
      "<meta http-equiv=\"Content-Security-Policy\" content=\"{}\">\n"
      "<title>{}</title>\n<style>{}</style>\n</head>\n<body>\n<main>\n",
      EscapeHtml(locale.tag), kContentSecurityPolicy, EscapeHtml(title), kStyle);

  html += fmt::format("<header>\n<h1>{}</h1>\n<p class=\"meta\">{}", EscapeHtml(title),
                      EscapeHtml(data.sprint_name));
  if (data.sprint_number.has_value()) html += fmt::format(" · number {}", *data.sprint_number);
  html += fmt::format(" · id {} · generated {} UTC</p>\n</header>\n", EscapeHtml(data.sprint_id),
                      EscapeHtml(FormatDate(data.generated_at, locale)));

  html += RenderHeadline(data, locale);
  html += RenderVelocitySection(data, locale);
  html += RenderThroughputSection(data, locale);
  html += RenderStatusMixSection(data, locale);
  html += RenderCustomerServiceSection(data, locale);
  html += RenderCustomerChangeSection(data, locale);
  html += RenderCarryOverSection(data, locale);
  html += RenderSprintTaskSection(data, locale);
  html += fmt::format("<footer>sprintetl {}</footer>\n</main>\n</body>\n</html>\n",
                      EscapeHtml(SPRINTETL_VERSION));
  return html;
}

}  // namespace sprintetl::report
