#include "archive/clickup_calls.h"

namespace sprintetl::archive {

using nlohmann::json;

Result<json> SendJson(http::HttpClient& client, const http::Request& request) {
  SPRINTETL_ASSIGN_OR_RETURN(http::Response response, client.Send(request));
  json body = json::parse(response.body, nullptr, false);
  std::string what = "clickup " + request.method + " " + request.path;
  if (response.status < 200 || response.status >= 300) {
    std::string detail = body.is_object() && body.contains("err") && body["err"].is_string()
                             ? body["err"].get<std::string>()
                             : response.body.substr(0, 300);
    std::string message =
        what + " failed with HTTP " + std::to_string(response.status) + ": " + detail;
    if (response.status == 404) return NotFound(message);
    return InvalidArgument(message);
  }
  if (body.is_discarded()) return DataLoss(what + " returned a body that is not JSON");
  return body;
}

std::string BodyText(const json& body) {
  return body.dump(-1, ' ', false, json::error_handler_t::replace);
}

}  // namespace sprintetl::archive
