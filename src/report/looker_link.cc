#include "report/looker_link.h"

#include "report/report_data.h"

namespace sprintetl::report {

namespace {

constexpr char kLinkingApiBase[] = "https://lookerstudio.google.com/reporting/create";

void AddParameter(std::string& url, const std::string& name, const std::string& value) {
  url += url.find('?') == std::string::npos ? '?' : '&';
  url += EncodeQueryComponent(name) + "=" + EncodeQueryComponent(value);
}

}  // namespace

std::string EncodeQueryComponent(const std::string& text) {
  static const char kHex[] = "0123456789ABCDEF";
  std::string encoded;
  for (unsigned char c : text) {
    bool unreserved = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
                      c == '-' || c == '.' || c == '_' || c == '~';
    if (unreserved) {
      encoded += static_cast<char>(c);
    } else {
      encoded += '%';
      encoded += kHex[c >> 4];
      encoded += kHex[c & 0x0F];
    }
  }
  return encoded;
}

Result<std::string> LookerStudioCreateUrl(const config::Warehouse& warehouse,
                                          const std::string& report_name) {
  if (warehouse.kind != "bigquery") {
    return FailedPrecondition(
        "the Looker Studio link needs a BigQuery warehouse, but warehouse.kind is \"" +
        warehouse.kind +
        "\"; set warehouse.kind = \"bigquery\" and warehouse.bigquery.project and "
        "warehouse.bigquery.dataset in the config");
  }
  std::string missing;
  if (warehouse.bigquery.project.empty()) missing = "warehouse.bigquery.project";
  if (warehouse.bigquery.dataset.empty()) {
    missing += (missing.empty() ? "" : " and ") + std::string("warehouse.bigquery.dataset");
  }
  if (!missing.empty()) {
    return FailedPrecondition(
        "the Looker Studio link needs the dataset that holds the rpt_* "
        "views; set " +
        missing + " in the config");
  }

  std::string url = kLinkingApiBase;
  AddParameter(url, "r.reportName", report_name);
  for (const std::string& view : ReportViewNames()) {
    const std::string prefix = "ds." + view + ".";
    AddParameter(url, prefix + "connector", "bigQuery");
    AddParameter(url, prefix + "type", "TABLE");
    AddParameter(url, prefix + "projectId", warehouse.bigquery.project);
    AddParameter(url, prefix + "billingProjectId", warehouse.bigquery.project);
    AddParameter(url, prefix + "datasetId", warehouse.bigquery.dataset);
    AddParameter(url, prefix + "tableId", view);
    AddParameter(url, prefix + "datasourceName", report_name + " " + view);
  }
  return url;
}

}  // namespace sprintetl::report
