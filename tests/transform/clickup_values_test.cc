#include "transform/clickup_values.h"

#include <gtest/gtest.h>

namespace sprintetl::transform {
namespace {

FieldDefinition CustomerField() {
  return ParseFieldDefinition(nlohmann::json::parse(R"({
    "id": "f1", "name": "Customer", "type": "drop_down",
    "type_config": {"options": [
      {"id": "opt-a", "name": "Nordlicht Logistik GmbH", "orderindex": 0},
      {"id": "opt-b", "name": "Café Ümlaut & Söhne", "orderindex": 1}]}})"));
}

FieldDefinition ServiceField() {
  return ParseFieldDefinition(nlohmann::json::parse(R"({
    "id": "f2", "name": "Service", "type": "labels",
    "type_config": {"options": [
      {"id": "lab-seo", "label": "SEO"}, {"id": "lab-pm", "label": "Paid media"}]}})"));
}

FieldDefinition FieldOfType(const std::string& type) {
  return FieldDefinition{"f", "Field", type, {}};
}

TEST(ClickUpValuesTest, DropDownByOrderindex) {
  auto typed = TypeFieldValue(CustomerField(), 1);
  ASSERT_TRUE(typed.has_value());
  EXPECT_EQ(typed->text, "Café Ümlaut & Söhne");
  EXPECT_EQ(typed->raw, 1);
  EXPECT_TRUE(typed->unmatched_options.empty());
}

TEST(ClickUpValuesTest, DropDownByOptionId) {
  auto typed = TypeFieldValue(CustomerField(), "opt-a");
  ASSERT_TRUE(typed.has_value());
  EXPECT_EQ(typed->text, "Nordlicht Logistik GmbH");
}

TEST(ClickUpValuesTest, DeletedDropDownOptionKeptRaw) {
  auto typed = TypeFieldValue(CustomerField(), 7);
  ASSERT_TRUE(typed.has_value());
  EXPECT_FALSE(typed->text.has_value());
  EXPECT_EQ(typed->raw, 7);
  ASSERT_EQ(typed->unmatched_options.size(), 1u);
  EXPECT_EQ(typed->unmatched_options[0], "7");
}

TEST(ClickUpValuesTest, LabelsBecomeNames) {
  auto typed = TypeFieldValue(ServiceField(), nlohmann::json::array({"lab-pm", "lab-seo"}));
  ASSERT_TRUE(typed.has_value());
  ASSERT_TRUE(typed->list.has_value());
  EXPECT_EQ(*typed->list, (std::vector<std::string>{"Paid media", "SEO"}));
}

TEST(ClickUpValuesTest, EmptyValuesGiveNoRow) {
  EXPECT_FALSE(TypeFieldValue(FieldOfType("users"), nlohmann::json::array()).has_value());
  EXPECT_FALSE(TypeFieldValue(FieldOfType("short_text"), "").has_value());
  EXPECT_FALSE(TypeFieldValue(FieldOfType("formula"), nullptr).has_value());
  EXPECT_FALSE(TypeFieldValue(ServiceField(), nlohmann::json::array()).has_value());
}

TEST(ClickUpValuesTest, UsersBecomeIds) {
  auto typed = TypeFieldValue(FieldOfType("users"),
                              nlohmann::json::parse(R"([{"id": 50010003, "username": "C"}])"));
  ASSERT_TRUE(typed.has_value());
  ASSERT_TRUE(typed->list.has_value());
  EXPECT_EQ(*typed->list, std::vector<std::string>{"50010003"});
}

TEST(ClickUpValuesTest, ScalarTypes) {
  auto number = TypeFieldValue(FieldOfType("number"), "5");
  ASSERT_TRUE(number.has_value());
  EXPECT_EQ(number->number, 5.0);

  auto currency = TypeFieldValue(FieldOfType("currency"), "-150.00");
  ASSERT_TRUE(currency.has_value());
  EXPECT_EQ(currency->number, -150.0);

  auto date = TypeFieldValue(FieldOfType("date"), "1795165200000");
  ASSERT_TRUE(date.has_value());
  ASSERT_TRUE(date->at.has_value());
  EXPECT_EQ(FormatUtcMillis(*date->at), "2026-11-20T09:00:00.000Z");

  auto checkbox = TypeFieldValue(FieldOfType("checkbox"), "true");
  ASSERT_TRUE(checkbox.has_value());
  EXPECT_EQ(checkbox->boolean, true);

  auto text = TypeFieldValue(FieldOfType("short_text"), "NW-1042");
  ASSERT_TRUE(text.has_value());
  EXPECT_EQ(text->text, "NW-1042");
}

TEST(ClickUpValuesTest, OtherTypesKeepRawJson) {
  auto formula = TypeFieldValue(FieldOfType("formula"), 18.75);
  ASSERT_TRUE(formula.has_value());
  EXPECT_EQ(formula->number, 18.75);
  EXPECT_EQ(formula->raw.dump(), "18.75");

  auto progress = TypeFieldValue(FieldOfType("automatic_progress"),
                                 nlohmann::json::parse(R"({"percent_complete": 40})"));
  ASSERT_TRUE(progress.has_value());
  EXPECT_FALSE(progress->number.has_value());
  EXPECT_EQ(progress->raw.dump(), R"({"percent_complete":40})");
}

}  // namespace
}  // namespace sprintetl::transform
