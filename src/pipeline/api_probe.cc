#include "pipeline/api_probe.h"

namespace sprintetl::pipeline {
namespace {

// The short reason an API puts in its error body: ClickUp's "err", HubSpot's "message".
std::string ErrorDetail(const std::string& body) {
  auto json = nlohmann::json::parse(body, nullptr, false);
  if (json.is_object()) {
    for (const char* key : {"err", "message"}) {
      auto it = json.find(key);
      if (it != json.end() && it->is_string()) return it->get<std::string>();
    }
  }
  return body.substr(0, 200);
}

}  // namespace

Result<nlohmann::json> GetJson(http::HttpClient& client, const std::string& token_variable,
                               const http::Request& request) {
  std::string what = client.options().name + " " + request.method + " " + request.path;
  SPRINTETL_ASSIGN_OR_RETURN(http::Response response, client.Send(request));

  std::string detail = std::to_string(response.status) + ": " + ErrorDetail(response.body);
  if (response.status == 401) {
    return Unauthenticated(what + " was rejected (" + detail + "); check that " +
                           token_variable + " holds a valid, unexpired token");
  }
  if (response.status == 403) {
    return PermissionDenied(what + " is not allowed (" + detail + "); grant the token access");
  }
  if (response.status == 404) {
    return NotFound(what + " does not exist (" + detail + "); check the base URL " +
                    http::DescribeBaseUrl(client.options()) + " and the ids in the config");
  }
  if (response.status < 200 || response.status >= 300) {
    return InvalidArgument(what + " failed (" + detail + ")");
  }
  auto json = nlohmann::json::parse(response.body, nullptr, false);
  if (json.is_discarded()) return DataLoss(what + " returned a body that is not JSON");
  return json;
}

}  // namespace sprintetl::pipeline
