#include "fakes/fake_server.h"

namespace sprintetl::fakes {

namespace {

RecordedRequest Record(const httplib::Request& request) {
  std::string query;
  size_t mark = request.target.find('?');
  if (mark != std::string::npos) query = request.target.substr(mark + 1);
  return {request.method, request.path, query, request.body};
}

}  // namespace

int64_t NowUnixMs() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

std::optional<Json> ParseObject(const std::string& body) {
  Json parsed = Json::parse(body, nullptr, /*allow_exceptions=*/false);
  if (parsed.is_discarded() || !parsed.is_object()) return std::nullopt;
  return parsed;
}

Reply JsonReply(int status, const Json& body) { return {status, body.dump()}; }

FakeServer::FakeServer(int rate_limit, std::chrono::milliseconds rate_window)
    : rate_limit_(rate_limit), rate_window_(rate_window) {
  server_.set_logger([this](const httplib::Request& request, const httplib::Response& response) {
    std::function<void(const RecordedRequest&, int)> listener;
    {
      std::lock_guard<std::mutex> lock(control_mutex_);
      listener = listener_;
    }
    if (listener) listener(Record(request), response.status);
  });
}

FakeServer::~FakeServer() { Stop(); }

int FakeServer::Start(int port) {
  if (started_) {
    error_ = "the fake server was already started; create a new instance instead";
    return 0;
  }
  started_ = true;
  try {
    if (!LoadData(&error_)) return 0;
  } catch (const nlohmann::json::exception& e) {
    // A fixture has an unexpected shape, e.g. a string where an object belongs.
    error_ = std::string("a fixture has an unexpected shape: ") + e.what();
    return 0;
  }

  // Registered last because cpp-httplib tries handlers in registration order.
  // Other methods are caught too, so every request reaches the log and the checks.
  auto not_found = [this](const httplib::Request& request, httplib::Response& response) {
    Dispatch([this](const httplib::Request& r) { return NotFoundReply(r); }, request, &response);
  };
  server_.Get(".*", not_found);
  server_.Post(".*", not_found);
  server_.Put(".*", not_found);
  server_.Patch(".*", not_found);
  server_.Delete(".*", not_found);

  const std::string host = "127.0.0.1";
  if (port == 0) {
    port_ = server_.bind_to_any_port(host);
    if (port_ <= 0) port_ = 0;
  } else if (server_.bind_to_port(host, port)) {
    port_ = port;
  }
  if (port_ == 0) {
    error_ = "cannot bind " + host + ":" + std::to_string(port) + "; pick another port";
    return 0;
  }
  // cpp-httplib 0.11's stop() does nothing until the accept loop runs. Start() waits for the
  // loop, because an early Stop() would otherwise leave the thread running and hang join().
  thread_ = std::thread([this] {
    server_.listen_after_bind();
    listen_returned_ = true;
  });
  while (!server_.is_running() && !listen_returned_) {
    std::this_thread::sleep_for(std::chrono::milliseconds(1));
  }
  return port_;
}

void FakeServer::Stop() {
  if (!thread_.joinable()) return;
  server_.stop();
  thread_.join();
}

void FakeServer::InjectFault(const std::string& path_substring, Fault fault) {
  std::lock_guard<std::mutex> lock(control_mutex_);
  faults_.push_back({path_substring, fault.kind, fault.count, fault.after});
}

void FakeServer::ClearFaults() {
  std::lock_guard<std::mutex> lock(control_mutex_);
  faults_.clear();
}

std::vector<RecordedRequest> FakeServer::requests() const {
  std::lock_guard<std::mutex> lock(control_mutex_);
  return requests_;
}

size_t FakeServer::request_count() const {
  std::lock_guard<std::mutex> lock(control_mutex_);
  return requests_.size();
}

std::vector<RateWindow> FakeServer::rate_windows() const {
  std::lock_guard<std::mutex> lock(control_mutex_);
  return rate_windows_;
}

void FakeServer::ClearRequests() {
  std::lock_guard<std::mutex> lock(control_mutex_);
  requests_.clear();
}

void FakeServer::SetRequestListener(
    std::function<void(const RecordedRequest&, int status)> listener) {
  std::lock_guard<std::mutex> lock(control_mutex_);
  listener_ = std::move(listener);
}

void FakeServer::Get(const std::string& pattern, Handler handler) {
  server_.Get(pattern, [this, handler = std::move(handler)](const httplib::Request& request,
                                                            httplib::Response& response) {
    Dispatch(handler, request, &response);
  });
}

void FakeServer::Post(const std::string& pattern, Handler handler) {
  server_.Post(pattern, [this, handler = std::move(handler)](const httplib::Request& request,
                                                             httplib::Response& response) {
    Dispatch(handler, request, &response);
  });
}

Reply FakeServer::NotFoundReply(const httplib::Request& request) {
  return {404,
          "<!DOCTYPE html><html><body><pre>Cannot " + request.method + " " + request.path +
              "</pre></body></html>",
          "text/html; charset=utf-8"};
}

RateSnapshot FakeServer::ConsumeRate(bool* allowed) {
  std::lock_guard<std::mutex> lock(control_mutex_);
  int64_t now = NowUnixMs();
  if (now >= window_end_unix_ms_) {
    rate_used_ = 0;
    window_end_unix_ms_ = now + rate_window_.count();
    rate_windows_.push_back({now, 0});
  }
  *allowed = rate_used_ < rate_limit_;
  if (*allowed) {
    ++rate_used_;
    ++rate_windows_.back().accepted;
  }
  return {rate_limit_, rate_limit_ - rate_used_, window_end_unix_ms_, rate_window_.count()};
}

std::optional<FaultKind> FakeServer::TakeFault(const std::string& path) {
  std::lock_guard<std::mutex> lock(control_mutex_);
  for (ScriptedFault& fault : faults_) {
    if (fault.remaining > 0 && path.find(fault.path_substring) != std::string::npos) {
      if (fault.passes_left > 0) {
        --fault.passes_left;
        return std::nullopt;
      }
      --fault.remaining;
      return fault.kind;
    }
  }
  return std::nullopt;
}

void FakeServer::Dispatch(const Handler& handler, const httplib::Request& request,
                          httplib::Response* response) {
  {
    std::lock_guard<std::mutex> lock(control_mutex_);
    requests_.push_back(Record(request));
  }

  bool allowed = false;
  RateSnapshot rate = ConsumeRate(&allowed);
  Reply reply;
  if (!allowed) {
    reply = RateLimitedReply();
  } else if (std::optional<Reply> denied = CheckAuth(request)) {
    reply = *denied;
  } else if (std::optional<Reply> over_quota = CheckQuota()) {
    reply = *over_quota;
  } else {
    std::optional<FaultKind> fault = TakeFault(request.path);
    if (fault == FaultKind::kHttp500 || fault == FaultKind::kHttp503) {
      reply = ServerErrorReply(*fault == FaultKind::kHttp500 ? 500 : 503);
    } else if (fault == FaultKind::kRateLimited) {
      reply = RateLimitedReply();
      rate.remaining = 0;
    } else if (fault == FaultKind::kMalformedBody) {
      // What an edge proxy sends in place of the API's JSON.
      reply = {200, "<html><body>502 Bad Gateway</body></html>"};
    } else {
      std::lock_guard<std::mutex> lock(state_mutex_);
      try {
        reply = handler(request);
      } catch (const nlohmann::json::exception& e) {
        // A bug in the fake or an unexpected fixture shape. The message names it, unlike
        // cpp-httplib's bare 500.
        reply = {500, std::string("fake server error: ") + e.what(), "text/plain"};
      }
      if (fault == FaultKind::kTruncatedBody) {
        reply.status = 200;
        reply.body.resize(reply.body.size() / 2);
      }
    }
  }

  AddRateHeaders(rate, response);
  response->status = reply.status;
  response->set_content(reply.body, reply.content_type.c_str());
}

}  // namespace sprintetl::fakes
