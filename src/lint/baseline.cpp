#include "lint/baseline.h"

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>

#include <nlohmann/json.hpp>

#include "lint/fingerprint.h"

namespace dsqlint {

Result<Baseline> Baseline::read(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Error{"cannot read baseline " + path + ": " + std::strerror(errno)};
  const nlohmann::json json = nlohmann::json::parse(in, nullptr, /*allow_exceptions=*/false);
  const auto bad = [&](const std::string& why) { return Error{path + ": not a dsqlint baseline: " + why}; };
  if (json.is_discarded()) return bad("invalid JSON");
  if (!json.is_object() || json.value("version", 0) != 1) return bad("expected {\"version\": 1, ...}");
  const auto findings = json.find("findings");
  if (findings == json.end() || !findings->is_array()) return bad("no \"findings\" array");
  Baseline baseline;
  for (const nlohmann::json& entry : *findings) {
    if (!entry.is_object() || !entry.contains("fingerprint") || !entry["fingerprint"].is_string())
      return bad("a finding without a \"fingerprint\" string");
    baseline.matched_.emplace(entry["fingerprint"].get<std::string>(), false);
  }
  return baseline;
}

size_t Baseline::apply(FileResult& file) {
  const auto prints = fingerprints(file);
  size_t hidden = 0;
  for (size_t s = 0; s < file.statements.size(); ++s) {
    for (size_t f = 0; f < file.statements[s].findings.size(); ++f) {
      Finding& finding = file.statements[s].findings[f];
      const auto entry = matched_.find(prints[s][f]);
      if (finding.suppressed || entry == matched_.end()) continue;
      entry->second = true;
      finding.suppressed = Suppressed{"baseline", "recorded in the baseline"};
      ++hidden;
    }
  }
  return hidden;
}

size_t Baseline::unmatched() const {
  size_t count = 0;
  for (const auto& [print, seen] : matched_) count += seen ? 0 : 1;
  return count;
}

void BaselineWriter::add(const FileResult& file) {
  const auto prints = fingerprints(file);
  for (size_t s = 0; s < file.statements.size(); ++s)
    for (size_t f = 0; f < file.statements[s].findings.size(); ++f) {
      const Finding& finding = file.statements[s].findings[f];
      if (!finding.suppressed) entries_.push_back({file.source.path, std::string(finding.rule), prints[s][f]});
    }
}

Result<size_t> BaselineWriter::write(const std::string& path) const {
  nlohmann::json findings = nlohmann::json::array();
  for (const Entry& entry : entries_)
    findings.push_back({{"path", entry.path}, {"rule", entry.rule}, {"fingerprint", entry.fingerprint}});
  const nlohmann::json json = {{"version", 1}, {"tool", "dsqlint"}, {"findings", findings}};
  const std::string temp = path + ".tmp";
  {
    std::ofstream out(temp, std::ios::binary | std::ios::trunc);
    out << json.dump(2) << "\n";
    if (!out.flush()) return Error{"cannot write baseline " + path + ": " + std::strerror(errno)};
  }
  std::error_code error;
  std::filesystem::rename(temp, path, error);
  if (error) return Error{"cannot write baseline " + path + ": " + error.message()};
  return entries_.size();
}

}  // namespace dsqlint
