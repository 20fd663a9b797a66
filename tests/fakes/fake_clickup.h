// Fake ClickUp API v2 server for tests and the demo.
//
// Serves the ClickUp fixtures (tests/data/clickup) with the shapes, auth, rate-limit headers,
// pagination and create-task validation of the real API, so the product's ClickUp client and
// the Sprint History archive can be tested on 127.0.0.1. Tasks live in an in-memory store
// seeded from get_list_tasks_*_page*.json and list_tasks_<list_id>.json; tasks, folders and
// lists created through POST are added to it and show up in later reads.
//
// Endpoints, all under /api: GET /v2/user, /v2/team, /v2/group?team_id=,
// /v2/team/{id}/space, /v2/space/{id}/folder, /v2/space/{id}/list, /v2/folder/{id}/list,
// /v2/list/{id}, /v2/list/{id}/field, /v2/list/{id}/task, /v2/team/{id}/task, /v2/task/{id}; POST
// /v2/space/{id}/folder, /v2/folder/{id}/list, /v2/list/{id}/task, /v2/task/{id}/checklist,
// /v2/checklist/{id}/checklist_item.
//
// Threading: see FakeServer. The accessors below may be called while the server runs.
#pragma once

#include <chrono>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "fakes/fake_server.h"
#include "fakes/fixture_dirs.h"

namespace sprintetl::fakes {

struct FakeClickUpOptions {
  // Fixture folders; a file in a later folder overrides the same-named file of an earlier one.
  std::vector<std::string> data_dirs = {TestDataDir() + "/clickup"};
  // Expected raw value of the Authorization header (personal tokens carry no "Bearer").
  std::string token = "pk_test_clickup";
  // Fixed rate window: `rate_limit` requests per `rate_window`, as ClickUp's 100 per minute.
  int rate_limit = 100;
  std::chrono::milliseconds rate_window{60000};
  // Tasks per page of GET /v2/list/{id}/task and /v2/team/{id}/task; ClickUp's is fixed at 100.
  int page_size = 100;
  // Lists whose fields and tasks the token may not read: those reads get 403.
  std::vector<std::string> forbidden_lists;
};

class FakeClickUp : public FakeServer {
 public:
  explicit FakeClickUp(FakeClickUpOptions options = {});
  ~FakeClickUp() override;

  // "http://127.0.0.1:PORT/api"; the product appends "/v2/...".
  std::string base_url() const override;

  // Tasks created through POST /v2/list/{list_id}/task, in creation order, as returned.
  std::vector<Json> CreatedTasks(const std::string& list_id) const;
  // Folders and lists created through POST, in creation order, as returned.
  std::vector<Json> CreatedFolders() const;
  std::vector<Json> CreatedLists() const;

  // Returns the stored task with `task_id`, or nullopt.
  std::optional<Json> FindTask(const std::string& task_id) const;

  // Adds or replaces a task in the store; its home list is task["list"]["id"].
  // Call after Start(), since Start() loads the fixture tasks.
  void AddTask(Json task);

  // Adds a list, or replaces the one with the same id; list["folder"]["id"] and
  // list["space"]["id"] place it, and list["archived"] decides which `archived` reads return it.
  void AddList(Json list);

  // Replaces the custom fields GET /v2/list/{list_id}/field returns (and create-task accepts)
  // with `fields`, an array of field definitions.
  void SetListFields(const std::string& list_id, Json fields);

  // Deletes a task and its subtasks, as deleting it in ClickUp's UI does. Returns false when
  // no task has that id.
  bool DeleteTask(const std::string& task_id);

 protected:
  bool LoadData(std::string* error) override;
  std::optional<Reply> CheckAuth(const httplib::Request& request) override;
  void AddRateHeaders(const RateSnapshot& rate, httplib::Response* response) override;
  Reply RateLimitedReply() override;
  Reply ServerErrorReply(int status) override;

 private:
  void RegisterRoutes();

  // Hierarchy reads and writes (fake_clickup.cc).
  Reply GetSpaces(const std::string& team_id);
  Reply GetGroups(const httplib::Request& request);
  Reply GetFolders(const std::string& space_id, bool archived);
  Reply GetFolderLists(const std::string& folder_id, bool archived);
  Reply GetFolderlessLists(const std::string& space_id, bool archived);
  Reply GetList(const std::string& list_id);
  Reply GetListFields(const std::string& list_id);
  Reply CreateFolder(const std::string& space_id, const std::string& body);
  Reply CreateList(const std::string& folder_id, const std::string& body);

  // Task reads and task creation (fake_clickup_tasks.cc).
  bool LoadTasks(std::string* error);
  Reply GetListTasks(const std::string& list_id, const httplib::Request& request);
  Reply GetTeamTasks(const std::string& team_id, const httplib::Request& request);
  bool IsForbiddenList(const std::string& list_id) const;
  Reply GetTask(const std::string& task_id);
  Reply CreateTask(const std::string& list_id, const std::string& body);
  std::optional<Reply> BuildCustomFields(const Json& list_fields, const Json& written,
                                         Json* read_back);
  Json BuildTask(const Json& list, const Json& body, const Json& status, Json custom_fields);
  void AddTaskLocked(Json task);
  void IndexTaskLocked(size_t position);
  void RebuildTaskIndexesLocked();

  // Checklists (fake_clickup_checklists.cc).
  Reply CreateChecklist(const std::string& task_id, const std::string& body);
  Reply CreateChecklistItem(const std::string& checklist_id, const std::string& body);

  // Lookups shared by both files; the caller holds state_mutex().
  bool KnowsTeam(const std::string& team_id) const;
  const Json* FindSpace(const std::string& space_id) const;
  const Json* FindFolder(const std::string& folder_id) const;
  const Json* FindList(const std::string& list_id) const;
  Json StatusesOfList(const Json& list) const;
  Json ListDetail(const Json& list) const;
  Json FieldsOfList(const std::string& list_id) const;
  std::optional<Json> FindMember(int64_t user_id) const;
  Reply FixtureError(int status, const std::string& file) const;

  FakeClickUpOptions options_;
  FixtureDirs dirs_;

  Json user_;
  Json teams_;
  Json groups_;
  Json spaces_;
  Json default_fields_;
  std::vector<Json> folders_;                 // "lists" is rebuilt from lists_ on every read
  std::vector<Json> lists_;                   // every list entry, in folder order
  std::map<std::string, Json> list_details_;  // get_list_*.json by list id
  std::map<std::string, Json> list_fields_;   // get_list_fields_<id>.json

  std::vector<Json> tasks_;  // store order is the order GET list tasks returns
  std::map<std::string, size_t> task_index_;
  // Positions in tasks_, in store order, of the tasks whose home list or one of whose
  // locations is the list, so that a list page does not scan every task.
  std::map<std::string, std::vector<size_t>> list_task_positions_;
  std::map<std::string, std::string> checklist_tasks_;  // checklist id -> task id
  std::vector<Json> created_tasks_;
  std::vector<Json> created_folders_;
  std::vector<Json> created_lists_;
  std::map<std::string, std::string> error_bodies_;  // error_*.json by file name
  int next_number_ = 1;  // suffix of ids made up for created tasks, folders and lists
};

// Returns a ClickUp error reply {"err": err, "ECODE": ecode}.
Reply ClickUpError(int status, const std::string& err, const std::string& ecode);

}  // namespace sprintetl::fakes
