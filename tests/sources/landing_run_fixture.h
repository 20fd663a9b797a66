// A test fixture that gives each test a landing run folder "r1" of its own,
// under a new temporary root that is removed after the test.
#pragma once

#include <gtest/gtest.h>

#include <filesystem>
#include <memory>
#include <random>
#include <string>

#include "landing/run_folder.h"

namespace sprintetl::testing {

class LandingRunFixture : public ::testing::Test {
 protected:
  void SetUp() override {
    root_ = std::filesystem::temp_directory_path() /
            ("sprintetl-landing-" + std::to_string(std::random_device{}()));
    auto run = landing::RunFolder::Create(root_.string(), "r1");
    ASSERT_TRUE(run.ok()) << run.status().ToString();
    run_ = std::make_unique<landing::RunFolder>(std::move(run).value());
  }

  void TearDown() override { std::filesystem::remove_all(root_); }

  std::filesystem::path root_;
  std::unique_ptr<landing::RunFolder> run_;
};

}  // namespace sprintetl::testing
