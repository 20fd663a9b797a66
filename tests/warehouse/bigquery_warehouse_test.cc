// BigQueryWarehouse against the fake BigQuery: datasets, query jobs, load
// jobs, transactions, retries and error messages.
#include <gtest/gtest.h>

#include "warehouse/bigquery_harness.h"

namespace sprintetl::warehouse {
namespace {

using testing::BigQueryHarness;

constexpr char kCreateItems[] =
    "CREATE TABLE IF NOT EXISTS `items` (id INT64 NOT NULL, name STRING, created_at TIMESTAMP, "
    "tags ARRAY<STRING>, done BOOL, due_day DATE, points FLOAT64)";

constexpr char kItemRows[] =
    R"({"id": 1, "name": "first", "created_at": "2026-11-17T12:00:00Z", "tags": ["a", "b"], "done": true, "due_day": "2026-11-17", "points": 1.5})"
    "\n"
    R"({"id": 2, "name": null, "created_at": "2026-11-18T08:30:00.250Z", "tags": [], "done": false})"
    "\n";

#define ASSERT_OK(expression)                                      \
  do {                                                             \
    Status status_of_call = (expression);                          \
    ASSERT_TRUE(status_of_call.ok()) << status_of_call.ToString(); \
  } while (false)

std::unique_ptr<BigQueryWarehouse> OpenOrDie(BigQueryHarness& harness) {
  auto opened = harness.Open();
  EXPECT_TRUE(opened.ok()) << opened.status().ToString();
  return opened.ok() ? std::move(opened).value() : nullptr;
}

TEST(BigQueryWarehouseTest, CreatesDatasetInLocationOnFirstUse) {
  BigQueryHarness harness;
  auto warehouse = OpenOrDie(harness);
  ASSERT_NE(warehouse, nullptr);
  EXPECT_EQ(warehouse->Dialect(), "bigquery");
  EXPECT_EQ(harness.CountRequests("/datasets"), 0);

  ASSERT_OK(warehouse->Execute(kCreateItems));
  auto requests = harness.fake().requests();
  int inserts = 0;
  for (const auto& request : requests) {
    if (request.method == "POST" && request.path == "/bigquery/v2/projects/test-project/datasets") {
      ++inserts;
      EXPECT_NE(request.body.find(R"("location":"EU")"), std::string::npos);
    }
  }
  EXPECT_EQ(inserts, 1);
}

TEST(BigQueryWarehouseTest, DatasetInOtherLocationIsClearError) {
  BigQueryHarness harness;
  harness.fake().AddDataset("sprintetl_test", "US");
  auto warehouse = OpenOrDie(harness);
  Status status = warehouse->Execute(kCreateItems);
  ASSERT_FALSE(status.ok());
  EXPECT_EQ(status.code(), StatusCode::kFailedPrecondition);
  EXPECT_EQ(status.message(),
            "BigQuery dataset test-project.sprintetl_test is in location US, not EU; set "
            "warehouse.bigquery.location = \"US\" or choose another dataset");
}

TEST(BigQueryWarehouseTest, QueryReturnsTextInDuckDbForm) {
  BigQueryHarness harness;
  auto warehouse = OpenOrDie(harness);
  ASSERT_OK(warehouse->Execute(kCreateItems));
  ASSERT_TRUE(
      warehouse
          ->Execute(
              "INSERT INTO `items` (id, name, created_at, tags, done, due_day, points) VALUES "
              "(1, 'first', TIMESTAMP '2026-11-17 12:00:00.5', ['a', 'b'], true, "
              "DATE '2026-11-17', 2.5), (2, NULL, NULL, [], false, NULL, NULL)")
          .ok());
  auto result = warehouse->Query("SELECT * FROM `items` ORDER BY id");
  ASSERT_TRUE(result.ok()) << result.status().ToString();
  ASSERT_EQ(result->rows.size(), 2u);
  EXPECT_EQ(result->columns, (std::vector<std::string>{"id", "name", "created_at", "tags", "done",
                                                       "due_day", "points"}));
  const auto& first = result->rows[0];
  EXPECT_EQ(first[0], "1");
  EXPECT_EQ(first[1], "first");
  EXPECT_EQ(first[2], "2026-11-17 12:00:00.5");
  EXPECT_EQ(first[3], "[a, b]");
  EXPECT_EQ(first[4], "true");
  EXPECT_EQ(first[5], "2026-11-17");
  EXPECT_EQ(first[6], "2.5");
  EXPECT_EQ(result->rows[1][1], std::nullopt);
  EXPECT_EQ(result->rows[1][2], std::nullopt);
  EXPECT_EQ(result->rows[1][3], "[]");
}

TEST(BigQueryWarehouseTest, QueryReadsEveryPage) {
  BigQueryHarness harness;
  harness.options().client.page_size = 2;
  auto warehouse = OpenOrDie(harness);
  auto result = warehouse->Query("SELECT * FROM range(5) AS r(n) ORDER BY n");
  ASSERT_TRUE(result.ok()) << result.status().ToString();
  ASSERT_EQ(result->rows.size(), 5u);
  EXPECT_EQ(result->rows[4][0], "4");
  EXPECT_EQ(harness.CountRequests("/queries/"), 3);
}

TEST(BigQueryWarehouseTest, PollsRunningJobUntilDone) {
  fakes::FakeBigQueryOptions options;
  options.polls_before_done = 3;
  BigQueryHarness harness(options);
  auto warehouse = OpenOrDie(harness);
  auto result = warehouse->Query("SELECT 42 AS answer");
  ASSERT_TRUE(result.ok()) << result.status().ToString();
  EXPECT_EQ(result->rows.at(0).at(0), "42");
  EXPECT_EQ(harness.CountRequests("/jobs/"), 4);  // three RUNNING, then DONE
}

TEST(BigQueryWarehouseTest, LoadNdjsonAppendsRowsThroughLoadJob) {
  BigQueryHarness harness;
  auto warehouse = OpenOrDie(harness);
  ASSERT_OK(warehouse->Execute(kCreateItems));
  std::string path = harness.WriteStageFile("run-1", "items", kItemRows);
  auto rows = warehouse->LoadNdjson("items", path);
  ASSERT_TRUE(rows.ok()) << rows.status().ToString();
  EXPECT_EQ(*rows, 2);
  EXPECT_EQ(harness.fake().load_jobs(), 1);
  EXPECT_EQ(harness.CountRequests("/upload/bigquery/v2/projects/test-project/jobs"), 1);
  EXPECT_EQ(harness.CountRequests("insertAll"), 0);

  auto loaded = warehouse->Query("SELECT name, created_at, tags FROM `items` ORDER BY id");
  ASSERT_TRUE(loaded.ok()) << loaded.status().ToString();
  ASSERT_EQ(loaded->rows.size(), 2u);
  EXPECT_EQ(loaded->rows[0][1], "2026-11-17 12:00:00");
  EXPECT_EQ(loaded->rows[0][2], "[a, b]");
  EXPECT_EQ(loaded->rows[1][1], "2026-11-18 08:30:00.25");
  // The load table is dropped once its rows are copied.
  EXPECT_EQ(harness.fake().Scalar("SELECT count(*) FROM information_schema.tables "
                                  "WHERE table_name LIKE '_sprintetl_load%'"),
            "0");
}

TEST(BigQueryWarehouseTest, LoadParquetGivesSameRows) {
  BigQueryHarness harness;
  harness.settings().load_format = "parquet";
  auto warehouse = OpenOrDie(harness);
  ASSERT_OK(warehouse->Execute(kCreateItems));
  auto rows = warehouse->LoadNdjson("items", harness.WriteStageFile("run-1", "items", kItemRows));
  ASSERT_TRUE(rows.ok()) << rows.status().ToString();
  EXPECT_EQ(*rows, 2);
  auto requests = harness.fake().requests();
  bool parquet_sent = false;
  for (const auto& request : requests) {
    if (request.body.find(R"("sourceFormat":"PARQUET")") != std::string::npos) parquet_sent = true;
  }
  EXPECT_TRUE(parquet_sent);

  auto loaded = warehouse->Query(
      "SELECT name, created_at, tags, done, due_day, points FROM `items` ORDER BY id");
  ASSERT_TRUE(loaded.ok()) << loaded.status().ToString();
  ASSERT_EQ(loaded->rows.size(), 2u);
  EXPECT_EQ(loaded->rows[0][1], "2026-11-17 12:00:00");
  EXPECT_EQ(loaded->rows[0][2], "[a, b]");
  EXPECT_EQ(loaded->rows[0][3], "true");
  EXPECT_EQ(loaded->rows[0][4], "2026-11-17");
  EXPECT_EQ(loaded->rows[0][5], "1.5");
  EXPECT_EQ(loaded->rows[1][1], "2026-11-18 08:30:00.25");
}

TEST(BigQueryWarehouseTest, LoadIntoMissingTableIsNotFound) {
  BigQueryHarness harness;
  auto warehouse = OpenOrDie(harness);
  auto rows = warehouse->LoadNdjson("missing", harness.WriteStageFile("run-1", "missing", "{}\n"));
  ASSERT_FALSE(rows.ok());
  EXPECT_EQ(rows.status().code(), StatusCode::kNotFound);
  EXPECT_EQ(rows.status().message(),
            "table missing not found in BigQuery dataset sprintetl_test; create the schema first");
}

TEST(BigQueryWarehouseTest, LostLoadResponseDoesNotLoadTwice) {
  BigQueryHarness harness;
  auto warehouse = OpenOrDie(harness);
  ASSERT_OK(warehouse->Execute(kCreateItems));
  // The job runs, but its response is lost: the retry meets 409 duplicate.
  harness.fake().InjectError("/upload/", 503, "backendError", 1, /*after_handling=*/true);
  auto rows = warehouse->LoadNdjson("items", harness.WriteStageFile("run-1", "items", kItemRows));
  ASSERT_TRUE(rows.ok()) << rows.status().ToString();
  EXPECT_EQ(*rows, 2);
  EXPECT_EQ(harness.CountRequests("/upload/"), 2);
  EXPECT_EQ(harness.fake().load_jobs(), 1);
  EXPECT_EQ(harness.fake().Scalar("SELECT count(*) FROM sprintetl_test.items"), "2");
}

TEST(BigQueryWarehouseTest, LoadJobIdComesFromRunAndTable) {
  BigQueryHarness harness;
  auto warehouse = OpenOrDie(harness);
  ASSERT_OK(warehouse->Execute(kCreateItems));
  ASSERT_TRUE(
      warehouse->LoadNdjson("items", harness.WriteStageFile("run-7", "items", kItemRows)).ok());
  bool found = false;
  for (const auto& request : harness.fake().requests()) {
    if (request.path.find("/upload/") == std::string::npos) continue;
    found =
        request.body.find(R"("jobId":"sprintetl_load_run-7_items_ndjson_)") != std::string::npos;
  }
  EXPECT_TRUE(found);
}

TEST(BigQueryWarehouseTest, RetriesBackendErrorAndRateLimit) {
  BigQueryHarness harness;
  auto warehouse = OpenOrDie(harness);
  harness.fake().InjectError("/jobs", 503, "backendError");
  harness.fake().InjectError("/jobs", 403, "rateLimitExceeded");
  harness.fake().InjectError("/queries/", 500, "internalError");
  auto result = warehouse->Query("SELECT 1 AS one");
  ASSERT_TRUE(result.ok()) << result.status().ToString();
  EXPECT_EQ(result->rows.at(0).at(0), "1");
  EXPECT_EQ(harness.fake().query_jobs(), 1);
}

TEST(BigQueryWarehouseTest, GivesUpAfterMaxAttempts) {
  BigQueryHarness harness;
  harness.options().client.max_attempts = 3;
  auto warehouse = OpenOrDie(harness);
  ASSERT_TRUE(warehouse->Execute("SELECT 1").ok());
  harness.fake().InjectError("/jobs", 503, "backendError", 10);
  Status status = warehouse->Execute("SELECT 2");
  ASSERT_FALSE(status.ok());
  EXPECT_EQ(status.code(), StatusCode::kUnavailable);
  EXPECT_NE(status.message().find("(after 3 tries)"), std::string::npos);
}

TEST(BigQueryWarehouseTest, InvalidQueryFailsOnceWithLocation) {
  BigQueryHarness harness;
  auto warehouse = OpenOrDie(harness);
  auto result = warehouse->Query("SELECT no_such_column FROM `no_such_table`");
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.status().code(), StatusCode::kInvalidArgument);
  const std::string& message = result.status().message();
  EXPECT_EQ(message.find('\n'), std::string::npos);
  // The job itself failed, so the error comes from status.errorResult, without an HTTP status.
  EXPECT_NE(message.find("failed: invalidQuery: "), std::string::npos) << message;
  EXPECT_NE(message.find("[location: query]"), std::string::npos);
  EXPECT_NE(message.find("fix the SQL"), std::string::npos);
  EXPECT_EQ(harness.fake().query_jobs(), 1);
}

TEST(BigQueryWarehouseTest, AccessDeniedNamesRolesAndIsNotRetried) {
  BigQueryHarness harness;
  auto warehouse = OpenOrDie(harness);
  ASSERT_TRUE(warehouse->Execute("SELECT 1").ok());
  int before = harness.CountRequests("/jobs");
  harness.fake().InjectError("/jobs", 403, "accessDenied");
  Status status = warehouse->Execute("SELECT 1");
  ASSERT_FALSE(status.ok());
  EXPECT_EQ(status.code(), StatusCode::kPermissionDenied);
  EXPECT_NE(status.message().find("accessDenied (HTTP 403)"), std::string::npos);
  EXPECT_NE(status.message().find("BigQuery Data Editor on the dataset and BigQuery Job User"),
            std::string::npos);
  EXPECT_EQ(harness.CountRequests("/jobs") - before, 1);
}

TEST(BigQueryWarehouseTest, QuotaExceededIsNotRetried) {
  BigQueryHarness harness;
  auto warehouse = OpenOrDie(harness);
  ASSERT_TRUE(warehouse->Execute("SELECT 1").ok());
  int before = harness.CountRequests("/jobs");
  harness.fake().InjectError("/jobs", 403, "quotaExceeded");
  Status status = warehouse->Execute("SELECT 1");
  ASSERT_FALSE(status.ok());
  EXPECT_EQ(status.code(), StatusCode::kFailedPrecondition);
  EXPECT_NE(status.message().find("quotaExceeded"), std::string::npos);
  EXPECT_EQ(harness.CountRequests("/jobs") - before, 1);
}

TEST(BigQueryWarehouseTest, FailedJobRetriedUnderNewId) {
  BigQueryHarness harness;
  auto warehouse = OpenOrDie(harness);
  ASSERT_TRUE(warehouse->Execute("SELECT 1").ok());
  harness.fake().InjectJobError("backendError");
  auto result = warehouse->Query("SELECT 7 AS seven");
  ASSERT_TRUE(result.ok()) << result.status().ToString();
  EXPECT_EQ(result->rows.at(0).at(0), "7");
  EXPECT_EQ(harness.CountRequests("_r1"), 2);  // jobs.get and getQueryResults of the new id
}

TEST(BigQueryWarehouseTest, TransactionRunsAsOneScript) {
  BigQueryHarness harness;
  auto warehouse = OpenOrDie(harness);
  ASSERT_OK(warehouse->Execute(kCreateItems));
  int jobs_before = harness.fake().query_jobs();

  ASSERT_TRUE(warehouse->Begin().ok());
  ASSERT_TRUE(warehouse->Execute("INSERT INTO `items` (id, name) VALUES (10, 'ten')").ok());
  auto rows = warehouse->LoadNdjson("items", harness.WriteStageFile("run-1", "items", kItemRows));
  ASSERT_TRUE(rows.ok()) << rows.status().ToString();
  ASSERT_TRUE(warehouse->Execute("DELETE FROM `items` WHERE id = 1;").ok());
  // Nothing is visible before Commit.
  EXPECT_EQ(harness.fake().Scalar("SELECT count(*) FROM sprintetl_test.items"), "0");
  ASSERT_TRUE(warehouse->Commit().ok());

  EXPECT_EQ(harness.fake().Scalar("SELECT string_agg(CAST(id AS VARCHAR), ',' ORDER BY id) "
                                  "FROM sprintetl_test.items"),
            "2,10");
  // One script job, then one job dropping the load table.
  EXPECT_EQ(harness.fake().query_jobs() - jobs_before, 2);
  bool script_seen = false;
  for (const auto& request : harness.fake().requests()) {
    if (request.body.find("BEGIN TRANSACTION;") != std::string::npos &&
        request.body.find("COMMIT TRANSACTION;") != std::string::npos) {
      script_seen = true;
    }
  }
  EXPECT_TRUE(script_seen);
}

TEST(BigQueryWarehouseTest, ViewsRunAfterTransactionCommits) {
  BigQueryHarness harness;
  auto warehouse = OpenOrDie(harness);
  ASSERT_OK(warehouse->Execute(kCreateItems));

  ASSERT_TRUE(warehouse->Begin().ok());
  ASSERT_TRUE(warehouse
                  ->Execute("INSERT INTO `items` (id) VALUES (7);\n"
                            "-- One row per item.\n"
                            "CREATE OR REPLACE VIEW `sprintetl_test.item_view` AS\n"
                            "SELECT id FROM `sprintetl_test.items`;")
                  .ok());
  ASSERT_TRUE(warehouse->Commit().ok());

  EXPECT_EQ(harness.fake().Scalar("SELECT count(*) FROM sprintetl_test.item_view"), "1");
  bool view_in_transaction = false;
  bool view_after = false;
  for (const auto& request : harness.fake().requests()) {
    bool has_view = request.body.find("CREATE OR REPLACE VIEW") != std::string::npos;
    if (has_view && request.body.find("BEGIN TRANSACTION;") != std::string::npos) {
      view_in_transaction = true;
    } else if (has_view) {
      view_after = true;
    }
  }
  EXPECT_FALSE(view_in_transaction);
  EXPECT_TRUE(view_after);
}

TEST(BigQueryWarehouseTest, FailedTransactionChangesNothing) {
  BigQueryHarness harness;
  auto warehouse = OpenOrDie(harness);
  ASSERT_OK(warehouse->Execute(kCreateItems));
  ASSERT_TRUE(warehouse->Begin().ok());
  ASSERT_TRUE(warehouse->Execute("INSERT INTO `items` (id) VALUES (1)").ok());
  ASSERT_TRUE(warehouse->Execute("INSERT INTO `no_such_table` (id) VALUES (2)").ok());
  Status status = warehouse->Commit();
  ASSERT_FALSE(status.ok());
  EXPECT_NE(status.message().find("transaction of 2 statements, rolled back by BigQuery; "
                                  "failing statement 2: INSERT INTO `no_such_table` (id)"),
            std::string::npos)
      << status.message();
  EXPECT_EQ(harness.fake().Scalar("SELECT count(*) FROM sprintetl_test.items"), "0");
}

TEST(BigQueryWarehouseTest, RollbackSendsNothing) {
  BigQueryHarness harness;
  auto warehouse = OpenOrDie(harness);
  ASSERT_OK(warehouse->Execute(kCreateItems));
  int jobs_before = harness.fake().query_jobs();
  ASSERT_TRUE(warehouse->Begin().ok());
  ASSERT_TRUE(warehouse->Execute("INSERT INTO `items` (id) VALUES (1)").ok());
  ASSERT_TRUE(warehouse->Rollback().ok());
  EXPECT_EQ(harness.fake().query_jobs(), jobs_before);
  EXPECT_EQ(harness.fake().Scalar("SELECT count(*) FROM sprintetl_test.items"), "0");
}

TEST(BigQueryWarehouseTest, DryRunReturnsBytesAndRunsNothing) {
  BigQueryHarness harness;
  auto warehouse = OpenOrDie(harness);
  ASSERT_OK(warehouse->Execute(kCreateItems));
  ASSERT_TRUE(
      warehouse->LoadNdjson("items", harness.WriteStageFile("run-1", "items", kItemRows)).ok());
  int jobs_before = harness.fake().query_jobs();
  auto bytes = warehouse->DryRunBytes("SELECT count(*) FROM `items`");
  ASSERT_TRUE(bytes.ok()) << bytes.status().ToString();
  EXPECT_GT(*bytes, 0);
  EXPECT_EQ(harness.fake().query_jobs(), jobs_before);

  auto invalid = warehouse->DryRunBytes("SELECT nope FROM `items`");
  ASSERT_FALSE(invalid.ok());
  EXPECT_NE(invalid.status().message().find("invalidQuery"), std::string::npos);
}

TEST(BigQueryWarehouseTest, RevokedTokenIsReplacedOnce) {
  BigQueryHarness harness;
  auto warehouse = OpenOrDie(harness);
  ASSERT_TRUE(warehouse->Execute("SELECT 1").ok());
  harness.fake().RevokeTokens();
  ASSERT_TRUE(warehouse->Execute("SELECT 2").ok());
  EXPECT_EQ(harness.fake().token_requests(), 2);
}

TEST(OpenWarehouseTest, BigQueryKindOpensBigQueryBackend) {
  BigQueryHarness harness;
  config::Warehouse settings;
  settings.kind = "bigquery";
  settings.bigquery = harness.settings();
  auto opened = OpenWarehouse(settings);
  ASSERT_TRUE(opened.ok()) << opened.status().ToString();
  EXPECT_EQ((*opened)->Dialect(), "bigquery");
}

TEST(OpenWarehouseTest, BigQueryNeedsProjectAndDataset) {
  config::Warehouse settings;
  settings.kind = "bigquery";
  auto opened = OpenWarehouse(settings);
  ASSERT_FALSE(opened.ok());
  EXPECT_EQ(opened.status().code(), StatusCode::kInvalidArgument);
}

}  // namespace
}  // namespace sprintetl::warehouse
