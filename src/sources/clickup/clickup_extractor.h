// ClickUp extraction: walks workspace → spaces → folders → lists → tasks with
// the v2 API and lands every response unchanged (see landing/run_folder.h).
//
// Reads: the ClickUp API through an HttpClient. Writes: raw pages with the
// manifest kinds clickup.user, .teams, .groups, .spaces, .folders, .lists,
// .fields and .tasks, which the transform reads, and clickup_read.json (see
// read_plan.h). Task pages of several lists are read at the same time by
// config.workers threads.
#pragma once

#include <string>
#include <vector>

#include "config/config.h"
#include "core/status.h"
#include "http/http_client.h"
#include "landing/run_folder.h"
#include "sources/clickup/read_plan.h"

namespace sprintetl::sources {

struct ClickUpSummary {
  bool incremental = false;
  long long spaces = 0;
  long long lists = 0;           // archived lists included
  long long archived_lists = 0;
  long long task_pages = 0;      // fetched or reused in this run, carried ones excluded
  long long tasks = 0;  // task entries seen; a task in several lists counts once per list
  long long pages = 0;  // pages fetched from the API in this run
  long long reused_pages = 0;   // pages a resumed run found already landed
  long long carried_pages = 0;  // task and field pages copied from the base run
  long long bytes = 0;
  // Lists skipped because the token cannot read them, one sentence each.
  std::vector<std::string> warnings;
};

// Extracts every list and task of the configured workspace (config.team_id,
// or the only workspace the token sees), except the folder named
// `skip_folder`: the Sprint History copies are not source data. Lists
// archived in ClickUp are read too, and in each list its archived tasks.
// With an incremental `plan`, only changed tasks are requested and the base
// run's task and field pages are carried over. Fails on the first request
// that cannot be completed, naming the endpoint and page, except that a list
// answered with 403 or 404 is skipped with a warning.
Result<ClickUpSummary> ExtractClickUp(const config::ClickUp& config,
                                      const std::string& skip_folder,
                                      const ClickUpReadPlan& plan, http::HttpClient& client,
                                      landing::RunFolder& run);

// A full read; same as above with a default ClickUpReadPlan.
Result<ClickUpSummary> ExtractClickUp(const config::ClickUp& config,
                                      const std::string& skip_folder, http::HttpClient& client,
                                      landing::RunFolder& run);

// Settings for an HttpClient that talks to ClickUp with `token`.
http::ClientOptions ClickUpClientOptions(const config::ClickUp& config, const std::string& token);

}  // namespace sprintetl::sources
