#include "pipeline/run_start.h"

#include <filesystem>

#include <date/date.h>

#include "core/log.h"
#include "core/time_format.h"
#include "landing/retention.h"
#include "pipeline/run_state.h"
#include "pipeline/sprint_choice.h"

namespace sprintetl::pipeline {
namespace {

// A new run id sorts by time: r20261117T120000Z, with -2, -3... when a run
// of the same second already has a landing folder.
std::string NewRunId(const std::string& landing_root, std::chrono::system_clock::time_point now) {
  std::string base =
      "r" + date::format("%Y%m%dT%H%M%SZ", std::chrono::floor<std::chrono::seconds>(now));
  std::string id = base;
  for (int n = 2; std::filesystem::exists(std::filesystem::path(landing_root) / id); ++n) {
    id = base + "-" + std::to_string(n);
  }
  return id;
}

}  // namespace

Status SaveRunInfo(landing::RunFolder& folder, const RunInfo& info) {
  return folder.WriteRunInfo(RunInfoJson(info));
}

Result<RunStart> StartNewRun(const config::Config& config, warehouse::Warehouse& warehouse,
                             RunInfo info) {
  info.run_id = NewRunId(config.landing_root, info.now);
  SPRINTETL_ASSIGN_OR_RETURN(landing::RunFolder folder,
                             landing::RunFolder::Create(config.landing_root, info.run_id));
  SPRINTETL_RETURN_IF_ERROR(SaveRunInfo(folder, info));
  SPRINTETL_RETURN_IF_ERROR(InsertRunState(warehouse, info.run_id, info.now, folder.path()));
  return RunStart{std::move(folder), std::move(info), {}, false};
}

Result<RunStart> ResumeRun(const config::Config& config, warehouse::Warehouse& warehouse,
                           const std::string& run_id) {
  std::optional<RunStateRow> row;
  if (run_id.empty()) {
    SPRINTETL_ASSIGN_OR_RETURN(row, LatestUnfinishedRun(warehouse));
    if (!row) {
      return NotFound("no failed run to resume: every run in run_state finished ok; start a "
                      "new one with `sprintetl run`");
    }
  } else {
    SPRINTETL_ASSIGN_OR_RETURN(row, FindRunState(warehouse, run_id));
  }
  std::string id = row ? row->run_id : run_id;
  if (row && row->status == kRunOk) {
    return FailedPrecondition("run " + id + " finished ok; there is nothing to resume. Use "
                              "`sprintetl run --sprint " + row->sprint_id + "` to close its "
                              "sprint again");
  }

  // Open the folder first so a wrong id fails before anything changes.
  SPRINTETL_RETURN_IF_ERROR(landing::RunFolder::Open(config.landing_root, id).status());
  // An unfinished extract continues in the folder. The extractors read the pages it already
  // contains (ResumingFetcher) and fetch the rest.
  SPRINTETL_ASSIGN_OR_RETURN(auto finished, FinishedSteps(warehouse, id));
  SPRINTETL_ASSIGN_OR_RETURN(landing::RunFolder folder,
                             landing::RunFolder::Open(config.landing_root, id));
  SPRINTETL_ASSIGN_OR_RETURN(std::string text, folder.ReadRunInfo());
  SPRINTETL_ASSIGN_OR_RETURN(RunInfo info, ParseRunInfo(text, folder.path() + "/run.json"));

  // run.json of an older run may lack what a finished step decided; such a
  // step runs again.
  if (info.timezone.empty()) finished.erase("transform");
  if (!info.sprint) finished.erase("choose_sprint");

  // A resumed run keeps its --sprint, so a name that matched none of the
  // transformed lists would fail the same way on every resume.
  if (!info.sprint && !info.requested_sprint.empty() && finished.count("transform")) {
    auto chosen = ChooseSprint(folder.StagePath("stg_list"), info.requested_sprint, info.now,
                               info.timezone);
    if (!chosen.ok() && chosen.status().code() == StatusCode::kInvalidArgument) {
      return FailedPrecondition("run " + id + " cannot be resumed, because a resumed run "
                                "keeps its --sprint and " + chosen.status().message());
    }
  }

  if (row) {
    SPRINTETL_RETURN_IF_ERROR(ReopenRunState(warehouse, id));
  } else {
    SPRINTETL_RETURN_IF_ERROR(InsertRunState(warehouse, id, info.now, folder.path()));
  }
  log::Get("run")->info("run.resume run={} finished_steps={}", id, finished.size());
  return RunStart{std::move(folder), std::move(info), std::move(finished), true};
}

}  // namespace sprintetl::pipeline
