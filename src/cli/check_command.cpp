#include "cli/check_command.h"

#include <sched.h>

#include <algorithm>
#include <atomic>
#include <condition_variable>
#include <cstdio>
#include <deque>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <mutex>
#include <optional>
#include <set>
#include <thread>

#include "aws/sha256.h"
#include "cli/check_plan.h"
#include "cli/file_settings.h"
#include "cli/inputs.h"
#include "cli/migrations_folder.h"
#include "lint/baseline.h"
#include "lint/duplicate_migration.h"
#include "lint/linter.h"
#include "lint/replay.h"
#include "lint/suppressions.h"
#include "cli/report_outputs.h"
#include "report/reporter.h"

namespace dsqlint {

namespace {

/// Reads and lints one input; with `sha256`, also hashes the bytes it read (the history
/// cache stores a catalog under the content replayed).
FileResult check_one(const InputFile& input, const TargetProfile& target, std::string* sha256 = nullptr) {
  if (!input.problem.empty())
    return unreadable_file(make_source(input.display_path, ""), FileError{"io", input.problem, std::nullopt});
  auto bytes = read_file_bytes(input.path);
  if (!bytes) return unreadable_file(make_source(input.display_path, ""), FileError{"io", bytes.error().message, std::nullopt});
  if (sha256) *sha256 = sha256_hex(*bytes);
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
/// after which input to store a catalog the cache did not hold (with the inputs of its
/// history, whose bytes are hashed as they are linted: a file edited since key() read it
/// must not be stored under the old content's key).
struct CachedHistory {
  std::set<size_t> replaced;
  std::map<size_t, std::vector<size_t>> store_after;
  std::set<size_t> hashed;
};

HistoryEntry history_entry(const PlannedInput& input, const FileSettings& settings) {
  return {input.input.path, input.input.display_path, settings.target.name};
}

/// Stores a replayed history under the key of the bytes that were linted; not at all when
/// one of its files could not be read (no hash).
void store_history(HistoryCache& cache, const std::vector<size_t>& prefix, const std::vector<PlannedInput>& inputs,
                   const std::vector<FileSettings>& settings, const std::vector<std::string>& linted_sha256,
                   const Catalog& catalog) {
  std::vector<HistoryEntry> entries;
  std::vector<std::string> hashes;
  for (const size_t i : prefix) {
    if (linted_sha256[i].empty()) return;
    entries.push_back(history_entry(inputs[i], settings[i]));
    hashes.push_back(linted_sha256[i]);
  }
  cache.store(cache.key_of(entries, hashes), catalog);
}

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
      entries.push_back(history_entry(inputs[i], settings[i]));
    }
    if (prefix.empty()) continue;
    const auto key = cache.key(entries);
    if (!key) continue;
    if (auto loaded = cache.load(*key)) {
      history[c] = std::move(*loaded);
      out.replaced.insert(prefix.begin(), prefix.end());
    } else {
      out.hashed.insert(prefix.begin(), prefix.end());
      const size_t last = prefix.back();
      out.store_after[last] = std::move(prefix);
    }
  }
  cache.save_hashes();
  return out;
}

/// The CPUs this process may run on: more threads than that only wait for each other's
/// turn (the replay is in plan order), so --jobs is capped at it.
unsigned usable_cpus() {
  cpu_set_t set;
  if (::sched_getaffinity(0, sizeof set, &set) == 0) return std::max(1, CPU_COUNT(&set));
  return std::max(1u, std::thread::hardware_concurrency());
}

/// The folder apply would take a file with: its migrations folder, else its own directory.
std::string apply_folder_of(const std::string& path) {
  const auto found = find_migrations_folder(path);
  std::error_code error;
  const std::filesystem::path folder =
      found ? std::filesystem::path(found->folder) : std::filesystem::absolute(path, error).parent_path();
  return std::filesystem::weakly_canonical(folder, error).string();
}

bool same_apply_folder(const std::string& a, const std::string& b) { return apply_folder_of(a) == apply_folder_of(b); }

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
  jobs = std::min(jobs, usable_cpus());
  std::vector<Catalog> history(catalogs);
  const CachedHistory cached = cache ? use_cache(*cache, inputs, catalogs, settings, history) : CachedHistory{};
  std::vector<size_t> order;  // the inputs to lint: all but the history a cached catalog replaces
  for (size_t i = 0; i < inputs.size(); ++i)
    if (!cached.replaced.contains(i)) order.push_back(i);
  // Each thread writes only the hashes of the files it lints; finish reads them in plan order.
  std::vector<std::string> linted_sha256(cached.hashed.empty() ? 0 : inputs.size());
  auto lint = [&](size_t i) {
    return check_one(inputs[i].input, settings[i].target, cached.hashed.contains(i) ? &linted_sha256[i] : nullptr);
  };
  auto finish = [&](FileResult&& result, size_t i) {
    check_duplicate_migration(history[inputs[i].catalog], result, same_apply_folder);
    replay(history[inputs[i].catalog], result, settings[i].target);
    if (const auto it = cached.store_after.find(i); it != cached.store_after.end())
      store_history(*cache, it->second, inputs, settings, linted_sha256, history[inputs[i].catalog]);
    if (!inputs[i].reported) return;
    apply_suppressions(result);
    if (settings[i].config) apply_rule_settings(result, *settings[i].config);
    consume(std::move(result), settings[i]);
  };
  if (jobs <= 1 || order.size() <= 1) {  // one file (an editor's save): no thread to start
    for (const size_t i : order) finish(lint(i), i);
    return;
  }
  // Every thread lints the next unclaimed file and keeps its result; files are replayed
  // and reported in plan order, each by the thread that linted it when its turn comes. A
  // result so never leaves the core that built it: in a VM, reading and freeing memory
  // another core wrote cost more than the replay itself (the catalog, which does move
  // from thread to thread, is touched far less). A thread sleeps only when it has nothing
  // to do, and is woken only if it sleeps: in a VM each sleep and wake costs more than
  // linting a small file. A window of files bounds the results waiting for their turn.
  const size_t count = order.size(), window = 32 * static_cast<size_t>(jobs);
  std::atomic<size_t> next{0};  // the next file to claim
  std::atomic<size_t> turn{0};  // the file to replay and report next
  std::atomic<int> sleepers{0};
  std::mutex mutex;
  std::condition_variable changed;
  auto run = [&] {
    std::deque<std::pair<size_t, FileResult>> linted;  // this thread's, in claim order
    for (;;) {
      const size_t now = turn;
      if (!linted.empty() && linted.front().first == now) {
        finish(std::move(linted.front().second), order[now]);
        linted.pop_front();
        turn = now + 1;  // only the thread holding the turn moves it
        if (sleepers.load() > 0) {
          std::lock_guard lock(mutex);
          changed.notify_all();
        }
        continue;
      }
      size_t claim = next;
      if (claim < count && claim < now + window) {
        if (next.compare_exchange_strong(claim, claim + 1))
          linted.emplace_back(claim, lint(order[claim]));
        continue;
      }
      if (linted.empty() && claim >= count) return;  // nothing left to lint, nothing of its own to report
      std::unique_lock lock(mutex);  // nothing to do until the turn moves
      ++sleepers;
      changed.wait(lock, [&] { return turn != now; });
      --sleepers;
    }
  };
  std::vector<std::thread> threads;
  for (unsigned t = 0; t < std::min<size_t>(jobs - 1, count); ++t) threads.emplace_back(run);
  run();
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
  if (const auto twice = stdin_named_twice(*paths, options.stdin_filename)) {
    std::cerr << "dsqlint: " << *twice << "\n";
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
