// Shared machinery of the fake ClickUp and HubSpot servers used by tests and the demo.
//
// A FakeServer listens on 127.0.0.1 only and serves on a background thread (cpp-httplib's
// worker pool). Every request passes, in this order, through: the request log, a fixed rate
// window (over budget: 429), the fake's auth check (failing: 401), its other quotas, the
// scripted faults, and finally the endpoint handler. The rate headers of the concrete fake go
// on every response.
//
// Threading: all public methods are safe to call from the test thread while requests are
// being served. Handlers of a concrete fake run one at a time under state_mutex().
#pragma once

#include <httplib.h>

#include <atomic>
#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <thread>
#include <vector>

namespace sprintetl::fakes {

// JSON that keeps the key order of the fixtures, so served bodies read like the originals.
using Json = nlohmann::ordered_json;

// Parses a request body; returns nullopt unless it is a JSON object.
std::optional<Json> ParseObject(const std::string& body);

// Returns the current Unix time in milliseconds.
int64_t NowUnixMs();

// A response produced by an endpoint handler or by the shared checks.
struct Reply {
  int status = 200;
  std::string body;
  std::string content_type = "application/json; charset=utf-8";
};

// Returns a JSON reply with `status` and `body` serialised compactly.
Reply JsonReply(int status, const Json& body);

enum class FaultKind {
  kHttp500,        // status 500 with the fake's server-error body
  kHttp503,        // status 503 with the fake's server-error body
  kRateLimited,    // status 429 with the fake's rate-limit body and exhausted rate headers
  kMalformedBody,  // status 200 with a body that is not JSON
  kTruncatedBody,  // status 200 with the first half of the real JSON body
};

// A scripted failure for the next `count` requests whose path contains the fault's substring,
// after the first `after` of them pass untouched.
struct Fault {
  FaultKind kind = FaultKind::kHttp500;
  int count = 1;
  int after = 0;
};

// One request as the fake received it. `path` excludes the query string; `query` is the raw
// text after '?', still percent-encoded.
struct RecordedRequest {
  std::string method;
  std::string path;
  std::string query;
  std::string body;
};

// The rate window as seen by one request.
struct RateSnapshot {
  int limit = 0;
  int remaining = 0;
  int64_t window_end_unix_ms = 0;
  int64_t window_ms = 0;
};

// One fixed rate window: when its first request arrived and how many requests it accepted.
struct RateWindow {
  int64_t start_unix_ms = 0;
  int accepted = 0;
};

class FakeServer {
 public:
  FakeServer(const FakeServer&) = delete;
  FakeServer& operator=(const FakeServer&) = delete;
  // Concrete fakes must call Stop() in their own destructor, because server threads call
  // their virtual methods until the server has stopped.
  virtual ~FakeServer();

  // Loads the fixtures, binds 127.0.0.1:`port` (0 picks a free port) and starts serving on a
  // background thread. Returns the bound port, or 0 when loading or binding failed, and error()
  // then describes why. A fake can be started once.
  int Start(int port = 0);

  // Stops serving and joins the background thread. Safe to call twice; the destructor calls it.
  void Stop();

  // Port bound by Start(), 0 before.
  int port() const { return port_; }

  // URL the product is configured with, e.g. "http://127.0.0.1:PORT/api" for ClickUp.
  virtual std::string base_url() const = 0;

  // Why Start() failed, empty otherwise.
  const std::string& error() const { return error_; }

  // Makes the next `fault.count` requests whose path contains `path_substring` fail as
  // `fault.kind` specifies. Faults are matched in the order they were injected.
  void InjectFault(const std::string& path_substring, Fault fault);
  void ClearFaults();

  // Copies of the requests received so far, oldest first, and their number.
  std::vector<RecordedRequest> requests() const;
  size_t request_count() const;
  void ClearRequests();

  // The rate windows opened so far, oldest first, e.g. to tell how fully a client used them.
  std::vector<RateWindow> rate_windows() const;

  // Calls `listener` after each response is sent (on a server thread), e.g. to print a line.
  void SetRequestListener(std::function<void(const RecordedRequest&, int status)> listener);

 protected:
  using Handler = std::function<Reply(const httplib::Request&)>;

  FakeServer(int rate_limit, std::chrono::milliseconds rate_window);

  // Registers a handler for a full-path regex; the concrete fake calls these in its
  // constructor. Unmatched paths get NotFoundReply().
  void Get(const std::string& pattern, Handler handler);
  void Post(const std::string& pattern, Handler handler);

  // Reads the fixtures. Returns false and sets *error when a required file is missing/broken.
  virtual bool LoadData(std::string* error) = 0;

  // Returns the 401 reply when the request's credentials are wrong, nullopt when they pass.
  virtual std::optional<Reply> CheckAuth(const httplib::Request& request) = 0;

  // Returns a reply when a quota other than the rate window rejects an authorised request
  // (HubSpot's daily and per-second limits); nullopt lets it through.
  virtual std::optional<Reply> CheckQuota() { return std::nullopt; }

  virtual void AddRateHeaders(const RateSnapshot& rate, httplib::Response* response) = 0;
  virtual Reply RateLimitedReply() = 0;
  virtual Reply ServerErrorReply(int status) = 0;
  virtual Reply NotFoundReply(const httplib::Request& request);

  // Guards the concrete fake's data; held while a handler runs.
  std::mutex& state_mutex() const { return state_mutex_; }

 private:
  void Dispatch(const Handler& handler, const httplib::Request& request,
                httplib::Response* response);
  RateSnapshot ConsumeRate(bool* allowed);
  std::optional<FaultKind> TakeFault(const std::string& path);

  httplib::Server server_;
  std::thread thread_;
  std::atomic<bool> listen_returned_{false};
  int port_ = 0;
  bool started_ = false;
  std::string error_;

  mutable std::mutex state_mutex_;

  mutable std::mutex control_mutex_;  // guards everything below
  int rate_limit_;
  std::chrono::milliseconds rate_window_;
  int rate_used_ = 0;
  int64_t window_end_unix_ms_ = 0;
  std::vector<RateWindow> rate_windows_;
  struct ScriptedFault {
    std::string path_substring;
    FaultKind kind;
    int remaining;
    int passes_left;  // matching requests still let through before the fault applies
  };
  std::vector<ScriptedFault> faults_;
  std::vector<RecordedRequest> requests_;
  std::function<void(const RecordedRequest&, int)> listener_;
};

}  // namespace sprintetl::fakes
