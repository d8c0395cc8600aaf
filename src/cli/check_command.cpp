#include "cli/check_command.h"

#include <atomic>
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

bool has_input_error(const std::vector<FileResult>& files) {
  for (const FileResult& file : files)
    for (const FileError& error : file.errors)
      if (error.kind != "parse") return true;
  return false;
}

bool fails(const std::vector<FileResult>& files, std::optional<Severity> threshold) {
  if (!threshold) return false;
  for (const FileResult& file : files)
    for (const StatementResult& statement : file.statements)
      for (const Finding& finding : statement.findings)
        if (finding.severity >= *threshold) return true;
  return false;
}

/// Input errors go to stderr too, so they are seen whatever the format and destination.
void print_input_errors(const std::vector<FileResult>& files) {
  for (const FileResult& file : files)
    for (const FileError& error : file.errors)
      if (error.kind != "parse") {
        const bool named = error.message.starts_with(file.source.path + ":");
        std::cerr << "dsqlint: " << (named ? "" : file.source.path + ": ") << error.message << "\n";
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

std::vector<FileResult> check_inputs(const std::vector<std::string>& paths, const std::string& stdin_filename,
                                     const TargetProfile& target, unsigned jobs) {
  const std::vector<InputFile> inputs = collect_inputs(paths, stdin_filename);
  std::vector<FileResult> results(inputs.size());
  std::atomic<size_t> next{0};
  auto worker = [&] {
    for (size_t i = next++; i < inputs.size(); i = next++) results[i] = check_one(inputs[i], target);
  };
  std::vector<std::thread> threads;
  for (unsigned t = 1; t < std::min<size_t>(jobs, inputs.size()); ++t) threads.emplace_back(worker);
  worker();
  for (std::thread& thread : threads) thread.join();
  return results;
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
  const std::vector<std::string> paths = options.paths.empty() ? std::vector<std::string>{"migrations"} : options.paths;
  const std::vector<FileResult> files = check_inputs(paths, options.stdin_filename, *target, std::max(1u, options.jobs));
  Report report{target->name, files, {}};
  for (const FileResult& file : files) report.summary.add(file);
  std::string out;
  reporter->write(report, out);
  if (options.output.empty()) {
    std::fwrite(out.data(), 1, out.size(), stdout);
  } else {
    std::ofstream file(options.output, std::ios::binary);
    if (!(file << out)) {
      std::cerr << "dsqlint: cannot write " << options.output << "\n";
      return ExitCode::kUsage;
    }
  }
  std::fflush(stdout);  // the report first, then the summary of input errors
  print_input_errors(files);
  if (has_input_error(files)) return ExitCode::kUsage;
  return fails(files, threshold) ? ExitCode::kFindings : ExitCode::kClean;
}

}  // namespace dsqlint
