// Copies a task's checklists onto its Sprint History copy.
//
// ClickUp v2 creates a checklist with POST /v2/task/{id}/checklist {"name"}
// and each item with POST /v2/checklist/{id}/checklist_item {"name",
// "assignee", "resolved"}. The copy's existing checklists are compared first,
// so a run stopped halfway through a task's checklists finishes them on the
// next run without duplicating what was already created.
#pragma once

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "archive/task_copy.h"
#include "core/status.h"
#include "http/http_client.h"

namespace sprintetl::archive {

// How many checklists and items a sync created.
struct ChecklistCounts {
  int checklists = 0;
  int items = 0;
};

// Creates on task `copy_id` each checklist and item of `wanted` that
// `existing` (the copy's "checklists" as ClickUp returns them; an empty array
// for a new copy) lacks. A checklist or item matches by name and by its
// position among same-named ones. Values ClickUp did not keep are added to
// `dropped`. Fails with the first failed request; what was created before it
// stays and counts in `counts`.
Status SyncChecklists(http::HttpClient& client, const std::string& copy_id,
                      const std::vector<ChecklistCopy>& wanted, const nlohmann::json& existing,
                      std::vector<std::string>& dropped, ChecklistCounts& counts);

}  // namespace sprintetl::archive
