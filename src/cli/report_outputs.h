#pragma once
#include <cstdio>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"
#include "report/reporter.h"

namespace dsqlint {

/// The reports of one check run: each format with its own text buffer and destination,
/// all fed from the one lint (`--format text --format sarif=findings.sarif`).
class ReportOutputs {
 public:
  /// Reads the --format values (FMT, or FMT=FILE; text when there are none) and --output
  /// (the file of the one bare FMT), decides colour, and opens every file, so an
  /// unwritable destination fails before anything is linted.
  static Result<ReportOutputs> open(const std::vector<std::string>& formats, const std::string& output,
                                    const std::string& color, std::string_view target);
  ReportOutputs(ReportOutputs&&) = default;
  ReportOutputs& operator=(ReportOutputs&&) = default;
  ~ReportOutputs();

  void begin();
  void file(const FileResult& file);
  void end(const Summary& summary);
  /// Flushes and closes every destination; one line per destination that failed.
  std::string finish();

 private:
  struct Output {
    const Reporter* reporter = nullptr;
    std::string path;  ///< empty for standard output
    std::FILE* sink = nullptr;
    std::string buffer;
    bool write_failed = false;
    ReportState state;
  };
  ReportOutputs() = default;
  void flush(Output& output);

  std::vector<Output> outputs_;
};

/// Whether to colour text on `sink`: --color always|never|auto; auto honours NO_COLOR,
/// then FORCE_COLOR / CLICOLOR_FORCE, then TERM=dumb, then whether `sink` is a terminal.
bool use_color(std::string_view mode, std::FILE* sink);

}  // namespace dsqlint
