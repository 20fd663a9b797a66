#include "warehouse/data_test_assertions.h"

namespace sprintetl::warehouse {
namespace {

// BigQuery's single-quoted string literal escapes with backslashes, not by
// doubling the quote as DuckDB does.
std::string BigQueryStringLiteral(const std::string& text) {
  std::string literal = "'";
  for (char c : text) {
    if (c == '\'' || c == '\\') literal += '\\';
    literal += c == '\n' ? ' ' : c;
  }
  return literal + "'";
}

}  // namespace

std::string DataTestAssertion(const DataTest& test) {
  const std::string description =
      "data test " + test.name + " failed: its query returned offending rows, so the load " +
      "was rolled back; run " + test.name + ".sql on the dataset to list them";
  return "ASSERT (SELECT COUNT(*) FROM (\n" + test.sql + "\n) AS offending) = 0 AS " +
         BigQueryStringLiteral(description);
}

Status AppendDataTestAssertions(Warehouse& warehouse, const std::vector<DataTest>& tests) {
  for (const DataTest& test : tests) {
    SPRINTETL_RETURN_IF_ERROR(
        warehouse.Execute(DataTestAssertion(test)).WithContext("data test " + test.name));
  }
  return Status::Ok();
}

}  // namespace sprintetl::warehouse
