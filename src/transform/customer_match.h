// Finding the HubSpot company that a ClickUp task's customer names.
//
// The ClickUp drop-down option names are typed by hand, so they are compared
// with HubSpot company names after normalising case, accents, quotes and
// spaces. Companies merged in HubSpot keep their old ids in
// hs_merged_object_ids; those ids resolve to the surviving company.
// CompanyIndex is built once and then only read.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

namespace sprintetl::transform {

// Lower-cases ASCII letters, replaces Latin letters with accents or strokes by
// their base letters (ä→a, ø→o, ł→l, ß→ss), drops straight and typographic
// quotes, turns every run of spaces (including no-break spaces) into one
// space and trims both ends. Other characters are kept unchanged.
std::string NormaliseCompanyName(const std::string& name);

class CompanyIndex {
 public:
  // Registers a company; `merged_ids` are ids of companies merged into it.
  // Returns false, and keeps the earlier company for name lookups, when
  // another company already has the same normalised name.
  bool Add(const std::string& id, const std::string& name,
           const std::vector<std::string>& merged_ids);

  // The company that `id` names: itself when listed, the surviving company
  // for a merged id, nullopt when unknown.
  std::optional<std::string> ResolveId(const std::string& id) const;

  // The company whose normalised name equals the normalised `name`.
  std::optional<std::string> MatchName(const std::string& name) const;

  // Merged ids and the company each was merged into.
  const std::map<std::string, std::string>& merged_into() const { return merged_into_; }

 private:
  std::map<std::string, std::string> ids_;          // listed id -> itself
  std::map<std::string, std::string> merged_into_;  // merged id -> surviving id
  std::map<std::string, std::string> by_name_;      // normalised name -> id
};

}  // namespace sprintetl::transform
