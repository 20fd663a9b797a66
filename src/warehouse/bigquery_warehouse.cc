#include "warehouse/bigquery_warehouse.h"

#include <openssl/evp.h>

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <fstream>
#include <random>
#include <regex>
#include <sstream>

#include "bigquery/parquet_file.h"
#include "core/log.h"
#include "warehouse/sql_text.h"

namespace sprintetl::warehouse {
namespace {

std::string Backticked(const std::string& name) { return "`" + name + "`"; }

std::string WithoutTrailingSemicolons(std::string sql) {
  while (!sql.empty() &&
         (sql.back() == ';' || std::isspace(static_cast<unsigned char>(sql.back())))) {
    sql.pop_back();
  }
  return sql;
}

// The first 12 hex digits of the SHA-256 of `bytes`.
std::string ShortHash(const std::string& bytes) {
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int length = 0;
  EVP_Digest(bytes.data(), bytes.size(), digest, &length, EVP_sha256(), nullptr);
  static const char kHex[] = "0123456789abcdef";
  std::string hex;
  for (unsigned int i = 0; i < 6 && i < length; ++i) {
    hex += kHex[digest[i] >> 4];
    hex += kHex[digest[i] & 15];
  }
  return hex;
}

std::string RandomHex(int digits) {
  std::random_device device;
  std::string hex;
  static const char kHex[] = "0123456789abcdef";
  for (int i = 0; i < digits; ++i) hex += kHex[device() & 15];
  return hex;
}

// The run id of a stage file: stage files sit at <landing>/<run id>/stage/<table>.ndjson.
std::string RunIdOfStagePath(const std::string& path) {
  return std::filesystem::path(path).parent_path().parent_path().filename().string();
}

// Returns the index of the statement that contains the line of BigQuery's
// "[line:column]" error position, or -1 when the message has none.
int StatementAtErrorLine(const std::string& message, const std::vector<int>& start_lines) {
  static const std::regex kPosition(R"(\[(\d+):(\d+)\])");
  std::smatch match;
  std::string rest = message;
  int error_line = -1;
  // NOTE: BigQuery's script errors are taken to end with "at [line:column]"; only the
  // fake BigQuery checks this, so the last position found is used.
  while (std::regex_search(rest, match, kPosition)) {
    error_line = std::stoi(match[1].str());
    rest = match.suffix().str();
  }
  int found = -1;
  for (size_t i = 0; i < start_lines.size(); ++i) {
    if (start_lines[i] <= error_line) found = static_cast<int>(i);
  }
  return found;
}

bool IsBlank(const std::string& text) {
  for (char c : text) {
    if (!std::isspace(static_cast<unsigned char>(c))) return false;
  }
  return true;
}

// True for `CREATE [OR REPLACE] VIEW ...`, after any leading `--` comment lines.
bool IsCreateView(const std::string& statement) {
  static const std::regex kCreateView(R"(^(\s*--[^\n]*\n)*\s*CREATE\s+(OR\s+REPLACE\s+)?VIEW\b)",
                                      std::regex::icase);
  return std::regex_search(statement, kCreateView);
}

}  // namespace

Result<std::unique_ptr<BigQueryWarehouse>> BigQueryWarehouse::Open(const config::BigQuery& settings,
                                                                   BigQueryOptions options) {
  if (settings.project.empty() || settings.dataset.empty()) {
    return InvalidArgument(
        "warehouse.bigquery.project and warehouse.bigquery.dataset must be set when "
        "warehouse.kind is 'bigquery'");
  }
  SPRINTETL_ASSIGN_OR_RETURN(std::unique_ptr<bigquery::TokenSource> tokens,
                             bigquery::MakeTokenSource(settings, options.clock));
  bigquery::ClientSettings client = options.client;
  client.project = settings.project;
  client.dataset = settings.dataset;
  client.location = settings.location;
  client.api_base_url = settings.api_base_url;
  return std::unique_ptr<BigQueryWarehouse>(
      new BigQueryWarehouse(std::move(tokens), std::move(client), settings.load_format));
}

BigQueryWarehouse::BigQueryWarehouse(std::unique_ptr<bigquery::TokenSource> tokens,
                                     bigquery::ClientSettings settings, std::string load_format)
    : tokens_(std::move(tokens)),
      client_(std::make_unique<bigquery::BigQueryClient>(std::move(settings), *tokens_)),
      load_format_(std::move(load_format)),
      session_id_(RandomHex(12)) {}

Status BigQueryWarehouse::EnsureReady() {
  if (ready_) return Status::Ok();
  SPRINTETL_RETURN_IF_ERROR(client_->EnsureDataset());
  ready_ = true;
  return Status::Ok();
}

std::string BigQueryWarehouse::NextJobId(const std::string& kind) {
  return bigquery::JobIdFrom({"sprintetl", kind, session_id_, std::to_string(++job_sequence_)});
}

Status BigQueryWarehouse::Execute(const std::string& sql) {
  if (in_transaction_) {
    // BigQuery rejects DDL on permanent objects inside a transaction, so views
    // are kept for after the commit.
    std::string kept;
    for (const std::string& statement : SplitSqlStatements(sql)) {
      if (IsCreateView(statement)) {
        views_.push_back(WithoutTrailingSemicolons(statement));
      } else {
        kept += (kept.empty() ? "" : ";\n") + WithoutTrailingSemicolons(statement);
      }
    }
    if (!IsBlank(kept)) script_.push_back(kept);
    return Status::Ok();
  }
  SPRINTETL_RETURN_IF_ERROR(EnsureReady());
  Result<QueryResult> result = client_->RunQuery(sql, NextJobId("query"));
  if (!result.ok()) return result.status().WithContext("SQL: " + FirstSqlLine(sql));
  return Status::Ok();
}

Result<QueryResult> BigQueryWarehouse::Query(const std::string& sql) {
  SPRINTETL_RETURN_IF_ERROR(EnsureReady());
  Result<QueryResult> result = client_->RunQuery(sql, NextJobId("query"));
  if (!result.ok()) return result.status().WithContext("SQL: " + FirstSqlLine(sql));
  return result;
}

Status BigQueryWarehouse::Begin() {
  if (in_transaction_) {
    return FailedPrecondition("a BigQuery transaction is already open; BigQuery has no nesting");
  }
  in_transaction_ = true;
  script_.clear();
  return Status::Ok();
}

Status BigQueryWarehouse::Commit() {
  if (!in_transaction_) return FailedPrecondition("Commit called without an open transaction");
  in_transaction_ = false;
  std::vector<std::string> statements = std::move(script_);
  script_.clear();
  std::vector<std::string> views = std::move(views_);
  views_.clear();
  if (statements.empty()) {
    SPRINTETL_RETURN_IF_ERROR(DropLoadTables());
    return CreateViews(views);
  }

  std::string script = "BEGIN TRANSACTION;\n";
  std::vector<int> start_lines;  // 1-based line of the script where each statement starts
  int line = 2;
  for (const std::string& statement : statements) {
    start_lines.push_back(line);
    script += statement + ";\n";
    line += static_cast<int>(std::count(statement.begin(), statement.end(), '\n')) + 1;
  }
  script += "COMMIT TRANSACTION;\n";
  SPRINTETL_RETURN_IF_ERROR(EnsureReady());
  Result<QueryResult> result = client_->RunQuery(script, NextJobId("transaction"));
  if (!result.ok()) {
    std::string context = "transaction of " + std::to_string(statements.size()) +
                          " statements, rolled back by BigQuery";
    int failed = StatementAtErrorLine(result.status().message(), start_lines);
    if (failed >= 0) {
      context += "; failing statement " + std::to_string(failed + 1) + ": " +
                 FirstSqlLine(statements[static_cast<size_t>(failed)]);
    }
    return result.status().WithContext(context);
  }
  log::Get("bigquery")->info("bigquery.transaction committed statements={}", statements.size());
  SPRINTETL_RETURN_IF_ERROR(DropLoadTables());
  return CreateViews(views);
}

Status BigQueryWarehouse::CreateViews(const std::vector<std::string>& views) {
  if (views.empty()) return Status::Ok();
  std::string script;
  for (const std::string& view : views) script += view + ";\n";
  Result<QueryResult> created = client_->RunQuery(script, NextJobId("views"));
  if (!created.ok()) {
    return created.status().WithContext(
        "the transaction committed, but creating its " + std::to_string(views.size()) +
        " views failed; fix the view and run again");
  }
  log::Get("bigquery")->info("bigquery.views created views={}", views.size());
  return Status::Ok();
}

Status BigQueryWarehouse::Rollback() {
  // Nothing ran yet: BigQuery receives the statements only at Commit.
  in_transaction_ = false;
  script_.clear();
  views_.clear();
  return DropLoadTables();
}

Status BigQueryWarehouse::DropLoadTables() {
  if (load_tables_.empty()) return Status::Ok();
  std::string sql;
  for (const std::string& table : load_tables_) {
    sql += "DROP TABLE IF EXISTS " + Backticked(table) + ";\n";
  }
  load_tables_.clear();
  Result<QueryResult> dropped = client_->RunQuery(sql, NextJobId("drop_load_tables"));
  return dropped.ok() ? Status::Ok() : dropped.status();
}

Result<std::string> BigQueryWarehouse::LoadIntoLoadTable(const std::string& table,
                                                         const std::string& path, long long* rows) {
  SPRINTETL_ASSIGN_OR_RETURN(std::optional<bigquery::Json> schema, client_->TableSchema(table));
  if (!schema) {
    return NotFound("table " + table + " not found in BigQuery dataset " +
                    client_->settings().dataset + "; create the schema first");
  }

  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  std::string data = text.str();
  bigquery::LoadJob job;
  job.table = table;
  job.schema_fields = *schema;
  job.format =
      load_format_ == "parquet" ? bigquery::LoadFormat::kParquet : bigquery::LoadFormat::kNdjson;
  // The id depends only on the run, the table and the file, never on the
  // attempt, so a retried or repeated load finds the job that already ran.
  job.job_id = bigquery::JobIdFrom(
      {"sprintetl_load", RunIdOfStagePath(path), table, load_format_, ShortHash(data)});
  if (job.format == bigquery::LoadFormat::kParquet) {
    SPRINTETL_ASSIGN_OR_RETURN(job.data, bigquery::NdjsonToParquet(path, *schema));
  } else {
    job.data = std::move(data);
  }

  std::string load_table = "_" + job.job_id;
  for (char& c : load_table) {
    if (c == '-') c = '_';
  }
  job.table = load_table;
  SPRINTETL_ASSIGN_OR_RETURN(bigquery::LoadOutcome outcome, client_->RunLoad(job));
  if (outcome.reused) {
    // An earlier run of this job may have had its load table dropped already.
    SPRINTETL_ASSIGN_OR_RETURN(std::optional<bigquery::Json> kept,
                               client_->TableSchema(load_table));
    if (!kept) {
      job.job_id += "_again_" + std::to_string(bigquery::SystemUnixSeconds());
      SPRINTETL_ASSIGN_OR_RETURN(outcome, client_->RunLoad(job));
    }
  }
  *rows = outcome.output_rows;
  load_tables_.push_back(load_table);

  std::string columns;
  for (const auto& field : *schema) {
    if (!columns.empty()) columns += ", ";
    columns += Backticked(field.value("name", ""));
  }
  return "INSERT INTO " + Backticked(table) + " (" + columns + ") SELECT " + columns + " FROM " +
         Backticked(load_table);
}

Result<long long> BigQueryWarehouse::LoadNdjson(const std::string& table, const std::string& path) {
  std::error_code error;
  if (!std::filesystem::is_regular_file(path, error)) {
    return NotFound("NDJSON file '" + path + "' for table " + table +
                    " not found; run the transform step to write it");
  }
  if (std::filesystem::file_size(path, error) == 0) return 0LL;
  SPRINTETL_RETURN_IF_ERROR(EnsureReady());

  long long rows = 0;
  SPRINTETL_ASSIGN_OR_RETURN(std::string copy, LoadIntoLoadTable(table, path, &rows));
  if (in_transaction_) {
    script_.push_back(copy);
    return rows;
  }
  Result<QueryResult> copied = client_->RunQuery(copy, NextJobId("copy_" + table));
  if (!copied.ok()) return copied.status().WithContext("copying loaded rows into " + table);
  SPRINTETL_RETURN_IF_ERROR(DropLoadTables());
  return rows;
}

Result<long long> BigQueryWarehouse::DryRunBytes(const std::string& sql) {
  SPRINTETL_RETURN_IF_ERROR(EnsureReady());
  Result<long long> bytes = client_->DryRunBytes(sql);
  if (!bytes.ok()) return bytes.status().WithContext("dry run of SQL: " + FirstSqlLine(sql));
  return bytes;
}

}  // namespace sprintetl::warehouse
