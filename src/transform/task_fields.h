// A task's custom fields: the stg_task_field rows, and the typed values the
// task row reads (customer and service fields).
//
// Each task's custom_fields entry carries its own definition (type and
// type_config with the options); the clickup.fields pages fill in a
// definition an entry lacks. Not thread-safe: it collects warnings.
#pragma once

#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "core/status.h"
#include "transform/clickup_values.h"
#include "transform/landing_pages.h"
#include "transform/warning_list.h"

namespace sprintetl::transform {

struct TaskField {
  FieldDefinition definition;
  TypedFieldValue value;
};

class TaskFieldReader {
 public:
  // Reads the field definitions of the clickup.fields pages. Fails with
  // kDataLoss for a page without a "fields" array.
  static Result<TaskFieldReader> Create(const LandingPages& pages);

  // Types every custom field of `task` that has a non-empty value, appends
  // one stg_task_field row each, and returns them. Values that match no
  // option, of an unknown type or of the wrong shape are kept raw and remembered for
  // AddWarnings().
  std::vector<TaskField> ReadTask(const std::string& task_id, const nlohmann::json& task,
                                  const std::string& source_page,
                                  std::vector<nlohmann::json>& field_rows);

  // Adds one warning per field that had values matching none of its options, and one per
  // field whose values were kept raw because of an unknown type or a wrong shape.
  void AddWarnings(WarningList& warnings) const;

 private:
  struct Unmatched {
    std::string field_name;
    std::vector<std::string> values;  // "7 (task 86c0a1b09)"
  };

  FieldDefinition DefinitionFor(const nlohmann::json& entry) const;

  std::map<std::string, FieldDefinition> list_definitions_;  // by field id
  // Values kept raw only because the type is unknown or the value has the wrong shape.
  struct Untyped {
    std::string field_name;
    std::string field_type;
    bool unknown_type = false;
    long long count = 0;
    std::string first_task_id;
  };

  std::map<std::string, Unmatched> unmatched_;               // by field id
  std::map<std::string, Untyped> untyped_;                   // by field id
};

}  // namespace sprintetl::transform
