#include "cli/report_outputs.h"

#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <set>

#include "cli/suggest.h"

namespace dsqlint {

namespace {

struct Destination {
  const Reporter* reporter;
  std::string path;  ///< empty: standard output
  bool bare = false; ///< FMT without =FILE: --output may name its file
};

Result<const Reporter*> reporter_named(std::string_view name) {
  if (const Reporter* reporter = find_reporter(name)) return reporter;
  std::vector<std::string_view> names;
  for (const Reporter& reporter : reporters()) names.push_back(reporter.name);
  std::string message = "unknown format '" + std::string(name) + "'";
  if (const auto near = closest(name, names)) message += "; did you mean '" + std::string(*near) + "'?";
  return Error{message + " (formats: " + reporter_names() + ")"};
}

/// FMT[=FILE] values and --output, checked: one report at most on standard output, no
/// file named twice, --output only with a single FMT that names no file.
Result<std::vector<Destination>> destinations(const std::vector<std::string>& formats, const std::string& output) {
  const std::vector<std::string> values = formats.empty() ? std::vector<std::string>{"text"} : formats;
  std::vector<Destination> out;
  size_t bare = 0;
  for (const std::string& value : values) {
    const size_t equals = value.find('=');
    auto reporter = reporter_named(std::string_view(value).substr(0, equals));
    if (!reporter) return reporter.error();
    std::string path = equals == std::string::npos ? "" : value.substr(equals + 1);
    if (equals != std::string::npos && path.empty()) return Error{"--format " + value + ": no file name after '='"};
    const bool is_bare = equals == std::string::npos;
    bare += is_bare;
    out.push_back({*reporter, path == "-" ? "" : path, is_bare});
  }
  if (!output.empty()) {
    if (bare != 1) return Error{"--output names the file of a single --format; with several, write --format FMT=FILE"};
    for (Destination& destination : out)
      if (destination.bare) destination.path = output == "-" ? "" : output;
  }
  std::set<std::string> seen;
  for (const Destination& destination : out) {
    if (!seen.insert(destination.path).second)
      return Error{destination.path.empty() ? "only one report can go to standard output; write --format FMT=FILE"
                                            : "two reports would go to " + destination.path};
  }
  return out;
}

}  // namespace

bool use_color(std::string_view mode, std::FILE* sink) {
  if (mode == "always") return true;
  if (mode == "never") return false;
  auto set = [](const char* name) {
    const char* value = std::getenv(name);
    return value != nullptr && *value != '\0' && std::strcmp(value, "0") != 0;
  };
  if (const char* no_color = std::getenv("NO_COLOR"); no_color != nullptr && *no_color != '\0') return false;
  if (set("FORCE_COLOR") || set("CLICOLOR_FORCE")) return true;
  if (const char* term = std::getenv("TERM"); term != nullptr && std::strcmp(term, "dumb") == 0) return false;
  return isatty(fileno(sink)) != 0;
}

Result<ReportOutputs> ReportOutputs::open(const std::vector<std::string>& formats, const std::string& output,
                                          const std::string& color, std::string_view target) {
  if (color != "auto" && color != "always" && color != "never") return Error{"--color must be auto, always or never"};
  auto wanted = destinations(formats, output);
  if (!wanted) return wanted.error();
  ReportOutputs outputs;
  for (const Destination& destination : *wanted) {
    Output& out = outputs.outputs_.emplace_back();
    out.reporter = destination.reporter;
    out.path = destination.path;
    out.sink = out.path.empty() ? stdout : std::fopen(out.path.c_str(), "wb");
    if (!out.sink) return Error{"cannot write " + out.path + ": " + std::strerror(errno)};
    out.state.target = target;
    out.state.color = out.reporter->colors && use_color(color, out.sink);
  }
  return outputs;
}

ReportOutputs::~ReportOutputs() {
  for (Output& output : outputs_)
    if (output.sink && output.sink != stdout) std::fclose(output.sink);
}

void ReportOutputs::flush(Output& output) {
  // Straight to the descriptor: through stdio each flush was two writes (stdio's own
  // 4 KiB buffer filled first, then the rest), and this buffer is the only one needed.
  std::fflush(output.sink);
  const char* data = output.buffer.data();
  size_t left = output.buffer.size();
  while (left > 0 && !output.write_failed) {
    const ssize_t written = ::write(fileno(output.sink), data, left);
    if (written < 0 && errno == EINTR) continue;
    if (written <= 0) output.write_failed = true;
    else data += written, left -= static_cast<size_t>(written);
  }
  output.buffer.clear();
}

void ReportOutputs::begin() {
  for (Output& output : outputs_) output.reporter->begin(output.state, output.buffer);
}

void ReportOutputs::file(const FileResult& file) {
  // Each report is written file by file, so memory stays flat however many files there are.
  for (Output& output : outputs_) {
    output.reporter->file(output.state, file, output.buffer);
    ++output.state.files_written;
    if (output.buffer.size() > (1u << 16)) flush(output);
  }
}

void ReportOutputs::end(const Summary& summary) {
  for (Output& output : outputs_) output.reporter->end(output.state, summary, output.buffer);
}

std::string ReportOutputs::finish() {
  std::string problems;
  for (Output& output : outputs_) {
    flush(output);
    bool written = !output.write_failed && std::fflush(output.sink) == 0 && !std::ferror(output.sink);
    if (output.sink != stdout) written = std::fclose(output.sink) == 0 && written;
    output.sink = nullptr;
    if (!written)
      problems += "dsqlint: cannot write the report to " + (output.path.empty() ? "standard output" : output.path) + "\n";
  }
  return problems;
}

}  // namespace dsqlint
