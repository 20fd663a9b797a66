#include "warehouse/duckdb_warehouse.h"

#include <cctype>
#include <filesystem>
#include <fstream>
#include <utility>

#include "warehouse/sql_text.h"

namespace sprintetl::warehouse {
namespace {

// Owns one duckdb_result and destroys it on scope exit.
class ResultHandle {
 public:
  ResultHandle() = default;
  ~ResultHandle() { duckdb_destroy_result(&result_); }
  ResultHandle(const ResultHandle&) = delete;
  ResultHandle& operator=(const ResultHandle&) = delete;

  duckdb_result* get() { return &result_; }

 private:
  duckdb_result result_{};
};

// Owns one duckdb_prepared_statement.
class PreparedHandle {
 public:
  PreparedHandle() = default;
  ~PreparedHandle() { duckdb_destroy_prepare(&statement_); }
  PreparedHandle(const PreparedHandle&) = delete;
  PreparedHandle& operator=(const PreparedHandle&) = delete;

  duckdb_prepared_statement* out() { return &statement_; }
  duckdb_prepared_statement get() const { return statement_; }

 private:
  duckdb_prepared_statement statement_ = nullptr;
};

// Maps DuckDB's error class to the closest status code: bad SQL is the
// caller's input, I/O may pass on retry, bad values are data problems.
StatusCode CodeForError(duckdb_error_type type) {
  switch (type) {
    case DUCKDB_ERROR_PARSER:
    case DUCKDB_ERROR_SYNTAX:
    case DUCKDB_ERROR_BINDER:
    case DUCKDB_ERROR_CATALOG:
    case DUCKDB_ERROR_NOT_IMPLEMENTED:
      return StatusCode::kInvalidArgument;
    case DUCKDB_ERROR_IO:
    case DUCKDB_ERROR_CONNECTION:
    case DUCKDB_ERROR_INTERRUPT:
      return StatusCode::kUnavailable;
    case DUCKDB_ERROR_CONVERSION:
    case DUCKDB_ERROR_INVALID_INPUT:
    case DUCKDB_ERROR_OUT_OF_RANGE:
      return StatusCode::kDataLoss;
    case DUCKDB_ERROR_CONSTRAINT:
    case DUCKDB_ERROR_TRANSACTION:
      return StatusCode::kFailedPrecondition;
    default:
      return StatusCode::kInternal;
  }
}

Status SqlError(StatusCode code, const char* message, const std::string& sql) {
  std::string text = message != nullptr ? message : "unknown DuckDB error";
  return Status(code, text + " [SQL: " + FirstSqlLine(sql) + "]");
}

// Types duckdb_value_varchar formats itself. It returns NULL for nested
// types and TIMESTAMPTZ and crashes on some others (seen with DuckDB 1.4.4),
// so every other type is cast to VARCHAR in SQL first.
bool IsPlainType(duckdb_type type) {
  switch (type) {
    case DUCKDB_TYPE_BOOLEAN:
    case DUCKDB_TYPE_TINYINT:
    case DUCKDB_TYPE_SMALLINT:
    case DUCKDB_TYPE_INTEGER:
    case DUCKDB_TYPE_BIGINT:
    case DUCKDB_TYPE_UTINYINT:
    case DUCKDB_TYPE_USMALLINT:
    case DUCKDB_TYPE_UINTEGER:
    case DUCKDB_TYPE_UBIGINT:
    case DUCKDB_TYPE_FLOAT:
    case DUCKDB_TYPE_DOUBLE:
    case DUCKDB_TYPE_DECIMAL:
    case DUCKDB_TYPE_DATE:
    case DUCKDB_TYPE_TIMESTAMP:
    case DUCKDB_TYPE_VARCHAR:
      return true;
    default:
      return false;
  }
}

bool AllColumnsPlain(duckdb_prepared_statement statement) {
  idx_t count = duckdb_prepared_statement_column_count(statement);
  for (idx_t i = 0; i < count; ++i) {
    if (!IsPlainType(duckdb_prepared_statement_column_type(statement, i))) return false;
  }
  return true;
}

// Wraps a SELECT so every column comes back as VARCHAR under its own name.
// DuckDB keeps the inner ORDER BY through a plain projection.
std::string CastColumnsToText(std::string sql) {
  while (!sql.empty() &&
         (sql.back() == ';' || std::isspace(static_cast<unsigned char>(sql.back())))) {
    sql.pop_back();
  }
  return "SELECT COLUMNS(*)::VARCHAR FROM (\n" + sql + "\n) AS query_text";
}

QueryResult CollectRows(duckdb_result* result) {
  QueryResult rows;
  idx_t column_count = duckdb_column_count(result);
  idx_t row_count = duckdb_row_count(result);
  for (idx_t c = 0; c < column_count; ++c) rows.columns.push_back(duckdb_column_name(result, c));
  rows.rows.reserve(row_count);
  for (idx_t r = 0; r < row_count; ++r) {
    std::vector<std::optional<std::string>> row(column_count);
    for (idx_t c = 0; c < column_count; ++c) {
      if (duckdb_value_is_null(result, c, r)) continue;
      char* text = duckdb_value_varchar(result, c, r);
      if (text != nullptr) {
        row[c] = std::string(text);
        duckdb_free(text);
      }
    }
    rows.rows.push_back(std::move(row));
  }
  return rows;
}

// True when the file contains only whitespace, which read_json rejects.
bool IsBlankFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  char c;
  while (in.get(c)) {
    if (!std::isspace(static_cast<unsigned char>(c))) return false;
  }
  return true;
}

}  // namespace

Result<std::unique_ptr<DuckDbWarehouse>> DuckDbWarehouse::Open(const std::string& path) {
  const char* file = path.empty() || path == ":memory:" ? nullptr : path.c_str();
  duckdb_database database = nullptr;
  char* error = nullptr;
  if (duckdb_open_ext(file, &database, nullptr, &error) != DuckDBSuccess) {
    std::string message = error != nullptr ? error : "unknown error";
    duckdb_free(error);
    return Unavailable("cannot open DuckDB database '" + path + "': " + message +
                       "; check the path and that no other process has it open");
  }
  duckdb_connection connection = nullptr;
  if (duckdb_connect(database, &connection) != DuckDBSuccess) {
    duckdb_close(&database);
    return Unavailable("cannot connect to DuckDB database '" + path + "'");
  }
  std::unique_ptr<DuckDbWarehouse> warehouse(new DuckDbWarehouse(database, connection));
  SPRINTETL_RETURN_IF_ERROR(warehouse->Execute("SET TimeZone = 'UTC'"));
  return warehouse;
}

DuckDbWarehouse::~DuckDbWarehouse() {
  duckdb_disconnect(&connection_);
  duckdb_close(&database_);
}

Status DuckDbWarehouse::Execute(const std::string& sql) {
  duckdb_extracted_statements extracted = nullptr;
  idx_t count = duckdb_extract_statements(connection_, sql.c_str(), &extracted);
  if (count == 0) {
    const char* error = duckdb_extract_statements_error(extracted);
    Status status =
        error == nullptr ? Status::Ok() : SqlError(StatusCode::kInvalidArgument, error, sql);
    duckdb_destroy_extracted(&extracted);
    return status;
  }

  // The split text only serves messages. When it disagrees with DuckDB's own
  // count, the message names the statement's position in the script instead.
  std::vector<std::string> pieces = SplitSqlStatements(sql);
  bool pieces_match = pieces.size() == count;
  Status status;
  for (idx_t i = 0; i < count && status.ok(); ++i) {
    const std::string& text = pieces_match ? pieces[i] : sql;
    PreparedHandle statement;
    ResultHandle result;
    if (duckdb_prepare_extracted_statement(connection_, extracted, i, statement.out()) !=
        DuckDBSuccess) {
      status = SqlError(StatusCode::kInvalidArgument, duckdb_prepare_error(statement.get()), text);
    } else if (duckdb_execute_prepared(statement.get(), result.get()) != DuckDBSuccess) {
      status = SqlError(CodeForError(duckdb_result_error_type(result.get())),
                        duckdb_result_error(result.get()), text);
    }
    if (!status.ok() && !pieces_match) {
      status =
          status.WithContext("statement " + std::to_string(i + 1) + " of " + std::to_string(count));
    }
  }
  duckdb_destroy_extracted(&extracted);
  return status;
}

Result<QueryResult> DuckDbWarehouse::Query(const std::string& sql) {
  PreparedHandle statement;
  if (duckdb_prepare(connection_, sql.c_str(), statement.out()) != DuckDBSuccess) {
    return SqlError(StatusCode::kInvalidArgument, duckdb_prepare_error(statement.get()), sql);
  }

  PreparedHandle as_text;
  duckdb_prepared_statement to_run = statement.get();
  if (!AllColumnsPlain(statement.get())) {
    if (duckdb_prepared_statement_type(statement.get()) != DUCKDB_STATEMENT_TYPE_SELECT ||
        duckdb_prepare(connection_, CastColumnsToText(sql).c_str(), as_text.out()) !=
            DuckDBSuccess) {
      return InvalidArgument(
          "the query returns a column type that cannot be read as text; "
          "cast it to VARCHAR in the query [SQL: " +
          FirstSqlLine(sql) + "]");
    }
    to_run = as_text.get();
  }

  ResultHandle result;
  if (duckdb_execute_prepared(to_run, result.get()) != DuckDBSuccess) {
    return SqlError(CodeForError(duckdb_result_error_type(result.get())),
                    duckdb_result_error(result.get()), sql);
  }
  return CollectRows(result.get());
}

Status DuckDbWarehouse::Begin() { return Execute("BEGIN TRANSACTION"); }

Status DuckDbWarehouse::Commit() { return Execute("COMMIT"); }

Status DuckDbWarehouse::Rollback() { return Execute("ROLLBACK"); }

Result<long long> DuckDbWarehouse::LoadNdjson(const std::string& table, const std::string& path) {
  std::error_code error;
  if (!std::filesystem::is_regular_file(path, error)) {
    return NotFound("NDJSON file '" + path + "' for table " + table +
                    " not found; run the transform step to write it");
  }
  if (IsBlankFile(path)) return 0LL;

  // Exact column types come from the table itself, so read_json never
  // guesses a type from the first rows of the file.
  SPRINTETL_ASSIGN_OR_RETURN(
      QueryResult columns, Query("SELECT column_name, data_type FROM information_schema.columns "
                                 "WHERE table_name = " +
                                 QuoteLiteral(table) +
                                 " AND table_schema = current_schema() ORDER BY ordinal_position"));
  if (columns.rows.empty()) {
    return NotFound("table " + table + " not found in the warehouse; create the schema first");
  }
  std::string column_types;
  for (const auto& row : columns.rows) {
    if (!column_types.empty()) column_types += ", ";
    column_types += QuoteLiteral(row[0].value_or("")) + ": " + QuoteLiteral(row[1].value_or(""));
  }
  // NOTE: read_json expands glob characters (*, ?, [) in the path. Landing
  // paths never contain them, so the path is passed unchanged.
  std::string sql = "INSERT INTO " + QuoteIdentifier(table) + " BY NAME SELECT * FROM read_json(" +
                    QuoteLiteral(path) +
                    ", format = 'newline_delimited', records = true, columns = {" + column_types +
                    "})";

  PreparedHandle statement;
  if (duckdb_prepare(connection_, sql.c_str(), statement.out()) != DuckDBSuccess) {
    return SqlError(StatusCode::kInvalidArgument, duckdb_prepare_error(statement.get()), sql)
        .WithContext("loading " + path + " into " + table);
  }
  ResultHandle result;
  if (duckdb_execute_prepared(statement.get(), result.get()) != DuckDBSuccess) {
    duckdb_error_type type = duckdb_result_error_type(result.get());
    // DuckDB names the file and line of malformed JSON and of values that do
    // not convert to the column's type.
    StatusCode code = type == DUCKDB_ERROR_INVALID_INPUT || type == DUCKDB_ERROR_CONVERSION
                          ? StatusCode::kDataLoss
                          : CodeForError(type);
    return SqlError(code, duckdb_result_error(result.get()), sql)
        .WithContext("loading " + path + " into " + table);
  }
  return static_cast<long long>(duckdb_rows_changed(result.get()));
}

}  // namespace sprintetl::warehouse
