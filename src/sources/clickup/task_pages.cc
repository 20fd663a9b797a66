#include "sources/clickup/task_pages.h"

#include <atomic>
#include <thread>

#include "core/log.h"
#include "core/progress.h"

namespace sprintetl::sources {
namespace {

using nlohmann::json;

// Query flags of every task read: closed tasks, subtasks at every depth, and tasks whose
// home is another list (include_timl), which sprint lists often hold. Markdown descriptions
// let Sprint History copies keep their formatting.
constexpr const char* kTaskFlags =
    "&include_closed=true&subtasks=true&include_timl=true&include_markdown_description=true";

// Reads pages 0, 1, ... of `path` until a page says last_page or holds no task (an older
// server may omit the flag).
Status ReadTaskPages(ResumingFetcher& fetcher, const std::string& path, const std::string& query,
                     const std::map<std::string, std::string>& context, TaskPageTally& tally) {
  for (int page = 0;; ++page) {
    PageRequest request;
    request.http.path = path;
    request.http.query = "page=" + std::to_string(page) + query;
    request.kind = "clickup.tasks";
    request.context = context;
    request.page = page;
    SPRINTETL_ASSIGN_OR_RETURN(json body, fetcher.Fetch(request));
    const json& tasks = body.at("tasks");
    if (!tasks.is_array()) {
      return DataLoss(DescribeRequest("clickup", request) + " has a \"tasks\" member that is "
                      "not an array; the API changed shape");
    }
    tally.AddPage(static_cast<long long>(tasks.size()));
    if (tasks.empty() || body.value("last_page", false)) return Status::Ok();
  }
}

std::string ChangedFilter(const std::optional<long long>& changed_since_ms) {
  if (!changed_since_ms) return "";
  return "&date_updated_gt=" + std::to_string(*changed_since_ms);
}

Status ReadList(ResumingFetcher& fetcher, const ClickUpList& list,
                const ListReadOptions& options, TaskPageTally& tally) {
  std::map<std::string, std::string> context{{"list_id", list.id}};
  if (options.lists_with_fields.count(list.id) == 0) {
    PageRequest fields;
    fields.http.path = "/v2/list/" + list.id + "/field";
    fields.kind = "clickup.fields";
    fields.context = context;
    SPRINTETL_RETURN_IF_ERROR(fetcher.Fetch(fields).status());
  }
  if (!options.read_tasks) return Status::Ok();

  std::string path = "/v2/list/" + list.id + "/task";
  std::string filter = ChangedFilter(options.changed_since_ms);
  SPRINTETL_RETURN_IF_ERROR(
      ReadTaskPages(fetcher, path, kTaskFlags + filter + "&archived=false", context, tally));
  return ReadTaskPages(fetcher, path, kTaskFlags + filter + "&archived=true", context, tally);
}

bool IsInaccessible(const Status& status) {
  return status.code() == StatusCode::kPermissionDenied ||
         status.code() == StatusCode::kNotFound;
}

}  // namespace

void TaskPageTally::AddPage(long long tasks) {
  std::lock_guard<std::mutex> lock(mutex_);
  ++task_pages_;
  tasks_ += tasks;
}

void TaskPageTally::AddSkippedList(std::string warning) {
  std::lock_guard<std::mutex> lock(mutex_);
  warnings_.push_back(std::move(warning));
}

long long TaskPageTally::task_pages() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return task_pages_;
}

long long TaskPageTally::tasks() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return tasks_;
}

std::vector<std::string> TaskPageTally::warnings() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return warnings_;
}

Status ReadLists(ResumingFetcher& fetcher, const std::vector<ClickUpList>& lists,
                 const ListReadOptions& options, TaskPageTally& tally) {
  // Each list needs at least its fields and two task pages (open, archived).
  progress::ExpectPages((options.read_tasks ? 3 : 1) * static_cast<long long>(lists.size()));

  std::atomic<size_t> next{0};
  std::atomic<bool> failed{false};
  std::mutex error_mutex;
  Status first_error = Status::Ok();

  auto work = [&] {
    while (!failed.load()) {
      size_t index = next.fetch_add(1);
      if (index >= lists.size()) return;
      const ClickUpList& list = lists[index];
      Status status = RunWalk("ClickUp", [&] { return ReadList(fetcher, list, options, tally); });
      if (status.ok()) continue;
      if (IsInaccessible(status)) {
        log::Get("extract")->warn("extract.list_skipped source=clickup list={} name=\"{}\" "
                                  "error=\"{}\"", list.id, list.name, status.message());
        tally.AddSkippedList("ClickUp list '" + list.name + "' (" + list.id + ") was skipped "
                             "because the token cannot read it: " + status.message());
        continue;
      }
      std::lock_guard<std::mutex> lock(error_mutex);
      if (first_error.ok()) first_error = status;
      failed.store(true);
    }
  };

  size_t count = std::min<size_t>(static_cast<size_t>(std::max(1, options.workers)),
                                  lists.size());
  std::vector<std::thread> workers;
  for (size_t i = 1; i < count; ++i) workers.emplace_back(work);
  work();
  for (std::thread& worker : workers) worker.join();
  return first_error;
}

Status ReadChangedTasks(ResumingFetcher& fetcher, const std::string& team_id,
                        long long changed_since_ms, TaskPageTally& tally) {
  std::string path = "/v2/team/" + team_id + "/task";
  std::map<std::string, std::string> context{{"team_id", team_id}};
  std::string filter = ChangedFilter(changed_since_ms);
  return RunWalk("ClickUp", [&]() -> Status {
    SPRINTETL_RETURN_IF_ERROR(
        ReadTaskPages(fetcher, path, kTaskFlags + filter + "&archived=false", context, tally));
    return ReadTaskPages(fetcher, path, kTaskFlags + filter + "&archived=true", context, tally);
  });
}

}  // namespace sprintetl::sources
