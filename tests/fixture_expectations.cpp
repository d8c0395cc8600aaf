#include "fixture_expectations.h"

#include <fstream>
#include <sstream>

namespace dsqlint::testing {

namespace {

std::string trim(std::string text) {
  const auto begin = text.find_first_not_of(" \t\r");
  const auto end = text.find_last_not_of(" \t\r");
  return begin == std::string::npos ? "" : text.substr(begin, end - begin + 1);
}

/// Index of the first statement that starts at or after `offset` (0 when none).
uint32_t statement_after(const FileResult& file, uint32_t offset) {
  for (const StatementResult& statement : file.statements)
    if (statement.span.begin >= offset) return statement.index;
  return 0;
}

}  // namespace

std::string read_text_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream buffer;
  buffer << in.rdbuf();
  return buffer.str();
}

FixtureExpectations read_expectations(const FileResult& file) {
  FixtureExpectations out;
  const std::string& text = file.source.text;
  size_t line_start = 0;
  while (line_start < text.size()) {
    size_t line_end = text.find('\n', line_start);
    if (line_end == std::string::npos) line_end = text.size();
    const std::string line = trim(text.substr(line_start, line_end - line_start));
    const uint32_t next = statement_after(file, static_cast<uint32_t>(line_end));
    if (line.starts_with("-- target:")) {
      out.target = trim(line.substr(10));
    } else if (line.starts_with("-- expect:")) {
      std::stringstream ids(line.substr(10));
      for (std::string id; std::getline(ids, id, ',');) {
        out.rules[next].insert(trim(id));
        out.mentioned.insert(trim(id));
      }
    } else if (line.starts_with("-- class:")) {
      out.classes[next] = trim(line.substr(9));
    }
    line_start = line_end + 1;
  }
  return out;
}

std::set<FolderFinding> read_folder_expectations(const std::string& folder) {
  std::set<FolderFinding> out;
  std::stringstream lines(read_text_file(folder + "/expected"));
  for (std::string line; std::getline(lines, line);) {
    if (line = trim(line.substr(0, line.find('#'))); line.empty()) continue;
    std::stringstream fields(line);
    FolderFinding finding;
    fields >> finding.file >> finding.statement >> finding.rule;
    out.insert(finding);
  }
  return out;
}

}  // namespace dsqlint::testing
