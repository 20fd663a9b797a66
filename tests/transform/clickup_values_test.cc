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

TEST(ClickUpValuesTest, DropDownKeepsOptionId) {
  auto typed = TypeFieldValue(CustomerField(), 0);
  ASSERT_TRUE(typed.has_value());
  ASSERT_TRUE(typed->list.has_value());
  EXPECT_EQ(*typed->list, std::vector<std::string>{"opt-a"});
}

TEST(ClickUpValuesTest, FormulaNumberOrText) {
  auto number = TypeFieldValue(FieldOfType("formula"), 18.75);
  ASSERT_TRUE(number.has_value());
  EXPECT_EQ(number->number, 18.75);
  EXPECT_EQ(number->raw.dump(), "18.75");
  EXPECT_FALSE(number->wrong_shape);

  auto text = TypeFieldValue(FieldOfType("formula"), "late");
  ASSERT_TRUE(text.has_value());
  EXPECT_EQ(text->text, "late");
  EXPECT_FALSE(text->number.has_value());
}

TEST(ClickUpValuesTest, ProgressBecomesPercent) {
  auto automatic = TypeFieldValue(FieldOfType("automatic_progress"),
                                  nlohmann::json::parse(R"({"percent_complete": 40})"));
  ASSERT_TRUE(automatic.has_value());
  EXPECT_EQ(automatic->number, 40.0);
  EXPECT_EQ(automatic->raw.dump(), R"({"percent_complete":40})");

  auto manual = TypeFieldValue(FieldOfType("manual_progress"),
                               nlohmann::json::parse(R"({"percent_complete": 25, "current": 5})"));
  ASSERT_TRUE(manual.has_value());
  EXPECT_EQ(manual->number, 25.0);
}

TEST(ClickUpValuesTest, RatingTasksAndLocation) {
  auto rating = TypeFieldValue(FieldOfType("emoji"), 4);
  ASSERT_TRUE(rating.has_value());
  EXPECT_EQ(rating->number, 4.0);

  auto tasks = TypeFieldValue(FieldOfType("tasks"),
                              nlohmann::json::parse(R"([{"id": "86c0a1b02", "name": "x"}, "9z"])"));
  ASSERT_TRUE(tasks.has_value());
  ASSERT_TRUE(tasks->list.has_value());
  EXPECT_EQ(*tasks->list, (std::vector<std::string>{"86c0a1b02", "9z"}));

  auto location = TypeFieldValue(FieldOfType("location"), nlohmann::json::parse(R"(
    {"location": {"lat": 52.52, "lng": 13.40}, "formatted_address": "Alexanderplatz, Berlin"})"));
  ASSERT_TRUE(location.has_value());
  EXPECT_EQ(location->text, "Alexanderplatz, Berlin");
}

TEST(ClickUpValuesTest, TextTypesAllTyped) {
  for (const char* type : {"text", "email", "url", "phone"}) {
    auto typed = TypeFieldValue(FieldOfType(type), "value");
    ASSERT_TRUE(typed.has_value()) << type;
    EXPECT_EQ(typed->text, "value") << type;
  }
}

TEST(ClickUpValuesTest, UnknownTypeKeptRawAndFlagged) {
  auto typed = TypeFieldValue(FieldOfType("attachment"),
                              nlohmann::json::parse(R"([{"id": "att1"}])"));
  ASSERT_TRUE(typed.has_value());
  EXPECT_TRUE(typed->unknown_type);
  EXPECT_FALSE(typed->number.has_value());
  EXPECT_EQ(typed->raw.dump(), R"([{"id":"att1"}])");
}

TEST(ClickUpValuesTest, WrongShapeKeptRawAndFlagged) {
  auto checkbox = TypeFieldValue(FieldOfType("checkbox"), "maybe");
  ASSERT_TRUE(checkbox.has_value());
  EXPECT_TRUE(checkbox->wrong_shape);
  EXPECT_FALSE(checkbox->boolean.has_value());

  auto number = TypeFieldValue(FieldOfType("number"), nlohmann::json::parse(R"({"n": 1})"));
  ASSERT_TRUE(number.has_value());
  EXPECT_TRUE(number->wrong_shape);

  auto text = TypeFieldValue(FieldOfType("short_text"), 12);
  ASSERT_TRUE(text.has_value());
  EXPECT_TRUE(text->wrong_shape);
  EXPECT_EQ(text->raw, 12);
}

}  // namespace
}  // namespace sprintetl::transform
