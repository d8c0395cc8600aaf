#include "cli/check_command.h"

#include <atomic>
#include <map>
#include <memory>
#include <set>
#include <condition_variable>
#include <mutex>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <thread>

#include "cli/check_plan.h"
#include "cli/file_settings.h"
#include "cli/inputs.h"
#include "lint/baseline.h"
#include "lint/linter.h"
#include "lint/replay.h"
#include "lint/suppressions.h"
#include "cli/report_outputs.h"
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
  return lint_statements(std::move(source), target);
}

/// Input errors, named by file, for stderr: seen whatever the format and destination.
void collect_input_errors(const FileResult& file, std::string& out) {
  for (const FileError& error : file.errors) {
    if (error.kind == "parse") continue;
    const bool named = error.message.starts_with(file.source.path + ":");
    out += "dsqlint: " + (named ? "" : file.source.path + ": ") + error.message + "\n";
  }
}

/// What the history cache does for one check: the inputs a cached catalog replaces, and
/// after which input to store a catalog the cache did not hold (with its key).
struct CachedHistory {
  std::set<size_t> replaced;
  std::map<size_t, std::string> store_after;
};

/// For each catalog, the history before its first reported input: loaded from the cache
/// into `history` when the cache holds it, else marked to be stored once replayed.
CachedHistory use_cache(HistoryCache& cache, const std::vector<PlannedInput>& inputs, size_t catalogs,
                        const std::vector<FileSettings>& settings, std::vector<Catalog>& history) {
  CachedHistory out;
  for (size_t c = 0; c < catalogs; ++c) {
    std::vector<size_t> prefix;
    std::vector<HistoryEntry> entries;
    for (size_t i = 0; i < inputs.size(); ++i) {
      if (inputs[i].catalog != c) continue;
      if (inputs[i].reported) break;
      prefix.push_back(i);
      entries.push_back({inputs[i].input.path, inputs[i].input.display_path, settings[i].target.name});
    }
    if (prefix.empty()) continue;
    const auto key = cache.key(entries);
    if (!key) continue;
    if (auto loaded = cache.load(*key)) {
      history[c] = std::move(*loaded);
      out.replaced.insert(prefix.begin(), prefix.end());
    } else {
      out.store_after[prefix.back()] = *key;
    }
  }
  cache.save_hashes();
  return out;
}

/// The first input the report shows, or 0 when none is (its settings name the target).
size_t first_reported(const CheckPlan& plan) {
  for (size_t i = 0; i < plan.inputs.size(); ++i)
    if (plan.inputs[i].reported) return i;
  return 0;
}

}  // namespace

void check_planned(const std::vector<PlannedInput>& inputs, size_t catalogs, const std::vector<FileSettings>& settings,
                   unsigned jobs, const std::function<void(FileResult&&, const FileSettings&)>& consume,
                   HistoryCache* cache) {
  // Files are linted in parallel; each catalog is replayed in plan (apply) order.
  std::vector<Catalog> history(catalogs);
  const CachedHistory cached = cache ? use_cache(*cache, inputs, catalogs, settings, history) : CachedHistory{};
  std::vector<size_t> order;  // the inputs to lint: all but the history a cached catalog replaces
  for (size_t i = 0; i < inputs.size(); ++i)
    if (!cached.replaced.contains(i)) order.push_back(i);
  auto finish = [&](FileResult&& result, size_t i) {
    replay(history[inputs[i].catalog], result, settings[i].target);
    if (const auto it = cached.store_after.find(i); it != cached.store_after.end())
      cache->store(it->second, history[inputs[i].catalog]);
    if (!inputs[i].reported) return;
    apply_suppressions(result);
    if (settings[i].config) apply_rule_settings(result, *settings[i].config);
    consume(std::move(result), settings[i]);
  };
  if (jobs <= 1 || order.size() <= 1) {  // one file (an editor's save): no thread to start
    for (const size_t i : order) finish(check_one(inputs[i].input, settings[i].target), i);
    return;
  }
  // Workers lint files ahead; this thread replays and reports them in order and, rather
  // than sleep while the next file is not ready, lints the next unclaimed one itself. A
  // thread sleeps only when there is nothing to do, and is woken only if it sleeps: in a
  // VM each sleep and wake costs more than linting a small file.
  // Results wait for their turn within a window of files, so memory stays flat; a wide one,
  // since this thread lints ahead too and a worker must not stall on the window meanwhile.
  const size_t count = order.size(), window = 32 * static_cast<size_t>(jobs);
  std::vector<std::optional<FileResult>> slots(count);
  const std::unique_ptr<std::atomic<bool>[]> ready(new std::atomic<bool>[count]);
  for (size_t k = 0; k < count; ++k) ready[k] = false;
  std::atomic<size_t> next{0}, consumed{0};
  std::atomic<int> sleepers{0};
  std::mutex mutex;
  std::condition_variable changed;
  auto wake = [&] {
    if (sleepers.load() == 0) return;
    std::lock_guard lock(mutex);
    changed.notify_all();
  };
  auto sleep_until = [&](auto&& done) {
    std::unique_lock lock(mutex);
    ++sleepers;
    changed.wait(lock, done);
    --sleepers;
  };
  auto lint = [&](size_t k) {
    slots[k] = check_one(inputs[order[k]].input, settings[order[k]].target);
    ready[k] = true;
    wake();
  };
  auto worker = [&] {
    for (size_t k = next++; k < count; k = next++) {
      if (k >= consumed + window) sleep_until([&] { return k < consumed + window; });
      lint(k);
    }
  };
  std::vector<std::thread> threads;
  for (unsigned t = 0; t < std::min<size_t>(jobs - 1, count); ++t) threads.emplace_back(worker);
  for (size_t k = 0; k < count; ++k) {
    while (!ready[k]) {
      size_t claim = next;
      if (claim < count && claim < k + window && next.compare_exchange_strong(claim, claim + 1)) lint(claim);
      else if (claim >= count || claim >= k + window) sleep_until([&] { return ready[k].load(); });
    }
    FileResult result = std::move(*slots[k]);
    slots[k].reset();
    consumed = k + 1;
    wake();
    finish(std::move(result), order[k]);
  }
  for (std::thread& thread : threads) thread.join();
}

void check_files(const std::vector<InputFile>& inputs, const std::vector<FileSettings>& settings, unsigned jobs,
                 const std::function<void(FileResult&&, const FileSettings&)>& consume) {
  check_planned(plan_all_reported(inputs), 1, settings, jobs, consume);
}

void check_inputs(const std::vector<std::string>& paths, const std::string& stdin_filename,
                  const TargetProfile& target, unsigned jobs, const std::function<void(FileResult&&)>& consume) {
  const CheckPlan plan = plan_check(paths, stdin_filename, true);
  const std::vector<FileSettings> settings(plan.inputs.size(), FileSettings{target, Severity::Warning, nullptr});
  check_planned(plan.inputs, plan.catalogs, settings, jobs,
                [&](FileResult&& file, const FileSettings&) { consume(std::move(file)); });
}

ExitCode run_check(const CheckOptions& options) {
  const SettingsRequest request{options.config, options.target, options.fail_on};
  auto paths = options.paths.empty() ? default_paths(request) : Result<std::vector<std::string>>(options.paths);
  if (!paths) {
    std::cerr << "dsqlint: " << paths.error().message << "\n";
    return ExitCode::kUsage;
  }
  const CheckPlan plan = plan_check(*paths, options.stdin_filename, !options.no_history);
  std::vector<InputFile> inputs;
  for (const PlannedInput& planned : plan.inputs) inputs.push_back(planned.input);
  const auto settings = resolve_settings(inputs, request);
  if (!settings) {
    std::cerr << "dsqlint: " << settings.error().message << "\n";
    return ExitCode::kUsage;
  }
  std::optional<Baseline> baseline;
  if (!options.baseline.empty()) {
    auto read = Baseline::read(options.baseline);
    if (!read) {
      std::cerr << "dsqlint: " << read.error().message << "\n";
      return ExitCode::kUsage;
    }
    baseline = std::move(*read);
  }
  BaselineWriter recorder;
  const TargetProfile* target = &settings->at(first_reported(plan)).target;  // the report names its first file's target
  auto reports = ReportOutputs::open(options.formats, options.output, options.color, target->name);
  if (!reports) {
    std::cerr << "dsqlint: " << reports.error().message << "\n";
    return ExitCode::kUsage;
  }
  std::string input_errors;
  Summary summary;
  bool failed = false;
  reports->begin();
  for (const std::string& note : plan.notes) std::cerr << "dsqlint: note: " << note << "\n";
  const unsigned jobs = std::max(1u, options.jobs);
  HistoryCache cache(options.cache);
  check_planned(plan.inputs, plan.catalogs, *settings, jobs, [&](FileResult&& file, const FileSettings& file_settings) {
    if (!options.write_baseline.empty()) recorder.add(file);
    if (baseline) baseline->apply(file);
    summary.add(file);
    failed = failed || fails(file, file_settings.threshold);
    collect_input_errors(file, input_errors);
    reports->file(file);
  }, &cache);
  reports->end(summary);
  const std::string unwritten = reports->finish();
  std::cerr << input_errors << unwritten;
  if (!unwritten.empty()) return ExitCode::kUsage;
  if (!input_errors.empty()) return ExitCode::kUsage;
  if (baseline && baseline->unmatched() > 0)
    std::cerr << "dsqlint: " << baseline->unmatched() << " finding(s) recorded in " << options.baseline
              << " no longer occur; run 'dsqlint check --write-baseline " << options.baseline << "' to drop them\n";
  if (!options.write_baseline.empty()) {
    const auto written = recorder.write(options.write_baseline);
    if (!written) {
      std::cerr << "dsqlint: " << written.error().message << "\n";
      return ExitCode::kUsage;
    }
    std::cerr << "dsqlint: recorded " << *written << " finding(s) in " << options.write_baseline << "\n";
    return ExitCode::kClean;
  }
  return failed ? ExitCode::kFindings : ExitCode::kClean;
}

}  // namespace dsqlint
