#include "archive/task_copy.h"

#include <algorithm>
#include <cctype>
#include <optional>

#include "transform/task_rows.h"

namespace sprintetl::archive {
namespace {

using nlohmann::json;

const json kNull;

// Payload fields may be absent, null or of another type than documented;
// these accessors return an empty value instead of throwing.
const json& Child(const json& object, const char* key) {
  if (!object.is_object()) return kNull;
  auto it = object.find(key);
  return it == object.end() ? kNull : *it;
}

std::string Text(const json& object, const char* key) {
  const json& value = Child(object, key);
  return value.is_string() ? value.get<std::string>() : "";
}

const json& Items(const json& object, const char* key) {
  static const json kEmpty = json::array();
  const json& value = Child(object, key);
  return value.is_array() ? value : kEmpty;
}

std::string Lower(std::string text) {
  std::transform(text.begin(), text.end(), text.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return text;
}

// ClickUp sends numbers sometimes as JSON numbers, sometimes as strings.
std::optional<double> AsNumber(const json& value) {
  if (value.is_number()) return value.get<double>();
  if (value.is_string()) {
    try {
      size_t used = 0;
      double parsed = std::stod(value.get<std::string>(), &used);
      if (used == value.get<std::string>().size()) return parsed;
    } catch (const std::exception&) {
    }
  }
  return std::nullopt;
}

std::optional<long long> AsMillis(const json& value) {
  auto number = AsNumber(value);
  if (!number) return std::nullopt;
  return static_cast<long long>(*number);
}

const json* FindField(const json& fields, const std::string& name, const std::string& type) {
  for (const auto& field : fields) {
    if (Text(field, "name") == name && Text(field, "type") == type) return &field;
  }
  return nullptr;
}

// The option of a source drop-down value: ClickUp reads it back as the
// option's orderindex, older payloads as the option id.
const json* SourceDropDownOption(const json& source_field) {
  const json& value = Child(source_field, "value");
  for (const auto& option : Items(Child(source_field, "type_config"), "options")) {
    const json& order = Child(option, "orderindex");
    if (value.is_number() && order.is_number() && order.get<int>() == value.get<int>()) {
      return &option;
    }
    if (value.is_string() && Text(option, "id") == value.get<std::string>()) return &option;
  }
  return nullptr;
}

const json* OptionByName(const json& field, const std::string& key, const std::string& name) {
  for (const auto& option : Items(Child(field, "type_config"), "options")) {
    if (Text(option, key.c_str()) == name) return &option;
  }
  return nullptr;
}

// A date's time flag: the payload's when it sends one, else inferred from the
// time of day (ClickUp stores a date-only value at 04:00 local time).
bool HasTime(long long millis, const json& flag, const CopyOptions& options) {
  if (flag.is_boolean()) return flag.get<bool>();
  if (!options.zone) return true;
  UtcTime instant{std::chrono::milliseconds(millis)};
  return transform::DueHasTime(instant, std::nullopt, *options.zone);
}

bool IsMember(const CopyOptions& options, long long user_id) {
  return !options.members || options.members->count(user_id) > 0;
}

std::optional<long long> UserId(const json& user) {
  const json& id = user.is_object() ? Child(user, "id") : user;
  if (id.is_number_integer()) return id.get<long long>();
  if (auto number = AsNumber(id)) return static_cast<long long>(*number);
  return std::nullopt;
}

// Returns the write form of one custom field value, or a reason it is dropped.
// Parts of a value that cannot be written (a label or user that no longer
// exists) are described in `partial`.
std::optional<json> FieldValue(const json& source, const json& target, const CopyOptions& options,
                               std::string& reason, std::vector<std::string>& partial) {
  const std::string type = Text(source, "type");
  const json& value = Child(source, "value");

  if (type == "drop_down") {
    const json* option = SourceDropDownOption(source);
    if (!option) return reason = "its option no longer exists", std::nullopt;
    const json* target_option = OptionByName(target, "name", Text(*option, "name"));
    if (!target_option) return reason = "the history list has no option of that name", std::nullopt;
    return Child(*target_option, "id");
  }
  if (type == "labels") {
    json ids = json::array();
    for (const auto& id : value) {
      const json* option = nullptr;
      for (const auto& o : Items(Child(source, "type_config"), "options")) {
        if (id.is_string() && Text(o, "id") == id.get<std::string>()) option = &o;
      }
      const json* target_option = option ? OptionByName(target, "label", Text(*option, "label"))
                                         : nullptr;
      if (target_option) {
        ids.push_back(Child(*target_option, "id"));
      } else {
        std::string label = option ? Text(*option, "label") : id.dump();
        partial.push_back("label '" + label + "' is not an option of the history list's field");
      }
    }
    if (ids.empty()) return reason = "none of its labels exist on the history list", std::nullopt;
    return ids;
  }
  if (type == "number" || type == "currency" || type == "emoji") {
    auto number = AsNumber(value);
    if (!number) return reason = "its value is not a number", std::nullopt;
    return json(*number);
  }
  if (type == "date") {
    auto millis = AsMillis(value);
    if (!millis) return reason = "its value is not a date", std::nullopt;
    return json(*millis);
  }
  if (type == "checkbox") return json(value == true || value == "true");
  if (type == "users") {
    json ids = json::array();
    for (const auto& user : value.is_array() ? value : json::array()) {
      std::optional<long long> id = UserId(user);
      if (!id) continue;
      if (!IsMember(options, *id)) {
        partial.push_back("user " + std::to_string(*id) + " is no longer a workspace member");
        continue;
      }
      ids.push_back(*id);
    }
    if (ids.empty()) return reason = "none of its users is a workspace member", std::nullopt;
    return json{{"add", ids}};
  }
  if (type == "short_text" || type == "text" || type == "email" || type == "url" ||
      type == "phone") {
    if (!value.is_string()) return reason = "its value is not text", std::nullopt;
    return value;
  }
  reason = "fields of type " + type + " are computed or not writable";
  return std::nullopt;
}

void CopyCustomFields(const json& task, const TargetList& target, const CopyOptions& options,
                      TaskCopy& copy) {
  json fields = json::array();
  for (const auto& source : Items(task, "custom_fields")) {
    const json& value = Child(source, "value");
    if (value.is_null() || (value.is_array() && value.empty())) continue;

    std::string name = Text(source, "name");
    const json* field = FindField(target.fields, name, Text(source, "type"));
    if (!field) {
      copy.dropped.push_back("field '" + name + "': the history list has no such field");
      continue;
    }
    std::string reason;
    std::vector<std::string> partial;
    auto written = FieldValue(source, *field, options, reason, partial);
    for (const auto& part : partial) copy.dropped.push_back("field '" + name + "': " + part);
    if (!written) {
      copy.dropped.push_back("field '" + name + "': " + reason);
      continue;
    }
    fields.push_back({{"id", Child(*field, "id")}, {"value", *written}});
  }
  if (!fields.empty()) copy.body["custom_fields"] = fields;
}

// The link back to the original: its URL, or its id when the payload has no URL.
std::string OriginalLink(const json& task) {
  std::string url = Text(task, "url");
  return url.empty() ? Text(task, "id") : url;
}

// Puts the link into the configured field. Returns false when the history
// list has no usable field of that name, so the caller falls back to the
// description.
bool PutLinkInField(const json& task, const TargetList& target, const CopyOptions& options,
                    TaskCopy& copy) {
  const json* field = nullptr;
  for (const auto& candidate : target.fields) {
    std::string type = Text(candidate, "type");
    bool textual = type == "url" || type == "short_text" || type == "text";
    if (textual && Text(candidate, "name") == options.link_field) field = &candidate;
  }
  if (!field) return false;

  json& fields = copy.body["custom_fields"];
  if (!fields.is_array()) fields = json::array();
  // A source value for the same field would otherwise be sent twice.
  json kept = json::array();
  for (const auto& entry : fields) {
    if (Child(entry, "id") != Child(*field, "id")) kept.push_back(entry);
  }
  kept.push_back({{"id", Child(*field, "id")}, {"value", OriginalLink(task)}});
  fields = kept;
  return true;
}

// The description in markdown: the markdown form when the payload has it
// (GET task with include_markdown_description), else the plain text, which
// is valid markdown.
std::string SourceDescription(const json& task) {
  for (const char* key : {"markdown_description", "description", "text_content"}) {
    std::string text = Text(task, key);
    if (!text.empty()) return text;
  }
  return "";
}

void CopyDescriptionAndLink(const json& task, const TargetList& target,
                            const CopyOptions& options, TaskCopy& copy) {
  std::string description = SourceDescription(task);
  bool linked = false;
  if (options.link_mode == config::ArchiveLink::kCustomField) {
    linked = PutLinkInField(task, target, options, copy);
    if (!linked) {
      copy.dropped.push_back("link field '" + options.link_field +
                             "' is not a url or text field of the history list; the link is in "
                             "the description");
    }
  }

  std::string note;
  if (options.deleted_at_source) {
    note = "The original task was deleted after the sprint ended; this copy is its last state.";
  }
  std::string footer;
  if (!linked) footer = "Original task: " + OriginalLink(task);
  if (!note.empty()) footer += (footer.empty() ? "" : "\n\n") + note;

  if (footer.empty()) {
    copy.body["markdown_content"] = description;
  } else {
    copy.body["markdown_content"] = description.empty() ? footer
                                                        : description + "\n\n---\n" + footer;
  }
}

void CopyAssignees(const json& task, const CopyOptions& options, TaskCopy& copy) {
  json assignees = json::array();
  for (const auto& user : Items(task, "assignees")) {
    std::optional<long long> id = UserId(user);
    if (!id) continue;
    if (!IsMember(options, *id)) {
      copy.dropped.push_back("assignee " + std::to_string(*id) + " (" + Text(user, "username") +
                             ") is no longer a workspace member");
      continue;
    }
    assignees.push_back(*id);
  }
  copy.body["assignees"] = assignees;
}

void CopyChecklists(const json& task, const CopyOptions& options, TaskCopy& copy) {
  for (const auto& checklist : Items(task, "checklists")) {
    ChecklistCopy list;
    list.name = Text(checklist, "name");
    if (list.name.empty()) list.name = "Checklist";
    for (const auto& item : Items(checklist, "items")) {
      ChecklistItemCopy item_copy;
      item_copy.name = Text(item, "name");
      item_copy.resolved = Child(item, "resolved") == true;
      std::string where = "checklist '" + list.name + "' item '" + item_copy.name + "': ";
      if (item_copy.name.empty()) {
        copy.dropped.push_back(where + "an item without a name cannot be created");
        continue;
      }
      if (std::optional<long long> assignee = UserId(Child(item, "assignee"))) {
        if (IsMember(options, *assignee)) {
          item_copy.assignee = assignee;
        } else {
          copy.dropped.push_back(where + "assignee " + std::to_string(*assignee) +
                                 " is no longer a workspace member");
        }
      }
      if (!Child(item, "parent").is_null()) {
        copy.dropped.push_back(where + "its nesting under another item is not kept");
      }
      list.items.push_back(std::move(item_copy));
    }
    copy.checklists.push_back(std::move(list));
  }
}

}  // namespace

std::string MapStatus(const std::string& source_status, const TargetList& target,
                      const CopyOptions& options, std::vector<std::string>& dropped) {
  auto on_list = [&](const std::string& name) -> std::optional<std::string> {
    for (const auto& candidate : target.statuses) {
      if (Lower(candidate) == Lower(name)) return candidate;
    }
    return std::nullopt;
  };

  auto mapped = options.status_map.find(Lower(source_status));
  if (mapped != options.status_map.end()) {
    if (auto found = on_list(mapped->second)) return *found;
    dropped.push_back("status '" + source_status + "' maps to '" + mapped->second +
                      "', which is not on the history list");
  } else if (auto found = on_list(source_status)) {
    return *found;
  }

  std::string fallback = options.fallback_status;
  if (fallback.empty() && !target.statuses.empty()) fallback = target.statuses.front();
  if (auto found = on_list(fallback)) {
    dropped.push_back("status '" + source_status + "' is not on the history list; used '" +
                      *found + "'");
    return *found;
  }
  // A fallback the list lacks would make ClickUp reject the task.
  std::string first = target.statuses.empty() ? fallback : target.statuses.front();
  dropped.push_back("status '" + source_status + "' and the fallback '" + fallback +
                    "' are not on the history list; used '" + first + "'");
  return first;
}

TaskCopy BuildTaskCopy(const json& task, const TargetList& target, const CopyOptions& options) {
  TaskCopy copy;
  json& body = copy.body;

  body["name"] = Text(task, "name");
  if (Text(task, "name").empty()) {
    body["name"] = "(untitled " + Text(task, "id") + ")";
    copy.dropped.push_back("the task has no name; the copy is named after its id");
  }
  body["status"] = MapStatus(Text(Child(task, "status"), "status"), target, options, copy.dropped);
  CopyAssignees(task, options, copy);

  json tags = json::array();
  for (const auto& tag : Items(task, "tags")) {
    if (tag.is_object() && Child(tag, "name").is_string()) tags.push_back(tag["name"]);
  }
  body["tags"] = tags;

  if (auto id = AsNumber(Child(Child(task, "priority"), "id"))) {
    body["priority"] = static_cast<int>(*id);
  }
  if (auto points = AsNumber(Child(task, "points"))) body["points"] = *points;
  if (auto estimate = AsMillis(Child(task, "time_estimate"))) body["time_estimate"] = *estimate;
  for (const char* key : {"due_date", "start_date"}) {
    auto millis = AsMillis(Child(task, key));
    if (!millis) continue;
    std::string flag = std::string(key) + "_time";
    body[key] = *millis;
    body[flag] = HasTime(*millis, Child(task, flag.c_str()), options);
  }
  if (!options.parent_copy_id.empty()) body["parent"] = options.parent_copy_id;

  CopyCustomFields(task, target, options, copy);
  CopyDescriptionAndLink(task, target, options, copy);
  CopyChecklists(task, options, copy);
  return copy;
}

}  // namespace sprintetl::archive
