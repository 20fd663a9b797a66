#include "report/sprint_detail_reader.h"

#include "report/view_reader.h"

namespace sprintetl::report {

namespace {

// Reads a nullable number: NULL stays empty instead of reading as 0, so the
// report can show that a property was not set.
Result<std::optional<double>> OptionalNumber(const ViewRows& view, size_t row,
                                             const std::string& column) {
  if (view.Text(row, column).empty()) return std::optional<double>();
  SPRINTETL_ASSIGN_OR_RETURN(double value, view.Number(row, column));
  return std::optional<double>(value);
}

// Reads a boolean as DuckDB and BigQuery print it.
bool Flag(const ViewRows& view, size_t row, const std::string& column) {
  std::string text = view.Text(row, column);
  return text == "true" || text == "TRUE" || text == "1";
}

}  // namespace

Result<std::vector<StatusMixRow>> ReadStatusMix(warehouse::Warehouse& wh,
                                                const std::string& sprint_id) {
  SPRINTETL_ASSIGN_OR_RETURN(ViewRows view,
                             ViewRows::Read(wh, "rpt_status_mix",
                                            {"sprint_id", "squad_id", "squad_name", "status_label",
                                             "category", "is_done", "tasks", "points"},
                                            sprint_id));
  std::vector<StatusMixRow> rows(view.size());
  for (size_t i = 0; i < view.size(); ++i) {
    StatusMixRow& row = rows[i];
    row.sprint_id = view.Text(i, "sprint_id");
    row.squad_id = view.Text(i, "squad_id");
    row.squad_name = view.Text(i, "squad_name");
    row.status_label = view.Text(i, "status_label");
    row.category = view.Text(i, "category");
    row.is_done = Flag(view, i, "is_done");
    SPRINTETL_ASSIGN_OR_RETURN(row.tasks, view.Number(i, "tasks"));
    SPRINTETL_ASSIGN_OR_RETURN(row.points, view.Number(i, "points"));
  }
  return rows;
}

Result<std::vector<SprintTaskRow>> ReadSprintTasks(warehouse::Warehouse& wh,
                                                   const std::string& sprint_id) {
  SPRINTETL_ASSIGN_OR_RETURN(
      ViewRows view, ViewRows::Read(wh, "rpt_sprint_task",
                                    {"sprint_id", "squad_id", "squad_name", "task_id", "task_name",
                                     "status_label", "category", "points", "assignees", "outcome"},
                                    sprint_id));
  std::vector<SprintTaskRow> rows(view.size());
  for (size_t i = 0; i < view.size(); ++i) {
    SprintTaskRow& row = rows[i];
    row.sprint_id = view.Text(i, "sprint_id");
    row.squad_id = view.Text(i, "squad_id");
    row.squad_name = view.Text(i, "squad_name");
    row.task_id = view.Text(i, "task_id");
    row.task_name = view.Text(i, "task_name");
    row.status_label = view.Text(i, "status_label");
    row.category = view.Text(i, "category");
    SPRINTETL_ASSIGN_OR_RETURN(row.points, view.Number(i, "points"));
    row.assignees = view.Text(i, "assignees");
    row.outcome = view.Text(i, "outcome");
  }
  return rows;
}

Result<std::vector<CustomerChangeRow>> ReadCustomerChanges(warehouse::Warehouse& wh,
                                                           const std::string& sprint_id) {
  SPRINTETL_ASSIGN_OR_RETURN(
      ViewRows view,
      ViewRows::Read(wh, "rpt_customer_change",
                     {"sprint_id", "customer_id", "customer_name", "changed_at", "change_kind",
                      "squad_id_before", "squad_name_before", "squad_id_after", "squad_name_after",
                      "contracted_points_before", "contracted_points_after", "services_before",
                      "services_after"},
                     sprint_id));
  std::vector<CustomerChangeRow> rows(view.size());
  for (size_t i = 0; i < view.size(); ++i) {
    CustomerChangeRow& row = rows[i];
    row.sprint_id = view.Text(i, "sprint_id");
    row.customer_id = view.Text(i, "customer_id");
    row.customer_name = view.Text(i, "customer_name");
    // Seconds are enough, whatever fraction the backend prints.
    row.changed_at = view.Text(i, "changed_at").substr(0, 19);
    row.change_kind = view.Text(i, "change_kind");
    row.squad_id_before = view.Text(i, "squad_id_before");
    row.squad_name_before = view.Text(i, "squad_name_before");
    row.squad_id_after = view.Text(i, "squad_id_after");
    row.squad_name_after = view.Text(i, "squad_name_after");
    SPRINTETL_ASSIGN_OR_RETURN(row.contracted_points_before,
                               OptionalNumber(view, i, "contracted_points_before"));
    SPRINTETL_ASSIGN_OR_RETURN(row.contracted_points_after,
                               OptionalNumber(view, i, "contracted_points_after"));
    row.services_before = view.Text(i, "services_before");
    row.services_after = view.Text(i, "services_after");
  }
  return rows;
}

}  // namespace sprintetl::report
