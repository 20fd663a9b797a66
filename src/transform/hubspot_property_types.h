// Typing of HubSpot property values by their declared type.
//
// The extractor lands each object type's property definitions (manifest kind
// hubspot.properties, context object_type). PropertyTypes indexes them, and
// TypedPropertyValue turns a wire string into the JSON value a stage column
// or a properties document holds.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "core/status.h"
#include "transform/landing_pages.h"

namespace sprintetl::transform {

struct DeclaredType {
  std::string type;        // string, number, date, datetime, enumeration, bool
  std::string field_type;  // checkbox marks a multi-select enumeration
};

class PropertyTypes {
 public:
  // Indexes every hubspot.properties page. Fails with kDataLoss for a page
  // without "results".
  static Result<PropertyTypes> Read(const LandingPages& pages);

  // The declared type of `name` on `object_type`; nullptr when not landed.
  const DeclaredType* Find(const std::string& object_type, const std::string& name) const;

 private:
  std::map<std::string, std::map<std::string, DeclaredType>> types_;  // type -> name -> type
};

// The typed value of `text`: number a JSON number (thousands separators
// allowed), bool true/false, date "YYYY-MM-DD" (the UTC day of a date, an
// ISO time or epoch milliseconds), datetime UTC "YYYY-MM-DDTHH:MM:SS.mmmZ",
// an enumeration with field type checkbox an array split on ';', anything
// else the text itself. JSON null for "". nullopt when the text does not fit
// the declared type, so the caller can warn and keep the raw text.
std::optional<nlohmann::json> TypedPropertyValue(const DeclaredType& declared,
                                                 std::string_view text);

}  // namespace sprintetl::transform
