#include "sources/hubspot/property_catalog.h"

#include <gtest/gtest.h>

namespace sprintetl::sources {
namespace {

std::vector<PropertyInfo> Known() {
  return {{"amount", "Amount", "number", "number"},
          {"amount_in_home_currency", "Amount in company currency", "number", "number"},
          {"dealname", "Deal name", "string", "text"},
          {"dealstage", "Deal stage", "enumeration", "select"}};
}

TEST(PropertyCatalogTest, EditDistanceCounts) {
  EXPECT_EQ(EditDistance("amount", "amount"), 0u);
  EXPECT_EQ(EditDistance("ammount", "amount"), 1u);
  EXPECT_EQ(EditDistance("", "abc"), 3u);
  EXPECT_EQ(EditDistance("dealstage", "dealname"), 3u);
}

TEST(PropertyCatalogTest, CloseNamesNearestFirst) {
  EXPECT_EQ(CloseNames("ammount", Known()), std::vector<std::string>{"amount"});
  EXPECT_EQ(CloseNames("amoun", Known()),
            (std::vector<std::string>{"amount", "amount_in_home_currency"}))
      << "the second contains the name, though it is far by distance";
  EXPECT_EQ(CloseNames("deal_name", Known()),
            (std::vector<std::string>{"dealname", "dealstage"}));
  EXPECT_TRUE(CloseNames("zzzzzz", Known()).empty());
}

TEST(PropertyCatalogTest, ConfiguredNamesMustExist) {
  EXPECT_TRUE(CheckConfiguredProperties("deals", "hubspot.deal_properties",
                                        {"amount", "dealname"}, Known())
                  .ok());
  Status status = CheckConfiguredProperties("deals", "hubspot.deal_properties",
                                            {"amount", "deal_name", "zzzzzz"}, Known());
  EXPECT_EQ(status.code(), StatusCode::kInvalidArgument);
  EXPECT_NE(status.message().find("'deal_name' (did you mean 'dealname', 'dealstage'?)"),
            std::string::npos)
      << status.message();
  EXPECT_NE(status.message().find("'zzzzzz' (no similar name exists)"), std::string::npos);
  EXPECT_NE(status.message().find("sprintetl discover hubspot"), std::string::npos);
}

TEST(PropertyCatalogTest, ParseRejectsMissingResults) {
  EXPECT_EQ(ParsePropertyList(nlohmann::json::object()).status().code(), StatusCode::kDataLoss);
  auto parsed = ParsePropertyList(nlohmann::json::parse(
      R"({"results": [{"name": "amount", "label": "Amount", "type": "number",
                       "fieldType": "number"}]})"));
  ASSERT_TRUE(parsed.ok());
  ASSERT_EQ(parsed->size(), 1u);
  EXPECT_EQ((*parsed)[0].field_type, "number");
}

}  // namespace
}  // namespace sprintetl::sources
