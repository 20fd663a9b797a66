#include "archive/checklist_sync.h"

#include <map>

#include "archive/clickup_calls.h"

namespace sprintetl::archive {
namespace {

using nlohmann::json;

// Returns the `occurrence`-th (from 0) element of `items` named `name`, or nullptr.
const json* NthNamed(const json& items, const std::string& name, int occurrence) {
  if (!items.is_array()) return nullptr;
  for (const auto& item : items) {
    if (!item.is_object() || item.value("name", "") != name) continue;
    if (occurrence-- == 0) return &item;
  }
  return nullptr;
}

std::string IdOf(const json& object) {
  const json& id = object.is_object() && object.contains("id") ? object["id"] : json();
  return id.is_string() ? id.get<std::string>() : (id.is_number() ? id.dump() : "");
}

// The "items" array of a checklist as read back; an empty array when absent.
const json& ItemsOf(const json& checklist) {
  static const json kEmpty = json::array();
  auto items = checklist.is_object() ? checklist.find("items") : checklist.end();
  return checklist.is_object() && items != checklist.end() ? *items : kEmpty;
}

// Creates the items of `wanted` missing from `checklist` (as read back).
Status SyncItems(http::HttpClient& client, const ChecklistCopy& wanted, json checklist,
                 std::vector<std::string>& dropped, ChecklistCounts& counts) {
  std::string checklist_id = IdOf(checklist);
  std::map<std::string, int> seen;
  for (const auto& item : wanted.items) {
    int occurrence = seen[item.name]++;
    if (NthNamed(ItemsOf(checklist), item.name, occurrence)) continue;

    json body{{"name", item.name}};
    if (item.assignee) body["assignee"] = *item.assignee;
    if (item.resolved) body["resolved"] = true;
    std::string path = "/v2/checklist/" + checklist_id + "/checklist_item";
    SPRINTETL_ASSIGN_OR_RETURN(json reply, SendJson(client, {"POST", path, "", BodyText(body)}));
    ++counts.items;

    checklist = reply.value("checklist", json::object());
    const json* created = NthNamed(ItemsOf(checklist), item.name, occurrence);
    // The v2 reference documents only name and assignee on create, so the
    // reply shows whether "resolved" was kept.
    if (item.resolved && (!created || created->value("resolved", false) != true)) {
      dropped.push_back("checklist '" + wanted.name + "' item '" + item.name +
                        "': ClickUp did not keep its resolved state");
    }
  }
  return Status::Ok();
}

}  // namespace

Status SyncChecklists(http::HttpClient& client, const std::string& copy_id,
                      const std::vector<ChecklistCopy>& wanted, const json& existing,
                      std::vector<std::string>& dropped, ChecklistCounts& counts) {
  std::map<std::string, int> seen;
  for (const auto& checklist : wanted) {
    int occurrence = seen[checklist.name]++;
    json current;
    if (const json* found = NthNamed(existing, checklist.name, occurrence)) {
      current = *found;
    } else {
      json body{{"name", checklist.name}};
      std::string path = "/v2/task/" + copy_id + "/checklist";
      SPRINTETL_ASSIGN_OR_RETURN(json reply, SendJson(client, {"POST", path, "", BodyText(body)}));
      current = reply.value("checklist", json::object());
      ++counts.checklists;
      if (IdOf(current).empty()) {
        return DataLoss("clickup POST " + path + " returned no checklist id");
      }
    }
    SPRINTETL_RETURN_IF_ERROR(SyncItems(client, checklist, current, dropped, counts));
  }
  return Status::Ok();
}

}  // namespace sprintetl::archive
