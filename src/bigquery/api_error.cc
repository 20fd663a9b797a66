#include "bigquery/api_error.h"

namespace sprintetl::bigquery {
namespace {

using Json = nlohmann::json;

std::string StringField(const Json& object, const char* name) {
  auto it = object.find(name);
  return it != object.end() && it->is_string() ? it->get<std::string>() : "";
}

std::string FixFor(const std::string& reason) {
  if (reason == "accessDenied") {
    return "grant the service account BigQuery Data Editor on the dataset and BigQuery Job "
           "User on the project";
  }
  if (reason == "invalidQuery") return "fix the SQL at the location given";
  if (reason == "invalid") return "fix the request's table, schema or data";
  if (reason == "notFound") {
    return "check warehouse.bigquery.project, dataset and location, and that the table exists";
  }
  if (reason == "quotaExceeded") {
    return "wait for the quota to reset or raise it in the Google Cloud console";
  }
  if (reason == "duplicate") return "use a new job id";
  if (reason == "authError") return "check the service-account key";
  return "retry later; if it persists, check the BigQuery status page";
}

StatusCode CodeFor(const ApiError& error) {
  if (IsRetryable(error)) return StatusCode::kUnavailable;
  // BigQuery sends quotaExceeded with HTTP 403 too, so the reason decides first.
  if (error.reason == "quotaExceeded") return StatusCode::kFailedPrecondition;
  if (error.reason == "accessDenied" || error.http_status == 403) {
    return StatusCode::kPermissionDenied;
  }
  if (error.reason == "notFound" || error.http_status == 404) return StatusCode::kNotFound;
  if (error.http_status == 401) return StatusCode::kUnauthenticated;
  return StatusCode::kInvalidArgument;
}

}  // namespace

ApiError ParseApiError(long http_status, const std::string& body) {
  ApiError error;
  error.http_status = http_status;
  Json parsed = Json::parse(body, nullptr, /*allow_exceptions=*/false);
  if (parsed.is_object() && parsed.contains("error") && parsed["error"].is_object()) {
    const Json& outer = parsed["error"];
    error.message = StringField(outer, "message");
    auto errors = outer.find("errors");
    if (errors != outer.end() && errors->is_array() && !errors->empty() &&
        (*errors)[0].is_object()) {
      error.reason = StringField((*errors)[0], "reason");
      error.location = StringField((*errors)[0], "location");
      std::string inner = StringField((*errors)[0], "message");
      if (error.message.empty()) error.message = inner;
    }
    if (error.reason.empty()) error.reason = StringField(outer, "status");
    return error;
  }
  error.reason = "http" + std::to_string(http_status);
  error.message = body.substr(0, 200);
  return error;
}

ApiError ParseErrorResult(const Json& error_result) {
  ApiError error;
  if (!error_result.is_object()) return error;
  error.reason = StringField(error_result, "reason");
  error.message = StringField(error_result, "message");
  error.location = StringField(error_result, "location");
  return error;
}

bool IsRetryable(const ApiError& error) {
  if (error.http_status >= 500) return true;
  static const char* const kRetryable[] = {"backendError",      "internalError",
                                           "rateLimitExceeded", "jobBackendError",
                                           "jobInternalError",  "jobRateLimitExceeded"};
  for (const char* reason : kRetryable) {
    if (error.reason == reason) return true;
  }
  return false;
}

Status ApiErrorStatus(const ApiError& error, const std::string& action) {
  std::string text =
      "BigQuery " + action + " failed: " + (error.reason.empty() ? "error" : error.reason);
  if (error.http_status != 0) text += " (HTTP " + std::to_string(error.http_status) + ")";
  if (!error.message.empty()) {
    std::string message = error.message;
    for (char& c : message) {
      if (c == '\n' || c == '\r') c = ' ';
    }
    text += ": " + message;
  }
  if (!error.location.empty()) text += " [location: " + error.location + "]";
  text += "; " + FixFor(error.reason);
  return Status(CodeFor(error), text);
}

}  // namespace sprintetl::bigquery
