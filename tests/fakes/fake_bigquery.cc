#include "fakes/fake_bigquery.h"

#include <openssl/evp.h>
#include <openssl/pem.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cstdio>
#include <cstring>
#include <ctime>
#include <filesystem>
#include <fstream>

#include "bigquery/service_account.h"
#include "fakes/fake_bigquery_sql.h"
#include "warehouse/duckdb_warehouse.h"
#include "warehouse/sql_text.h"

namespace sprintetl::fakes {
namespace {

int64_t NowSeconds() { return NowUnixMs() / 1000; }

struct TestKeyPair {
  std::string private_pem;
  std::string public_pem;
};

std::string PemOf(EVP_PKEY* key, bool private_part) {
  BIO* bio = BIO_new(BIO_s_mem());
  if (private_part) {
    PEM_write_bio_PrivateKey(bio, key, nullptr, nullptr, 0, nullptr, nullptr);
  } else {
    PEM_write_bio_PUBKEY(bio, key);
  }
  char* data = nullptr;
  long length = BIO_get_mem_data(bio, &data);
  std::string pem(data, static_cast<size_t>(length));
  BIO_free(bio);
  return pem;
}

// One RSA-2048 pair per process: generating it takes about a second on a busy
// machine, and every fake of a test run may share it.
const TestKeyPair& SharedTestKeyPair() {
  static const TestKeyPair pair = [] {
    EVP_PKEY* key = EVP_RSA_gen(2048);
    TestKeyPair made{PemOf(key, true), PemOf(key, false)};
    EVP_PKEY_free(key);
    return made;
  }();
  return pair;
}

bool VerifyRs256(const std::string& public_pem, const std::string& signed_part,
                 const std::string& signature) {
  BIO* bio = BIO_new_mem_buf(public_pem.data(), static_cast<int>(public_pem.size()));
  EVP_PKEY* key = PEM_read_bio_PUBKEY(bio, nullptr, nullptr, nullptr);
  BIO_free(bio);
  if (key == nullptr) return false;
  EVP_MD_CTX* context = EVP_MD_CTX_new();
  bool valid =
      EVP_DigestVerifyInit(context, nullptr, EVP_sha256(), nullptr, key) == 1 &&
      EVP_DigestVerify(context, reinterpret_cast<const unsigned char*>(signature.data()),
                       signature.size(), reinterpret_cast<const unsigned char*>(signed_part.data()),
                       signed_part.size()) == 1;
  EVP_MD_CTX_free(context);
  EVP_PKEY_free(key);
  return valid;
}

std::string StatusName(int http_status) {
  switch (http_status) {
    case 400:
      return "INVALID_ARGUMENT";
    case 401:
      return "UNAUTHENTICATED";
    case 403:
      return "PERMISSION_DENIED";
    case 404:
      return "NOT_FOUND";
    case 409:
      return "ALREADY_EXISTS";
    case 429:
      return "RESOURCE_EXHAUSTED";
    case 503:
      return "UNAVAILABLE";
    default:
      return "INTERNAL";
  }
}

// BigQuery's error body: the first error's reason decides what clients do.
Reply ErrorReply(int http_status, const std::string& reason, const std::string& message,
                 const std::string& location = "") {
  Json error = {{"domain", "global"}, {"reason", reason}, {"message", message}};
  if (!location.empty()) {
    error["location"] = location;
    error["locationType"] = "other";
  }
  Json body = {{"error",
                {{"code", http_status},
                 {"message", message},
                 {"errors", Json::array({error})},
                 {"status", StatusName(http_status)}}}};
  return JsonReply(http_status, body);
}

std::string OAuthError(const std::string& error, const std::string& description) {
  return Json{{"error", error}, {"error_description", description}}.dump();
}

std::string Lower(std::string text) {
  for (char& c : text) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return text;
}

// Parses "YYYY-MM-DD HH:MM:SS[.ffffff][+00]" (UTC) to Unix microseconds.
std::optional<long long> MicrosOf(const std::string& text) {
  std::tm parts{};
  int year, month, day, hour, minute, second;
  if (std::sscanf(text.c_str(), "%d-%d-%d %d:%d:%d", &year, &month, &day, &hour, &minute,
                  &second) != 6) {
    return std::nullopt;
  }
  parts.tm_year = year - 1900;
  parts.tm_mon = month - 1;
  parts.tm_mday = day;
  parts.tm_hour = hour;
  parts.tm_min = minute;
  parts.tm_sec = second;
  long long micros = static_cast<long long>(timegm(&parts)) * 1000000;
  size_t dot = text.find('.');
  if (dot != std::string::npos) {
    std::string digits;
    for (size_t i = dot + 1; i < text.size() && std::isdigit(static_cast<unsigned char>(text[i]));
         ++i) {
      digits += text[i];
    }
    digits.resize(6, '0');
    micros += std::stoll(digits);
  }
  return micros;
}

// True when the first word of `sql`, after blanks, "(" and "--" comment lines, is `word`.
bool StartsWithWord(const std::string& sql, const char* word) {
  size_t start = sql.find_first_not_of(" \t\r\n(");
  while (start != std::string::npos && sql.compare(start, 2, "--") == 0) {
    size_t line_end = sql.find('\n', start);
    start = line_end == std::string::npos ? line_end : sql.find_first_not_of(" \t\r\n(", line_end);
  }
  if (start == std::string::npos) return false;
  std::string head = sql.substr(start, std::strlen(word));
  return Lower(head) == Lower(word);
}

std::string ParamOr(const httplib::Request& request, const char* name,
                    const std::string& fallback) {
  return request.has_param(name) ? request.get_param_value(name) : fallback;
}

}  // namespace

struct FakeBigQuery::Job {
  Json resource;  // the job as jobs.get returns it
  Json fields = Json::array();
  std::vector<Json> rows;  // {"f":[{"v":...}]}
  int polls_left = 0;
  std::optional<Json> error_result;
};

FakeBigQuery::FakeBigQuery(FakeBigQueryOptions options)
    : FakeServer(1000000, std::chrono::milliseconds(1000)), options_(std::move(options)) {
  const TestKeyPair& keys = SharedTestKeyPair();
  private_key_pem_ = keys.private_pem;
  public_key_pem_ = keys.public_pem;

  Post("/token", Route([this](const httplib::Request& r) { return Token(r); }));
  Get("/computeMetadata/v1/instance/service-accounts/default/token",
      Route([this](const httplib::Request& r) { return MetadataToken(r); }));
  Get(R"(/bigquery/v2/projects/([^/]+)/datasets/([^/]+))",
      Route([this](const httplib::Request& r) { return GetDataset(r); }));
  Post(R"(/bigquery/v2/projects/([^/]+)/datasets)",
       Route([this](const httplib::Request& r) { return InsertDataset(r); }));
  Get(R"(/bigquery/v2/projects/([^/]+)/datasets/([^/]+)/tables/([^/]+))",
      Route([this](const httplib::Request& r) { return GetTable(r); }));
  Post(R"(/bigquery/v2/projects/([^/]+)/jobs)",
       Route([this](const httplib::Request& r) { return InsertJob(r); }));
  Post(R"(/upload/bigquery/v2/projects/([^/]+)/jobs)",
       Route([this](const httplib::Request& r) { return InsertLoadJob(r); }));
  Get(R"(/bigquery/v2/projects/([^/]+)/jobs/([^/]+))",
      Route([this](const httplib::Request& r) { return GetJob(r); }));
  Get(R"(/bigquery/v2/projects/([^/]+)/queries/([^/]+))",
      Route([this](const httplib::Request& r) { return GetQueryResults(r); }));
  Post(R"(/bigquery/v2/projects/([^/]+)/queries)",
       Route([this](const httplib::Request& r) { return Query(r); }));
}

FakeBigQuery::~FakeBigQuery() { Stop(); }

std::string FakeBigQuery::base_url() const { return "http://127.0.0.1:" + std::to_string(port()); }

bool FakeBigQuery::LoadData(std::string* error) {
  auto opened = warehouse::DuckDbWarehouse::Open(":memory:");
  if (!opened.ok()) {
    *error = opened.status().message();
    return false;
  }
  duckdb_ = std::move(opened).value();
  Status functions = (*duckdb_).Execute(BigQueryFunctionMacros());
  if (!functions.ok()) {
    *error = "cannot create the BigQuery function macros: " + functions.message();
    return false;
  }
  return true;
}

bool FakeBigQuery::WriteKeyFile(const std::string& path) const {
  Json key = {{"type", "service_account"},
              {"project_id", options_.project},
              {"private_key_id", "test-key-generated-by-fake-bigquery"},
              {"private_key", private_key_pem_},
              {"client_email", options_.client_email},
              {"client_id", "000000000000000000000"},
              {"token_uri", token_url()}};
  std::ofstream out(path, std::ios::trunc);
  out << key.dump(2);
  return static_cast<bool>(out.flush());
}

void FakeBigQuery::AddDataset(const std::string& dataset, const std::string& location) {
  std::lock_guard<std::mutex> lock(state_mutex());
  datasets_[dataset] = location;
  (void)duckdb_->Execute("CREATE SCHEMA IF NOT EXISTS " + warehouse::QuoteIdentifier(dataset));
}

void FakeBigQuery::InjectError(const std::string& path_substring, int http_status,
                               const std::string& reason, int count, bool after_handling) {
  std::lock_guard<std::mutex> lock(inject_mutex_);
  injected_.push_back({path_substring, http_status, reason, count, after_handling});
}

void FakeBigQuery::InjectJobError(const std::string& reason, int count) {
  std::lock_guard<std::mutex> lock(state_mutex());
  for (int i = 0; i < count; ++i) job_errors_.push_back(reason);
}

void FakeBigQuery::RevokeTokens() {
  std::lock_guard<std::mutex> lock(state_mutex());
  tokens_.clear();
}

std::string FakeBigQuery::Scalar(const std::string& sql) {
  std::lock_guard<std::mutex> lock(state_mutex());
  auto result = duckdb_->Query(sql);
  if (!result.ok() || result->rows.empty() || result->rows[0].empty()) return "";
  return result->rows[0][0].value_or("");
}

int FakeBigQuery::token_requests() const {
  std::lock_guard<std::mutex> lock(state_mutex());
  return token_requests_;
}
int FakeBigQuery::load_jobs() const {
  std::lock_guard<std::mutex> lock(state_mutex());
  return load_jobs_;
}
int FakeBigQuery::query_jobs() const {
  std::lock_guard<std::mutex> lock(state_mutex());
  return query_jobs_;
}

FakeServer::Handler FakeBigQuery::Route(Handler handler) {
  return [this, handler = std::move(handler)](const httplib::Request& request) {
    std::optional<InjectedError> injected;
    {
      std::lock_guard<std::mutex> lock(inject_mutex_);
      for (InjectedError& error : injected_) {
        if (error.remaining > 0 && request.path.find(error.path_substring) != std::string::npos) {
          --error.remaining;
          injected = error;
          break;
        }
      }
    }
    if (injected && !injected->after_handling) {
      return ErrorReply(injected->http_status, injected->reason,
                        "Injected " + injected->reason + " by the fake BigQuery.");
    }
    Reply reply = handler(request);
    if (injected) {
      return ErrorReply(injected->http_status, injected->reason,
                        "Injected " + injected->reason + " after the request was carried out.");
    }
    return reply;
  };
}

std::optional<Reply> FakeBigQuery::CheckAuth(const httplib::Request& request) {
  if (request.path == "/token" || request.path.rfind("/computeMetadata/", 0) == 0) {
    return std::nullopt;
  }
  std::string header = request.get_header_value("Authorization");
  const std::string prefix = "Bearer ";
  std::lock_guard<std::mutex> lock(state_mutex());
  if (header.rfind(prefix, 0) == 0) {
    auto token = tokens_.find(header.substr(prefix.size()));
    if (token != tokens_.end() && token->second > NowSeconds()) return std::nullopt;
  }
  return ErrorReply(401, "authError",
                    "The request has no valid OAuth 2 access token; send Authorization: Bearer "
                    "with a token from the token endpoint.",
                    "Authorization");
}

void FakeBigQuery::AddRateHeaders(const RateSnapshot&, httplib::Response*) {}

Reply FakeBigQuery::RateLimitedReply() {
  return ErrorReply(403, "rateLimitExceeded", "Exceeded rate limits: too many API requests.");
}

Reply FakeBigQuery::ServerErrorReply(int status) {
  return ErrorReply(status, "backendError", "The fake BigQuery had a backend error.");
}

std::string FakeBigQuery::IssueToken() {
  static std::atomic<int> sequence{0};
  std::string token = options_.access_token_prefix + std::to_string(++sequence);
  tokens_[token] = NowSeconds() + options_.token_lifetime_seconds;
  return token;
}

Reply FakeBigQuery::Token(const httplib::Request& request) {
  ++token_requests_;
  std::string grant = ParamOr(request, "grant_type", "");
  std::string assertion = ParamOr(request, "assertion", "");

  if (grant != "urn:ietf:params:oauth:grant-type:jwt-bearer") {
    return {400, OAuthError("unsupported_grant_type", "Only the JWT bearer grant is supported.")};
  }
  size_t first = assertion.find('.');
  size_t second = first == std::string::npos ? first : assertion.find('.', first + 1);
  std::string header_text, claims_text, signature;
  if (second == std::string::npos ||
      !bigquery::Base64UrlDecode(assertion.substr(0, first), &header_text) ||
      !bigquery::Base64UrlDecode(assertion.substr(first + 1, second - first - 1), &claims_text) ||
      !bigquery::Base64UrlDecode(assertion.substr(second + 1), &signature)) {
    return {400, OAuthError("invalid_request", "The assertion is not a compact JWT.")};
  }
  Json header = Json::parse(header_text, nullptr, false);
  Json claims = Json::parse(claims_text, nullptr, false);
  if (!header.is_object() || !claims.is_object() || header.value("alg", "") != "RS256") {
    return {400, OAuthError("invalid_request", "The JWT header must name alg RS256.")};
  }

  if (!VerifyRs256(public_key_pem_, assertion.substr(0, second), signature)) {
    return {400, OAuthError("invalid_grant", "Invalid JWT signature.")};
  }
  if (claims.value("iss", "") != options_.client_email) {
    return {400, OAuthError("invalid_grant", "The issuer is not a known service account.")};
  }
  if (claims.value("aud", "") != token_url()) {
    return {400, OAuthError("invalid_grant", "The audience must be the token endpoint URL.")};
  }
  std::string scope = claims.value("scope", "");
  if (scope.find("https://www.googleapis.com/auth/bigquery") == std::string::npos) {
    return {400, OAuthError("invalid_scope", "The scope does not include BigQuery.")};
  }

  int64_t iat = claims.value("iat", int64_t{0});
  int64_t exp = claims.value("exp", int64_t{0});
  int64_t now = NowSeconds();
  if (exp - iat > 3600 || iat > now + options_.max_clock_skew_seconds ||
      exp < now - options_.max_clock_skew_seconds) {
    return {400, OAuthError("invalid_grant",
                            "Invalid JWT: iat and exp must be current and at most an hour apart.")};
  }
  Json body = {{"access_token", IssueToken()},
               {"expires_in", options_.token_lifetime_seconds},
               {"token_type", "Bearer"}};
  return JsonReply(200, body);
}

Reply FakeBigQuery::MetadataToken(const httplib::Request& request) {
  ++token_requests_;
  if (request.get_header_value("Metadata-Flavor") != "Google") {
    return {403, "Missing Metadata-Flavor:Google header.", "text/plain"};
  }
  return JsonReply(200, {{"access_token", IssueToken()},
                         {"expires_in", options_.token_lifetime_seconds},
                         {"token_type", "Bearer"}});
}

Reply FakeBigQuery::GetDataset(const httplib::Request& request) {
  std::string project = request.matches[1];
  std::string dataset = request.matches[2];
  auto found = datasets_.find(dataset);
  if (project != options_.project || found == datasets_.end()) {
    return ErrorReply(404, "notFound", "Not found: Dataset " + project + ":" + dataset);
  }
  return JsonReply(200, {{"kind", "bigquery#dataset"},
                         {"id", project + ":" + dataset},
                         {"datasetReference", {{"projectId", project}, {"datasetId", dataset}}},
                         {"location", found->second}});
}

Reply FakeBigQuery::InsertDataset(const httplib::Request& request) {
  std::optional<Json> body = ParseObject(request.body);
  if (!body) return ErrorReply(400, "invalid", "The request body is not a JSON object.");
  std::string dataset = (*body)["datasetReference"].value("datasetId", "");
  if (dataset.empty()) return ErrorReply(400, "invalid", "datasetReference.datasetId is missing.");
  if (datasets_.count(dataset) != 0) {
    return ErrorReply(409, "duplicate",
                      "Already Exists: Dataset " + options_.project + ":" + dataset);
  }
  datasets_[dataset] = body->value("location", "US");
  (void)duckdb_->Execute("CREATE SCHEMA IF NOT EXISTS " + warehouse::QuoteIdentifier(dataset));
  Json reply = *body;
  reply["kind"] = "bigquery#dataset";
  reply["id"] = options_.project + ":" + dataset;
  reply["location"] = datasets_[dataset];
  return JsonReply(200, reply);
}

Reply FakeBigQuery::GetTable(const httplib::Request& request) {
  std::string dataset = request.matches[2];
  std::string table = request.matches[3];
  auto columns = duckdb_->Query(
      "SELECT column_name, data_type, is_nullable FROM information_schema.columns "
      "WHERE table_schema = " +
      warehouse::QuoteLiteral(dataset) + " AND table_name = " + warehouse::QuoteLiteral(table) +
      " ORDER BY ordinal_position");
  if (datasets_.count(dataset) == 0 || !columns.ok() || columns->rows.empty()) {
    return ErrorReply(404, "notFound",
                      "Not found: Table " + options_.project + ":" + dataset + "." + table);
  }
  Json fields = Json::array();
  for (const auto& row : columns->rows) {
    bool repeated = false;
    std::string type = BigQueryTypeOf(row[1].value_or("VARCHAR"), &repeated);
    std::string mode = repeated                         ? "REPEATED"
                       : row[2].value_or("YES") == "NO" ? "REQUIRED"
                                                        : "NULLABLE";
    fields.push_back({{"name", row[0].value_or("")}, {"type", type}, {"mode", mode}});
  }
  std::string count = "0";
  auto rows = duckdb_->Query("SELECT count(*) FROM " + warehouse::QuoteIdentifier(dataset) + "." +
                             warehouse::QuoteIdentifier(table));
  if (rows.ok() && !rows->rows.empty()) count = rows->rows[0][0].value_or("0");
  return JsonReply(200,
                   {{"kind", "bigquery#table"},
                    {"id", options_.project + ":" + dataset + "." + table},
                    {"tableReference",
                     {{"projectId", options_.project}, {"datasetId", dataset}, {"tableId", table}}},
                    {"schema", {{"fields", fields}}},
                    {"numRows", count},
                    {"type", "TABLE"},
                    {"location", datasets_[dataset]}});
}

std::optional<std::string> FakeBigQuery::TakeJobError() {
  if (job_errors_.empty()) return std::nullopt;
  std::string reason = job_errors_.front();
  job_errors_.erase(job_errors_.begin());
  return reason;
}

Json FakeBigQuery::RunQueryJob(Job& job, const std::string& sql, const std::string& dataset) {
  ++query_jobs_;
  auto fail = [&](const std::string& reason, const std::string& message) {
    job.error_result = Json{{"reason", reason}, {"location", "query"}, {"message", message}};
    return *job.error_result;
  };
  if (std::optional<std::string> reason = TakeJobError()) {
    return fail(*reason, "Injected job error " + *reason + " by the fake BigQuery.");
  }
  if (!dataset.empty()) {
    if (datasets_.count(dataset) == 0) {
      return fail("notFound", "Not found: Dataset " + options_.project + ":" + dataset);
    }
    (void)duckdb_->Execute("SET schema = " + warehouse::QuoteLiteral(dataset));
  }

  bool in_transaction = false;
  const std::string translated = TranslateBigQuerySql(sql);
  size_t search_from = 0;
  for (const std::string& statement : warehouse::SplitSqlStatements(translated)) {
    // BigQuery ends a script error's message with the statement's "[line:column]".
    size_t offset = translated.find(statement, search_from);
    if (offset == std::string::npos) offset = search_from;
    search_from = offset + statement.size();
    std::string position =
        " at [" +
        std::to_string(1 + std::count(translated.begin(), translated.begin() + offset, '\n')) +
        ":1]";
    if (StartsWithWord(statement, "BEGIN")) in_transaction = true;
    if (StartsWithWord(statement, "COMMIT") || StartsWithWord(statement, "ROLLBACK")) {
      in_transaction = false;
    }
    std::string condition, description;
    if (ParseAssert(statement, &condition, &description)) {
      std::string failure = CheckAssert(condition, description);
      if (failure.empty()) continue;
      if (in_transaction) (void)duckdb_->Execute("ROLLBACK");
      return fail("invalidQuery", failure + position);
    }
    if (!StartsWithWord(statement, "SELECT") && !StartsWithWord(statement, "WITH")) {
      Status executed = ExecuteStatement(statement);
      if (!executed.ok()) {
        if (in_transaction) (void)duckdb_->Execute("ROLLBACK");
        return fail("invalidQuery", executed.message() + position);
      }
      continue;
    }

    // Timestamps go out as Unix microseconds and arrays as JSON, so the
    // fake can encode them the way BigQuery does.
    auto described = duckdb_->Query("DESCRIBE " + statement);
    if (!described.ok()) {
      if (in_transaction) (void)duckdb_->Execute("ROLLBACK");
      return fail("invalidQuery", described.status().message() + position);
    }
    job.fields = Json::array();
    std::string replacements;
    for (const auto& row : described->rows) {
      std::string name = row[0].value_or("");
      bool repeated = false;
      std::string type = BigQueryTypeOf(row[1].value_or("VARCHAR"), &repeated);
      job.fields.push_back(
          {{"name", name}, {"type", type}, {"mode", repeated ? "REPEATED" : "NULLABLE"}});
      std::string quoted = warehouse::QuoteIdentifier(name);
      std::string replacement;
      if (repeated) {
        replacement = "CAST(to_json(" + quoted + ") AS VARCHAR)";
      } else if (type == "TIMESTAMP") {
        replacement = "CAST(epoch_us(" + quoted + ") AS VARCHAR)";
      }
      if (replacement.empty()) continue;
      if (!replacements.empty()) replacements += ", ";
      replacements += replacement + " AS " + quoted;
    }
    std::string to_run = statement;
    if (!replacements.empty()) {
      to_run = "SELECT * REPLACE (" + replacements + ") FROM (" + statement + ") AS fake_query";
    }
    auto result = duckdb_->Query(to_run);
    if (!result.ok()) {
      if (in_transaction) (void)duckdb_->Execute("ROLLBACK");
      return fail("invalidQuery", result.status().message() + position);
    }
    job.rows.clear();
    for (const auto& row : result->rows) {
      Json cells = Json::array();
      for (size_t i = 0; i < row.size(); ++i) {
        const Json& field = job.fields[i];
        if (!row[i]) {
          cells.push_back({{"v", nullptr}});
        } else if (field["mode"] == "REPEATED") {
          Json values = Json::array();
          for (const auto& element : Json::parse(*row[i], nullptr, false)) {
            values.push_back(
                {{"v", element.is_string() ? element.get<std::string>() : element.dump()}});
          }
          cells.push_back({{"v", values}});
        } else {
          cells.push_back({{"v", *row[i]}});
        }
      }
      job.rows.push_back({{"f", cells}});
    }
  }
  return nullptr;
}

std::string FakeBigQuery::CheckAssert(const std::string& condition,
                                      const std::string& description) {
  auto checked = duckdb_->Query("SELECT CAST((" + condition + ") AS BOOLEAN)");
  if (!checked.ok()) return checked.status().message();
  // BigQuery fails an ASSERT whose condition is FALSE or NULL.
  bool passed = !checked->rows.empty() && !checked->rows[0].empty() &&
                Lower(checked->rows[0][0].value_or("false")) == "true";
  if (passed) return "";
  // NOTE: the message is the ASSERT's description as written; real BigQuery's
  // wording around it has not been compared with this fake.
  return description.empty() ? "Assertion failed" : description;
}

Status FakeBigQuery::ExecuteStatement(const std::string& statement) {
  TableLayout layout;
  std::string runnable = StripTableLayout(statement, &layout);
  if (layout.table.empty()) return duckdb_->Execute(statement);

  // CREATE TABLE IF NOT EXISTS leaves an existing table's layout as it was.
  size_t dot = layout.table.find('.');
  std::string dataset = dot == std::string::npos ? "" : layout.table.substr(0, dot);
  std::string table = layout.table.substr(dot == std::string::npos ? 0 : dot + 1);
  auto exists = duckdb_->Query(
      "SELECT count(*) FROM information_schema.tables WHERE table_name = " +
      warehouse::QuoteLiteral(table) +
      (dataset.empty() ? "" : " AND table_schema = " + warehouse::QuoteLiteral(dataset)));
  bool existed = exists.ok() && exists->rows[0][0].value_or("0") != "0";
  SPRINTETL_RETURN_IF_ERROR(duckdb_->Execute(runnable));
  if (!existed) layouts_[layout.table] = layout;
  return Status::Ok();
}

std::optional<TableLayout> FakeBigQuery::CreatedLayout(const std::string& dataset_table) const {
  std::lock_guard<std::mutex> lock(state_mutex());
  auto found = layouts_.find(dataset_table);
  if (found == layouts_.end()) return std::nullopt;
  return found->second;
}

Json FakeBigQuery::RunLoadJob(Job& job, const Json& load, const std::string& data) {
  ++load_jobs_;
  auto fail = [&](const std::string& reason, const std::string& message) {
    job.error_result = Json{{"reason", reason}, {"message", message}};
    return *job.error_result;
  };
  if (std::optional<std::string> reason = TakeJobError()) {
    return fail(*reason, "Injected job error " + *reason + " by the fake BigQuery.");
  }
  const Json& destination = load["destinationTable"];
  std::string dataset = destination.value("datasetId", "");
  std::string table = destination.value("tableId", "");
  if (datasets_.count(dataset) == 0) {
    return fail("notFound", "Not found: Dataset " + options_.project + ":" + dataset);
  }
  std::string target =
      warehouse::QuoteIdentifier(dataset) + "." + warehouse::QuoteIdentifier(table);
  auto exists = duckdb_->Query(
      "SELECT count(*) FROM information_schema.tables WHERE table_schema = " +
      warehouse::QuoteLiteral(dataset) + " AND table_name = " + warehouse::QuoteLiteral(table));
  bool found = exists.ok() && exists->rows[0][0].value_or("0") != "0";
  if (!found) {
    if (load.value("createDisposition", "CREATE_IF_NEEDED") == "CREATE_NEVER") {
      return fail("notFound", "Not found: Table " + options_.project + ":" + dataset + "." + table);
    }
    if (!load.contains("schema") || !load["schema"].contains("fields")) {
      return fail("invalid", "No schema specified on job or table.");
    }
    std::string columns;
    for (const Json& field : load["schema"]["fields"]) {
      if (!columns.empty()) columns += ", ";
      columns += warehouse::QuoteIdentifier(field.value("name", "")) + " " +
                 DuckDbTypeOfBigQuery(field.value("type", "STRING")) +
                 (field.value("mode", "") == "REPEATED" ? "[]" : "");
    }
    Status created = duckdb_->Execute("CREATE TABLE " + target + " (" + columns + ")");
    if (!created.ok()) return fail("invalid", created.message());
  }
  if (load.value("writeDisposition", "WRITE_APPEND") == "WRITE_TRUNCATE") {
    (void)duckdb_->Execute("DELETE FROM " + target);
  }

  static std::atomic<int> sequence{0};
  std::string format = load.value("sourceFormat", "CSV");
  std::filesystem::path file =
      std::filesystem::temp_directory_path() /
      ("fake-bigquery-" + std::to_string(::getpid()) + "-" + std::to_string(sequence++) +
       (format == "PARQUET" ? ".parquet" : ".ndjson"));
  {
    std::ofstream out(file, std::ios::binary);
    out << data;
  }
  long long rows = 0;
  std::string error;
  (void)duckdb_->Execute("SET schema = " + warehouse::QuoteLiteral(dataset));
  if (format == "NEWLINE_DELIMITED_JSON") {
    auto loaded = duckdb_->LoadNdjson(table, file.string());
    if (loaded.ok()) {
      rows = *loaded;
    } else {
      error = loaded.status().message();
    }
  } else if (format == "PARQUET") {
    std::string source = "read_parquet(" + warehouse::QuoteLiteral(file.string()) + ")";
    Status inserted =
        duckdb_->Execute("INSERT INTO " + target + " BY NAME SELECT * FROM " + source);
    auto counted = duckdb_->Query("SELECT count(*) FROM " + source);
    if (!inserted.ok()) {
      error = inserted.message();
    } else if (counted.ok()) {
      rows = std::stoll(counted->rows[0][0].value_or("0"));
    }
  } else {
    error = "The fake BigQuery loads only NEWLINE_DELIMITED_JSON and PARQUET, not " + format + ".";
  }
  std::filesystem::remove(file);
  if (!error.empty()) return fail("invalid", error);
  job.resource["statistics"]["load"] = {{"outputRows", std::to_string(rows)},
                                        {"inputFiles", "1"},
                                        {"inputFileBytes", std::to_string(data.size())}};
  return nullptr;
}

namespace {

Json NewJobResource(const std::string& project, const std::string& job_id,
                    const std::string& location, const Json& configuration) {
  int64_t now = NowUnixMs();
  return {{"kind", "bigquery#job"},
          {"id", project + ":" + location + "." + job_id},
          {"jobReference", {{"projectId", project}, {"jobId", job_id}, {"location", location}}},
          {"configuration", configuration},
          {"status", {{"state", "DONE"}}},
          {"statistics",
           {{"creationTime", std::to_string(now)},
            {"startTime", std::to_string(now)},
            {"endTime", std::to_string(now)}}}};
}

void FinishJob(Json& resource, const Json& error_result) {
  if (!error_result.is_null()) {
    resource["status"]["errorResult"] = error_result;
    resource["status"]["errors"] = Json::array({error_result});
  }
}

// The multipart/related body of an upload: the job's JSON, then the data.
bool SplitMultipart(const httplib::Request& request, std::string* metadata, std::string* data) {
  std::string content_type = request.get_header_value("Content-Type");
  size_t at = content_type.find("boundary=");
  if (at == std::string::npos) return false;
  std::string boundary = content_type.substr(at + 9);
  if (!boundary.empty() && boundary.front() == '"')
    boundary = boundary.substr(1, boundary.size() - 2);
  std::string delimiter = "--" + boundary;
  const std::string& body = request.body;
  std::vector<std::string> parts;
  size_t start = body.find(delimiter);
  while (start != std::string::npos) {
    size_t content = body.find("\r\n\r\n", start);
    size_t next = body.find("\r\n" + delimiter, start + delimiter.size());
    if (content == std::string::npos || next == std::string::npos || content > next) break;
    parts.push_back(body.substr(content + 4, next - content - 4));
    start = next + 2;
  }
  if (parts.size() != 2) return false;
  *metadata = parts[0];
  *data = parts[1];
  return true;
}

}  // namespace

Reply FakeBigQuery::InsertJob(const httplib::Request& request) {
  std::optional<Json> body = ParseObject(request.body);
  if (!body) return ErrorReply(400, "invalid", "The request body is not a JSON object.");
  std::string project = request.matches[1];
  Json reference = body->value("jobReference", Json::object());
  std::string location = reference.value("location", "US");
  const Json configuration = body->value("configuration", Json::object());
  if (!configuration.contains("query")) {
    return ErrorReply(400, "invalid", "The fake BigQuery runs query jobs here; upload loads.");
  }
  const Json& query = configuration["query"];
  std::string dataset =
      query.contains("defaultDataset") ? query["defaultDataset"].value("datasetId", "") : "";
  std::string sql = query.value("query", "");

  if (configuration.value("dryRun", false)) {
    for (const std::string& statement : warehouse::SplitSqlStatements(TranslateBigQuerySql(sql))) {
      if (!dataset.empty())
        (void)duckdb_->Execute("SET schema = " + warehouse::QuoteLiteral(dataset));
      auto explained = duckdb_->Query("EXPLAIN " + statement);
      if (!explained.ok()) {
        return ErrorReply(400, "invalidQuery", explained.status().message(), "query");
      }
    }
    // An estimate only: 8 bytes per value of every table the text names.
    long long bytes = 0;
    auto tables = duckdb_->Query(
        "SELECT table_name, estimated_size, column_count FROM duckdb_tables() "
        "WHERE schema_name = " +
        warehouse::QuoteLiteral(dataset));
    std::string lowered = Lower(sql);
    if (tables.ok()) {
      for (const auto& row : tables->rows) {
        if (lowered.find(Lower(row[0].value_or("\x01"))) == std::string::npos) continue;
        bytes += std::stoll(row[1].value_or("0")) * std::stoll(row[2].value_or("0")) * 8;
      }
    }
    Json reply = NewJobResource(project, "", location, configuration);
    reply.erase("id");
    reply["jobReference"].erase("jobId");
    reply["statistics"]["totalBytesProcessed"] = std::to_string(bytes);
    reply["statistics"]["query"] = {{"totalBytesProcessed", std::to_string(bytes)},
                                    {"statementType", "SELECT"}};
    return JsonReply(200, reply);
  }

  std::string job_id = reference.value("jobId", "");
  if (job_id.empty()) job_id = "job_fake_" + std::to_string(++next_job_number_);
  if (jobs_.count(job_id) != 0) {
    return ErrorReply(409, "duplicate",
                      "Already Exists: Job " + project + ":" + location + "." + job_id);
  }
  auto job = std::make_unique<Job>();
  job->resource = NewJobResource(project, job_id, location, configuration);
  FinishJob(job->resource, RunQueryJob(*job, sql, dataset));
  job->resource["statistics"]["query"] = {{"totalBytesProcessed", "0"}};
  job->polls_left = options_.polls_before_done;
  Json reply = job->resource;
  if (job->polls_left > 0) reply["status"] = {{"state", "RUNNING"}};
  jobs_[job_id] = std::move(job);
  return JsonReply(200, reply);
}

Reply FakeBigQuery::InsertLoadJob(const httplib::Request& request) {
  if (ParamOr(request, "uploadType", "") != "multipart") {
    return ErrorReply(400, "invalid", "The fake BigQuery accepts only uploadType=multipart.");
  }
  std::string metadata, data;
  if (!SplitMultipart(request, &metadata, &data)) {
    return ErrorReply(400, "invalid", "The upload is not multipart/related with two parts.");
  }
  std::optional<Json> body = ParseObject(metadata);
  if (!body || !(*body)["configuration"].contains("load")) {
    return ErrorReply(400, "invalid", "The first part is not a job with configuration.load.");
  }
  std::string project = request.matches[1];
  Json reference = body->value("jobReference", Json::object());
  std::string location = reference.value("location", "US");
  std::string job_id = reference.value("jobId", "");
  if (job_id.empty()) job_id = "job_fake_" + std::to_string(++next_job_number_);
  if (jobs_.count(job_id) != 0) {
    return ErrorReply(409, "duplicate",
                      "Already Exists: Job " + project + ":" + location + "." + job_id);
  }
  auto job = std::make_unique<Job>();
  job->resource = NewJobResource(project, job_id, location, (*body)["configuration"]);
  FinishJob(job->resource, RunLoadJob(*job, (*body)["configuration"]["load"], data));
  job->polls_left = options_.polls_before_done;
  Json reply = job->resource;
  if (job->polls_left > 0) reply["status"] = {{"state", "RUNNING"}};
  jobs_[job_id] = std::move(job);
  return JsonReply(200, reply);
}

Reply FakeBigQuery::GetJob(const httplib::Request& request) {
  std::string job_id = request.matches[2];
  auto found = jobs_.find(job_id);
  if (found == jobs_.end()) {
    return ErrorReply(404, "notFound", "Not found: Job " + options_.project + ":" + job_id);
  }
  Job& job = *found->second;
  if (job.polls_left > 0) {
    --job.polls_left;
    Json running = job.resource;
    running["status"] = {{"state", "RUNNING"}};
    return JsonReply(200, running);
  }
  return JsonReply(200, job.resource);
}

Json FakeBigQuery::QueryResultsPage(const Job& job, const httplib::Request& request,
                                    const char* kind) {
  size_t start = 0;
  size_t page_size = job.rows.size();
  try {
    start = std::stoul(ParamOr(request, "pageToken", ParamOr(request, "startIndex", "0")));
    if (request.has_param("maxResults"))
      page_size = std::stoul(request.get_param_value("maxResults"));
  } catch (const std::exception&) {
    start = 0;
  }
  bool int64_timestamps = ParamOr(request, "formatOptions.useInt64Timestamp", "") == "true";
  Json rows = Json::array();
  for (size_t i = start; i < job.rows.size() && i < start + page_size; ++i) {
    Json row = job.rows[i];
    if (!int64_timestamps) {
      for (size_t c = 0; c < job.fields.size(); ++c) {
        Json& cell = row["f"][c]["v"];
        if (job.fields[c]["type"] == "TIMESTAMP" && cell.is_string()) {
          cell = std::to_string(std::stoll(cell.get<std::string>()) / 1e6);
        }
      }
    }
    rows.push_back(row);
  }
  Json page = {{"kind", kind},
               {"jobReference", job.resource["jobReference"]},
               {"jobComplete", true},
               {"schema", {{"fields", job.fields}}},
               {"totalRows", std::to_string(job.rows.size())},
               {"rows", rows},
               {"cacheHit", false}};
  if (start + page_size < job.rows.size()) page["pageToken"] = std::to_string(start + page_size);
  return page;
}

Reply FakeBigQuery::GetQueryResults(const httplib::Request& request) {
  std::string job_id = request.matches[2];
  auto found = jobs_.find(job_id);
  if (found == jobs_.end()) {
    return ErrorReply(404, "notFound", "Not found: Job " + options_.project + ":" + job_id);
  }
  Job& job = *found->second;
  if (job.polls_left > 0) {
    --job.polls_left;
    return JsonReply(200, {{"kind", "bigquery#getQueryResultsResponse"},
                           {"jobReference", job.resource["jobReference"]},
                           {"jobComplete", false}});
  }
  if (job.error_result) {
    return ErrorReply(400, job.error_result->value("reason", "invalidQuery"),
                      job.error_result->value("message", ""),
                      job.error_result->value("location", ""));
  }
  // Timestamps in microseconds are the client's choice; when it does not ask,
  // BigQuery sends floating-point seconds.
  return JsonReply(200, QueryResultsPage(job, request, "bigquery#getQueryResultsResponse"));
}

Reply FakeBigQuery::Query(const httplib::Request& request) {
  std::optional<Json> body = ParseObject(request.body);
  if (!body) return ErrorReply(400, "invalid", "The request body is not a JSON object.");
  std::string project = request.matches[1];
  std::string dataset =
      body->contains("defaultDataset") ? (*body)["defaultDataset"].value("datasetId", "") : "";
  std::string location = body->value("location", "US");
  std::string job_id = "job_fake_" + std::to_string(++next_job_number_);
  auto job = std::make_unique<Job>();
  job->resource = NewJobResource(project, job_id, location, {{"query", *body}});
  Json error = RunQueryJob(*job, body->value("query", ""), dataset);
  FinishJob(job->resource, error);
  Job& stored = *job;
  jobs_[job_id] = std::move(job);
  if (!error.is_null()) {
    return ErrorReply(400, error.value("reason", "invalidQuery"), error.value("message", ""),
                      error.value("location", ""));
  }
  httplib::Request paging = request;
  if (body->contains("maxResults")) {
    paging.params.emplace("maxResults", std::to_string(body->value("maxResults", 0)));
  }
  if (body->contains("formatOptions") &&
      (*body)["formatOptions"].value("useInt64Timestamp", false)) {
    paging.params.emplace("formatOptions.useInt64Timestamp", "true");
  }
  return JsonReply(200, QueryResultsPage(stored, paging, "bigquery#queryResponse"));
}

}  // namespace sprintetl::fakes
