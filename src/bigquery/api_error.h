// BigQuery's error body, {"error":{"code","message","errors":[{"reason",
// "message","location"}],"status"}}, and a job's status.errorResult, turned
// into a Status that keeps BigQuery's reason, message and location.
#pragma once

#include <nlohmann/json.hpp>
#include <string>

#include "core/status.h"

namespace sprintetl::bigquery {

// The first error of a response or job.
struct ApiError {
  long http_status = 0;  // 0 for a job's errorResult
  std::string reason;    // e.g. "invalidQuery", "rateLimitExceeded"
  std::string message;
  std::string location;  // e.g. "query" or a column; may be empty
};

// Reads an error body. Falls back to the HTTP status and the body's first
// 200 characters when the body is not BigQuery's shape (e.g. a proxy's page).
ApiError ParseApiError(long http_status, const std::string& body);

// Reads a job's status.errorResult.
ApiError ParseErrorResult(const nlohmann::json& error_result);

// True for errors that a later identical request may not hit: HTTP 5xx and
// the reasons backendError, internalError, rateLimitExceeded,
// jobBackendError, jobInternalError and jobRateLimitExceeded.
bool IsRetryable(const ApiError& error);

// Returns the one-line Status for `error`: what failed (`action`), BigQuery's
// reason, message and location, and what to fix. The code follows the
// reason: accessDenied is kPermissionDenied, invalidQuery and invalid are
// kInvalidArgument, notFound is kNotFound, quotaExceeded is
// kFailedPrecondition, retryable ones are kUnavailable.
Status ApiErrorStatus(const ApiError& error, const std::string& action);

}  // namespace sprintetl::bigquery
