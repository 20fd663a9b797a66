// Service-account and metadata-server tokens against the fake OAuth endpoint.
#include <gtest/gtest.h>
#include <openssl/evp.h>
#include <openssl/pem.h>

#include <cstdlib>
#include <fstream>
#include <nlohmann/json.hpp>

#include "bigquery/service_account.h"
#include "bigquery/token_source.h"
#include "warehouse/bigquery_harness.h"

namespace sprintetl::bigquery {
namespace {

using testing::BigQueryHarness;

void WriteText(const std::string& path, const std::string& text) {
  std::ofstream out(path, std::ios::trunc);
  out << text;
}

TEST(ServiceAccountKeyTest, MissingFileNamesPathAndSetting) {
  auto key = LoadServiceAccountKey("/nonexistent/sprintetl-key.json");
  ASSERT_FALSE(key.ok());
  EXPECT_EQ(key.status().code(), StatusCode::kNotFound);
  EXPECT_NE(key.status().message().find("/nonexistent/sprintetl-key.json"), std::string::npos);
  EXPECT_NE(key.status().message().find("GOOGLE_APPLICATION_CREDENTIALS"), std::string::npos);
}

TEST(ServiceAccountKeyTest, RejectsFileThatIsNotJson) {
  BigQueryHarness harness;
  std::string path = (harness.dir() / "broken.json").string();
  WriteText(path, "-----BEGIN PRIVATE KEY-----\nnot json\n");
  auto key = LoadServiceAccountKey(path);
  ASSERT_FALSE(key.ok());
  EXPECT_EQ(key.status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(key.status().message(), "service-account key file '" + path +
                                        "' is not JSON; download a JSON key for the service "
                                        "account");
}

TEST(ServiceAccountKeyTest, RejectsFileWithoutPrivateKey) {
  BigQueryHarness harness;
  std::string path = (harness.dir() / "no-key.json").string();
  WriteText(path, R"({"type": "service_account", "client_email": "a@b.iam.gserviceaccount.com"})");
  auto key = LoadServiceAccountKey(path);
  ASSERT_FALSE(key.ok());
  EXPECT_EQ(key.status().code(), StatusCode::kInvalidArgument);
  EXPECT_NE(key.status().message().find("has no private_key"), std::string::npos);
}

TEST(ServiceAccountKeyTest, RejectsPrivateKeyThatIsNotPem) {
  BigQueryHarness harness;
  std::string path = (harness.dir() / "bad-key.json").string();
  WriteText(path, R"({"type": "service_account", "client_email": "a@b.iam.gserviceaccount.com",
                     "private_key": "-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n"})");
  auto key = LoadServiceAccountKey(path);
  ASSERT_FALSE(key.ok());
  EXPECT_EQ(key.status().code(), StatusCode::kInvalidArgument);
  EXPECT_NE(key.status().message().find("is not a PEM RSA private key"), std::string::npos);
}

TEST(ServiceAccountKeyTest, ReadsKeyFileOfFake) {
  BigQueryHarness harness;
  auto key = LoadServiceAccountKey(harness.key_path());
  ASSERT_TRUE(key.ok()) << key.status().ToString();
  EXPECT_EQ(key->client_email, "sprintetl-test@test-project.iam.gserviceaccount.com");
  EXPECT_EQ(key->private_key_id, "test-key-generated-by-fake-bigquery");
}

TEST(Base64UrlTest, RoundTripsEveryLength) {
  for (std::string text : {"", "f", "fo", "foo", "foob", "fooba", "foobar\xff\xfe"}) {
    std::string decoded;
    ASSERT_TRUE(Base64UrlDecode(Base64UrlEncode(text), &decoded));
    EXPECT_EQ(decoded, text);
  }
  EXPECT_EQ(Base64UrlEncode("\xfb\xff"), "-_8");
}

TEST(ServiceAccountTokenTest, ExchangesJwtAndCachesToken) {
  BigQueryHarness harness;
  auto source = MakeTokenSource(harness.settings());
  ASSERT_TRUE(source.ok()) << source.status().ToString();
  auto first = (*source)->Token();
  ASSERT_TRUE(first.ok()) << first.status().ToString();
  auto second = (*source)->Token();
  ASSERT_TRUE(second.ok());
  EXPECT_EQ(*first, *second);
  EXPECT_EQ(harness.fake().token_requests(), 1);

  auto requests = harness.fake().requests();
  ASSERT_EQ(requests.size(), 1u);
  EXPECT_EQ(requests[0].path, "/token");
  EXPECT_EQ(requests[0].body.rfind(
                "grant_type=urn%3Aietf%3Aparams%3Aoauth%3Agrant-type%3Ajwt-bearer&assertion=", 0),
            0u);
}

TEST(ServiceAccountTokenTest, RefreshesShortlyBeforeExpiry) {
  fakes::FakeBigQueryOptions options;
  options.token_lifetime_seconds = 100;
  options.max_clock_skew_seconds = 120;
  BigQueryHarness harness(options);
  int64_t now = SystemUnixSeconds();
  auto source = MakeTokenSource(harness.settings(), [&now] { return now; });
  ASSERT_TRUE(source.ok());
  ASSERT_TRUE((*source)->Token().ok());

  now += 40;  // inside the refresh margin of half the 100 s lifetime: still cached
  ASSERT_TRUE((*source)->Token().ok());
  EXPECT_EQ(harness.fake().token_requests(), 1);

  now += 20;  // 60 s old, less than 50 s left: refreshed
  auto refreshed = (*source)->Token();
  ASSERT_TRUE(refreshed.ok()) << refreshed.status().ToString();
  EXPECT_EQ(harness.fake().token_requests(), 2);
}

TEST(ServiceAccountTokenTest, ClockSkewSaysToCheckClock) {
  BigQueryHarness harness;
  auto source = MakeTokenSource(harness.settings(), [] { return SystemUnixSeconds() - 2 * 3600; });
  ASSERT_TRUE(source.ok());
  auto token = (*source)->Token();
  ASSERT_FALSE(token.ok());
  EXPECT_EQ(token.status().code(), StatusCode::kUnauthenticated);
  EXPECT_NE(token.status().message().find("HTTP 400 invalid_grant"), std::string::npos);
  EXPECT_NE(token.status().message().find("check that this host's clock is correct"),
            std::string::npos);
}

TEST(ServiceAccountTokenTest, KeyOfAnotherAccountIsRejected) {
  BigQueryHarness harness;
  // A key pair made here, not the one the fake verifies against; 1024 bits is
  // enough for a signature that must fail.
  EVP_PKEY* other = EVP_RSA_gen(1024);
  ASSERT_NE(other, nullptr);
  BIO* bio = BIO_new(BIO_s_mem());
  PEM_write_bio_PrivateKey(bio, other, nullptr, nullptr, 0, nullptr, nullptr);
  char* data = nullptr;
  long length = BIO_get_mem_data(bio, &data);
  std::string pem(data, static_cast<size_t>(length));
  BIO_free(bio);
  EVP_PKEY_free(other);
  nlohmann::json key = {{"type", "service_account"},
                        {"client_email", "sprintetl-test@test-project.iam.gserviceaccount.com"},
                        {"private_key", pem}};
  std::string other_key = (harness.dir() / "other-key.json").string();
  WriteText(other_key, key.dump());
  harness.settings().credentials_file = other_key;
  auto source = MakeTokenSource(harness.settings());
  ASSERT_TRUE(source.ok());
  auto token = (*source)->Token();
  ASSERT_FALSE(token.ok());
  EXPECT_NE(token.status().message().find("Invalid JWT signature"), std::string::npos);
}

TEST(ServiceAccountTokenTest, FallsBackToEnvironmentVariable) {
  BigQueryHarness harness;
  harness.settings().credentials_file = "";
  setenv("GOOGLE_APPLICATION_CREDENTIALS", harness.key_path().c_str(), 1);
  auto source = MakeTokenSource(harness.settings());
  unsetenv("GOOGLE_APPLICATION_CREDENTIALS");
  ASSERT_TRUE(source.ok()) << source.status().ToString();
  EXPECT_TRUE((*source)->Token().ok());
}

TEST(ServiceAccountTokenTest, NoCredentialsIsClearError) {
  BigQueryHarness harness;
  harness.settings().credentials_file = "";
  unsetenv("GOOGLE_APPLICATION_CREDENTIALS");
  auto source = MakeTokenSource(harness.settings());
  ASSERT_FALSE(source.ok());
  EXPECT_EQ(source.status().code(), StatusCode::kInvalidArgument);
  EXPECT_NE(source.status().message().find("use_metadata_server"), std::string::npos);
}

TEST(MetadataTokenTest, UsedOnlyWhenConfigured) {
  BigQueryHarness harness;
  harness.settings().use_metadata_server = true;
  harness.settings().credentials_file = "/nonexistent/key.json";
  auto source = MakeTokenSource(harness.settings());
  ASSERT_TRUE(source.ok()) << source.status().ToString();
  auto token = (*source)->Token();
  ASSERT_TRUE(token.ok()) << token.status().ToString();
  EXPECT_EQ(harness.CountRequests("/computeMetadata/"), 1);
  EXPECT_EQ(harness.CountRequests("/token"), 1);  // the metadata path ends in /token too
}

TEST(MetadataTokenTest, NotContactedWithKeyFile) {
  BigQueryHarness harness;
  auto source = MakeTokenSource(harness.settings());
  ASSERT_TRUE(source.ok());
  ASSERT_TRUE((*source)->Token().ok());
  EXPECT_EQ(harness.CountRequests("/computeMetadata/"), 0);
}

}  // namespace
}  // namespace sprintetl::bigquery
