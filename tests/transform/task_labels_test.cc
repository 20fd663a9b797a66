#include "transform/task_labels.h"

#include <gtest/gtest.h>

#include "transform/landing_builder.h"

namespace sprintetl::transform {
namespace {

TEST(TaskLabelsTest, StatusLabelFromConfig) {
  auto labeler = TaskLabeler::Create(testing::DemoConfig().clickup);
  ASSERT_TRUE(labeler.ok()) << labeler.status().ToString();
  EXPECT_EQ(labeler->StatusLabel("review"), "In review");
  EXPECT_EQ(labeler->StatusLabel("IN PROGRESS"), "In progress")
      << "keys compare case-insensitively";
  EXPECT_EQ(labeler->StatusLabel("blocked"), "blocked") << "an unknown status stays itself";
}

TEST(TaskLabelsTest, FirstMatchingRuleWins) {
  config::ClickUp clickup;
  clickup.default_category = "feature";
  clickup.category_rules = {
      {"bug", "bug", "", ""},
      {"bug", "", "", R"((?:^|\W)(fix|bug|hotfix)(?:\W|$))"},
      {"done-chore", "chore", "closed", ""},
      {"maintenance", "maintenance", "", ""},
  };
  auto labeler = TaskLabeler::Create(clickup);
  ASSERT_TRUE(labeler.ok()) << labeler.status().ToString();

  struct Case {
    TaskTraits task;
    const char* expected;
  };
  const Case cases[] = {
      {{"Export invoices", "in progress", "custom", {"BUG"}}, "bug"},
      {{"Fix tz off-by-one in due dates", "in progress", "custom", {}}, "bug"},
      {{"Prefix handling", "in progress", "custom", {}}, "feature"},
      {{"Tidy", "closed", "closed", {"chore"}}, "done-chore"},
      {{"Tidy", "review", "custom", {"chore"}}, "feature"},
      {{"Rotate token", "done", "done", {"maintenance"}}, "maintenance"},
  };
  for (const Case& c : cases) EXPECT_EQ(labeler->Category(c.task), c.expected) << c.task.name;
}

TEST(TaskLabelsTest, InvalidRegexRejected) {
  config::ClickUp clickup;
  clickup.category_rules = {{"bug", "", "", "(unclosed"}};
  auto labeler = TaskLabeler::Create(clickup);
  ASSERT_FALSE(labeler.ok());
  EXPECT_EQ(labeler.status().code(), StatusCode::kInvalidArgument);
}

}  // namespace
}  // namespace sprintetl::transform
