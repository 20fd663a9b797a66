// Data tests as BigQuery ASSERT statements. On BigQuery the statements of a
// transaction run only at Commit, as one script, so a query made before the
// commit cannot see the models' pending changes. Appending each data test to
// that script as an ASSERT checks the new tables instead: a failing ASSERT
// stops the script, and BigQuery rolls back the whole load.
//
// Pure text plus Warehouse::Execute; use one thread per Warehouse.
#pragma once

#include <string>
#include <vector>

#include "core/status.h"
#include "warehouse/data_tests.h"
#include "warehouse/warehouse.h"

namespace sprintetl::warehouse {

// Returns `ASSERT (SELECT COUNT(*) FROM (<test.sql>) AS offending) = 0 AS
// '<description>'`, where the description names the data test, so the
// script's error names it too.
std::string DataTestAssertion(const DataTest& test);

// Executes the assertion of every test, in order. Inside a BigQuery
// transaction this only appends them to the script that Commit runs, so the
// failure of a test surfaces as Commit's error. Fails with the backend's
// error naming the test.
Status AppendDataTestAssertions(Warehouse& warehouse, const std::vector<DataTest>& tests);

}  // namespace sprintetl::warehouse
