#pragma once
#include <map>
#include <set>
#include <string>
#include <vector>

#include "lint/file_result.h"

namespace dsqlint::testing {

/// What a fixture file says about itself in comments:
///   -- target: dsql:2025-06-01        (anywhere; the target to check with, default dsql)
///   -- expect: rule-a, rule-b         (the next statement gets findings of these rules)
///   -- class: REWRITE                 (the next statement's class)
struct FixtureExpectations {
  std::string target = "dsql";
  std::map<uint32_t, std::set<std::string>> rules;  ///< statement index -> rule ids
  std::map<uint32_t, std::string> classes;          ///< statement index -> class name
  std::set<std::string> mentioned;                  ///< every rule id named by an expect
};

/// Reads the expectations of a linted fixture: each directive belongs to the first
/// statement that starts after it.
FixtureExpectations read_expectations(const FileResult& file);

std::string read_text_file(const std::string& path);

/// A migrations folder in fixtures/rules/<rule-id>/, for a rule that compares files
/// (duplicate-migration), whose files cannot carry their own expectations: its `expected`
/// file lists "<file> <statement> <rule-id>" per line, '#' starting a comment.
struct FolderFinding {
  std::string file;  ///< path within the folder
  uint32_t statement = 0;
  std::string rule;
  auto operator<=>(const FolderFinding&) const = default;
};
std::set<FolderFinding> read_folder_expectations(const std::string& folder);

}  // namespace dsqlint::testing
