#include "report/detail_sections.h"

#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <tuple>
#include <vector>

#include "report/html_escape.h"
#include "report/html_parts.h"
#include "report/svg_chart.h"

namespace sprintetl::report {

namespace {

// Orders squads by name with the "(none)" squad last.
using SquadKey = std::tuple<bool, std::string, std::string>;  // is_none, name, id

SquadKey KeyOf(const std::string& squad_id, const std::string& squad_name) {
  return {squad_id == kNoSquadId, squad_name, squad_id};
}

std::string Cell(const std::string& text) { return "<td>" + EscapeHtml(text) + "</td>"; }

std::string TableHead(const std::string& test_id, const std::vector<std::string>& headers,
                      const std::vector<bool>& numeric) {
  std::string html = fmt::format(
      "<div class=\"table-scroll\">\n<table id=\"{0}\" data-testid=\"{0}\">\n<thead><tr>",
      EscapeHtml(test_id));
  for (size_t i = 0; i < headers.size(); ++i) {
    html += fmt::format("<th scope=\"col\"{}>{}</th>", numeric[i] ? " class=\"num\"" : "",
                        EscapeHtml(headers[i]));
  }
  return html + "</tr></thead>\n";
}

// Builds one stacked chart of task counts per squad, one series per value of
// `series_of` (a status label or a category). Series that hold only done
// tasks go last, so unfinished work reads first.
template <typename SeriesOf>
StackedBarChart MixChart(const ReportData& data, const std::string& test_id,
                         const std::string& caption, SeriesOf series_of) {
  std::map<SquadKey, std::map<std::string, double>> tasks_by_squad;
  std::map<std::string, bool> series_all_done;
  for (const StatusMixRow& row : data.status_mix) {
    std::string series = series_of(row);
    tasks_by_squad[KeyOf(row.squad_id, row.squad_name)][series] += row.tasks;
    auto [it, added] = series_all_done.emplace(series, row.is_done);
    if (!added) it->second = it->second && row.is_done;
  }
  std::vector<std::pair<bool, std::string>> ordered;
  for (const auto& [series, all_done] : series_all_done) ordered.emplace_back(all_done, series);
  std::sort(ordered.begin(), ordered.end());

  StackedBarChart chart{test_id, caption, kTaskUnit, {}, {}, {}};
  for (const auto& entry : ordered) chart.series.push_back(entry.second);
  for (const auto& [squad, counts] : tasks_by_squad) {
    chart.rows.push_back(std::get<1>(squad));
    std::vector<double> values;
    for (const std::string& series : chart.series) {
      auto it = counts.find(series);
      values.push_back(it == counts.end() ? 0.0 : it->second);
    }
    chart.values.push_back(std::move(values));
  }
  return chart;
}

std::string BeforeAfter(const std::string& before, const std::string& after) {
  if (before == after) return EscapeHtml(after);
  return "<del>" + EscapeHtml(before) + "</del> → <ins>" + EscapeHtml(after) + "</ins>";
}

std::string PointsText(const std::optional<double>& points, const LocaleFormat& locale) {
  return points.has_value() ? FormatNumber(*points, 2, locale) : "–";
}

// Formats "YYYY-MM-DD HH:MM:SS" as the locale's date and the time to the minute.
std::string ChangeTime(const std::string& utc, const LocaleFormat& locale) {
  std::string time = utc.size() >= 16 ? " " + utc.substr(11, 5) : "";
  return FormatDate(utc.substr(0, 10), locale) + time;
}

std::string OrDash(const std::string& text) { return text.empty() ? "–" : text; }

}  // namespace

std::string RenderStatusMixSection(const ReportData& data, const LocaleFormat& locale) {
  std::string html = OpenSection("Status mix per squad");
  if (data.status_mix.empty()) {
    return html + EmptyNote("status-mix-empty", "No data for this sprint: it had no tasks.") +
           "</section>\n";
  }
  html += RenderStackedBarChart(
      MixChart(data, "status-mix-chart", "Tasks per status at the sprint's end",
               [](const StatusMixRow& row) { return row.status_label; }),
      locale);
  html += RenderStackedBarChart(MixChart(data, "category-mix-chart", "Tasks per category",
                                         [](const StatusMixRow& row) { return row.category; }),
                                locale);
  return html + "</section>\n";
}

std::string RenderCustomerChangeSection(const ReportData& data, const LocaleFormat& locale) {
  std::string html = OpenSection("Customers whose squad or contract changed");
  if (data.customer_changes.empty()) {
    return html +
           EmptyNote("customer-change-empty",
                     "No customer's squad, contracted points or services changed during this "
                     "sprint.") +
           "</section>\n";
  }

  std::vector<CustomerChangeRow> rows = data.customer_changes;
  std::stable_sort(rows.begin(), rows.end(),
                   [](const CustomerChangeRow& a, const CustomerChangeRow& b) {
                     return std::tie(a.customer_name, a.customer_id, a.changed_at) <
                            std::tie(b.customer_name, b.customer_id, b.changed_at);
                   });
  html += TableHead("customer-change-table",
                    {"Customer", "Changed (UTC)", "Squad", "Contracted points", "Services"},
                    {false, false, false, true, false});
  html += "<tbody>\n";
  for (const CustomerChangeRow& row : rows) {
    std::string customer = EscapeHtml(row.customer_name);
    if (row.change_kind != "changed") {
      customer += " <span class=\"sub\">(" + EscapeHtml(row.change_kind) + ")</span>";
    }
    html += fmt::format(
        "<tr data-customer-id=\"{}\"><td>{}</td>{}<td>{}</td><td class=\"num\">{}</td>"
        "<td>{}</td></tr>\n",
        EscapeHtml(row.customer_id), customer, Cell(ChangeTime(row.changed_at, locale)),
        BeforeAfter(row.squad_name_before, row.squad_name_after),
        BeforeAfter(PointsText(row.contracted_points_before, locale),
                    PointsText(row.contracted_points_after, locale)),
        BeforeAfter(OrDash(row.services_before), OrDash(row.services_after)));
  }
  return html + "</tbody>\n</table>\n</div>\n</section>\n";
}

std::string RenderSprintTaskSection(const ReportData& data, const LocaleFormat& locale) {
  std::string html =
      "<section id=\"sprint-tasks\" data-testid=\"sprint-tasks\">\n"
      "<h2>Tasks of the sprint per squad</h2>\n";
  if (data.tasks.empty()) {
    return html + EmptyNote("sprint-tasks-empty", "No task was in this sprint when it ended.") +
           "</section>\n";
  }

  std::map<SquadKey, std::vector<const SprintTaskRow*>> by_squad;
  for (const SprintTaskRow& row : data.tasks) {
    by_squad[KeyOf(row.squad_id, row.squad_name)].push_back(&row);
  }
  size_t index = 0;
  for (auto& [squad, tasks] : by_squad) {
    std::stable_sort(tasks.begin(), tasks.end(),
                     [](const SprintTaskRow* a, const SprintTaskRow* b) {
                       return std::tie(a->outcome, a->task_name, a->task_id) <
                              std::tie(b->outcome, b->task_name, b->task_id);
                     });
    double points = 0, done = 0;
    for (const SprintTaskRow* task : tasks) {
      points += task->points;
      if (task->outcome == "done") ++done;
    }
    html += fmt::format(
        "<h3 data-squad-id=\"{}\">{} <span class=\"sub\">{} of {} done, {}</span></h3>\n",
        EscapeHtml(std::get<2>(squad)), EscapeHtml(std::get<1>(squad)),
        FormatNumber(done, 0, locale), FormatQuantity(tasks.size(), 0, kTaskUnit, locale),
        FormatQuantity(points, 2, kPointUnit, locale));
    html += TableHead("task-table-" + std::to_string(index++),
                      {"Task", "Status", "Category", "Points", "Assignees", "Outcome"},
                      {false, false, false, true, false, false});
    html += "<tbody>\n";
    for (const SprintTaskRow* task : tasks) {
      html += fmt::format(
          "<tr data-task-id=\"{}\"><td>{}<br><span class=\"sub\">{}</span></td>{}{}{}{}"
          "<td class=\"outcome {}\">{}</td></tr>\n",
          EscapeHtml(task->task_id), EscapeHtml(task->task_name), EscapeHtml(task->task_id),
          Cell(task->status_label), Cell(OrDash(task->category)),
          NumberCell(FormatNumber(task->points, 2, locale)), Cell(OrDash(task->assignees)),
          task->outcome == "done" ? "done" : "carried", EscapeHtml(task->outcome));
    }
    html += "</tbody>\n</table>\n</div>\n";
  }
  return html + "</section>\n";
}

}  // namespace sprintetl::report
