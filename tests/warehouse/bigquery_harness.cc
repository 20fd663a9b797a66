#include "warehouse/bigquery_harness.h"

#include <gtest/gtest.h>

#include <fstream>
#include <random>

namespace sprintetl::testing {

BigQueryHarness::BigQueryHarness(fakes::FakeBigQueryOptions options) {
  dir_ = std::filesystem::temp_directory_path() /
         ("sprintetl-bq-" + std::to_string(std::random_device{}()));
  std::filesystem::create_directories(dir_);
  fake_ = std::make_unique<fakes::FakeBigQuery>(options);
  EXPECT_NE(fake_->Start(), 0) << fake_->error();
  EXPECT_TRUE(fake_->WriteKeyFile(key_path()));

  settings_.project = options.project;
  settings_.dataset = "sprintetl_test";
  settings_.location = "EU";
  settings_.api_base_url = fake_->base_url();
  settings_.token_url = fake_->token_url();
  settings_.metadata_base_url = fake_->base_url();
  settings_.credentials_file = key_path();

  options_.client.backoff_base = std::chrono::milliseconds(1);
  options_.client.backoff_max = std::chrono::milliseconds(2);
  options_.client.poll_first = std::chrono::milliseconds(1);
  options_.client.poll_max = std::chrono::milliseconds(2);
  options_.client.timeout = std::chrono::milliseconds(20000);
}

BigQueryHarness::~BigQueryHarness() {
  fake_.reset();
  std::error_code error;
  std::filesystem::remove_all(dir_, error);
}

Result<std::unique_ptr<warehouse::BigQueryWarehouse>> BigQueryHarness::Open() {
  return warehouse::BigQueryWarehouse::Open(settings_, options_);
}

std::string BigQueryHarness::WriteStageFile(const std::string& run_id, const std::string& table,
                                            const std::string& text) {
  std::filesystem::path folder = dir_ / run_id / "stage";
  std::filesystem::create_directories(folder);
  std::filesystem::path path = folder / (table + ".ndjson");
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out << text;
  return path.string();
}

int BigQueryHarness::CountRequests(const std::string& fragment) const {
  int count = 0;
  for (const auto& request : fake_->requests()) {
    if (request.path.find(fragment) != std::string::npos) ++count;
  }
  return count;
}

}  // namespace sprintetl::testing
