#include "bigquery/token_source.h"

#include <algorithm>
#include <cstdlib>
#include <nlohmann/json.hpp>

#include "bigquery/rest_transport.h"
#include "core/log.h"

namespace sprintetl::bigquery {
namespace {

using Json = nlohmann::json;

constexpr std::chrono::milliseconds kTokenTimeout{30000};
constexpr int64_t kJwtLifetimeSeconds = 3600;  // the maximum Google accepts

// Seconds before expiry at which a cached token is replaced: five minutes,
// or half the lifetime of a shorter-lived token.
int64_t RefreshMargin(int64_t expires_in) { return std::min<int64_t>(300, expires_in / 2); }

std::string JsonString(const Json& object, const char* name) {
  auto it = object.find(name);
  return it != object.end() && it->is_string() ? it->get<std::string>() : "";
}

struct ParsedToken {
  std::string access_token;
  int64_t expires_in = 0;
};

// Reads {"access_token", "expires_in"} from a 200 response.
Result<ParsedToken> ParseTokenBody(const std::string& body, const std::string& endpoint) {
  Json parsed = Json::parse(body, nullptr, /*allow_exceptions=*/false);
  ParsedToken token;
  if (parsed.is_object()) {
    token.access_token = JsonString(parsed, "access_token");
    auto expires = parsed.find("expires_in");
    if (expires != parsed.end() && expires->is_number_integer()) {
      token.expires_in = expires->get<int64_t>();
    }
  }
  if (token.access_token.empty() || token.expires_in <= 0) {
    return Unauthenticated("the token endpoint " + endpoint +
                           " returned no access_token and expires_in; check token_url");
  }
  return token;
}

}  // namespace

int64_t SystemUnixSeconds() {
  return std::chrono::duration_cast<std::chrono::seconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

ServiceAccountTokenSource::ServiceAccountTokenSource(ServiceAccountKey key, std::string token_url,
                                                     UnixClock clock)
    : key_(std::move(key)), token_url_(std::move(token_url)), clock_(std::move(clock)) {}

Result<std::string> ServiceAccountTokenSource::Token() {
  int64_t now = clock_();
  if (expires_at_ != 0 && now < expires_at_ - refresh_margin_) return token_;

  JwtClaims claims{key_.client_email, kBigQueryScope, token_url_, now, now + kJwtLifetimeSeconds};
  SPRINTETL_ASSIGN_OR_RETURN(std::string assertion, SignJwt(key_, claims));
  RestRequest request;
  request.method = "POST";
  request.url = token_url_;
  request.content_type = "application/x-www-form-urlencoded";
  request.body = "grant_type=" + FormEncode("urn:ietf:params:oauth:grant-type:jwt-bearer") +
                 "&assertion=" + FormEncode(assertion);
  ++fetch_count_;
  SPRINTETL_ASSIGN_OR_RETURN(RestResponse response, SendRest(request, kTokenTimeout));

  if (response.status != 200) {
    Json parsed = Json::parse(response.body, nullptr, /*allow_exceptions=*/false);
    std::string error = parsed.is_object() ? JsonString(parsed, "error") : "";
    std::string description = parsed.is_object() ? JsonString(parsed, "error_description") : "";
    std::string message = "the token endpoint " + token_url_ + " rejected service account " +
                          key_.client_email + " with HTTP " + std::to_string(response.status);
    if (!error.empty()) message += " " + error;
    if (!description.empty()) message += " (" + description + ")";
    if (error == "invalid_grant") {
      message +=
          "; check that this host's clock is correct (the JWT's iat and exp must be "
          "within a few minutes of Google's time) and that the key is not deleted";
    } else {
      message += "; check token_url and the service-account key";
    }
    return Unauthenticated(message);
  }

  SPRINTETL_ASSIGN_OR_RETURN(ParsedToken token, ParseTokenBody(response.body, token_url_));
  token_ = token.access_token;
  expires_at_ = now + token.expires_in;
  refresh_margin_ = RefreshMargin(token.expires_in);
  log::Get("bigquery")
      ->info("bigquery.token source=key account={} expires_in={}", key_.client_email,
             token.expires_in);
  return token_;
}

MetadataTokenSource::MetadataTokenSource(std::string metadata_base_url, UnixClock clock)
    : base_url_(std::move(metadata_base_url)), clock_(std::move(clock)) {}

Result<std::string> MetadataTokenSource::Token() {
  int64_t now = clock_();
  if (expires_at_ != 0 && now < expires_at_ - refresh_margin_) return token_;

  RestRequest request;
  request.url = base_url_ + "/computeMetadata/v1/instance/service-accounts/default/token";
  // The metadata server rejects requests without this header.
  request.headers.push_back("Metadata-Flavor: Google");
  ++fetch_count_;
  SPRINTETL_ASSIGN_OR_RETURN(RestResponse response, SendRest(request, kTokenTimeout));
  if (response.status != 200) {
    return Unauthenticated("the metadata server " + base_url_ + " returned HTTP " +
                           std::to_string(response.status) +
                           " for the default service account's token; check that the VM has a "
                           "service account with the BigQuery scope, or set "
                           "use_metadata_server = false and use a key file");
  }
  SPRINTETL_ASSIGN_OR_RETURN(ParsedToken token, ParseTokenBody(response.body, base_url_));
  token_ = token.access_token;
  expires_at_ = now + token.expires_in;
  refresh_margin_ = RefreshMargin(token.expires_in);
  log::Get("bigquery")->info("bigquery.token source=metadata expires_in={}", token.expires_in);
  return token_;
}

Result<std::unique_ptr<TokenSource>> MakeTokenSource(const config::BigQuery& settings,
                                                     UnixClock clock) {
  if (settings.use_metadata_server) {
    return std::unique_ptr<TokenSource>(
        new MetadataTokenSource(settings.metadata_base_url, std::move(clock)));
  }
  std::string path = settings.credentials_file;
  if (path.empty()) {
    const char* from_environment = std::getenv("GOOGLE_APPLICATION_CREDENTIALS");
    if (from_environment != nullptr) path = from_environment;
  }
  if (path.empty()) {
    return InvalidArgument(
        "no BigQuery credentials: set warehouse.bigquery.credentials_file or "
        "GOOGLE_APPLICATION_CREDENTIALS to a service-account key file, or set "
        "warehouse.bigquery.use_metadata_server = true on a Google Cloud VM");
  }
  SPRINTETL_ASSIGN_OR_RETURN(ServiceAccountKey key, LoadServiceAccountKey(path));
  return std::unique_ptr<TokenSource>(
      new ServiceAccountTokenSource(std::move(key), settings.token_url, std::move(clock)));
}

}  // namespace sprintetl::bigquery
