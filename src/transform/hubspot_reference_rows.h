// HubSpot owners and deal pipelines: stg_owner and stg_deal_stage rows, so
// the model can show an owner's name for hubspot_owner_id and a stage's label
// for a deal's dealstage id.
#pragma once

#include "core/status.h"
#include "transform/landing_pages.h"
#include "transform/ndjson_writer.h"

namespace sprintetl::transform {

// Appends one stg_owner row per owner of the hubspot.owners pages; its
// primary team is the team marked primary, else the first. Fails with
// kDataLoss for a page without "results" or an owner without an id.
Status BuildOwnerRows(const LandingPages& pages, StageRows& rows);

// Appends one stg_deal_stage row per stage of each pipeline of the
// hubspot.pipelines pages. Stage metadata arrive as strings: isClosed
// "true"/"false" and probability "0.0" to "1.0". Fails with kDataLoss for a
// page without "results", or a pipeline or stage without an id.
Status BuildDealStageRows(const LandingPages& pages, StageRows& rows);

}  // namespace sprintetl::transform
