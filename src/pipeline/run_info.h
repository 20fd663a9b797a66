// run.json of a landing folder: the parameters a run started with and what
// its finished steps decided, so `run --resume` continues with the same
// clock, sprint and time zone without redoing those steps.
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <vector>

#include "core/status.h"
#include "pipeline/sprint_choice.h"

namespace sprintetl::pipeline {

struct RunInfo {
  std::string run_id;
  std::chrono::system_clock::time_point now;  // the run's clock
  std::string requested_sprint;               // --sprint; empty: the latest ended one
  bool archive = true;
  bool full_refresh = false;          // --full-refresh, kept so a resume reads the same way
  std::string timezone;               // set when the transform step finished
  std::vector<std::string> warnings;  // the transform's warnings
  std::optional<SprintChoice> sprint;  // set when the choose_sprint step finished
};

std::string RunInfoJson(const RunInfo& info);

// Parses run.json text. Files written before the transform's results were
// stored (only run_id, now and sprint) parse with those fields empty.
// Fails with kDataLoss naming `origin` when the text is not such an object.
Result<RunInfo> ParseRunInfo(const std::string& text, const std::string& origin);

}  // namespace sprintetl::pipeline
