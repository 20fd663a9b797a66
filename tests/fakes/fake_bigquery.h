// A fake BigQuery REST API and Google OAuth token endpoint on 127.0.0.1, for
// tests of the BigQuery warehouse backend, the official Node.js client check
// and the BigQuery benchmark. No Google host is ever contacted.
//
// Endpoints (request and response bodies in BigQuery's REST shapes):
//   POST /token                                  JWT bearer grant; verifies the RS256
//                                                signature and the iss/aud/scope/iat/exp claims
//   GET  /computeMetadata/v1/.../default/token   metadata-server token (Metadata-Flavor: Google)
//   GET  /bigquery/v2/projects/P/datasets/D      datasets.get
//   POST /bigquery/v2/projects/P/datasets        datasets.insert
//   GET  /bigquery/v2/projects/P/datasets/D/tables/T   tables.get
//   POST /bigquery/v2/projects/P/jobs            jobs.insert (query jobs, dry runs)
//   POST /upload/bigquery/v2/projects/P/jobs     jobs.insert, multipart load (NDJSON, Parquet)
//   GET  /bigquery/v2/projects/P/jobs/J          jobs.get
//   GET  /bigquery/v2/projects/P/queries/J       jobs.getQueryResults
//   POST /bigquery/v2/projects/P/queries         jobs.query
//
// Data lives in an in-memory DuckDB, one schema per dataset. Query text runs
// there after the translation in fake_bigquery_sql.h. The fake generates its
// own RSA key pair at construction: WriteKeyFile() writes a service-account
// key file holding its private key, which is test-only and never persisted.
//
// Threading: as FakeServer; handlers run one at a time.
#pragma once

#include <memory>
#include <set>
#include <string>
#include <vector>

#include "core/status.h"
#include "fakes/fake_bigquery_sql.h"
#include "fakes/fake_server.h"

namespace sprintetl::warehouse {
class DuckDbWarehouse;
}

namespace sprintetl::fakes {

struct FakeBigQueryOptions {
  std::string project = "test-project";
  std::string client_email = "sprintetl-test@test-project.iam.gserviceaccount.com";
  std::string access_token_prefix = "fake-bq-token-";
  int token_lifetime_seconds = 3600;
  // Calls of jobs.get / getQueryResults that still see a new job as RUNNING,
  // so the client's polling is exercised.
  int polls_before_done = 0;
  // Largest gap accepted between the JWT's iat and the fake's clock.
  int max_clock_skew_seconds = 60;
};

class FakeBigQuery : public FakeServer {
 public:
  explicit FakeBigQuery(FakeBigQueryOptions options = {});
  ~FakeBigQuery() override;

  // "http://127.0.0.1:PORT", the api_base_url and metadata_base_url to configure.
  std::string base_url() const override;
  // base_url() + "/token", the token_url to configure.
  std::string token_url() const { return base_url() + "/token"; }

  // Writes a service-account JSON key file for the fake's key pair to `path`.
  // Returns false when the file cannot be written.
  bool WriteKeyFile(const std::string& path) const;
  // The private key in PEM (PKCS#8), e.g. for the Node.js check.
  const std::string& private_key_pem() const { return private_key_pem_; }

  // Creates a dataset directly, as if it had been made elsewhere.
  void AddDataset(const std::string& dataset, const std::string& location);

  // Makes the next `count` requests whose path contains `path_substring` fail
  // with `http_status` and BigQuery's error body carrying `reason`. With
  // `after_handling` the request is carried out first and only its response
  // is replaced, like a response lost on the way back.
  void InjectError(const std::string& path_substring, int http_status, const std::string& reason,
                   int count = 1, bool after_handling = false);

  // Makes the next `count` jobs fail with `reason` in status.errorResult.
  void InjectJobError(const std::string& reason, int count = 1);

  // Forgets every access token issued, so the next API request gets 401.
  void RevokeTokens();

  // Runs `sql` (DuckDB dialect) on the fake's data for test checks. Returns
  // the first column of the first row, or "" when there is none or on error.
  std::string Scalar(const std::string& sql);

  // Returns the PARTITION BY and CLUSTER BY clauses that `dataset_table`
  // ("dataset.table") was created with, or nullopt when it was created
  // without them or does not exist.
  std::optional<TableLayout> CreatedLayout(const std::string& dataset_table) const;

  // Counters of what the fake received.
  int token_requests() const;
  int load_jobs() const;
  int query_jobs() const;

 protected:
  bool LoadData(std::string* error) override;
  std::optional<Reply> CheckAuth(const httplib::Request& request) override;
  void AddRateHeaders(const RateSnapshot& rate, httplib::Response* response) override;
  Reply RateLimitedReply() override;
  Reply ServerErrorReply(int status) override;

 private:
  struct Job;
  struct InjectedError {
    std::string path_substring;
    int http_status;
    std::string reason;
    int remaining;
    bool after_handling;
  };

  Handler Route(Handler handler);
  Reply Token(const httplib::Request& request);
  Reply MetadataToken(const httplib::Request& request);
  Reply GetDataset(const httplib::Request& request);
  Reply InsertDataset(const httplib::Request& request);
  Reply GetTable(const httplib::Request& request);
  Reply InsertJob(const httplib::Request& request);
  Reply InsertLoadJob(const httplib::Request& request);
  Reply GetJob(const httplib::Request& request);
  Reply GetQueryResults(const httplib::Request& request);
  Reply Query(const httplib::Request& request);

  // Returns and removes the oldest reason queued by InjectJobError.
  std::optional<std::string> TakeJobError();
  Json RunQueryJob(Job& job, const std::string& sql, const std::string& dataset);
  // Evaluates an ASSERT statement's condition and returns the job's error
  // message, or "" when the condition is true.
  std::string CheckAssert(const std::string& condition, const std::string& description);
  // Runs one translated statement that returns no rows and records its table layout.
  Status ExecuteStatement(const std::string& statement);
  Json RunLoadJob(Job& job, const Json& load, const std::string& data);
  Json QueryResultsPage(const Job& job, const httplib::Request& request, const char* kind);
  std::string IssueToken();

  FakeBigQueryOptions options_;
  std::string private_key_pem_;
  std::string public_key_pem_;
  std::unique_ptr<warehouse::DuckDbWarehouse> duckdb_;
  std::map<std::string, std::string> datasets_;  // dataset -> location
  std::map<std::string, std::unique_ptr<Job>> jobs_;
  std::map<std::string, int64_t> tokens_;  // access token -> expiry, Unix seconds
  std::vector<InjectedError> injected_;
  std::vector<std::string> job_errors_;
  std::map<std::string, TableLayout> layouts_;  // "dataset.table" -> layout at creation
  int token_requests_ = 0;
  int load_jobs_ = 0;
  int query_jobs_ = 0;
  int next_job_number_ = 0;
  mutable std::mutex inject_mutex_;
};

}  // namespace sprintetl::fakes
