// Typing of ClickUp custom field values.
//
// ClickUp returns custom fields in a different form from the one it accepts
// on write. A drop-down's value is the option's orderindex (or its id), and
// labels are option ids. Numbers and currencies are strings, dates are ms
// epochs, checkboxes are "true" and users fields are user objects. This file
// turns one value into the typed columns of stg_task_field.
#pragma once

#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "core/time_format.h"

namespace sprintetl::transform {

struct FieldOption {
  std::string id;
  std::string name;  // `name` for drop-downs, `label` for labels fields
  std::optional<long long> orderindex;
};

struct FieldDefinition {
  std::string id;
  std::string name;
  std::string type;  // drop_down, labels, number, currency, date, checkbox, users, ...
  std::vector<FieldOption> options;
};

// Reads a definition from a GET /v2/list/{id}/field entry or a task's
// custom_fields entry (both carry id, name, type and type_config).
FieldDefinition ParseFieldDefinition(const nlohmann::json& field);

// One typed value. Exactly the member matching the field's type is set (none
// when the value could not be typed); `raw` always keeps the value as sent.
struct TypedFieldValue {
  std::optional<std::string> text;
  std::optional<double> number;
  std::optional<UtcTime> at;
  std::optional<bool> boolean;
  std::optional<std::vector<std::string>> list;
  nlohmann::json raw;
  // Drop-down or labels values that match no option of the definition, e.g.
  // an option deleted after it was chosen, as JSON text.
  std::vector<std::string> unmatched_options;
};

// True when `value` is empty: null, "", [] or {}.
bool IsEmptyFieldValue(const nlohmann::json& value);

// Types `value` by `definition`'s type; nullopt when IsEmptyFieldValue().
std::optional<TypedFieldValue> TypeFieldValue(const FieldDefinition& definition,
                                              const nlohmann::json& value);

// The option that a drop-down value names: an orderindex (number or numeric
// string) or an option id. nullptr when none matches.
const FieldOption* FindDropDownOption(const FieldDefinition& definition,
                                      const nlohmann::json& value);

}  // namespace sprintetl::transform
