// Service-account credentials for Google APIs: reading the JSON key file and
// signing the RS256 JWT that the OAuth token endpoint exchanges for an access
// token (the "JWT bearer" grant, RFC 7523).
//
// Plain functions over values; safe to call from any thread.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "core/status.h"

namespace sprintetl::bigquery {

// The fields of a service-account key file that the token exchange needs.
struct ServiceAccountKey {
  std::string path;            // where it was read from, for messages
  std::string client_email;    // the JWT issuer
  std::string private_key;     // PEM, PKCS#8 RSA; never logged
  std::string private_key_id;  // sent as the JWT header's "kid" when present
};

// The claims of one token request.
struct JwtClaims {
  std::string issuer;      // iss: the service account's email
  std::string scope;       // space-separated OAuth scopes
  std::string audience;    // aud: the token endpoint URL
  int64_t issued_at = 0;   // iat, Unix seconds
  int64_t expires_at = 0;  // exp, Unix seconds; Google accepts at most iat + 3600
};

// The OAuth scope for BigQuery reads, writes and jobs.
inline constexpr char kBigQueryScope[] = "https://www.googleapis.com/auth/bigquery";

// Reads the key file at `path`. Fails with kNotFound when the file is missing
// and kInvalidArgument when it is not JSON, lacks client_email or
// private_key, or the private key is not a PEM RSA key. Every message names
// the file and what to do.
Result<ServiceAccountKey> LoadServiceAccountKey(const std::string& path);

// Returns the compact JWT "header.claims.signature", signed RS256 with the
// key's private key. Fails with kInvalidArgument when OpenSSL cannot read
// the key or sign.
Result<std::string> SignJwt(const ServiceAccountKey& key, const JwtClaims& claims);

// Base64url without padding (RFC 4648 section 5), as JWTs use it.
std::string Base64UrlEncode(std::string_view bytes);

// Decodes base64url, with or without padding, into `bytes`. Returns false
// when `text` has a character outside the alphabet.
bool Base64UrlDecode(std::string_view text, std::string* bytes);

}  // namespace sprintetl::bigquery
