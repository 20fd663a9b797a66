#include "transform/clickup_values.h"

#include "transform/json_fields.h"

namespace sprintetl::transform {
namespace {

bool IsTextType(const std::string& type) {
  return type == "short_text" || type == "text" || type == "email" || type == "url" ||
         type == "phone";
}

const FieldOption* FindOptionById(const FieldDefinition& definition, const std::string& id) {
  for (const FieldOption& option : definition.options) {
    if (option.id == id) return &option;
  }
  return nullptr;
}

void TypeDropDown(const FieldDefinition& definition, const nlohmann::json& value,
                  TypedFieldValue& typed) {
  const FieldOption* option = FindDropDownOption(definition, value);
  if (option == nullptr) {
    typed.unmatched_options.push_back(value.dump());
    return;
  }
  typed.text = option->name;
  typed.list = std::vector<std::string>{option->id};
}

void TypeLabels(const FieldDefinition& definition, const nlohmann::json& value,
                TypedFieldValue& typed) {
  if (!value.is_array()) {
    typed.unmatched_options.push_back(value.dump());
    return;
  }
  std::vector<std::string> names;
  for (const nlohmann::json& item : value) {
    std::optional<std::string> id = TextOf(&item);
    const FieldOption* option = id ? FindOptionById(definition, *id) : nullptr;
    if (option == nullptr) {
      typed.unmatched_options.push_back(item.dump());
      continue;
    }
    names.push_back(option->name);
  }
  typed.list = std::move(names);
}

void TypeUsers(const nlohmann::json& value, TypedFieldValue& typed) {
  if (!value.is_array()) return;
  std::vector<std::string> ids;
  for (const nlohmann::json& user : value) {
    // Read-back sends user objects; accept bare ids too.
    std::optional<std::string> id = user.is_object() ? TextOf(Member(user, "id")) : TextOf(&user);
    if (id) ids.push_back(*id);
  }
  typed.list = std::move(ids);
}

// A tasks field holds task objects ({"id", "name", ...}); bare ids are accepted too.
void TypeTaskLinks(const nlohmann::json& value, TypedFieldValue& typed) {
  if (!value.is_array()) return;
  std::vector<std::string> ids;
  for (const nlohmann::json& task : value) {
    std::optional<std::string> id = task.is_object() ? TextOf(Member(task, "id")) : TextOf(&task);
    if (id) ids.push_back(*id);
  }
  typed.list = std::move(ids);
}

// Progress fields send {"percent_complete": n}; a bare number is taken as the percentage.
std::optional<double> PercentOf(const nlohmann::json& value) {
  if (value.is_object()) return NumberOf(Member(value, "percent_complete"));
  return NumberOf(&value);
}

// A formula's result is a number or a text, depending on the formula.
void TypeFormula(const nlohmann::json& value, TypedFieldValue& typed) {
  typed.number = NumberOf(&value);
  if (!typed.number && value.is_string()) typed.text = value.get<std::string>();
}

bool HasTypedMember(const TypedFieldValue& typed) {
  return typed.text || typed.number || typed.at || typed.boolean || typed.list;
}

}  // namespace

FieldDefinition ParseFieldDefinition(const nlohmann::json& field) {
  FieldDefinition definition;
  definition.id = TextOf(Member(field, "id")).value_or("");
  definition.name = TextOf(Member(field, "name")).value_or("");
  definition.type = TextOf(Member(field, "type")).value_or("");

  const nlohmann::json* options = Member(field, "type_config", "options");
  if (options == nullptr || !options->is_array()) return definition;
  for (const nlohmann::json& entry : *options) {
    FieldOption option;
    option.id = TextOf(Member(entry, "id")).value_or("");
    std::optional<std::string> name = TextOf(Member(entry, "name"));
    option.name = name ? *name : TextOf(Member(entry, "label")).value_or("");
    option.orderindex = IntegerOf(Member(entry, "orderindex"));
    definition.options.push_back(std::move(option));
  }
  return definition;
}

bool IsEmptyFieldValue(const nlohmann::json& value) {
  if (value.is_null()) return true;
  if (value.is_string()) return value.get_ref<const std::string&>().empty();
  if (value.is_array() || value.is_object()) return value.empty();
  return false;
}

const FieldOption* FindDropDownOption(const FieldDefinition& definition,
                                      const nlohmann::json& value) {
  if (value.is_string()) {
    const FieldOption* by_id = FindOptionById(definition, value.get<std::string>());
    if (by_id != nullptr) return by_id;
  }
  std::optional<long long> orderindex = IntegerOf(&value);
  if (!orderindex) return nullptr;
  for (const FieldOption& option : definition.options) {
    if (option.orderindex == orderindex) return &option;
  }
  return nullptr;
}

std::optional<TypedFieldValue> TypeFieldValue(const FieldDefinition& definition,
                                              const nlohmann::json& value) {
  if (IsEmptyFieldValue(value)) return std::nullopt;

  TypedFieldValue typed;
  typed.raw = value;
  const std::string& type = definition.type;
  if (type == "drop_down") {
    TypeDropDown(definition, value, typed);
    return typed;
  }
  if (type == "labels") {
    TypeLabels(definition, value, typed);
    return typed;
  }

  if (type == "number" || type == "currency" || type == "emoji") {
    typed.number = NumberOf(&value);
  } else if (type == "date") {
    typed.at = MillisTimeOf(&value);
  } else if (type == "checkbox") {
    typed.boolean = BoolOf(&value);
  } else if (type == "users") {
    TypeUsers(value, typed);
  } else if (type == "tasks") {
    TypeTaskLinks(value, typed);
  } else if (type == "manual_progress" || type == "automatic_progress") {
    typed.number = PercentOf(value);
  } else if (type == "formula") {
    TypeFormula(value, typed);
  } else if (type == "location") {
    typed.text = TextOf(Member(value, "formatted_address"));
  } else if (IsTextType(type)) {
    if (value.is_string()) typed.text = value.get<std::string>();
  } else {
    // A type this file does not know: the raw JSON stays, a numeric value is offered as a
    // number, and the caller reports the field.
    typed.unknown_type = true;
    typed.number = NumberOf(&value);
    return typed;
  }
  typed.wrong_shape = !HasTypedMember(typed);
  return typed;
}

}  // namespace sprintetl::transform
