#include "archive/task_copy.h"

#include <algorithm>
#include <cctype>
#include <optional>

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

// Returns the write form of one custom field value, or a reason it is dropped.
std::optional<json> FieldValue(const json& source, const json& target, std::string& reason) {
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
      if (target_option) ids.push_back(Child(*target_option, "id"));
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
      if (user.is_object() && user.contains("id")) ids.push_back(user["id"]);
    }
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

std::string MapStatus(const json& task, const TargetList& target, const CopyOptions& options,
                      std::vector<std::string>& dropped) {
  std::string status = Text(Child(task, "status"), "status");
  for (const auto& candidate : target.statuses) {
    if (Lower(candidate) == Lower(status)) return candidate;
  }
  std::string fallback = options.fallback_status.empty() && !target.statuses.empty()
                             ? target.statuses.front()
                             : options.fallback_status;
  dropped.push_back("status '" + status + "' is not on the history list; used '" + fallback + "'");
  return fallback;
}

void CopyCustomFields(const json& task, const TargetList& target, TaskCopy& copy) {
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
    auto written = FieldValue(source, *field, reason);
    if (!written) {
      copy.dropped.push_back("field '" + name + "': " + reason);
      continue;
    }
    fields.push_back({{"id", Child(*field, "id")}, {"value", *written}});
  }
  if (!fields.empty()) copy.body["custom_fields"] = fields;
}

}  // namespace

TaskCopy BuildTaskCopy(const json& task, const TargetList& target, const CopyOptions& options) {
  TaskCopy copy;
  json& body = copy.body;

  body["name"] = Text(task, "name");
  std::string description = Text(task, "description");
  if (description.empty()) description = Text(task, "text_content");
  std::string url = Text(task, "url");
  std::string link = "Original task: " + (url.empty() ? Text(task, "id") : url);
  body["markdown_content"] = description.empty() ? link : description + "\n\n---\n" + link;
  body["status"] = MapStatus(task, target, options, copy.dropped);

  json assignees = json::array();
  for (const auto& user : Items(task, "assignees")) {
    if (user.is_object() && user.contains("id")) assignees.push_back(user["id"]);
  }
  body["assignees"] = assignees;

  json tags = json::array();
  for (const auto& tag : Items(task, "tags")) {
    if (tag.is_object() && tag.contains("name")) tags.push_back(tag["name"]);
  }
  body["tags"] = tags;

  if (auto id = AsNumber(Child(Child(task, "priority"), "id"))) {
    body["priority"] = static_cast<int>(*id);
  }
  if (auto points = AsNumber(Child(task, "points"))) body["points"] = *points;
  if (auto estimate = AsMillis(Child(task, "time_estimate"))) body["time_estimate"] = *estimate;
  if (auto due = AsMillis(Child(task, "due_date"))) {
    body["due_date"] = *due;
    body["due_date_time"] = Child(task, "due_date_time") == true;
  }
  if (auto start = AsMillis(Child(task, "start_date"))) {
    body["start_date"] = *start;
    body["start_date_time"] = Child(task, "start_date_time") == true;
  }
  if (!options.parent_copy_id.empty()) body["parent"] = options.parent_copy_id;

  CopyCustomFields(task, target, copy);
  return copy;
}

}  // namespace sprintetl::archive
