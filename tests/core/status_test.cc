#include "core/status.h"

#include <gtest/gtest.h>

namespace sprintetl {
namespace {

Result<int> ParsePositive(int value) {
  if (value <= 0) return InvalidArgument("value must be positive, got " + std::to_string(value));
  return value;
}

Status Twice(int value, int* out) {
  SPRINTETL_ASSIGN_OR_RETURN(int parsed, ParsePositive(value));
  *out = parsed * 2;
  return Status::Ok();
}

TEST(StatusTest, OkHasNoMessage) {
  Status status;
  EXPECT_TRUE(status.ok());
  EXPECT_EQ(status.ToString(), "OK");
}

TEST(StatusTest, WithContextPrefixesMessage) {
  Status status = NotFound("list 901 does not exist").WithContext("clickup");
  EXPECT_EQ(status.code(), StatusCode::kNotFound);
  EXPECT_EQ(status.ToString(), "not found: clickup: list 901 does not exist");
}

TEST(StatusTest, AssignOrReturnPropagatesError) {
  int out = 0;
  Status failed = Twice(-1, &out);
  EXPECT_EQ(failed.code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(out, 0);

  EXPECT_TRUE(Twice(21, &out).ok());
  EXPECT_EQ(out, 42);
}

}  // namespace
}  // namespace sprintetl
