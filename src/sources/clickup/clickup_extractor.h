// ClickUp extraction: walks workspace → spaces → folders → lists → tasks with
// the v2 API and lands every response unchanged (see landing/run_folder.h).
//
// Reads: the ClickUp API through an HttpClient. Writes: raw pages with the
// manifest kinds clickup.user, .teams, .groups, .spaces, .folders, .lists,
// .fields and .tasks, which the transform reads. Runs on one thread.
#pragma once

#include "config/config.h"
#include "core/status.h"
#include "http/http_client.h"
#include "landing/run_folder.h"

namespace sprintetl::sources {

struct ClickUpSummary {
  long long spaces = 0;
  long long lists = 0;
  long long task_pages = 0;
  long long tasks = 0;  // task entries seen; a task in several lists counts once per list
  long long pages = 0;
  long long bytes = 0;
};

// Extracts every list and task of the configured workspace (config.team_id,
// or the only workspace the token sees), except the folder named
// `skip_folder`: the Sprint History copies are not source data. Fails on the
// first request that cannot be completed, naming the endpoint and page.
Result<ClickUpSummary> ExtractClickUp(const config::ClickUp& config,
                                      const std::string& skip_folder, http::HttpClient& client,
                                      landing::RunFolder& run);

// Settings for an HttpClient that talks to ClickUp with `token`.
http::ClientOptions ClickUpClientOptions(const config::ClickUp& config, const std::string& token);

}  // namespace sprintetl::sources
