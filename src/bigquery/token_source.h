// Access tokens for BigQuery: from a service-account key (JWT bearer grant at
// the configured token URL) or, only when the config enables it, from the
// VM's metadata server. A token is reused until shortly before it expires.
//
// A TokenSource is not thread-safe; the warehouse that owns it uses it from
// one thread.
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>

#include "bigquery/service_account.h"
#include "config/config.h"
#include "core/status.h"

namespace sprintetl::bigquery {

// Unix seconds now; tests pass a fixed or shifted clock.
using UnixClock = std::function<int64_t()>;

// The system clock in Unix seconds.
int64_t SystemUnixSeconds();

class TokenSource {
 public:
  virtual ~TokenSource() = default;

  // Returns a valid access token, fetching a new one when none is cached or
  // the cached one expires within the refresh margin.
  virtual Result<std::string> Token() = 0;

  // Drops the cached token, e.g. after the API returned 401.
  virtual void Invalidate() = 0;

  // Token requests sent so far.
  virtual int fetch_count() const = 0;
};

// Exchanges a signed JWT for a token at `token_url`.
class ServiceAccountTokenSource final : public TokenSource {
 public:
  ServiceAccountTokenSource(ServiceAccountKey key, std::string token_url,
                            UnixClock clock = SystemUnixSeconds);

  // Fails with kUnauthenticated quoting the endpoint's error and
  // description; invalid_grant adds a hint to check the host's clock.
  Result<std::string> Token() override;
  void Invalidate() override { expires_at_ = 0; }
  int fetch_count() const override { return fetch_count_; }

 private:
  ServiceAccountKey key_;
  std::string token_url_;
  UnixClock clock_;
  std::string token_;
  int64_t expires_at_ = 0;  // Unix seconds; 0 means no token cached
  int64_t refresh_margin_ = 0;
  int fetch_count_ = 0;
};

// Asks the metadata server of a Google Cloud VM for the default service
// account's token.
class MetadataTokenSource final : public TokenSource {
 public:
  explicit MetadataTokenSource(std::string metadata_base_url, UnixClock clock = SystemUnixSeconds);

  Result<std::string> Token() override;
  void Invalidate() override { expires_at_ = 0; }
  int fetch_count() const override { return fetch_count_; }

 private:
  std::string base_url_;
  UnixClock clock_;
  std::string token_;
  int64_t expires_at_ = 0;
  int64_t refresh_margin_ = 0;
  int fetch_count_ = 0;
};

// Builds the token source the settings ask for: the metadata server when
// use_metadata_server is set, else the key file named by credentials_file or,
// when that is empty, by GOOGLE_APPLICATION_CREDENTIALS. Fails with the key
// file's error, or kInvalidArgument when neither names a file.
Result<std::unique_ptr<TokenSource>> MakeTokenSource(const config::BigQuery& settings,
                                                     UnixClock clock = SystemUnixSeconds);

}  // namespace sprintetl::bigquery
