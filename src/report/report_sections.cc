#include "report/report_sections.h"

#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <set>
#include <tuple>

#include "report/html_escape.h"
#include "report/html_parts.h"
#include "report/svg_chart.h"

namespace sprintetl::report {

namespace {

// Opens a table whose first `text_columns` columns hold text and the rest numbers.
// A non-empty `caption` is shown above the table.
std::string OpenTable(const std::string& test_id, const std::vector<std::string>& headers,
                      size_t text_columns = 1, const std::string& caption = "") {
  std::string html = fmt::format(
      "<div class=\"table-scroll\">\n<table id=\"{0}\" data-testid=\"{0}\">\n", test_id);
  if (!caption.empty()) html += "<caption>" + EscapeHtml(caption) + "</caption>\n";
  html += "<thead><tr>";
  for (size_t i = 0; i < headers.size(); ++i) {
    html += fmt::format("<th scope=\"col\"{}>{}</th>", i < text_columns ? "" : " class=\"num\"",
                        EscapeHtml(headers[i]));
  }
  return html + "</tr></thead>\n";
}

// Returns the sprints of `rows` as (sprint_id, label), left to right by number.
// Sprints without a number go last because they cannot be ordered.
template <typename Row>
std::vector<std::pair<std::string, std::string>> SprintsInOrder(const std::vector<Row>& rows) {
  std::vector<const Row*> firsts;
  for (const Row& row : rows) {
    bool seen = std::any_of(firsts.begin(), firsts.end(),
                            [&](const Row* first) { return first->sprint_id == row.sprint_id; });
    if (!seen) firsts.push_back(&row);
  }
  std::stable_sort(firsts.begin(), firsts.end(), [](const Row* a, const Row* b) {
    return std::make_tuple(!a->sprint_number.has_value(), a->sprint_number) <
           std::make_tuple(!b->sprint_number.has_value(), b->sprint_number);
  });

  std::vector<std::pair<std::string, std::string>> sprints;
  for (const Row* row : firsts) {
    std::string label = row->sprint_name;
    if (label.empty() && row->sprint_number.has_value()) {
      label = "Sprint " + std::to_string(*row->sprint_number);
    }
    if (label.empty()) label = row->sprint_id;
    sprints.emplace_back(row->sprint_id, label);
  }
  return sprints;
}

// Returns the squads of `rows` as (squad_id, squad_name), ordered by name with
// the "(none)" squad last. A renamed squad keeps its id, so it is listed once
// under the name of its latest sprint.
template <typename Row>
std::vector<std::pair<std::string, std::string>> SquadsByName(const std::vector<Row>& rows) {
  std::map<std::string, const Row*> latest_by_id;
  for (const Row& row : rows) {
    const Row*& latest = latest_by_id[row.squad_id];
    if (latest == nullptr || latest->sprint_number < row.sprint_number) latest = &row;
  }

  std::vector<std::pair<std::string, std::string>> squads;
  for (const auto& [id, row] : latest_by_id) squads.emplace_back(id, row->squad_name);
  std::sort(squads.begin(), squads.end(), [](const auto& a, const auto& b) {
    return std::make_tuple(a.first == kNoSquadId, a.second, a.first) <
           std::make_tuple(b.first == kNoSquadId, b.second, b.first);
  });
  return squads;
}

// A chart of hundreds of pairs is too long to read, so it shows only the
// pairs with the most contracted or delivered points, kept in `rows` order.
constexpr size_t kMaxChartedPairs = 40;

std::vector<const CustomerServiceRow*> LargestPairs(const std::vector<CustomerServiceRow>& rows) {
  std::vector<size_t> order(rows.size());
  for (size_t i = 0; i < rows.size(); ++i) order[i] = i;
  auto size_of = [&](size_t i) {
    return std::max(rows[i].contracted_points, rows[i].delivered_points);
  };
  std::stable_sort(order.begin(), order.end(),
                   [&](size_t a, size_t b) { return size_of(a) > size_of(b); });
  if (order.size() > kMaxChartedPairs) order.resize(kMaxChartedPairs);
  std::sort(order.begin(), order.end());

  std::vector<const CustomerServiceRow*> largest;
  for (size_t i : order) largest.push_back(&rows[i]);
  return largest;
}

// Explains why the delivered points differ from the headline's points done,
// with the points done on tasks without a customer.
std::string DeliveredPointsNote(const ReportData& data, const LocaleFormat& locale) {
  return "<p class=\"note\" id=\"customer-service-note\" data-testid=\"customer-service-note\">" +
         EscapeHtml(
             "Delivered points count only tasks with a customer, done within the "
             "sprint's dates in any list. Points done in the headline counts every done "
             "task in the sprint list, with or without a customer, so the two can "
             "differ. Tasks without a customer account for " +
             FormatQuantity(PointsDoneWithoutCustomer(data), 2, kPointUnit, locale) +
             " of the points done.") +
         "</p>\n";
}

}  // namespace

double PointsDoneWithoutCustomer(const ReportData& data) {
  double points = 0;
  for (const VelocityRow& row : data.velocity) {
    if (row.sprint_id == data.sprint_id) points += row.points_done_without_customer;
  }
  return points;
}

std::vector<std::pair<std::string, std::string>> VelocitySquads(const ReportData& data) {
  return SquadsByName(data.velocity);
}

std::string RenderVelocitySection(const ReportData& data, const LocaleFormat& locale) {
  std::string html = OpenSection("Velocity: points done per squad");
  if (data.velocity.empty()) {
    return html +
           EmptyNote("velocity-empty",
                     "No data for this sprint: no squad had tasks in "
                     "the sprints shown.") +
           "</section>\n";
  }

  std::vector<std::pair<std::string, std::string>> sprints = SprintsInOrder(data.velocity);
  std::vector<std::pair<std::string, std::string>> squads = VelocitySquads(data);
  GroupedBarChart chart;
  chart.test_id = "velocity-chart";
  chart.caption = "Points done per squad in the last " + std::to_string(sprints.size()) +
                  (sprints.size() == 1 ? " sprint" : " sprints");
  chart.unit = kPointUnit;
  for (const auto& squad : squads) chart.series.push_back(squad.second);
  for (const auto& [sprint_id, label] : sprints) {
    chart.groups.push_back(label);
    std::vector<double> values(squads.size(), 0.0);
    for (const VelocityRow& row : data.velocity) {
      if (row.sprint_id != sprint_id) continue;
      for (size_t s = 0; s < squads.size(); ++s) {
        if (squads[s].first == row.squad_id) values[s] += row.points_done;
      }
    }
    chart.values.push_back(std::move(values));
  }
  return html + RenderGroupedBarChart(chart, locale) + "</section>\n";
}

std::string RenderThroughputSection(const ReportData& data, const LocaleFormat& locale) {
  std::string html = OpenSection("Throughput: tasks done per squad");
  if (data.throughput.empty()) {
    return html +
           EmptyNote("throughput-empty",
                     "No data for this sprint: no squad had tasks in "
                     "the sprints shown.") +
           "</section>\n";
  }

  // One row per squad and one column per sprint, each cell "done / total"
  // where total counts every task in the sprint list at its end.
  std::vector<std::pair<std::string, std::string>> sprints = SprintsInOrder(data.throughput);
  std::vector<std::pair<std::string, std::string>> squads = SquadsByName(data.throughput);
  std::vector<std::string> headers = {"Squad"};
  for (const auto& sprint : sprints) headers.push_back(sprint.second);
  html += OpenTable("throughput-table", headers, 1,
                    "Each cell: tasks done / all tasks in the sprint at its end, done or "
                    "carried over");

  html += "<tbody>\n";
  for (const auto& [squad_id, squad_name] : squads) {
    html += "<tr><td>" + EscapeHtml(squad_name) + "</td>";
    for (const auto& sprint : sprints) {
      double done = 0, total = 0;
      for (const ThroughputRow& row : data.throughput) {
        if (row.sprint_id != sprint.first || row.squad_id != squad_id) continue;
        done += row.tasks_done;
        total += row.tasks_total;
      }
      html += NumberCell(FormatNumber(done, 2, locale) + " / " + FormatNumber(total, 2, locale));
    }
    html += "</tr>\n";
  }
  return html + "</tbody>\n</table>\n</div>\n</section>\n";
}

std::string RenderCustomerServiceSection(const ReportData& data, const LocaleFormat& locale) {
  std::string html = OpenSection("Contracted vs delivered points per customer and service");
  if (data.customer_service.empty()) {
    return html +
           EmptyNote("customer-service-empty",
                     "No data for this sprint: no customer "
                     "had contracted or delivered points.") +
           "</section>\n";
  }

  std::vector<CustomerServiceRow> rows = data.customer_service;
  std::stable_sort(rows.begin(), rows.end(),
                   [](const CustomerServiceRow& a, const CustomerServiceRow& b) {
                     return std::tie(a.customer_name, a.customer_id, a.service_name) <
                            std::tie(b.customer_name, b.customer_id, b.service_name);
                   });

  html += DeliveredPointsNote(data, locale);

  PairedBarChart chart{"customer-service-chart",
                       "Contracted and delivered points",
                       kPointUnit,
                       "Contracted",
                       "Delivered",
                       {}};
  std::vector<const CustomerServiceRow*> charted = LargestPairs(rows);
  if (charted.size() < rows.size()) {
    chart.caption += fmt::format(
        ": the {} largest of {} customer and service pairs; the table "
        "lists them all",
        charted.size(), rows.size());
  }
  for (const CustomerServiceRow* row : charted) {
    chart.bars.push_back({row->customer_name + " · " + row->service_name, row->contracted_points,
                          row->delivered_points});
  }
  html += RenderPairedBarChart(chart, locale);

  html += OpenTable("customer-service-table",
                    {"Customer / service", "Contract value", "Recurring revenue / month",
                     "Contracted points", "Delivered points", "Balance"});
  html += "<tbody>\n";
  CustomerServiceRow total;
  for (const CustomerServiceRow& row : rows) {
    html += fmt::format(
        "<tr><td>{}<br><span class=\"sub\">{}</span></td>{}{}{}{}{}</tr>\n",
        EscapeHtml(row.customer_name), EscapeHtml(row.service_name),
        NumberCell(FormatFixed(row.contract_value, 2, locale)),
        NumberCell(FormatFixed(row.recurring_revenue, 2, locale)),
        NumberCell(FormatNumber(row.contracted_points, 2, locale)),
        NumberCell(FormatNumber(row.delivered_points, 2, locale)),
        NumberCell(FormatNumber(row.points_balance, 2, locale), row.points_balance < 0));
    total.contract_value += row.contract_value;
    total.recurring_revenue += row.recurring_revenue;
    total.contracted_points += row.contracted_points;
    total.delivered_points += row.delivered_points;
    total.points_balance += row.points_balance;
  }
  html += fmt::format(
      "</tbody>\n<tfoot><tr><th scope=\"row\">Total</th>{}{}{}{}{}</tr></tfoot>\n",
      NumberCell(FormatFixed(total.contract_value, 2, locale)),
      NumberCell(FormatFixed(total.recurring_revenue, 2, locale)),
      NumberCell(FormatNumber(total.contracted_points, 2, locale)),
      NumberCell(FormatNumber(total.delivered_points, 2, locale)),
      NumberCell(FormatNumber(total.points_balance, 2, locale), total.points_balance < 0));
  return html + "</table>\n</div>\n</section>\n";
}

std::string RenderCarryOverSection(const ReportData& data, const LocaleFormat& locale) {
  std::string html = OpenSection("Carried over to the next sprint");
  if (data.carry_over.empty()) {
    return html + EmptyNote("carry-over-empty", "No task was carried over from this sprint.") +
           "</section>\n";
  }

  // Squads sorted by name with "(none)" last. Each squad's swatch has its
  // velocity chart colour, so readers can match the two.
  std::vector<std::pair<std::string, std::string>> squads = VelocitySquads(data);
  using SquadKey = std::tuple<bool, std::string, std::string>;  // is_none, name, id
  std::map<SquadKey, std::vector<const CarryOverRow*>> by_squad;
  for (const CarryOverRow& row : data.carry_over) {
    by_squad[{row.squad_id == kNoSquadId, row.squad_name, row.squad_id}].push_back(&row);
  }

  html += OpenTable("carry-over-table", {"Squad / task", "Status", "Points"}, 2);
  for (const auto& [squad, tasks] : by_squad) {
    const auto& [is_none, squad_name, squad_id] = squad;
    double points = 0;
    for (const CarryOverRow* task : tasks) points += task->points;
    auto it = std::find_if(squads.begin(), squads.end(),
                           [&](const auto& known) { return known.first == squad_id; });
    std::string swatch = it == squads.end() ? ""
                                            : "<span class=\"swatch\" style=\"background:" +
                                                  SeriesColor(it - squads.begin()) + "\"></span>";
    html += fmt::format(
        "<tbody>\n<tr class=\"group\"><th scope=\"rowgroup\" colspan=\"2\">{}{} ({} {})</th>{}"
        "</tr>\n",
        swatch, EscapeHtml(squad_name), tasks.size(), tasks.size() == 1 ? "task" : "tasks",
        NumberCell(FormatNumber(points, 2, locale)));
    for (const CarryOverRow* task : tasks) {
      html += fmt::format("<tr><td>{}<br><span class=\"sub\">{}</span></td><td>{}</td>{}</tr>\n",
                          EscapeHtml(task->task_name), EscapeHtml(task->task_id),
                          EscapeHtml(task->status_label),
                          NumberCell(FormatNumber(task->points, 2, locale)));
    }
    html += "</tbody>\n";
  }
  return html + "</table>\n</div>\n</section>\n";
}

}  // namespace sprintetl::report
