// Reads the task pages of ClickUp lists with a small pool of worker threads.
//
// Every request draws on the HttpClient's one RateBudget, so the workers together keep to
// the token's rate limit. Within one list the pages are read in order, because only a page's
// last_page flag shows whether another follows.
#pragma once

#include <mutex>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "core/status.h"
#include "sources/resuming_fetcher.h"

namespace sprintetl::sources {

struct ClickUpList {
  std::string id;
  std::string name;
  bool archived = false;  // the list itself is archived
  bool sprint = false;    // the list is in clickup.sprint_folder
};

// Counters and warnings shared by the workers. Thread-safe.
class TaskPageTally {
 public:
  void AddPage(long long tasks);
  void AddSkippedList(std::string warning);

  long long task_pages() const;
  long long tasks() const;
  std::vector<std::string> warnings() const;

 private:
  mutable std::mutex mutex_;
  long long task_pages_ = 0;
  long long tasks_ = 0;
  std::vector<std::string> warnings_;
};

struct ListReadOptions {
  int workers = 4;
  // Lists whose fields page is already in the run folder (carried from the base run).
  std::set<std::string> lists_with_fields;
  // When set, only tasks with date_updated greater than this Unix ms time are requested.
  std::optional<long long> changed_since_ms;
  // False reads only the fields pages (an incremental run reads changed tasks elsewhere).
  bool read_tasks = true;
};

// Reads, per list, its fields page and its task pages: open and closed tasks, subtasks, and
// tasks whose home is another list, then the list's archived tasks. A list whose request
// returns 403 or 404 is skipped with a warning naming it. Stops at the first other error and
// returns it once the running workers have finished their current page.
Status ReadLists(ResumingFetcher& fetcher, const std::vector<ClickUpList>& lists,
                 const ListReadOptions& options, TaskPageTally& tally);

// Reads the pages of workspace-wide GET /v2/team/{team_id}/task for tasks updated after
// `changed_since_ms`, archived ones included. The endpoint omits tasks of archived lists;
// ReadLists() reads those.
Status ReadChangedTasks(ResumingFetcher& fetcher, const std::string& team_id,
                        long long changed_since_ms, TaskPageTally& tally);

}  // namespace sprintetl::sources
