// The HTML sections of the sprint report below the headline. Internal to the
// report stage; html_report.cc assembles them into the page.
//
// Each function returns one <section>. A section with no rows shows a note
// saying so, with a data-testid ending in "-empty", instead of an empty chart.
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "report/locale_format.h"
#include "report/report_data.h"

namespace sprintetl::report {

// Returns the squads of the velocity rows as (squad_id, squad_name), ordered by
// name with "(none)" last. A squad's position here picks its colour everywhere.
std::vector<std::pair<std::string, std::string>> VelocitySquads(const ReportData& data);

// Returns the report sprint's points done on tasks without a customer, summed
// over its squads. Delivered points per customer leave these points out.
double PointsDoneWithoutCustomer(const ReportData& data);

// Points done per squad and sprint, as grouped bars.
std::string RenderVelocitySection(const ReportData& data, const LocaleFormat& locale);

// Tasks done and total per squad and sprint, as a squad-by-sprint table whose
// caption states what the two numbers of a cell are.
std::string RenderThroughputSection(const ReportData& data, const LocaleFormat& locale);

// Contracted vs delivered points per customer and service: a note on how
// delivered points differ from points done, then chart and table.
std::string RenderCustomerServiceSection(const ReportData& data, const LocaleFormat& locale);

// Tasks carried over, grouped by squad.
std::string RenderCarryOverSection(const ReportData& data, const LocaleFormat& locale);

}  // namespace sprintetl::report
