#include "http/http_client.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <string>

#include <gtest/gtest.h>

namespace sprintetl::http {
namespace {

// A 127.0.0.1 port bound by this test but never listened on, so connecting is refused.
class UnlistenedPort {
 public:
  UnlistenedPort() {
    fd_ = socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    socklen_t length = sizeof(address);
    bool bound = bind(fd_, reinterpret_cast<sockaddr*>(&address), sizeof(address)) == 0 &&
                 getsockname(fd_, reinterpret_cast<sockaddr*>(&address), &length) == 0;
    EXPECT_TRUE(bound);
    port_ = ntohs(address.sin_port);
  }
  ~UnlistenedPort() { close(fd_); }

  int port() const { return port_; }

 private:
  int fd_ = -1;
  int port_ = 0;
};

TEST(HttpClientTest, UnreachableNamesBaseUrlSource) {
  UnlistenedPort port;
  ClientOptions options;
  options.name = "clickup";
  options.base_url = "http://127.0.0.1:" + std::to_string(port.port()) + "/api";
  options.base_url_source = "environment variable SPRINTETL_CLICKUP_BASE_URL";
  options.max_attempts = 1;
  options.timeout = std::chrono::seconds(5);
  HttpClient client(options);

  Request request;
  request.path = "/v2/user";
  auto response = client.Send(request);
  ASSERT_FALSE(response.ok());
  EXPECT_EQ(response.status().code(), StatusCode::kUnavailable);
  EXPECT_NE(response.status().message().find(
                options.base_url + " (set by environment variable SPRINTETL_CLICKUP_BASE_URL)"),
            std::string::npos)
      << response.status().message();
}

}  // namespace
}  // namespace sprintetl::http
