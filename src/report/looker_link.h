// The Looker Studio Linking API URL for the report views: opening it in a
// browser creates a Looker Studio report with one BigQuery table data source
// per rpt_* view of the configured dataset. Part of the report stage; used by
// `sprintetl report --looker`, which only prints the URL.
//
// The Linking API's base is https://lookerstudio.google.com/reporting/create,
// and each data source is set by `ds.<alias>.<parameter>` query parameters.
// Functions here are pure and thread-safe.
#pragma once

#include <string>

#include "config/config.h"
#include "core/status.h"

namespace sprintetl::report {

// Percent-encodes `text` for a URL query component: every byte except ASCII
// letters, digits and "-._~" becomes %XX with upper-case hex digits.
std::string EncodeQueryComponent(const std::string& text);

// Returns the Linking API URL with one data source per name in
// ReportViewNames(): alias the view name, connector bigQuery, type TABLE,
// projectId and billingProjectId the configured project, datasetId the
// configured dataset, tableId the view name.
//
// Fails with kFailedPrecondition when warehouse.kind is not "bigquery", or
// warehouse.bigquery.project or warehouse.bigquery.dataset is empty; the
// message names the keys to set.
Result<std::string> LookerStudioCreateUrl(const config::Warehouse& warehouse,
                                          const std::string& report_name);

}  // namespace sprintetl::report
