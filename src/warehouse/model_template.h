// The tiny template language of the SQL model and data test files. It exists
// for the few places where the backends' SQL dialects differ; it has no logic
// beyond choosing text by dialect.
//
//   {{ name }}          a parameter, replaced by its value as a quoted SQL
//                       string literal in the dialect's escaping
//   {{ table name }}    a table a view reads: `name` on DuckDB and
//                       `dataset.name` (backticks included) on BigQuery, because
//                       a BigQuery view cannot rely on a default dataset
//   {{ type FLOAT64 }}  a BigQuery type name, written as DuckDB's name on DuckDB
//                       (FLOAT64 is DOUBLE there); only the types whose names
//                       differ and that the models cast to are known
//   {% if bigquery %} A {% else %} B {% endif %}
//                       A when rendering for that dialect ("duckdb" or
//                       "bigquery"), else B; the else part is optional and
//                       blocks do not nest
//
// Pure functions; safe to call from any thread.
#pragma once

#include <map>
#include <string>

#include "core/status.h"

namespace sprintetl::warehouse {

// The dialect a template renders for.
struct TemplateDialect {
  std::string name = "duckdb";  // "duckdb" or "bigquery"
  std::string dataset;          // the BigQuery dataset of `{{ table name }}`
};

// Renders `text` for `dialect`: resolves the if blocks first, keeping the
// line count of a dropped branch as blank lines, then replaces every
// `{{ name }}` with the quoted values[name], every `{{ table name }}` with the
// table's name and every `{{ type NAME }}` with the dialect's type name.
// Blanks inside the braces are ignored. Fails with kInvalidArgument naming
// `origin`, the line and the placeholder or block when a name, type or
// dialect is unknown, a block is never closed or blocks nest.
Result<std::string> RenderModelTemplate(const std::string& text,
                                        const std::map<std::string, std::string>& values,
                                        const std::string& origin,
                                        const TemplateDialect& dialect = {});

// Returns `text` as a single-quoted string literal of the dialect: DuckDB
// doubles a quote inside, BigQuery escapes quotes and backslashes with a
// backslash.
std::string QuoteLiteralFor(const std::string& text, const TemplateDialect& dialect);

}  // namespace sprintetl::warehouse
