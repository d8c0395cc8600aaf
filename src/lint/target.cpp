#include "lint/target.h"

#include <array>
#include <charconv>
#include <utility>

namespace dsqlint {

namespace {

struct FeatureDate {
  Feature feature;
  std::string_view date;
};

constexpr std::array kFeatureDates{
    FeatureDate{Feature::NumericIndexKeys, "2026-02-03"},
    FeatureDate{Feature::Sequences, "2026-02-13"},
    FeatureDate{Feature::Json, "2026-05-04"},
    FeatureDate{Feature::Jsonb, "2026-06-08"},
    FeatureDate{Feature::AlterColumnDefaults, "2026-07-06"},
    FeatureDate{Feature::NotValidConstraints, "2026-08-03"},
    FeatureDate{Feature::DropColumn, "2026-08-03"},
    FeatureDate{Feature::ExpressionIndexes, "2026-08-13"},
    FeatureDate{Feature::ForeignKeys, "2026-08-26"},
    FeatureDate{Feature::Statistics, "2026-08-27"},
    FeatureDate{Feature::PartialIndexes, "2026-09-15"},
};

/// "YYYY-MM-DD" as yyyymmdd, or 0 when it is not a real calendar date.
int parse_date(std::string_view text) {
  if (text.size() != 10 || text[4] != '-' || text[7] != '-') return 0;
  int year = 0, month = 0, day = 0;
  auto number = [&](size_t at, size_t length, int& out) {
    const auto [end, error] = std::from_chars(text.data() + at, text.data() + at + length, out);
    return error == std::errc() && end == text.data() + at + length;
  };
  if (!number(0, 4, year) || !number(5, 2, month) || !number(8, 2, day)) return 0;
  static constexpr std::array<int, 12> kDays{31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (month < 1 || month > 12 || day < 1 || day > kDays[month - 1]) return 0;
  if (month == 2 && day == 29 && !(year % 4 == 0 && (year % 100 != 0 || year % 400 == 0))) return 0;
  return year * 10000 + month * 100 + day;
}

}  // namespace

std::string_view feature_date(Feature feature) {
  for (const auto& entry : kFeatureDates)
    if (entry.feature == feature) return entry.date;
  return "";
}

/// Each feature's day as yyyymmdd, indexed by the enum (the table's dates are valid): rules
/// ask for every statement.
constexpr auto kFeatureDays = [] {
  std::array<int, kFeatureDates.size()> days{};
  for (const auto& entry : kFeatureDates) {
    int day = 0;
    for (const char c : entry.date)
      if (c != '-') day = day * 10 + (c - '0');
    days.at(static_cast<size_t>(entry.feature)) = day;
  }
  return days;
}();

bool TargetProfile::supports(Feature feature) const {
  return engine == Engine::Postgres || kFeatureDays[static_cast<size_t>(feature)] <= date;
}

Result<TargetProfile> parse_target(std::string_view text) {
  if (text == "dsql") return TargetProfile{};
  if (text == "postgres") return TargetProfile{Engine::Postgres, 99991231, "postgres"};
  if (text.starts_with("dsql:")) {
    const int date = parse_date(text.substr(5));
    if (date == 0) return Error{"invalid target date '" + std::string(text.substr(5)) + "': expected YYYY-MM-DD"};
    return TargetProfile{Engine::Dsql, date, std::string(text)};
  }
  return Error{"unknown target '" + std::string(text) + "': expected dsql, dsql:YYYY-MM-DD or postgres"};
}

}  // namespace dsqlint
