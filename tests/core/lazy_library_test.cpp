// Libraries opened on first use: found functions are called, a missing library or symbol
// ends the process with exit code 2 and says what to install.
#include "core/lazy_library.h"

#include <gtest/gtest.h>

#include <cmath>

namespace dsqlint {
namespace {

TEST(LazyLibrary, FindsAFunctionOfALibraryOpenedOnFirstUse) {
  LazyLibrary libm("libm.so.6", "libc6", "testing");
  const auto cbrt_of = reinterpret_cast<double (*)(double)>(libm.symbol("cbrt"));
  EXPECT_DOUBLE_EQ(cbrt_of(27.0), 3.0);
}

TEST(LazyLibraryDeathTest, MissingLibraryExitsTwoNamingThePackage) {
  LazyLibrary missing("libdsqlint-absent.so.9", "dsqlint-absent9", "connecting to nowhere");
  EXPECT_EXIT(missing.load(), ::testing::ExitedWithCode(2),
              "dsqlint: connecting to nowhere needs libdsqlint-absent.so.9, which could not be loaded: .*"
              "install it \\(Debian: apt install dsqlint-absent9\\)");
}

TEST(LazyLibraryDeathTest, MissingSymbolExitsTwo) {
  LazyLibrary libm("libm.so.6", "libc6", "testing");
  EXPECT_EXIT(libm.symbol("no_such_function_here"), ::testing::ExitedWithCode(2), "no_such_function_here");
}

}  // namespace
}  // namespace dsqlint
