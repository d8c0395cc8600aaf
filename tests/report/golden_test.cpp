// Golden outputs of the text and JSON reporters: the binary's exact bytes for each
// fixtures/report/*.sql, checked from the repository root so paths stay relative, each on
// its own (--no-history: the fixtures are not one migration history).
// To accept new output: DSQLINT_UPDATE_GOLDENS=1 build/tests/dsqlint_tests --gtest_filter='Golden*'
#include <gtest/gtest.h>

#include <algorithm>
#include <cctype>
#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <map>
#include <nlohmann/json.hpp>
#include <regex>
#include <string>
#include <vector>

#include "../fixture_expectations.h"
#include "../run_command.h"

namespace dsqlint {
namespace {

namespace fs = std::filesystem;
using testing::run_dsqlint;

const std::string kFixtureDir = "fixtures/report";

/// The exit code of `check` (default --fail-on warning) for each fixture, in both formats.
const std::map<std::string, int> kExitCodes = {
    {"crlf_bom", 1},        // serial-type and rls warnings
    {"mantle_example", 1},  // rls warning
    {"mixed", 1},           // syntax error, DO block, psql meta-command, rls
    {"serial_alter", 1},    // serial-type warning; the ALTERs fold into the CREATE TABLE
};

struct Format {
  std::string name;       ///< the --format value
  std::string extension;  ///< of the golden file
};
const std::vector<Format> kFormats = {{"text", ".txt"}, {"json", ".json"}};

/// The fixture names (file stems), sorted.
std::vector<std::string> fixture_names() {
  std::vector<std::string> names;
  for (const auto& entry : fs::directory_iterator(fs::path(DSQLINT_SOURCE_DIR) / kFixtureDir)) {
    if (entry.is_regular_file() && entry.path().extension() == ".sql") names.push_back(entry.path().stem().string());
  }
  std::sort(names.begin(), names.end());
  return names;
}

std::string fixture_path(const std::string& name) { return kFixtureDir + "/" + name + ".sql"; }

std::string golden_path(const std::string& name, const Format& format) {
  return std::string(DSQLINT_SOURCE_DIR) + "/" + kFixtureDir + "/" + name + format.extension;
}

testing::CommandResult check(const std::string& name, const std::string& format) {
  return run_dsqlint({"check", "--no-history", "--format", format, fixture_path(name)}, "", DSQLINT_SOURCE_DIR);
}

bool updating_goldens() {
  const char* update = std::getenv("DSQLINT_UPDATE_GOLDENS");
  return update != nullptr && std::string(update) == "1";
}

std::string test_name(const ::testing::TestParamInfo<std::string>& info) {
  std::string name = info.param;
  for (char& c : name) {
    if (!std::isalnum(static_cast<unsigned char>(c))) c = '_';
  }
  return name;
}

class GoldenReport : public ::testing::TestWithParam<std::string> {};

TEST_P(GoldenReport, MatchesGoldenFiles) {
  const std::string& name = GetParam();
  const auto expected_exit = kExitCodes.find(name);
  for (const Format& format : kFormats) {
    SCOPED_TRACE("--format " + format.name);
    const auto result = check(name, format.name);
    EXPECT_EQ(result.err, "");
    const std::string golden = golden_path(name, format);
    if (updating_goldens()) {
      testing::write_file(golden, result.out);
      std::cout << "updated " << golden << " (exit code " << result.exit_code << ")\n";
      continue;
    }
    if (expected_exit == kExitCodes.end()) {
      ADD_FAILURE() << "add " << name << " to kExitCodes (it exits " << result.exit_code << ")";
    } else {
      EXPECT_EQ(result.exit_code, expected_exit->second);
    }
    ASSERT_TRUE(fs::exists(golden)) << golden << " is missing; run with DSQLINT_UPDATE_GOLDENS=1 to create it";
    EXPECT_EQ(result.out, testing::read_text_file(golden))
        << "output differs from " << golden << "; if the change is intended, run with DSQLINT_UPDATE_GOLDENS=1";
  }
}

INSTANTIATE_TEST_SUITE_P(Golden, GoldenReport, ::testing::ValuesIn(fixture_names()), test_name);

TEST(GoldenContract, FixturesExist) {
  EXPECT_GE(fixture_names().size(), 3u);
}

/// Fails the test when `object` lacks `key` or its value has the wrong JSON type.
void expect_field(const nlohmann::json& object, const std::string& key, nlohmann::json::value_t type,
                  const std::string& where) {
  ASSERT_TRUE(object.is_object()) << where << " is not an object";
  ASSERT_TRUE(object.contains(key)) << where << " has no \"" << key << "\"";
  const auto actual = object.at(key).type();
  const bool integral = type == nlohmann::json::value_t::number_unsigned &&
                        actual == nlohmann::json::value_t::number_integer;  // non-negative either way
  EXPECT_TRUE(actual == type || integral) << where << "." << key << " has type " << object.at(key).type_name();
}

/// line, column, end_line, end_column: 1-based, the end not before the start.
void expect_range(const nlohmann::json& object, const std::string& where) {
  using value_t = nlohmann::json::value_t;
  for (const char* key : {"line", "column", "end_line", "end_column"}) {
    expect_field(object, key, value_t::number_unsigned, where);
    if (object.contains(key) && object[key].is_number_integer()) EXPECT_GE(object[key].get<long>(), 1) << where << "." << key;
  }
  for (const char* key : {"line", "column", "end_line", "end_column"}) {
    if (!object.contains(key) || !object[key].is_number_integer()) return;
  }
  const auto begin = std::pair(object["line"].get<long>(), object["column"].get<long>());
  const auto end = std::pair(object["end_line"].get<long>(), object["end_column"].get<long>());
  EXPECT_LE(begin, end) << where;
}

TEST(GoldenContract, JsonHasEveryContractField) {
  using value_t = nlohmann::json::value_t;
  size_t statements = 0, findings = 0, errors = 0;
  for (const std::string& name : fixture_names()) {
    SCOPED_TRACE(name);
    const auto result = check(name, "json");
    nlohmann::json json;
    ASSERT_NO_THROW(json = nlohmann::json::parse(result.out)) << result.out;
    expect_field(json, "version", value_t::number_unsigned, "report");
    EXPECT_EQ(json["version"], 1);
    expect_field(json, "tool", value_t::object, "report");
    expect_field(json["tool"], "name", value_t::string, "tool");
    EXPECT_EQ(json["tool"]["name"], "dsqlint");
    expect_field(json["tool"], "version", value_t::string, "tool");
    expect_field(json, "target", value_t::string, "report");
    expect_field(json, "files", value_t::array, "report");
    ASSERT_EQ(json["files"].size(), 1u);
    for (const auto& file : json["files"]) {
      expect_field(file, "path", value_t::string, "file");
      EXPECT_EQ(file["path"], fixture_path(name));
      expect_field(file, "statements", value_t::array, "file");
      expect_field(file, "errors", value_t::array, "file");
      size_t index = 0;
      for (const auto& statement : file["statements"]) {
        const std::string where = "statement " + statement.value("index", nlohmann::json()).dump();
        ++statements;
        expect_field(statement, "index", value_t::number_unsigned, where);
        EXPECT_EQ(statement["index"], ++index) << "statements are numbered 1, 2, ... in order";
        expect_range(statement, where);
        expect_field(statement, "class", value_t::string, where);
        expect_field(statement, "sql", value_t::string, where);
        expect_field(statement, "rewritten", value_t::array, where);
        for (const auto& sql : statement["rewritten"]) EXPECT_TRUE(sql.is_string()) << where;
        expect_field(statement, "findings", value_t::array, where);
        for (const auto& finding : statement["findings"]) {
          ++findings;
          const std::string at = where + " finding " + finding.value("rule", "?");
          for (const char* key : {"rule", "severity", "message", "help"}) expect_field(finding, key, value_t::string, at);
          expect_range(finding, at);
          EXPECT_TRUE(finding["severity"] == "info" || finding["severity"] == "warning" || finding["severity"] == "error")
              << at << ": " << finding["severity"];
        }
      }
      for (const auto& error : file["errors"]) {
        ++errors;
        expect_field(error, "kind", value_t::string, "error");
        expect_field(error, "message", value_t::string, "error");
      }
    }
    expect_field(json, "summary", value_t::object, "report");
    for (const char* key : {"total", "ok", "index", "rewrite", "strip", "recreation", "unsupported", "parse_errors"}) {
      expect_field(json["summary"], key, value_t::number_unsigned, "summary");
    }
  }
  // The fixtures must exercise every array, or the loops above prove nothing.
  EXPECT_GT(statements, 0u);
  EXPECT_GT(findings, 0u);
  EXPECT_GT(errors, 0u);
}

TEST(GoldenContract, TextEndsWithTheMantleSummaryLine) {
  const std::regex summary(
      R"(Total: (\d+) \| Compatible: (\d+) \| Index \(ASYNC\): (\d+) \| Stripped: (\d+) \| Rewritten: (\d+) \| )"
      R"(Recreated: (\d+) \| Unsupported: (\d+)(?: \| Parse errors: (\d+))?)");
  for (const std::string& name : fixture_names()) {
    SCOPED_TRACE(name);
    const std::string text = check(name, "text").out;
    ASSERT_FALSE(text.empty());
    EXPECT_EQ(text.back(), '\n');
    const std::string body = text.substr(0, text.size() - 1);
    const std::string last = body.substr(body.rfind('\n') + 1);
    std::smatch match;
    ASSERT_TRUE(std::regex_match(last, match, summary)) << "last line: " << last;
    // The counts agree with the JSON report of the same run.
    const auto json = nlohmann::json::parse(check(name, "json").out)["summary"];
    const char* keys[] = {"total", "ok", "index", "strip", "rewrite", "recreation", "unsupported"};
    for (size_t i = 0; i < std::size(keys); ++i) {
      EXPECT_EQ(std::stoul(match[i + 1].str()), json[keys[i]].get<size_t>()) << keys[i];
    }
    const size_t parse_errors = match[8].matched ? std::stoul(match[8].str()) : 0;
    EXPECT_EQ(parse_errors, json["parse_errors"].get<size_t>());
  }
}

}  // namespace
}  // namespace dsqlint
