// Data tests: SQL checks of the star schema's invariants (sql/tests/*.sql)
// that run after the models, inside the same transaction, so a broken
// invariant rolls the run back and keeps the previous tables.
//
// Each file contains one SELECT that returns the offending rows, the first
// column a short description of the problem; zero rows means the check
// passes. Files are templates like the models (`{{ run_id }}` and the other
// ModelParams names). Nothing here keeps state; use one thread per Warehouse.
#pragma once

#include <string>
#include <vector>

#include "core/status.h"
#include "warehouse/model_runner.h"
#include "warehouse/warehouse.h"

namespace sprintetl::warehouse {

// One check file, rendered for a run.
struct DataTest {
  std::string name;  // file name without ".sql", e.g. "030_contiguous_validity"
  std::string sql;   // one SELECT, trailing semicolon removed
};

// The outcome of one check.
struct DataTestResult {
  std::string name;
  long long offending_rows = 0;
  std::vector<std::string> examples;  // the first five offending rows, "column=value, ..."
  long long duration_ms = 0;

  bool passed() const { return offending_rows == 0; }
};

// Reads and renders every `*.sql` file of `tests_dir` in name order for
// `dialect` (see model_template.h). Fails
// with kNotFound when the folder has no check, or kInvalidArgument naming
// the file when it has an unknown placeholder or more than one statement.
Result<std::vector<DataTest>> LoadDataTests(const std::string& tests_dir,
                                            const ModelParams& params,
                                            const TemplateDialect& dialect = {});

// Runs every check and returns one result each, in order. Fails only when a
// check's query itself fails (the error names the file); broken invariants
// are results, not errors.
Result<std::vector<DataTestResult>> RunDataTests(Warehouse& warehouse,
                                                 const std::vector<DataTest>& tests);

// Returns OK when every result passed, else kFailedPrecondition naming each
// failing check with its count of offending rows and up to five of them.
Status DataTestFailures(const std::vector<DataTestResult>& results);

// Loads, runs and judges the checks of `tests_dir` in one call: the step the
// pipeline runs right after the models, before the commit. On a BigQuery
// warehouse the checks are appended to the transaction's script as ASSERT
// statements instead (data_test_assertions.h), so a failure surfaces at
// Commit, naming the check but without example rows.
Status RunDataTestsOrFail(Warehouse& warehouse, const std::string& tests_dir,
                          const ModelParams& params);

}  // namespace sprintetl::warehouse
