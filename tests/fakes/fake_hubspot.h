// Fake HubSpot CRM API server for tests and the demo.
//
// Serves the HubSpot fixtures (tests/data/hubspot) with the real shapes, bearer auth,
// X-HubSpot-RateLimit-* headers, cursor paging and v4 batch association reads, so the
// product's HubSpot client can be tested on 127.0.0.1.
//
// Endpoints:
//   GET  /crm/v3/objects/{type}?limit=&after=&properties=&associations=&archived=
//        for companies (0-2), deals (0-3), line_items (0-8), products (0-7) and the custom
//        object 2-9876543 (p1234567_squad); records come from <prefix>_page*.json.
//        With propertiesWithHistory (at most 50 per page) each record carries the history of
//        <singular>_with_history.json when that file has its id, else its current value
//        as set at createdAt.
//   POST /crm/v3/objects/{type}/search with filters (EQ, GT, GTE, LT, LTE; times compared as
//        epoch ms), one sort (ties by id), offset `after`, at most search_result_cap results
//        per query (beyond: 400) and its own rate window (beyond: 429, policy SECONDLY).
//   POST /crm/v4/associations/{from}/{to}/batch/read, from associations.json; the reverse
//        direction of each pair in that file is derived. Each input's targets are paged
//        (association_page_size per response, the input's `after` is an offset).
//   GET  /crm/v3/owners (paged like objects), /crm/v3/pipelines/deals, /crm/v3/schemas and
//        /crm/v3/properties/{type} (properties_<type>.json, type by its canonical name; the
//        fixture files as they are).
//
// Threading: see FakeServer. The accessors below may be called while the server runs.
#pragma once

#include <atomic>
#include <chrono>
#include <map>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "fakes/fake_server.h"
#include "fakes/fixture_dirs.h"

namespace sprintetl::fakes {

// Generated companies, deals and line items (ids 32000000000 + index, 42000000000 + index,
// 52000000000 + index). Deal i is associated with company i % companies, line item i with
// deal i % deals. None is archived.
struct GeneratedCounts {
  long long companies = 0;
  long long deals = 0;
  long long line_items = 0;
};

struct FakeHubSpotOptions {
  // Fixture folders; a file in a later folder overrides the same-named file of an earlier one.
  std::vector<std::string> data_dirs = {TestDataDir() + "/hubspot"};
  // Expected token of the "Authorization: Bearer <token>" header.
  std::string token = "pat-test-hubspot";
  // Fixed burst window: `rate_limit` requests per `rate_window` (Professional tier: 190/10 s).
  int rate_limit = 190;
  std::chrono::milliseconds rate_window{10000};
  // Requests per day (X-HubSpot-RateLimit-Daily); beyond it every request gets a 429 whose
  // policyName is DAILY. OAuth apps get no daily headers: `daily_headers` false leaves them out.
  int daily_limit = 625000;
  bool daily_headers = true;
  // Requests per second (X-HubSpot-RateLimit-Secondly), a fixed one-second window; beyond it a
  // 429 whose policyName is SECONDLY. 0 sends no secondly headers and enforces nothing.
  int secondly_limit = 0;
  // Records built on request from their index in place of the fixture records of the type,
  // so a portal of any size costs no memory; 0 serves the fixtures.
  GeneratedCounts generated;
  // Association targets of one input per batch read response; more set the input's paging.
  int association_page_size = 500;
  // Object type ("deals") whose listing ignores `after`, so its cursor repeats forever.
  std::string ignore_after_for;
  // POST /crm/v3/objects/{type}/search: its own fixed window (HubSpot: 5 per second) and
  // the results one query may page through (HubSpot: 10,000).
  int search_rate_limit = 5;
  std::chrono::milliseconds search_rate_window{1000};
  int search_result_cap = 10000;
};

class FakeHubSpot : public FakeServer {
 public:
  explicit FakeHubSpot(FakeHubSpotOptions options = {});
  ~FakeHubSpot() override;

  // "http://127.0.0.1:PORT"; the product appends "/crm/v3/objects/...".
  std::string base_url() const override;

  // Stored records of `object_type` ("companies", "0-2", "2-9876543", ...) with all their
  // properties, in paging order; empty for an unknown type. Generated records are not
  // stored, so they are not among them.
  std::vector<Json> Records(const std::string& object_type) const;

  // Association entries {toObjectId, associationTypes} of one record, derived ones included.
  std::vector<Json> Associations(const std::string& from_type, const std::string& to_type,
                                 const std::string& from_id) const;

  // Adds `record` to `object_type`, or replaces the stored record with its id.
  void PutRecord(const std::string& object_type, Json record);

  // Search requests rejected by the search rate window.
  int search_rejected() const { return search_rejected_; }

 protected:
  bool LoadData(std::string* error) override;
  std::optional<Reply> CheckAuth(const httplib::Request& request) override;
  std::optional<Reply> CheckQuota() override;
  void AddRateHeaders(const RateSnapshot& rate, httplib::Response* response) override;
  Reply RateLimitedReply() override;
  Reply ServerErrorReply(int status) override;

 private:
  struct ObjectType {
    std::string file_prefix;                      // fixture files <prefix>_page*.json
    std::string singular;                         // as in inline association types
    std::vector<std::string> default_properties;  // returned without ?properties=
  };

  bool LoadRecords(std::string* error);
  // Gives the record of `records` with the id of fixture `file` (a single record, as
  // company_with_history.json) that file's propertiesWithHistory; no file changes nothing.
  bool AttachHistory(const std::string& file, std::vector<Json>& records, std::string* error);
  bool LoadAssociations(std::string* error);
  std::optional<std::string> CanonicalType(const std::string& name) const;

  Reply ListObjects(const std::string& type_name, const httplib::Request& request);
  // Generated records of `type`: their number (0 when the type serves its fixtures), one
  // record, and the association targets of one record (nullopt when the pair is not generated).
  long long GeneratedCount(const std::string& type) const;
  Json GeneratedRecord(const std::string& type, long long index) const;
  std::optional<std::vector<Json>> GeneratedTargets(const std::string& from,
                                                    const std::string& to,
                                                    const std::string& id) const;
  Reply ListGenerated(const std::string& type, const httplib::Request& request);
  Reply ListOwners(const httplib::Request& request);
  Reply BatchReadAssociations(const std::string& from, const std::string& to,
                              const std::string& body);
  Reply StaticFile(const std::string& name);
  Reply ListProperties(const std::string& type_name);
  Reply SearchObjects(const std::string& type_name, const httplib::Request& request);
  Json ShapeRecord(const std::string& type, const Json& record, const httplib::Request& request);
  // The propertiesWithHistory of `record` for the names the request lists: the stored history,
  // else one entry holding the current value.
  Json PropertyHistory(const Json& record, const httplib::Request& request) const;
  // HubSpot lists at most 100 records per page, and 50 when they carry property history.
  static int MaxListLimit(const httplib::Request& request);
  // The request's `limit` (default 10), or a 400 reply when it is not 1 to `max_limit`.
  static std::variant<int, Reply> PageLimit(const httplib::Request& request, int max_limit);
  Reply Page(const std::vector<Json>& items, const httplib::Request& request, int max_limit,
             const std::function<Json(const Json&)>& shape);

  FakeHubSpotOptions options_;
  FixtureDirs dirs_;
  std::map<std::string, ObjectType> types_;
  std::map<std::string, std::string> type_aliases_;  // "0-2" -> "companies", ...
  std::map<std::string, std::vector<Json>> records_;
  // "fromType/toType" -> from id -> association entries.
  std::map<std::string, std::map<std::string, std::vector<Json>>> associations_;
  std::vector<Json> owners_;
  std::string unauthorized_body_;
  std::string rate_limited_body_;
  std::atomic<int64_t> daily_used_{0};
  std::mutex quota_mutex_;  // guards the secondly window
  int64_t second_window_end_ms_ = 0;
  int second_used_ = 0;
  std::map<std::string, Json> templates_;  // first fixture record of each generated type
  int64_t search_window_end_ms_ = 0;
  int search_used_ = 0;
  std::atomic<int> search_rejected_{0};
};

// Returns a HubSpot error reply {status, message, correlationId, category}.
Reply HubSpotError(int status, const std::string& category, const std::string& message);

}  // namespace sprintetl::fakes
