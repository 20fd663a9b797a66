#include "bigquery/service_account.h"

#include <openssl/evp.h>
#include <openssl/pem.h>

#include <filesystem>
#include <fstream>
#include <memory>
#include <nlohmann/json.hpp>
#include <sstream>

namespace sprintetl::bigquery {
namespace {

using Json = nlohmann::json;

struct PkeyDeleter {
  void operator()(EVP_PKEY* key) const { EVP_PKEY_free(key); }
};
struct BioDeleter {
  void operator()(BIO* bio) const { BIO_free(bio); }
};
struct MdContextDeleter {
  void operator()(EVP_MD_CTX* context) const { EVP_MD_CTX_free(context); }
};

using PkeyPtr = std::unique_ptr<EVP_PKEY, PkeyDeleter>;

// Parses a PEM private key; null when it is not one OpenSSL can read.
PkeyPtr ReadPrivateKey(const std::string& pem) {
  std::unique_ptr<BIO, BioDeleter> bio(BIO_new_mem_buf(pem.data(), static_cast<int>(pem.size())));
  if (!bio) return nullptr;
  return PkeyPtr(PEM_read_bio_PrivateKey(bio.get(), nullptr, nullptr, nullptr));
}

std::string StringField(const Json& object, const char* name) {
  auto it = object.find(name);
  if (it == object.end() || !it->is_string()) return "";
  return it->get<std::string>();
}

}  // namespace

Result<ServiceAccountKey> LoadServiceAccountKey(const std::string& path) {
  std::error_code error;
  if (!std::filesystem::is_regular_file(path, error)) {
    return NotFound("service-account key file '" + path +
                    "' not found; set warehouse.bigquery.credentials_file or "
                    "GOOGLE_APPLICATION_CREDENTIALS to the key's path");
  }
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  if (!in && !in.eof()) {
    return NotFound("cannot read service-account key file '" + path + "'; check its permissions");
  }

  Json parsed = Json::parse(text.str(), nullptr, /*allow_exceptions=*/false);
  if (parsed.is_discarded() || !parsed.is_object()) {
    return InvalidArgument("service-account key file '" + path +
                           "' is not JSON; download a JSON key for the service account");
  }
  std::string type = StringField(parsed, "type");
  if (!type.empty() && type != "service_account") {
    return InvalidArgument("key file '" + path + "' has type '" + type +
                           "', not 'service_account'; use a service-account JSON key");
  }

  ServiceAccountKey key;
  key.path = path;
  key.client_email = StringField(parsed, "client_email");
  key.private_key = StringField(parsed, "private_key");
  key.private_key_id = StringField(parsed, "private_key_id");
  if (key.private_key.empty()) {
    return InvalidArgument("service-account key file '" + path +
                           "' has no private_key; download a new JSON key for the account");
  }
  if (key.client_email.empty()) {
    return InvalidArgument("service-account key file '" + path +
                           "' has no client_email; download a new JSON key for the account");
  }
  PkeyPtr pkey = ReadPrivateKey(key.private_key);
  if (!pkey || EVP_PKEY_base_id(pkey.get()) != EVP_PKEY_RSA) {
    return InvalidArgument("the private_key in '" + path +
                           "' is not a PEM RSA private key; download a new JSON key");
  }
  return key;
}

Result<std::string> SignJwt(const ServiceAccountKey& key, const JwtClaims& claims) {
  Json header = {{"alg", "RS256"}, {"typ", "JWT"}};
  if (!key.private_key_id.empty()) header["kid"] = key.private_key_id;
  Json body = {{"iss", claims.issuer},
               {"scope", claims.scope},
               {"aud", claims.audience},
               {"iat", claims.issued_at},
               {"exp", claims.expires_at}};
  std::string signing_input = Base64UrlEncode(header.dump()) + "." + Base64UrlEncode(body.dump());

  PkeyPtr pkey = ReadPrivateKey(key.private_key);
  if (!pkey) {
    return InvalidArgument("the private_key in '" + key.path + "' is not a PEM private key");
  }
  std::unique_ptr<EVP_MD_CTX, MdContextDeleter> context(EVP_MD_CTX_new());
  size_t length = 0;
  if (!context ||
      EVP_DigestSignInit(context.get(), nullptr, EVP_sha256(), nullptr, pkey.get()) != 1 ||
      EVP_DigestSign(context.get(), nullptr, &length,
                     reinterpret_cast<const unsigned char*>(signing_input.data()),
                     signing_input.size()) != 1) {
    return InvalidArgument("OpenSSL cannot sign with the private_key in '" + key.path + "'");
  }
  std::string signature(length, '\0');
  if (EVP_DigestSign(context.get(), reinterpret_cast<unsigned char*>(signature.data()), &length,
                     reinterpret_cast<const unsigned char*>(signing_input.data()),
                     signing_input.size()) != 1) {
    return InvalidArgument("OpenSSL failed to sign the JWT with the key in '" + key.path + "'");
  }
  signature.resize(length);
  return signing_input + "." + Base64UrlEncode(signature);
}

std::string Base64UrlEncode(std::string_view bytes) {
  static const char kAlphabet[] =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
  std::string out;
  size_t i = 0;
  for (; i + 2 < bytes.size(); i += 3) {
    uint32_t n = (static_cast<unsigned char>(bytes[i]) << 16) |
                 (static_cast<unsigned char>(bytes[i + 1]) << 8) |
                 static_cast<unsigned char>(bytes[i + 2]);
    out += kAlphabet[(n >> 18) & 63];
    out += kAlphabet[(n >> 12) & 63];
    out += kAlphabet[(n >> 6) & 63];
    out += kAlphabet[n & 63];
  }
  size_t rest = bytes.size() - i;
  if (rest > 0) {
    uint32_t n = static_cast<unsigned char>(bytes[i]) << 16;
    if (rest == 2) n |= static_cast<unsigned char>(bytes[i + 1]) << 8;
    out += kAlphabet[(n >> 18) & 63];
    out += kAlphabet[(n >> 12) & 63];
    if (rest == 2) out += kAlphabet[(n >> 6) & 63];
  }
  return out;
}

bool Base64UrlDecode(std::string_view text, std::string* bytes) {
  bytes->clear();
  uint32_t buffer = 0;
  int bits = 0;
  for (char c : text) {
    int value;
    if (c >= 'A' && c <= 'Z') {
      value = c - 'A';
    } else if (c >= 'a' && c <= 'z') {
      value = c - 'a' + 26;
    } else if (c >= '0' && c <= '9') {
      value = c - '0' + 52;
    } else if (c == '-' || c == '+') {
      value = 62;
    } else if (c == '_' || c == '/') {
      value = 63;
    } else if (c == '=') {
      break;
    } else {
      return false;
    }
    buffer = (buffer << 6) | static_cast<uint32_t>(value);
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      bytes->push_back(static_cast<char>((buffer >> bits) & 0xFF));
    }
  }
  return true;
}

}  // namespace sprintetl::bigquery
