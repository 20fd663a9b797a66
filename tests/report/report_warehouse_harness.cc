#include "report/report_warehouse_harness.h"

#include <string>
#include <vector>

namespace sprintetl::testing {

namespace {

// Statements that need `{n}` replaced by the customer count. range(1, n + 1)
// numbers the customers; task j of customer i is "t<sprint>-<i>-<j>".
const std::vector<std::string>& CustomerStatements() {
  static const std::vector<std::string> kStatements = {
      // Customers without a change: one current version since January.
      "INSERT INTO dim_customer "
      "SELECT i, 'c' || lpad(CAST(i AS VARCHAR), 4, '0'), "
      "       'Customer ' || i || ' Marketing Services Ltd', NULL, "
      "       'squad_' || chr(CAST(97 + i % 3 AS INTEGER)), 'customer', NULL, "
      "       CAST(10 + (i % 7) * 5 AS DECIMAL(9,2)), ['seo', 'ads'], NULL, 'h' || i, "
      "       TIMESTAMP '2026-01-01 00:00:00', NULL, true, false, 'synthetic', NULL "
      "FROM range(1, {n} + 1) r(i) WHERE i % 10 <> 0",
      // Every tenth customer: a first version closed inside sprint 42 ...
      "INSERT INTO dim_customer "
      "SELECT i, 'c' || lpad(CAST(i AS VARCHAR), 4, '0'), "
      "       'Customer ' || i || ' Marketing Services Ltd', NULL, "
      "       'squad_' || chr(CAST(97 + i % 3 AS INTEGER)), 'customer', NULL, "
      "       CAST(10 + (i % 7) * 5 AS DECIMAL(9,2)), ['seo'], NULL, 'h' || i, "
      "       TIMESTAMP '2026-01-01 00:00:00', TIMESTAMP '2026-11-10 09:30:00', false, false, "
      "       'synthetic', NULL "
      "FROM range(1, {n} + 1) r(i) WHERE i % 10 = 0",
      // ... and a second version with the next squad and 5 more points.
      "INSERT INTO dim_customer "
      "SELECT 100000 + i, 'c' || lpad(CAST(i AS VARCHAR), 4, '0'), "
      "       'Customer ' || i || ' Marketing Services Ltd', NULL, "
      "       'squad_' || chr(CAST(97 + (i + 1) % 3 AS INTEGER)), 'customer', NULL, "
      "       CAST(15 + (i % 7) * 5 AS DECIMAL(9,2)), ['ads', 'seo'], NULL, 'h2-' || i, "
      "       TIMESTAMP '2026-11-10 09:30:00', NULL, true, false, 'synthetic', NULL "
      "FROM range(1, {n} + 1) r(i) WHERE i % 10 = 0",
      "INSERT INTO dim_task (task_id, name, status, status_label, category, customer_id, points) "
      "SELECT 't' || s.n || '-' || i || '-' || j, "
      "       'Task ' || j || ' for customer ' || i || ': campaign landing page review', "
      "       s.status, s.status, CASE (i + j) % 3 WHEN 0 THEN 'bug' WHEN 1 THEN 'feature' "
      "       ELSE 'maintenance' END, "
      "       'c' || lpad(CAST(i AS VARCHAR), 4, '0'), CAST(1 + (i + j) % 5 AS DECIMAL(9,2)) "
      "FROM range(1, {n} + 1) r(i), range(1, 3) q(j), "
      "     (SELECT 41 AS n, 'Done' AS status UNION ALL SELECT 42, 'x') s",
      "UPDATE dim_task SET status = CASE (CAST(split_part(task_id, '-', 2) AS INTEGER) + "
      "       CAST(split_part(task_id, '-', 3) AS INTEGER)) % 4 "
      "       WHEN 0 THEN 'to do' WHEN 1 THEN 'in progress' WHEN 2 THEN 'done' ELSE 'closed' END "
      "WHERE task_id LIKE 't42-%'",
      "UPDATE dim_task SET status_label = CASE status WHEN 'to do' THEN 'To do' "
      "       WHEN 'in progress' THEN 'In progress' WHEN 'done' THEN 'Done' "
      "       WHEN 'closed' THEN 'Closed' ELSE status_label END",
      "INSERT INTO fat_task_sprint (sprint_id, task_id, customer_key, squad_key, customer_id, "
      "       squad_id, status, status_label, category, points, is_done, is_carried_over) "
      "SELECT 'sp-' || substr(split_part(t.task_id, '-', 1), 2), t.task_id, c.customer_key, "
      "       q.squad_key, c.customer_id, c.squad_id, t.status, t.status_label, t.category, "
      "       t.points, t.status_label IN ('Done', 'Closed'), "
      "       t.status_label NOT IN ('Done', 'Closed') "
      "FROM dim_task t "
      "JOIN dim_customer c ON c.customer_id = t.customer_id AND c.is_current "
      "JOIN dim_squad q ON q.squad_id = c.squad_id",
      "INSERT INTO bridge_task_assignee "
      "SELECT task_id, 'm' || CAST(1 + length(task_id) % 5 AS VARCHAR), 'synthetic' "
      "FROM dim_task "
      "UNION "
      "SELECT task_id, 'm' || CAST(1 + hash(task_id) % 5 AS VARCHAR), 'synthetic' "
      "FROM dim_task",
      "INSERT INTO fat_customer_service (sprint_id, customer_key, customer_id, squad_id, "
      "       service_id, contract_value, recurring_revenue, contracted_points, "
      "       delivered_points, points_balance) "
      "SELECT s.sprint_id, c.customer_key, c.customer_id, c.squad_id, v.service_id, "
      "       1200.50 * (1 + c.customer_key % 4), 400 + c.customer_key % 9 * 25, "
      "       c.contracted_points / 2, c.customer_key % 13, "
      "       c.contracted_points / 2 - c.customer_key % 13 "
      "FROM dim_customer c "
      "CROSS JOIN (VALUES ('sp-41'), ('sp-42')) s(sprint_id) "
      "CROSS JOIN (VALUES ('seo'), ('ads')) v(service_id) "
      "WHERE c.is_current"};
  return kStatements;
}

}  // namespace

Status FillSyntheticSprint(StarHarness& star, int customers) {
  auto models = star.Apply("synthetic", {}, "2026-11-17 12:00:00");
  if (!models.ok()) return models.status();

  warehouse::Warehouse& wh = star.warehouse();
  const std::vector<std::string> fixed = {
      "INSERT INTO dim_sprint (sprint_id, name, number, start_date, end_date, end_at, is_ended) "
      "VALUES ('sp-41', 'Sprint 41 (10/20 - 11/2)', 41, DATE '2026-10-20', DATE '2026-11-02', "
      "        TIMESTAMP '2026-11-02 23:00:00', true), "
      "       ('sp-42', 'Sprint 42 (11/3 - 11/16)', 42, DATE '2026-11-03', DATE '2026-11-16', "
      "        TIMESTAMP '2026-11-16 23:00:00', true)",
      "INSERT INTO dim_squad (squad_key, squad_id, name, capacity_points, member_count, "
      "       attr_hash, valid_from, valid_to, is_current, is_deleted) "
      "VALUES (1, 'squad_a', 'Atlas', 40, 4, 'a', TIMESTAMP '2026-01-01 00:00:00', NULL, true, "
      "        false), "
      "       (2, 'squad_b', 'Boreal', 30, 3, 'b', TIMESTAMP '2026-01-01 00:00:00', NULL, true, "
      "        false), "
      "       (3, 'squad_c', 'Cirrus', 35, 3, 'c', TIMESTAMP '2026-01-01 00:00:00', NULL, true, "
      "        false)",
      "INSERT INTO dim_service (service_id, name) VALUES ('seo', 'SEO'), ('ads', 'Paid media')",
      "INSERT INTO dim_member (member_id, username, initials, is_current) "
      "VALUES ('m1', 'Designer Ão', 'DA', true), ('m2', 'Writer', 'WR', true), "
      "       ('m3', 'Analyst Chloé', 'AC', true), ('m4', 'Editor', 'ED', true), "
      "       ('m5', 'Strategist', 'ST', true)"};
  for (const std::string& sql : fixed) SPRINTETL_RETURN_IF_ERROR(wh.Execute(sql));
  if (customers <= 0) return Status::Ok();

  for (std::string sql : CustomerStatements()) {
    size_t at = 0;
    while ((at = sql.find("{n}", at)) != std::string::npos) {
      sql.replace(at, 3, std::to_string(customers));
    }
    SPRINTETL_RETURN_IF_ERROR(wh.Execute(sql));
  }
  return Status::Ok();
}

}  // namespace sprintetl::testing
