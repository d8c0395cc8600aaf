#include "run_command.h"

#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>

#include "fixture_expectations.h"

namespace dsqlint::testing {

namespace fs = std::filesystem;

namespace {

std::string shell_quote(const std::string& text) {
  std::string out = "'";
  for (char c : text) {
    if (c == '\'') out += "'\\''";
    else out += c;
  }
  return out + "'";
}

}  // namespace

namespace {

/// The test process's own scratch folder, removed when the process exits.
const fs::path& scratch_root() {
  static const struct Root {
    fs::path path = fs::temp_directory_path() / ("dsqlint-test-" + std::to_string(getpid()));
    ~Root() {
      std::error_code ignored;
      fs::remove_all(path, ignored);
    }
  } root;
  return root.path;
}

}  // namespace

std::string cache_home() { return (scratch_root() / "cache-home").string(); }

std::string make_temp_dir(const std::string& name) {
  const fs::path dir = scratch_root() / name;
  fs::remove_all(dir);
  fs::create_directories(dir);
  return dir.string();
}

void write_file(const std::string& path, const std::string& content) {
  fs::create_directories(fs::path(path).parent_path());
  std::ofstream(path, std::ios::binary) << content;
}

CommandResult run_dsqlint(const std::vector<std::string>& args, const std::string& input, const std::string& workdir) {
  const std::string dir = make_temp_dir("run");
  const std::string in = dir + "/stdin", out = dir + "/stdout", err = dir + "/stderr";
  write_file(in, input);
  std::string command;
  if (!workdir.empty()) command = "cd " + shell_quote(workdir) + " && ";
  // The history cache goes to the test's scratch folder, never to the home of whoever runs the tests.
  command += "XDG_CACHE_HOME=" + shell_quote(cache_home()) + " " + shell_quote(DSQLINT_BINARY);
  for (const std::string& arg : args) command += " " + shell_quote(arg);
  command += " <" + shell_quote(in) + " >" + shell_quote(out) + " 2>" + shell_quote(err);
  const int status = std::system(command.c_str());
  CommandResult result;
  result.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  result.out = read_text_file(out);
  result.err = read_text_file(err);
  return result;
}

}  // namespace dsqlint::testing
