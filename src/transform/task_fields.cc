#include "transform/task_fields.h"

#include "transform/json_fields.h"

namespace sprintetl::transform {
namespace {

nlohmann::json FieldRow(const std::string& task_id, const std::string& source_page,
                        const FieldDefinition& definition, const TypedFieldValue& value) {
  return {
      {"source_page", source_page},
      {"task_id", task_id},
      {"field_id", definition.id},
      {"field_name", definition.name},
      {"field_type", definition.type},
      {"value_text", JsonOrNull(value.text)},
      {"value_number", JsonOrNull(value.number)},
      {"value_at", TimeOrNull(value.at)},
      {"value_bool", JsonOrNull(value.boolean)},
      {"value_list", JsonOrNull(value.list)},
      {"value_json", value.raw.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace)},
  };
}

}  // namespace

Result<TaskFieldReader> TaskFieldReader::Create(const LandingPages& pages) {
  TaskFieldReader reader;
  for (const LandingPage& page : pages.OfKind("clickup.fields")) {
    SPRINTETL_ASSIGN_OR_RETURN(const nlohmann::json* fields, PageArray(page, "fields"));
    for (const nlohmann::json& field : *fields) {
      FieldDefinition definition = ParseFieldDefinition(field);
      if (!definition.id.empty()) reader.list_definitions_.emplace(definition.id, definition);
    }
  }
  return reader;
}

FieldDefinition TaskFieldReader::DefinitionFor(const nlohmann::json& entry) const {
  FieldDefinition definition = ParseFieldDefinition(entry);
  auto listed = list_definitions_.find(definition.id);
  if (listed == list_definitions_.end()) return definition;
  if (definition.name.empty()) definition.name = listed->second.name;
  if (definition.type.empty()) definition.type = listed->second.type;
  if (definition.options.empty()) definition.options = listed->second.options;
  return definition;
}

std::vector<TaskField> TaskFieldReader::ReadTask(const std::string& task_id,
                                                 const nlohmann::json& task,
                                                 const std::string& source_page,
                                                 std::vector<nlohmann::json>& field_rows) {
  std::vector<TaskField> fields;
  const nlohmann::json* entries = Member(task, "custom_fields");
  if (entries == nullptr || !entries->is_array()) return fields;

  for (const nlohmann::json& entry : *entries) {
    // A field without a `value` key has never been set on this task.
    if (!entry.is_object() || !entry.contains("value")) continue;
    FieldDefinition definition = DefinitionFor(entry);
    if (definition.id.empty()) continue;
    std::optional<TypedFieldValue> value = TypeFieldValue(definition, entry["value"]);
    if (!value) continue;

    if (!value->unmatched_options.empty()) {
      Unmatched& unmatched = unmatched_[definition.id];
      unmatched.field_name = definition.name;
      for (const std::string& raw : value->unmatched_options) {
        unmatched.values.push_back(raw + " (task " + task_id + ")");
      }
    }
    if (value->unknown_type || value->wrong_shape) {
      Untyped& untyped = untyped_[definition.id];
      if (untyped.count == 0) {
        untyped.field_name = definition.name;
        untyped.field_type = definition.type;
        untyped.unknown_type = value->unknown_type;
        untyped.first_task_id = task_id;
      }
      ++untyped.count;
    }
    field_rows.push_back(FieldRow(task_id, source_page, definition, *value));
    fields.push_back({std::move(definition), std::move(*value)});
  }
  return fields;
}

void TaskFieldReader::AddWarnings(WarningList& warnings) const {
  for (const auto& [field_id, unmatched] : unmatched_) {
    std::string values;
    for (const std::string& value : unmatched.values) {
      values += (values.empty() ? "" : ", ") + value;
    }
    bool single = unmatched.values.size() == 1;
    warnings.Add("custom field '" + unmatched.field_name + "' (" + field_id + ") has " +
                 std::to_string(unmatched.values.size()) +
                 (single ? " value that matches" : " values that match") +
                 " none of its options, perhaps deleted ones; kept raw in value_json: " + values);
  }
  for (const auto& [field_id, untyped] : untyped_) {
    std::string reason = untyped.unknown_type
                             ? "has type '" + untyped.field_type + "', which sprintetl does not type"
                             : "has values that are not a valid " + untyped.field_type;
    warnings.Add("custom field '" + untyped.field_name + "' (" + field_id + ") " + reason +
                 "; " + std::to_string(untyped.count) + " value(s), first on task " +
                 untyped.first_task_id + ", kept raw in value_json");
  }
}

}  // namespace sprintetl::transform
