#include "cli/check_command.h"

#include <atomic>
#include <cerrno>
#include <condition_variable>
#include <cstring>
#include <mutex>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <thread>

#include "cli/inputs.h"
#include "lint/linter.h"
#include "report/reporter.h"

namespace dsqlint {

namespace {

FileResult check_one(const InputFile& input, const TargetProfile& target) {
  if (!input.problem.empty())
    return unreadable_file(make_source(input.display_path, ""), FileError{"io", input.problem, std::nullopt});
  auto bytes = read_file_bytes(input.path);
  if (!bytes) return unreadable_file(make_source(input.display_path, ""), FileError{"io", bytes.error().message, std::nullopt});
  SourceFile source = make_source(input.display_path, std::move(*bytes));
  if (const auto problem = validate_source(source)) {
    const std::string kind = problem->kind == InputErrorKind::Encoding ? "encoding" : "io";
    const std::optional<Span> where =
        problem->kind == InputErrorKind::Encoding ? std::optional(Span{problem->offset, problem->offset}) : std::nullopt;
    return unreadable_file(std::move(source), FileError{kind, problem->message, where});
  }
  return lint_file(std::move(source), target);
}

bool fails(const FileResult& file, std::optional<Severity> threshold) {
  if (!threshold) return false;
  for (const StatementResult& statement : file.statements)
    for (const Finding& finding : statement.findings)
      if (finding.severity >= *threshold) return true;
  return false;
}

/// Input errors, named by file, for stderr: seen whatever the format and destination.
void collect_input_errors(const FileResult& file, std::string& out) {
  for (const FileError& error : file.errors) {
    if (error.kind == "parse") continue;
    const bool named = error.message.starts_with(file.source.path + ":");
    out += "dsqlint: " + (named ? "" : file.source.path + ": ") + error.message + "\n";
  }
}

}  // namespace

std::optional<Severity> parse_fail_on(const std::string& text, bool& valid) {
  valid = true;
  if (text == "info") return Severity::Info;
  if (text == "warning") return Severity::Warning;
  if (text == "error") return Severity::Error;
  valid = text == "never";
  return std::nullopt;
}

void check_inputs(const std::vector<std::string>& paths, const std::string& stdin_filename,
                  const TargetProfile& target, unsigned jobs, const std::function<void(FileResult&&)>& consume) {
  const std::vector<InputFile> inputs = collect_inputs(paths, stdin_filename);
  if (jobs <= 1) {
    for (const InputFile& input : inputs) consume(check_one(input, target));
    return;
  }
  std::vector<std::optional<FileResult>> slots(inputs.size());
  std::mutex mutex;
  std::condition_variable ready;
  std::atomic<size_t> next{0};
  auto worker = [&] {
    for (size_t i = next++; i < inputs.size(); i = next++) {
      FileResult result = check_one(inputs[i], target);
      std::lock_guard lock(mutex);
      slots[i] = std::move(result);
      ready.notify_all();
    }
  };
  std::vector<std::thread> threads;
  for (unsigned t = 0; t < std::min<size_t>(jobs, inputs.size()); ++t) threads.emplace_back(worker);
  for (size_t i = 0; i < inputs.size(); ++i) {
    std::unique_lock lock(mutex);
    ready.wait(lock, [&] { return slots[i].has_value(); });
    FileResult result = std::move(*slots[i]);
    slots[i].reset();
    lock.unlock();
    consume(std::move(result));
  }
  for (std::thread& thread : threads) thread.join();
}

ExitCode run_check(const CheckOptions& options) {
  const auto target = parse_target(options.target);
  if (!target) {
    std::cerr << "dsqlint: " << target.error().message << "\n";
    return ExitCode::kUsage;
  }
  bool valid_fail_on = false;
  const auto threshold = parse_fail_on(options.fail_on, valid_fail_on);
  const Reporter* reporter = find_reporter(options.format);
  if (!valid_fail_on || !reporter) {
    std::cerr << "dsqlint: " << (reporter ? "--fail-on must be info, warning, error or never" : "unknown format '" + options.format + "'") << "\n";
    return ExitCode::kUsage;
  }
  std::FILE* sink = stdout;
  if (!options.output.empty() && !(sink = std::fopen(options.output.c_str(), "wb"))) {
    std::cerr << "dsqlint: cannot write " << options.output << ": " << std::strerror(errno) << "\n";
    return ExitCode::kUsage;
  }
  // The report is written file by file, so memory stays flat however many files there are.
  std::string out, input_errors;
  auto flush = [&] {
    std::fwrite(out.data(), 1, out.size(), sink);
    out.clear();
  };
  ReportState state{target->name};
  Summary summary;
  bool failed = false;
  reporter->begin(state, out);
  const std::vector<std::string> paths = options.paths.empty() ? std::vector<std::string>{"migrations"} : options.paths;
  check_inputs(paths, options.stdin_filename, *target, std::max(1u, options.jobs), [&](FileResult&& file) {
    summary.add(file);
    failed = failed || fails(file, threshold);
    collect_input_errors(file, input_errors);
    reporter->file(state, file, out);
    ++state.files_written;
    if (out.size() > (1u << 20)) flush();
  });
  reporter->end(state, summary, out);
  flush();
  const bool written = std::fflush(sink) == 0 && !std::ferror(sink);
  if (sink != stdout) std::fclose(sink);
  std::cerr << input_errors;
  if (!written) {
    std::cerr << "dsqlint: cannot write the report to " << (options.output.empty() ? "standard output" : options.output) << "\n";
    return ExitCode::kUsage;
  }
  if (!input_errors.empty()) return ExitCode::kUsage;
  return failed ? ExitCode::kFindings : ExitCode::kClean;
}

}  // namespace dsqlint
