#include "cli/check_command.h"

#include <unistd.h>

#include <filesystem>

#include "http/http_client.h"
#include "pipeline/api_clients.h"
#include "pipeline/api_probe.h"
#include "pipeline/secrets.h"

namespace sprintetl::cli {
namespace {
namespace fs = std::filesystem;

// The nearest existing folder of `path`, for a write-access check of a file
// or folder that the first run creates.
fs::path ExistingParent(fs::path path) {
  std::error_code ec;
  while (!path.empty() && !fs::exists(path, ec)) {
    fs::path parent = path.parent_path();
    if (parent == path) break;
    path = parent;
  }
  return path.empty() ? fs::path(".") : path;
}

CheckResult WritableCheck(const std::string& name, const std::string& path, bool is_file) {
  fs::path target = is_file ? fs::path(path).parent_path() : fs::path(path);
  fs::path existing = ExistingParent(target);
  if (access(existing.c_str(), W_OK) != 0) {
    return {name, false, existing.string() + " is not writable by this user, so " + path +
                             " cannot be written; fix its owner or permissions, or change the "
                             "path in the config"};
  }
  return {name, true, path + " can be written"};
}

// Checks make one try each, because retries would only delay the result.
http::ClientOptions ForCheck(http::ClientOptions options) {
  options.max_attempts = 1;
  options.timeout = std::chrono::seconds(15);
  return options;
}

CheckResult ServiceCheck(const std::string& name, const std::string& token_variable,
                         const http::ClientOptions& options, const std::string& path,
                         const std::string& query) {
  http::HttpClient client(ForCheck(options));
  http::Request request;
  request.path = path;
  request.query = query;
  auto body = pipeline::GetJson(client, token_variable, request);
  std::string what = "GET " + options.base_url + path + (query.empty() ? "" : "?" + query);
  if (!body.ok()) return {name, false, body.status().message()};
  return {name, true, what + " accepted the token"};
}

}  // namespace

std::vector<CheckResult> RunChecks(const std::string& config_path) {
  std::vector<CheckResult> results;
  auto config = config::LoadConfig(config_path);
  if (!config.ok()) {
    results.push_back({"config", false, config.status().message()});
    return results;
  }
  if (Status overrides = config::ApplyEnvironmentOverrides(*config); !overrides.ok()) {
    results.push_back({"config", false, overrides.message()});
    return results;
  }
  results.push_back({"config", true, config->source_path + " is valid"});

  if (config->warehouse.kind != "duckdb") {
    results.push_back({"warehouse", false, "warehouse.kind '" + config->warehouse.kind +
                                               "' is not supported; use \"duckdb\""});
  } else {
    results.push_back(WritableCheck("warehouse", config->warehouse.path, true));
  }
  results.push_back(WritableCheck("landing", config->landing_root, false));
  results.push_back(WritableCheck("report", config->report.path, true));

  auto clickup_token = pipeline::ReadSecret("CLICKUP_API_TOKEN");
  auto hubspot_token = pipeline::ReadSecret("HUBSPOT_ACCESS_TOKEN");
  results.push_back({"CLICKUP_API_TOKEN", clickup_token.ok(),
                     clickup_token.ok() ? "set" : clickup_token.status().message()});
  results.push_back({"HUBSPOT_ACCESS_TOKEN", hubspot_token.ok(),
                     hubspot_token.ok() ? "set" : hubspot_token.status().message()});

  if (clickup_token.ok()) {
    results.push_back(ServiceCheck("clickup", "CLICKUP_API_TOKEN",
                                   pipeline::ClickUpApiOptions(*config, *clickup_token),
                                   "/v2/user", ""));
  }
  if (hubspot_token.ok()) {
    results.push_back(ServiceCheck(
        "hubspot", "HUBSPOT_ACCESS_TOKEN",
        pipeline::HubSpotApiOptions(*config, *hubspot_token),
        config->hubspot.objects_path + "/companies", "limit=1"));
  }
  return results;
}

}  // namespace sprintetl::cli
