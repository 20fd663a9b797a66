#include "warehouse/data_tests.h"

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "core/log.h"
#include "warehouse/data_test_assertions.h"
#include "warehouse/model_template.h"
#include "warehouse/sql_text.h"

namespace sprintetl::warehouse {
namespace {

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

constexpr size_t kExampleRows = 5;

// Removes trailing blanks and semicolons so the SELECT can be wrapped.
std::string WithoutTrailingSemicolon(std::string sql) {
  while (!sql.empty() && (std::isspace(static_cast<unsigned char>(sql.back())) ||
                          sql.back() == ';')) {
    sql.pop_back();
  }
  return sql;
}

std::string DescribeRow(const QueryResult& result, size_t row) {
  std::string text;
  for (size_t column = 0; column < result.columns.size(); ++column) {
    if (!text.empty()) text += ", ";
    text += result.columns[column] + "=" + result.rows[row][column].value_or("NULL");
  }
  return text;
}

Result<DataTestResult> RunOne(Warehouse& warehouse, const DataTest& test) {
  Clock::time_point start = Clock::now();
  DataTestResult result{test.name, 0, {}, 0};

  SPRINTETL_ASSIGN_OR_RETURN(
      QueryResult count,
      warehouse.Query("SELECT count(*) FROM (" + test.sql + "\n) AS offending"));
  result.offending_rows = std::stoll(count.rows.at(0).at(0).value_or("0"));
  if (result.offending_rows > 0) {
    SPRINTETL_ASSIGN_OR_RETURN(
        QueryResult examples,
        warehouse.Query(test.sql + "\nLIMIT " + std::to_string(kExampleRows)));
    for (size_t row = 0; row < examples.rows.size(); ++row) {
      result.examples.push_back(DescribeRow(examples, row));
    }
  }
  result.duration_ms =
      std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() - start).count();
  return result;
}

}  // namespace

Result<std::vector<DataTest>> LoadDataTests(const std::string& tests_dir,
                                            const ModelParams& params,
                                            const TemplateDialect& dialect) {
  std::error_code error;
  std::vector<fs::path> paths;
  for (fs::directory_iterator it(tests_dir, error), end; !error && it != end;
       it.increment(error)) {
    if (it->is_regular_file() && it->path().extension() == ".sql") paths.push_back(it->path());
  }
  if (error) {
    return NotFound("cannot list the data test folder '" + tests_dir + "': " + error.message());
  }
  if (paths.empty()) return NotFound("no *.sql data test files in '" + tests_dir + "'");
  std::sort(paths.begin(), paths.end());

  std::vector<DataTest> tests;
  for (const fs::path& path : paths) {
    std::ifstream in(path, std::ios::binary);
    if (!in) return NotFound("cannot read data test file '" + path.string() + "'");
    std::ostringstream text;
    text << in.rdbuf();
    const std::string name = path.stem().string();
    SPRINTETL_ASSIGN_OR_RETURN(
        std::string sql,
        RenderModelTemplate(text.str(), TemplateValues(params), "data test " + name, dialect));
    if (SplitSqlStatements(sql).size() != 1) {
      return InvalidArgument("data test " + path.string() +
                             " must hold exactly one SELECT statement");
    }
    tests.push_back({name, WithoutTrailingSemicolon(sql)});
  }
  return tests;
}

Result<std::vector<DataTestResult>> RunDataTests(Warehouse& warehouse,
                                                 const std::vector<DataTest>& tests) {
  auto logger = log::Get("warehouse");
  std::vector<DataTestResult> results;
  for (const DataTest& test : tests) {
    Result<DataTestResult> result = RunOne(warehouse, test);
    if (!result.ok()) return result.status().WithContext("data test " + test.name);
    logger->info("warehouse.data_test test={} offending_rows={} ms={}", test.name,
                 result->offending_rows, result->duration_ms);
    results.push_back(std::move(result).value());
  }
  return results;
}

Status DataTestFailures(const std::vector<DataTestResult>& results) {
  std::string message;
  for (const DataTestResult& result : results) {
    if (result.passed()) continue;
    if (!message.empty()) message += "; ";
    message += "data test " + result.name + " failed with " +
               std::to_string(result.offending_rows) + " offending rows";
    for (const std::string& example : result.examples) message += "\n  " + example;
  }
  if (message.empty()) return Status::Ok();
  return FailedPrecondition(message);
}

Status RunDataTestsOrFail(Warehouse& warehouse, const std::string& tests_dir,
                          const ModelParams& params) {
  SPRINTETL_ASSIGN_OR_RETURN(std::vector<DataTest> tests,
                             LoadDataTests(tests_dir, params, DialectOf(warehouse)));
  if (warehouse.Dialect() == "bigquery") return AppendDataTestAssertions(warehouse, tests);
  SPRINTETL_ASSIGN_OR_RETURN(std::vector<DataTestResult> results, RunDataTests(warehouse, tests));
  return DataTestFailures(results);
}

}  // namespace sprintetl::warehouse
