// The generic SCD step of the simple dimensions (dim_member, dim_service,
// dim_task): one SQL block that keeps a dimension either historied (SCD type
// 2) or up to date in place (type 1), chosen by the config, with the same
// columns and invariants either way.
//
// A model file marks the block as
//
//   {% scd2 table=dim_member key=member_id surrogate=member_key
//           attributes=username,initials missing=close %}
//   SELECT member_id, username, initials, changed_at, source_page FROM ...
//   {% endscd2 %}
//
// The SELECT returns the run's rows: the natural key, every tracked attribute
// already normalised, `changed_at` (the source's change time, or NULL) and
// `source_page`. ExpandScd2Blocks replaces the block with the statements of
// the step; placeholders such as `{{ run_id }}` are left for the model
// template. Pure functions; safe to call from any thread.
#pragma once

#include <set>
#include <string>
#include <vector>

#include "core/status.h"

namespace sprintetl::warehouse {

// The settings one block describes.
struct Scd2Spec {
  std::string table;                    // e.g. "dim_member"
  std::string natural_key;              // e.g. "member_id"
  std::string surrogate_key;            // e.g. "member_key"
  std::vector<std::string> attributes;  // tracked columns, named as in the table
  // True ("missing=close"): when the run read any row of this dimension, a
  // historied key absent from them is closed with a version marked deleted,
  // reason 'missing'. False ("missing=keep"): absent keys stay as they are.
  bool close_missing = false;
};

// Returns the statements of one step. With `historied`, a changed key gets
// a new version starting at its change time (capped at the run's snapshot,
// and never before the current version's start) and the current version is
// closed there. Without it, a change overwrites the current row in place, so
// each key keeps exactly one row. `source_select` is the block's SELECT.
std::string Scd2StepSql(const Scd2Spec& spec, const std::string& source_select, bool historied);

// Replaces every `{% scd2 ... %} ... {% endscd2 %}` block of `text` with its
// statements. A block is historied when `historied_tables` contains its
// table. Fails with kInvalidArgument naming `origin` and the line for an
// unclosed block, a missing or unknown argument, or a bad `missing` value.
Result<std::string> ExpandScd2Blocks(const std::string& text,
                                     const std::set<std::string>& historied_tables,
                                     const std::string& origin);

}  // namespace sprintetl::warehouse
