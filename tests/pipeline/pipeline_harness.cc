#include "pipeline/pipeline_harness.h"

#include <random>

#include "build_info.h"
#include "core/time_format.h"

namespace sprintetl::testing {
namespace fs = std::filesystem;

PipelineHarness::PipelineHarness() {
  std::random_device random;
  dir_ = fs::temp_directory_path() / ("sprintetl-e2e-" + std::to_string(random()));
  fs::create_directories(dir_);

  fakes::FakeClickUpOptions clickup_options;
  clickup_options.rate_limit = 10000;
  clickup_ = std::make_unique<fakes::FakeClickUp>(clickup_options);
  EXPECT_NE(clickup_->Start(), 0) << clickup_->error();
  fakes::FakeHubSpotOptions hubspot_options;
  hubspot_options.rate_limit = 10000;
  hubspot_options.search_rate_limit = 10000;
  hubspot_ = std::make_unique<fakes::FakeHubSpot>(hubspot_options);
  EXPECT_NE(hubspot_->Start(), 0) << hubspot_->error();

  auto loaded = config::LoadConfig(std::string(SPRINTETL_SOURCE_DIR) + "/config/demo.toml");
  EXPECT_TRUE(loaded.ok()) << loaded.status().ToString();
  config_ = *loaded;
  config_.clickup.base_url = clickup_->base_url();
  config_.hubspot.base_url = hubspot_->base_url();
  config_.clickup.max_attempts = 3;
  config_.hubspot.max_attempts = 3;
  config_.hubspot.search_requests_per_second = 1000;
  // The fixtures' modification dates are fixed in the past, so a second run's search
  // reaches back ten years and finds every record again, through the incremental path.
  config_.hubspot.incremental_overlap_minutes = 10 * 366 * 24 * 60;
  config_.landing_root = (dir_ / "landing").string();
  config_.warehouse.path = (dir_ / "warehouse.duckdb").string();
  config_.report.path = (dir_ / "report" / "sprint-report.html").string();

  setenv("CLICKUP_API_TOKEN", "pk_test_clickup", 1);
  setenv("HUBSPOT_ACCESS_TOKEN", "pat-test-hubspot", 1);
}

PipelineHarness::~PipelineHarness() {
  clickup_->Stop();
  hubspot_->Stop();
  std::error_code ec;
  fs::remove_all(dir_, ec);
}

void PipelineHarness::UseHubSpotScenario(const std::string& name) {
  hubspot_->Stop();
  fakes::FakeHubSpotOptions options;
  options.rate_limit = 10000;
  options.search_rate_limit = 10000;
  options.data_dirs.push_back(fakes::TestDataDir() + "/scenarios/" + name + "/hubspot");
  hubspot_ = std::make_unique<fakes::FakeHubSpot>(options);
  EXPECT_NE(hubspot_->Start(), 0) << hubspot_->error();
  config_.hubspot.base_url = hubspot_->base_url();
}

void PipelineHarness::UseClickUpScenario(const std::string& name) {
  clickup_->Stop();
  fakes::FakeClickUpOptions options;
  options.rate_limit = 10000;
  options.data_dirs.push_back(fakes::TestDataDir() + "/scenarios/" + name + "/clickup");
  clickup_ = std::make_unique<fakes::FakeClickUp>(options);
  EXPECT_NE(clickup_->Start(), 0) << clickup_->error();
  config_.clickup.base_url = clickup_->base_url();
}

Result<pipeline::RunOutcome> PipelineHarness::Run(const std::string& now,
                                                  const std::string& sprint) {
  pipeline::RunOptions options;
  options.sprint = sprint;
  return Run(now, options);
}

Result<pipeline::RunOutcome> PipelineHarness::Run(const std::string& now,
                                                  pipeline::RunOptions options) {
  options.now = std::chrono::time_point_cast<std::chrono::system_clock::duration>(*ParseUtc(now));
  return pipeline::RunSprintEnd(config_, options);
}

std::string PipelineHarness::Scalar(const std::string& sql) {
  auto warehouse = warehouse::OpenWarehouse(config_.warehouse);
  EXPECT_TRUE(warehouse.ok()) << warehouse.status().ToString();
  if (!warehouse.ok()) return "";
  auto result = (*warehouse)->Query(sql);
  EXPECT_TRUE(result.ok()) << result.status().ToString() << "\n" << sql;
  if (!result.ok() || result->rows.empty() || result->rows[0].empty()) return "";
  return result->rows[0][0].value_or("NULL");
}

std::string PipelineHarness::TableDump(const std::string& table) {
  auto warehouse = warehouse::OpenWarehouse(config_.warehouse);
  EXPECT_TRUE(warehouse.ok());
  if (!warehouse.ok()) return "";
  auto result = (*warehouse)->Query("SELECT * FROM " + table + " ORDER BY ALL");
  EXPECT_TRUE(result.ok()) << result.status().ToString();
  if (!result.ok()) return "";
  std::string dump;
  for (const auto& row : result->rows) {
    for (const auto& value : row) dump += value.value_or("NULL") + "|";
    dump += "\n";
  }
  return dump;
}

}  // namespace sprintetl::testing
