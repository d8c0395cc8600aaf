// dsqlint lambda-package: the MigrateDSQL function as a zip for Lambda's provided.al2023
// runtime. The binary is Debian's build, so it ships with the loader and libraries it runs
// with here: Amazon Linux 2023's glibc is older than Debian's.
#include <link.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zip.h>

#include <cstdio>
#include <filesystem>
#include <iostream>
#include <list>
#include <map>

#include <fmt/format.h>

#include "apply/libpq_lazy.h"
#include "apply/runner.h"
#include "aws/libcurl_lazy.h"
#include "cli/apply_command.h"
#include "cli/inputs.h"
#include "cli/lambda_command.h"
#include "plan/planner.h"
#include "plan/provider.h"

namespace dsqlint {

namespace fs = std::filesystem;

namespace {

#if defined(__aarch64__)
constexpr const char* kArchitecture = "arm64";
#else
constexpr const char* kArchitecture = "x86_64";
#endif

/// Lambda's limits for a zip uploaded directly, and for what it unzips to.
constexpr uintmax_t kZipLimit = 50u << 20, kUnzippedLimit = 250u << 20;

/// Every shared object this process runs with, by the name it was loaded under (the
/// binary's NEEDED name, e.g. libpq.so.5, not the file the symlink leads to), with the path.
/// The dynamic loader is among them.
std::map<std::string, std::string> loaded_libraries() {
  std::map<std::string, std::string> out;
  dl_iterate_phdr(
      [](dl_phdr_info* info, size_t, void* data) {
        const std::string path = info->dlpi_name ? info->dlpi_name : "";
        if (path.find('/') != std::string::npos)  // the binary itself is "", the vDSO has no path
          static_cast<std::map<std::string, std::string>*>(data)->emplace(fs::path(path).filename().string(), path);
        return 0;
      },
      &out);
  return out;
}

/// /bin/sh on provided.al2023: run the bundled dsqlint through the bundled loader, so no
/// library of the image is used; verify endpoints with the bundled CA bundle.
std::string bootstrap_script(const std::string& loader) {
  return fmt::format(R"SH(#!/bin/sh
# Written by dsqlint lambda-package. Starts dsqlint through the dynamic loader and libraries
# bundled beside it (Debian's glibc is newer than Amazon Linux 2023's).
case "$0" in */*) here="${{0%/*}}" ;; *) here=. ;; esac
here="$(cd "$here" && pwd)"
export PGSSLROOTCERT="${{PGSSLROOTCERT:-$here/certs/ca-certificates.crt}}"
export PGGSSENCMODE="${{PGGSSENCMODE:-disable}}"
exec "$here/lib/{}" --library-path "$here/lib" "$here/bin/dsqlint" lambda "$@"
)SH",
                     loader);
}

/// A zip being written to `path`.tmp, renamed over `path` when complete.
class ZipWriter {
 public:
  explicit ZipWriter(const std::string& path) : path_(path), temp_(path + ".tmp") {
    int error = 0;
    zip_ = zip_open(temp_.c_str(), ZIP_CREATE | ZIP_TRUNCATE, &error);
    if (!zip_) {
      zip_error_t detail;
      zip_error_init_with_code(&detail, error);
      problem_ = temp_ + ": " + zip_error_strerror(&detail);
      zip_error_fini(&detail);
    }
  }
  ~ZipWriter() {
    if (zip_) zip_discard(zip_);
    std::remove(temp_.c_str());
  }

  /// Adds the file at `source` (symlinks followed) as `name`, with Unix `mode`.
  void add_file(const std::string& name, const std::string& source, mode_t mode) {
    if (!zip_ || !problem_.empty()) return;
    std::error_code error;
    const uintmax_t size = fs::file_size(source, error);
    if (error) {
      problem_ = "cannot read " + source + ": " + error.message();
      return;
    }
    add(name, zip_source_file(zip_, source.c_str(), 0, -1), mode);
    unzipped_ += size;
  }
  void add_text(const std::string& name, std::string text, mode_t mode) {
    if (!zip_ || !problem_.empty()) return;
    texts_.push_back(std::move(text));  // libzip reads the buffer when the archive is closed
    add(name, zip_source_buffer(zip_, texts_.back().data(), texts_.back().size(), 0), mode);
    unzipped_ += texts_.back().size();
  }
  Result<uintmax_t> finish() {
    if (!problem_.empty()) return Error{problem_};
    if (zip_close(zip_) != 0) return Error{temp_ + ": " + zip_strerror(zip_)};
    zip_ = nullptr;
    std::error_code error;
    fs::rename(temp_, path_, error);
    if (error) return Error{"cannot write " + path_ + ": " + error.message()};
    return unzipped_;
  }

 private:
  void add(const std::string& name, zip_source_t* source, mode_t mode) {
    const zip_int64_t index = source ? zip_file_add(zip_, name.c_str(), source, ZIP_FL_ENC_UTF_8 | ZIP_FL_OVERWRITE) : -1;
    if (index < 0) {
      if (source) zip_source_free(source);
      problem_ = name + ": " + zip_strerror(zip_);
      return;
    }
    // Made on Unix with the file's mode: Lambda runs bootstrap only if it is executable.
    zip_file_set_external_attributes(zip_, index, 0, ZIP_OPSYS_UNIX, static_cast<zip_uint32_t>(S_IFREG | mode) << 16);
  }

  std::string path_, temp_, problem_;
  zip_t* zip_ = nullptr;
  std::list<std::string> texts_;  // stable addresses
  uintmax_t unzipped_ = 0;
};

std::string self_binary() {
  std::error_code error;
  const fs::path self = fs::read_symlink("/proc/self/exe", error);
  return error ? "" : self.string();
}

}  // namespace

int run_lambda_package(const std::string& folder, const std::string& output) {
  const auto fail = [](const std::string& message) {
    std::cerr << "dsqlint: " << message << "\n";
    return static_cast<int>(ApplyExit::kUsage);
  };
  // A folder that cannot be planned would only fail in Lambda's init: refuse it here.
  auto plan = plan_folder(folder, Provider::AuroraDsql);
  if (!plan) return fail(plan.error().message);
  size_t refused = 0;
  for (const FilePlan& file : plan->files) refused += refuses(file) ? 1 : 0;
  if (refused)
    std::cerr << fmt::format("dsqlint: warning: apply on aurora-dsql would refuse {} of the {} files: run 'dsqlint plan "
                             "--folder {} --provider aurora-dsql'\n", refused, plan->files.size(), folder);

  const std::string binary = self_binary();
  // The function connects and makes HTTP requests: open what it will open, so it is bundled.
  libpq_library().load();
  libcurl_library().load();
  const auto libraries = loaded_libraries();
  std::string loader;
  for (const auto& [name, path] : libraries)
    if (name.rfind("ld-linux", 0) == 0) loader = name;
  if (binary.empty() || loader.empty() || fs::path(binary).filename().string().rfind("ld-", 0) == 0)
    return fail("cannot tell this binary's path or its dynamic loader: run lambda-package from an installed "
                "dsqlint, not from a package");
  std::string roots = std::getenv("PGSSLROOTCERT") ? std::getenv("PGSSLROOTCERT") : "";
  if (roots.empty()) roots = "/etc/ssl/certs/ca-certificates.crt";
  if (::access(roots.c_str(), R_OK) != 0)
    return fail("cannot read the CA bundle " + roots + " to ship: install ca-certificates, or set PGSSLROOTCERT");

  ZipWriter zip(output);
  zip.add_text("bootstrap", bootstrap_script(loader), 0755);
  zip.add_file("bin/dsqlint", binary, 0755);
  for (const auto& [name, path] : libraries) zip.add_file("lib/" + name, path, 0755);
  zip.add_file("certs/ca-certificates.crt", roots, 0644);
  size_t migrations = 0;
  std::error_code error;
  for (auto it = fs::recursive_directory_iterator(folder, error); !error && it != fs::recursive_directory_iterator();
       it.increment(error)) {
    const std::string relative = fs::relative(it->path(), folder).generic_string();
    if (it->path().filename().string().front() == '.') {  // .git, editor files
      if (it->is_directory()) it.disable_recursion_pending();
      continue;
    }
    if (!it->is_regular_file()) continue;
    zip.add_file("migrations/" + relative, it->path().string(), 0644);
    ++migrations;
  }
  if (error) return fail("cannot read " + folder + ": " + error.message());
  const auto unzipped = zip.finish();
  if (!unzipped) return fail("cannot write the package: " + unzipped.error().message);
  const uintmax_t size = fs::file_size(output);
  std::cout << fmt::format("wrote {}: bootstrap, dsqlint, {} libraries (loader {}), {} files of {} ({:.1f} MB, {:.1f} MB "
                           "unzipped)\n", output, libraries.size(), loader, migrations, folder,
                           static_cast<double>(size) / (1 << 20), static_cast<double>(*unzipped) / (1 << 20));
  if (size > kZipLimit || *unzipped > kUnzippedLimit)
    std::cerr << "dsqlint: warning: larger than Lambda takes in a direct upload (50 MB zipped, 250 MB unzipped): "
                 "upload it through S3, or as a container image\n";
  std::cout << "deploy: runtime provided.al2023, architecture " << kArchitecture
            << ", handler unused (any value), timeout 900 s; environment DSQL_ENDPOINT (or DATABASE_URL) and "
               "DSQLINT_PROVIDER if it cannot be inferred\n";
  return 0;
}

}  // namespace dsqlint
