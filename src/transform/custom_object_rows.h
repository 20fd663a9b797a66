// HubSpot custom objects (hubspot.custom_objects pages): stg_custom_object
// rows with every landed property typed by its declared type, and
// stg_customer_custom_object rows from the company→custom object
// associations.
#pragma once

#include "config/config.h"
#include "core/status.h"
#include "transform/customer_rows.h"
#include "transform/hubspot_property_types.h"
#include "transform/landing_pages.h"
#include "transform/ndjson_writer.h"
#include "transform/warning_list.h"

namespace sprintetl::transform {

// Appends the rows of every custom object type that is configured or landed. `properties` is
// a JSON object text with each value typed by TypedPropertyValue(). A value
// that does not fit its declared type is kept as text with a warning. A
// property without a landed definition is kept as text. An association from
// a merged company counts for the company it merged into. Fails with
// kDataLoss for a page without "results" or a record without an id.
Status BuildCustomObjectRows(const LandingPages& pages, const config::Config& config,
                             const PropertyTypes& types, const Companies& companies,
                             StageRows& rows, WarningList& warnings);

}  // namespace sprintetl::transform
