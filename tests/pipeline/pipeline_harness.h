// A sandbox for end-to-end tests: fake ClickUp and HubSpot servers on
// 127.0.0.1, a temporary folder for the landing zone, the DuckDB file and
// the report, and the demo config pointed at all of them.
#pragma once

#include <cstdlib>
#include <filesystem>
#include <memory>
#include <string>

#include <gtest/gtest.h>

#include "config/config.h"
#include "fakes/fake_clickup.h"
#include "fakes/fake_hubspot.h"
#include "pipeline/pipeline.h"
#include "warehouse/warehouse.h"

namespace sprintetl::testing {

class PipelineHarness {
 public:
  PipelineHarness();
  ~PipelineHarness();

  // Replaces the HubSpot fake with one that also reads tests/data/scenarios/<name>/hubspot.
  void UseHubSpotScenario(const std::string& name);

  // Replaces the ClickUp fake with one that also reads tests/data/scenarios/<name>/clickup.
  void UseClickUpScenario(const std::string& name);

  // Runs the whole pipeline with the clock at `now` (UTC ISO-8601).
  Result<pipeline::RunOutcome> Run(const std::string& now = "2026-11-17T12:00:00Z",
                                   const std::string& sprint = "");

  // Runs the whole pipeline with `options` and the clock at `now`.
  Result<pipeline::RunOutcome> Run(const std::string& now, pipeline::RunOptions options);

  // Opens the run's warehouse; returns the first column of the first row.
  std::string Scalar(const std::string& sql);

  // Every row of `table`, ordered, as one text block (for before/after comparisons).
  std::string TableDump(const std::string& table);

  config::Config& config() { return config_; }
  fakes::FakeClickUp& clickup() { return *clickup_; }
  fakes::FakeHubSpot& hubspot() { return *hubspot_; }
  const std::filesystem::path& dir() const { return dir_; }

 private:
  std::filesystem::path dir_;
  std::unique_ptr<fakes::FakeClickUp> clickup_;
  std::unique_ptr<fakes::FakeHubSpot> hubspot_;
  config::Config config_;
};

}  // namespace sprintetl::testing
