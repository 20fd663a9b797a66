#include "warehouse/scd2_step.h"

#include <algorithm>
#include <cctype>
#include <map>
#include <sstream>

namespace sprintetl::warehouse {
namespace {

constexpr const char* kOpen = "{% scd2";
constexpr const char* kClose = "{% endscd2 %}";

int LineOf(const std::string& text, size_t offset) {
  return 1 + static_cast<int>(std::count(text.begin(), text.begin() + offset, '\n'));
}

// Joins `prefix` + each attribute + `suffix` with `separator`.
std::string EachAttribute(const Scd2Spec& spec, const std::string& prefix,
                          const std::string& suffix, const std::string& separator) {
  std::string text;
  for (const std::string& attribute : spec.attributes) {
    if (!text.empty()) text += separator;
    text += prefix + attribute + suffix;
  }
  return text;
}

// The MD5 of the JSON list of the attributes as text, NULL written as '', in
// lower-case hex on both dialects. Callers normalise the values first
// (trimmed text, NULL and '' the same).
std::string HashExpression(const Scd2Spec& spec) {
  return "\n{% if bigquery %}\n"
         "         TO_HEX(MD5(CAST(TO_JSON_STRING([\n"
         "{% else %}\n"
         "         (md5(CAST(to_json([\n"
         "{% endif %}\n" +
         EachAttribute(spec, "           coalesce(CAST(", " AS STRING), '')", ",\n") +
         "\n         ]) AS STRING)))";
}

// Temp table of the versions to add, or to write over the current one.
std::string ChangeTableSql(const Scd2Spec& spec, const std::string& source_select,
                           bool historied) {
  const std::string& key = spec.natural_key;
  const std::string change = spec.table + "_change";
  std::ostringstream sql;
  sql << "CREATE OR REPLACE TEMP TABLE " << change << " AS\n"
      << "WITH snapshot AS (\n"
      << "  SELECT CAST({{ snapshot_at }} AS TIMESTAMP) AS taken_at\n"
      << "),\n"
      << "source AS (\n"
      << source_select << "\n"
      << "),\n"
      << "hashed AS (\n"
      << "  SELECT s.*,\n"
      << HashExpression(spec) << " AS attr_hash,\n"
      << "         least(coalesce(s.changed_at, snapshot.taken_at), snapshot.taken_at)"
      << " AS event_at\n"
      << "  FROM source s\n"
      << "  CROSS JOIN snapshot\n"
      << "),\n"
      // Several rows of one key resolve to the latest change, then the last
      // landing page by name, then the greater hash, so load order never matters.
      << "latest AS (\n"
      << "  SELECT *\n"
      << "  FROM hashed\n"
      << "  WHERE true\n"
      << "  QUALIFY row_number() OVER (\n"
      << "    PARTITION BY " << key << "\n"
      << "    ORDER BY event_at DESC, source_page DESC NULLS LAST, attr_hash DESC) = 1\n"
      << "),\n"
      << "current_version AS (\n"
      << "  SELECT * FROM " << spec.table << " WHERE is_current\n"
      << "),\n"
      << "candidate AS (\n"
      << "  SELECT l." << key << ", " << EachAttribute(spec, "l.", "", ", ") << ",\n"
      << "         l.attr_hash,\n"
      << "         false AS is_deleted,\n"
      << "         CAST(NULL AS STRING) AS deleted_reason,\n"
      << "         c." << spec.surrogate_key << " AS current_key,\n"
      << "         c.valid_from AS current_from,\n"
      << "         CASE WHEN c.valid_from IS NULL OR l.event_at > c.valid_from THEN l.event_at\n"
      << "              ELSE greatest(snapshot.taken_at, c.valid_from) END AS valid_from,\n"
      << "         c." << spec.surrogate_key << " IS NULL OR c.is_deleted\n"
      << "           OR c.attr_hash IS DISTINCT FROM l.attr_hash AS is_change\n"
      << "  FROM latest l\n"
      << "  CROSS JOIN snapshot\n"
      << "  LEFT JOIN current_version c ON c." << key << " = l." << key << "\n";
  if (historied && spec.close_missing) {
    sql << "  UNION ALL\n"
        << "  SELECT c." << key << ", " << EachAttribute(spec, "c.", "", ", ") << ",\n"
        << "         c.attr_hash,\n"
        << "         true AS is_deleted,\n"
        << "         'missing' AS deleted_reason,\n"
        << "         c." << spec.surrogate_key << " AS current_key,\n"
        << "         c.valid_from AS current_from,\n"
        << "         greatest(snapshot.taken_at, c.valid_from) AS valid_from,\n"
        << "         true AS is_change\n"
        << "  FROM current_version c\n"
        << "  CROSS JOIN snapshot\n"
        << "  WHERE NOT c.is_deleted\n"
        << "    AND c." << key << " NOT IN (SELECT " << key << " FROM latest)\n"
        << "    AND EXISTS (SELECT 1 FROM latest)\n";
  }
  // A type 1 dimension corrects its one row in place. A historied one does so
  // only when the change starts at the current version's own start (a rerun at
  // the same snapshot), so no interval is ever empty.
  sql << ")\n"
      << "SELECT " << key << ", " << EachAttribute(spec, "", "", ", ") << ",\n"
      << "       attr_hash, is_deleted, deleted_reason, current_key, current_from, valid_from,\n"
      << "       current_key IS NOT NULL AND ("
      << (historied ? "valid_from = current_from" : "true") << ") AS corrects_current\n"
      << "FROM candidate\n"
      << "WHERE is_change;\n";
  return sql.str();
}

// "a = x.a, b = x.b" for the attributes.
std::string Assignments(const Scd2Spec& spec) {
  std::string text;
  for (const std::string& attribute : spec.attributes) {
    if (!text.empty()) text += ", ";
    text += attribute + " = x." + attribute;
  }
  return text;
}

bool IsIdentifier(const std::string& name) {
  if (name.empty() || std::isdigit(static_cast<unsigned char>(name[0]))) return false;
  return std::all_of(name.begin(), name.end(), [](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) || c == '_';
  });
}

// Parses the "name=value ..." arguments of a block header.
Result<Scd2Spec> ParseSpec(const std::string& header, const std::string& where) {
  std::map<std::string, std::string> arguments;
  std::istringstream words(header);
  std::string word;
  std::string previous;
  while (words >> word) {
    // A list may continue on the next line after a trailing comma.
    if (!previous.empty() && arguments[previous].ends_with(",")) {
      arguments[previous] += word;
      continue;
    }
    size_t equals = word.find('=');
    if (equals == std::string::npos) {
      return InvalidArgument(where + ": scd2 argument '" + word + "' is not written name=value");
    }
    previous = word.substr(0, equals);
    arguments[previous] = word.substr(equals + 1);
  }

  Scd2Spec spec;
  const std::pair<const char*, std::string*> required[] = {
      {"table", &spec.table}, {"key", &spec.natural_key}, {"surrogate", &spec.surrogate_key}};
  for (const auto& [name, out] : required) {
    auto found = arguments.find(name);
    if (found == arguments.end() || !IsIdentifier(found->second)) {
      return InvalidArgument(where + ": scd2 block needs " + name + "=<identifier>");
    }
    *out = found->second;
    arguments.erase(found);
  }

  std::istringstream attributes(arguments["attributes"]);
  arguments.erase("attributes");
  for (std::string attribute; std::getline(attributes, attribute, ',');) {
    if (!IsIdentifier(attribute)) {
      return InvalidArgument(where + ": scd2 attribute '" + attribute + "' is not an identifier");
    }
    spec.attributes.push_back(attribute);
  }
  if (spec.attributes.empty()) {
    return InvalidArgument(where + ": scd2 block needs attributes=<column>,<column>,...");
  }

  const std::string missing = arguments.count("missing") ? arguments["missing"] : "";
  arguments.erase("missing");
  if (missing != "close" && missing != "keep") {
    return InvalidArgument(where + ": scd2 block needs missing=close or missing=keep, got '" +
                           missing + "'");
  }
  spec.close_missing = missing == "close";

  if (!arguments.empty()) {
    return InvalidArgument(where + ": unknown scd2 argument '" + arguments.begin()->first +
                           "'; known are table, key, surrogate, attributes and missing");
  }
  return spec;
}

}  // namespace

std::string Scd2StepSql(const Scd2Spec& spec, const std::string& source_select, bool historied) {
  const std::string& table = spec.table;
  const std::string& key = spec.natural_key;
  const std::string& surrogate = spec.surrogate_key;
  const std::string change = table + "_change";
  std::ostringstream sql;

  // Rows written before the dimension had SCD columns get a key and count as
  // current; their empty attr_hash makes the step rewrite them in place.
  sql << "UPDATE " << table << "\n"
      << "SET " << surrogate << " = n.new_key, attr_hash = '',\n"
      << "    valid_from = CAST({{ snapshot_at }} AS TIMESTAMP), valid_to = NULL,\n"
      << "    is_current = true, is_deleted = false, deleted_reason = NULL\n"
      << "FROM (\n"
      << "  SELECT " << key << ",\n"
      << "         (SELECT coalesce(max(" << surrogate << "), 0) FROM " << table << ")\n"
      << "           + row_number() OVER (ORDER BY " << key << ") AS new_key\n"
      << "  FROM " << table << "\n"
      << "  WHERE " << surrogate << " IS NULL\n"
      << ") n\n"
      << "WHERE " << table << "." << key << " = n." << key << " AND " << table << "."
      << surrogate << " IS NULL;\n\n";

  sql << ChangeTableSql(spec, source_select, historied) << "\n";

  sql << "UPDATE " << table << "\n"
      << "SET " << Assignments(spec) << ",\n"
      << "    attr_hash = x.attr_hash, is_deleted = x.is_deleted,\n"
      << "    deleted_reason = x.deleted_reason, run_id = {{ run_id }}\n"
      << "FROM " << change << " x\n"
      << "WHERE " << table << "." << surrogate << " = x.current_key AND x.corrects_current;\n\n";

  sql << "UPDATE " << table << "\n"
      << "SET is_current = false, valid_to = x.valid_from\n"
      << "FROM " << change << " x\n"
      << "WHERE " << table << "." << surrogate << " = x.current_key\n"
      << "  AND NOT x.corrects_current;\n\n";

  // Surrogate keys continue the existing sequence, in natural key order.
  sql << "INSERT INTO " << table << " (\n"
      << "  " << surrogate << ", " << key << ", " << EachAttribute(spec, "", "", ", ") << ",\n"
      << "  attr_hash, valid_from, valid_to, is_current, is_deleted, run_id, deleted_reason)\n"
      << "SELECT (SELECT coalesce(max(" << surrogate << "), 0) FROM " << table << ")\n"
      << "         + row_number() OVER (ORDER BY " << key << ") AS " << surrogate << ",\n"
      << "       " << key << ", " << EachAttribute(spec, "", "", ", ") << ",\n"
      << "       attr_hash, valid_from, CAST(NULL AS TIMESTAMP) AS valid_to, true AS is_current,\n"
      << "       is_deleted, {{ run_id }} AS run_id, deleted_reason\n"
      << "FROM " << change << "\n"
      << "WHERE NOT corrects_current;\n\n";

  sql << "DROP TABLE " << change << ";\n";
  return sql.str();
}

Result<std::string> ExpandScd2Blocks(const std::string& text,
                                     const std::set<std::string>& historied_tables,
                                     const std::string& origin) {
  std::string expanded;
  size_t position = 0;
  while (true) {
    size_t open = text.find(kOpen, position);
    if (open == std::string::npos) break;
    const std::string where = origin + " line " + std::to_string(LineOf(text, open));
    size_t header_end = text.find("%}", open);
    size_t close = text.find(kClose, open);
    if (header_end == std::string::npos || close == std::string::npos || close < header_end) {
      return InvalidArgument(where + ": '{% scd2' block is never closed with '" + kClose + "'");
    }
    SPRINTETL_ASSIGN_OR_RETURN(
        Scd2Spec spec,
        ParseSpec(text.substr(open + std::string(kOpen).size(),
                              header_end - open - std::string(kOpen).size()),
                  where));
    std::string select = text.substr(header_end + 2, close - header_end - 2);
    while (!select.empty() && (std::isspace(static_cast<unsigned char>(select.back())) ||
                               select.back() == ';')) {
      select.pop_back();
    }
    expanded.append(text, position, open - position);
    expanded += Scd2StepSql(spec, select, historied_tables.count(spec.table) > 0);
    position = close + std::string(kClose).size();
  }
  expanded.append(text, position, std::string::npos);
  return expanded;
}

}  // namespace sprintetl::warehouse
