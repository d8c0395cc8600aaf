#pragma once
#include <string>
#include <vector>

namespace dsqlint::testing {

struct CommandResult {
  int exit_code = -1;
  std::string out;
  std::string err;
};

/// Runs the built dsqlint binary with `args` (each shell-quoted), optional stdin text.
CommandResult run_dsqlint(const std::vector<std::string>& args, const std::string& input = "",
                          const std::string& workdir = "");

/// XDG_CACHE_HOME of every dsqlint that run_dsqlint starts: the default history cache is
/// `cache_home() + "/dsqlint"`.
std::string cache_home();

/// A fresh empty directory under the test temp dir.
std::string make_temp_dir(const std::string& name);

void write_file(const std::string& path, const std::string& content);

}  // namespace dsqlint::testing
