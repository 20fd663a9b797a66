// The declared properties of a HubSpot object type (GET {properties_path}/{type}).
//
// HubSpot sends every property value as a string, so the declared `type`
// (string, number, date, datetime, enumeration, bool) and `fieldType`
// (text, select, checkbox, ...) are the only record of how to read a value.
// The extractor lands this list for the transform, checks the configured
// property names against it, and `sprintetl discover hubspot` prints it.
#pragma once

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/status.h"

namespace sprintetl::sources {

struct PropertyInfo {
  std::string name;        // internal name, as used in ?properties=
  std::string label;       // shown in HubSpot's UI
  std::string type;        // string, number, date, datetime, enumeration, bool
  std::string field_type;  // text, number, date, select, radio, checkbox, booleancheckbox, ...
};

// Reads the `results` of a properties response. Fails with kDataLoss when
// `results` is missing or an entry has no string `name`.
Result<std::vector<PropertyInfo>> ParsePropertyList(const nlohmann::json& body);

// Levenshtein distance between `a` and `b`, counted in bytes.
size_t EditDistance(const std::string& a, const std::string& b);

// Up to `max_count` names of `known` closest to `name` by edit distance,
// nearest first; only names within a third of `name`'s length (at least 2)
// or that contain `name` count as close.
std::vector<std::string> CloseNames(const std::string& name,
                                    const std::vector<PropertyInfo>& known, size_t max_count = 3);

// Fails with kInvalidArgument when a name of `configured` is not a property
// of `object_type`; the message names the config key and lists close names.
Status CheckConfiguredProperties(const std::string& object_type, const std::string& config_key,
                                 const std::vector<std::string>& configured,
                                 const std::vector<PropertyInfo>& known);

}  // namespace sprintetl::sources
