#include "fakes/fake_hubspot.h"

#include <gtest/gtest.h>
#include <httplib.h>

#include <nlohmann/json.hpp>
#include <set>

namespace sprintetl::fakes {
namespace {

using nlohmann::json;

class FakeHubSpotTest : public ::testing::Test {
 protected:
  void StartFake(FakeHubSpotOptions options = {}) {
    fake_ = std::make_unique<FakeHubSpot>(std::move(options));
    int port = fake_->Start();
    ASSERT_NE(port, 0) << fake_->error();
    client_ = std::make_unique<httplib::Client>("127.0.0.1", port);
  }

  httplib::Result Get(const std::string& path, const std::string& token = "pat-test-hubspot") {
    httplib::Headers headers;
    if (!token.empty()) headers.emplace("Authorization", "Bearer " + token);
    return client_->Get(path.c_str(), headers);
  }

  httplib::Result ReadAssociations(const std::string& from, const std::string& to,
                                   const std::vector<std::string>& ids) {
    json inputs = json::array();
    for (const std::string& id : ids) inputs.push_back({{"id", id}});
    httplib::Headers headers = {{"Authorization", "Bearer pat-test-hubspot"}};
    std::string path = "/crm/v4/associations/" + from + "/" + to + "/batch/read";
    return client_->Post(path.c_str(), headers, json{{"inputs", inputs}}.dump(),
                         "application/json");
  }

  // Follows paging.next.after until the last page; returns the ids of every page.
  std::vector<std::vector<std::string>> ReadAllPages(const std::string& first_path) {
    std::vector<std::vector<std::string>> pages;
    std::string path = first_path;
    for (int guard = 0; guard < 20; ++guard) {
      auto response = Get(path);
      EXPECT_TRUE(response);
      if (!response) break;
      EXPECT_EQ(response->status, 200) << response->body;
      json body = json::parse(response->body);
      std::vector<std::string> ids;
      for (const json& record : body["results"]) ids.push_back(record["id"]);
      pages.push_back(ids);
      if (!body.contains("paging")) break;
      path = first_path + "&after=" + body["paging"]["next"]["after"].get<std::string>();
    }
    return pages;
  }

  std::unique_ptr<FakeHubSpot> fake_;
  std::unique_ptr<httplib::Client> client_;
};

TEST_F(FakeHubSpotTest, RejectsMissingOrWrongToken) {
  StartFake();
  EXPECT_EQ(fake_->base_url(), "http://127.0.0.1:" + std::to_string(fake_->port()));
  for (const std::string& token : {std::string(), std::string("wrong")}) {
    auto response = Get("/crm/v3/objects/companies", token);
    ASSERT_TRUE(response);
    EXPECT_EQ(response->status, 401);
    EXPECT_EQ(json::parse(response->body)["category"], "INVALID_AUTHENTICATION");
  }
}

TEST_F(FakeHubSpotTest, PagesCompaniesWithCursor) {
  StartFake();
  std::vector<std::vector<std::string>> pages = ReadAllPages("/crm/v3/objects/companies?limit=3");
  ASSERT_EQ(pages.size(), 3u);
  EXPECT_EQ(pages[0], (std::vector<std::string>{"31000000101", "31000000102", "31000000103"}));
  EXPECT_EQ(pages[1], (std::vector<std::string>{"31000000104", "31000000105", "31000000106"}));
  EXPECT_EQ(pages[2], (std::vector<std::string>{"31000000107", "31000000108"}));

  auto first = Get("/crm/v3/objects/companies?limit=3&properties=name");
  ASSERT_TRUE(first);
  json next = json::parse(first->body)["paging"]["next"];
  EXPECT_EQ(next["after"], "31000000104");
  EXPECT_EQ(
      next["link"],
      fake_->base_url() + "/crm/v3/objects/companies?limit=3&properties=name&after=31000000104");
}

TEST_F(FakeHubSpotTest, DefaultLimitIsTenAndMaxIsHundred) {
  StartFake();
  auto all = Get("/crm/v3/objects/companies");
  ASSERT_TRUE(all);
  json body = json::parse(all->body);
  EXPECT_EQ(body["results"].size(), 8u);
  EXPECT_FALSE(body.contains("paging"));

  auto max = Get("/crm/v3/objects/deals?limit=100");
  ASSERT_TRUE(max);
  EXPECT_EQ(max->status, 200);

  for (const char* limit : {"101", "0", "ten"}) {
    auto response = Get(std::string("/crm/v3/objects/deals?limit=") + limit);
    ASSERT_TRUE(response);
    EXPECT_EQ(response->status, 400) << limit;
    EXPECT_EQ(json::parse(response->body)["category"], "VALIDATION_ERROR") << limit;
  }

  auto bad_cursor = Get("/crm/v3/objects/deals?after=NTI1Cg%3D%3D");
  ASSERT_TRUE(bad_cursor);
  EXPECT_EQ(bad_cursor->status, 400);
}

TEST_F(FakeHubSpotTest, ReturnsRequestedPropertiesOnly) {
  StartFake();
  auto response = Get("/crm/v3/objects/companies?limit=1&properties=name,squad,no_such_property");
  ASSERT_TRUE(response);
  json record = json::parse(response->body)["results"][0];
  std::set<std::string> names;
  for (const auto& [name, value] : record["properties"].items()) names.insert(name);
  EXPECT_EQ(names, (std::set<std::string>{"name", "squad", "hs_object_id", "createdate",
                                          "hs_lastmodifieddate"}));
  EXPECT_EQ(record["createdAt"], "2022-02-14T09:12:33.104Z");
  EXPECT_EQ(record["archived"], false);
  EXPECT_FALSE(record.contains("associations"));

  auto repeated = Get("/crm/v3/objects/deals?limit=1&properties=dealname&properties=amount");
  ASSERT_TRUE(repeated);
  json deal = json::parse(repeated->body)["results"][0]["properties"];
  EXPECT_TRUE(deal.contains("dealname"));
  EXPECT_TRUE(deal.contains("amount"));
  EXPECT_FALSE(deal.contains("pipeline"));

  auto squads = Get("/crm/v3/objects/2-9876543?properties=squad_name");
  ASSERT_TRUE(squads);
  json squad = json::parse(squads->body)["results"][0]["properties"];
  EXPECT_TRUE(squad.contains("hs_createdate"));
  EXPECT_TRUE(squad.contains("squad_name"));
  EXPECT_FALSE(squad.contains("capacity_points"));
}

TEST_F(FakeHubSpotTest, ServesEveryObjectType) {
  StartFake();
  struct Case {
    const char* type;
    size_t count;
  };
  for (Case test : {Case{"companies", 8}, Case{"0-2", 8}, Case{"deals", 5}, Case{"line_items", 5},
                    Case{"products", 4}, Case{"2-9876543", 3}}) {
    auto response = Get(std::string("/crm/v3/objects/") + test.type + "?limit=100");
    ASSERT_TRUE(response) << test.type;
    EXPECT_EQ(response->status, 200) << test.type;
    EXPECT_EQ(json::parse(response->body)["results"].size(), test.count) << test.type;
  }
  auto unknown = Get("/crm/v3/objects/tickets");
  ASSERT_TRUE(unknown);
  EXPECT_EQ(unknown->status, 400);
}

TEST_F(FakeHubSpotTest, BatchAssociationsReport207ForMissing) {
  StartFake();
  auto response =
      ReadAssociations("line_items", "deals",
                       {"51000000701", "51000000702", "51000000703", "51000000704", "51000000705"});
  ASSERT_TRUE(response);
  EXPECT_EQ(response->status, 207);
  json body = json::parse(response->body);
  ASSERT_EQ(body["results"].size(), 4u);
  EXPECT_EQ(body["results"][0]["from"]["id"], "51000000701");
  json first = body["results"][0]["to"][0];
  EXPECT_TRUE(first["toObjectId"].is_number_integer());
  EXPECT_EQ(first["toObjectId"], 41000000501);
  EXPECT_EQ(first["associationTypes"][0]["typeId"], 20);
  EXPECT_EQ(body["numErrors"], 1);
  EXPECT_EQ(body["errors"][0]["context"]["fromObjectId"][0], "51000000705");

  auto complete = ReadAssociations("line_items", "deals", {"51000000701"});
  ASSERT_TRUE(complete);
  EXPECT_EQ(complete->status, 200);
  EXPECT_FALSE(json::parse(complete->body).contains("errors"));
}

TEST_F(FakeHubSpotTest, DealCompaniesCarryPrimaryType) {
  StartFake();
  auto response = ReadAssociations("deals", "companies", {"41000000504"});
  ASSERT_TRUE(response);
  ASSERT_EQ(response->status, 200);
  json to = json::parse(response->body)["results"][0]["to"];
  ASSERT_EQ(to.size(), 2u);
  EXPECT_EQ(to[0]["toObjectId"], 31000000105);
  EXPECT_EQ(to[0]["associationTypes"][0]["typeId"], 5);
  EXPECT_EQ(to[0]["associationTypes"][0]["label"], "Primary");
  EXPECT_EQ(to[1]["toObjectId"], 31000000107);
  EXPECT_EQ(to[1]["associationTypes"].size(), 1u);
  EXPECT_EQ(to[1]["associationTypes"][0]["typeId"], 341);
}

TEST_F(FakeHubSpotTest, DerivesReverseAssociations) {
  StartFake();
  auto response = ReadAssociations("deals", "line_items", {"41000000504"});
  ASSERT_TRUE(response);
  ASSERT_EQ(response->status, 200);
  json to = json::parse(response->body)["results"][0]["to"];
  ASSERT_EQ(to.size(), 2u);
  EXPECT_EQ(to[0]["toObjectId"], 51000000703);
  EXPECT_EQ(to[1]["toObjectId"], 51000000704);
  EXPECT_EQ(to[0]["associationTypes"][0]["typeId"], 19);

  std::vector<Json> deals = fake_->Associations("companies", "deals", "31000000101");
  ASSERT_EQ(deals.size(), 2u);
  EXPECT_EQ(deals[0]["toObjectId"], 41000000501);
  EXPECT_EQ(deals[0]["associationTypes"][0]["typeId"], 6);

  auto inline_deals = Get("/crm/v3/objects/companies?limit=1&associations=deals");
  ASSERT_TRUE(inline_deals);
  json results = json::parse(inline_deals->body)["results"][0]["associations"]["deals"]["results"];
  ASSERT_EQ(results.size(), 2u);
  EXPECT_EQ(results[0], (json{{"id", "41000000501"}, {"type", "company_to_deal"}}));
}

TEST_F(FakeHubSpotTest, RejectsMoreThanThousandInputs) {
  StartFake();
  std::vector<std::string> ids(1001, "51000000701");
  auto response = ReadAssociations("line_items", "deals", ids);
  ASSERT_TRUE(response);
  EXPECT_EQ(response->status, 400);
  EXPECT_EQ(json::parse(response->body)["category"], "VALIDATION_ERROR");
}

TEST_F(FakeHubSpotTest, RateLimitReturns429WithHeaders) {
  FakeHubSpotOptions options;
  options.rate_limit = 2;
  StartFake(options);
  auto first = Get("/crm/v3/objects/products");
  ASSERT_TRUE(first);
  EXPECT_EQ(first->get_header_value("X-HubSpot-RateLimit-Max"), "2");
  EXPECT_EQ(first->get_header_value("X-HubSpot-RateLimit-Remaining"), "1");
  EXPECT_EQ(first->get_header_value("X-HubSpot-RateLimit-Interval-Milliseconds"), "10000");
  EXPECT_EQ(first->get_header_value("X-HubSpot-RateLimit-Daily"), "625000");
  EXPECT_EQ(first->get_header_value("X-HubSpot-RateLimit-Daily-Remaining"), "624999");
  ASSERT_TRUE(Get("/crm/v3/objects/products"));

  auto limited = Get("/crm/v3/objects/products");
  ASSERT_TRUE(limited);
  EXPECT_EQ(limited->status, 429);
  EXPECT_EQ(limited->get_header_value("X-HubSpot-RateLimit-Remaining"), "0");
  EXPECT_EQ(json::parse(limited->body)["policyName"], "TEN_SECONDLY_ROLLING");
}

TEST_F(FakeHubSpotTest, InjectedFaultsApplyCountTimes) {
  StartFake();
  fake_->InjectFault("/objects/deals", {FaultKind::kHttp500, 2});
  fake_->InjectFault("/objects/products", {FaultKind::kTruncatedBody, 1});
  for (int i = 0; i < 2; ++i) {
    auto failed = Get("/crm/v3/objects/deals");
    ASSERT_TRUE(failed);
    EXPECT_EQ(failed->status, 500);
  }
  auto recovered = Get("/crm/v3/objects/deals");
  ASSERT_TRUE(recovered);
  EXPECT_EQ(recovered->status, 200);

  auto truncated = Get("/crm/v3/objects/products");
  ASSERT_TRUE(truncated);
  EXPECT_EQ(truncated->status, 200);
  EXPECT_TRUE(json::parse(truncated->body, nullptr, false).is_discarded());
  EXPECT_EQ(fake_->request_count(), 4u);
}

TEST_F(FakeHubSpotTest, ScenarioOverlayChangesOneCompany) {
  FakeHubSpotOptions options;
  options.data_dirs.push_back(TestDataDir() + "/scenarios/squad_change/hubspot");
  StartFake(options);
  auto response = Get("/crm/v3/objects/companies?properties=squad");
  ASSERT_TRUE(response);
  json results = json::parse(response->body)["results"];
  ASSERT_EQ(results.size(), 8u);
  EXPECT_EQ(results[0]["properties"]["squad"], "squad_lyra");
  EXPECT_EQ(results[0]["updatedAt"], "2026-12-03T10:00:00.000Z");
  EXPECT_EQ(fake_->Records("companies")[0]["properties"]["squad"], "squad_lyra");
}

TEST_F(FakeHubSpotTest, ServesOwnersAndStaticFiles) {
  StartFake();
  auto owners = Get("/crm/v3/owners?limit=2");
  ASSERT_TRUE(owners);
  json body = json::parse(owners->body);
  EXPECT_EQ(body["results"].size(), 2u);
  EXPECT_TRUE(body.contains("paging"));

  auto pipelines = Get("/crm/v3/pipelines/deals");
  ASSERT_TRUE(pipelines);
  EXPECT_EQ(pipelines->status, 200);
  EXPECT_FALSE(json::parse(pipelines->body)["results"].empty());
}

TEST_F(FakeHubSpotTest, HistoryCapsPageAtFifty) {
  StartFake();
  auto response = Get("/crm/v3/objects/companies?limit=100&propertiesWithHistory=squad");
  ASSERT_TRUE(response);
  EXPECT_EQ(response->status, 400) << response->body;

  auto fifty = Get("/crm/v3/objects/companies?limit=50&propertiesWithHistory=squad");
  ASSERT_TRUE(fifty);
  EXPECT_EQ(fifty->status, 200) << fifty->body;
}

TEST_F(FakeHubSpotTest, HistoryFromFixtureOrCurrentValue) {
  StartFake();
  auto response = Get(
      "/crm/v3/objects/companies?limit=50&properties=squad&propertiesWithHistory=squad,domain");
  ASSERT_TRUE(response);
  ASSERT_EQ(response->status, 200) << response->body;
  json body = json::parse(response->body);
  bool found = false;
  for (const json& company : body["results"]) {
    if (company["id"] != "31000000101") continue;
    found = true;
    EXPECT_EQ(company["propertiesWithHistory"]["squad"].size(), 4u);
    ASSERT_EQ(company["propertiesWithHistory"]["domain"].size(), 1u);
    EXPECT_EQ(company["propertiesWithHistory"]["domain"][0]["value"],
              "nordlicht-logistik.example");
  }
  EXPECT_TRUE(found);

  auto plain = Get("/crm/v3/objects/companies?limit=50&properties=squad");
  ASSERT_TRUE(plain);
  EXPECT_FALSE(json::parse(plain->body)["results"][0].contains("propertiesWithHistory"));
}

}  // namespace
}  // namespace sprintetl::fakes
