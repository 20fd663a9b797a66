// Typing of ClickUp custom field values.
//
// ClickUp returns custom fields in a different form from the one it accepts
// on write. A drop-down's value is the option's orderindex (or its id), and
// labels are option ids. Numbers and currencies are strings, dates are ms
// epochs, checkboxes are "true" and users fields are user objects. This file
// turns one value into the typed columns of stg_task_field:
//
//   drop_down             value_text = option name, value_list = [option id]
//   labels                value_list = option labels
//   number, currency,
//   emoji (rating)        value_number
//   date                  value_at (ms epoch)
//   checkbox              value_bool
//   users, tasks          value_list = user or task ids
//   manual_progress,
//   automatic_progress    value_number = percent_complete
//   formula               value_number, or value_text for a text result
//   location              value_text = formatted_address
//   short_text, text, email, url, phone   value_text
//
// value_json keeps every value as sent.
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
  // The field's type is not one this file types; `raw` (and `number` when numeric) only.
  bool unknown_type = false;
  // The value does not have the shape its type sends, e.g. a number for a date, a string in a
  // checkbox or an object for a text field, so no typed member is set.
  bool wrong_shape = false;
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
