// Detection of HubSpot properties whose declared type changed since the
// previous successful run (e.g. number to string after an admin edited it).
//
// The declared types of a run are the hubspot.properties pages in its
// landing folder. A change is reported, not an error: the transform types the
// values of this run by the new type, because that is what HubSpot now sends.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "core/status.h"
#include "sources/hubspot/property_catalog.h"

namespace sprintetl::sources {

// Object type -> property name -> declared type.
using DeclaredTypes = std::map<std::string, std::map<std::string, std::string>>;

struct PropertyTypeChange {
  std::string object_type;
  std::string property;
  std::string old_type;
  std::string new_type;
};

// Reads the declared types from the hubspot.properties pages of the run
// folder at `landing_path`. Fails with kNotFound when the folder is gone, or
// kDataLoss when a page is not a properties response.
Result<DeclaredTypes> ReadLandedDeclaredTypes(const std::string& landing_path);

// The properties of `names` whose type in `current` differs from the one in
// `previous` for `object_type`. A property missing on either side is no change.
std::vector<PropertyTypeChange> FindTypeChanges(const std::string& object_type,
                                                const std::vector<std::string>& names,
                                                const std::vector<PropertyInfo>& current,
                                                const DeclaredTypes& previous);

// "deals property amount changed its declared type from number to string ...", for warnings.
std::string DescribeTypeChange(const PropertyTypeChange& change);

}  // namespace sprintetl::sources
