// BigQueryWarehouse: the BigQuery backend of the Warehouse interface, over
// BigQuery's REST API (see bigquery/bigquery_client.h).
//
// - Execute and Query run query jobs with the configured dataset as default
//   dataset, so unqualified table names resolve there. The dataset is created
//   in the configured location on first use.
// - Begin starts collecting statements; Commit runs them as one
//   multi-statement script, BEGIN TRANSACTION ... COMMIT TRANSACTION, in one
//   query job, so they apply together or not at all. Rollback drops them.
//   BigQuery rejects CREATE VIEW inside a transaction, so the collected
//   `CREATE [OR REPLACE] VIEW` statements run after the commit, in a second job.
// - LoadNdjson runs a load job (multipart upload, NDJSON or Parquet, never
//   streaming inserts) into a load table `_sprintetl_load_<job id>`, then
//   copies its rows into the target with INSERT ... SELECT, inside the open
//   transaction when there is one. Job ids come from the run id, the table
//   and a hash of the file, so a repeated load of the same file meets 409
//   duplicate and reuses the job that already ran.
//
// Not thread-safe: use one instance from one thread.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "bigquery/bigquery_client.h"
#include "bigquery/token_source.h"
#include "config/config.h"
#include "warehouse/warehouse.h"

namespace sprintetl::warehouse {

// Timings and clock, changed by tests and benchmarks.
struct BigQueryOptions {
  bigquery::ClientSettings client;  // project, dataset, location and base URL come from config
  bigquery::UnixClock clock = bigquery::SystemUnixSeconds;
};

class BigQueryWarehouse final : public Warehouse {
 public:
  // Reads the credentials the settings name; sends nothing yet. Fails with the
  // key file's error, or kInvalidArgument when project or dataset is empty.
  static Result<std::unique_ptr<BigQueryWarehouse>> Open(const config::BigQuery& settings,
                                                         BigQueryOptions options = {});

  std::string Dialect() const override { return "bigquery"; }
  std::string Dataset() const override { return client_->settings().dataset; }

  // Outside a transaction runs `sql` (one statement or a script) as a query
  // job; inside one, appends it to the transaction's script.
  Status Execute(const std::string& sql) override;

  // Runs one query job and returns every row.
  // NOTE: inside a transaction a query reads the committed tables, because
  // the collected statements run only at Commit.
  Result<QueryResult> Query(const std::string& sql) override;

  Status Begin() override;
  // Runs the collected statements as one transaction script, then drops the
  // load tables its loads used. Fails with BigQuery's error for the script.
  Status Commit() override;
  Status Rollback() override;
  Result<long long> LoadNdjson(const std::string& table, const std::string& path) override;

  // Returns the bytes BigQuery would process for `sql` (a dry run).
  Result<long long> DryRunBytes(const std::string& sql);

  bigquery::BigQueryClient& client() { return *client_; }
  bigquery::TokenSource& tokens() { return *tokens_; }

 private:
  BigQueryWarehouse(std::unique_ptr<bigquery::TokenSource> tokens,
                    bigquery::ClientSettings settings, std::string load_format);

  // Creates the dataset on first use and checks its location.
  Status EnsureReady();
  std::string NextJobId(const std::string& kind);
  Result<std::string> LoadIntoLoadTable(const std::string& table, const std::string& path,
                                        long long* rows);
  Status DropLoadTables();
  // Runs the views collected during the transaction, after its commit.
  Status CreateViews(const std::vector<std::string>& views);

  std::unique_ptr<bigquery::TokenSource> tokens_;
  std::unique_ptr<bigquery::BigQueryClient> client_;
  std::string load_format_;
  bool ready_ = false;
  bool in_transaction_ = false;
  std::vector<std::string> script_;       // statements collected since Begin
  std::vector<std::string> views_;        // CREATE VIEW statements collected since Begin
  std::vector<std::string> load_tables_;  // to drop once their rows are copied
  std::string session_id_;                // random, for job ids of queries
  long long job_sequence_ = 0;
};

}  // namespace sprintetl::warehouse
