#include "bigquery/bigquery_client.h"

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <ctime>
#include <random>
#include <thread>

#include "bigquery/rest_transport.h"
#include "core/log.h"

namespace sprintetl::bigquery {
namespace {

std::string StringField(const Json& object, const char* name) {
  auto it = object.find(name);
  return it != object.end() && it->is_string() ? it->get<std::string>() : "";
}

// BigQuery sends 64-bit counts as JSON strings.
long long CountField(const Json& object, const char* name) {
  auto it = object.find(name);
  if (it == object.end()) return 0;
  if (it->is_number_integer()) return it->get<long long>();
  if (it->is_string()) {
    try {
      return std::stoll(it->get<std::string>());
    } catch (const std::exception&) {
      return 0;
    }
  }
  return 0;
}

// Formats Unix microseconds as "YYYY-MM-DD HH:MM:SS[.ffffff]" in UTC, the
// text the DuckDB backend returns, with trailing zeros of the fraction dropped.
std::string TimestampText(long long micros) {
  long long seconds = micros / 1000000;
  long long fraction = micros % 1000000;
  if (fraction < 0) {
    fraction += 1000000;
    seconds -= 1;
  }
  std::time_t time = static_cast<std::time_t>(seconds);
  std::tm utc{};
  gmtime_r(&time, &utc);
  char text[64];
  std::snprintf(text, sizeof(text), "%04d-%02d-%02d %02d:%02d:%02d", utc.tm_year + 1900,
                utc.tm_mon + 1, utc.tm_mday, utc.tm_hour, utc.tm_min, utc.tm_sec);
  std::string out = text;
  if (fraction != 0) {
    char digits[8];
    std::snprintf(digits, sizeof(digits), "%06lld", fraction);
    std::string part = digits;
    while (!part.empty() && part.back() == '0') part.pop_back();
    out += "." + part;
  }
  return out;
}

std::optional<std::string> ScalarText(const Json& value, const std::string& type) {
  if (value.is_null()) return std::nullopt;
  if (!value.is_string()) return value.dump();
  const std::string& text = value.get_ref<const std::string&>();
  if (type == "TIMESTAMP") {
    try {
      return TimestampText(std::stoll(text));
    } catch (const std::exception&) {
      return text;
    }
  }
  return text;
}

bool EqualsIgnoreCase(const std::string& a, const std::string& b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           return std::tolower(static_cast<unsigned char>(x)) ==
                  std::tolower(static_cast<unsigned char>(y));
         });
}

}  // namespace

std::optional<std::string> CellText(const Json& value, const Json& field) {
  std::string type = StringField(field, "type");
  if (StringField(field, "mode") == "REPEATED") {
    if (!value.is_array()) return std::nullopt;
    std::string out = "[";
    for (size_t i = 0; i < value.size(); ++i) {
      if (i > 0) out += ", ";
      const Json& element =
          value[i].is_object() && value[i].contains("v") ? value[i]["v"] : value[i];
      out += ScalarText(element, type).value_or("NULL");
    }
    return out + "]";
  }
  if (type == "RECORD" || type == "STRUCT")
    return value.is_null() ? std::nullopt : std::optional(value.dump());
  return ScalarText(value, type);
}

std::string JobIdFrom(const std::vector<std::string>& parts) {
  std::string id;
  for (const std::string& part : parts) {
    if (part.empty()) continue;
    if (!id.empty()) id += '_';
    for (char c : part) {
      bool allowed = std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '-';
      id += allowed ? c : '_';
    }
  }
  if (id.size() > 1000) id.resize(1000);
  return id;
}

BigQueryClient::BigQueryClient(ClientSettings settings, TokenSource& tokens)
    : settings_(std::move(settings)), tokens_(tokens) {}

std::string BigQueryClient::JobsPath() const {
  return "/bigquery/v2/projects/" + settings_.project + "/jobs";
}

void BigQueryClient::Sleep(std::chrono::milliseconds wait) const {
  if (wait.count() > 0) std::this_thread::sleep_for(wait);
}

std::chrono::milliseconds BigQueryClient::Backoff(int attempt) const {
  thread_local std::mt19937 random(std::random_device{}());
  long long ceiling = std::min<long long>(settings_.backoff_max.count(),
                                          settings_.backoff_base.count() << std::min(attempt, 16));
  // Jitter keeps concurrent clients that failed together from retrying together.
  std::uniform_int_distribution<long long> pick(ceiling / 2, std::max(ceiling, 1LL));
  return std::chrono::milliseconds(pick(random));
}

Result<Json> BigQueryClient::Send(const Call& call) {
  auto logger = log::Get("bigquery");
  last_error_ = ApiError{};
  Status last_status = Unavailable("no request sent");
  bool refreshed_token = false;

  for (int attempt = 1; attempt <= settings_.max_attempts; ++attempt) {
    SPRINTETL_ASSIGN_OR_RETURN(std::string token, tokens_.Token());
    RestRequest request;
    request.method = call.method;
    request.url = settings_.api_base_url + call.path;
    request.content_type = call.content_type;
    request.body = call.body;
    request.headers.push_back("Authorization: Bearer " + token);
    ++stats_.requests;
    auto started = std::chrono::steady_clock::now();
    Result<RestResponse> response = SendRest(request, settings_.timeout);
    long long ms = std::chrono::duration_cast<std::chrono::milliseconds>(
                       std::chrono::steady_clock::now() - started)
                       .count();

    if (!response.ok()) {
      last_status = response.status();
      logger->warn("bigquery.retry action=\"{}\" error=\"{}\" attempt={}", call.action,
                   last_status.message(), attempt);
      Sleep(Backoff(attempt));
      continue;
    }
    logger->debug("bigquery.request method={} path={} status={} bytes={} ms={} attempt={}",
                  call.method, call.path.substr(0, call.path.find('?')), response->status,
                  call.body.size(), ms, attempt);
    if (response->status >= 200 && response->status < 300) {
      Json parsed = Json::parse(response->body, nullptr, /*allow_exceptions=*/false);
      if (parsed.is_discarded()) {
        last_status = Unavailable("BigQuery " + call.action + " returned a body that is not JSON");
        Sleep(Backoff(attempt));
        continue;
      }
      return parsed;
    }

    ApiError error = ParseApiError(response->status, response->body);
    if (response->status == 401 && !refreshed_token) {
      // A token revoked or expired early: fetch a new one once.
      refreshed_token = true;
      tokens_.Invalidate();
      --attempt;
      continue;
    }
    if (!IsRetryable(error)) {
      last_error_ = error;
      return ApiErrorStatus(error, call.action);
    }
    last_status = ApiErrorStatus(error, call.action);
    auto wait = Backoff(attempt);
    logger->warn("bigquery.retry action=\"{}\" status={} reason={} wait_ms={} attempt={}",
                 call.action, response->status, error.reason, wait.count(), attempt);
    if (attempt < settings_.max_attempts) Sleep(wait);
  }
  return Status(last_status.code(), last_status.message() + " (after " +
                                        std::to_string(settings_.max_attempts) + " tries)");
}

Status BigQueryClient::EnsureDataset() {
  std::string path =
      "/bigquery/v2/projects/" + settings_.project + "/datasets/" + settings_.dataset;
  Result<Json> found = Send({"GET", path, "", "", "dataset lookup " + settings_.dataset});
  if (found.ok()) {
    std::string location = StringField(*found, "location");
    if (!location.empty() && !EqualsIgnoreCase(location, settings_.location)) {
      return FailedPrecondition("BigQuery dataset " + settings_.project + "." + settings_.dataset +
                                " is in location " + location + ", not " + settings_.location +
                                "; set warehouse.bigquery.location = \"" + location +
                                "\" or choose another dataset");
    }
    return Status::Ok();
  }
  if (last_error_.http_status != 404) return found.status();

  Json dataset = {
      {"datasetReference", {{"projectId", settings_.project}, {"datasetId", settings_.dataset}}},
      {"location", settings_.location}};
  Result<Json> created =
      Send({"POST", "/bigquery/v2/projects/" + settings_.project + "/datasets", "application/json",
            dataset.dump(), "dataset creation " + settings_.dataset});
  // Another process may have created it in between.
  if (!created.ok() && last_error_.reason != "duplicate") return created.status();
  log::Get("bigquery")
      ->info("bigquery.dataset created project={} dataset={} location={}", settings_.project,
             settings_.dataset, settings_.location);
  return Status::Ok();
}

Result<std::optional<Json>> BigQueryClient::TableSchema(const std::string& table) {
  std::string path = "/bigquery/v2/projects/" + settings_.project + "/datasets/" +
                     settings_.dataset + "/tables/" + table;
  Result<Json> found = Send({"GET", path, "", "", "table lookup " + table});
  if (!found.ok()) {
    if (last_error_.http_status == 404) return std::optional<Json>();
    return found.status();
  }
  const Json& fields = (*found)["schema"]["fields"];
  return std::optional<Json>(fields.is_array() ? fields : Json::array());
}

Status BigQueryClient::InsertQueryJob(const std::string& sql, const std::string& job_id) {
  Json job = {
      {"jobReference",
       {{"projectId", settings_.project}, {"jobId", job_id}, {"location", settings_.location}}},
      {"configuration",
       {{"query",
         {{"query", sql},
          {"useLegacySql", false},
          {"defaultDataset",
           {{"projectId", settings_.project}, {"datasetId", settings_.dataset}}}}}}}};
  Result<Json> inserted =
      Send({"POST", JobsPath(), "application/json", job.dump(), "query job " + job_id});
  if (!inserted.ok() && last_error_.reason == "duplicate") {
    log::Get("bigquery")->info("bigquery.job reused job_id={}", job_id);
    return Status::Ok();
  }
  return inserted.status();
}

Result<warehouse::QueryResult> BigQueryClient::ReadQueryResults(const std::string& job_id,
                                                                const std::string& action) {
  warehouse::QueryResult result;
  Json fields;
  std::string page_token;
  auto wait = settings_.poll_first;
  while (true) {
    std::string path = "/bigquery/v2/projects/" + settings_.project + "/queries/" + job_id +
                       "?location=" + FormEncode(settings_.location) +
                       "&maxResults=" + std::to_string(settings_.page_size) +
                       "&timeoutMs=10000&formatOptions.useInt64Timestamp=true";
    if (!page_token.empty()) path += "&pageToken=" + FormEncode(page_token);
    SPRINTETL_ASSIGN_OR_RETURN(Json page, Send({"GET", path, "", "", action}));

    if (!page.value("jobComplete", false)) {
      Sleep(wait);
      wait = std::min(wait * 2, settings_.poll_max);
      continue;
    }
    if (result.columns.empty() && page.contains("schema")) {
      fields = page["schema"].value("fields", Json::array());
      for (const Json& field : fields) result.columns.push_back(StringField(field, "name"));
    }
    if (page.contains("rows") && page["rows"].is_array()) {
      for (const Json& row : page["rows"]) {
        std::vector<std::optional<std::string>> values(fields.size());
        auto cells = row.find("f");
        for (size_t i = 0; cells != row.end() && i < fields.size() && i < cells->size(); ++i) {
          const Json& cell = (*cells)[i];
          if (cell.is_object() && cell.contains("v")) values[i] = CellText(cell["v"], fields[i]);
        }
        result.rows.push_back(std::move(values));
      }
    }
    page_token = StringField(page, "pageToken");
    if (page_token.empty()) return result;
  }
}

Result<Json> BigQueryClient::WaitForJob(const std::string& job_id, const std::string& action) {
  auto wait = settings_.poll_first;
  std::string path = JobsPath() + "/" + job_id + "?location=" + FormEncode(settings_.location);
  while (true) {
    SPRINTETL_ASSIGN_OR_RETURN(Json job, Send({"GET", path, "", "", action}));
    if (StringField(job["status"], "state") == "DONE") return job;
    Sleep(wait);
    wait = std::min(wait * 2, settings_.poll_max);
  }
}

Result<warehouse::QueryResult> BigQueryClient::RunQuery(const std::string& sql,
                                                        const std::string& job_id) {
  Status last = Status::Ok();
  for (int attempt = 0; attempt < settings_.max_attempts; ++attempt) {
    std::string id = attempt == 0 ? job_id : job_id + "_r" + std::to_string(attempt);
    std::string action = "query job " + id;
    SPRINTETL_RETURN_IF_ERROR(InsertQueryJob(sql, id));
    SPRINTETL_ASSIGN_OR_RETURN(Json job, WaitForJob(id, action));
    if (job["status"].contains("errorResult")) {
      ApiError error = ParseErrorResult(job["status"]["errorResult"]);
      if (!IsRetryable(error)) return ApiErrorStatus(error, action);
      // The failed job id is final; the next try runs under a new one.
      last = ApiErrorStatus(error, action);
      log::Get("bigquery")->warn("bigquery.job retry job_id={} reason={}", id, error.reason);
      Sleep(Backoff(attempt + 1));
      continue;
    }
    return ReadQueryResults(id, action);
  }
  return last;
}

Result<long long> BigQueryClient::DryRunBytes(const std::string& sql) {
  Json job = {
      {"jobReference", {{"projectId", settings_.project}, {"location", settings_.location}}},
      {"configuration",
       {{"dryRun", true},
        {"query",
         {{"query", sql},
          {"useLegacySql", false},
          {"defaultDataset",
           {{"projectId", settings_.project}, {"datasetId", settings_.dataset}}}}}}}};
  SPRINTETL_ASSIGN_OR_RETURN(Json answer,
                             Send({"POST", JobsPath(), "application/json", job.dump(), "dry run"}));
  if (answer.contains("statistics")) return CountField(answer["statistics"], "totalBytesProcessed");
  return 0LL;
}

Result<LoadOutcome> BigQueryClient::RunLoad(const LoadJob& load) {
  static const std::string kBoundary = "sprintetl_load_part_boundary_7f3a9c";
  Status last = Status::Ok();
  for (int attempt = 0; attempt < settings_.max_attempts; ++attempt) {
    std::string id = attempt == 0 ? load.job_id : load.job_id + "_r" + std::to_string(attempt);
    std::string action = "load job " + id + " into " + load.table;
    Json configuration = {
        {"destinationTable",
         {{"projectId", settings_.project},
          {"datasetId", settings_.dataset},
          {"tableId", load.table}}},
        {"sourceFormat",
         load.format == LoadFormat::kParquet ? "PARQUET" : "NEWLINE_DELIMITED_JSON"},
        {"schema", {{"fields", load.schema_fields}}},
        {"createDisposition", "CREATE_IF_NEEDED"},
        {"writeDisposition", load.truncate ? "WRITE_TRUNCATE" : "WRITE_APPEND"}};
    if (load.format == LoadFormat::kParquet) {
      // Reads Parquet LIST columns as REPEATED fields instead of nested records.
      configuration["parquetOptions"] = {{"enableListInference", true}};
    }
    Json job = {
        {"jobReference",
         {{"projectId", settings_.project}, {"jobId", id}, {"location", settings_.location}}},
        {"configuration", {{"load", configuration}}}};

    std::string body = "--" + kBoundary +
                       "\r\nContent-Type: application/json; charset=UTF-8\r\n\r\n" + job.dump() +
                       "\r\n--" + kBoundary + "\r\nContent-Type: application/octet-stream\r\n\r\n";
    body += load.data;
    body += "\r\n--" + kBoundary + "--\r\n";
    stats_.bytes_uploaded += static_cast<long long>(body.size());

    bool reused = false;
    Result<Json> inserted = Send({"POST", "/upload" + JobsPath() + "?uploadType=multipart",
                                  "multipart/related; boundary=" + kBoundary, body, action});
    if (!inserted.ok()) {
      if (last_error_.reason != "duplicate") return inserted.status();
      reused = true;
      log::Get("bigquery")->info("bigquery.job reused job_id={} table={}", id, load.table);
    }
    SPRINTETL_ASSIGN_OR_RETURN(Json done, WaitForJob(id, action));
    if (done["status"].contains("errorResult")) {
      ApiError error = ParseErrorResult(done["status"]["errorResult"]);
      if (!IsRetryable(error)) return ApiErrorStatus(error, action);
      last = ApiErrorStatus(error, action);
      Sleep(Backoff(attempt + 1));
      continue;
    }
    long long rows = 0;
    if (done.contains("statistics") && done["statistics"].contains("load")) {
      rows = CountField(done["statistics"]["load"], "outputRows");
    }
    return LoadOutcome{id, rows, reused};
  }
  return last;
}

}  // namespace sprintetl::bigquery
