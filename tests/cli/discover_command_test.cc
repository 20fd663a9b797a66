#include "cli/discover_command.h"

#include <gtest/gtest.h>

#include "fakes/fake_hubspot.h"
#include "sources/hubspot/hubspot_extractor.h"

namespace sprintetl::cli {
namespace {

TEST(DiscoverCommandTest, ListsPropertiesOfEveryObject) {
  fakes::FakeHubSpot fake;
  ASSERT_NE(fake.Start(), 0);
  config::HubSpot config;
  config.base_url = fake.base_url();
  config.company_properties = {"name", "services"};
  config.custom_objects = {"p1234567_squad"};
  http::HttpClient client(sources::HubSpotClientOptions(config, "pat-test-hubspot"));

  auto objects = DiscoverHubSpot(config, client);
  ASSERT_TRUE(objects.ok()) << objects.status().ToString();
  ASSERT_EQ(objects->size(), 5u);
  EXPECT_EQ((*objects)[4].object_type, "p1234567_squad");
  for (const auto& request : fake.requests()) EXPECT_EQ(request.method, "GET");

  std::string table = FormatPropertyTable(*objects);
  EXPECT_EQ(table.rfind("object ", 0), 0u) << "the header comes first";
  // Each column is padded, so one line's words are separated by spaces only.
  auto line_with = [&](const std::string& start) {
    size_t at = table.find("\n" + start);
    return at == std::string::npos ? std::string()
                                   : table.substr(at + 1, table.find('\n', at + 1) - at - 1);
  };
  std::string services = line_with("companies       services ");
  EXPECT_NE(services.find(" enumeration "), std::string::npos) << table;
  EXPECT_NE(services.find(" checkbox "), std::string::npos);
  EXPECT_NE(services.find(" yes "), std::string::npos);
  std::string amount = line_with("deals           amount ");
  EXPECT_NE(amount.find(" number "), std::string::npos) << table;
  EXPECT_EQ(amount.find(" yes "), std::string::npos) << "amount is not configured";
}

TEST(DiscoverCommandTest, WrongTokenFails) {
  fakes::FakeHubSpot fake;
  ASSERT_NE(fake.Start(), 0);
  config::HubSpot config;
  config.base_url = fake.base_url();
  http::HttpClient client(sources::HubSpotClientOptions(config, "pat-wrong"));

  auto objects = DiscoverHubSpot(config, client);
  ASSERT_FALSE(objects.ok());
  EXPECT_EQ(objects.status().code(), StatusCode::kUnauthenticated);
}

TEST(DiscoverCommandTest, TablePadsColumns) {
  std::vector<DiscoveredObject> objects = {
      {"deals", {{"amount", "Amount", "number", "number"}}, {"amount"}}};
  EXPECT_EQ(FormatPropertyTable(objects),
            "object  property  type    field_type  configured  label\n"
            "deals   amount    number  number      yes         Amount\n");
}

}  // namespace
}  // namespace sprintetl::cli
