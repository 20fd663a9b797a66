// A sandbox for BigQuery backend tests: the fake BigQuery + OAuth server on
// 127.0.0.1, a temporary folder holding a test-only key file for the fake's
// key pair, and settings with every URL pointed at the fake and backoff and
// polling shortened to a millisecond so retries do not slow the suite.
#pragma once

#include <filesystem>
#include <memory>
#include <string>

#include "config/config.h"
#include "fakes/fake_bigquery.h"
#include "warehouse/bigquery_warehouse.h"

namespace sprintetl::testing {

class BigQueryHarness {
 public:
  explicit BigQueryHarness(fakes::FakeBigQueryOptions options = {});
  ~BigQueryHarness();

  // Opens a warehouse on the fake with settings() and options().
  Result<std::unique_ptr<warehouse::BigQueryWarehouse>> Open();

  // Writes `text` to <dir>/<run_id>/stage/<table>.ndjson and returns the path.
  std::string WriteStageFile(const std::string& run_id, const std::string& table,
                             const std::string& text);

  // Requests whose path contains `fragment`.
  int CountRequests(const std::string& fragment) const;

  fakes::FakeBigQuery& fake() { return *fake_; }
  config::BigQuery& settings() { return settings_; }
  warehouse::BigQueryOptions& options() { return options_; }
  const std::filesystem::path& dir() const { return dir_; }
  std::string key_path() const { return (dir_ / "test-key.json").string(); }

 private:
  std::filesystem::path dir_;
  std::unique_ptr<fakes::FakeBigQuery> fake_;
  config::BigQuery settings_;
  warehouse::BigQueryOptions options_;
};

}  // namespace sprintetl::testing
