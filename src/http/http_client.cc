#include "http/http_client.h"

#include <curl/curl.h>

#include <algorithm>
#include <cctype>
#include <random>
#include <thread>

#include "core/log.h"

namespace sprintetl::http {
namespace {

// libcurl's global state must be set up once per process before any handle.
struct CurlGlobal {
  CurlGlobal() { curl_global_init(CURL_GLOBAL_DEFAULT); }
  ~CurlGlobal() { curl_global_cleanup(); }
};

void EnsureCurlGlobal() { static CurlGlobal global; }

size_t AppendBody(char* data, size_t size, size_t count, void* user) {
  static_cast<std::string*>(user)->append(data, size * count);
  return size * count;
}

size_t CollectHeader(char* data, size_t size, size_t count, void* user) {
  auto* headers = static_cast<std::map<std::string, std::string>*>(user);
  std::string line(data, size * count);
  auto colon = line.find(':');
  if (colon == std::string::npos) return size * count;
  std::string name = line.substr(0, colon);
  std::transform(name.begin(), name.end(), name.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  std::string value = line.substr(colon + 1);
  auto first = value.find_first_not_of(" \t");
  auto last = value.find_last_not_of(" \t\r\n");
  (*headers)[name] = first == std::string::npos ? "" : value.substr(first, last - first + 1);
  return size * count;
}

struct Attempt {
  CURLcode code = CURLE_OK;
  std::string curl_error;
  Response response;
};

Attempt Perform(const ClientOptions& options, const Request& request) {
  Attempt attempt;
  CURL* curl = curl_easy_init();
  if (!curl) {
    attempt.code = CURLE_FAILED_INIT;
    attempt.curl_error = "curl_easy_init failed";
    return attempt;
  }

  std::string url = options.base_url + request.path;
  if (!request.query.empty()) url += "?" + request.query;

  curl_slist* headers = nullptr;
  std::string auth = "Authorization: " + options.authorization;
  if (!options.authorization.empty()) headers = curl_slist_append(headers, auth.c_str());
  headers = curl_slist_append(headers, "Accept: application/json");
  if (!request.body.empty()) headers = curl_slist_append(headers, "Content-Type: application/json");

  char error_buffer[CURL_ERROR_SIZE] = {0};
  curl_easy_setopt(curl, CURLOPT_URL, url.c_str());
  curl_easy_setopt(curl, CURLOPT_HTTPHEADER, headers);
  curl_easy_setopt(curl, CURLOPT_CUSTOMREQUEST, request.method.c_str());
  if (!request.body.empty() || request.method == "POST" || request.method == "PUT") {
    curl_easy_setopt(curl, CURLOPT_POSTFIELDS, request.body.c_str());
    curl_easy_setopt(curl, CURLOPT_POSTFIELDSIZE, static_cast<long>(request.body.size()));
  }
  curl_easy_setopt(curl, CURLOPT_TIMEOUT_MS, static_cast<long>(options.timeout.count()));
  curl_easy_setopt(curl, CURLOPT_CONNECTTIMEOUT_MS, 10000L);
  curl_easy_setopt(curl, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(curl, CURLOPT_ACCEPT_ENCODING, "");
  curl_easy_setopt(curl, CURLOPT_ERRORBUFFER, error_buffer);
  curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, AppendBody);
  curl_easy_setopt(curl, CURLOPT_WRITEDATA, &attempt.response.body);
  curl_easy_setopt(curl, CURLOPT_HEADERFUNCTION, CollectHeader);
  curl_easy_setopt(curl, CURLOPT_HEADERDATA, &attempt.response.headers);
  // Redirects would carry the Authorization header to another host.
  curl_easy_setopt(curl, CURLOPT_FOLLOWLOCATION, 0L);

  attempt.code = curl_easy_perform(curl);
  if (attempt.code != CURLE_OK) {
    attempt.curl_error = error_buffer[0] ? error_buffer : curl_easy_strerror(attempt.code);
  } else {
    curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &attempt.response.status);
  }
  curl_slist_free_all(headers);
  curl_easy_cleanup(curl);
  return attempt;
}

std::chrono::milliseconds Backoff(const ClientOptions& options, int attempt) {
  thread_local std::mt19937 random(std::random_device{}());
  auto ceiling = std::min<long long>(options.backoff_max.count(),
                                     options.backoff_base.count() << std::min(attempt, 16));
  // Full jitter: concurrent workers that failed together do not retry together.
  std::uniform_int_distribution<long long> pick(ceiling / 2, std::max(ceiling, 1LL));
  return std::chrono::milliseconds(pick(random));
}

}  // namespace

HttpClient::HttpClient(ClientOptions options)
    : options_(std::move(options)), budget_(options_.rate_headers) {
  EnsureCurlGlobal();
}

HttpClient::~HttpClient() = default;

Result<Response> HttpClient::Send(const Request& request) {
  auto logger = log::Get("http");
  std::string last_error;

  for (int attempt = 1; attempt <= options_.max_attempts; ++attempt) {
    SPRINTETL_RETURN_IF_ERROR(budget_.Acquire().WithContext(
        options_.name + " " + request.method + " " + request.path + " was not sent"));
    auto started = std::chrono::steady_clock::now();
    Attempt result = Perform(options_, request);
    auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(
                  std::chrono::steady_clock::now() - started).count();

    if (result.code != CURLE_OK) {
      budget_.Complete();
      last_error = result.curl_error;
      logger->debug("http.request api={} method={} path={} error=\"{}\" ms={} attempt={}",
                    options_.name, request.method, request.path, last_error, ms, attempt);
    } else {
      Response& response = result.response;
      response.attempts = attempt;
      // The headers first, so the slot this request held expires over the interval they state.
      budget_.Observe(response.headers);
      budget_.Complete();
      logger->debug("http.request api={} method={} path={} status={} bytes={} ms={} attempt={}",
                    options_.name, request.method, request.path, response.status,
                    response.body.size(), ms, attempt);

      if (response.status == 429 && options_.final_rate_limit_message) {
        if (std::optional<std::string> message = options_.final_rate_limit_message(response)) {
          return Unavailable(options_.name + " " + request.method + " " + request.path +
                             " was rejected with 429: " + *message);
        }
      }
      if (response.status == 429) {
        auto wait = budget_.WaitAfter429(response.headers, Backoff(options_, attempt));
        budget_.PauseUntil(std::chrono::steady_clock::now() + wait);
        last_error = "HTTP 429 (rate limited)";
        logger->warn("http.retry api={} path={} status=429 wait_ms={} attempt={}", options_.name,
                     request.path, wait.count(), attempt);
        continue;
      }
      if (response.status < 500) return std::move(response);
      last_error = "HTTP " + std::to_string(response.status);
    }

    if (attempt < options_.max_attempts) {
      auto wait = Backoff(options_, attempt);
      logger->warn("http.retry api={} path={} error=\"{}\" wait_ms={} attempt={}", options_.name,
                   request.path, last_error, wait.count(), attempt);
      std::this_thread::sleep_for(wait);
    }
  }

  return Unavailable(options_.name + " " + request.method + " " + request.path + " failed after " +
                     std::to_string(options_.max_attempts) + " tries: " + last_error +
                     "; check that " + DescribeBaseUrl(options_) +
                     " is reachable and retry later");
}

std::string DescribeBaseUrl(const ClientOptions& options) {
  if (options.base_url_source.empty()) return options.base_url;
  return options.base_url + " (set by " + options.base_url_source + ")";
}

std::string UrlEncode(const std::string& text) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : text) {
    if (std::isalnum(c) || c == '-' || c == '_' || c == '.' || c == '~') {
      out.push_back(static_cast<char>(c));
    } else {
      out.push_back('%');
      out.push_back(kHex[c >> 4]);
      out.push_back(kHex[c & 0x0f]);
    }
  }
  return out;
}

}  // namespace sprintetl::http
