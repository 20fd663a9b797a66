// The HTML sections of the sprint report that show the sprint's detail: its
// status mix, the customers whose squad or contract changed, and its tasks
// per squad. Internal to the report stage; html_report.cc assembles them.
//
// Like report_sections.h, each function returns one <section>, and a section
// with no rows shows a note with a data-testid ending in "-empty".
#pragma once

#include <string>

#include "report/locale_format.h"
#include "report/report_data.h"

namespace sprintetl::report {

// Tasks per status and per category in each squad, as two stacked bar charts.
std::string RenderStatusMixSection(const ReportData& data, const LocaleFormat& locale);

// Customers whose squad, contracted points or services changed during the
// sprint, before and after, as a table.
std::string RenderCustomerChangeSection(const ReportData& data, const LocaleFormat& locale);

// The sprint's tasks, one table per squad.
std::string RenderSprintTaskSection(const ReportData& data, const LocaleFormat& locale);

}  // namespace sprintetl::report
