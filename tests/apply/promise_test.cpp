// The promise of `check`: a folder it passes (`--fail-on error`, exit 0) applies as DSQL
// will run it, which `rehearse` shows on a real PostgreSQL. One data-driven loop over
// fixtures/promise/<case>/, migrations folders in the shapes real projects have (Drizzle's
// and Prisma's own output, enums, rebuilds of referenced tables, odd names), most of them
// found as a broken promise first. A case named refused-* is one check must refuse.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>

#include "apply_test_support.h"

namespace dsqlint::testing {
namespace {

namespace fs = std::filesystem;

std::vector<std::string> all_cases() {
  std::vector<std::string> out;
  for (const auto& entry : fs::directory_iterator(fs::path(DSQLINT_SOURCE_DIR) / "fixtures" / "promise"))
    if (entry.is_directory()) out.push_back(entry.path().filename().string());
  std::sort(out.begin(), out.end());
  return out;
}

class Promise : public ::testing::TestWithParam<std::string> {};

TEST_P(Promise, WhatCheckPassesRehearses) {
  const std::string folder = "fixtures/promise/" + GetParam();
  const ProcessResult check = run_dsqlint_with({"check", "--fail-on", "error", "--no-cache", folder});
  if (GetParam().starts_with("refused-")) {
    EXPECT_EQ(check.exit_code, 1) << "check must refuse " << folder << "\n" << check.output();
    return;
  }
  ASSERT_EQ(check.exit_code, 0) << check.output();
  const ProcessResult rehearsal = run_dsqlint_with({"rehearse", "--folder", folder});
  EXPECT_EQ(rehearsal.exit_code, 0) << rehearsal.output();
  EXPECT_NE(rehearsal.out.find("rehearsal: the folder applies as DSQL will run it"), std::string::npos)
      << rehearsal.output();
}

std::string case_name(const ::testing::TestParamInfo<std::string>& info) {
  std::string name = info.param;
  for (char& c : name)
    if (!std::isalnum(static_cast<unsigned char>(c))) c = '_';
  return name;
}

INSTANTIATE_TEST_SUITE_P(Fixtures, Promise, ::testing::ValuesIn(all_cases()), case_name);

}  // namespace
}  // namespace dsqlint::testing
