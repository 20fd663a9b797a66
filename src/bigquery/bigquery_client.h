// A BigQuery REST client for the calls the warehouse backend makes: dataset
// and table lookups, query jobs (jobs.insert, then jobs.getQueryResults page
// by page), load jobs (multipart upload) and dry runs. No Google SDK.
//
// Every call retries only what BigQuery marks retryable (HTTP 5xx,
// backendError, internalError, rateLimitExceeded) with exponential backoff
// and jitter; any other error fails at once with BigQuery's reason, message
// and location. Jobs carry client-chosen ids, so a request retried after a
// lost response meets 409 duplicate and the client reads that job's outcome
// instead of running it twice.
//
// Not thread-safe: one client per warehouse connection.
#pragma once

#include <chrono>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "bigquery/api_error.h"
#include "bigquery/token_source.h"
#include "core/status.h"
#include "warehouse/warehouse.h"

namespace sprintetl::bigquery {

using Json = nlohmann::json;

struct ClientSettings {
  std::string project;
  std::string dataset;
  std::string location = "US";
  std::string api_base_url = "https://bigquery.googleapis.com";
  int max_attempts = 6;  // tries per HTTP request, and per job for job-level retryable errors
  std::chrono::milliseconds backoff_base{1000};
  std::chrono::milliseconds backoff_max{32000};
  std::chrono::milliseconds poll_first{200};  // first wait while a job runs, doubled up to poll_max
  std::chrono::milliseconds poll_max{5000};
  std::chrono::milliseconds timeout{300000};  // per HTTP request; uploads can be large
  int page_size = 10000;                      // rows per getQueryResults page
};

// The file format of a load job's upload.
enum class LoadFormat { kNdjson, kParquet };

struct LoadJob {
  std::string job_id;  // attempt-independent; a job-level retry appends "_r<n>"
  std::string table;   // destination in the client's dataset
  Json schema_fields;  // the destination's schema.fields
  LoadFormat format = LoadFormat::kNdjson;
  std::string data;      // the file's bytes
  bool truncate = true;  // WRITE_TRUNCATE, else WRITE_APPEND
};

struct LoadOutcome {
  std::string job_id;  // the id that succeeded
  long long output_rows = 0;
  bool reused = false;  // a job with that id had already run (409 duplicate)
};

// Counters for benchmarks and tests.
struct ClientStats {
  long long requests = 0;        // HTTP requests to the API, retries included
  long long bytes_uploaded = 0;  // request bodies of load jobs
};

class BigQueryClient {
 public:
  BigQueryClient(ClientSettings settings, TokenSource& tokens);

  // Creates the dataset in the configured location when missing. Fails with
  // kFailedPrecondition when it exists in another location.
  Status EnsureDataset();

  // Returns the table's schema.fields, or nullopt when the table does not exist.
  Result<std::optional<Json>> TableSchema(const std::string& table);

  // Runs `sql` (one statement or a script) as a query job with the dataset
  // as default dataset and returns the rows of its result, every page read.
  // Retries a job that failed with a retryable reason under a new id.
  Result<warehouse::QueryResult> RunQuery(const std::string& sql, const std::string& job_id);

  // Asks BigQuery how many bytes `sql` would process (dryRun: true); nothing runs.
  Result<long long> DryRunBytes(const std::string& sql);

  // Uploads `job.data` as a multipart load job and waits for it.
  Result<LoadOutcome> RunLoad(const LoadJob& job);

  const ClientSettings& settings() const { return settings_; }
  const ClientStats& stats() const { return stats_; }

 private:
  struct Call {
    std::string method = "GET";
    std::string path;  // after the base URL, with the query string
    std::string content_type;
    std::string body;
    std::string action;  // for messages, e.g. "query job sprintetl_q_1"
  };

  // Sends `call` with retries. On a non-retryable error returns its Status
  // and keeps the ApiError in last_error_.
  Result<Json> Send(const Call& call);
  Result<Json> WaitForJob(const std::string& job_id, const std::string& action);
  Result<warehouse::QueryResult> ReadQueryResults(const std::string& job_id,
                                                  const std::string& action);
  Status InsertQueryJob(const std::string& sql, const std::string& job_id);
  void Sleep(std::chrono::milliseconds wait) const;
  std::chrono::milliseconds Backoff(int attempt) const;
  std::string JobsPath() const;

  ClientSettings settings_;
  TokenSource& tokens_;
  ClientStats stats_;
  ApiError last_error_;
};

// Converts one cell of a getQueryResults row to the Warehouse text form.
// `field` is its schema field: TIMESTAMP arrives as microseconds (the client
// asks for formatOptions.useInt64Timestamp) and prints
// "YYYY-MM-DD HH:MM:SS[.ffffff]"; REPEATED prints "[a, b]".
std::optional<std::string> CellText(const Json& value, const Json& field);

// Returns a job id made of letters, digits and underscores from `parts`,
// which BigQuery requires (at most 1,024 characters).
std::string JobIdFrom(const std::vector<std::string>& parts);

}  // namespace sprintetl::bigquery
