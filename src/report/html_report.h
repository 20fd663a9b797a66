// The self-contained HTML sprint report: the last step of a sprint-end run.
//
// RenderReportHtml turns ReportData (read from the rpt_* views) into a single
// HTML file with inline CSS and inline SVG charts. The page makes no network
// request: no script, no web font, no remote image, and a Content-Security-
// Policy that blocks any that slip in. Every warehouse value is escaped. The
// page's words are English in every locale (so <html lang="en">); the locale
// changes number and date formats only, see locale_format.h.
//
// Elements that browser tests look up, by data-testid (and id):
//   headline, sprint-empty, velocity-chart, velocity-empty, throughput-table,
//   throughput-empty, status-mix-chart, category-mix-chart, status-mix-empty,
//   customer-service-note, customer-service-chart, customer-service-table,
//   customer-service-empty, customer-change-table, customer-change-empty,
//   carry-over-table, carry-over-empty, sprint-tasks (the section),
//   task-table-<n> (one table per squad, n from 0), sprint-tasks-empty.
//
// Functions here are pure or touch only the given path; they are safe to call
// from several threads on different data.
#pragma once

#include <string>

#include "core/status.h"
#include "report/report_data.h"

namespace sprintetl::report {

struct ReportOptions {
  // Number and date format: "en-US", "en-GB", "pt-BR", "de-DE" or "fr-FR".
  std::string locale = "en-US";
};

// Checks the options before rendering. Fails with kInvalidArgument naming an
// unsupported locale and listing the supported ones.
Status ValidateReportOptions(const ReportOptions& options);

// Returns the report as one HTML document. An unsupported locale falls back
// to en-US with a warning in the log; call ValidateReportOptions first to
// reject it instead.
std::string RenderReportHtml(const ReportData& data, const ReportOptions& options);

// Writes `html` to `path`, creating missing parent folders. Writes a temporary
// file beside `path` and renames it over `path`, so readers see the old or the
// new report, never half of one. Fails with kUnavailable naming the path.
Status WriteReport(const std::string& path, const std::string& html);

}  // namespace sprintetl::report
